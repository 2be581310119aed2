# salesmetrics: `make demo` builds the demo company and shows it; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
WS     ?= demo.duckdb

.PHONY: demo test setup lint typecheck bench clean

$(BIN)/salesmetrics: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/salesmetrics

demo: setup
	$(BIN)/salesmetrics demo --scale small --workspace $(WS)
	$(BIN)/salesmetrics kpi revenue --grain quarter --workspace $(WS)
	$(BIN)/salesmetrics kpi win_rate --grain quarter --workspace $(WS)
	$(BIN)/salesmetrics kpi pipeline_value --grain quarter --workspace $(WS)

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -n auto

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(WS)
