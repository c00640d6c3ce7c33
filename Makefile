# Two commands on a fresh clone: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test dist validate bench audit clean install

install: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: install  ## preview at http://127.0.0.1:8000 with live reload
	$(PY) -m mkdocs serve

build: install  ## the static site in site/
	$(PY) -m mkdocs build --strict

test: install  ## every test: engine, templates, full builds, browser
	$(PY) -m pytest

dist: build  ## site.zip: the offline site, open index.html from disk
	cd site && rm -f ../site.zip && TZ=UTC find . -type f -print | LC_ALL=C sort | zip -q -X -D ../site.zip -@
	@echo "wrote site.zip"

validate: install  ## check content only, fast
	$(PY) -m curriculum validate content

clean:
	rm -rf site site.zip .pytest_cache
