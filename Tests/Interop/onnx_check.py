"""Check an ONNX file written by `mnist export` with the onnx package and onnxruntime.

1. `onnx.checker.check_model(full_check=True)` accepts it, and the graph is the documented
   one: input `pixels` [N, 784], Sub, Div, a Gemm (transB=1) per layer with a Relu after each
   hidden one, Softmax on axis 1, outputs `logits` and `probabilities` [N, 10].
2. Its metadata_props equal the model file's safetensors metadata, key for key.
3. onnxruntime (CPU) on every MNIST test image, fed byte / 255, gives the logits of LOGITS (a
   safetensors file holding SwiftMNIST's `logits` [10000, 10]) within TOLERANCE relative to
   the largest logit, and the same predicted digit for every image.
4. The fenced Python block of DOCS, run as it is in the ONNX file's folder (so it must name
   the file model.onnx) with `image` set to a test image, predicts what onnxruntime does.

Usage: python Tests/Interop/onnx_check.py ONNX MODEL MNIST_DIR LOGITS --docs docs/onnx.md
    [--tolerance 1e-5] [--docs-images 100]
Prints one JSON object (what was measured, and the confusion matrix of the ONNX predictions)
and exits 0 when every check passes; otherwise prints what failed and exits 1.
"""

import argparse
import json
import os
import re
import sys

import numpy as np
import onnx
import onnxruntime
from safetensors import safe_open
from safetensors.numpy import load_file

from mnist_idx import test_images, test_labels


def graph_problems(model, layers):
    """What differs from the documented graph, as a list of messages."""
    problems = []
    graph = model.graph

    def shape(value):
        return [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]

    inputs = [(value.name, shape(value)) for value in graph.input]
    outputs = [(value.name, shape(value)) for value in graph.output]
    if inputs != [("pixels", ["N", 784])]:
        problems.append(f"inputs are {inputs}")
    if outputs != [("logits", ["N", 10]), ("probabilities", ["N", 10])]:
        problems.append(f"outputs are {outputs}")
    operators = [node.op_type for node in graph.node]
    expected = ["Sub", "Div"] + ["Gemm", "Relu"] * (layers - 1) + ["Gemm", "Softmax"]
    if operators != expected:
        problems.append(f"operators are {operators}, expected {expected}")
    for node in graph.node:
        attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "Gemm" and attributes != {"transB": 1}:
            problems.append(f"Gemm {node.name} has attributes {attributes}")
        if node.op_type == "Softmax" and attributes != {"axis": 1}:
            problems.append(f"Softmax has attributes {attributes}")
    opsets = {entry.domain: entry.version for entry in model.opset_import}
    if opsets.get("", 0) < 13:
        problems.append(f"opset imports are {opsets}")
    return problems


def run_docs_lines(docs, folder, images, expected):
    """Runs the docs' Python block on each image; returns how many predictions agree."""
    blocks = re.findall(r"```python\n(.*?)```", open(docs).read(), re.DOTALL)
    if len(blocks) != 1 or len(blocks[0].strip().splitlines()) != 3:
        sys.exit(f"{docs} should have exactly one Python block of three lines, not {blocks}")
    code = compile(blocks[0], docs, "exec")
    here = os.getcwd()
    os.chdir(folder)
    try:
        agreeing = 0
        for image, digit in zip(images, expected):
            namespace = {"image": image.reshape(28, 28)}
            exec(code, namespace)
            agreeing += int(namespace["digit"] == digit)
    finally:
        os.chdir(here)
    return agreeing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("onnx")
    parser.add_argument("model")
    parser.add_argument("mnist")
    parser.add_argument("logits")
    parser.add_argument("--docs", required=True)
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--docs-images", type=int, default=100)
    arguments = parser.parse_args()
    failures = []

    model = onnx.load(arguments.onnx)
    onnx.checker.check_model(model, full_check=True)
    with safe_open(arguments.model, framework="numpy") as file:
        metadata = file.metadata()
    layers = len(metadata["architecture"].split("-")) - 1
    failures += graph_problems(model, layers)
    exported = {entry.key: entry.value for entry in model.metadata_props}
    if exported != metadata:
        failures.append(f"metadata differs: ONNX {exported}, model file {metadata}")
    if (model.producer_name, model.producer_version) != ("SwiftMNIST", metadata["swiftmnist_version"]):
        failures.append(f"producer is {model.producer_name} {model.producer_version}")

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(arguments.onnx, options, providers=["CPUExecutionProvider"])
    images = test_images(arguments.mnist)
    logits, probabilities = session.run(["logits", "probabilities"], {"pixels": images.astype(np.float32) / 255})
    ours = load_file(arguments.logits)["logits"]
    if ours.shape != logits.shape:
        sys.exit(f"SwiftMNIST's logits have shape {ours.shape}, onnxruntime's {logits.shape}")
    largest = float(np.abs(ours).max())
    relative = float(np.abs(logits - ours).max()) / largest
    predicted = logits.argmax(1)
    agreeing = int((predicted == ours.argmax(1)).sum())
    if relative > arguments.tolerance:
        failures.append(f"logits differ by {relative:.3g} of the largest, above {arguments.tolerance:g}")
    if agreeing != len(ours):
        failures.append(f"predictions agree on only {agreeing} of {len(ours)} images")
    softmax = np.exp(logits - logits.max(1, keepdims=True))
    softmax /= softmax.sum(1, keepdims=True)
    probability_difference = float(np.abs(probabilities - softmax).max())
    if probability_difference > 1e-6:
        failures.append(f"probabilities differ from the softmax of the logits by {probability_difference:.3g}")

    count = min(arguments.docs_images, len(images))
    docs_agreeing = run_docs_lines(arguments.docs, os.path.dirname(os.path.abspath(arguments.onnx)),
                                   images[:count], predicted[:count])
    if docs_agreeing != count:
        failures.append(f"the docs' lines agree with onnxruntime on {docs_agreeing} of {count} images")

    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (test_labels(arguments.mnist).astype(int), predicted), 1)
    print(json.dumps({
        "images": len(ours), "largest_logit": largest, "max_relative_difference": relative,
        "max_abs_difference": float(np.abs(logits - ours).max()), "predictions_agree": agreeing,
        "probability_difference": probability_difference, "docs_images": count,
        "docs_predictions_agree": docs_agreeing, "confusion": confusion.tolist(),
        "onnxruntime": onnxruntime.__version__, "onnx": onnx.__version__,
    }))
    for failure in failures:
        print(failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
