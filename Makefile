# make train        install what is missing, build, fetch MNIST, train the default model
# make test         run the whole test suite
# make tsan         run the engine's and the CLI's tests under ThreadSanitizer; fails on any report
# make bench        compare the kernels (agreement, GFLOP/s, samples/s) and count allocations
# make bench-peers  train the same model in PyTorch and NumPy beside ours, with the ratios
# make venv         PyTorch in .venv, for bench-peers and the PyTorch interop test
# make serve MODEL=FILE   build mnist with the Server trait (own scratch path) and serve FILE's page
# make test-serve   the server's integration and browser tests, then the API tests under ThreadSanitizer
# make lint         check the Swift sources against .swift-format (swift format lint --strict)
# make format       rewrite the Swift sources in place to .swift-format's style
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
CPU_FLAGS := $(shell grep -qw fma /proc/cpuinfo 2>/dev/null && grep -qw avx2 /proc/cpuinfo && echo "-Xswiftc -target-cpu -Xswiftc haswell")
SWIFT_FLAGS := $(TRAIT_FLAGS) --scratch-path $(SCRATCH) $(CPU_FLAGS)
MNIST := $(SCRATCH)/release/mnist

# Data: data/mnist unless MNIST_DATA says otherwise; the offline mirror beside the checkout
# when it is there, else the public HTTPS mirrors.
export MNIST_DATA ?= data/mnist
SHARED_MIRROR := ../shared/mnist
export MNIST_MIRROR ?= $(if $(wildcard $(SHARED_MIRROR)/train-images-idx3-ubyte.gz),$(SHARED_MIRROR))

comma := ,
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

VENV := .venv
PYTHON_PACKAGES := torch==2.13.0+cpu numpy safetensors selenium

.PHONY: all deps build data train test tsan serve test-serve bench bench-peers venv lint format clean

all: build

deps:
	@missing=""; \
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

data: build
	$(MNIST) fetch

train: data
	$(MNIST) train $(ARGS)

test: deps
	swift build $(SWIFT_FLAGS)
	swift test $(SWIFT_FLAGS)

# ThreadSanitizer on the threaded code: the engine's tests (GEMM kernels, worker pool, adaptive
# kernel, trainer) and the CLI's, which run the TSan build of mnist beside the test bundle and
# read MNIST from ../shared/mnist (they skip without it, so it must be there). Every process,
# mnist children included (the tests capture their stderr), writes its reports to TSAN_LOGS;
# any report fails the target, even in a test that expected its child to fail.
TSAN_SCRATCH := $(SCRATCH)-tsan
TSAN_FLAGS := $(TRAIT_FLAGS) --sanitize=thread --scratch-path $(TSAN_SCRATCH) $(CPU_FLAGS)
TSAN_LOGS := $(CURDIR)/$(TSAN_SCRATCH)/tsan-reports

tsan: deps
	@[ -f $(SHARED_MIRROR)/t10k-labels-idx1-ubyte.gz ] || { echo "tsan: the CLI tests need MNIST in $(SHARED_MIRROR)"; exit 1; }
	swift build --build-tests $(TSAN_FLAGS)
	rm -rf $(TSAN_LOGS) && mkdir -p $(TSAN_LOGS)
	TSAN_OPTIONS="halt_on_error=1 log_path=$(TSAN_LOGS)/report" \
	  swift test --skip-build $(TSAN_FLAGS) --filter 'NeuralNetTests|MNISTCommandTests'; \
	status=$$?; \
	if compgen -G '$(TSAN_LOGS)/report.*' >/dev/null; then cat $(TSAN_LOGS)/report.*; exit 1; fi; \
	exit $$status

# `mnist serve` needs the Server trait, which brings Hummingbird and SwiftNIO (minutes to build
# the first time): built into a scratch path of its own so that `make build` never waits for it.
SERVE_SCRATCH := $(SCRATCH)-serve
SERVE_FLAGS := --traits $(if $(filter blas,$(KERNEL)),OpenBLAS$(comma))Server --scratch-path $(SERVE_SCRATCH) $(CPU_FLAGS)
MODEL ?=

serve: deps
	@[ -n "$(MODEL)" ] || { echo "usage: make serve MODEL=FILE [ARGS='--port 8080 --report DIR']"; exit 2; }
	swift build -c release $(SERVE_FLAGS) --product mnist
	$(SERVE_SCRATCH)/release/mnist serve --model $(MODEL) $(ARGS)

# The server's tests (Tests/ServerTests: API, training, Chromium through Selenium) in a debug
# build (tests need testable modules), then the API suites under ThreadSanitizer, the server
# included; any race report fails.
SERVE_TEST_FLAGS := --traits $(if $(filter blas,$(KERNEL)),OpenBLAS$(comma))Server --scratch-path $(SERVE_SCRATCH)-debug $(CPU_FLAGS)
SERVE_TSAN_FLAGS := --traits $(if $(filter blas,$(KERNEL)),OpenBLAS$(comma))Server --sanitize=thread --scratch-path $(SERVE_SCRATCH)-tsan $(CPU_FLAGS)
SERVE_TSAN_LOGS := $(CURDIR)/$(SERVE_SCRATCH)-tsan/tsan-reports

test-serve: deps
	swift build --build-tests $(SERVE_TEST_FLAGS)
	swift test --skip-build $(SERVE_TEST_FLAGS) --filter ServerTests
	swift build --build-tests $(SERVE_TSAN_FLAGS)
	rm -rf $(SERVE_TSAN_LOGS) && mkdir -p $(SERVE_TSAN_LOGS)
	TSAN_OPTIONS="halt_on_error=1 log_path=$(SERVE_TSAN_LOGS)/report" \
	  swift test --skip-build $(SERVE_TSAN_FLAGS) --filter 'ServerTests\.(PredictionAPITests|StatusTests|TrainingAPITests)'; \
	status=$$?; \
	if compgen -G '$(SERVE_TSAN_LOGS)/report.*' >/dev/null; then cat $(SERVE_TSAN_LOGS)/report.*; exit 1; fi; \
	exit $$status

bench: data
	$(MNIST) bench --json bench.json $(ARGS)
	$(if $(filter blas,$(KERNEL)),cd Benchmarks && swift package --disable-sandbox benchmark --no-progress)

# PyTorch, NumPy and safetensors in a git-ignored venv, for bench-peers and the interop test
# (which the tests skip when the venv is missing). The stamp is written only once pip is done.
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
FORMAT_PATHS := $(wildcard Sources Tests Examples Benchmarks)

lint:
	swift format lint --strict --recursive $(FORMAT_PATHS)

format:
	swift format --in-place --recursive $(FORMAT_PATHS)

clean:
	rm -rf .build .build-swift .build-tsan .build-swift-tsan .build-serve .build-serve-debug .build-serve-tsan .build-swift-serve .build-swift-serve-debug .build-swift-serve-tsan
