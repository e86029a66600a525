# statlib: two commands matter. `make demo` builds and renders the demo; `make test` tests.
# Everything runs inside .venv, created here from pyproject.toml with pinned versions.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DOMAIN ?= public_safety
PERIOD ?= latest

.DEFAULT_GOAL := help
.PHONY: help setup demo test lint lab run bench browser clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## create .venv and install statlib with the pinned versions

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup ## build the demo warehouse and render every domain for the latest period
	$(BIN)/statlib demo

run: setup ## render one domain and period: make run DOMAIN=public_safety PERIOD=2026-W33
	$(BIN)/statlib run --domain $(DOMAIN) --period $(PERIOD)

test: setup browser ## install what the tests need, lint, and run the tests
	$(BIN)/ruff check statlib tests benchmarks
	$(BIN)/python -m pytest

lint: setup ## ruff over the library, tests and benchmarks
	$(BIN)/ruff check statlib tests benchmarks

lab: setup ## open JupyterLab on notebooks/ with the demo warehouse
	test -f data/warehouse.duckdb || $(BIN)/statlib demo
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup ## run the benchmarks (many minutes; installs benchmarks/requirements.txt)
	$(BIN)/python -m pip install --quiet --no-deps -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/forecast_accuracy.py
	$(BIN)/python benchmarks/anomaly_detection.py
	$(BIN)/python benchmarks/statistics_pass.py
	$(BIN)/python benchmarks/weekly_intervals.py
	$(BIN)/python benchmarks/weekly_seasonality.py
	$(BIN)/python benchmarks/events_aggregation.py
	$(BIN)/python benchmarks/startup.py --before 657bfaf
	$(BIN)/python benchmarks/review_cycle.py
	$(BIN)/python benchmarks/render.py --before b32a66d
	$(BIN)/python benchmarks/statistics_scale.py

browser: ## install headless Chromium for the page tests (Debian package)
	scripts/install-browser

clean: ## remove renders and the demo warehouse (keeps .venv)
	rm -rf outputs/*/ outputs/index.html data/warehouse.duckdb
