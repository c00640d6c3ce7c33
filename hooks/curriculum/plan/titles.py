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

Every page's name comes from the page plan (`pages.plan`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..read.entities import Curriculum, Entity
from .pages import INDEX_PAGE_SIZE, name_of, plan

SEPARATOR = " - "  # between a page's name and the site's, as Material writes it

__all__ = ["SEPARATOR", "Titled", "name_of", "page_names", "tab_title"]


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
    """Every page of the site, keyed by its src, with its name (None for the home page), from the page plan."""
    return {page.src: Titled(page.src, page.title, page.entity) for page in plan(curriculum, page_size)}
