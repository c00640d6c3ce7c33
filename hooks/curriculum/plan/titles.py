"""The title of every page: what a browser tab, a bookmark and a search result show.

One place decides it, for the build (the theme's <title>, see `tab_title`) and
for the validator (`checks.check_unique_titles`, which refuses two pages a reader
could not tell apart):

- a phase names its path, "Specialisation · AI Engineer: career roadmap": paths
  share phase names ("Foundations", "Specialisation"), and a tab saying only
  that is no use among several open ones;
- the home page is the site's name alone (its own title is that name; Material
  would write "AI Engineering Atlas - AI Engineering Atlas");
- every other page is its own title, then " - " and the site's name, as Material
  writes them.

A generated page's title is declared in the page plan (`pages.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.entities import Curriculum, Entity, Page, Phase
from .pages import HOME, INDEX_PAGE_SIZE, LISTINGS, TABLES, index_pages

SEPARATOR = " - "  # between a page's name and the site's, as Material writes it
PATH_SEPARATOR = " · "  # between a phase's name and its path's
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def name_of(entity: Entity) -> str:
    """A content or skill page's own part of its title."""
    if isinstance(entity, Phase):
        return f"{entity.title}{PATH_SEPARATOR}{entity.path.title}"
    if isinstance(entity, Page):
        return entity.meta.title or _heading_or_file_name(entity)
    return entity.title


def _heading_or_file_name(page: Page) -> str:
    """What MkDocs calls a page with no title: its first heading, else its file name."""
    heading = _HEADING.search(page.source.body)
    if heading:
        return heading[1]
    name = page.src.rpartition("/")[2][:-3].replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


def tab_title(name: str | None, site_name: str) -> str:
    """The <title> of a page called `name` (None: the home page) on the site `site_name`."""
    if not name or name == site_name:
        return site_name
    return f"{name}{SEPARATOR}{site_name}"


@dataclass(frozen=True)
class Titled:
    """One page and its name: `entity` is the entity whose file (or vocabulary entry)
    gives the name, None for a page the build names itself."""

    src: str
    name: str | None  # None: the home page, called by the site's name
    entity: Entity | None = None


def page_names(curriculum: Curriculum, page_size: int = INDEX_PAGE_SIZE) -> dict[str, Titled]:
    """Every page of the site, keyed by its src, with its name (None for the home page)."""
    c = curriculum
    found: dict[str, Titled] = {}
    for src, entity in c.by_src.items():
        found[src] = Titled(src, name_of(entity), entity)
    home = c.by_src.get(HOME)
    if home is not None:
        found[HOME] = Titled(HOME, home.meta.title, home)
    for skill in c.skills.values():
        found[skill.src] = Titled(skill.src, name_of(skill), skill)
    rows = {"papers": len(c.papers), "projects": len(c.projects)}
    for listing in LISTINGS:
        pages = index_pages(listing.folder, rows[listing.folder], page_size) if listing in TABLES else [listing.src]
        for number, src in enumerate(pages, 1):
            name = listing.title if number == 1 else f"{listing.title}, page {number} of {len(pages)}"
            found[src] = Titled(src, name)
    for topic in c.topics.values():
        found[topic.src] = Titled(topic.src, f"Papers on {topic.title}")
    return found

