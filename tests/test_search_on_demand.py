"""Search costs nothing until it is used: over http(s), a page's first view downloads neither the search
index nor the search worker; both load the first time the reader reaches for search, or at once when the
page was opened from a search result (?h=, search highlighting). From file:// (the offline copy) the same:
the index there is a script, and the worker an iframe on the page's own thread, which builds the index.

The built site is served as GitHub Pages serves it (tools/audit.py's server: under /atlas/, gzipped), and
the server records every path a browser asks for, so a request the browser makes from a worker counts too.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import Served, Watch, new_context, serve
from sitebuild import ROOT

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

INDEX = re.compile(r"/search/search_index\.json$")
WORKER = re.compile(r"/assets/javascripts/workers/search\.[^/]*\.js$")
BUDGET = 100 * 1024  # the most a page's first view may transfer, gzipped, with nothing cached


@pytest.fixture(scope="module")
def served(mini_site: Path) -> Iterator[Served]:
    yield from serve(mini_site)


def http_context(browser, served: Served, watch: Watch, **options):
    """A fresh context (nothing cached) that may only talk to the test's server."""
    return served.context(browser, watch, **options)


@pytest.fixture
def page(browser, served: Served, watch: Watch):
    context = http_context(browser, served, watch)
    page = context.new_page()
    watch.attach(page)
    served.forget()
    yield page
    context.close()
    watch.assert_clean()


def settle(page) -> None:
    """Wait until the page is loaded, its deferred scripts have run and the network has been quiet a while."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("rel", ["index.html", "papers/transformer.html", "paths/demo-path/01-basics.html", "papers/index.html?h="])
def test_first_view_loads_no_search(served: Served, page, rel: str) -> None:
    page.goto(served.base + rel)
    settle(page)
    assert served.count(INDEX) == 0, served.paths
    assert served.count(WORKER) == 0, served.paths
    assert page.locator("[data-md-component=search-query]").count() == 1  # search is there, only not loaded


# How a reader reaches for search: the `/` and `s` shortcuts, the search field in a wide header, the
# magnifier of a narrow one.
REACH = {
    "slash": lambda page: page.keyboard.press("/"),
    "s": lambda page: page.keyboard.press("s"),
    "field": lambda page: page.locator(".md-search__input").click(),
    "magnifier": lambda page: page.locator("label.md-header__button[for=__search]").click(),
}


@pytest.mark.parametrize("how", REACH)
def test_search_loads_on_first_use_and_finds(browser, served: Served, watch: Watch, how: str) -> None:
    narrow = {"viewport": {"width": 375, "height": 740}, "has_touch": True} if how == "magnifier" else {}
    context = http_context(browser, served, watch, **narrow)
    page = context.new_page()
    watch.attach(page)
    served.forget()
    try:
        page.goto(served.base + "papers/index.html")
        settle(page)
        assert served.count(INDEX) == 0, served.paths
        REACH[how](page)
        page.keyboard.type("Attention")
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=15000)
        assert "Attention Is All You Need" in page.locator(".md-search-result__list").inner_text()
        page.keyboard.press("Backspace")  # a second query uses the same index and worker
        page.keyboard.type("n")
        settle(page)
        assert served.count(INDEX) == 1, served.paths
        assert served.count(WORKER) == 1, served.paths
        first.click()
        page.wait_for_load_state()
        assert "Attention Is All You Need" in page.locator("article h1").inner_text()
    finally:
        context.close()
    watch.assert_clean()


def test_a_search_result_link_highlights_at_once(served: Served, page) -> None:
    """Material's search.highlight marks the words of ?h= in the page, which needs the index: no waiting."""
    page.goto(served.base + "papers/transformer.html?h=recurrence")
    page.locator("article mark[data-md-highlight]").first.wait_for(timeout=15000)
    assert page.locator("article mark[data-md-highlight]").first.inner_text().lower() == "recurrence"
    settle(page)
    assert served.count(INDEX) == 1, served.paths


def test_messages_to_the_held_worker_are_delivered_once_it_starts(served: Served, page) -> None:
    """What is posted to the search worker before the reader reaches for search waits, in order, for the real one."""
    page.goto(served.base + "index.html")
    settle(page)
    replies = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const config = JSON.parse(document.getElementById("__config").textContent);
            const worker = new Worker(config.search);
            const replies = [];
            worker.addEventListener("message", (e) => {
                replies.push(e.data.type);
                if (replies.length === 2) resolve(replies);
            });
            worker.addEventListener("error", () => reject(new Error("worker failed")));
            setTimeout(() => reject(new Error(`no answer, only ${replies}`)), 10000);
            const fields = {title: {boost: 1000}, text: {boost: 1}, tags: {boost: 1000000}};
            const index = {config: {lang: ["en"], separator: "[\\\\s\\\\-]+", pipeline: [], fields}, docs: [{location: "x.html", title: "Alpha", text: ""}]};
            worker.postMessage({type: 0, data: {...index, options: {suggest: false}}});
            worker.postMessage({type: 2, data: "alpha"});
            setTimeout(() => document.querySelector("[data-md-component=search-query]").focus(), 200);
        })"""
    )
    assert replies == [1, 3]  # ready, then the results of the query
    assert served.count(WORKER) >= 1, served.paths  # the bundle's worker and this one (perhaps from cache)


def test_other_workers_are_left_alone(served: Served, page) -> None:
    page.goto(served.base + "index.html")
    settle(page)
    reply = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const source = URL.createObjectURL(new Blob(["onmessage = (e) => postMessage(e.data * 2)"]));
            const worker = new Worker(source);
            worker.onmessage = (e) => resolve([e.data, worker instanceof Worker]);
            worker.onerror = () => reject(new Error("worker failed"));
            worker.postMessage(21);
        })"""
    )
    assert reply == [42, True]
    assert served.count(INDEX) == 0 and served.count(WORKER) == 0, served.paths


