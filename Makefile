# Two commands on a fresh machine: `make serve` (site on http://127.0.0.1:8000/) and `make test`.
PYTHON ?= python3
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)  # apt-get as root: directly on CI machines, through sudo elsewhere
VENV := .venv
BIN := $(VENV)/bin
KB := PYTHONPATH=hooks $(BIN)/python -m kb
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline check diff test test-rapide schema links import bench bench-5000 browser

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

# VB=<document id or file>[,…] previews only those documents, the ones above and below them and the units
# they name: on a large corpus a save shows in seconds. The whole content is still checked. PORT: another port.
serve: $(BIN)/.installed
	KB_SCOPE="$(VB)" $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

# A zip of the site that opens from file:// (navigation, tables, links; search runs in the browser).
offline: $(BIN)/.installed
	$(BIN)/mkdocs build --strict -f mkdocs-offline.yml
	cd site-offline && $(CURDIR)/$(BIN)/python -m zipfile -c ../kho-van-ban-offline.zip .
	@echo "Đã tạo kho-van-ban-offline.zip: giải nén rồi mở index.html."

check: $(BIN)/.installed
	$(KB) check

# What the change does to the base, for the pull request: BASE=<ref> (default: where it left main); JSON=1 for tools.
diff: $(BIN)/.installed
	$(KB) diff $(if $(BASE),--so-voi "$(BASE)") $(if $(JSON),--json)

# FILE=<.pdf (text or scanned), .docx or .txt> → draft(s) in docs/van-ban/ with proposals to confirm.
import: $(BIN)/.installed browser
	@test -n "$(FILE)" || { echo "Cần tên tệp: make import FILE=duong/dan/van-ban.pdf"; exit 2; }
	$(KB) import "$(FILE)"

schema: $(BIN)/.installed
	$(KB) schema

# After adding documents or anchors: record the new addresses so they can never silently disappear.
links: $(BIN)/.installed
	$(KB) links

# Our configuration against plain Material on synthetic corpora (table: benchmarks/README.md).
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --sizes 100 1000 --serial --floor --write

bench-5000: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --sizes 5000 --repeat 1 --serial --write

# Debian's Chromium for the browser tests (a test tool cannot download its own browser here),
# pdftotext to read back printed PDFs, and Tesseract with its Vietnamese data for scanned PDFs.
browser:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie || \
	  { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie >/dev/null; }

# One worker per core, each test file on one worker (its fixtures are made once); the two OCR files, first by name, start first.
PYTEST := $(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

test: $(BIN)/.installed browser
	$(PYTEST)

# While editing: the suite without the slow tests (OCR of scans, whole evaluation sets).
test-rapide: $(BIN)/.installed browser
	$(PYTEST) -m "not slow"
