"""Read the MNIST test set from an IDX folder (gzipped or not), as the interop checks need it."""

import gzip
import os
import sys

import numpy as np


def read_idx(directory, name, magic):
    """The bytes after the header of IDX file `name` (or `name`.gz), and its dimensions."""
    path = os.path.join(directory, name)
    opener, path = (gzip.open, path + ".gz") if os.path.exists(path + ".gz") else (open, path)
    with opener(path, "rb") as file:
        content = file.read()
    if content[:4] != magic:
        sys.exit(f"{path} is not the IDX file expected")
    count = content[3]
    dimensions = [int.from_bytes(content[4 + 4 * i:8 + 4 * i], "big") for i in range(count)]
    return np.frombuffer(content, dtype=np.uint8, offset=4 + 4 * count), dimensions


def test_images(directory):
    """The test images, one row of 784 bytes each."""
    pixels, (count, rows, columns) = read_idx(directory, "t10k-images-idx3-ubyte", b"\x00\x00\x08\x03")
    return pixels.reshape(count, rows * columns)


def test_labels(directory):
    labels, _ = read_idx(directory, "t10k-labels-idx1-ubyte", b"\x00\x00\x08\x01")
    return labels
