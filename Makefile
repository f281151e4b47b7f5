# make train        install what is missing, build, fetch MNIST, train the default model and
#                   save it as models/mnist.safetensors (git ignores it; --save in ARGS overrides)
# make install      copy the release mnist to $(PREFIX)/bin (/usr/local; PREFIX=~/.local needs no root)
# make test         run the whole test suite (with the Server trait, so mnist serve is tested too)
# make tsan         run the engine's and the CLI's tests under ThreadSanitizer; fails on any report
# make asan         run the parser and image tests under AddressSanitizer; fails on any report
# make fuzz         fuzz every parser for SECONDS seconds each (default 60); fails on any finding
# make bench        compare the kernels (agreement, GFLOP/s, samples/s) and count allocations
# make bench-check  fail if a steady-state training step allocates, for any kernel and thread
#                   count (package-benchmark's static thresholds in Benchmarks/Thresholds/)
# make bench-peers  train the same model in PyTorch and NumPy beside ours, with the ratios
# make example      build, run and test Examples/tabular, a package that depends on this one (with
#                   KERNEL's kernel), and check that it compiled neither Hummingbird nor ArgumentParser
# make api-check    after make test: the public API of NeuralNet, MNIST, Images and Charts matches
#                   Tests/APISnapshots/ and every public symbol has a doc comment (make api builds
#                   and writes the snapshots anew)
# make export       build mnist and export a model as ONNX: ARGS="--model M --onnx O"
# make venv         PyTorch, onnx and onnxruntime in .venv, for bench-peers and the interop tests
# make serve        build mnist with the Server trait (own scratch path) and serve the model of
#                   make train (trained first if models/mnist.safetensors is missing); MODEL=FILE
#                   serves FILE instead; it prints the URL
# make lint         check the Swift sources against .swift-format (swift format lint --strict)
# make format       rewrite the Swift sources in place to .swift-format's style
# make docs         the DocC site in .build/docs-site (fails on any DocC warning) and
#                   docs/command-line.md from the --help of every subcommand
# make docs-check   docs/command-line.md matches --help; every command the docs show runs
# KERNEL=swift builds without OpenBLAS (pure-Swift GEMM); ARGS="--epochs 3" passes flags on.

SHELL := /bin/bash
KERNEL ?= blas
ARGS ?=

ifeq ($(KERNEL),swift)
  TRAIT_FLAGS := --disable-default-traits
  SCRATCH := .build-swift
  APT_PACKAGES := zlib1g-dev libpng-dev libjpeg-dev
else ifeq ($(KERNEL),blas)
  TRAIT_FLAGS :=
  SCRATCH := .build
  APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev libpng-dev libjpeg-dev
else
  $(error KERNEL must be blas or swift, not '$(KERNEL)')
endif

# Swift emits FMA and AVX2 instructions only when the target CPU allows them; without them the
# pure-Swift kernel's SIMD code is scalar and many times slower. Ask for Haswell-level code
# (AVX2 + FMA, every x86-64 CPU since 2013) when this CPU has both.
# Without /proc/cpuinfo (macOS, say), no flag: the compiler's default CPU.
CPU_FLAGS := $(shell grep -qw fma /proc/cpuinfo 2>/dev/null && grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo "-Xswiftc -target-cpu -Xswiftc haswell")
SWIFT_FLAGS := $(TRAIT_FLAGS) --scratch-path $(SCRATCH) $(CPU_FLAGS)
MNIST := $(SCRATCH)/release/mnist

# Data: data/mnist unless MNIST_DATA says otherwise; the offline mirror beside the checkout
# when it is there, else the public HTTPS mirrors.
export MNIST_DATA ?= data/mnist
SHARED_MIRROR := ../shared/mnist
export MNIST_MIRROR ?= $(if $(wildcard $(SHARED_MIRROR)/train-images-idx3-ubyte.gz),$(SHARED_MIRROR))

