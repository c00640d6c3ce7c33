"""What the browser needs to show a learner's progress on a path, as JSON for a data attribute.

The progress script (templates/theme/assets/js/progress.js) reads these maps to
count ticks and skips, give each phase its status (not started, in progress,
done, skipped) and fill the progress bars. A learner's ticks stay in their
browser; the page only says which keys belong where. A page carries the map of
its own path (a path page and its phase pages, a home page card): no page
carries every key of the site.

- A phase's tasks are counted by key prefix (`task:<scope>:`, its scopes being
  its id and its old ids), so ticks saved under a task's old key count before
  the phase page has moved them, and the map need not list the tasks. A track's
  tasks share that prefix: each track lists its tasks' names (ids, old ids and
  the keys they had before tasks had ids), so that a learner is counted on the
  tasks of the track they chose and not on the others'.
- `items` are the keys of the papers and required projects every track of the
  phase shares, `optional` those of its optional projects (never counted as
  missing), and each track's `items` its own. A path page and a home page card
  hold them for every phase of their path; a phase page holds its own phase's,
  so that it does not grow with the rest of the path, and reads the others from
  the copy a path or home page keeps in the learner's browser.
"""

from __future__ import annotations

import weakref
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..read.entities import Guide, LearningPath, Option, Phase, Task

# Each page of a path carries its path's map: made once per path and build, not once a
# page (the entities go with their build, and so do these).
_maps: weakref.WeakKeyDictionary[LearningPath, dict[str | bool, Any]] = weakref.WeakKeyDictionary()


def _keys(entities: list) -> list[str]:
    return [entity.progress_key for entity in entities]


def _task_names(tasks: list[Task]) -> list[str]:
    """What follows `task:<scope>:` in every key the tasks were ever saved under."""
    keys = [key for task in tasks for key in (task.progress_key, *task.old_progress_keys)]
    return list(dict.fromkeys(key.split(":", 2)[2] for key in keys))


def _track_entry(track: Option, with_keys: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": track.id,
        "title": track.title,
        "old": list(track.meta.old_ids),
        "tasks": len(track.tasks),
        "names": _task_names(track.tasks),
    }
    if with_keys:
        entry["items"] = _keys(track.papers) + _keys(track.projects)
    return entry


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
        "tracks": [_track_entry(track, with_keys) for track in phase.options],
    }
    if with_keys:
        entry["items"] = _keys(phase.papers) + _keys(phase.projects)
        entry["optional"] = _keys(phase.optional_projects)
    return entry


def path_map(path: LearningPath, with_keys: bool = True) -> dict[str, Any]:
    """The map of one path: its phases in order and what each holds."""
    return {
        "path": path.id,
        "title": path.title,
        "phases": [_phase_entry(phase, with_keys) for phase in path.phases],
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
            data = {**plain, "phases": [_phase_entry(own, True) if entry["id"] == own.id else entry for entry in plain["phases"]]}
        made[key] = htmlsafe_json_dumps(data, sort_keys=True)
    return made[key]


def work_page(owner: Phase | Guide) -> dict[str, Any]:
    """What the home page's "Continue" says about the page where a learner ticks tasks:
    its title, what it belongs to, and where to go once it is done (the next phase's
    file name: it sits in the same folder)."""
    if isinstance(owner, Guide):
        return {"id": owner.task_scope, "title": owner.title, "context": "Guide", "path": None, "phase": None, "next": None}
    following = owner.next
    return {
        "id": owner.task_scope,
        "title": owner.title,
        "context": owner.path.title,
        "path": owner.path.id,
        "phase": owner.progress_key,
        "next": {"title": following.title, "file": following.source.rel.rsplit("/", 1)[-1].removesuffix(".md")} if following else None,
    }
