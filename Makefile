# Every target first sets up the pinned environment in .venv (only when the lock or pyproject changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check clean

setup: $(READY)

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(READY)

serve: $(READY)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(READY)
	$(BIN)/mkdocs build --strict

check: $(READY)
	$(BIN)/coursesite check

test: $(READY)
	$(BIN)/python -m pytest -n auto

clean:
	rm -rf site .cache
