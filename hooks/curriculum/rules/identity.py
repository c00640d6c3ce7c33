"""Checks that readers can tell every page apart and find it again after a rename:
unique titles (as titles.py builds them) and old ids that are free. Listed with the
other rules in checks.CHECKS.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..plan.pages import redirects, reserved
from ..plan.titles import Titled, page_names
from ..problems import Broken, Problems, field_name
from ..read.entities import Curriculum, Entity, LearningPath, Phase, Skill
from ..read.files import SKILLS_FILE


def _same_title(name: str) -> str:
    """A title as readers compare titles: 'Café' in NFC and NFD, 'ﬁne' and 'fine', letter case and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _place(entity: Entity, curriculum: Curriculum, loc: tuple[Any, ...]) -> tuple[str, int, str]:
    """File, line and field name of the value at `loc` of an entity's front-matter (or vocabulary entry)."""
    if isinstance(entity, Skill):
        return curriculum.vocabulary_files.get("skill", SKILLS_FILE), entity.line, field_name((entity.id, *loc))
    return entity.source.display, entity.source.line(loc), field_name(loc)


def _page_of(titled: Titled, curriculum: Curriculum) -> str:
    """A page as a message names it: the file a contributor edits, or the generated page."""
    entity = titled.entity
    if isinstance(entity, Skill):
        file, line, _ = _place(entity, curriculum, ())
        return f"the page of the skill '{entity.id}' ({file}, line {line})"
    if entity is not None:
        return entity.source.display
    return f"the page the build makes at {titled.src}"


def check_unique_titles(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """No two pages have the same title (titles.py, which makes a phase's name its
    path's too): browser tabs, bookmarks and search results tell pages apart by it."""
    groups: dict[str, list[Titled]] = {}
    for titled in page_names(curriculum).values():
        if titled.name:
            groups.setdefault(_same_title(titled.name), []).append(titled)
    twin_paths = {t.entity.id for group in groups.values() if len(group) > 1 for t in group if isinstance(t.entity, LearningPath)}
    for group in groups.values():
        if len(group) < 2:
            continue
        if all(isinstance(t.entity, Phase) and t.entity.path.id in twin_paths for t in group):
            continue  # phases named alike in two paths of the same title: the paths' titles are the cause, reported there
        for titled in group:
            if titled.entity is None:
                continue  # a page the build names: the other side of the pair is told
            others = " and ".join(_page_of(other, curriculum) for other in group if other is not titled)
            named = f"'{titled.name}' (the phase's title with its path's)" if isinstance(titled.entity, Phase) else f"'{titled.name}'"
            problems.add(*_place(titled.entity, curriculum, ("title",)),
                         f"{named} is also the title of {others}; readers tell pages apart by their titles "
                         f"(browser tabs, bookmarks, search results), so give each page its own")


def check_old_ids(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """An old id is free: a phase's names no other phase of its path, and no page, name
    the build keeps, or other old address sits where a renamed page's old address
    (pages.redirects) would. The loader and the vocabularies refuse an old id that is
    the id or old id of another entity of the same kind; only what they cannot see is here."""
    for path in curriculum.paths.values():
        slugs: dict[str, Phase] = {phase.slug: phase for phase in path.phases}
        for phase in path.phases:
            for index, old in enumerate(phase.meta.old_ids):
                other = slugs.setdefault(old, phase)
                if other is not phase:
                    taken = "the slug" if other.slug == old else "an old id"
                    problems.add(*_place(phase, curriculum, ("old_ids", index)),
                                 f"'{old}' is {taken} of another phase of this path ({other.source.display}); an old id must be free")
    pages = page_names(curriculum)
    seen: dict[str, Any] = {}
    for redirect in redirects(curriculum):
        kind = redirect.target.kind
        there = pages.get(redirect.src)
        before = seen.setdefault(redirect.src, redirect)
        if there is not None and there.entity is not None and there.entity.kind == kind != "page":
            continue  # an old id that is another's id: refused where ids are read
        if there is not None:
            clash = _page_of(there, curriculum)
        elif reserved(redirect.src):
            clash = f"a name the build keeps for its own pages ({redirect.src})"
        elif before is not redirect and before.target is not redirect.target and kind == "page":
            clash = f"the old address of {before.target.source.display}"
        else:
            continue
        entity = redirect.declared_by
        index = entity.meta.old_ids.index(redirect.old_id)
        problems.add(*_place(entity, curriculum, ("old_ids", index)),
                     f"'{redirect.old_id}' would give this page the old address {redirect.src}, which is {clash}; "
                     f"an old id must be free, so remove it")
