"""One MkDocs build as the adapter (hooks/atlas.py) sees it, in MkDocs' own terms but
without importing MkDocs: what to log, the navigation, which page sources to add or
replace, which files to write, and how to finish each page.

Most builds hold a `Site`. Under `mkdocs serve`, content with problems does not stop
the build: the preview becomes a site whose every page lists them, since MkDocs'
server would otherwise hold every request until a build succeeded, with no word of
what is wrong. Given the pages of the last build that worked, the page the browser
has open shows the problems, and its live reload brings it back once they are fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from . import search
from ..read.files import VOCABULARIES, asset_problem
from ..plan.hosting import Hosting
from ..plan.pages import HOME, LISTINGS
from ..problems import ContentError
from .render import problems_page
from .site import Site, site_assets, site_root_path, site_stylesheets
from ..plan.titles import tab_title


def problems_preview(error: ContentError, pages: Iterable[str]) -> dict[str, str]:
    """src -> Markdown of a site whose every page lists the problems of `error`: each of
    `pages`, the home page and the indexes of the plan."""
    markdown = problems_page(error.problems)
    return {src: markdown for src in sorted({HOME, *(listing.src for listing in LISTINGS), *pages})}


class Build:
    """The site of the content, or (`site` None) the preview of its `problems`."""

    def __init__(self, site: Site | None, problems: ContentError | None, messages: list[tuple[int, str]], hosting: Hosting,
                 last_pages: frozenset[str] = frozenset()):
        self.site = site
        self.problems = problems
        self.messages = messages  # (logging level, text) to log once the build starts
        self.hosting = hosting  # where MkDocs puts each page: mkdocs.yml's site_url and use_directory_urls
        self.assets = site_assets()  # site path -> file copied as it is; raises repository.MissingAsset
        self.stylesheets = site_stylesheets()  # site path -> our stylesheet as the site ships it (in place of the theme's copy)
        # The pages of the last build that worked (the only state kept across builds):
        # while there are problems, each of them lists them.
        self.last_pages = last_pages
        self.log = logging.getLogger(__name__)  # log_to sets the adapter's

    @classmethod
    def start(cls, content_dir: str | Path, *, serving: bool, strict: bool, site_url: str, directory_urls: bool,
              previous: Build | None = None) -> Build:
        """Load the content. ContentError stops any build but a preview (`serving`), which
        lets unfinished work through and lists what is left, without failing; a missing
        asset (repository.MissingAsset) stops every build. `previous`: the last build
        of this `mkdocs serve`."""
        hosting = Hosting(site_url, directory_urls)
        last_pages = previous.last_pages if previous else frozenset()
        try:
            site = Site.load(content_dir, strict=strict and not serving, preview=serving, hosting=hosting)
        except ContentError as error:
            if not serving:
                raise
            # Said at INFO: a warning would stop the strict build that shows the problems.
            message = f"{error}\nThe preview shows these problems at every page until they are fixed."
            return cls(None, error, [(logging.INFO, message)], hosting, last_pages)
        if serving:
            messages = [(logging.INFO, f"to finish before a pull request: {warning}") for warning in site.curriculum.warnings]
        else:
            messages = [(logging.WARNING, str(warning)) for warning in site.curriculum.warnings]
        return cls(site, None, messages, hosting, last_pages)

    def log_to(self, log: logging.Logger) -> None:
        self.log = log
        for level, message in self.messages:
            log.log(level, message)

    def navigation(self) -> list:
        return self.site.navigation() if self.site else [{"Problems in the content": HOME}]

    def pages(self, sources: Iterable[str]) -> dict[str, str]:
        """src -> the Markdown MkDocs reads for it: a content page's (replacing what MkDocs
        read from `sources`, the content folder's pages) or a generated page's (added)."""
        if self.site is None:
            return problems_preview(self.problems, self.last_pages | set(sources))
        pages = self.site.generated_pages() | self.site.page_sources()
        self.last_pages = frozenset(pages)
        return pages

    def refused_assets(self, content_dir: str, files: Iterable[tuple[str, object]]) -> list:
        """Of (src, file) pairs, the files of the content folder the site may not publish
        (files.asset_problem: an .html, .svg, .js ... file); the loader reports each."""
        root = Path(content_dir).resolve()
        refused = []
        for src, file in files:
            inside = Path(getattr(file, "abs_src_path", "")).resolve()
            if root in inside.parents and src not in VOCABULARIES.values() and asset_problem(src):
                refused.append(file)
        return refused

    def files(self, site_name: str) -> dict[str, str]:
        """Site path -> text of each file that is not a page: the data files, the feed and the
        old addresses of renamed pages."""
        if self.site is None:
            return {}
        return self.site.data_files() | self.site.feed_files(site_name) | self.site.redirect_pages(site_name)

    def feed_link(self, src: str) -> str | None:
        """The feed a page announces in its <head> (templates/theme/main.html), or None."""
        return self.site.feed_link(src) if self.site else None

    def ships(self, src_uri: str) -> bool:
        """Whether the theme's file `src_uri` is copied into the site: search-ranking.js is
        not, since it runs inside Material's search worker (`search_worker`)."""
        return src_uri != search.RANKING_ASSET

    def is_search_worker(self, src_uri: str) -> bool:
        return search.MATERIAL_WORKER.fullmatch(src_uri) is not None

    def search_worker(self, material: str) -> str:
        """Material's search worker as the site ships it: with our ranking (search.py)."""
        return search.worker_with_ranking(material)

    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        return self.site.neighbours() if self.site else {}

    def footer_links(self) -> list[tuple[str, str]]:
        return self.site.footer_links() if self.site else []

    def page_meta(self, src: str, meta: dict) -> None:
        if self.site:
            self.site.page_meta(src, meta)

    def tab_title(self, src: str, site_name: str) -> str | None:
        return self.site.tab_title(src, site_name) if self.site else None

    def edit_link(self, src: str, repo_url: str | None, edit_uri: str | None) -> str | None:
        """Where "Edit this page" leads; None where mkdocs.yml sets no repo_url and edit_uri."""
        return self.site.edit_link(src, repo_url, edit_uri) if self.site and repo_url and edit_uri else None

    def template_context(self, template_name: str, site_name: str) -> dict[str, str]:
        """What a theme template that is not a page needs: the 404 page, served at any depth,
        links from the site's root (templates/theme/404.html) and has a tab title."""
        if template_name != "404.html":
            return {}
        return {"base_url": ".", "atlas_site_root": site_root_path(self.hosting.site_url), "tab_title": tab_title("Page not found", site_name)}

    def finish_content(self, src: str, html: str) -> str:
        """A page's content, sanitised; what the sanitiser removed is a warning, so the
        strict build stops on it (the validator should have refused it first)."""
        if self.site is None:
            return html
        finished, removed = self.site.finish_content(src, html)
        if removed:
            self.log.warning(removed)
        return finished

    def finish_page(self, src: str, built: str) -> str:
        return self.site.finish_page(src, built) if self.site else built

    def after_build(self, site_dir: str | Path) -> None:
        """Write what only the built pages can give: the rows scripts of split tables, the
        Review page's answers, and the search results titled by kind (search_index.json,
        found in `site_dir`)."""
        if self.site is None:
            return
        for dest, text in (self.site.rows_scripts() | self.site.answers_script()).items():
            target = Path(site_dir, dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        index = Path(site_dir, "search", "search_index.json")
        if index.is_file():
            index.write_text(self.site.label_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
