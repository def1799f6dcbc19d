# Two commands on a fresh machine: `make fit` sets up .venv and trains, `make test` sets up and tests.
# Setup (scripts/setup_env.py) runs once: it is stamped with pyproject.toml's hash, and later runs skip
# it. ARGS passes options on: make fit ARGS="--trainer.max_epochs 2", make test-fast ARGS="-k precision".

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SETUP  := $(PYTHON) scripts/setup_env.py --python $(PYTHON)
ARGS   ?=

.DEFAULT_GOAL := help
.PHONY: help fit test test-fast lint serve bench clean setup setup-dev setup-test setup-bench

help: ## list the targets
	@echo "make TARGET [ARGS='options for the command']"
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

fit: setup ## set up .venv (first time only), then train: python -m expense_classifier fit --config quick.yaml
	$(PY) -m expense_classifier fit --config quick.yaml $(ARGS)

test: setup-test lint ## set up with the dev extras and chromium, lint, then the full test suite (what CI runs)
	$(PY) -m pytest $(ARGS)

test-fast: setup-dev ## the edit loop: every test not marked slow
	$(PY) -m pytest -m "not slow" $(ARGS)

lint: setup-dev ## ruff check
	$(PY) -m ruff check .

serve: setup ## serve the newest run's adapter at http://127.0.0.1:8000 (after make fit)
	$(PY) -m expense_classifier serve $(ARGS)

bench: setup-bench ## the training benchmark, presets against the reference (scripts/bench_train.py)
	$(PY) scripts/bench_train.py $(ARGS)

clean: ## remove runs (lightning_logs/), caches, and the .venv make made; never data, eval/ or examples/
	rm -rf lightning_logs .pytest_cache .ruff_cache build dist ./*.egg-info bench_*.json
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	@if [ -e $(VENV)/.setup/made-here ]; then rm -rf $(VENV); echo "removed $(VENV)"; \
	elif [ -d $(VENV) ]; then echo "kept $(VENV): make did not create it (remove it yourself)"; fi

setup:
	@$(SETUP)

setup-dev:
	@$(SETUP) --extras dev

setup-test:
	@$(SETUP) --extras dev --chromium

setup-bench:
	@$(SETUP) --extras dev,bench
