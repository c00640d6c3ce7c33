"""Where a page of the built site is, for links that must work outside the site.

A calendar event the planner writes lives in the reader's calendar app, far
from the page that made it, so it links to its phase on the hosted site
(mkdocs.yml's `site_url`); the offline zip exists only on the hosted site, so
every build links it there. Links inside the site stay relative (render.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Hosting:
    site_url: str = ""  # mkdocs.yml's site_url; empty when a build has none
    directory_urls: bool = False  # mkdocs.yml's use_directory_urls

    def page_url(self, src: str) -> str:
        """The site-relative URL MkDocs gives the page built from `src`
        ('paths/ai-engineer/02-transformers.md' -> 'paths/ai-engineer/02-transformers.html')."""
        stem = src.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        prefix = f"{folder}/" if folder else ""
        if name in ("index", "README"):
            return prefix if self.directory_urls else f"{prefix}index.html"
        return f"{prefix}{name}/" if self.directory_urls else f"{prefix}{name}.html"

    def page_file(self, src: str) -> str:
        """The file MkDocs builds the page from `src` into, relative to the site."""
        url = self.page_url(src)
        return url + "index.html" if url.endswith("/") or not url else url

    def url(self, src: str) -> str:
        """The page's absolute address on the hosted site, or '' when the build has no site_url."""
        return self.published(self.page_url(src))

    def published(self, name: str) -> str:
        """The absolute address of the file `name` (a site path) on the hosted site, or '' when
        the build has no site_url: a page, or the offline zip, which no build writes (`make pages`
        publishes it beside the pages)."""
        if not self.site_url:
            return ""
        base = self.site_url if self.site_url.endswith("/") else f"{self.site_url}/"
        return base + quote(name, safe="/")

    def href(self, src: str, from_src: str) -> str:
        """A link from the page built from `from_src` to the one built from `src`, as raw HTML needs it
        (MkDocs rewrites the links of Markdown, not those inside a raw HTML block's attributes)."""
        here = self.page_url(from_src)
        folder = here if here.endswith("/") else here.rpartition("/")[0]
        target = self.page_url(src)
        link = posixpath.relpath(target or ".", folder or ".")
        return quote(link + ("/" if target.endswith("/") and link != "." else ""), safe="/.")


UNHOSTED = Hosting()  # a build with no site_url: links stay inside the site
