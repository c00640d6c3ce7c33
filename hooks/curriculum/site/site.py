"""One build of the site: the facade a builder calls (the MkDocs adapter, hooks/atlas.py,
and `python -m curriculum generate` and `finish`).

A `Site` is made fresh for every build (MkDocs keeps hook modules loaded under
`mkdocs serve`, so nothing may survive from one build to the next). It holds
the loaded curriculum and its renderer. Its source (`sources`, `files`, `assets`)
is what any builder reads; `finish_content` and `finish_page` finish each page as
it is built; `finish` is what only the whole built site allows. Under `mkdocs
serve`, content with problems gives a `ProblemsPreview` (preview.py) instead,
with the same interface.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import rcssmin

from .. import loader
from ..exports import bibtex, export, feed
from ..plan.hosting import UNHOSTED, Hosting
from ..plan.pages import HOME, INDEX_PAGE_SIZE, REVIEW, REVIEW_ANSWERS, ROWS_SCRIPT, WHATS_NEW, edit_target, redirects
from ..plan.titles import Titled, page_names, tab_title
from ..problems import ContentError, Problems
from ..read import schema
from ..read.entities import Curriculum
from ..repository import content_root, edit_url, schema_files, theme_stylesheets, vendored_assets
from ..rules.links import check_anchors
from ..rules.markup import build_removals
from . import search
from .finish import finish_built_page, finish_content, finish_page, relative_from_root, table_body
from .front_matter import split_front_matter, with_front_matter
from .nav import footer_pages, navigation, neighbours
from .render import Renderer
from .review import answers_script, cut_answers
from .widgets import widget_assets


def site_root_path(site_url: str) -> str:
    """'/atlas/' for 'https://example.org/atlas/': where the site lives on its host (for the 404 page)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# The search index each builder writes (site path -> how to label it): Material's and
# Zensical's, as JSON and as the script a page opened from file:// loads.
SEARCH_INDEXES = {
    "search/search_index.json": search.label_results,
    "search/search_index.js": search.label_script,
    "search.json": search.label_results,
    "search.js": search.label_script,
}


class ThemeFiles:
    """How the theme's own files ship, the same for a site and a problems preview."""

    def ships(self, src_uri: str) -> bool:
        """Whether the theme's file `src_uri` is copied into the site: search-ranking.js is
        not, since it runs inside Material's search worker (`search_worker`)."""
        return src_uri != search.RANKING_ASSET

    def is_search_worker(self, src_uri: str) -> bool:
        return search.MATERIAL_WORKER.fullmatch(src_uri) is not None

    def search_worker(self, material: str) -> str:
        """Material's search worker as the site ships it: with our ranking (search.py)."""
        return search.worker_with_ranking(material)


@functools.cache
def site_stylesheets() -> dict[str, str]:
    """Site path -> text of each of our stylesheets as the site ships it: minified by rcssmin.

    The files in templates/theme/assets/ keep their comments (why each rule is there,
    the contrast each colour was measured at); readers get them without, which takes
    about two fifths off every page's first view of our styles (README, "Performance").
    Scripts ship as written: no Python minifier reads their nested template literals.
    """
    return {dest: rcssmin.cssmin(path.read_text(encoding="utf-8")) for dest, path in theme_stylesheets().items()}


def site_assets() -> dict[str, Path]:
    """Site path -> file shipped as it is: browser assets from npm, the committed JSON Schemas.
    Raises repository.MissingAsset, saying which command writes a missing one."""
    return vendored_assets() | schema_files(list(schema.KINDS))


def load(content_dir: str | Path, page_size: int = INDEX_PAGE_SIZE, *, strict: bool = False, preview: bool = False,
         later_anchors: bool = False) -> Curriculum:
    """The curriculum in `content_dir` (see loader.load), its links checked against the pages
    and anchors this site's renderer makes of it."""
    return loader.load(content_dir, lambda curriculum: Renderer(curriculum, page_size=page_size), strict=strict, preview=preview,
                       later_anchors=later_anchors)


