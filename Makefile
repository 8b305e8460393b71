# copbot: `make demo` and `make test` work on a fresh machine (they create .venv themselves).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench plan-audit restart-check live-check fuzz outage-check chat serve migrate teams-package clean

# setuptools notes every editable install with a BuildBackendWarning ("Editable installation.
# Please be careful with folders ..."), which is expected here; the filter reaches the build
# backend through the environment and silences that note only.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo-output/demo.db
	$(BIN)/copbot demo

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# the test suite on SQLite, then every statement copbot's code sent explained: a read of a
# whole table that grows with the communities fails it (about 4 minutes)
plan-audit: $(STAMP)
	COPBOT_TEST_POSTGRES_URL= $(BIN)/python -m pytest -q -p tests.plan_audit

# kill -9 in the middle of a fan-out, restart: nothing lost, nothing repeated (about 15 s on
# SQLite; with COPBOT_TEST_POSTGRES_URL also PostgreSQL with two serve processes, and with a
# separate `copbot scheduler` killed beside `serve --no-scheduler`: about 55 s in all)
restart-check: $(STAMP)
	$(BIN)/python scripts/restart-check

# copbot serve in real time with minute lead times: every prompt on time and once (about 6 min)
live-check: $(STAMP)
	$(BIN)/python scripts/live-check

# thousands of signed, forged and malformed requests against a running copbot serve: no 5xx,
# no traceback, no change by a forged request (about 2 minutes)
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz

# the database cut off for 30 s during commands and a due wave (PostgreSQL behind a proxy;
# needs COPBOT_TEST_POSTGRES_URL): nothing lost, nothing twice, readiness reported (~2 min)
outage-check: $(STAMP)
	$(BIN)/python scripts/outage-check

chat: $(STAMP)
	$(BIN)/copbot chat

serve: $(STAMP)
	$(BIN)/copbot serve

migrate: $(STAMP)
	$(BIN)/copbot migrate

teams-package: $(STAMP)
	$(BIN)/python -m adapters.teams.package

clean:
	rm -rf $(VENV) build dist *.egg-info demo-output .mypy_cache .ruff_cache .pytest_cache
