# jixiao — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= reports

.PHONY: run test bench lint docs clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## run: review the bundled samples and write HTML, XLSX and JSON reports to $(OUT)/
run: $(VENV)/.installed
	$(BIN)/jixiao review samples -o $(OUT) || [ $$? -eq 1 ]
	@echo "Reports written to $(OUT)/ (open $(OUT)/report.html)"

## test: lint (ruff, mypy) and run the test suite
test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks web
	$(BIN)/mypy
	$(BIN)/pytest

## bench: import+review throughput on the samples
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_throughput.py

docs: $(VENV)/.installed
	$(BIN)/python -m jixiao.review.docs > docs/findings.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
