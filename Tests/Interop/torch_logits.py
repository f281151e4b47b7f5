"""Load a SwiftMNIST model file into PyTorch and compare its logits with SwiftMNIST's.

The model file is read the way any PyTorch user would: `safetensors.torch.load_file` into
an `nn.Sequential` of `nn.Linear` and `nn.ReLU` built from the metadata's architecture,
loaded with `strict=True`. The MNIST test images are normalized with the metadata's
mean and std, and PyTorch's logits compared with the `logits` tensor of each file given.

Usage: python Tests/Interop/torch_logits.py MODEL MNIST_DIR LOGITS... [--tolerance 1e-5]
Prints a line per logits file; exits 0 when every largest absolute difference is within
the tolerance.
"""

import argparse
import os
import sys

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from mnist_idx import test_images


def sequential(architecture):
    sizes = [int(size) for size in architecture.split("-")]
    layers = []
    for index, (inputs, outputs) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(inputs, outputs))
        if index < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("mnist")
    parser.add_argument("logits", nargs="+")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    arguments = parser.parse_args()
    torch.set_num_threads(1)

    with safe_open(arguments.model, framework="pt") as file:
        metadata = file.metadata()
    network = sequential(metadata["architecture"])
    network.load_state_dict(load_file(arguments.model), strict=True)

    mean = float(metadata["normalization_mean"])
    std = float(metadata["normalization_std"])
    images = torch.from_numpy(test_images(arguments.mnist).astype(np.float32))
    with torch.no_grad():
        theirs = network((images / 255 - mean) / std)
    within = True
    for path in arguments.logits:
        ours = load_file(path)["logits"]
        if ours.shape != theirs.shape:
            sys.exit(f"{path}: our logits have shape {list(ours.shape)}, PyTorch's {list(theirs.shape)}")
        difference = (theirs - ours).abs().max().item()
        agreeing = (theirs.argmax(1) == ours.argmax(1)).sum().item()
        print(f"{os.path.basename(path)}: max abs difference {difference:.3g} (tolerance {arguments.tolerance:g}) "
              f"over {len(ours)} images; largest |logit| {theirs.abs().max().item():.3g}; "
              f"predictions agree on {agreeing} of {len(ours)}")
        within = within and difference <= arguments.tolerance
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
