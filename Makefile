# Covenant: `make run` starts everything, `make test` runs every test (`make test-ops` the deployment
# ones), `make bench` measures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-ops fuzz bench lint types install browser tesseract pgbouncer clean mutate

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install tesseract
	$(PY) -m scripts.run

# Debian's chromium for the Playwright browser tests (no browser download from the internet).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; \
	fi

# Debian's tesseract for reading scanned agreements (documents app) by OCR.
tesseract:
	@if [ ! -x /usr/bin/tesseract ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >/dev/null; \
	  else echo "Install Debian's tesseract (sudo apt-get install tesseract-ocr tesseract-ocr-eng) to read scanned documents"; exit 1; fi; \
	fi

lint: install
	$(VENV)/bin/ruff check .

types: install
	$(VENV)/bin/mypy .

# Two test processes by default (CI has two cores and much of the suite waits on browsers, workers
# and servers); each has its own test database, Redis database and media folder. TEST_JOBS=0: one.
TEST_JOBS ?= 2
test: install browser tesseract lint types
	$(PY) -m scripts.devservices exec --dir .local/test -- $(PY) -m pytest -p no:cacheprovider -n $(TEST_JOBS) --dist loadfile -m "not ops"

# Deployment tests (`ops` marker, run by .ci/run after `make test`): an upgrade with data, two web
# servers + three workers + two beats through PgBouncer in transaction mode, object storage (moto).
test-ops: install pgbouncer
	$(PY) -m scripts.devservices exec --dir .local/test-ops -- $(PY) -m pytest -p no:cacheprovider -m ops tests/ops

# Debian's pgbouncer for the transaction-pooling test of `make test-ops`.
pgbouncer:
	@if [ ! -x /usr/sbin/pgbouncer ] && ! command -v pgbouncer >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null; \
	  else echo "Install Debian's pgbouncer (sudo apt-get install pgbouncer) for make test-ops"; exit 1; fi; \
	fi

# schemathesis against a live server as admin, counsel and finance (make test runs a short pass).
fuzz: install
	$(PY) -m scripts.devservices exec --dir .local/test -- $(PY) -m scripts.fuzz --max-examples $(or $(EXAMPLES),200)

bench: install
	$(PY) -m scripts.devservices exec --dir .local/bench -- $(PY) -m bench $(ONLY)

# Mutation testing of the money and date modules (not part of `make test`): mutmut 3 in a copy of
# the tree under .local/mutate (progress in .local/mutate/mutmut.log), then the kill rate per module.
# The copy is fresh each run (plain Python, no rsync): mutmut would otherwise keep results of mutants
# whose source did not change even when the tests did.
MUTATE_JOBS ?= 2
mutate: install
	$(PY) -m scripts.mutate_tree
	$(PY) -m scripts.devservices exec --dir .local/mutate -- bash -c 'cd .local/mutate/tree && $(CURDIR)/$(VENV)/bin/mutmut run --max-children $(MUTATE_JOBS) >$(CURDIR)/.local/mutate/mutmut.log 2>&1; cd $(CURDIR) && $(PY) -m bench.notes_mutation .local/mutate/tree'

clean:
	rm -rf .local/test .local/test-ops .local/bench