comma := ,
empty :=
space := $(empty) $(empty)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# `mnist serve` needs the package trait Server, which adds Hummingbird and SwiftNIO (minutes to
# build the first time): the first `make train` goes without it. `make serve` builds with it in
# a scratch folder of its own; `make test` builds with it, so the tests cover the server (the
# pure-Swift build leaves it out: it does not depend on the kernel).
TEST_TRAITS := $(if $(filter swift,$(KERNEL)),$(TRAIT_FLAGS),--traits OpenBLAS$(comma)Server)
# The test build also writes every module's symbol graph, which `make api-check` reads. It
# leaves out Swift's debug information (-gnone), which nothing in a test run reads (a crash's
# backtrace still names the functions) and which costs a tenth of the build's CPU time.
SYMBOL_GRAPHS := $(SCRATCH)/symbol-graphs
TEST_FLAGS := $(TEST_TRAITS) --scratch-path $(SCRATCH) $(CPU_FLAGS) -Xswiftc -gnone \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc $(CURDIR)/$(SYMBOL_GRAPHS)
SERVE_SCRATCH := $(SCRATCH)-serve
SERVE_FLAGS := --traits $(if $(filter blas,$(KERNEL)),OpenBLAS$(comma))Server --scratch-path $(SERVE_SCRATCH) $(CPU_FLAGS)
# The test build's mnist has every subcommand working: the docs and their check run it.
TEST_MNIST := $(SCRATCH)/debug/mnist
# The tests' debug build compiles our own modules with -O (Package.swift, optimizedForTests):
# unoptimized, the engine trains about ten times slower, and the tests that train wait for it.
TEST_ENV := SWIFTMNIST_OPTIMIZE=1
# The tests start `mnist` a few hundred times. OpenBLAS starts a thread per core when it loads,
# and each spins for a moment, though the kernels run OpenBLAS on one thread and split the
# products themselves (BLASKernel): without that pool, each start takes 0.1 s less CPU.
RUN_ENV := $(TEST_ENV) OPENBLAS_NUM_THREADS=1
MODEL ?=

VENV := .venv
PYTHON_PACKAGES := torch==2.13.0+cpu numpy safetensors onnx onnxruntime selenium

.PHONY: all deps build install data train test test-build example api api-check export serve tsan asan fuzz bench bench-check bench-peers venv lint format docs docs-check clean

all: build

# Debian's packages, installed with apt-get when missing. Without dpkg and apt-get (another
# Linux, macOS), it names them and goes on: install their equivalents yourself.
deps:
	@if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then \
	  echo "deps: no apt-get here; install the equivalents of: $(APT_PACKAGES)"; exit 0; \
	fi; \
	missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release $(SWIFT_FLAGS) --product mnist

# The release binary, so that `mnist` works from any folder (give it --data or MNIST_DATA there).
# A leading ~ in PREFIX is expanded here too, for shells that pass it on as it is.
PREFIX ?= /usr/local
BIN_DIR = $(patsubst ~%,$(HOME)%,$(PREFIX))/bin

install: build
	install -D -m 755 $(MNIST) $(BIN_DIR)/mnist || { echo "install: cannot write $(BIN_DIR); use sudo make install, or make install PREFIX=~/.local"; exit 1; }
	@echo "installed $(BIN_DIR)/mnist; from another folder, give it --data DIR or set MNIST_DATA"

data: build
	$(MNIST) fetch

# Where `make train` saves its model and `make serve` finds it.
TRAINED_MODEL := models/mnist.safetensors

train: data
	mkdir -p $(dir $(TRAINED_MODEL))
	$(MNIST) train --save $(TRAINED_MODEL) $(ARGS)

# One build for the tests and the binaries they run (mnist, mnist-minimal), then the tests.
test: deps
	$(TEST_ENV) swift build --build-tests $(TEST_FLAGS)
	$(RUN_ENV) swift test --skip-build $(TEST_FLAGS)

# Examples/tabular depends on this package by path, as a package of yours would by URL: its
# default trait turns on OpenBLAS here, and --disable-default-traits leaves the Swift kernel.
EXAMPLE := Examples/tabular
EXAMPLE_FLAGS := $(if $(filter swift,$(KERNEL)),--disable-default-traits) --scratch-path $(SCRATCH) $(CPU_FLAGS)

