# Two commands on a fresh clone: `make serve` and `make test`. Each installs what it needs:
# `make serve`, `build`, `dist` and `validate` only what the site needs (the `install` target);
# `make test` and `audit` the test tools as well (`install-test`: Playwright, Lighthouse, axe...).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
ADDR   ?= 127.0.0.1:8000
STAMP      := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
NPM_STAMP      := node_modules/.installed-stamp
NPM_TEST_STAMP := node_modules/.installed-test-stamp
NPM_CI    := npm ci --no-audit --no-fund --loglevel=error
BYTECODE  := $(VENV)/.bytecode-stamp
export NO_MKDOCS_2_WARNING := 1
# Two builds of one commit are byte-identical: dates in the output (the sitemap's
# lastmod) come from the last commit, not the clock, unless the caller sets it.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
# In CI a build dated by the clock would pass every check and still not be
# reproducible, so a missing date stops everything there instead.
ifneq ($(filter-out false False FALSE 0,$(CI)),)
ifeq ($(SOURCE_DATE_EPOCH),)
$(error SOURCE_DATE_EPOCH is not set and `git log -1 --format=%ct` gave no date, so this CI build would not be reproducible. Run `git log -1` to see why. In a container whose checkout belongs to another user, git refuses it until you run: git config --global --add safe.directory "$$PWD")
endif
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build test test-js dist pages validate bench snapshot audit linkcheck linkcheck-online clean install install-test

install: $(STAMP) $(NPM_STAMP) $(BYTECODE)  ## what the site needs: MkDocs and the engine, the offline search shim

install-test: $(TEST_STAMP) $(NPM_TEST_STAMP) $(BYTECODE)  ## that and the test tools

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

# The test extras hold the site's packages too, so this install also stands for the one above.
$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP) $@

# The hooks are imported from the working tree, not installed, so pip does not
# compile them as it compiles every installed package. Where PYTHONDONTWRITEBYTECODE
# is set (as on many CI and container images) every build would then compile the
# engine again. Compiled once here, then again only for a file that changed;
# Python checks each .pyc against its source.
$(BYTECODE): $(wildcard hooks/*.py hooks/curriculum/*.py hooks/curriculum/*/*.py) | $(PY)
	$(PY) -m compileall -q hooks
	@touch $@

# The site ships two files from npm (iframe-worker's shim, ts-fsrs's scheduler), so a content install
# leaves out the dev packages. `npm ci` starts node_modules afresh, so where the
# test tools are installed already it installs them again rather than drop them
# (make expands both lines before npm runs: both see the stamp as it was).
$(NPM_STAMP): package.json package-lock.json
	$(NPM_CI) $(if $(wildcard $(NPM_TEST_STAMP)),,--omit=dev)
	@touch $@ $(wildcard $(NPM_TEST_STAMP))

$(NPM_TEST_STAMP): package.json package-lock.json
	$(NPM_CI)
	@touch $(NPM_STAMP) $@

serve: install  ## preview with live reload at http://$(ADDR)/atlas/ (another address: make serve ADDR=127.0.0.1:8123)
	@$(PY) tools/free_address.py $(ADDR)
	@$(PY) -m curriculum config
	$(PY) -m mkdocs serve --dev-addr $(ADDR)

# BUILDER=zensical: the second builder (CONTRIBUTING, "Two builders"): the engine writes the
# site source into .generated/ (python -m curriculum generate), Zensical builds it into
# site-zensical/, and `finish` does what only built pages allow. BUILDER=mkdocs-plain
# builds the same source with MkDocs and no hooks, into site-plain/.
BUILDER ?= mkdocs
ZENSICAL_STAMP := $(VENV)/.installed-zensical-stamp

$(ZENSICAL_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[zensical]'
	@touch $@

build: install $(if $(filter zensical,$(BUILDER)),$(ZENSICAL_STAMP))  ## the static site in site/ (BUILDER=zensical: site-zensical/, mkdocs-plain: site-plain/)
ifeq ($(BUILDER),mkdocs)
	$(PY) -m mkdocs build --strict
else ifeq ($(BUILDER),zensical)
	$(PY) -m curriculum generate .generated
	rm -rf .generated/site site-zensical
	cd .generated && ../$(VENV)/bin/zensical build --strict --clean -f mkdocs.yml
	mv .generated/site site-zensical
	$(PY) -m curriculum finish site-zensical
else ifeq ($(BUILDER),mkdocs-plain)
	$(PY) -m curriculum generate .generated
	$(PY) -m mkdocs build --strict -f .generated/mkdocs.yml -d $(CURDIR)/site-plain
	$(PY) -m curriculum finish site-plain
else
	$(error BUILDER is mkdocs (the default), zensical or mkdocs-plain, not "$(BUILDER)")
endif

# One process per core (pytest-xdist): each shares one Chromium and one build of each site
# among its tests. TEST_WORKERS=0 runs them in this process, as plain `pytest` does.
TEST_WORKERS ?= auto
test: test-js  ## every test: the browser code's (ESLint, Node's test runner), then engine, templates, full builds, browser
	$(PY) -m pytest -n $(TEST_WORKERS)

test-js: install-test  ## the browser code alone, in seconds: ESLint, then its unit tests (Node's own test runner)
	node_modules/.bin/eslint .
	node --test tests/js/

dist: build  ## site.zip: the offline site, unzip it and open index.html from disk
	$(PY) tools/dist.py site site.zip

# The hosted site links to its offline copy at this address, beside the pages.
pages: dist  ## site/ as GitHub Pages publishes it: the site, with the offline zip at site/ai-engineering-atlas.zip
	cp site.zip site/ai-engineering-atlas.zip

validate: install  ## check content only, fast, as CI and pre-commit do (--strict: quality warnings refused too)
	$(PY) -m curriculum validate content --strict

audit: install-test build  ## Lighthouse, mobile: performance >= 95, accessibility, best practices, SEO = 100
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/audit.py site --runs 3

linkcheck: build  ## every internal link, anchor, picture and CSS url() of site/
	$(PY) tools/linkcheck.py site

linkcheck-online: build  ## the same, and ask every external host (needs the network)
	$(PY) tools/linkcheck.py site --online

bench: install  ## build synthetic sites at SIZES x the real size (default "1 10 30"): ours, the same pages without hooks, plain MkDocs; prints the figures
	$(PY) bench/run.py --sizes $(or $(SIZES),1 10 30)

# Before and after a change to the engine: `make snapshot` builds the real content, the test
# fixture and a 3x synthetic curriculum with HEAD (or REV) and with the working tree, and lists
# every file that differs. AGAINST=rev compares two commits; SORT_LINKS=1 ignores the order of
# attributes inside <a> tags.
snapshot: install  ## diff the sites built by REV (default HEAD) and the working tree
	$(PY) tools/snapshot.py --base $(or $(REV),HEAD) $(if $(AGAINST),--against $(AGAINST)) $(if $(SORT_LINKS),--sort-link-attributes)

clean:
	rm -rf site site.zip .pytest_cache .bench .snapshots .generated site-zensical site-plain
