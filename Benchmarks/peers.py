"""Train the same MLP (784-128-64-10, ReLU, softmax cross-entropy, SGD with momentum 0.9) with
our `mnist` binary (each kernel), PyTorch and NumPy, and run it forward over the 10,000 test
images, the contestants taking turns round by round so that a slow spell of the machine falls
on all of them, with a second's rest before each turn; print each one's median rate and each
ratio's median and range over the rounds.

A training round is one untimed warm-up epoch and --epochs timed ones of a fresh model (data
loading and evaluation excluded); an inference round is one pass over the test images (ours:
`mnist evaluate`'s own timing of its forward passes, in its batches of 128, in a fresh
process; the peers: `model(x)` under `torch.inference_mode()`, and NumPy's matrix products,
in batches of 1,000).

Usage: python3 Benchmarks/peers.py --mnist .build/release/mnist [--batch 64] [--rounds 5]
       [--epochs 2] [--kernels blas,swift] [--json FILE]
"""

import argparse
import datetime
import gzip
import json
import os
import statistics
import sys
import tempfile
import time

import numpy as np

from peer_contestants import LAYER_SIZES, NumPy, Ours, PyTorch, train_model_file

WARMUP_EPOCHS = 1
# Seconds of rest before each turn: the BLAS and OpenMP threads of the turn before keep
# spinning for a while after their last product, and would take a core from the next one.
SETTLE_SECONDS = 1.0


def read_idx(directory, name, header_bytes):
    """The bytes after the header of an IDX file of `directory`, gzipped or not."""
    path = os.path.join(directory, name)
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as file:
            return np.frombuffer(file.read(), dtype=np.uint8, offset=header_bytes)
    with open(path, "rb") as file:
        return np.frombuffer(file.read(), dtype=np.uint8, offset=header_bytes)


def load_set(directory, prefix):
    """Normalized images `[count, 784]` (float32) and labels (int64) of the `train` or `t10k` set."""
    images = read_idx(directory, f"{prefix}-images-idx3-ubyte", 16).reshape(-1, 784)
    labels = read_idx(directory, f"{prefix}-labels-idx1-ubyte", 8).astype(np.int64)
    return ((images.astype(np.float32) / 255.0) - 0.1307) / 0.3081, labels


def make_contestants(arguments, model_file):
    """Ours with each kernel, then PyTorch (when installed) and NumPy, ready to run."""
    contestants = [Ours(arguments.mnist, arguments.data, arguments.batch, kernel, model_file)
                   for kernel in arguments.kernels.split(",")]
    training = load_set(arguments.data, "train")
    test = load_set(arguments.data, "t10k")
    try:
        contestants.append(PyTorch(training, test, arguments.batch))
    except ImportError:
        print("PyTorch is not installed: skipping it (make bench-peers installs it)", file=sys.stderr)
    contestants.append(NumPy(training, test, arguments.batch))
    return contestants


def run_rounds(contestants, rounds, epochs):
    """Each round, every contestant trains, then every contestant infers, in turn; returns the
    rounds as `{"training": [{name: samples/s}], "inference": [{name: images/s}]}`."""
    def settled(turn):
        time.sleep(SETTLE_SECONDS)
        return turn()

    results = {"training": [], "inference": []}
    for number in range(1, rounds + 1):
        results["training"].append(
            {c.name: settled(lambda: c.train_round(WARMUP_EPOCHS, epochs)) for c in contestants})
        results["inference"].append({c.name: settled(c.infer_round) for c in contestants})
        print(f"round {number}/{rounds} done", file=sys.stderr, flush=True)
    return results


