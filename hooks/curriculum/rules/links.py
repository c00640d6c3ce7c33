"""Where the relative links of content lead: every page and anchor a link names exists.

The strict build checks the same links, but minutes later, with no line number
and no annotation; the validator checks them with file and line, resolving each
as MkDocs does:

- relative to the file it is written in, to a file of the content folder or a
  page the build generates (`../skills/pytorch.md`), written as the Markdown
  file (`gpt.md`, not the built `gpt.html`, nor `gpt`);
- an anchor against the ids the page will have, found as MkDocs finds them: the
  page's whole Markdown (its body inside its template, given by the site's
  renderer, which the caller passes in: a rule does not depend on the site) is
  converted with the Markdown extensions of mkdocs.yml, and every id of the
  result (headings' ids from `toc`, attr_list's `{: #id }`, footnotes' `fn:1`
  and `fnref:1`) and of its raw HTML is an anchor;
- a link from the root of the site (`/papers/gpt.md`) is refused: it breaks on
  GitHub Pages, where the site lives under /atlas/, and in the offline copy.

A build converts every page anyway, before it writes any: there the anchors are
left for later (`later`), and checked against the ids the builder's own conversion
found (`check_anchors`, which the hooks call), so no page is converted twice. The
messages are the same, with the link's file and line.

Links in raw HTML are not rewritten by the build, so a relative one would break
in the built site: pages are linked with Markdown links. A link to a page that
was renamed names the new page (from its `old_ids`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

import jinja2
import markdown
from markdown.htmlparser import htmlparser
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..problems import Broken, Problems, did_you_mean, field_name
from ..read.entities import Curriculum
from ..read.files import PHASE_FILE
from ..read.urls import browser_reading
from ..repository import markdown_extensions, read_config
from .content_policy import markdown_links, mask_code, raw_html_links, strings


class PageMarkdown(Protocol):
    """The Markdown of every page, as the site renders it (render.Renderer is one)."""

    def page(self, src: str) -> str | None: ...
    def generated(self) -> dict[str, str]: ...
    def generated_srcs(self) -> list[str]: ...


PagesOf = Callable[[Curriculum], PageMarkdown]

# The anchors are collected the way MkDocs 1.6 collects them for its own anchor validation
# (mkdocs/structure/pages.py: _ExtractAnchorsTreeprocessor and _RawHTMLPreprocessor): written
# again here, in a few lines, because the engine does not import MkDocs and those are private.


class _TreeIds(Treeprocessor):
    """Every id (and <a name>) of the converted page: headings, attr_list, footnotes."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.found: set[str] = set()

    def run(self, root):
        for element in root.iter():
            for key in ("id", "name") if element.tag == "a" else ("id",):
                if element.get(key):
                    self.found.add(element.get(key))


class _RawHtmlIds(Preprocessor):
    """Every id (and <a name>) of the page's raw HTML, read with the HTML parser Python-Markdown uses."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.found: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        found = self.found

        class Ids(htmlparser.HTMLParser):
            def handle_starttag(self, tag, attrs):
                found.update(value for key, value in attrs if value and (key == "id" or (key == "name" and tag == "a")))

        parser = Ids()
        parser.feed("\n".join(lines))
        parser.close()
        return lines


class _AnchorReader:
    """One Markdown converter with the site's extensions, reused page after page."""

    def __init__(self) -> None:
        names, settings = markdown_extensions()
        self.md = markdown.Markdown(extensions=names, extension_configs=settings)
        self.raw = _RawHtmlIds(self.md)
        self.tree = _TreeIds(self.md)
        self.md.preprocessors.register(self.raw, "atlas_raw_html_ids", 21)  # before html_block stashes it, as MkDocs
        self.md.treeprocessors.register(self.tree, "atlas_ids", 5)  # with toc, after attr_list and footnotes, as MkDocs

    def ids(self, text: str) -> set[str]:
        self.md.reset()
        self.raw.found, self.tree.found = set(), set()
        self.md.convert(_without_front_matter(text))
        return self.raw.found | self.tree.found


