# Every target first sets up the pinned environment in .venv (only when the lock or pyproject changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
TOOLS := tools/browser/node_modules/.ready
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check bench figures clean
BENCH_SIZE ?= 1GB
BENCH_DIR ?=

setup: $(READY)

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(READY)

# Browser-side tools from the npm registry, pinned by package-lock.json: axe-core for the tests,
# Lighthouse for the benchmark. Nothing here is served to readers.
$(TOOLS): tools/browser/package.json tools/browser/package-lock.json
	cd tools/browser && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(TOOLS)

serve: $(READY)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(READY)
	$(BIN)/mkdocs build --strict

check: $(READY)
	$(BIN)/coursesite check

test: $(READY) $(TOOLS)
	$(BIN)/python -m pytest -n auto

# Benchmarks print figures (never assertions): the image pipeline against a decode-only floor and
# Material's optimize plugin (needs pngquant), the edit-to-browser latency of `mkdocs serve`, search
# (Pagefind beside Material's lunr) at 1x, 4x and 10x the course, and
# the first-view weight of the course's pages with Lighthouse scores (throttled mobile).
# The synthetic corpus is rendered by Chromium (Debian's chromium package) and kept in .cache/bench.
bench: $(READY) $(TOOLS)
	@command -v pngquant >/dev/null || echo "note: pngquant is not installed; the optimize-plugin comparison is skipped"
	cd benchmarks && BENCH_SIZE=$(BENCH_SIZE) BENCH_DIR=$(if $(BENCH_DIR),$(abspath $(BENCH_DIR)),) ../$(BIN)/python images_bench.py
	cd benchmarks && ../$(BIN)/python serve_latency.py
	cd benchmarks && ../$(BIN)/python search_bench.py
	cd benchmarks && ../$(BIN)/python page_weight.py

# The course's own figures (SVG, one per language) and lesson decks (PDF), from scripts/coursefigures/specs/.
# Needs Debian's fonts-noto-cjk, librsvg2-bin (rsvg-convert) and graphviz.
figures: $(READY)
	$(BIN)/python -m coursefigures

clean:
	rm -rf site .cache
