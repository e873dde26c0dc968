# Two commands do all set-up on a fresh machine: `make digest` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NEURAL := $(VENV)/.neural
GRAMMAR := $(VENV)/.grammar
BROWSER := $(VENV)/.browser
APT    := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n) env DEBIAN_FRONTEND=noninteractive apt-get
LINKGRAMMAR := python3-link-grammar link-grammar-dictionaries-en
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install digest test lint gate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e '.[test,lint,distributed,semantic]' --config-settings editable_mode=compat  # a path entry: no import hook at start-up
	touch $@

# The optional neural backend (--model) and its test: torch's CPU build, then transformers.
# Best effort: without them the tool works and that one test module skips.
$(NEURAL): $(STAMP)
	$(PIP) 'torch==2.13.0' && $(PIP) -e '.[neural]' || echo "note: torch/transformers not installed; tests/abstractive/test_neural.py will skip"
	touch $@

# Link Grammar (Debian's python3-link-grammar), the abstractive mode's grammar check, read by
# summarizer/abstractive/grammar.py from where Debian puts it. Best effort: without it (no apt, no root) the
# trigram check stands in and the tests that need the parser skip.
$(GRAMMAR): $(STAMP)
	$(BIN)/python -c 'from summarizer.abstractive.grammar import link_parser; assert link_parser()' 2>/dev/null || \
	  ( $(APT) install -y -qq $(LINKGRAMMAR) >/dev/null 2>&1 || \
	    ( $(APT) update -qq && $(APT) install -y -qq $(LINKGRAMMAR) >/dev/null ) ) || \
	  echo "note: Link Grammar not installed; abstractive mode uses its trigram check and parser tests skip"
	touch $@

# Debian's Chromium, the browser of the site's tests (tests/test_site_browser.py) and of the screenshots in
# eval/results/. Best effort: without it those tests skip with one line.
$(BROWSER): $(STAMP)
	command -v chromium >/dev/null 2>&1 || \
	  ( $(APT) install -y -qq chromium >/dev/null 2>&1 || \
	    ( $(APT) update -qq && $(APT) install -y -qq chromium >/dev/null ) ) || \
	  echo "note: chromium not installed; the site's browser tests will skip"
	touch $@

install: $(STAMP)

digest: $(STAMP)
	$(BIN)/summarizer digest seeds/

test: $(STAMP) $(NEURAL) $(GRAMMAR) $(BROWSER)
	$(BIN)/python -m pytest -n 2  # two processes (pytest-xdist): the machine's two cores

# The quality gate (eval/gate.py): every figure against its floor in eval/floors.toml; the table goes to
# eval/results/gate.md. Needs ../shared/data (without it only the seeds' figures are checked).
gate: $(STAMP) $(GRAMMAR)
	$(BIN)/python eval/gate.py --jobs 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .mypy_cache .ruff_cache
