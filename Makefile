# Two commands on a fresh clone: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp
BYTECODE  := $(VENV)/.bytecode-stamp
export NO_MKDOCS_2_WARNING := 1
# Two builds of one commit are byte-identical: dates in the output (the sitemap's
# lastmod) come from the last commit, not the clock, unless the caller sets it.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build test dist validate bench snapshot audit linkcheck linkcheck-online clean install

install: $(STAMP) $(NPM_STAMP) $(BYTECODE)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

# The hooks are imported from the working tree, not installed, so pip does not
# compile them as it compiles every installed package. Where PYTHONDONTWRITEBYTECODE
# is set (as on many CI and container images) every build would then compile the
# engine again. Compiled once here, then again only for a file that changed;
# Python checks each .pyc against its source.
$(BYTECODE): $(STAMP) $(wildcard hooks/*.py hooks/curriculum/*.py)
	$(PY) -m compileall -q hooks
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

dist: build  ## site.zip: the offline site, unzip it and open index.html from disk
	$(PY) tools/dist.py site site.zip

validate: install  ## check content only, fast
	$(PY) -m curriculum validate content

audit: build  ## Lighthouse, mobile: performance >= 95, accessibility, best practices, SEO = 100
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/audit.py site --runs 3

linkcheck: build  ## every internal link, anchor, picture and CSS url() of site/
	$(PY) tools/linkcheck.py site

linkcheck-online: build  ## the same, and ask every external host (needs the network)
	$(PY) tools/linkcheck.py site --online

bench: install  ## build synthetic sites at SIZES x the real size (default "1 10 30"), ours and plain MkDocs; prints the figures
	$(PY) bench/run.py --sizes $(or $(SIZES),1 10 30)

# Before and after a change to the engine: `make snapshot` builds the real content, the test
# fixture and a 3x synthetic curriculum with HEAD (or REV) and with the working tree, and lists
# every file that differs. AGAINST=rev compares two commits; SORT_LINKS=1 ignores the order of
# attributes inside <a> tags.
snapshot: install  ## diff the sites built by REV (default HEAD) and the working tree
	$(PY) tools/snapshot.py --base $(or $(REV),HEAD) $(if $(AGAINST),--against $(AGAINST)) $(if $(SORT_LINKS),--sort-link-attributes)

clean:
	rm -rf site site.zip .pytest_cache .bench .snapshots
