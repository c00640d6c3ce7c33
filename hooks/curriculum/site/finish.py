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

The content of each page (the HTML its Markdown becomes, body and template alike)
is finished first, on its own (`finish_content`): its external links get their
rel, its cards tables their labels, and then it goes through the sanitiser
(sanitise.py), as a second line behind the validator's checks. The sanitiser
comes last, so that nothing rewrites the content after it has been checked:
the rest of the page is finished around the content, never inside it.
"""

from __future__ import annotations

import html as _html
import re

from ..rules.sanitise import Sanitised, sanitise

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
_DATA_CELL = re.compile(r"<td(?=[\s>])(?!\s+data-label=)")  # labelled once, however often finished
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


def finish_content(html: str) -> Sanitised:
    """The HTML of a page's content, finished: rel="noopener" on its external links, its
    cards tables labelled, then sanitised."""
    return sanitise(label_card_cells(add_noopener(html)))


def finish_page(html: str, content: str = "") -> str:
    """A page as MkDocs built it, finished around its `content` (finished already, and
    left exactly as it is): navigation sections named before the <article>,
    rel="noopener" on the theme's external links in the article."""
    start = html.find("<article")
    if start == -1:
        return add_noopener(name_nav_sections(html))
    at = html.find(content, start) if content else -1
    if at == -1:
        return name_nav_sections(html[:start]) + add_noopener(html[start:])
    end = at + len(content)
    return name_nav_sections(html[:start]) + add_noopener(html[start:at]) + content + add_noopener(html[end:])


def table_body(html: str) -> str | None:
    """The rows (inside <tbody>) of the table a filter sits above, on a finished index page."""
    start = html.find("<tbody>", html.find('class="atlas-filters"'))
    end = html.find("</tbody>", start)
    return html[start + len("<tbody>") : end] if start != -1 and end != -1 else None


def content_of(page: str) -> tuple[int, int] | None:
    """Where the content (the page's converted Markdown) lies in a page a Material-based
    theme built, when no build hook handed it over: from the <h1> every page of the plan
    starts with, inside the <article>, to the end of the article. None when not found."""
    article = page.find("<article")
    start = page.find("<h1", article) if article != -1 else -1
    end = page.find("</article>", start) if start != -1 else -1
    if end == -1:
        return None
    return start, len(page[:end].rstrip())


def finish_built_page(page: str) -> tuple[str, Sanitised | None]:
    """A page another builder wrote, finished as the hooks finish each page while MkDocs
    builds it (`finish_content` on its content, then `finish_page` around it), and what
    the sanitiser made of its content (None: no content found, nothing sanitised)."""
    where = content_of(page)
    if where is None:
        return finish_page(page), None
    start, end = where
    finished = finish_content(page[start:end])
    return finish_page(page[:start] + finished.html + page[end:], finished.html), finished


def relative_from_root(page: str, site_root: str) -> str:
    """The not-found page with its links from the site's root ('/atlas/papers/...', as Zensical
    writes them there) made relative ('papers/...'): the page sits at the root, and on
    the hosted site its <base> (templates/theme/404.html) makes them resolve from there,
    so that it also works opened from disk. MkDocs' 404 page, whose base_url our theme
    sets to '.', has no such links."""
    root = re.escape(site_root)
    return re.sub(rf'(?<!<base )((?:href|src)="){root}(?!/)', r"\1", page)  # its own <base> keeps the root
