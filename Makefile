# kpiwell: the two Quickstart commands are `make demo` and `make test`.
# Both create their own virtual environment in .venv, so nothing lands in the system Python.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test pytest lint install install-test system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The sources are compiled to bytecode once at install, as installing a wheel does: an editable
# install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every run.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q src > /dev/null
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src > /dev/null
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## Install, create the database, load the demo organisation and serve it on http://127.0.0.1:$(PORT)
demo: install
	$(BIN)/kpiwell demo --port $(PORT)

## Install the test extras and run every test, then ruff, mypy and the import-linter contracts
test: install-test system-deps pytest lint

system-deps:
	@scripts/ensure-system-deps

pytest: install-test
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .kpiwell .pytest_cache .mypy_cache .ruff_cache
