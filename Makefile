# Tutela — `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-fast check format bench bench-screening-quick clean

help:
	@echo "make run     set up, migrate, load the demo programme, serve on http://$(HOST):$(PORT)"
	@echo "make test    set up, then run the whole test suite (browser tests included)"
	@echo "make check   ruff, mypy, Django's system checks, missing migrations"
	@echo "make bench   the web benchmark (bench/web.py)"
	@echo "make bench-screening-quick   the CI screening benchmark (bench/screening/ci.py, ~20 s)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v=sys.version_info; sys.exit(0 if v >= (3, 12) else "Tutela needs Python 3.12 or newer; found %d.%d (see README)" % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/tutela migrate --no-input
	$(BIN)/tutela demo --if-empty
	$(BIN)/tutela collectstatic --no-input -v0
	@$(BIN)/tutela demo --logins
	$(BIN)/tutela runserver $(HOST):$(PORT)

demo: install
	$(BIN)/tutela migrate --no-input
	$(BIN)/tutela demo

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not browser" -n 2 $(PYTEST_ARGS)

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy tutela
	$(BIN)/tutela check
	$(BIN)/tutela makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/web.py

bench-screening-quick: install
	$(BIN)/python bench/screening/ci.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pg
