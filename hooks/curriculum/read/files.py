"""The layout of the content folder: which files there are, and what kind each one is.

    paths/<path-id>/index.md       a learning path      (kind "path")
    paths/<path-id>/<nn>-<slug>.md one of its phases    (kind "phase")
    papers/<id>.md                 a paper              (kind "paper")
    projects/<id>.md               a project            (kind "project")
    guides/<id>.md                 a guide              (kind "guide")
    skills.yml                     the skill vocabulary (entries of kind "skill")
    topics.yml                     the topic vocabulary of papers (entries of kind "topic")
    anything else .md              a plain page         (kind "page")

Folders and files starting with '.' or '_' are not content. A file of a kind
anywhere else (a paper in papers/2023/, a phase outside its path's folder) is
misplaced, and told where its kind lives (`misplaced`).

Odd entries are refused, never followed: content may not contain symlinks (one
could publish any file of the machine, or loop back into its own folder, and a
git checkout on another machine keeps the link, not the file), nor anything but
files and folders (reading a named pipe would wait for ever), and a folder that
cannot be read is named, not skipped.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

SKILLS_FILE = "skills.yml"
TOPICS_FILE = "topics.yml"
VOCABULARIES = {"skill": SKILLS_FILE, "topic": TOPICS_FILE}  # kind -> its vocabulary file (see vocabulary.py)
PHASE_FILE = re.compile(r"^(?P<nn>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
KIND_FOLDERS = {"papers": "paper", "projects": "project", "guides": "guide"}
FOLDERS = (*KIND_FOLDERS, "paths")  # the folders of content/; a plain page lives at its top

# The files besides Markdown that the site copies from content/, by extension: pictures
# (not SVG, which is a document that can run script), PDFs, and the data the site
# reads. Anything else (.html, .svg, .js, .xml, or an unknown kind) would be published
# as it is, in the site's origin, where a learner's progress is kept: it is refused.
ASSET_KINDS = {
    ".png": "a picture", ".jpg": "a picture", ".jpeg": "a picture", ".gif": "a picture", ".webp": "a picture", ".avif": "a picture",
    ".pdf": "a PDF",
}
MARKDOWN_SPELLINGS = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".text")


def asset_problem(rel: str) -> str | None:
    """Why the file at `rel` (not Markdown, not a vocabulary) may not be published, or None."""
    name = rel.rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    extension = f".{extension}".lower() if dot else ""
    if extension == ".md" or extension in MARKDOWN_SPELLINGS:
        return (f"is Markdown, but only files ending in '.md' (lower case) are read as pages; rename it to {stem}.md "
                f"(its kind then lives where files.py says: {where_kinds_live()})")
    if extension in ASSET_KINDS and rel.split("/")[0] != "skills":
        return None
    kinds = ", ".join(sorted(ASSET_KINDS))
    page = "an HTML page would be published as it is, scripts and all; write the page in Markdown"
    script = "a script would run in the site's origin, where learners' progress is kept"
    why = {".svg": "an SVG picture is a document that can run script; save it as a PNG", ".html": page, ".htm": page, ".xhtml": page,
           ".js": script, ".mjs": script, ".xml": "an XML file can run script when opened"}.get(extension)
    return (f"is not a kind of file the site publishes ({why or 'an unknown kind of file'}); content/ may hold Markdown pages, "
            f"{SKILLS_FILE}, {TOPICS_FILE} and files of these kinds: {kinds}")


def where_kinds_live() -> str:
    return ("papers in content/papers/<id>.md, projects in content/projects/<id>.md, guides in content/guides/<id>.md, "
            "paths in content/paths/<path-id>/index.md with their phases beside it, plain pages at the top of content/")


def kind_of(rel: str) -> str:
    """The kind of the Markdown file at `rel` (relative to the content folder)."""
    parts = rel.split("/")
    if parts[0] == "paths" and len(parts) == 3:
        return "path" if parts[2] == "index.md" else "phase"
    if len(parts) == 2 and parts[0] in KIND_FOLDERS:
        return KIND_FOLDERS[parts[0]]
    return "page"


def misplaced(rel: str) -> str | None:
    """Where the kind of file at `rel` lives, when `rel` is not that place; else None."""
    parts = rel.split("/")
    name = parts[-1]
    if parts[0] in KIND_FOLDERS and len(parts) > 2:
        kind = KIND_FOLDERS[parts[0]]
        return (f"{kind}s live in content/{parts[0]}/<id>.md, directly in that folder (no subfolders); "
                f"move this file to content/{parts[0]}/{name}")
    if parts[0] == "paths" and len(parts) == 2:
        if PHASE_FILE.match(name):
            return ("a phase lives in its path's folder, content/paths/<path-id>/<nn>-<slug>.md; "
                    f"move this file into the folder of its path, e.g. content/paths/<path-id>/{name}")
        return ("a path is a folder, content/paths/<path-id>/, with an index.md and its phases beside it "
                f"(<nn>-<slug>.md); move this file to content/paths/{name.removesuffix('.md')}/index.md")
    if parts[0] == "paths" and len(parts) > 3:
        return (f"phases live in content/paths/<path-id>/<nn>-<slug>.md, directly in their path's folder; "
                f"move this file to content/paths/{parts[1]}/{name}")
    if parts[0] == "skills":
        return f"skills are entries of content/{SKILLS_FILE}, not files: each skill's page is made from its entry there"
    if len(parts) > 1 and parts[0] not in FOLDERS:
        close = difflib.get_close_matches(parts[0].lower(), FOLDERS, n=1, cutoff=0.6)
        hint = f"; did you mean content/{close[0]}/{'/'.join(parts[1:])}?" if close else ""
        return f"the folder content/{parts[0]}/ is not one of the atlas's: {where_kinds_live()}{hint}"
    return None


@dataclass
class Walk:
    """What the content folder holds, relative to it, in a stable order."""

    markdown: list[str] = field(default_factory=list)  # Markdown files that are content
    files: list[str] = field(default_factory=list)  # every other file the site would copy
    odd: list[tuple[str, str]] = field(default_factory=list)  # (entry, why it is refused)


def _symlink_message(path: Path, root: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        resolved = path.resolve(strict=True)
        if resolved in path.parent.resolve().parents or resolved == path.parent.resolve():
            where = "back to a folder that holds it, a loop"
        elif resolved == root or root in resolved.parents:
            where = "to another place inside content/"
        else:
            where = "outside content/"
    except RuntimeError:  # Python < 3.13 reports a loop so
        where = "round in a loop"
    except OSError as error:
        where = "round in a loop" if error.errno == errno.ELOOP else "to nothing: its target does not exist"
    return (f"is a symlink (to '{target}', which leads {where}); content may not contain symlinks. "
            "Put the file or folder itself here, or remove the link")


def unreadable(error: OSError) -> str:
    """Why a file or folder cannot be read, and what to do about it."""
    why = "permission denied" if error.errno in (errno.EACCES, errno.EPERM) else (error.strerror or str(error)).lower()
    return f"cannot be read ({why}); make it readable (chmod u+rw, or u+rwx for a folder) or remove it"


def walk(root: Path) -> Walk:
    """Every entry of the content folder, without following a link. Names starting with
    '.' are not content (MkDocs skips them too); Markdown in folders starting with '_'
    is not loaded, but such folders are still searched for odd entries."""
    found = Walk()
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(root / folder if folder else root) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            found.odd.append((folder.rstrip("/") or ".", unreadable(error)))
            continue
        below = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = folder + entry.name
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                found.odd.append((rel, unreadable(error)))
                continue
            if stat.S_ISLNK(mode):
                found.odd.append((rel, _symlink_message(Path(entry.path), root.resolve())))
            elif stat.S_ISDIR(mode):
                below.append(rel + "/")
            elif not stat.S_ISREG(mode):
                found.odd.append((rel, "is not a regular file (a pipe, socket or device); content holds only files and folders"))
            elif entry.name.endswith(".md") and not any(part.startswith("_") for part in folder.split("/")):
                found.markdown.append(rel)
            else:
                found.files.append(rel)
        folders.extend(reversed(below))  # a folder's files, then each subfolder's, in name order
    return found


def display_path(content_dir: Path, rel: str = "") -> str:
    """The file as contributors know it: relative to the working directory when possible."""
    full = (content_dir / rel).resolve()
    try:
        shown = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown
