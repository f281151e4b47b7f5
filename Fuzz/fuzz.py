#!/usr/bin/env python3
"""Builds the libFuzzer harnesses (Fuzz/Package.swift) under AddressSanitizer, writes their seed
corpora (seeds.py), runs each harness for the given number of seconds and prints, per harness,
executions per second, total executions and the coverage reached. Exits non-zero when a harness
crashes or breaks a property; the input that did it is copied to Fuzz/.build/findings/<harness>/,
ready to be kept in Tests/ParserRegressions/<harness>/ once the bug is fixed.

    python3 Fuzz/fuzz.py SECONDS [HARNESS ...]
"""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import seeds

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
WORK = FUZZ / ".build"
REGRESSIONS = ROOT / "Tests" / "ParserRegressions"


def build():
    # SwiftPM passes the two sanitizers to swiftc as two -sanitize= flags, in no fixed order,
    # and swiftc keeps only the last: one build has no coverage, the next no AddressSanitizer.
    # The -Xswiftc flag comes last and names both; SwiftPM still needs --sanitize=fuzzer to
    # link the harnesses with libFuzzer's main.
    command = ["swift", "build", "--package-path", str(FUZZ), "--sanitize=fuzzer", "--sanitize=address",
               "-Xswiftc", "-sanitize=fuzzer,address"]
    print("building:", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run(command, check=True)
    print(f"built in {time.monotonic() - started:.0f} s", flush=True)
    binaries = subprocess.run(command + ["--show-bin-path"], check=True, capture_output=True, text=True)
    return Path(binaries.stdout.strip())


def statistics(log):
    """What libFuzzer reported: its final stats and the last status line's coverage."""
    figures = {key: int(value) for key, value in re.findall(r"^stat::(\w+):\s+(\d+)", log, re.MULTILINE)}
    status = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", log)
    if status:
        figures["cov"], figures["ft"], figures["corpus"] = map(int, status[-1])
    return figures


def run(harness, binary, seconds):
    corpus = WORK / "corpus" / harness  # kept between runs: what the fuzzer learnt so far
    findings = WORK / "findings" / harness
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(findings, ignore_errors=True)
    findings.mkdir(parents=True)
    inputs = [corpus, WORK / "seeds" / harness]
    if (REGRESSIONS / harness).is_dir():
        inputs.append(REGRESSIONS / harness)
    log_path = WORK / "logs" / f"{harness}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [str(binary), *map(str, inputs), f"-max_total_time={seconds}", "-print_final_stats=1",
               "-timeout=10", "-rss_limit_mb=2048", f"-artifact_prefix={findings}/"]
    # Swift's backtracer would hold a crashed harness for up to 30 s: libFuzzer reports instead.
    environment = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    with open(log_path, "w") as log:
        status = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, env=environment).returncode
    text = log_path.read_text(errors="replace")
    return status, statistics(text), sorted(findings.iterdir()), text, log_path


def main():
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    seconds = int(sys.argv[1])
    chosen = sys.argv[2:] or list(seeds.HARNESSES)
    unknown = set(chosen) - set(seeds.HARNESSES)
    if unknown:
        sys.exit(f"unknown harness {', '.join(sorted(unknown))}; the harnesses are {', '.join(seeds.HARNESSES)}")
    binaries = build()
    shutil.rmtree(WORK / "seeds", ignore_errors=True)
    seeds.write(WORK / "seeds")

    rows, failures = [], []
    for harness in chosen:
        print(f"fuzzing {harness} for {seconds} s", flush=True)
        status, figures, found, text, log_path = run(harness, binaries / harness, seconds)
        rows.append((harness, figures, len(found)))
        if "cov" not in figures:
            failures.append(f"{harness}: libFuzzer saw no coverage (is the build instrumented?); log {log_path}")
        elif status != 0 or found:
            summary = [line for line in text.splitlines() if "ERROR" in line or "Fatal error" in line or "SUMMARY" in line]
            failures.append(f"{harness}: exit status {status}, inputs kept: {', '.join(map(str, found)) or 'none'}; "
                            f"log {log_path}\n  " + "\n  ".join(summary[:6]))

    width = max(len("harness"), *map(len, chosen))
    print(f"\n{'harness':<{width}} {'execs/s':>8} {'execs':>10} {'cov':>6} {'ft':>6} {'corpus':>7} {'findings':>8}")
    for harness, figures, found in rows:
        cells = [figures.get(key, "?") for key in ("average_exec_per_sec", "number_of_executed_units", "cov", "ft", "corpus")]
        print(f"{harness:<{width}} {cells[0]:>8} {cells[1]:>10} {cells[2]:>6} {cells[3]:>6} {cells[4]:>7} {found:>8}")
    print("(cov: code edges reached in the Swift code, ft: libFuzzer's finer coverage features; "
          "the C libraries are the system's, not instrumented)")
    if failures:
        print("\nFINDINGS:\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
