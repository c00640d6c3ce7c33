"""The public data contract `api/curriculum.json`, and the JSON Schema of the front-matter.

Fields may be added, never renamed or removed without a new `version`. Every
entity lists its `old_ids` (the ids it had before a rename; a phase's are full
phase ids, "<path-id>/<slug>"), so a tool keyed on an old id can follow it.

A phase's `papers` and `projects` are every paper it cites and every project it
requires, its tracks' included (as before tracks were told apart). Its `tracks`
say what belongs to one track only: a paper or required project of the phase that
no track lists is shared by every track. Its `tasks` are its own (every track's);
each track lists its own. A learner's tick on a task is saved under
`task:<phase id>:<task id>`.

Every paper, phase, project and guide gives its `checked` and `added` months and
its `changes` (added in 2026-12, version unchanged).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..read import schema
from ..read.entities import Curriculum, Task

VERSION = 1


def _task(task: Task) -> dict:
    return {"id": task.id, "text": task.meta.text, "list": task.list_name, "old_ids": list(task.meta.old_ids)}


def dates(entity) -> dict:
    """A paper's, phase's, project's or guide's months ('YYYY-MM', or null when not given):
    when it was last checked against its sources, when it was added, and its changes."""
    meta = entity.meta
    return {"checked": meta.checked, "added": meta.added, "changes": [{"date": c.date, "note": c.note} for c in meta.changes]}


def curriculum_json(curriculum: Curriculum, url_of: Callable[[str], str]) -> dict:
    """The export; `url_of(src)` maps a content path such as 'papers/bert.md' to its site URL."""
    c = curriculum
    return {
        "version": VERSION,
        "paths": [
            {
                "id": path.id,
                "title": path.title,
                "url": url_of(path.src),
                "description": path.meta.description,
                "levels": list(path.meta.levels),
                "hours_per_week": path.meta.hours_per_week,
                "weeks": {"start": path.weeks.start, "end": path.weeks.end},
                "skills": {priority: [s.id for s in skills] for priority, skills in path.skills.items()},
                "old_ids": path.old_ids,
                "next_paths": [
                    {"id": n.path.id if n.path else n.meta.id, "title": n.title, "planned": n.path is None,
                     "meanwhile": n.meanwhile.id if n.meanwhile else None}
                    for n in path.next_paths
                ],
                "phases": [
                    {
                        "id": phase.id,
                        "title": phase.title,
                        "url": url_of(phase.src),
                        "order": phase.meta.order,
                        "weeks": {"start": phase.weeks.start, "end": phase.weeks.end},
                        "skills": [s.id for s in phase.skills],
                        "papers": [p.id for p in phase.all_papers],
                        "projects": [p.id for p in phase.required_projects],
                        "optional_projects": [p.id for p in phase.optional_projects],
                        "milestone": phase.meta.milestone,
                        "old_ids": phase.old_ids,
                        "tasks": [_task(task) for task in phase.tasks],
                        "tracks": [
                            {
                                "id": track.id,
                                "title": track.title,
                                "papers": [p.id for p in track.papers],
                                "projects": [p.id for p in track.projects],
                                "tasks": [_task(task) for task in track.tasks],
                                "old_ids": list(track.meta.old_ids),
                            }
                            for track in phase.options
                        ],
                        **dates(phase),
                    }
                    for phase in path.phases
                ],
            }
            for path in c.paths.values()
        ],
        "papers": [
            {
                "id": paper.id,
                "title": paper.title,
                "short_title": paper.meta.short_title,
                "authors": list(paper.meta.authors),
                "et_al": paper.meta.et_al,
                "year": paper.meta.year,
                "arxiv": paper.meta.arxiv,
                "url": url_of(paper.src),
                "link": paper.link,
                "topics": [topic.id for topic in paper.topics],
                "builds_on": [p.id for p in paper.builds_on],
                "cited_in": [phase.id for phase in paper.cited_in],
                "contribution": paper.meta.contribution,
                "old_ids": paper.old_ids,
                **dates(paper),
            }
            for paper in c.papers.values()
        ],
        "projects": [
            {
                "id": project.id,
                "title": project.title,
                "difficulty": project.meta.difficulty,
                "skills": [s.id for s in project.skills],
                "url": url_of(project.src),
                "weeks": {"start": project.meta.weeks.start, "end": project.meta.weeks.end},
                "used_in": [phase.id for phase in project.used_in],
                "old_ids": project.old_ids,
                **dates(project),
            }
            for project in c.projects.values()
        ],
        "skills": [
            {"id": skill.id, "title": skill.title, "url": url_of(skill.src), "aliases": list(skill.meta.aliases), "old_ids": skill.old_ids}
            for skill in c.skills.values()
        ],
        "topics": [
            {"id": topic.id, "title": topic.title, "url": url_of(topic.src), "aliases": list(topic.meta.aliases)}
            for topic in c.topics.values()
        ],
        "guides": [
            {
                "id": guide.id,
                "title": guide.title,
                "url": url_of(guide.src),
                "skills": [s.id for s in guide.skills],
                "levels": list(guide.meta.levels),
                "old_ids": guide.old_ids,
                **dates(guide),
            }
            for guide in c.guides.values()
        ],
    }


def dumps(data: dict) -> str:
    """JSON for people to read in the repository (the schemas)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def dumps_compact(data: dict) -> str:
    """JSON for programs (the export): compact, so the file is smaller. Browsers and
    `jq` lay it out for people."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def json_schema(kind: str) -> dict:
    """The JSON Schema of one kind of front-matter, for editors and other tools."""
    model = schema.KINDS[kind]
    result = model.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["$id"] = f"{kind}.schema.json"
    return result


def json_schemas() -> dict[str, str]:
    """File name -> JSON text for every front-matter kind."""
    return {f"{kind}.schema.json": dumps(json_schema(kind)) for kind in schema.KINDS}