def spread(values):
    """The median, minimum and maximum of `values`."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def ratio_pairs(names):
    """(numerator, denominator) of each ratio to report: each of our kernels against each peer,
    and swift against blas when both ran."""
    ours = [name for name in names if name.startswith("ours")]
    peers = [name for name in names if not name.startswith("ours")]
    pairs = [(mine, peer) for mine in ours for peer in peers]
    if {"ours (blas)", "ours (swift)"} <= set(names):
        pairs.append(("ours (swift)", "ours (blas)"))
    return pairs


def summarize(rounds):
    """Per contestant, the spread of its rates over `rounds`; per ratio, its value in every round
    and their spread."""
    names = list(rounds[0])
    rates = {name: spread([r[name] for r in rounds]) for name in names}
    ratios = {}
    for numerator, denominator in ratio_pairs(names):
        values = [r[numerator] / r[denominator] for r in rounds]
        ratios[f"{numerator} / {denominator}"] = {"rounds": values, **spread(values)}
    return {"rounds": rounds, "rates": rates, "ratios": ratios}


def print_table(title, unit, summary):
    """One short table: each contestant's median rate and range, then each ratio's."""
    width = max(map(len, list(summary["rates"]) + list(summary["ratios"])))
    print(f"\n{title}, {unit}".ljust(width + 4) + f"{'median':>10}  {'min – max over rounds':>23}")
    for name, rate in summary["rates"].items():
        print(f"  {name:{width}} {rate['median']:10,.0f}  {rate['min']:10,.0f} – {rate['max']:,.0f}")
    for name, ratio in summary["ratios"].items():
        print(f"  {name:{width}} {ratio['median']:9.2f}×  {ratio['min']:10.2f} – {ratio['max']:.2f}×")


def cpu_description():
    """The CPU model and its feature flags, from the first processor of /proc/cpuinfo."""
    fields = {}
    with open("/proc/cpuinfo") as file:
        for line in file:
            if not line.strip():
                break
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    return {"model": fields.get("model name", "unknown"), "flags": fields.get("flags", "").split(),
            "cores": os.cpu_count()}


def write_json(path, document):
    """Writes `document` to `path` through a temporary file in the same folder, then a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as file:
        json.dump(document, file, indent=2)
    os.replace(file.name, path)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mnist", required=True, help="path of the mnist binary")
    parser.add_argument("--data", default=os.environ.get("MNIST_DATA", "data/mnist"))
    parser.add_argument("--batch", type=int, default=64, help="training batch size (default 64)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of turns (default 5)")
    parser.add_argument("--epochs", type=int, default=2,
                        help=f"timed training epochs per contestant and round, after {WARMUP_EPOCHS} warm-up (default 2)")
    parser.add_argument("--kernels", default="blas,swift", help="our kernels, comma-separated")
    parser.add_argument("--json", metavar="FILE", help="also write every round, the ratios and the set-up here")
    arguments = parser.parse_args()
    for flag in ("batch", "rounds", "epochs"):
        if getattr(arguments, flag) < 1:
            parser.error(f"--{flag} must be at least 1")
    return arguments


def main():
    arguments = parse_arguments()
    date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory() as folder:
        model_file = os.path.join(folder, "model.safetensors")
        train_model_file(arguments.mnist, arguments.data, model_file)
        contestants = make_contestants(arguments, model_file)
        results = run_rounds(contestants, arguments.rounds, arguments.epochs)

    architecture = "-".join(map(str, LAYER_SIZES))
    training, inference = summarize(results["training"]), summarize(results["inference"])
    print(f"{architecture} MLP, SGD momentum 0.9, batch {arguments.batch}; {arguments.rounds} round(s), "
          f"the contestants taking turns; a training round is {WARMUP_EPOCHS} warm-up + {arguments.epochs} "
          f"timed epochs of 60,000 images, an inference round one pass over 10,000 (peers in batches of 1,000)")
    print_table("training", "samples/s", training)
    print_table("inference", "images/s", inference)

    if arguments.json:
        write_json(arguments.json, {
            "date": date, "command": sys.argv,
            "settings": {"architecture": architecture, "batch": arguments.batch, "rounds": arguments.rounds,
                         "warmup_epochs": WARMUP_EPOCHS, "timed_epochs": arguments.epochs},
            "machine": cpu_description(),
            "contestants": {c.name: c.description() for c in contestants},
            "training_samples_per_second": training, "inference_images_per_second": inference})
        print(f"\nwrote {arguments.json}")


if __name__ == "__main__":
    main()
