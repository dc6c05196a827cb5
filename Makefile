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
	python3-pytest python3-hypothesis python3-numpy python3-pandas python3-tqdm python3-dask python3-distributed \
	python3-sphinx python3-myst-parser python3-nbclient python3-nbformat python3-ipykernel \
	clang libclang-rt-14-dev

CORE_SOURCES := $(wildcard cpp/include/newsdoc/*.hpp cpp/include/newsdoc/*.in cpp/src/*.cpp cpp/src/*.hpp \
	cpp/src/*/*.cpp cpp/src/*/*.hpp cpp/data/lexicon/*) CMakeLists.txt cmake/newsdocConfig.cmake.in cmake/embed_lexicon.cmake
PY_SOURCES := $(wildcard python/newsdoc/*.py python/newsdoc/*.pyi python/src/*.cpp) setup.py pyproject.toml

.PHONY: all deps venv build install kernel test test-cpp test-python demo bench eval docs fuzz sanitize clean train \
	word-clusters

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

# The Jupyter kernelspec "newsdoc" ("Python (newsdoc)"), running this .venv's python: the
# quickstart notebook names it. Installed for the user (root included), where every Jupyter
# of that user looks; KERNEL_FLAGS="--prefix=/some/env" puts it elsewhere (CI images, say).
KERNEL_FLAGS ?= --user
$(STAMPS)/kernel: $(PY)
	$(PY) -m ipykernel install $(KERNEL_FLAGS) --name newsdoc --display-name "Python (newsdoc)" >/dev/null
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/install $(STAMPS)/kernel

kernel: $(STAMPS)/kernel

build: $(STAMPS)/deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DNEWSDOC_BUILD_TESTS=ON
	cmake --build $(BUILD) -j $(JOBS)

test-cpp: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The property tests (hypothesis) draw the same examples on every run of make test and make
# sanitize, so that CI passes or fails on the code, not on the draw; HYPOTHESIS_SEED=N explores others.
HYPOTHESIS_SEED ?= 0

test-python: install
	$(PY) -m pytest -q --hypothesis-seed=$(HYPOTHESIS_SEED) tests/python

test: test-cpp test-python

demo: install
	$(PY) examples/demo.py
	$(VENV)/bin/newsdoc show seeds/000_0eafb7a6a491ae43.json
	$(VENV)/bin/newsdoc quotes seeds/000_0eafb7a6a491ae43.json --speaker assad

bench: install
	$(PY) bench/run.py --output docs/performance.md

# Quote and speaker accuracy on PolNeAR's dev split, BBC corpus statistics; entities through the
# annotator, rules only and with models/, against the CoreNLP silver of the dev split, and the speed of both;
# pronoun speakers against the silver coreference chains.
eval: install
	$(PY) bench/eval.py --output docs/accuracy.md
	$(PY) bench/eval_ner.py
	$(PY) bench/eval_coref.py

# The documentation (docs/*.rst, the Markdown pages, the API reference from the
# installed package's docstrings) as HTML in docs/_build/html; warnings are errors.
docs: install
	$(PY) -m sphinx -W -b html docs docs/_build/html

# The learned models (cpp/include/newsdoc/model.hpp): part-of-speech, entity,
# attribution-cue and attribution-role taggers and the coreference model,
# trained on PolNeAR's train split (CoreNLP silver, BRAT gold cues and roles)
# into $(MODELS), then scored on its dev split.
# Deterministic: the same seed gives the same bytes.
MODELS := models
MODELS_BUILD := build/models
POLNEAR := ../shared/corpora/polnear
TRAIN_EPOCHS ?= 8
TRAIN_SEED ?= 1

train: $(STAMPS)/deps
	cmake -S . -B $(MODELS_BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(MODELS_BUILD) -j $(JOBS) --target newsdoc-train
	$(MODELS_BUILD)/newsdoc-train --corenlp $(POLNEAR)/corenlp/train.jsonl.gz --out $(MODELS) \
	  --epochs $(TRAIN_EPOCHS) --seed $(TRAIN_SEED) --dev $(POLNEAR)/corenlp/dev.jsonl.gz

# The word clusters of the entity taggers' features (cpp/data/lexicon/word_clusters.tsv),
# made from the unlabelled text in ../shared with word2vec (gensim: for this step only, not a
# dependency of newsdoc) and k-means; one thread and a fixed seed, so the same bytes again.
# `make train` uses the committed table: run this first only to remake it.
word-clusters: $(PY)
	@dpkg-query -W -f='$${Status}\n' python3-gensim 2>/dev/null | grep -q '^install ok installed' || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3-gensim; }
	$(PY) cpp/data/build_word_clusters.py --shared ../shared --out cpp/data/lexicon/word_clusters.tsv

# libFuzzer targets (tests/fuzz), built with clang, ASan and UBSan, each run
# for FUZZ_SECONDS; fails on any crash. docs/reliability.md tells more.
FUZZ_BUILD := build/fuzz

fuzz: $(STAMPS)/deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DNEWSDOC_BUILD_FUZZ=ON -DNEWSDOC_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The whole C++ suite (ctest) and the whole pytest suite under ASan and UBSan
# (gcc): the library, the tests and the extension are built sanitized in
# $(SANITIZE_BUILD); pytest imports that extension from a staging folder
# (the .venv install is left alone), with the ASan runtime preloaded into
# Python (without leak detection: CPython frees little at exit), and
# libstdc++ with it, or ASan cannot intercept the first C++ throw. Both
# suites run even if the first fails; any sanitizer report fails the run.
# RelWithDebInfo: the optimised code that ships, with lines in the reports.
SANITIZE_BUILD := build/sanitize
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZE_STAGE := $(SANITIZE_BUILD)/python
# CXXFLAGS and LDFLAGS also reach the consumer projects ctest configures.
SANITIZE_ENV := CXXFLAGS="$(SANITIZE_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

sanitize: $(STAMPS)/deps $(PY)
	$(SANITIZE_ENV) cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
	  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" -DCMAKE_MODULE_LINKER_FLAGS="-fsanitize=address,undefined" \
	  -DNEWSDOC_BUILD_TESTS=ON -DNEWSDOC_BUILD_PYTHON=ON -DPython_EXECUTABLE=$(abspath $(PY)) \
	  -DCMAKE_LIBRARY_OUTPUT_DIRECTORY=$(abspath $(SANITIZE_STAGE))/newsdoc
	$(SANITIZE_ENV) cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cp python/newsdoc/*.py python/newsdoc/*.pyi python/newsdoc/py.typed $(SANITIZE_STAGE)/newsdoc/
	status=0; \
	$(SANITIZE_ENV) ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS) || status=1; \
	$(SANITIZE_ENV) ASAN_OPTIONS=detect_leaks=0 LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libstdc++.so)" \
	  PYTHONPATH=$(abspath $(SANITIZE_STAGE)) $(PY) -m pytest -q -p no:cacheprovider --hypothesis-seed=$(HYPOTHESIS_SEED) tests/python || status=1; \
	exit $$status

clean:
	rm -rf build $(STAMPS) python/newsdoc/_core*.so
