# Covenant: `make run` starts everything, `make test` runs every test, `make bench` measures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench lint types install browser tesseract clean

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

test: install browser tesseract lint types
	$(PY) -m scripts.devservices exec --dir .local/test -- $(PY) -m pytest -p no:cacheprovider

bench: install
	$(PY) -m scripts.devservices exec --dir .local/bench -- $(PY) -m bench $(ONLY)

clean:
	rm -rf .local/test .local/bench
