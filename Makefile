# Tracks template repository: set up, try out and test the templates.
#
#   make setup       Python tooling in .venv (pinned in pyproject.toml)
#   make demo        generate an app in demo/myapp and run it
#   make test        everything CI runs
#   make bench       benchmark a generated app against a hand-written baseline (not part of test)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DEMO_DIR ?= demo/myapp
# Extra `copier copy` arguments for the demo, e.g. DEMO_ARGS="-d db_driver=postgres".
DEMO_ARGS ?=
# Extra pytest arguments, e.g. PYTEST_ARGS="-k postgres -x".
PYTEST_ARGS ?=

.PHONY: help setup demo test test-fast test-slow bench lint format clean distclean

help: ## Show this help
	@echo "Usage: make <target> [VAR=value]"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: DEMO_DIR=$(DEMO_DIR)  DEMO_ARGS=  FORCE=1  PYTEST_ARGS=  PYTHON=$(PYTHON)  BENCH_QUICK=1"

setup: $(STAMP) ## Create .venv with the pinned Python tooling (copier, pytest, ruff, pre-commit)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python >= 3.11 is required (found: $$($(PYTHON) --version 2>&1)); set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"], sep="\n")' \
		> $(VENV)/requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements-dev.txt
	@touch $@

demo: setup ## Generate an app in DEMO_DIR (FORCE=1 replaces it) and serve it on http://localhost:8080
	@if [ -e "$(DEMO_DIR)" ]; then \
		if [ "$(FORCE)" != 1 ]; then \
			echo "$(DEMO_DIR) already exists. Run 'make demo FORCE=1' to replace it, or choose DEMO_DIR=..." >&2; \
			exit 1; \
		fi; \
		if [ ! -f "$(DEMO_DIR)/.copier-answers.yml" ]; then \
			echo "Refusing to delete $(DEMO_DIR): it does not look like a generated app (no .copier-answers.yml)." >&2; \
			exit 1; \
		fi; \
		rm -rf "$(DEMO_DIR)"; \
	fi
	$(BIN)/copier copy --trust --defaults --vcs-ref=HEAD $(DEMO_ARGS) "$(CURDIR)" "$(DEMO_DIR)"
	@echo
	@echo "==> Building and serving $(DEMO_DIR) on http://localhost:8080 (Ctrl-C to stop)"
	@echo
	$(MAKE) -C "$(DEMO_DIR)" run

test: ## Fast tier, then slow tier (what CI runs)
	@$(MAKE) test-fast
	@$(MAKE) test-slow

test-fast: setup ## Lint Python, render every answer set and check the files (seconds)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

# TRACKS_STRICT makes the post-copy task fail the copy when a step (go mod tidy, templ, sqlc, npm)
# fails, instead of warning and carrying on as it does for users.
test-slow: export TRACKS_STRICT := 1
test-slow: setup ## Generate an app per database driver, then vet, test, build and run it (minutes)
	@for tool in go gcc node npm git; do \
		command -v $$tool >/dev/null || { echo "'$$tool' is required by the slow tests but is not on PATH" >&2; exit 1; }; \
	done
	@scripts/ensure_postgres.sh
	@scripts/ensure_chromium.sh
	$(BIN)/pytest -m slow -v -s --durations=0 $(PYTEST_ARGS)

# Not part of `make test`: it takes about an hour and wants an otherwise idle machine (bench/README.md).
bench: export TRACKS_STRICT := 1
bench: setup ## Benchmark a generated app against a baseline into bench/results.json (BENCH_QUICK=1: smoke run; BENCH_STEPS=jobs: some steps)
	@for tool in go gcc node npm git taskset; do \
		command -v $$tool >/dev/null || { echo "'$$tool' is required by make bench but is not on PATH" >&2; exit 1; }; \
	done
	$(BIN)/python bench/run.py

lint: setup ## ruff check and format check, then every pre-commit hook on all files
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		$(BIN)/pre-commit run --all-files --show-diff-on-failure; \
	else \
		echo "Not a git checkout: skipping pre-commit"; \
	fi

format: setup ## Fix what ruff can fix and format the Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove caches and build output
	rm -rf .pytest_cache .ruff_cache build
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean ## Also remove .venv and demo/
	rm -rf $(VENV) demo
