"""Run every `mnist` and `make` command that README.md, CONTRIBUTING.md, docs/*.md and the DocC
articles show, and fail if any of them fails, so that a renamed flag breaks the build and not
the reader; and check that every Swift snippet that names its source file (`// From PATH`)
shows that file's code as it is.

A command is a line of a code block that starts with `mnist` or `make` (after an optional
`$ `, up to a `#` comment), or an inline code span that does; a span of only `mnist` and a
subcommand, which names the subcommand in a sentence, runs as `mnist SUBCOMMAND --help`.
How each one runs:

- `mnist ...` runs in a scratch folder laid out like a checkout: `data/mnist` is the data,
  `../shared` the shared mirror when there is one, and the setup below has made the files the
  docs name (a model, images of digits). Placeholders get the values in PLACEHOLDERS, an
  alternative `a|b` runs once per choice, and long runs get the flags in SHORT_FORMS. A server
  (SERVERS) passes if it is still serving after a few seconds, and is then stopped.
- `make ...` runs as `make --dry-run` in the checkout: the target exists and takes the
  variables shown; the targets themselves run in CI (.ci/run). Flags shown in `ARGS="..."`
  of `make train` also run as `mnist train ...` in the scratch folder.

Usage: python3 scripts/docs_check.py --mnist .build/release/mnist [--data data/mnist]
"""

import argparse
import glob
import gzip
import os
import re
import shlex
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# Whole words in a shown command, and what runs in their place.
PLACEHOLDERS = {
    "N": "1",
    "M": "model.safetensors",
    "FLAGS": "",
    "<subcommand>": "train",
    "<command>": "train",
    "~/SwiftMNIST/data/mnist": "data/mnist",  # the README: a checkout's data, named from another folder
}

# Flags appended to a shown command that starts with the key (a flag given twice: the last
# one counts), so that each runs in seconds.
SHORT_FORMS = {
    "mnist train": "--epochs 1 --limit 600 --validation 100",
    "mnist evaluate": "--limit 500",
    "mnist bench": "--batches 64 --shape-batches 64 --threads 1 --contention-batches 0 --epochs 1 --limit 640",
}

# Commands that serve until they are stopped: each passes if it is still running after this
# many seconds (or has exited successfully), and is then stopped.
SERVERS = {"mnist serve": 5}

# The images the docs feed to `mnist predict`: file name and the digit drawn in it.
IMAGES = {"two.jpg": 2, "zero.png": 0, "seven.png": 7}


def shown_commands(path):
    """The `mnist` and `make` commands shown in a Markdown file, in order."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    commands = []
    # Code blocks: one command per line.
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = re.sub(r"^\$ ", "", line).split(" #")[0].strip()
            if re.match(r"(mnist|make)( [\w-]|$)", line):  # not a diagram's "mnist (CLI)"
                commands.append(line)
    # Inline code spans outside code blocks (a span may wrap onto the next line).
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    prose = re.sub(r"``.+?``", "", prose, flags=re.S)  # DocC symbol links
    for span in re.findall(r"`([^`]+)`", prose):
        span = " ".join(span.replace("\\|", "|").split())
        if re.fullmatch(r"mnist [a-z][a-z-]*", span):
            commands.append(span + " --help")  # names a subcommand in a sentence: it exists
        elif re.match(r"(mnist|make) ", span):
            commands.append(span)
    return commands


def expanded(command):
    """The commands that run for one shown command: placeholders filled in, one per
    alternative of an `a|b` argument, the short form's flags appended."""
    words = [PLACEHOLDERS.get(word, word) for word in shlex.split(command)]
    variants = [[]]
    for word in words:
        choices = word.split("|") if re.fullmatch(r"[\w.,-]+(\|[\w.,-]+)+", word) else [word]
        variants = [variant + [choice] for variant in variants for choice in choices]
    runs = []
    for variant in variants:
        line = shlex.join(word for word in variant if word)
        short = next((flags for prefix, flags in SHORT_FORMS.items() if line.startswith(prefix)), "")
        runs.append(f"{line} {short}".strip())
    return runs


def make_runs(command):
    """A shown `make` command: its dry run in the checkout, and `mnist train` with the flags of
    its ARGS when it is `make train`."""
    words = shlex.split(command)
    runs = [("checkout", shlex.join(["make", "--dry-run", *words[1:]]))]
    arguments = next((word[len("ARGS=") :] for word in words if word.startswith("ARGS=")), None)
    if "train" in words and arguments:
        runs += [("scratch", run) for run in expanded(f"mnist train {arguments}")]
    return runs


