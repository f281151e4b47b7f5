"""The public API of the libraries other packages can depend on, as text, compared with (or
written to) Tests/APISnapshots/<Module>.txt.

The symbol graphs come from the test build, which compiles every module with
-emit-symbol-graph (Makefile, TEST_FLAGS). Each public declaration becomes one line, its path
and its declaration, sorted; members of other modules' types (an extension of `Duration`, say)
are listed under that type. Members the compiler writes (`!=`, `hashValue`) are left out, and a
member that fulfils a protocol's requirement (`description`) counts as documented by it.
Symbols behind an SPI (`@_spi(...) public`) are left out: they are
for this repository's own packages in Benchmarks/ and Fuzz/, not for users.

The check fails when the API differs from the snapshots (a diff says how; if the change is
meant, run `make api` and describe it in CHANGELOG.md) and when a public symbol has no doc
comment.

Usage: python3 scripts/api_snapshot.py --graphs DIR [--write]
"""

import argparse
import difflib
import glob
import json
import os
import sys

MODULES = ["NeuralNet", "MNIST", "Images", "Charts", "ParserProperties"]
# How much earlier than a module's main symbol graph one of its extension graphs may be
# written and still belong to the same compile.
STALE_SECONDS = 60
SNAPSHOTS = os.path.join(os.path.dirname(__file__), "..", "Tests", "APISnapshots")


def declaration(symbol):
    """The symbol's declaration on one line, as the compiler spells it."""
    text = "".join(fragment["spelling"] for fragment in symbol["declarationFragments"])
    return " ".join(text.split())


def public_symbols(graphs, module):
    """(line, path) for each public, non-SPI symbol of `module`, extensions of other modules included."""
    main = os.path.join(graphs, f"{module}.symbols.json")
    if not os.path.exists(main):
        sys.exit(f"api: no symbol graph {main}; build the tests first (make test)")
    # A module's compile writes all its graphs at once; an extension graph written long before
    # the main one is left over from an earlier build whose extensions this one no longer has.
    written = os.path.getmtime(main)
    files = [main] + [
        path
        for path in sorted(glob.glob(os.path.join(graphs, f"{module}@*.symbols.json")))
        if os.path.getmtime(path) > written - STALE_SECONDS
    ]
    found = {}
    for path in files:
        extended = os.path.basename(path).split("@")[1].split(".")[0] + "." if "@" in path else ""
        with open(path) as file:
            graph = json.load(file)
        fulfils_a_requirement = {
            relationship["source"] for relationship in graph["relationships"] if "sourceOrigin" in relationship
        }
        for symbol in graph["symbols"]:
            identifier = symbol["identifier"]["precise"]
            if symbol["accessLevel"] not in ("public", "open") or symbol.get("spi") or "::SYNTHESIZED::" in identifier:
                continue
            name = extended + ".".join(symbol["pathComponents"])
            line = f"{name}  {declaration(symbol)}"
            found[line] = (name, bool(symbol.get("docComment")) or identifier in fulfils_a_requirement)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", required=True, help="the folder of .symbols.json files")
    parser.add_argument("--write", action="store_true", help="write the snapshots instead of checking them")
    arguments = parser.parse_args()

    failed = False
    for module in MODULES:
        symbols = public_symbols(arguments.graphs, module)
        lines = sorted(symbols)
        snapshot = os.path.join(SNAPSHOTS, f"{module}.txt")
        if arguments.write:
            os.makedirs(SNAPSHOTS, exist_ok=True)
            with open(snapshot + ".tmp", "w") as file:
                file.write("".join(line + "\n" for line in lines))
            os.replace(snapshot + ".tmp", snapshot)
        else:
            with open(snapshot) as file:
                expected = file.read().splitlines()
            if expected != lines:
                failed = True
                print(f"api: the public API of {module} changed:")
                sys.stdout.writelines(
                    line + "\n" for line in difflib.unified_diff(expected, lines, snapshot, "built", n=0, lineterm=""))
        undocumented = sorted({name for name, documented in symbols.values() if not documented})
        if undocumented:
            failed = True
            print(f"api: {len(undocumented)} public symbols of {module} have no doc comment:")
            print("".join(f"  {name}\n" for name in undocumented), end="")
        print(f"api: {module}: {len(lines)} public symbols" + (" written" if arguments.write else ""))
    if failed and not arguments.write:
        print("api: if the change is meant, run `make api` and describe it in CHANGELOG.md")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
