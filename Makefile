# make train   install what is missing, build, fetch MNIST, train the default model
# make test    run the whole test suite
# KERNEL=swift builds without OpenBLAS (pure-Swift GEMM); ARGS="--epochs 3" passes flags to train.

SHELL := /bin/bash
KERNEL ?= blas
ARGS ?=

ifeq ($(KERNEL),swift)
  TRAIT_FLAGS := --disable-default-traits
  SCRATCH := .build-swift
  APT_PACKAGES := zlib1g-dev
else ifeq ($(KERNEL),blas)
  TRAIT_FLAGS :=
  SCRATCH := .build
  APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev
else
  $(error KERNEL must be blas or swift, not '$(KERNEL)')
endif

SWIFT_FLAGS := $(TRAIT_FLAGS) --scratch-path $(SCRATCH)
MNIST := $(SCRATCH)/release/mnist

# Data: data/mnist unless MNIST_DATA says otherwise; the offline mirror beside the checkout
# when it is there, else the public HTTPS mirrors.
export MNIST_DATA ?= data/mnist
SHARED_MIRROR := ../shared/mnist
export MNIST_MIRROR ?= $(if $(wildcard $(SHARED_MIRROR)/train-images-idx3-ubyte.gz),$(SHARED_MIRROR))

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build data train test clean

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
	swift build -c release $(SWIFT_FLAGS)

data: build
	$(MNIST) fetch

train: data
	$(MNIST) train $(ARGS)

test: deps
	swift build $(SWIFT_FLAGS)
	swift test $(SWIFT_FLAGS)

clean:
	rm -rf .build .build-swift
