# Two commands on a fresh machine:  make run  (set up, index the corpus, start the chat)
#                                   make test (set up, run every test)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser

.PHONY: run test install browser ingest eval bench clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0    # local CPU build: must come first
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

# What the browser tests need: Debian's Chromium and axe-core from npm.
$(BROWSER_STAMP): package.json
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	npm install --silent --no-audit --no-fund
	touch $@

browser: $(BROWSER_STAMP)

ingest: install
	$(BIN)/assistant ingest

run: ingest
	$(BIN)/assistant serve

test: install browser
	$(BIN)/pytest

eval: ingest
	$(BIN)/assistant eval

bench: ingest
	$(BIN)/python evals/benchmark.py

clean:
	rm -rf $(VENV) .index node_modules reports test-artifacts
