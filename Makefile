# Two commands set everything up on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test pytest check fmt lint-data bench schemas clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/curate --root . show IGF-1

test: pytest check lint-data

pytest: $(STAMP)
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/ruff check curate tests bench
	$(BIN)/ruff format --check curate tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

lint-data: $(STAMP)
	$(BIN)/curate --root . lint --strict

fmt: $(STAMP)
	$(BIN)/ruff check --fix --quiet curate tests bench
	$(BIN)/ruff format --quiet curate tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]' --config-settings editable_mode=compat
	$(BIN)/python bench/run.py

schemas: $(STAMP)
	$(BIN)/python -m curate.records.schemagen schemas curate/schemas
	$(BIN)/python -m curate.records.checkgen curate/records/compiled

clean:
	rm -rf $(VENV) .curate .mypy_cache .ruff_cache .pytest_cache bench/out
