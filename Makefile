# The two commands of the README. `make demo` sets everything up (a local .venv) and runs
# the main job on the embedded default (SQLite); `make test` runs the whole test suite.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench evals clean

$(BIN)/warta: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/warta

setup: $(BIN)/warta

demo: setup
	$(BIN)/warta demo

test: setup
	$(BIN)/python -m pytest

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

evals: setup
	for e in evals/eval_*.py; do $(BIN)/python $$e || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
