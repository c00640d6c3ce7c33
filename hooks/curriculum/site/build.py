"""The start of one build, as any builder sees it: the `Site` of the content, or under
`mkdocs serve`, when the content has problems, a `ProblemsPreview` with the same
interface (so the adapter, hooks/atlas.py, never asks which one it has).

Under `mkdocs serve`, content with problems does not stop the build: the preview
becomes a site whose every page lists them, since MkDocs' server would otherwise
hold every request until a build succeeded, with no word of what is wrong. Given
the pages of the last build that worked, the page the browser has open shows the
problems, and its live reload brings it back once they are fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..plan.hosting import Hosting
from ..plan.pages import HOME, LISTINGS
from ..problems import ContentError
from ..read.files import VOCABULARIES, asset_problem
from .render import problems_page
from .site import Site, ThemeFiles, site_assets, site_stylesheets


@dataclass
class ProblemsPreview(ThemeFiles):
    """The preview of content with `problems`: every page lists them; nothing else is written."""

    problems: ContentError
    last_pages: frozenset[str]  # the pages of the last build that worked: each of them lists the problems
    messages: list[tuple[int, str]] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=site_assets)
    stylesheets: dict[str, str] = field(default_factory=site_stylesheets)  # our stylesheets as shipped (site.site_stylesheets)

    def log_to(self, log: logging.Logger) -> None:
        for level, message in self.messages:
            log.log(level, message)

    def navigation(self) -> list:
        return [{"Problems in the content": HOME}]

    def sources(self, site_name: str, pages: Iterable[str] = ()) -> dict[str, str]:
        """src -> the page listing the problems, for each of `pages`, the last build's, the home
        page and the indexes of the plan."""
        markdown = problems_page(self.problems.problems)  # its template writes its front-matter
        shown = {HOME, *(listing.src for listing in LISTINGS), *self.last_pages, *pages}
        return {src: markdown for src in sorted(shown)}

    def files(self, site_name: str) -> dict[str, str]:
        return {}

    def theme_settings(self) -> dict:
        return {"atlas_footer_links": [], "atlas_site_root": "/"}

    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        return {}

    def edit_link(self, src: str, repo_url: str | None, edit_uri: str | None) -> str | None:
        return None

    def check_anchors(self, built) -> None:
        pass

    def finish_content(self, src: str, html: str) -> str:
        return html

    def finish_page(self, src: str, built: str) -> str:
        return built

    def finish(self, site_dir: str | Path) -> None:
        pass


def start(content_dir: str | Path, *, serving: bool, strict: bool, site_url: str, directory_urls: bool,
          previous: Site | ProblemsPreview | None = None) -> Site | ProblemsPreview:
    """Load the content. ContentError stops any build but a preview (`serving`), which
    lets unfinished work through and lists what is left, without failing; a missing
    asset (repository.MissingAsset) stops every build. `previous`: the last build
    of this `mkdocs serve`."""
    hosting = Hosting(site_url, directory_urls)
    try:
        # A build checks links to anchors once it has converted the pages (Site.check_anchors);
        # the preview checks them now, so that a broken one lists on its every page.
        site = Site.load(content_dir, strict=strict and not serving, preview=serving, hosting=hosting, later_anchors=not serving)
    except ContentError as error:
        if not serving:
            raise
        # Said at INFO: a warning would stop the strict build that shows the problems.
        message = f"{error}\nThe preview shows these problems at every page until they are fixed."
        return ProblemsPreview(error, _pages_of(previous), [(logging.INFO, message)])
    if serving:
        site.messages = [(logging.INFO, f"to finish before a pull request: {warning}") for warning in site.curriculum.warnings]
    else:
        site.messages = [(logging.WARNING, str(warning)) for warning in site.curriculum.warnings]
    site.assets  # noqa: B018 -- raises MissingAsset now, before the build starts, as a missing asset stops every build
    return site


def _pages_of(previous: Site | ProblemsPreview | None) -> frozenset[str]:
    if isinstance(previous, Site):
        return frozenset(previous.renderer.plan)
    return previous.last_pages if previous else frozenset()


def refused_assets(content_dir: str, files: Iterable[tuple[str, object]]) -> list:
    """Of (src, file) pairs, the files of the content folder the site may not publish
    (files.asset_problem: an .html, .svg, .js ... file); the loader reports each."""
    root = Path(content_dir).resolve()
    refused = []
    for src, file in files:
        inside = Path(getattr(file, "abs_src_path", "")).resolve()
        if root in inside.parents and src not in VOCABULARIES.values() and asset_problem(src):
            refused.append(file)
    return refused
