# newsdoc: `make demo` and `make test` set up everything on a fresh Debian 12
# machine (Debian packages, the .venv, the build), then do their job.

PYTHON_SYSTEM := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build/cpp
STAMPS := .stamps
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60

DEBIAN_PACKAGES := cmake g++ make libsimdjson-dev libfmt-dev zlib1g-dev libgtest-dev libbenchmark-dev \
	pybind11-dev python3-pybind11 python3-dev python3-venv python3-pip python3-setuptools python3-wheel \
	python3-pytest python3-hypothesis python3-numpy python3-pandas python3-tqdm

CORE_SOURCES := $(wildcard cpp/include/newsdoc/*.hpp cpp/include/newsdoc/*.in cpp/src/*.cpp cpp/src/*.hpp) \
	CMakeLists.txt cmake/newsdocConfig.cmake.in
PY_SOURCES := $(wildcard python/newsdoc/*.py python/newsdoc/*.pyi python/src/*.cpp) setup.py pyproject.toml

.PHONY: all deps venv build install test test-cpp test-python demo bench eval clean

all: install

$(STAMPS)/deps: Makefile
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(STAMPS) && touch $@

deps: $(STAMPS)/deps

$(PY): $(STAMPS)/deps
	$(PYTHON_SYSTEM) -m venv --system-site-packages $(VENV)
	@touch $@

venv: $(PY)

$(STAMPS)/install: $(PY) $(CORE_SOURCES) $(PY_SOURCES)
	$(PY) -m pip install --no-build-isolation --no-deps --disable-pip-version-check -q .
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/install

build: $(STAMPS)/deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DNEWSDOC_BUILD_TESTS=ON
	cmake --build $(BUILD) -j $(JOBS)

test-cpp: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-python: install
	$(PY) -m pytest -q tests/python

test: test-cpp test-python

demo: install
	$(PY) examples/demo.py

bench: install
	$(PY) bench/run.py --output docs/performance.md

# Quote and speaker accuracy on PolNeAR's dev split, BBC corpus statistics.
eval: install
	$(PY) bench/eval.py --output docs/accuracy.md

clean:
	rm -rf build $(STAMPS) python/newsdoc/_core*.so