example: deps
	cd $(EXAMPLE) && swift build -c release $(EXAMPLE_FLAGS)
	cd $(EXAMPLE) && $(SCRATCH)/release/tabular --save $(SCRATCH)/spirals.safetensors
	@for module in Hummingbird ArgumentParser; do \
	  if ls $(EXAMPLE)/$(SCRATCH)/release/$$module.build/*.o >/dev/null 2>&1; then \
	    echo "example: the dependent package compiled $$module, which only mnist needs"; exit 1; \
	  fi; \
	done
	cd $(EXAMPLE) && swift test -c release $(EXAMPLE_FLAGS)

# The public API (scripts/api_snapshot.py) of the OpenBLAS build. `make api` builds and writes
# the snapshots, after a change that is meant (with a line in CHANGELOG.md); `make api-check`
# reads the symbol graphs of the last test build, so run it after `make test`, as CI does.
api: deps
	$(TEST_ENV) swift build --build-tests $(TEST_FLAGS)
	python3 scripts/api_snapshot.py --graphs $(SYMBOL_GRAPHS) --write

api-check:
	python3 scripts/api_snapshot.py --graphs $(SYMBOL_GRAPHS)

export: build
	$(MNIST) export $(ARGS)

# ThreadSanitizer on the threaded code: the engine's tests (GEMM kernels, worker pool, adaptive
# kernel, trainer), the server's API tests (predictions, the map off the request threads,
# training, steps, runs, status; not the saliency's and the map's numeric checks against finite
# differences and NumPy, single-threaded arithmetic that make test checks, a minute and a half
# under TSan), and the CLI tests that run mnist's own threads
# (training end to end with the kernel's threads and augmentation's, stopping on a signal,
# evaluating and resuming), which run the TSan build of mnist beside the test bundle and read
# MNIST from ../shared/mnist (they skip without it, so it must be there). The CLI's other tests
# parse flags or print, one thread, and would only add minutes of TSan-slowed processes. Every
# process, mnist children included (the tests capture their stderr), writes its reports to
# TSAN_LOGS; any report fails the target, even in a test that expected its child to fail.
TSAN_TESTS := NeuralNetTests \
  |MNISTCommandTests\.(TrainEndToEndTests|TrainReproducibilityTests|KernelChoiceTests|InterruptedWriteTests|ModelCommandTests) \
  |ServerTests\.(PredictionAPITests|StatusTests|TrainingAPITests|MapAPITests|StepAPITests|TrainingRunsTests)
TSAN_SKIP := theMapAndTheDrawnDigitsPlaceMatchNumPy
TSAN_SCRATCH := $(SCRATCH)-tsan
TSAN_TRAITS := $(if $(filter blas,$(KERNEL)),--traits OpenBLAS$(comma)Server,--traits Server)
TSAN_FLAGS := $(TSAN_TRAITS) --sanitize=thread --scratch-path $(TSAN_SCRATCH) $(CPU_FLAGS)
TSAN_LOGS := $(CURDIR)/$(TSAN_SCRATCH)/tsan-reports

tsan: deps
	@[ -f $(SHARED_MIRROR)/t10k-labels-idx1-ubyte.gz ] || { echo "tsan: the CLI tests need MNIST in $(SHARED_MIRROR)"; exit 1; }
	$(TEST_ENV) swift build --build-tests $(TSAN_FLAGS)
	rm -rf $(TSAN_LOGS) && mkdir -p $(TSAN_LOGS)
	TSAN_OPTIONS="halt_on_error=1 log_path=$(TSAN_LOGS)/report" \
	  $(RUN_ENV) swift test --skip-build $(TSAN_FLAGS) --filter '$(subst $(space),,$(TSAN_TESTS))' --skip '$(TSAN_SKIP)'; \
	status=$$?; \
	if compgen -G '$(TSAN_LOGS)/report.*' >/dev/null; then cat $(TSAN_LOGS)/report.*; exit 1; fi; \
	exit $$status

# AddressSanitizer on the code that reads outside files, C shims included (libjpeg's error
# jump, libpng, zlib): the Images and MNIST tests (IDX, gzip, PNG, JPEG, PGM/PPM, Exif, model
# files, fetching, the fuzzers' kept findings) and the safetensors tests. A report aborts the
# test process, which fails the target. Leak checking is off: the test bundle's one-time
# allocations (XCTest's, libcurl's, the tests' static arguments) would all count as leaks.
ASAN_SCRATCH := $(SCRATCH)-asan
ASAN_FLAGS := $(TRAIT_FLAGS) --sanitize=address --scratch-path $(ASAN_SCRATCH) $(CPU_FLAGS)

asan: deps
	$(TEST_ENV) swift build --build-tests $(ASAN_FLAGS)
	ASAN_OPTIONS=detect_leaks=0 $(TEST_ENV) swift test --skip-build $(ASAN_FLAGS) --filter 'ImagesTests|MNISTTests|SafeTensorsTests|MLPTensorsTests'

# libFuzzer (Fuzz/, a package of its own): builds one harness per parser under AddressSanitizer,
# writes their seeds (Fuzz/seeds.py), runs each for SECONDS seconds and prints its execs/s,
# total execs and coverage. Inputs that crash or break a property land in Fuzz/.build/findings/.
SECONDS ?= 60

fuzz: deps
	python3 Fuzz/fuzz.py $(SECONDS)

# Without MODEL, the model of `make train`, trained first when it is missing (ARGS are the
# server's, so the training gets none).
serve: deps $(if $(MODEL),,$(TRAINED_MODEL))
	swift build -c release $(SERVE_FLAGS) --product mnist
	$(SERVE_SCRATCH)/release/mnist serve --model $(or $(MODEL),$(TRAINED_MODEL)) $(ARGS)

$(TRAINED_MODEL):
	$(MAKE) --no-print-directory train ARGS=

# Benchmarks/ (package-benchmark) with the CPU flags of every other build, so that the Swift
# kernel's figures are of its SIMD code. It always builds with OpenBLAS (the default traits).
BENCHMARK := cd Benchmarks && swift package $(CPU_FLAGS) --disable-sandbox benchmark

bench: data
	$(MNIST) bench --json bench.json $(ARGS)
	$(if $(filter blas,$(KERNEL)),$(BENCHMARK) --no-progress)

# The allocation benchmarks against their thresholds of 0 mallocs (the speed ones are skipped):
# exits non-zero when any of them allocates.
bench-check: deps
	$(BENCHMARK) thresholds check --target TrainingStep --skip speed --no-progress

# PyTorch, NumPy, safetensors, onnx and onnxruntime in a git-ignored venv, for bench-peers and
# the interop tests (which the tests skip when the venv is missing). The stamp is written only
# once pip is done.
venv: $(VENV)/.installed

$(VENV)/.installed:
	@$(MAKE) --no-print-directory deps APT_PACKAGES=python3-venv
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q $(PYTHON_PACKAGES)
	touch $@

bench-peers: data venv
	$(VENV)/bin/python Benchmarks/peers.py --mnist $(MNIST) --kernels $(if $(filter swift,$(KERNEL)),swift,blas$(comma)swift) $(ARGS)

# swift-format (part of the toolchain) with the rules in .swift-format; only the folders that
# exist, so that a missing one (Examples/) is no error.
FORMAT_PATHS := $(wildcard Sources Tests Examples Benchmarks Fuzz/Harnesses Fuzz/Package.swift)

lint:
	swift format lint --strict --recursive $(FORMAT_PATHS)

format:
	swift format --in-place --recursive $(FORMAT_PATHS)

# The API documentation: the libraries and the guide's articles as one DocC site, built with
# the default traits (BLASKernel is documented) and served as static files, e.g.
# python3 -m http.server -d .build/docs-site, then /documentation/swiftmnistguide/textbookloop.
DOCS_SITE := .build/docs-site
DOCS_TARGETS := NeuralNet MNIST Charts SwiftMNISTGuide

test-build: deps
	$(TEST_ENV) swift build $(TEST_FLAGS) --product mnist

docs: test-build
	SWIFTMNIST_DOCS=1 swift package --allow-writing-to-directory $(DOCS_SITE) generate-documentation \
	  $(addprefix --target ,$(DOCS_TARGETS)) --enable-experimental-combined-documentation \
	  --transform-for-static-hosting --output-path $(DOCS_SITE) --warnings-as-errors
	python3 scripts/command_line_docs.py --mnist $(TEST_MNIST)

docs-check: test-build
	$(TEST_MNIST) fetch
	python3 scripts/command_line_docs.py --mnist $(TEST_MNIST) --check
	python3 scripts/docs_check.py --mnist $(TEST_MNIST)

clean:
	rm -rf .build .build-swift $(EXAMPLE)/.build $(EXAMPLE)/.build-swift .build-tsan .build-swift-tsan .build-asan .build-swift-asan .build-serve .build-swift-serve Fuzz/.build
