"""Debian's Chromium driven by Playwright, opening the built site from file:// with the network cut off."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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


def ready(page) -> None:
    """Wait until the page has started every widget, those page.js loads after the page
    itself included (the planner, the route's tools, import and export)."""
    page.locator("html[data-atlas-ready]").wait_for(state="attached")
