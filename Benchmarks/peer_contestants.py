"""The contestants of bench-peers: our `mnist` binary (one per kernel), PyTorch and NumPy.

Each trains the same MLP (784-128-64-10, ReLU, softmax cross-entropy, SGD with momentum 0.9)
and runs it forward over the test images. A contestant has a `name`, `train_round(warmup,
epochs)` returning training samples/s over `epochs` timed epochs after `warmup` untimed ones,
`infer_round()` returning images/s over one pass of the test set, and `description()`
returning what it is built from (version, BLAS configuration, threads), for the JSON record.
"""

import json
import re
import subprocess
import time

import numpy as np

LAYER_SIZES = [784, 128, 64, 10]
LEARNING_RATE = 0.03
MOMENTUM = 0.9
INFERENCE_BATCH = 1000


class Ours:
    """Our `mnist` binary with one kernel; a fresh process per round, so each round pays its own
    start (hence the warm-up epoch)."""

    def __init__(self, binary, data, batch, kernel, model_file):
        self.binary, self.data, self.batch, self.kernel = binary, data, batch, kernel
        self.model_file = model_file
        self.name = f"ours ({kernel})"
        self.banner = None

    def train_round(self, warmup, epochs):
        command = [self.binary, "train", "--data", self.data, "--batch-size", str(self.batch),
                   "--epochs", str(warmup + epochs), "--validation", "0", "--kernel", self.kernel, "--verbose"]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        self.banner = next(line for line in output.splitlines() if line.startswith("model "))
        rates = [float(match.group(1).replace(",", ""))
                 for match in re.finditer(r"^epoch .*  ([\d,]+) samples/s(?:  |$)", output, re.M)]
        if len(rates) != warmup + epochs:
            raise RuntimeError(f"expected {warmup + epochs} epoch lines from {' '.join(command)}:\n{output}")
        return overall_rate(rates[warmup:])

    def infer_round(self):
        command = [self.binary, "evaluate", "--model", self.model_file, "--data", self.data,
                   "--kernel", self.kernel, "--json", "-"]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        return json.loads(output)["images_per_second"]

    def description(self):
        return {"binary": self.binary, "kernel": self.kernel, "banner": self.banner}


def overall_rate(rates):
    """The samples/s of consecutive epochs of equal size, from each epoch's samples/s."""
    return len(rates) / sum(1 / rate for rate in rates)


def train_model_file(binary, data, path):
    """Trains our default model for one epoch and saves it to `path`, for the inference rounds."""
    subprocess.run([binary, "train", "--data", data, "--epochs", "1", "--validation", "0", "--save", path],
                   check=True, capture_output=True)


