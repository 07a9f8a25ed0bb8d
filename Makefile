# The two commands of the README, each working on a machine with only Python and make:
#   make demo   sets up a local .venv with the RUNTIME dependencies only and runs the main job
#               on the embedded default (SQLite, no server);
#   make test   sets up the dev dependencies and the system pieces the tests need (Debian's
#               Chromium for the browser tests, PostgreSQL for the second archive backend),
#               then runs the whole suite against a throwaway cluster. `.ci/run` calls it.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: setup setup-dev system demo test bench evals clean

$(RUNTIME): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(DEV): $(RUNTIME)
	$(BIN)/pip install -q -e '.[dev,postgres]'
	touch $@

setup: $(RUNTIME)

setup-dev: $(DEV)

# System packages the tests drive for real (Chromium). Needs root or sudo to install;
# without them it says what to run and the tests that need it skip (fail under CI).
system:
	sh scripts/test-setup.sh

demo: setup
	$(BIN)/warta demo

# the suite runs inside a throwaway PostgreSQL cluster (WARTA_TEST_PG), stopped afterwards
test: setup-dev system
	sh scripts/pg-test-cluster.sh $(BIN)/python -m pytest

bench: setup-dev
	# the A/B benchmarks compare two checkouts: they need --old (see their docstrings)
	for b in benchmarks/bench_*.py; do case $$b in *_ab.py) echo "skip $$b: needs --old"; continue;; esac; \
		$(BIN)/python $$b || exit 1; done

evals: setup-dev
	for e in evals/eval_*.py; do $(BIN)/python $$e || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
