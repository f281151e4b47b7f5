"""Check the map of the test set that `mnist serve` answers (GET /api/model/map) with NumPy.

The model file is read with safetensors' NumPy loader, the MNIST test images are run through
it (normalized with the metadata's mean and std, ReLU after every hidden layer), and the last
hidden layer's activations are projected on the two eigenvectors of their centred covariance
with the largest eigenvalues (numpy.linalg.eigh, in double precision), each turned so that its
largest-magnitude coordinate is positive, the convention the server follows. The server's
points, labels, predictions and variance shares are compared with these, and so is each
`map_point` of the predict answers given, from its `input` (the 28x28 bytes the network saw).

Usage: python Tests/Interop/pca_map.py MODEL MNIST_DIR MAP_JSON [PREDICT_JSON...]
Prints the largest differences; exits 0 when all are within tolerance.
"""

import argparse
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

from mnist_idx import test_images, test_labels


def last_hidden(model, metadata, pixels):
    """The last hidden layer's activations, and the predictions, for rows of 784 bytes."""
    sizes = [int(size) for size in metadata["architecture"].split("-")]
    mean, std = float(metadata["normalization_mean"]), float(metadata["normalization_std"])
    x = (pixels.astype(np.float64) / 255 - mean) / std
    hidden = None
    for index in range(len(sizes) - 1):
        weight = model[f"{index * 2}.weight"].astype(np.float64)
        bias = model[f"{index * 2}.bias"].astype(np.float64)
        x = x @ weight.T + bias
        if index < len(sizes) - 2:
            x = np.maximum(x, 0)
            hidden = x
    return hidden, x.argmax(axis=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("mnist")
    parser.add_argument("map")
    parser.add_argument("predictions", nargs="*")
    arguments = parser.parse_args()

    with safe_open(arguments.model, framework="np") as file:
        metadata = file.metadata()
    model = load_file(arguments.model)
    activations, predicted = last_hidden(model, metadata, test_images(arguments.mnist))
    mean = activations.mean(axis=0)
    covariance = np.cov(activations - mean, rowvar=False)
    values, vectors = np.linalg.eigh(covariance)
    axes = vectors[:, ::-1][:, :2].T
    for axis in axes:
        if axis[np.argmax(np.abs(axis))] < 0:
            axis *= -1
    theirs = (activations - mean) @ axes.T
    shares = values[::-1][:2] / values.clip(min=0).sum()

    with open(arguments.map) as file:
        served = json.load(file)
    points = served["points"]
    ours = np.array([[point["x"], point["y"]] for point in points])
    spread = np.abs(theirs).max()
    difference = np.abs(ours - theirs).max() / spread
    labels_agree = all(point["label"] == label for point, label in zip(points, test_labels(arguments.mnist)))
    predictions_agree = sum(point["predicted"] == p for point, p in zip(points, predicted))
    share_difference = np.abs(np.array(served["variance_shares"]) - shares).max()
    print(f"map: {len(points)} points, largest difference {difference:.3g} of the largest coordinate "
          f"{spread:.3g}; variance shares {shares[0]:.4f}, {shares[1]:.4f} (difference {share_difference:.2g}); "
          f"labels agree: {labels_agree}; predictions agree on {predictions_agree}")
    within = (len(points) == len(theirs) and difference <= 1e-3 and share_difference <= 1e-4 and labels_agree
              and predictions_agree >= len(points) - 5)

    for path in arguments.predictions:
        with open(path) as file:
            answer = json.load(file)
        hidden, _ = last_hidden(model, metadata, np.array(answer["input"], dtype=np.uint8).reshape(1, 784))
        expected = ((hidden - mean) @ axes.T)[0]
        point = np.array([answer["map_point"]["x"], answer["map_point"]["y"]])
        off = np.abs(point - expected).max() / spread
        print(f"{path}: map_point {point.round(4).tolist()}, NumPy {expected.round(4).tolist()} (difference {off:.3g})")
        within = within and off <= 1e-3
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