class PyTorch:
    """`torch.nn.Sequential` of Linear and ReLU layers, `torch.optim.SGD`, and the forward pass in
    batches of 1,000 under `torch.inference_mode()`."""

    def __init__(self, training, test, batch):
        import torch
        self.torch = torch
        self.x, self.y = torch.from_numpy(training[0]), torch.from_numpy(training[1])
        self.test_x = torch.from_numpy(test[0])
        self.batch = batch
        self.name = f"PyTorch {torch.__version__}"
        self.model = self.make_model(seed=0)
        self.infer_round()  # the first pass pays for allocations and thread start-up

    def make_model(self, seed):
        torch = self.torch
        torch.manual_seed(seed)
        layers = []
        for inputs, outputs in zip(LAYER_SIZES, LAYER_SIZES[1:]):
            layers += [torch.nn.Linear(inputs, outputs), torch.nn.ReLU()]
        return torch.nn.Sequential(*layers[:-1])

    def train_round(self, warmup, epochs):
        torch = self.torch
        self.model = self.make_model(seed=0)
        optimizer = torch.optim.SGD(self.model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
        loss_function = torch.nn.CrossEntropyLoss()
        seconds = 0.0
        for epoch in range(warmup + epochs):
            order = torch.randperm(len(self.x))
            start = time.perf_counter()
            for first in range(0, len(self.x), self.batch):
                index = order[first:first + self.batch]
                optimizer.zero_grad(set_to_none=True)
                loss_function(self.model(self.x[index]), self.y[index]).backward()
                optimizer.step()
            if epoch >= warmup:
                seconds += time.perf_counter() - start
        return epochs * len(self.x) / seconds

    def infer_round(self):
        start = time.perf_counter()
        with self.torch.inference_mode():
            for first in range(0, len(self.test_x), INFERENCE_BATCH):
                self.model(self.test_x[first:first + INFERENCE_BATCH]).argmax(dim=1)
        return len(self.test_x) / (time.perf_counter() - start)

    def description(self):
        torch = self.torch
        return {"version": torch.__version__, "threads": torch.get_num_threads(),
                "config": torch.__config__.show(), "parallel_info": torch.__config__.parallel_info()}


class NumPy:
    """The same MLP written out in NumPy: matrix products, ReLU, softmax, backward and the
    momentum update by hand, on NumPy's own BLAS."""

    def __init__(self, training, test, batch):
        self.x, self.y = training
        self.test_x = test[0]
        self.batch = batch
        self.name = f"NumPy {np.__version__}"
        self.rng = np.random.default_rng(0)
        self.weights, self.biases = self.make_parameters()
        self.infer_round()  # the first pass pays for allocations and thread start-up

    def make_parameters(self):
        """He-initialized weights `[out, in]` and zero biases, like our engine's."""
        weights = [self.rng.standard_normal((outputs, inputs), dtype=np.float32) * np.float32(np.sqrt(2.0 / inputs))
                   for inputs, outputs in zip(LAYER_SIZES, LAYER_SIZES[1:])]
        return weights, [np.zeros(outputs, dtype=np.float32) for outputs in LAYER_SIZES[1:]]

    def forward(self, x):
        """The activations of every layer, input first and logits last."""
        activations = [x]
        for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
            z = activations[-1] @ weight.T + bias
            activations.append(np.maximum(z, 0) if layer < len(self.weights) - 1 else z)
        return activations

    def gradients(self, activations, labels):
        """The gradients of the mean cross-entropy with respect to every weight, then every bias."""
        logits = activations[-1]
        probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = probabilities
        gradient[np.arange(len(labels)), labels] -= 1
        gradient /= len(labels)
        weight_gradients, bias_gradients = [None] * len(self.weights), [None] * len(self.weights)
        for layer in reversed(range(len(self.weights))):
            weight_gradients[layer] = gradient.T @ activations[layer]
            bias_gradients[layer] = gradient.sum(axis=0)
            if layer > 0:
                gradient = (gradient @ self.weights[layer]) * (activations[layer] > 0)
        return weight_gradients + bias_gradients

    def train_round(self, warmup, epochs):
        self.weights, self.biases = self.make_parameters()
        parameters = self.weights + self.biases
        velocities = [np.zeros_like(parameter) for parameter in parameters]
        learning_rate, momentum = np.float32(LEARNING_RATE), np.float32(MOMENTUM)
        seconds = 0.0
        for epoch in range(warmup + epochs):
            order = self.rng.permutation(len(self.x))
            start = time.perf_counter()
            for first in range(0, len(self.x), self.batch):
                index = order[first:first + self.batch]
                gradients = self.gradients(self.forward(self.x[index]), self.y[index])
                for parameter, gradient, velocity in zip(parameters, gradients, velocities):
                    velocity *= momentum
                    velocity += gradient
                    parameter -= learning_rate * velocity
            if epoch >= warmup:
                seconds += time.perf_counter() - start
        return epochs * len(self.x) / seconds

    def infer_round(self):
        start = time.perf_counter()
        for first in range(0, len(self.test_x), INFERENCE_BATCH):
            self.forward(self.test_x[first:first + INFERENCE_BATCH])[-1].argmax(axis=1)
        return len(self.test_x) / (time.perf_counter() - start)

    def description(self):
        return {"version": np.__version__, "config": np.show_config(mode="dicts")}
