"""One build of the site: the facade the MkDocs adapter (hooks/atlas.py) calls.

A `Site` is made fresh for every build (MkDocs keeps hook modules loaded under
`mkdocs serve`, so nothing may survive from one build to the next). It holds
the loaded curriculum, its renderer, and the table rows collected from the
built pages for the rows scripts.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import rcssmin

from . import search

from ..exports import bibtex, export, feed

from ..read import schema
from ..read.entities import Curriculum
from .finish import finish_content, finish_page, table_body
from ..plan.hosting import UNHOSTED, Hosting
from .. import loader
from ..rules.markup import build_removals
from .nav import footer_pages, navigation, neighbours
from ..plan.pages import HOME, INDEX_PAGE_SIZE, REVIEW, REVIEW_ANSWERS, ROWS_SCRIPT, WHATS_NEW, edit_target, redirects
from .render import Renderer
from ..repository import content_root, edit_url, schema_files, theme_stylesheets, vendored_assets
from .review import answers_script, cut_answers
from ..plan.titles import Titled, page_names, tab_title


def site_root_path(site_url: str) -> str:
    """'/atlas/' for 'https://example.org/atlas/': where the site lives on its host (for the 404 page)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


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


def load(content_dir: str | Path, page_size: int = INDEX_PAGE_SIZE, *, strict: bool = False, preview: bool = False) -> Curriculum:
    """The curriculum in `content_dir` (see loader.load), its links checked against the pages
    and anchors this site's renderer makes of it."""
    return loader.load(content_dir, lambda curriculum: Renderer(curriculum, page_size=page_size), strict=strict, preview=preview)


