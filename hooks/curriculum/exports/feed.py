"""The Atom feed of What's new (RFC 4287), `feed.xml` at the site's root.

One entry per page added, one per change a page notes, and one per month for the
pages checked again, newest first (history.py decides what moved). Written with the
standard library's ElementTree, which escapes text and attributes; characters XML
1.0 cannot carry at all (most control characters) are dropped first. Every date
comes from the content (a month's entries are dated its first day), so two builds
of one commit write the same bytes, and every link is absolute, from `site_url`:
a feed reader opens entries far from the site. Without a `site_url` there is no
feed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..plan.hosting import Hosting
from ..plan.pages import WHATS_NEW
from ..read.entities import Curriculum, Entity
from ..read.field_types import slug
from .history import FEED_ENTRIES, KINDS, NOUNS, months

FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TAG_YEAR = 2026  # the year the site's name was first used in its entry ids (RFC 4151); never change it
# What XML 1.0 allows: tab, line feeds and the printable planes, not the other C0 controls or U+FFFE/F.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    month: str  # YYYY-MM
    url: str  # absolute
    summary: str

    @property
    def updated(self) -> str:
        return f"{self.month}-01T00:00:00Z"


def _what(entity: Entity) -> str:
    """How an entry names a page: a phase with its path ('Transformers Deep Dive (AI Engineer)'),
    a paper with the name people use ('Attention Is All You Need (Transformer)')."""
    if entity.kind == "phase":
        return f"{entity.title} ({entity.path.title})"
    short = getattr(entity.meta, "short_title", None)
    return f"{entity.title} ({short})" if short and short != entity.title else entity.title


def _summary(entity: Entity) -> str:
    return getattr(entity.meta, "description", None) or getattr(entity.meta, "contribution", None) or ""


def entries(curriculum: Curriculum, hosting: Hosting, limit: int = FEED_ENTRIES) -> list[Entry]:
    """The newest `limit` entries, newest month first; in a month, pages added, then changes,
    then the pages checked again."""
    split = urlsplit(hosting.site_url)
    tag = f"tag:{split.hostname},{TAG_YEAR}:{split.path.strip('/')}"
    found: list[Entry] = []
    for month in months(curriculum):
        for kind, pages in month.added.items():
            for entity in pages:
                found.append(Entry(f"{tag}/added/{kind}/{entity.id}", f"New {kind}: {_what(entity)}", month.month,
                                   hosting.url(entity.src), _summary(entity)))
        for item in month.changed:
            entity = item.entity
            found.append(Entry(f"{tag}/changed/{entity.kind}/{entity.id}/{month.month}/{slug(item.note)[:60]}",
                               f"Changed {entity.kind}: {_what(entity)}", month.month, hosting.url(entity.src), item.note))
        if month.checked:
            what = ", ".join(f"{NOUNS[kind][1]}: " + ", ".join(_what(e) for e in month.checked[kind][:20])
                             + (f" and {len(month.checked[kind]) - 20} more" if len(month.checked[kind]) > 20 else "")
                             for kind in KINDS if kind in month.checked)
            found.append(Entry(f"{tag}/checked/{month.month}", f"Checked again in {month.words}: {month.counted(month.checked)}",
                               month.month, hosting.url(WHATS_NEW) + "#" + slug(month.words), f"Checked against their sources again. {what}."))
        if len(found) >= limit:
            break
    return found[:limit]


def atom(curriculum: Curriculum, hosting: Hosting, site_name: str) -> str | None:
    """The feed's XML, or None for a build with no site_url (no absolute links to give)."""
    if not hosting.site_url:
        return None
    items = entries(curriculum, hosting)
    feed = ET.Element("feed", {"xmlns": ATOM})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {name: _text(value) for name, value in attributes.items()})
        if text is not None:
            element.text = _text(text)
        return element

    split = urlsplit(hosting.site_url)
    add(feed, "id", f"tag:{split.hostname},{TAG_YEAR}:{split.path.strip('/')}/whats-new")
    add(feed, "title", f"What's new in {site_name}")
    add(feed, "subtitle", "Pages added to the curriculum, changes to them, and pages checked against their sources again.")
    add(feed, "updated", items[0].updated if items else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="self", type="application/atom+xml", href=hosting.site_url.rstrip("/") + "/" + FEED)
    add(feed, "link", rel="alternate", type="text/html", href=hosting.url(WHATS_NEW))
    author = add(feed, "author")
    add(author, "name", site_name)
    add(author, "uri", hosting.site_url)
    for item in items:
        entry = add(feed, "entry")
        add(entry, "id", item.id)
        add(entry, "title", item.title, type="text")
        add(entry, "updated", item.updated)
        add(entry, "link", rel="alternate", type="text/html", href=item.url)
        add(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
