# ByteMentor Lab: `make lab` to learn, `make test` to check everything.
#
# Everything installs into .venv (Python) and node_modules (npm), from a
# machine that has only Python, Node.js and npm; Debian's chromium is
# installed for the UI tests when missing.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
PIP := $(BIN)/python -m pip
CHROMIUM ?= /usr/bin/chromium

export PATH := $(BIN):$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PIP_CONSTRAINT := $(CURDIR)/$(CONSTRAINTS)

.PHONY: help lab install build test test-js test-lint test-py test-labs test-ui chromium clean

help:
	@echo "make lab    install everything and start JupyterLab with the course"
	@echo "make test   run every test (jest, lint, pytest, lab validation, Galata)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Build tools first, then the package itself, non-editable: exactly what a
# learner's `pip install` gets (prebuilt labextension, server extension
# enabled through its shipped configuration).
install: $(BIN)/python node_modules/.installed
	$(PIP) install -q "jupyterlab==4.6.6" "hatchling>=1.5" "hatch-nodejs-version>=0.3.2" "hatch-jupyter-builder>=0.10"
	npm run --silent build:prod
	$(PIP) install -q --no-build-isolation ".[labs,test]"

build: node_modules/.installed
	npm run build

# The learner's copies of the labs go to $(LAB_ROOT)/bytementor-labs/. Real-time
# collaboration (installed for the UI tests' second lock pass) stays off, as in a
# learner's own `pip install`.
LAB_ROOT ?= $(CURDIR)/workspace

lab: install
	mkdir -p "$(LAB_ROOT)"
	$(BIN)/jupyter lab --ServerApp.root_dir="$(LAB_ROOT)" --YDocExtension.disable_rtc=True $(if $(filter 0,$(shell id -u)),--allow-root,)

test: install test-js test-lint test-py test-labs test-ui

test-js: node_modules/.installed
	npm test

test-lint: node_modules/.installed
	npm run lint:check

test-py: $(BIN)/python
	$(BIN)/python -m pytest -q

# Every exercise of every lab: the solution passes, the released stub fails, in a
# fresh kernel (the installed package's CLI, as a course author runs it).
test-labs: $(BIN)/python
	$(BIN)/jupyter bytementor validate labs

ui-tests/node_modules/.installed: ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci --no-audit --no-fund
	touch $@

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the UI tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

test-ui: chromium ui-tests/node_modules/.installed
	cd ui-tests && CHROMIUM_PATH=$(CHROMIUM) npx playwright test
	cd ui-tests && CHROMIUM_PATH=$(CHROMIUM) npx playwright test -c playwright.rtc.config.js

clean:
	rm -rf lib tsconfig.tsbuildinfo jupyterlab_bytementor/labextension node_modules ui-tests/node_modules

# Benchmarks print figures (never timed assertions; `make test` never runs them):
# the kernel side of a check, then click-to-verdict in Chromium.
.PHONY: bench bench-kernel bench-ui
bench: bench-kernel bench-ui

bench-kernel: $(BIN)/python
	$(BIN)/python bench/check_overhead.py

bench-ui: install chromium ui-tests/node_modules/.installed
	cd ui-tests && CHROMIUM_PATH=$(CHROMIUM) npx playwright test -c playwright.bench.config.js