def test_a_page_without_search_form_is_left_alone(browser, served: Served, watch: Watch) -> None:
    context = http_context(browser, served, watch)

    def without_form(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('name="search"', 'name="elsewhere"'))

    context.route(served.base + "index.html", without_form)
    page = context.new_page()
    try:
        page.goto(served.base + "index.html")
        settle(page)
        native = page.evaluate("() => [XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send].map(String)")
    finally:
        context.close()
    assert all("[native code]" in source for source in native), native


def test_offline_reading_loads_search_on_first_use(browser, mini_site: Path, watch: Watch) -> None:
    """From file:// a page opens without the index script or the worker's iframe; the first search
    loads them through the shim (which stays the Worker underneath) and finds."""
    context = new_context(browser, watch)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto((mini_site / "index.html").resolve().as_uri())
        page.wait_for_load_state("load")  # the bundle has started: what it loads at once is asked for by now
        assert not [url for url in asked if "search_index" in url or "/workers/search." in url], asked
        assert page.locator("iframe").count() == 0
        page.locator(".md-search__input").click()
        page.keyboard.type("Attention")
        page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
        assert any(url.endswith("/search/search_index.js") for url in asked)
        assert any("/workers/search." in url for url in asked)
        assert page.evaluate("() => [String(XMLHttpRequest.prototype.open), String(XMLHttpRequest.prototype.send)]") == [
            "function open() { [native code] }", "function send() { [native code] }"]
    finally:
        context.close()
    watch.assert_clean()


@pytest.mark.parametrize("rel", ["index.html", "paths/ai-engineer/01-foundations.html", "papers/index.html", "review.html"])
def test_first_view_of_real_pages_fits_the_budget(browser, served_real: Served, watch: Watch, rel: str) -> None:
    """The first view is what a page loads with it. The widgets further down (main.html's
    #atlas-later: import and export, a phase's route tools and its review offer) load once the
    page has loaded and the browser is idle, as README's "Performance" and `make bench` count
    them: apart. They must be all that comes after, and they are named in the message."""
    context = http_context(browser, served_real, watch)
    page = context.new_page()
    watch.attach(page)
    served_real.forget()
    try:
        page.goto(served_real.base + rel)
        settle(page)
        later = page.evaluate("JSON.parse(document.getElementById('atlas-later')?.textContent || '[]')"
                              ".map((url) => new URL(url, location.href).pathname)")
    finally:
        context.close()
    watch.assert_clean()
    assert served_real.paths and served_real.paths[0].endswith(rel), served_real.paths
    assert set(later) <= set(served_real.sent), (later, served_real.paths)  # the later widgets did load
    first = {path: size for path, size in served_real.sent.items() if path not in later}
    sent = sum(first.values())
    assert sent <= BUDGET, (f"{rel}: {sent} bytes over {len(first)} requests: {sorted(first)}; "
                            f"then {sum(served_real.sent[path] for path in later)} bytes of widgets further down: {later}")


# --- tied to one Material release ------------------------------------------------------------------


SCRIPT = ROOT / "templates" / "theme" / "assets" / "search-on-demand.js"
RANKING = ROOT / "templates" / "theme" / "assets" / "search-ranking.js"


def pinned_material() -> str:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [spec.split("#")[0].split("==", 1)[1].strip() for spec in dependencies if spec.startswith("mkdocs-material==")]
    return pin


@pytest.mark.parametrize("script", [SCRIPT, RANKING], ids=lambda path: path.name)
def test_search_on_demand_was_checked_against_the_pinned_material(script: Path) -> None:
    """Both scripts work on Material's internals (how its bundle loads the index and starts the worker, how
    the worker calls lunr), which any release may change without notice: a new pin must be checked by hand,
    so this fails until it is."""
    pin = pinned_material()
    assert importlib.metadata.version("mkdocs-material") == pin, "the installed Material is not the pinned one: make install"
    checked = re.search(r"Checked against mkdocs-material (\d[\w.]*\w)", script.read_text(encoding="utf-8"))
    assert checked, f"{script.name} must name the Material release it was checked against"
    assert checked[1] == pin, (
        f"pyproject.toml pins mkdocs-material {pin}, but {script.name} was checked against {checked[1]}. It relies on Material's "
        "internals: run the browser tests of test_search_on_demand.py and test_search_ranking.py against the new release, "
        "read the bundle and the worker for the calls the script relies on, then update the version in the script's header."
    )


def test_material_bundle_still_makes_the_calls_the_script_holds_back() -> None:
    """A quick look into the pinned bundle for what the script intercepts; the browser tests above check the behaviour."""
    import material

    (bundle,) = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    code = bundle.read_text(encoding="utf-8")
    for needed in ('"search/search_index.json"', "XMLHttpRequest", "search/search_index.js", "document.head.appendChild", "new Worker(",
                   "__config", "data-md-toggle", "search-query"):
        assert needed in code, f"Material's bundle no longer contains {needed}: search-on-demand.js may hold back nothing"


def test_material_worker_still_offers_what_the_ranking_replaces() -> None:
    """search-ranking.js, appended to Material's worker, answers lunr's Index.search and reads each entry as
    lunr's Builder.add gets it: the pinned worker must still expose lunr, add the entries whole (with our
    `names`) and index every field the config lists. The browser tests of test_search_ranking.py check the ranking."""
    import material

    (worker,) = (Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    for needed in ("self.lunr=", "this.index.search(", "this.add(", "this.field(", "Object.entries(", ".fields"):
        assert needed in code, f"Material's search worker no longer contains {needed}: search-ranking.js may rank nothing"
