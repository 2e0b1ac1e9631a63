# Quick start: `make run` builds the graph of seeds/; `make test` runs every test.
# Both work on a fresh machine: they create .venv and install what they need.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.storygraph-installed

.PHONY: run test lint clean

run: $(STAMP)
	$(BIN)/storygraph build seeds/ -o out/
	@echo "Open out/graph.html in a browser; the graph data is out/graph.json."

test: $(STAMP)
	scripts/test

lint: $(STAMP)
	$(BIN)/ruff check .

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf out .pytest_cache
