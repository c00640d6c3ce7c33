"""The site navigation: paths and their phases; never one entry per paper, project, skill or guide.

Every page carries the navigation, so each entry in it costs once per page:
papers, projects, skills and guides (flat lists that grow with the content) are
reached from their index pages instead. The top tabs are a learner's (home,
paths, papers, projects, skills, guides, review); the contributors' page and any other
page of the content folder are linked from the footer. Navigation titles are
HTML to MkDocs themes, so every title from front-matter is escaped here.
"""

from __future__ import annotations

from html import escape

from ..plan.pages import LISTINGS, PATHS_INDEX
from ..read.entities import Curriculum


def navigation(curriculum: Curriculum) -> list:
    c = curriculum
    paths: list = [{"All paths": PATHS_INDEX}]
    for path in c.paths.values():
        phases: list = [{"Overview": path.src}]
        phases += [{escape(f"{phase.meta.order}. {phase.title}"): phase.src} for phase in path.phases]
        paths.append({escape(path.title): phases})
    nav: list = [{"Home": "index.md"}, {"Paths": paths}]
    nav += [{listing.tab: listing.src} for listing in LISTINGS if listing.tab]
    return nav


def footer_pages(curriculum: Curriculum) -> list[tuple[str, str]]:
    """(title, src) of the pages every page's footer links to: the generated ones
    that say so (the contributors' guide), then the content folder's other pages,
    such as the model releases. Titles are plain text (the theme escapes them)."""
    pages = [(listing.footer, listing.src) for listing in LISTINGS if listing.footer]
    pages += [(page.meta.title or page.src, rel) for rel, page in sorted(curriculum.pages.items()) if rel != "index.md"]
    return pages


def neighbours(curriculum: Curriculum) -> dict[str, tuple[str | None, str | None]]:
    """src -> (previous, next) for the footer's links on a path's pages. Left alone,
    the theme follows the navigation's order, which leads from one path's overview
    to the last phase of another path; within a path, this keeps to its phases."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for path in curriculum.paths.values():
        srcs = [path.src, *(phase.src for phase in path.phases)]
        for index, src in enumerate(srcs):
            before = srcs[index - 1] if index else PATHS_INDEX
            after = srcs[index + 1] if index + 1 < len(srcs) else None
            found[src] = (before, after)
    return found
