# salesmetrics: `make demo` builds the demo company and shows it; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
WS     ?= demo.duckdb
PORT   ?= 8000

.PHONY: demo test setup lint typecheck bench clean

$(BIN)/salesmetrics: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/salesmetrics

# The headline KPIs cover the last four whole quarters (this one included).
QUARTERS_FROM = $(shell $(PYTHON) -c "import datetime as d; t = d.date.today(); \
	m = (t.month - 1) // 3 * 3 - 9; print(d.date(t.year + m // 12, m % 12 + 1, 1))")

demo: setup
	$(BIN)/salesmetrics demo --scale small --workspace $(WS)
	$(BIN)/salesmetrics kpi revenue --grain quarter --from $(QUARTERS_FROM) --workspace $(WS)
	$(BIN)/salesmetrics kpi win_rate --grain quarter --from $(QUARTERS_FROM) --workspace $(WS)
	$(BIN)/salesmetrics kpi pipeline_value --grain quarter --from $(QUARTERS_FROM) --workspace $(WS)
	$(BIN)/salesmetrics kpi revenue --grain total --by team --from $(QUARTERS_FROM) --workspace $(WS)
	$(BIN)/salesmetrics scorecard --period last-quarter --workspace $(WS)
	$(BIN)/salesmetrics serve --single-user --host 127.0.0.1 --port $(PORT) --workspace $(WS)

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -n auto --dist loadgroup

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(WS)
