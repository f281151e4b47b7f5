"""Train the same MLP (784-128-64-10, ReLU, softmax cross-entropy, SGD with momentum) in
PyTorch, in NumPy and in our `mnist` binary, one after the other in one run, and print
seconds per epoch and the ratios. Training time only: data loading and evaluation excluded.

Usage: python3 Benchmarks/peers.py --mnist .build/release/mnist [--batch 64] [--epochs 4]
"""

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import time

import numpy as np


def load_training_set(directory):
    def read(name, offset):
        path = os.path.join(directory, name)
        opener = gzip.open if os.path.exists(path + ".gz") else open
        with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as file:
            return np.frombuffer(file.read(), dtype=np.uint8, offset=offset)

    images = read("train-images-idx3-ubyte", 16).reshape(-1, 784)
    labels = read("train-labels-idx1-ubyte", 8).astype(np.int64)
    x = ((images.astype(np.float32) / 255.0) - 0.1307) / 0.3081
    return x, labels


def time_numpy(x, y, batch, epochs, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [784, 128, 64, 10]
    weights = [rng.standard_normal((o, i), dtype=np.float32) * np.float32(np.sqrt(2.0 / i))
               for i, o in zip(sizes, sizes[1:])]
    biases = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    velocity = [np.zeros_like(p) for p in weights + biases]
    lr, momentum = np.float32(0.03), np.float32(0.9)
    times = []
    for _ in range(epochs):
        order = rng.permutation(len(x))
        start = time.perf_counter()
        for first in range(0, len(x), batch):
            index = order[first:first + batch]
            activations = [x[index]]
            for layer, (w, b) in enumerate(zip(weights, biases)):
                z = activations[-1] @ w.T + b
                activations.append(np.maximum(z, 0) if layer < 2 else z)
            logits = activations[-1]
            shifted = logits - logits.max(axis=1, keepdims=True)
            probabilities = np.exp(shifted)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            gradient = probabilities
            gradient[np.arange(len(index)), y[index]] -= 1
            gradient /= len(index)
            grads_w, grads_b = [None] * 3, [None] * 3
            for layer in (2, 1, 0):
                grads_w[layer] = gradient.T @ activations[layer]
                grads_b[layer] = gradient.sum(axis=0)
                if layer > 0:
                    gradient = (gradient @ weights[layer]) * (activations[layer] > 0)
            for parameter, grad, v in zip(weights + biases, grads_w + grads_b, velocity):
                v *= momentum
                v += grad
                parameter -= lr * v
        times.append(time.perf_counter() - start)
    return times


def time_torch(x, y, batch, epochs, seed=0):
    import torch
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9)
    loss_function = torch.nn.CrossEntropyLoss()
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    times = []
    for _ in range(epochs):
        order = torch.randperm(len(tx))
        start = time.perf_counter()
        for first in range(0, len(tx), batch):
            index = order[first:first + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(tx[index]), ty[index])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    return times, torch.__version__, torch.get_num_threads()


def time_ours(binary, data, batch, epochs, kernel):
    command = [binary, "train", "--data", data, "--batch-size", str(batch), "--epochs", str(epochs),
               "--validation", "0", "--kernel", kernel]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [float(m.group(1)) for m in re.finditer(r"^epoch .*  ([\d.]+) s  [\d,]+ samples/s$", output, re.M)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mnist", required=True, help="path of the mnist binary")
    parser.add_argument("--data", default=os.environ.get("MNIST_DATA", "data/mnist"))
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=4, help="timed epochs per framework (the first is a warm-up)")
    parser.add_argument("--kernels", default="blas,swift")
    arguments = parser.parse_args()

    x, y = load_training_set(arguments.data)
    rows = []  # (name, seconds per epoch)
    for kernel in arguments.kernels.split(","):
        rows.append((f"ours ({kernel})", statistics.median(
            time_ours(arguments.mnist, arguments.data, arguments.batch, arguments.epochs, kernel)[1:])))
    try:
        times, version, threads = time_torch(x, y, arguments.batch, arguments.epochs)
        rows.append((f"PyTorch {version}, {threads} threads", statistics.median(times[1:])))
    except ImportError:
        print("PyTorch is not installed: skipping it (make bench-peers installs it)", file=sys.stderr)
    rows.append((f"NumPy {np.__version__}", statistics.median(time_numpy(x, y, arguments.batch, arguments.epochs)[1:])))

    reference = rows[0][1]
    print(f"784-128-64-10 MLP, batch {arguments.batch}, {len(x):,} images per epoch, "
          f"median of {arguments.epochs - 1} epochs after a warm-up")
    print(f"{'':32} {'s/epoch':>8} {'samples/s':>11} {'time vs ' + rows[0][0]:>20}")
    for name, seconds in rows:
        print(f"{name:32} {seconds:8.3f} {len(x) / seconds:11,.0f} {seconds / reference:19.2f}x")


if __name__ == "__main__":
    main()
