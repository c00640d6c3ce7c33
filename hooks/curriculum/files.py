"""The layout of the content folder: which files there are, and what kind each one is.

    paths/<path-id>/index.md       a learning path      (kind "path")
    paths/<path-id>/<nn>-<slug>.md one of its phases    (kind "phase")
    papers/<id>.md                 a paper              (kind "paper")
    projects/<id>.md               a project            (kind "project")
    guides/<id>.md                 a guide              (kind "guide")
    skills.yml                     the skill vocabulary (entries of kind "skill")
    topics.yml                     the topic vocabulary of papers (entries of kind "topic")
    anything else .md              a plain page         (kind "page")

Folders and files starting with '.' or '_' are not content.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SKILLS_FILE = "skills.yml"
TOPICS_FILE = "topics.yml"
VOCABULARIES = {"skill": SKILLS_FILE, "topic": TOPICS_FILE}  # kind -> its vocabulary file (see vocabulary.py)
PHASE_FILE = re.compile(r"^(?P<nn>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
KIND_FOLDERS = {"papers": "paper", "projects": "project", "guides": "guide"}


def kind_of(rel: str) -> str:
    """The kind of the Markdown file at `rel` (relative to the content folder)."""
    parts = rel.split("/")
    if parts[0] == "paths" and len(parts) == 3:
        return "path" if parts[2] == "index.md" else "phase"
    if len(parts) == 2 and parts[0] in KIND_FOLDERS:
        return KIND_FOLDERS[parts[0]]
    return "page"


def markdown_files(root: Path) -> list[str]:
    """Every Markdown file of the content folder, relative to it, in a stable order."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found += [prefix + name for name in sorted(names) if name.endswith(".md") and not name.startswith(".")]
    return found


def display_path(content_dir: Path, rel: str = "") -> str:
    """The file as contributors know it: relative to the working directory when possible."""
    full = (content_dir / rel).resolve()
    try:
        shown = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown
