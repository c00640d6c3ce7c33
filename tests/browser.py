"""Debian's Chromium driven by Playwright, opening the built site from file:// with the network cut off,
or from a local server that serves it as GitHub Pages does (`serve`)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import audit  # tools/ is not a package

PREFIX = "/atlas/"  # where GitHub Pages serves the site

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("ATLAS_REQUIRE_BROWSER"):
        pytest.fail(f"Chromium is required here but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed; .ci/run installs it")


@dataclass
class Watch:
    """What a page did that a reader must never see: outside requests and console errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda msg: self.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))

    def assert_clean(self) -> None:
        assert not self.outside, f"requests left file://: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"


def new_context(browser, watch: Watch, allow: tuple[str, ...] = ("file://",), **options):
    """A fresh context whose requests may only go to URLs starting with `allow` (and
    data:, blob:, about:); any other is aborted and recorded in `watch.outside`."""
    context = browser.new_context(accept_downloads=True, **options)

    def route(route):
        url = route.request.url
        if url.startswith((*allow, "data:", "blob:", "about:")):
            return route.continue_()
        watch.outside.append(url)
        return route.abort()

    context.route("**/*", route)
    context.on("page", watch.attach)
    return context


@dataclass
class Served:
    """A built site served under PREFIX, gzipped, as GitHub Pages serves it, with every path
    asked for (a request from a worker counts too) and the size of each response."""

    base: str
    paths: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # bytes of each response body, as sent
    sent: dict[str, int] = field(default_factory=dict)  # the same, by path

    def count(self, pattern: re.Pattern) -> int:
        return sum(1 for path in self.paths if pattern.search(path))

    def forget(self) -> None:
        self.paths.clear()
        self.sizes.clear()
        self.sent.clear()

    def context(self, browser, watch: Watch, **options):
        """A fresh context (nothing cached) that may only talk to this server."""
        return new_context(browser, watch, allow=(self.base[: -len(PREFIX) + 1],), **options)


def serve(site: Path) -> Iterator[Served]:
    """Serve `site` on a free local port while the generator is suspended (for a fixture)."""
    served = Served(base="")

    class Recording(audit.make_handler(site, PREFIX)):
        def respond(self, head: bool) -> None:
            served.paths.append(urlsplit(self.path).path)
            super().respond(head)

        def send_header(self, keyword: str, value: str) -> None:
            if keyword == "Content-Length":
                served.sizes.append(int(value))
                served.sent[urlsplit(self.path).path] = int(value)
            super().send_header(keyword, value)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recording)
    served.base = f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        httpd.shutdown()
        httpd.server_close()


def ready(page) -> None:
    """Wait until the page has started every widget, those page.js loads after the page
    itself included (the planner, the route's tools, import and export)."""
    page.locator("html[data-atlas-ready]").wait_for(state="attached")


# Material's names for the two colour schemes a system can prefer.
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


def show_scheme(page, scheme: str) -> None:
    """Show the open page in the "light" or "dark" scheme without loading it again (a state
    made on the page, an open dialog or the learner's last change, would not survive a reload).

    Material reads the system's preference once, when the page loads; after that only its
    toggle changes the scheme. So the preference is emulated (for pages opened next, and any
    style that asks for it) and the scheme's radio input is clicked, as the toggle's label
    does: Material applies it with its own code. A script's click moves no focus. page.js
    notes a toggled scheme as the reader's choice, which pages opened next would keep instead
    of following the system; that note is taken back unless it was there before."""
    material = MATERIAL_SCHEMES[scheme]
    page.emulate_media(color_scheme=scheme)
    page.evaluate(
        """(scheme) => {
            const chosen = localStorage.getItem('atlas-scheme-chosen');
            document.querySelector(`input[name=__palette][data-md-color-scheme=${scheme}]`).click();
            if (chosen === null) localStorage.removeItem('atlas-scheme-chosen');
        }""",
        material,
    )
    page.locator(f"body[data-md-color-scheme='{material}']").wait_for(state="attached")


def shown_first(page, schemes=("light", "dark")) -> list[str]:
    """`schemes` in the order to check them, the one the page shows now first: a switch fewer."""
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    return sorted(schemes, key=lambda scheme: MATERIAL_SCHEMES[scheme] != shown)


# Still: the fonts have loaded, and for three frames in a row nothing has scrolled and no finite
# animation or transition has run. One frame is not enough: a scroll (Playwright scrolls a
# control into view before it fills or clicks it) is reported by an event in the next frame, and
# only then does the theme start, say, fading its back-to-top button in; a check made before
# that sees nothing running, and axe then measures the button's colours half-way through.
STILL = """() => new Promise((resolve) => {
  let still = 0, last = null;
  const frame = () => {
    const at = `${scrollX},${scrollY}`;
    const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
    still = moving || at !== last ? 0 : still + 1;
    last = at;
    if (still >= 3) resolve(); else requestAnimationFrame(frame);
  };
  document.fonts.ready.then(() => requestAnimationFrame(frame));
})"""


def wait_until_still(page) -> None:
    """Wait until the page has stopped moving (STILL): what a check of colours or positions needs."""
    page.evaluate(STILL)