def write_png(path, pixels, width, height):
    """A grayscale 8-bit PNG, written to a temporary file and renamed into place."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(pixels[row * width : (row + 1) * width]) for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    with open(path + ".tmp", "wb") as file:
        file.write(png)
    os.replace(path + ".tmp", path)


def read_idx(data, name):
    """The bytes of an IDX file of the data folder, gzip-compressed or not."""
    path = os.path.join(data, name)
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as file:
            return file.read()
    with open(path, "rb") as file:
        return file.read()


def draw_digits(data, folder):
    """The images the docs name, as PNG files (mnist reads the format from the bytes, not the
    name): the first test image of each digit, dark ink on light paper, four times its size."""
    images = read_idx(data, "t10k-images-idx3-ubyte")[16:]
    labels = read_idx(data, "t10k-labels-idx1-ubyte")[8:]
    scale = 4
    for name, digit in IMAGES.items():
        index = labels.index(digit)
        image = images[index * 784 : (index + 1) * 784]
        side = 28 * scale
        pixels = [255 - image[(y // scale) * 28 + x // scale] for y in range(side) for x in range(side)]
        write_png(os.path.join(folder, name), pixels, side, side)


def run(command, folder, environment):
    """Runs a command; returns its exit status, seconds and output. A server (SERVERS) that is
    still running when its time is up counts as a success and is stopped."""
    start = time.monotonic()
    serving = next((seconds for prefix, seconds in SERVERS.items() if command.startswith(prefix)), None)
    process = subprocess.Popen(
        command,
        shell=True,
        executable="/bin/bash",
        cwd=folder,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, to stop it and its children at once
    )
    try:
        output, _ = process.communicate(timeout=serving or 600)
        status = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate()
        status = 0 if serving else "timeout: still running after 600 s"
    return status, time.monotonic() - start, output


SNIPPET_SOURCE = re.compile(r"^// From (\S+)$")


def snippet_problems(page):
    """What is wrong with the Swift snippets of `page` that name their source file.

    A ```swift block whose first line is `// From PATH` shows code of PATH (relative to the
    checkout), which is compiled and tested: its other lines, stripped, must be lines of that
    file in the same order, one after the next except where the snippet has a line `...`.
    """
    problems = []
    with open(os.path.join(ROOT, page)) as file:
        blocks = re.findall(r"^```swift\n(.*?)^```", file.read(), re.M | re.S)
    for block in blocks:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        source = SNIPPET_SOURCE.match(lines[0]) if lines else None
        if not source:
            continue
        path = os.path.join(ROOT, source.group(1))
        if not os.path.exists(path):
            problems.append(f"{page}: a snippet's source {source.group(1)} does not exist")
            continue
        with open(path) as file:
            code = [line.strip() for line in file if line.strip()]
        position, adjacent = 0, False
        for line in lines[1:]:
            if line == "...":
                adjacent = False
                continue
            try:
                found = code.index(line, position)
            except ValueError:
                found = -1
            if found < 0 or (adjacent and found != position):
                problems.append(f"{page}: this line of a snippet is not where it should be in {source.group(1)}: {line}")
                break
            position, adjacent = found + 1, True
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", required=True, help="the mnist binary")
    parser.add_argument("--data", default=os.environ.get("MNIST_DATA", "data/mnist"), help="the MNIST folder")
    arguments = parser.parse_args()
    mnist = os.path.abspath(arguments.mnist)
    data = os.path.abspath(arguments.data)
    if not os.path.isdir(data):
        sys.exit(f"docs-check: no MNIST data in {data}: run `make data` (or pass --data DIR)")

    pages = [
        "README.md",
        "CONTRIBUTING.md",
        *sorted(glob.glob("docs/*.md", root_dir=ROOT)),
        *sorted(glob.glob("Sources/*/*.docc/*.md", root_dir=ROOT)),  # the DocC articles
    ]
    problems = [problem for page in pages for problem in snippet_problems(page)]
    if problems:
        sys.exit("docs-check: " + "\n".join(problems))
    runs = []
    for page in pages:
        for command in shown_commands(os.path.join(ROOT, page)):
            if command.startswith("make"):
                runs += [(page, command, where, line) for where, line in make_runs(command)]
            else:
                runs += [(page, command, "scratch", line) for line in expanded(command)]

    with tempfile.TemporaryDirectory(prefix="docs-check-") as scratch:
        # Setup: a folder laid out like a checkout, mnist on the PATH, a model, the images.
        checkout = os.path.join(scratch, "checkout")
        os.makedirs(os.path.join(checkout, "data"))
        os.symlink(data, os.path.join(checkout, "data", "mnist"))
        if os.path.isdir(os.path.join(ROOT, "..", "shared")):
            os.symlink(os.path.abspath(os.path.join(ROOT, "..", "shared")), os.path.join(scratch, "shared"))
        os.makedirs(os.path.join(scratch, "bin"))
        os.symlink(mnist, os.path.join(scratch, "bin", "mnist"))
        environment = {k: v for k, v in os.environ.items() if k not in ("MNIST_DATA", "MAKEFLAGS", "MFLAGS")}
        environment["PATH"] = os.path.join(scratch, "bin") + os.pathsep + environment["PATH"]
        draw_digits(data, checkout)
        status, _, output = run(
            "mnist train --epochs 1 --limit 2000 --validation 0 --save model.safetensors", checkout, environment
        )
        if status != 0:
            sys.exit(f"docs-check: the setup could not train a model:\n{output}")

        failures, seen = [], set()
        for page, shown, where, line in runs:
            if (where, line) in seen:
                continue
            seen.add((where, line))
            status, seconds, output = run(line, ROOT if where == "checkout" else checkout, environment)
            print(f"{'ok' if status == 0 else 'FAILED':6} {seconds:5.1f} s  {line}", flush=True)
            if status != 0:
                failures.append((page, shown, line, status, output))

    for page, shown, line, status, output in failures:
        tail = "\n".join(output.strip().splitlines()[-8:])
        print(f"\n{page}: `{shown}`\n  ran `{line}`, exit status {status}:\n{tail}", file=sys.stderr)
    if failures:
        sys.exit(f"docs-check: {len(failures)} of {len(seen)} commands shown in the docs failed")
    print(f"docs-check: all {len(seen)} commands shown in the docs ran")


if __name__ == "__main__":
    main()
