"""Finishing a built page: what the theme's HTML lacks, added in one pass over it.

- rel="noopener" on every link that leaves the site: a page we link to must not
  be able to reach back into ours (`window.opener`). It is added to any rel the
  link already has, from the <article> on: the content and the theme's buttons
  in it. The theme writes rel="noopener" itself on its own links around it.
- a name for each navigation section, before the article (see `_NAV_SECTION`).
- on a phone, tables inside `<div class="atlas-cards">` become cards; each cell
  gets its column's heading as `data-label`, which the card shows before its
  value (see `label_card_cells`).

Material's privacy plugin finishes pages the same way, with a regular
expression over the page in `on_post_page`.

Before that, the content of each page (the HTML its Markdown becomes, body and
template alike) is made inert (`make_inert`), as a second line behind the
validator's checks (content_policy.py): an attribute outside the allow-list,
or a link that is not https, http or relative, does not reach a page even if a
check missed it. What the Markdown extensions and our templates write
themselves (`BUILD_ATTRIBUTES`) is kept.
"""

from __future__ import annotations

import functools
import html as _html
import re

from .content_policy import ALLOWED_ATTRIBUTES, ATTRIBUTE, URL_ATTRIBUTES, url_targets
from .urls import url_problem

_LINK = re.compile(r"""<a\s(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)  # a '>' in a quoted value ends no tag
_EXTERNAL = re.compile(r"\s*https?:", re.IGNORECASE)
_ATTRIBUTE = r"""(?<=\s)%s\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
_HREF = re.compile(_ATTRIBUTE % "href", re.IGNORECASE)
_REL = re.compile(_ATTRIBUTE % "rel", re.IGNORECASE)

# Material names a navigation section by the label of its toggle; with
# navigation.indexes that label holds only an icon, so screen readers meet
# several navigation landmarks with no name (axe: landmark-unique). The title
# label just inside each section's <nav> holds its name: name the <nav> by it.
_NAV_SECTION = re.compile(r'aria-labelledby="(__nav[0-9_]*)_label"([^>]*>\s*<label class="md-nav__title" for=")\1"')
_NAV_SECTION_NAMED = r'aria-labelledby="\1_title"\2\1" id="\1_title"'


# A table inside a cards block: Python-Markdown writes it plainly, one tag per line.
_CARDS = re.compile(r'(<div class="(?:[^"]*\s)?atlas-cards(?:\s[^"]*)?">\s*<table>)(.*?)(</table>)', re.DOTALL)
_HEAD_CELL = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_DATA_CELL = re.compile(r"<td(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")


def _label_table(match: re.Match) -> str:
    head, end_of_head, body = match[2].partition("</thead>")
    labels = [_html.escape(_html.unescape(_TAG.sub("", cell)).strip(), quote=True) for cell in _HEAD_CELL.findall(head)]

    def label_row(row: re.Match) -> str:
        cells = iter(labels)

        def labelled(_: re.Match) -> str:
            label = next(cells, "")
            return f'<td data-label="{label}"' if label else "<td"

        return "<tr>" + _DATA_CELL.sub(labelled, row[1]) + "</tr>"

    return match[1] + head + end_of_head + _ROW.sub(label_row, body) + match[3]


def label_card_cells(html: str) -> str:
    """`html` with each data cell of a cards table labelled by its column's heading
    (`data-label`), so that a card on a phone can say what each value is."""
    return _CARDS.sub(_label_table, html) if "atlas-cards" in html else html


def _value(match: re.Match) -> str:
    return next(group for group in match.groups() if group is not None)


def _with_noopener(tag: re.Match) -> str:
    """One <a ...> tag, with "noopener" in its rel when its href is http(s)."""
    text = tag[0]
    href = _HREF.search(text)
    if href is None or not _EXTERNAL.match(_value(href)):
        return text
    rel = _REL.search(text)
    if rel is None:
        return text[:-1] + ' rel="noopener">'
    values = _value(rel).split()
    if "noopener" in (value.lower() for value in values):
        return text
    return text[: rel.start()] + 'rel="' + " ".join([*values, "noopener"]) + '"' + text[rel.end() :]


def add_noopener(html: str) -> str:
    """`html` with rel="noopener" on each <a> to http(s)."""
    return _LINK.sub(_with_noopener, html)


def name_nav_sections(html: str) -> str:
    """`html` with each navigation section named by its title."""
    return _NAV_SECTION.sub(_NAV_SECTION_NAMED, html)


def finish_page(html: str) -> str:
    """A page as MkDocs built it, finished: navigation sections named before the
    <article>, rel="noopener" on external links from the article on."""
    start = html.find("<article")
    if start == -1:
        return add_noopener(name_nav_sections(html))
    return name_nav_sections(html[:start]) + label_card_cells(add_noopener(html[start:]))


def table_body(html: str) -> str | None:
    """The rows (inside <tbody>) of the table a filter sits above, on a finished index page."""
    start = html.find("<tbody>", html.find('class="atlas-filters"'))
    end = html.find("</tbody>", start)
    return html[start + len("<tbody>") : end] if start != -1 and end != -1 else None


# What the Markdown extensions (tabs, footnotes, code line numbers, aligned table
# columns) and our templates (forms of the planner and filters, tick boxes,
# charts) write into the content of a page, beside what content may write.
BUILD_ATTRIBUTES = frozenset({
    "type", "name", "value", "checked", "disabled", "for", "hidden", "role", "tabindex", "min", "max", "step",
    "required", "accept", "placeholder", "autocomplete", "rev", "span", "download", "novalidate", "inputmode",
    "viewbox", "xmlns", "preserveaspectratio", "x", "y", "x1", "x2", "y1", "y2", "rx", "ry", "cx", "cy", "r", "d",
    "points", "fill", "stroke", "stroke-width", "transform", "text-anchor", "dominant-baseline", "font-size",
})
_ALIGNMENT = re.compile(r"\s*text-align:\s*(?:left|right|center);?\s*", re.IGNORECASE)  # the tables extension's
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>""")  # a '>' in a quoted value ends no tag


@functools.cache
def _kept_by_name(name: str) -> bool | None:
    """Whether an attribute of content HTML may stay in the built page, by its (lower-case)
    name alone: True or False, or None when its value decides (a link, a style)."""
    if name.startswith("on"):
        return False
    if name.startswith(("aria-", "data-")):
        return not name.startswith("data-md-")  # the theme's scripts read those; our templates write data-atlas-*
    if name == "style" or name in URL_ATTRIBUTES:
        return None if name == "style" or name in ALLOWED_ATTRIBUTES or name in BUILD_ATTRIBUTES else False
    return name in ALLOWED_ATTRIBUTES or name in BUILD_ATTRIBUTES


def _kept(name: str, value: str | None) -> bool:
    """Whether an attribute of content HTML may stay in the built page."""
    by_name = _kept_by_name(name)
    if by_name is not None:
        return by_name
    if name == "style":
        return value is not None and _ALIGNMENT.fullmatch(value) is not None
    return not value or all(url_problem(target) is None for target in url_targets(name, value))


def _inert_tag(tag: re.Match) -> str:
    text = tag[0]
    if tag[1].lower().startswith(("http:", "https:", "mailto:")):
        return text
    kept, dropped = [], False
    for attribute in ATTRIBUTE.finditer(tag[2]):
        name = attribute[1].lower()
        if name == "/":
            continue
        value = next((v for v in attribute.groups()[1:] if v is not None), None)
        if _kept(name, value):
            kept.append(attribute[0])
        else:
            dropped = True
    if not dropped:
        return text  # nearly every tag: left exactly as it was
    closing = " /" if tag[2].rstrip().endswith("/") else ""
    return f"<{tag[1]}{''.join(' ' + a for a in kept)}{closing}>"


def _all_kept(html: str) -> bool:
    """Whether every attribute of every tag in `html` stays: one look over them all, which
    nearly every page passes, so that only a page with something to strip is rewritten
    tag by tag."""
    attributes = " ".join(attrs for name, attrs in _TAG.findall(html) if not name.lower().startswith(("http:", "https:", "mailto:")))
    for name, double, single, bare in ATTRIBUTE.findall(attributes):
        lowered = name.lower()
        if lowered != "/" and not _kept(lowered, double or single or bare or None):
            return False
    return True


def make_inert(html: str) -> str:
    """The HTML of a page's content with every attribute that could run code, restyle
    the page or reach our scripts removed, and every link that is not https, http or
    relative; everything else exactly as it was."""
    if "<" not in html or _all_kept(html):
        return html
    return _TAG.sub(_inert_tag, html)
