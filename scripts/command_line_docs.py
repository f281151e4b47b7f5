"""Write the options reference in docs/command-line.md from the `--help` of every subcommand.

The page keeps its hand-written introduction, everything above the marker line, and replaces
everything below it with the help of `mnist` and of each subcommand that `mnist --help` lists
(and of theirs, should they have subcommands), so a new subcommand appears without a change
here. With --check it writes nothing and fails, showing the difference, when the page is not
what it would write.

Usage: python3 scripts/command_line_docs.py --mnist .build/release/mnist [--check]
"""

import argparse
import difflib
import os
import re
import subprocess
import sys

PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "command-line.md")
MARKER = "<!-- Generated below from `mnist --help` by `make docs` (scripts/command_line_docs.py): do not edit. -->"


def help_text(mnist, command):
    """The help of `mnist COMMAND...` as a user with no MNIST settings in the environment sees it
    in a pipe (ArgumentParser wraps at 80 columns when its output is not a terminal)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("MNIST_DATA", "MNIST_MIRROR", "COLUMNS")}
    result = subprocess.run(
        [mnist, *command, "--help"], capture_output=True, text=True, env=environment, check=False
    )
    if result.returncode != 0:
        sys.exit(f"command_line_docs: `mnist {' '.join(command + ['--help'])}` failed:\n{result.stderr}")
    return "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())


def subcommands(help_output):
    """The subcommand names in the SUBCOMMANDS section of a help text, in their order."""
    names, listing = [], False
    for line in help_output.splitlines():
        if line.startswith("SUBCOMMANDS:"):
            listing = True
        elif listing and re.match(r"^  [a-z]", line):
            names.append(line.split()[0])
        elif listing and line and not line.startswith(" "):
            break
    return names


def reference(mnist):
    """The generated part of the page: a section per command, depth first, `mnist` first."""
    sections, pending = [], [[]]
    while pending:
        command = pending.pop(0)
        text = help_text(mnist, command)
        sections.append(f"## mnist {' '.join(command)}".rstrip() + f"\n\n```text\n{text}\n```\n")
        pending[0:0] = [command + [name] for name in subcommands(text)]
    return "\n".join(sections)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", required=True, help="the mnist binary")
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    arguments = parser.parse_args()

    with open(PAGE, encoding="utf-8") as file:
        current = file.read()
    if MARKER not in current:
        sys.exit(f"command_line_docs: {PAGE} has lost its marker line:\n{MARKER}")
    introduction = current.split(MARKER)[0]
    page = f"{introduction}{MARKER}\n\n{reference(arguments.mnist)}"

    if arguments.check:
        if page != current:
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(True), page.splitlines(True), "docs/command-line.md", "mnist --help"
                )
            )
            sys.exit("docs/command-line.md differs from the --help of the commands: run `make docs` and commit it.")
        print("docs/command-line.md matches the --help of every command")
        return
    temporary = PAGE + ".tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(page)
    os.replace(temporary, PAGE)
    print("wrote docs/command-line.md")


if __name__ == "__main__":
    main()
