"""rel="noopener" on every link that leaves the site.

A page we link to must not be able to reach back into ours (`window.opener`), so
every <a> to http(s) carries rel="noopener", added to any rel it already has.

Most links are made by Python-Markdown, so `NoopenerExtension` marks them while
it builds each page: its tree holds the links as elements, which costs far less
than searching the finished HTML (that search was a sixth of the engine's time
at ten times today's content). Raw HTML written in a body never enters that
tree: Python-Markdown keeps it aside and pastes it back at the end, so the
extension passes it through `add_noopener` just before. What the theme writes
around the content is the hook's to fix, with `add_noopener` on those parts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

_EXTERNAL = re.compile(r"\s*https?:", re.IGNORECASE)
_ATTR = r"""(?<=\s)%s\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
_HREF = re.compile(_ATTR % "href", re.IGNORECASE)
_REL = re.compile(_ATTR % "rel", re.IGNORECASE)
_HTTP = re.compile("http", re.IGNORECASE)


def _with_noopener(rel: str) -> str | None:
    """The rel value with "noopener" added, or None when it has it already."""
    values = rel.split()
    if "noopener" in (v.lower() for v in values):
        return None
    return " ".join(values + ["noopener"])


def _external_link_rel(tag: str) -> str:
    """One <a ...> tag, with rel="noopener" added when its href is http(s)."""
    href = _HREF.search(tag)
    if href is None or not _EXTERNAL.match(next(g for g in href.groups() if g is not None)):
        return tag
    rel = _REL.search(tag)
    if rel is None:
        return '<a rel="noopener"' + tag[2:]
    fixed = _with_noopener(next(g for g in rel.groups() if g is not None))
    return tag if fixed is None else tag[: rel.start()] + 'rel="' + fixed + '"' + tag[rel.end():]


def add_noopener(html: str, start: int = 0, end: int | None = None) -> str:
    """`html` with rel="noopener" on each <a> to http(s) between `start` and `end`."""
    return apply_edits(html, noopener_edits(html, start, end))


def noopener_edits(html: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(from, to, text) for each <a> to http(s) between `start` and `end` that
    lacks rel="noopener": html[from:to] becomes text.

    A page has hundreds of internal links and a few external ones, so this looks
    for "http" and only then for the tag around it; a regular expression over
    every <a> tag cost ten times as much.
    """
    end = len(html) if end is None else end
    edits: list[tuple[int, int, str]] = []
    done = start  # html[start:done] is searched
    for at in _http_at(html, start, end):
        if at < done:
            continue  # inside a tag already rewritten
        tag_start = html.rfind("<", done, at)
        if tag_start == -1 or html.find(">", tag_start, at) != -1:
            continue  # not inside a tag
        if html[tag_start + 1 : tag_start + 2] not in ("a", "A") or not html[tag_start + 2 : tag_start + 3].isspace():
            continue
        tag_end = html.find(">", at)
        if tag_end == -1:
            break
        tag = html[tag_start : tag_end + 1]
        fixed = _external_link_rel(tag)
        if fixed != tag:
            edits.append((tag_start, tag_end + 1, fixed))
            done = tag_end + 1
    return edits


def _http_at(html: str, start: int, end: int):
    """Where "http", in any case, occurs in html[start:end].

    For ASCII text (what the theme writes around the content) lower() keeps every
    position, and str.find is far quicker than a case-blind regular expression,
    which tries each character in turn."""
    region = html[start:end]
    if not region.isascii():
        yield from (found.start() for found in _HTTP.finditer(html, start, end))
        return
    region = region.lower()
    at = region.find("http")
    while at != -1:
        yield start + at
        at = region.find("http", at + 4)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each (from, to, new) edit made; edits in order, none overlapping.

    One join for all of them: a built page is tens of kilobytes, and each copy of
    it cost more than finding what to change."""
    if not edits:
        return text
    parts: list[str] = []
    done = 0  # text[:done] is in `parts`
    for start, end, new in edits:
        parts += (text[done:start], new)
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _mark_links(root: etree.Element) -> None:
    for link in root.iter("a"):
        href = link.get("href", "")
        # Most links are relative: their first character rules them out before
        # the pattern is tried (it can only start with whitespace or an h).
        first = href[:1]
        if (first in "hH" or first.isspace()) and _EXTERNAL.match(href):
            fixed = _with_noopener(link.get("rel", ""))
            if fixed is not None:
                link.set("rel", fixed)


class _LinkTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        _mark_links(root)


class _KeptHtml(Postprocessor):
    """Raw HTML of the body (strings), and blocks md_in_html built as elements.

    Postprocessors also run on pieces of a page (toc runs them on every heading),
    each time over the same kept blocks: each block is done once. A new document
    gets a new list of blocks (Markdown.reset()), so the count starts again there.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.blocks: list | None = None  # the document's kept blocks, as last seen
        self.done = 0  # blocks[:done] have their rel

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        if blocks is not self.blocks:
            self.blocks, self.done = blocks, 0
        for index in range(self.done, len(blocks)):
            block = blocks[index]
            if isinstance(block, str):
                blocks[index] = add_noopener(block)
            else:
                _mark_links(block)
        self.done = len(blocks)
        return text


class NoopenerExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After every processor that makes links or sets attributes (inline: 20,
        # attr_list: 8), and before the kept HTML is pasted back (raw_html: 30).
        md.treeprocessors.register(_LinkTree(md), "atlas_noopener", 1)
        md.postprocessors.register(_KeptHtml(md), "atlas_noopener_html", 35)
