# jixiao — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= reports
HOST ?= 127.0.0.1
PORT ?= 8000
WEB := $(BIN)/python -m web

.PHONY: run serve demo test bench bench-web lint docs clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-web: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[web]'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

## run: review samples/ into $(OUT)/, build the demo database, print logins, serve the web app
run: $(VENV)/.installed-web
	$(BIN)/jixiao review samples -o $(OUT) || [ $$? -eq 1 ]
	@echo "Reports written to $(OUT)/ (open $(OUT)/report.html)"
	@$(MAKE) --no-print-directory demo serve

## demo: migrate the database (SQLite in var/) and add the demo data; safe to run again
demo: $(VENV)/.installed-web
	$(WEB) migrate --noinput --verbosity 0
	$(WEB) demo --url http://$(HOST):$(PORT)/

## serve: serve the web app on http://$(HOST):$(PORT)/ in the foreground (Ctrl-C stops)
serve: $(VENV)/.installed-web
	$(WEB) migrate --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ (Django development server, DEBUG on; Ctrl-C stops)"
	$(WEB) runserver $(HOST):$(PORT)

## test: lint (ruff, mypy) and run the test suite, browser tests included
test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks web
	$(BIN)/mypy
	$(BIN)/pytest

## bench: import+review throughput on the samples
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_throughput.py

## bench-web: 30 s locust load test of the web app on loopback (results in benchmarks/results/)
bench-web: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_web.py

docs: $(VENV)/.installed
	$(BIN)/python -m jixiao.review.docs > docs/findings.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
