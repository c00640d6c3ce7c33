from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitebuild import FIXTURES, ROOT, SPLIT_EXTRA, TEST_EPOCH, add_samples, build_site, build_with_extra

# Every build and validation of the tests is dated by one fixed moment, not by the last
# commit (`make test`) or the clock: the fixtures' dates stay within a year of it, so no
# test starts failing when the calendar moves on. Tests of dates set their own.
os.environ["SOURCE_DATE_EPOCH"] = TEST_EPOCH


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched once for the whole run (browser tests skip without it, outside CI).
    Each test opens contexts of its own (the `page` fixture, browser.new_context), and a context
    is a browser profile of its own: storage, cookies and cache are never shared between tests."""
    from browser import ARGS, chromium_or_skip

    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_or_skip()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def watch():
    """What the page does that a reader must never see (browser.Watch)."""
    from browser import Watch

    return Watch()


@pytest.fixture
def page(browser, watch):
    """A fresh tab whose requests may not leave file://; it fails the test on a console error."""
    from browser import new_context

    context = new_context(browser, watch)
    tab = context.new_page()
    watch.attach(tab)
    yield tab
    context.close()
    watch.assert_clean()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh, writable copy of the small fixture curriculum."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The fixture curriculum built once with `mkdocs build --strict`."""
    return build_site(FIXTURES / "mini", tmp_path_factory.mktemp("mini-build"))


@pytest.fixture(scope="session")
def split_site(tmp_path_factory) -> Path:
    """The fixture curriculum with enough papers and projects to split their tables into pages."""
    return build_with_extra(tmp_path_factory.mktemp("split-build"), SPLIT_EXTRA)


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory) -> Path:
    """The fixture curriculum plus tests/fixtures/samples/ (a page of every Markdown block), built strictly."""
    work = tmp_path_factory.mktemp("samples-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    add_samples(content)
    return build_site(content, work)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site (content/) built once with `mkdocs build --strict`."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("real-build"))


@pytest.fixture(scope="session")
def served_real(real_site: Path):
    """The real site served as GitHub Pages serves it (browser.serve), for every module that needs it."""
    from browser import serve

    yield from serve(real_site)