def _without_front_matter(text: str) -> str:
    """A generated page's Markdown without its front-matter, which MkDocs takes off before converting."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        return text[end + 5 :] if end != -1 else text
    return text


class LinkTargets:
    """The pages a link may lead to, and the anchors of each, worked out when first asked."""

    def __init__(self, curriculum: Curriculum, shown_root: str, pages: PageMarkdown):
        self.curriculum = curriculum
        self.shown_root = shown_root  # the content folder as messages show it, e.g. 'content/'
        self.renderer = pages
        self.generated = frozenset(self.renderer.generated_srcs())
        self._generated_markdown: dict[str, str] | None = None  # rendered when an anchor into one is asked for
        self._ids: dict[str, set[str]] = {}
        self._reader: _AnchorReader | None = None
        self.renamed = self._renamed()

    def is_page(self, rel: str) -> bool:
        return rel in self.curriculum.by_src or rel in self.generated

    def exists(self, rel: str) -> bool:
        return self.is_page(rel) or rel in self.curriculum.files

    def _renamed(self) -> dict[str, str]:
        """The file an old id stood for -> the page that took it over."""
        c = self.curriculum
        moved: dict[str, str] = {}
        for group in (c.papers, c.projects, c.guides):
            for entity in group.values():
                folder = entity.src.rpartition("/")[0]
                moved.update({f"{folder}/{old}.md": entity.src for old in entity.meta.old_ids})
        for path in c.paths.values():
            for old in path.meta.old_ids:
                moved[f"paths/{old}/index.md"] = path.src
                moved.update({f"paths/{old}/{phase.src.rsplit('/', 1)[-1]}": phase.src for phase in path.phases})
        return moved

    def renamed_phase(self, rel: str) -> str | None:
        """A phase file named by an old slug (its number may differ) -> the phase's file."""
        folder, _, name = rel.rpartition("/")
        match = PHASE_FILE.match(name)
        if not match or not folder.startswith("paths/"):
            return None
        path = self.curriculum.paths.get(folder.split("/")[1])
        return next((p.src for p in (path.phases if path else ()) if match["slug"] in p.meta.old_ids), None)

    def markdown_of(self, rel: str) -> str:
        try:
            if rel in self.generated:
                if self._generated_markdown is None:
                    self._generated_markdown = self.renderer.generated()
                return self._generated_markdown.get(rel, "")
            return self.renderer.page(rel) or ""
        except (jinja2.TemplateError, AttributeError, TypeError, KeyError, IndexError, ValueError):
            # Content too broken to render (and reported already): check against what was written.
            entity = self.curriculum.by_src.get(rel)
            return entity.source.body if entity is not None else ""

    def ids(self, rel: str) -> set[str]:
        """The anchors of the page built from `rel`."""
        if rel not in self._ids:
            self._reader = self._reader or _AnchorReader()
            self._ids[rel] = self._reader.ids(self.markdown_of(rel))
        return self._ids[rel]


@dataclass(frozen=True)
class AnchorLink:
    """A link to an anchor of a page, written at `display`:`line` (`name`), left for the build to check."""

    display: str
    line: int | None
    name: str
    page: str  # the file it is written in, relative to the content folder
    target: str  # as written
    resolved: str  # the page it leads to, relative to the content folder
    anchor: str
    shown_root: str  # the content folder as messages show it


def _anchor_problem(target: str, page: str, resolved: str, anchor: str, ids: set[str], shown_root: str) -> str | None:
    if anchor in ids:
        return None
    where = "this page" if resolved == page else f"the page {shown_root}{resolved}"
    return f"the link '{target[:80]}': {where} has no heading or element with the id '{anchor}'.{did_you_mean(anchor, ids)}"


def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder or ".")


def link_problem(site: LinkTargets, page: str, target: str, later: list[tuple[str, str]] | None = None) -> str | None:
    """Why `target`, written in the file `page` (relative to the content folder), leads
    nowhere; None when it leads to a page or file (and an anchor of it) that exists.
    Given a list `later`, an anchor is not looked for: (the page it leads to, the anchor) goes there."""
    target = target.strip().strip("<>")
    try:
        parts = urlsplit(target)
    except ValueError:  # such as 'http://[x': not a relative link, and the link rule judges the rest
        return None
    if parts.scheme or parts.netloc:
        return None  # an address on the web: checked by the link rule (urls.py), not here
    shown = f"the link '{target[:80]}'"
    folder = page.rpartition("/")[0]
    path = unquote(parts.path)
    if path.startswith(("/", "\\")):
        inside = path.lstrip("/\\")
        hint = f": '{_relative(inside, folder)}'" if site.exists(inside) else ""
        return (f"{shown} starts at the root of the site, which breaks on GitHub Pages (the site lives under /atlas/) "
                f"and in the offline copy; write it relative to this file{hint}")
    if not path:
        resolved = page
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.startswith("../") or resolved == "..":
            return f"{shown} leads outside the content folder; link to a page of the atlas, or to an https:// address"
    if not site.exists(resolved):
        return f"{shown} leads to no page: {_missing(site, resolved, folder)}"
    if parts.fragment and site.is_page(resolved) and read_config().data:  # without the settings, ids cannot be known
        anchor = unquote(parts.fragment)
        if later is not None:
            later.append((resolved, anchor))
            return None
        return _anchor_problem(target, page, resolved, anchor, site.ids(resolved), site.shown_root)
    return None