@dataclass
class Site:
    curriculum: Curriculum
    content_root: str = "content"  # the content folder, relative to the repository
    page_size: int = INDEX_PAGE_SIZE  # rows on each page of a split table
    hosting: Hosting = UNHOSTED  # where the site is published (mkdocs.yml's site_url)
    renderer: Renderer = field(init=False)
    # Table rows of each split index, in page order, as the built pages show them.
    _rows: dict[str, dict[str, str]] = field(init=False, default_factory=dict)
    # Each page's finished content, until its page is finished around it.
    _contents: dict[str, str] = field(init=False, default_factory=dict)
    # The Review page's model answers by question key, as the built page showed them.
    _answers: dict[str, str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.curriculum, page_size=self.page_size, hosting=self.hosting)

    @classmethod
    def load(cls, content_dir: str | Path, page_size: int = INDEX_PAGE_SIZE, *, strict: bool = False, preview: bool = False,
             hosting: Hosting = UNHOSTED) -> Site:
        """The site of the content in `content_dir`; ContentError lists every problem of it.

        `strict` (the strict build) refuses quality warnings too; a `preview` (mkdocs
        serve) lets unfinished work through, left in `curriculum.warnings`."""
        return cls(load(content_dir, page_size, strict=strict, preview=preview), content_root(content_dir), page_size, hosting)

    def navigation(self) -> list:
        return navigation(self.curriculum)

    def footer_links(self) -> list[tuple[str, str]]:
        """(title, site URL) of the pages every page's footer links to."""
        return [(title, self.hosting.page_url(src)) for title, src in footer_pages(self.curriculum)]

    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        """src -> (previous, next) for the footer of the pages whose neighbours are not
        those of the navigation's order (a path's overview and phases: see nav.py)."""
        return neighbours(self.curriculum)

    # --- before the build: what MkDocs reads ---------------------------------------

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of every page with no content file (pages.py), keyed by its src."""
        return self.renderer.generated()

    def page_sources(self) -> dict[str, str]:
        """What MkDocs reads for each content page, keyed by its path in the content folder.

        The engine has already read and checked each file's front-matter, so MkDocs
        gets an empty block (it need not parse the YAML again) followed by the
        page's full Markdown; `page_meta` then hands MkDocs the front-matter. The
        empty block also keeps MkDocs from reading the first lines of a page as
        MultiMarkdown metadata when it has no front-matter.
        """
        return {src: "---\n{}\n---\n" + self.renderer.page(src) for src in self.curriculum.by_src}

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

    def page_meta(self, src: str, meta: dict) -> None:
        """Make a page's metadata what the theme expects, in place.

        Material writes `title` and `description` into the HTML unescaped (its
        <title>, header and meta description; MkDocs treats titles as HTML), so a
        front-matter value must arrive escaped. A page without a description
        gets its entity's (a paper's key contribution), for search engines.
        """
        entity = self.curriculum.by_src.get(src)
        if entity is not None:  # MkDocs read an empty block (page_sources): the front-matter is ours
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

    @functools.cached_property
    def titles(self) -> dict[str, Titled]:
        """Every page's name, keyed by its src (titles.py)."""
        return page_names(self.curriculum, self.page_size)

    def tab_title(self, src: str, site_name: str) -> str | None:
        """The <title> of the page built from `src`; None for a page the plan does not know."""
        titled = self.titles.get(src)
        return tab_title(titled.name, site_name) if titled else None

    def edit_link(self, src: str, repo_url: str, edit_uri: str) -> str:
        """Where "Edit this page" leads for the page built from `src`."""
        return edit_url(repo_url, edit_uri, edit_target(src, self.content_root))

    def finish_content(self, src: str, html: str) -> tuple[str, str | None]:
        """The HTML of the content of the page built from `src` (its Markdown, converted),
        finished and sanitised (finish.py), and what the sanitiser removed from it, in
        words (None when nothing): the validator should have refused that first."""
        finished = finish_content(html)
        self._contents[src] = finished.html
        if not finished.removed:
            return finished.html, None
        entity = self.curriculum.by_src.get(src)
        page = entity.source.display if entity is not None else f"the page the build makes at {src}"
        what = ", ".join(build_removals(html)) or "markup outside the allow-list"
        return finished.html, (
            f"{page}: the build removed from this page {what}, which the allow-list of HTML does not hold "
            "(validate should have refused it: please report that). Take it out of the content; if one of our templates "
            "writes it, add it to hooks/curriculum/rules/allow_list.py (see its docstring)"
        )

    def finish_page(self, src: str, built: str) -> str:
        """The page MkDocs built from `src`, finished (finish.py) around its content; a page
        of a split table also gives its rows to the table's rows script, and the Review page
        its model answers to the answers' script (review.py)."""
        finished = finish_page(built, self._contents.pop(src, ""))
        if src == REVIEW:
            finished, self._answers = cut_answers(finished)
        folder = src.split("/", 1)[0]
        if src in self.split_tables.get(folder, ()):
            rows = table_body(finished)
            if rows is not None:
                self._rows.setdefault(folder, {})[src] = rows
        return finished

    # --- after the build ----------------------------------------------------------

    @functools.cached_property
    def table_pages(self) -> dict[str, list[str]]:
        """Folder -> its pages, for each index table (one page, or several when split)."""
        return self.renderer.table_pages()

    @functools.cached_property
    def split_tables(self) -> dict[str, list[str]]:
        """Folder -> its pages, for each table split over several pages."""
        return {folder: pages for folder, pages in self.table_pages.items() if len(pages) > 1}

    def label_search_index(self, index_json: str) -> str:
        """Material's search index with each page's result titled by its kind (and a phase's path)
        and named (search.py)."""
        return search.label_results(index_json, search.result_labels(self.curriculum, self.hosting.page_url))

    def answers_script(self) -> dict[str, str]:
        """Site path -> the script of the Review page's model answers, once the page is built."""
        return {} if self._answers is None else {REVIEW_ANSWERS: answers_script(self._answers)}

    def rows_scripts(self) -> dict[str, str]:
        """Site path -> script holding every row of a split table, for its filter.

        A script, not JSON: a page opened from file:// may load a script but not
        fetch a file. The rows are the built pages' own HTML, so they look and
        link exactly as on their pages (all pages of a table share one folder).
        """
        scripts = {}
        for folder, pages in self.split_tables.items():
            got = self._rows.get(folder, {})
            rows = "".join(got.get(src, "") for src in pages)
            scripts[f"{folder}/{ROWS_SCRIPT}"] = (
                f"window.atlasRows && window.atlasRows({json.dumps(folder)}, {json.dumps(rows, ensure_ascii=False)});\n"
            )
        return scripts
