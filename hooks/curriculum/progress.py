"""What the browser needs to show a learner's progress on a path, as JSON for a data attribute.

The progress script (templates/theme/assets/js/progress.js) reads these maps to
count ticks, give each phase its status (not started, in progress, done) and
fill the progress bars. A learner's ticks stay in their browser; the page only
says which keys belong where. A page carries the map of its own path (a path
page and its phase pages) or, on the home page, each path's totals without its
keys: no page carries every key of the site.

- A phase's tasks are counted by key prefix (`task:<scope>:`, its scopes being
  its id and its old ids), so ticks saved under a task's old key count before
  the phase page has moved them, and the map need not list the tasks.
- `items` are the keys of the phase's papers and projects. Only a path page holds
  them for every phase (it lists them all anyway); a phase page holds its own
  phase's, and the home page none, so that neither grows with the rest of the
  path. They read the others from the copy a path page keeps in the learner's
  browser, and count tasks and phases alone for a path whose page this browser
  has not shown yet.
"""

from __future__ import annotations

import weakref
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .entities import Guide, LearningPath, Phase

# Each page of a path carries its path's map: made once per path and build, not once a
# page (the entities go with their build, and so do these).
_maps: weakref.WeakKeyDictionary[LearningPath, dict[str | bool, Any]] = weakref.WeakKeyDictionary()


def _items(phase: Phase) -> list[str]:
    return [paper.progress_key for paper in phase.all_papers] + [project.progress_key for project in phase.all_projects]


def _phase_entry(phase: Phase, with_keys: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": phase.id,
        "title": phase.title,
        "number": phase.number,
        "weeks": phase.weeks.length,
        "range": str(phase.weeks),
        "file": phase.source.rel.rsplit("/", 1)[-1].removesuffix(".md"),
        "scopes": [phase.task_scope, *phase.old_task_scopes],
        "tasks": len(phase.tasks),
    }
    if with_keys:
        entry["items"] = _items(phase)
    return entry


def path_map(path: LearningPath, with_keys: bool = True) -> dict[str, Any]:
    """The map of one path: its phases in order, what each holds, and the path's totals."""
    return {
        "path": path.id,
        "title": path.title,
        "phases": [_phase_entry(phase, with_keys) for phase in path.phases],
        "papers": len(path.papers),
        "projects": len(path.projects),
    }


def path_map_json(path: LearningPath, with_keys: bool = True, own: Phase | None = None) -> Markup:
    """`path_map` as JSON for an HTML attribute in single quotes (< > & ' escaped); with
    `own`, the keys of that phase's items only (a phase page's map)."""
    made = _maps.setdefault(path, {})
    key = own.id if own is not None else with_keys
    if key not in made:
        if own is None:
            data = path_map(path, with_keys)
        else:  # the keyless map, made once for every phase page of the path
            plain = made.get("plain") or made.setdefault("plain", path_map(path, False))
            data = {**plain, "phases": [dict(entry, items=_items(own)) if entry["id"] == own.id else entry for entry in plain["phases"]]}
        made[key] = htmlsafe_json_dumps(data, sort_keys=True)
    return made[key]


def work_page(owner: Phase | Guide) -> dict[str, Any]:
    """What the home page's "Continue" says about the page where a learner ticks tasks:
    its title, what it belongs to, and where to go once it is done (the next phase's
    file name: it sits in the same folder)."""
    if isinstance(owner, Guide):
        return {"id": owner.task_scope, "title": owner.title, "context": "Guide", "phase": None, "next": None}
    following = owner.next
    return {
        "id": owner.task_scope,
        "title": owner.title,
        "context": owner.path.title,
        "phase": owner.progress_key,
        "next": {"title": following.title, "file": following.source.rel.rsplit("/", 1)[-1].removesuffix(".md")} if following else None,
    }