def _missing(site: LinkTargets, resolved: str, folder: str) -> str:
    """What is wrong with a link to `resolved`, which does not exist, and what to write instead."""
    stem, extension = posixpath.splitext(resolved)
    if extension == ".html" and site.exists(stem + ".md"):
        return (f"links name the Markdown file, not the built page: write '{_relative(stem + '.md', folder)}' "
                "(the build turns it into the page's address, and checks it)")
    if not extension:
        for guess in (resolved + ".md", posixpath.join(resolved, "index.md")):
            if site.exists(guess):
                return f"links name a Markdown file: write '{_relative(guess, folder)}'"
    new = site.renamed.get(resolved) or site.renamed_phase(resolved)
    if new is not None:
        return f"{site.shown_root}{resolved} was renamed to {site.shown_root}{new} (see its old_ids); link to '{_relative(new, folder)}'"
    here = resolved.rpartition("/")[0]
    siblings = [f.rpartition("/")[2] for f in (*site.curriculum.by_src, *site.generated) if f.rpartition("/")[0] == here]
    hint = did_you_mean(resolved.rpartition("/")[2], siblings)
    return f"{site.shown_root}{resolved} does not exist.{hint}"


def _relative_link(target: str) -> bool:
    """Whether a browser reads `target` as a path on this site (see urls.py for how it reads)."""
    read = browser_reading(target)
    try:
        parts = urlsplit(read)
    except ValueError:
        return False
    return not (parts.scheme or parts.netloc or read.startswith(("//", "\\")))


def _front_matter_links(meta: dict) -> list[tuple[tuple, str]]:
    """(where, target) of every link of the front-matter: in Markdown prose, each `url`, a guide's bare links."""
    found = []
    for loc, text in strings(meta):
        if loc[-1:] == ("url",) or (len(loc) == 2 and loc[0] == "links"):
            found.append((loc, text))
        elif "](" in text or "]:" in text:
            found += [(loc, target) for _, target in markdown_links(mask_code(text))]
    return found


def check_links(curriculum: Curriculum, problems: Problems, broken: Broken, pages: PagesOf,
                later: list[AnchorLink] | None = None) -> None:
    """Every relative link of every content page, in its body and its front-matter prose;
    `pages` gives the Markdown of every page of the curriculum, as the site renders it.
    Given a list `later`, the links to anchors go there instead of being checked."""
    site: LinkTargets | None = None
    for entity in curriculum.by_src.values():
        source = entity.source
        found: list[tuple[int | None, str, str]] = []
        masked = mask_code(source.body)
        found += [(source.body_line + offset, "body", target) for offset, target in markdown_links(masked)]
        found += [(source.line(loc), field_name(loc), target) for loc, target in _front_matter_links(source.meta)]
        for offset, target in raw_html_links(masked):
            if _relative_link(target) and not target.startswith("#"):
                problems.add(source.display, source.body_line + offset, "body",
                             f"the link '{target[:80]}' is in raw HTML, which the build neither checks nor turns into the page's "
                             "address; link pages with Markdown: [text](page.md)")
        shown_root = source.display[: len(source.display) - len(source.rel)]
        for line, name, target in found:
            if not _relative_link(target):
                continue
            site = site or LinkTargets(curriculum, shown_root, pages(curriculum))
            anchors: list[tuple[str, str]] | None = None if later is None else []
            why = link_problem(site, entity.src, target, anchors)
            if why:
                problems.add(source.display, line, name, why)
            for resolved, anchor in anchors or ():
                later.append(AnchorLink(source.display, line, name, entity.src, target, resolved, anchor, shown_root))


def check_anchors(curriculum: Curriculum, links: list[AnchorLink], built: Mapping[str, set[str] | None], pages: PagesOf,
                  problems: Problems) -> None:
    """The anchors of `links` (check_links' `later`) against `built`: src -> the ids a
    builder's conversion gave the page; a page it does not know is converted here."""
    site: LinkTargets | None = None
    for link in links:
        ids = built.get(link.resolved)
        if ids is None:
            site = site or LinkTargets(curriculum, link.shown_root, pages(curriculum))
            ids = site.ids(link.resolved)
        why = _anchor_problem(link.target.strip().strip("<>"), link.page, link.resolved, link.anchor, ids, link.shown_root)
        if why:
            problems.add(link.display, link.line, link.name, why)
