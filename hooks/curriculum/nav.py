"""The site navigation: paths and their phases; never one entry per paper, project, skill or guide.

Every page carries the navigation, so each entry in it costs once per page:
papers, projects, skills and guides (flat lists that grow with the content) are
reached from their index pages instead. Navigation titles are HTML to MkDocs
themes, so every title from front-matter is escaped here.
"""

from __future__ import annotations

from html import escape

from .entities import Curriculum
from .pages import LISTINGS, PATHS_INDEX


def navigation(curriculum: Curriculum) -> list:
    c = curriculum
    paths: list = [{"All paths": PATHS_INDEX}]
    for path in c.paths.values():
        phases: list = [{"Overview": path.src}]
        phases += [{escape(f"{phase.meta.order}. {phase.title}"): phase.src} for phase in path.phases]
        paths.append({escape(path.title): phases})
    nav: list = [{"Home": "index.md"}, {"Paths": paths}]
    nav += [{listing.tab: listing.src} for listing in LISTINGS if listing.tab]
    extra = [page for rel, page in sorted(c.pages.items()) if rel != "index.md"]
    # A tab links by its title: a lone page is named for itself (a tab called
    # "More" tells a reader, and a search engine, nothing about where it goes).
    if len(extra) == 1:
        nav.append({escape(extra[0].meta.title or extra[0].src): extra[0].src})
    elif extra:
        nav.append({"More pages": [{escape(page.meta.title or page.src): page.src} for page in extra]})
    return nav