@dataclass
class Site(ThemeFiles):
    curriculum: Curriculum
    content_root: str = "content"  # the content folder, relative to the repository
    page_size: int = INDEX_PAGE_SIZE  # rows on each page of a split table
    hosting: Hosting = UNHOSTED  # where the site is published (mkdocs.yml's site_url)
    renderer: Renderer = field(init=False)
    # (logging level, text) to log once the build starts: the content's warnings.
    messages: list[tuple[int, str]] = field(default_factory=list)
    # Each page's finished content, until its page is finished around it.
    _contents: dict[str, str] = field(init=False, default_factory=dict)
    log: logging.Logger = field(init=False, default=logging.getLogger(__name__))  # log_to sets the builder's

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.curriculum, page_size=self.page_size, hosting=self.hosting)

    def log_to(self, log: logging.Logger) -> None:
        self.log = log
        for level, message in self.messages:
            log.log(level, message)

    @functools.cached_property
    def assets(self) -> dict[str, Path]:
        """Site path -> file copied as it is (site_assets)."""
        return site_assets()

    @functools.cached_property
    def stylesheets(self) -> dict[str, str]:
        """Site path -> our stylesheet as the site ships it, in place of the theme's copy (site_stylesheets)."""
        return site_stylesheets()

    @classmethod
    def load(cls, content_dir: str | Path, page_size: int = INDEX_PAGE_SIZE, *, strict: bool = False, preview: bool = False,
             hosting: Hosting = UNHOSTED, later_anchors: bool = False) -> Site:
        """The site of the content in `content_dir`; ContentError lists every problem of it.

        `strict` (the strict build) refuses quality warnings too; a `preview` (mkdocs
        serve) lets unfinished work through, left in `curriculum.warnings`; with
        `later_anchors` the links to anchors wait for `check_anchors`."""
        curriculum = load(content_dir, page_size, strict=strict, preview=preview, later_anchors=later_anchors)
        return cls(curriculum, content_root(content_dir), page_size, hosting)

    def check_anchors(self, built: Mapping[str, set[str] | None]) -> None:
        """The links to anchors a build left for later (`later_anchors`), against `built`: src ->
        the ids the builder's conversion gave each page. ContentError lists the broken ones."""
        problems = Problems()
        check_anchors(self.curriculum, self.curriculum.anchor_links, built, lambda _: self.renderer, problems)
        if problems:
            raise ContentError(problems.errors)

    def navigation(self) -> list:
        return navigation(self.curriculum)

    def footer_links(self) -> list[tuple[str, str]]:
        """(title, site URL) of the pages every page's footer links to."""
        return [(title, self.hosting.page_url(src)) for title, src in footer_pages(self.curriculum)]

    def theme_settings(self) -> dict:
        """What our theme reads from mkdocs.yml's `extra`: the footer's links
        (partials/copyright.html) and where the site lives on its host (404.html)."""
        return {"atlas_footer_links": [list(link) for link in self.footer_links()], "atlas_site_root": site_root_path(self.hosting.site_url)}

    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        """src -> (previous, next) for the footer of the pages whose neighbours are not
        those of the navigation's order (a path's overview and phases: see nav.py)."""
        return neighbours(self.curriculum)

    # --- before the build: what a builder reads ---------------------------------------

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of every page with no content file (pages.py), keyed by its src, as its template writes it."""
        return self.renderer.generated()

    def sources(self, site_name: str) -> dict[str, str]:
        """src -> the Markdown a builder reads for each page of the plan (pages.plan), content
        and generated alike, with its front-matter as the theme needs it (`page_meta`).

        The engine has already read and checked each content file's front-matter; the
        builder reads it again from here, final. A page always starts with a block, so
        that no builder reads its first lines as MultiMarkdown metadata."""
        pages = {}
        for page in self.renderer.plan.values():
            text = self.renderer.render_page(page)
            meta, body = ({}, text) if page.content else split_front_matter(text)
            meta = self.page_meta(page.src, meta, site_name) | widget_assets(body)
            pages[page.src] = with_front_matter(meta, body)
        return pages

    def files(self, site_name: str) -> dict[str, str]:
        """Site path -> text of each file that is not a page: the data files, the feed and the
        old addresses of renamed pages."""
        return self.data_files() | self.feed_files(site_name) | self.redirect_pages(site_name)

    def data_files(self) -> dict[str, str]:
        """api/curriculum.json, the reading lists as BibTeX and each path's entries as a script
        (bibtex.py), keyed by their paths in the site."""
        files = {"api/curriculum.json": export.dumps_compact(export.curriculum_json(self.curriculum, self.hosting.page_url))}
        return files | bibtex.reading_lists(self.curriculum) | bibtex.entries_scripts(self.curriculum)

    def feed_files(self, site_name: str) -> dict[str, str]:
        """The Atom feed of What's new at the site's root (feed.py); none without a site_url."""
        text = feed.atom(self.curriculum, self.hosting, site_name)
        return {feed.FEED: text} if text is not None else {}

    def feed_link(self, src: str) -> str | None:
        """The feed, for the <link rel="alternate"> of the pages that announce it (the home page
        and What's new), as a site path; None elsewhere or without a feed."""
        return feed.FEED if src in (HOME, WHATS_NEW) and self.hosting.site_url else None

    def redirect_pages(self, site_name: str) -> dict[str, str]:
        """Site path -> the small page at each old address of a renamed page (pages.redirects).

        Written here rather than with the mkdocs-redirects plugin: the plugin takes a
        fixed map from mkdocs.yml, while these follow from the content's `old_ids` on
        every build (we would have to write into another plugin's settings from our
        hook), and its page (1.2) is titled "Redirecting...", does not name where it
        leads, asks no search engine to leave it out (no noindex) and flashes white
        in a dark scheme. The page itself is one template, redirect.html.j2.
        """
        pages = {}
        for redirect in redirects(self.curriculum):
            dest = self.hosting.page_file(redirect.src)
            url = self.hosting.page_url(redirect.target.src)
            href = posixpath.relpath(url, posixpath.dirname(dest) or ".")
            canonical = urljoin(self.hosting.site_url, url) if self.hosting.site_url else href
            pages[dest] = self.renderer.redirect(redirect.target, href, canonical, site_name)
        return pages


    # --- while MkDocs builds each page ---------------------------------------------

    def page_meta(self, src: str, meta: dict, site_name: str) -> dict:
        """A page's front-matter as the theme expects it: `meta`, as its template wrote it
        (a content page's: empty), completed.

        Material writes `title` and `description` into the HTML unescaped (its
        <title>, header and meta description; MkDocs treats titles as HTML), so a
        front-matter value must arrive escaped. A page without a description
        gets its entity's (a paper's key contribution), for search engines. Our
        theme (templates/theme/main.html) reads the page's tab title (titles.py)
        and, where it announces one, its feed.
        """
        entity = self.curriculum.by_src.get(src)
        if entity is not None:
            for key, value in entity.source.meta.items():
                meta.setdefault(key, value)
        if "description" not in meta:
            found = getattr(entity, "meta", None)
            text = getattr(found, "description", None) or getattr(found, "contribution", None)
            if text:
                meta["description"] = text
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = html.escape(meta[key], quote=True)
        titled = self.titles.get(src)
        if titled is not None:
            meta["atlas_tab_title"] = tab_title(titled.name, site_name)
        feed_link = self.feed_link(src)
        if feed_link:
            meta["atlas_feed"] = feed_link
        return meta

    @functools.cached_property
    def titles(self) -> dict[str, Titled]:
        """Every page's name, keyed by its src (titles.py)."""
        return page_names(self.curriculum, self.page_size)

    def edit_link(self, src: str, repo_url: str | None, edit_uri: str | None) -> str | None:
        """Where "Edit this page" leads for the page built from `src`; None where mkdocs.yml
        sets no repo_url and edit_uri."""
        return edit_url(repo_url, edit_uri, edit_target(src, self.content_root)) if repo_url and edit_uri else None

    def finish_content(self, src: str, html: str) -> str:
        """The HTML of the content of the page built from `src` (its Markdown, converted),
        finished and sanitised (finish.py). What the sanitiser removed is a warning, so
        the strict build stops on it: the validator should have refused it first."""
        finished = finish_content(html)
        self._contents[src] = finished.html
        if finished.removed:
            self.log.warning(self.removed(src, html))
        return finished.html

    def removed(self, src: str, html: str) -> str:
        """What the sanitiser removed from the content of the page built from `src`, in words."""
        entity = self.curriculum.by_src.get(src)
        page = entity.source.display if entity is not None else f"the page the build makes at {src}"
        what = ", ".join(build_removals(html)) or "markup outside the allow-list"
        return (
            f"{page}: the build removed from this page {what}, which the allow-list of HTML does not hold "
            "(validate should have refused it: please report that). Take it out of the content; if one of our templates "
            "writes it, add it to hooks/curriculum/rules/allow_list.py (see its docstring)"
        )

    def finish_page(self, src: str, built: str) -> str:
        """The page MkDocs built from `src`, finished (finish.py) around its content."""
        return finish_page(built, self._contents.pop(src, ""))

    def finish_built(self, site_dir: str | Path) -> list[str]:
        """Each page another builder wrote into `site_dir`, finished as `finish_content` and
        `finish_page` finish the hooks' pages; what the sanitiser removed, per page, in words."""
        removed = []
        root = Path(site_dir)
        for src in self.renderer.plan:
            built = root / self.hosting.page_file(src)
            if not built.is_file():
                continue
            page, content = finish_built_page(built.read_text(encoding="utf-8"))
            if content is None:
                removed.append(f"{built}: no content found (an <h1> inside an <article>); the page was not sanitised")
            elif content.removed:
                removed.append(self.removed(src, content.html))
            built.write_text(page, encoding="utf-8")
        return removed

    def finish(self, site_dir: str | Path) -> None:
        """What only the whole built site gives, written into it: the rows scripts of split
        tables, read from their built pages, the Review page's model answers, the search
        results titled by kind and named (in each search index there is: SEARCH_INDEXES),
        Material's search worker with our ranking, and the not-found page's links made relative."""
        written = dict(self.rows_scripts(site_dir))
        review = Path(site_dir, self.hosting.page_file(REVIEW))
        if review.is_file():  # its model answers move out of its first view, into a script beside it (review.py)
            page, answers = cut_answers(review.read_text(encoding="utf-8"))
            review.write_text(page, encoding="utf-8")
            written[REVIEW_ANSWERS] = answers_script(answers)
        for dest, text in written.items():
            target = Path(site_dir, dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        labels = search.result_labels(self.curriculum, self.hosting.page_url)
        for name, label in SEARCH_INDEXES.items():
            index = Path(site_dir, name)
            if index.is_file():
                index.write_text(label(index.read_text(encoding="utf-8"), labels), encoding="utf-8")
        for worker in Path(site_dir, "assets", "javascripts", "workers").glob("search.*.min.js"):
            if self.is_search_worker(worker.relative_to(site_dir).as_posix()):  # a builder without the hooks: ranked here
                worker.write_text(self.search_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
        not_found = Path(site_dir, "404.html")
        if not_found.is_file():
            not_found.write_text(relative_from_root(not_found.read_text(encoding="utf-8"), site_root_path(self.hosting.site_url)),
                                 encoding="utf-8")

    # --- after the build ----------------------------------------------------------

    @functools.cached_property
    def table_pages(self) -> dict[str, list[str]]:
        """Folder -> its pages, for each index table (one page, or several when split)."""
        return self.renderer.table_pages()

    @functools.cached_property
    def split_tables(self) -> dict[str, list[str]]:
        """Folder -> its pages, for each table split over several pages."""
        return {folder: pages for folder, pages in self.table_pages.items() if len(pages) > 1}

    def rows_scripts(self, site_dir: str | Path) -> dict[str, str]:
        """Site path -> script holding every row of a split table, for its filter.

        A script, not JSON: a page opened from file:// may load a script but not
        fetch a file. The rows are the built pages' own HTML (in `site_dir`), so they
        look and link exactly as on their pages (all pages of a table share one folder).
        """
        scripts = {}
        for folder, pages in self.split_tables.items():
            built = [Path(site_dir, self.hosting.page_file(src)) for src in pages]
            rows = "".join(table_body(page.read_text(encoding="utf-8")) or "" for page in built if page.is_file())
            scripts[f"{folder}/{ROWS_SCRIPT}"] = (
                f"window.atlasRows && window.atlasRows({json.dumps(folder)}, {json.dumps(rows, ensure_ascii=False)});\n"
            )
        return scripts
