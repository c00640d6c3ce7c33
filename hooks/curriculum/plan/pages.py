"""The plan of the site's pages: every page the build generates, declared once.

A content file becomes a page of its own (rendered with `<kind>.md.j2`, see
`render.Renderer.page`). Every other page is generated, and is declared here:

- `LISTINGS`: pages made from the whole curriculum (the indexes, the contribute
  page). A listing that is a `table` is split into pages of `page_size` rows;
- a page per entry of each vocabulary: per skill, `skills/<id>.md`, and per paper
  topic, `papers/topics/<id>.md` (the entity's `src`);
- a redirect at each old address of a renamed page (`redirects`): not a page
  but a small HTML file leading to the new one, kept out of the navigation,
  the search index and the sitemap.

To add a generated page, add a `Listing` (and its template). `plan` lists every
page once, as (src, title, template, context): the renderer renders it, the
titles (titles.py) and the link check (links.py) read it, and the site source
(`python -m curriculum generate`) writes it. From the listings the navigation
knows which tabs to show, the loader which names a content file may not take
(`reserved`), and "Edit this page" where a page's data lives (`edit_target`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..read.field_types import DIFFICULTIES
from ..read.files import SKILLS_FILE, TOPICS_FILE

if TYPE_CHECKING:
    from ..read.entities import Curriculum, Entity

INDEX_PAGE_SIZE = 50  # rows on each page of a split table: about 300 bytes each gzip'd, so a full page stays in the first-view budget
ROWS_SCRIPT = "rows.js"  # beside a split table's pages: every row, for its filter (written from the built pages)
REVIEW = "review.md"
REVIEW_ANSWERS = "review-answers.js"  # beside the Review page: its model answers, taken out of the built page
# The offline copy of the whole site, which the deploy publishes at the site's root
# (`make pages`); the home page links to it. Not part of a build's own output.
OFFLINE_ZIP = "ai-engineering-atlas.zip"
TOPICS = "papers/topics/"
SKILLS = "skills/"
PATH_SEPARATOR = " · "  # between a phase's name and its path's, in its title
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Listing:
    """A page generated from the whole curriculum rather than from one content file."""

    src: str  # where it sits among the content pages, e.g. 'skills/index.md'
    title: str  # its name in browser tabs (titles.py); a table's further pages add their number
    template: str
    edit: str  # what a contributor edits to change it, relative to the content folder; a folder ends in '/'
    tab: str | None = None  # its title in the navigation's top level, if it is there
    footer: str | None = None  # its title among the footer's links, if it is there
    table: bool = False  # a table of every item of its folder, split into pages when long
    edit_outside_content: bool = False  # `edit` is relative to the repository instead

    @property
    def folder(self) -> str:
        return self.src.rpartition("/")[0]


# In the order the navigation shows their tabs (the paths index is the first
# entry of the Paths tab, beside each path). The tabs are a learner's; pages for
# contributors are linked from every page's footer.
LISTINGS = (
    Listing("papers/index.md", "Papers", "papers_index.md.j2", edit="papers/", tab="Papers", table=True),
    Listing("projects/index.md", "Projects", "projects_index.md.j2", edit="projects/", tab="Projects", table=True),
    Listing("skills/index.md", "Skills", "skills_index.md.j2", edit=SKILLS_FILE, tab="Skills"),
    Listing("guides/index.md", "Guides", "guides_index.md.j2", edit="guides/", tab="Guides"),
    Listing("paths/index.md", "Paths", "paths_index.md.j2", edit="paths/"),
    # Every self-check question, brought back on a schedule (review.js): edited in the phases' files.
    Listing(REVIEW, "Review", "review.md.j2", edit="paths/", tab="Review"),
    # Made from every page's dates (history.py): what it lists is edited on each page.
    Listing("whats-new.md", "What's new", "whats_new.md.j2", edit="templates/whats_new.md.j2", footer="What's new", edit_outside_content=True),
    Listing("contribute.md", "Contribute", "contribute.md.j2", edit="templates/contribute.md.j2", footer="Contribute", edit_outside_content=True),
)
HOME = "index.md"
WHATS_NEW = "whats-new.md"
PATHS_INDEX = "paths/index.md"
TABLES = tuple(listing for listing in LISTINGS if listing.table)
_MORE_TABLE_PAGES = re.compile("|".join(rf"{re.escape(table.folder)}/index-[0-9]+\.md" for table in TABLES))


def index_pages(folder: str, count: int, page_size: int = INDEX_PAGE_SIZE) -> list[str]:
    """The pages of a table of `count` rows: `folder`/index.md, then index-2.md, index-3.md..."""
    pages = max(1, -(-count // page_size))
    return [f"{folder}/index.md"] + [f"{folder}/index-{n}.md" for n in range(2, pages + 1)]


@dataclass(frozen=True)
class Pager:
    """Where one page of a split table stands among the others."""

    pages: list[str]  # every page's src, in order
    number: int  # this page's, from 1
    total: int  # rows in the whole table
    first_row: int
    last_row: int
    size: int  # rows a page

    @property
    def split(self) -> bool:
        return len(self.pages) > 1

    def numbers(self) -> list[int | None]:
        """The page numbers a pager shows: the first, the last, and two either side of
        this one; None where numbers are left out. Its length does not grow with the table."""
        shown = {1, len(self.pages)} | set(range(max(1, self.number - 2), min(len(self.pages), self.number + 2) + 1))
        out: list[int | None] = []
        for n in sorted(shown):
            if out and out[-1] is not None and n > out[-1] + 1:
                out.append(None)
            out.append(n)
        return out

    def page_of(self, index: int) -> str:
        """The page that shows the row at `index` (from 0) of the whole table."""
        return self.pages[index // self.size]


def reserved(rel: str) -> str | None:
    """Why a content file may not be at `rel` (the build writes a page there), or None."""
    if any(rel == listing.src for listing in LISTINGS):
        return f"'{rel}' is generated by the build; remove this file (its content comes from the other pages)"
    if _MORE_TABLE_PAGES.fullmatch(rel) or rel.startswith(TOPICS):
        return f"'{rel}' is a name the build keeps for the pages of its indexes; rename this file"
    return None


def edit_target(src: str, content_root: str = "content") -> str:
    """The repository path behind the page built from `src`: a file, or a folder ending in '/'."""
    for listing in LISTINGS:
        if src == listing.src or (listing.table and src.startswith(f"{listing.folder}/index-")):
            if listing.edit_outside_content:
                return listing.edit
            rel = listing.edit
            break
    else:
        if src.startswith(TOPICS):
            rel = TOPICS_FILE  # every topic page is generated from the vocabulary and the papers
        elif src.startswith(SKILLS):
            rel = SKILLS_FILE  # every skill page is generated from the vocabulary
        else:
            rel = src
    root = content_root.strip("/")
    return f"{root}/{rel}" if root else rel


def name_of(entity: Entity) -> str:
    """A content or vocabulary page's own part of its title (titles.py says why a phase names its path)."""
    if entity.kind == "phase":
        return f"{entity.title}{PATH_SEPARATOR}{entity.path.title}"
    if entity.kind == "page":
        return entity.meta.title or _heading_or_file_name(entity)
    return entity.title


def _heading_or_file_name(page: Entity) -> str:
    """What MkDocs calls a page with no title: its first heading, else its file name."""
    heading = _HEADING.search(page.source.body)
    if heading:
        return heading[1]
    name = page.src.rpartition("/")[2][:-3].replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


@dataclass(frozen=True)
class PlannedPage:
    """One page of the site: where it sits, what it is called, and how it is rendered."""

    src: str
    title: str | None  # its name (a browser tab adds the site's, titles.py); None: the home page, called by the site's name
    template: str  # in templates/
    context: dict[str, Any] = field(compare=False, repr=False)  # what the template gets besides the curriculum
    entity: Entity | None = None  # the entity whose file or vocabulary entry the page shows; None for a listing

    @property
    def content(self) -> bool:
        """Whether a file of the content folder holds this page (its body is the file's)."""
        return "body" in self.context


def table_rows(curriculum: Curriculum, folder: str) -> list:
    """A table's rows, in order: papers oldest first, projects easiest first."""
    if folder == "papers":
        return sorted(curriculum.papers.values(), key=lambda paper: paper.meta.year)
    return [p for level in DIFFICULTIES for p in curriculum.projects.values() if p.meta.difficulty == level]


def table_filters(curriculum: Curriculum, folder: str, rows: list) -> dict[str, list[tuple[str, str]]]:
    """The choices of each menu of a table's filter, over the whole table (the same on
    every page of it): (id, name) pairs in the order shown, difficulty easiest first,
    years oldest first, paths in their order, the rest by name. Rows carry the ids;
    readers see the names."""
    c = curriculum
    if folder == "papers":
        topics = {t.id for p in rows for t in p.topics}
        paths = {phase.path.id for p in rows for phase in p.cited_in}
        choices = {
            "topic": [(t.id, t.title) for t in c.topics.values() if t.id in topics],
            "year": [(str(year), str(year)) for year in sorted({p.meta.year for p in rows})],
        }
    else:
        skills = {s.id: s for p in rows for s in p.skills}
        paths = {path.id for p in rows for path in p.paths}
        choices = {
            "difficulty": [(level, level.capitalize()) for level in DIFFICULTIES if any(p.meta.difficulty == level for p in rows)],
            "skill": [(s.id, s.title) for s in sorted(skills.values(), key=lambda s: (s.title.casefold(), s.id))],
        }
    choices["path"] = [(path.id, path.title) for path in c.paths.values() if path.id in paths]
    return choices


def _table(curriculum: Curriculum, listing: Listing, page_size: int) -> list[PlannedPage]:
    """A table's pages: one while it fits, else pages of `page_size` rows with a pager."""
    rows = table_rows(curriculum, listing.folder)
    srcs = index_pages(listing.folder, len(rows), page_size)
    choices = table_filters(curriculum, listing.folder, rows)
    planned = []
    for number, src in enumerate(srcs, 1):
        start = (number - 1) * page_size
        shown = rows[start : start + page_size]
        pager = Pager(srcs, number, len(rows), start + 1, start + len(shown), page_size)
        title = listing.title if number == 1 else f"{listing.title}, page {number} of {len(srcs)}"
        planned.append(PlannedPage(src, title, listing.template, {"rows": shown, "pager": pager, "all_rows": rows, "choices": choices}))
    return planned


def plan(curriculum: Curriculum, page_size: int = INDEX_PAGE_SIZE) -> list[PlannedPage]:
    """Every page of the site, each once: the content pages, then the generated ones."""
    planned = []
    for src, entity in curriculum.by_src.items():
        body = Markup(entity.source.body)
        if src == HOME:
            planned.append(PlannedPage(src, entity.meta.title, "home.md.j2", {"page": entity, "body": body}, entity))
        else:
            context = {"entity": entity, entity.kind: entity, "body": body}
            planned.append(PlannedPage(src, name_of(entity), f"{entity.kind}.md.j2", context, entity))
    for listing in TABLES:
        planned += _table(curriculum, listing, page_size)
    planned += [PlannedPage(listing.src, listing.title, listing.template, {}) for listing in LISTINGS if not listing.table]
    for skill in curriculum.skills.values():
        planned.append(PlannedPage(skill.src, name_of(skill), "skill.md.j2", {"skill": skill}, skill))
    for topic in curriculum.topics.values():
        planned.append(PlannedPage(topic.src, f"Papers on {topic.title}", "topic.md.j2", {"topic": topic}, topic))
    return planned


@dataclass(frozen=True)
class Redirect:
    """An old address of a renamed page: a small page there leads to the page now at `target`."""

    src: str  # the address as the src the page had, e.g. 'papers/chain-of-thought.md'
    target: Entity  # what is there now
    declared_by: Entity  # whose `old_ids` made it (a path's, for the old folder of its phases)
    old_id: str  # the old id, as written in that entity's old_ids


def redirects(curriculum: Curriculum) -> list[Redirect]:
    """Every old address of every renamed page, in a stable order.

    An old id of a paper, project, guide, skill or plain page is its old file
    name in the same folder. A path's old id is its old folder: its overview and
    each of its phases answer there too. A phase's old id is its old slug, under
    its file's current number: the build cannot know a number the file had before.
    """
    found: list[Redirect] = []
    for kind in ("paper", "project", "guide", "skill", "page"):
        for entity in curriculum.of_kind(kind).values():
            folder = entity.src.rpartition("/")[0]
            found += [Redirect(posixpath.join(folder, f"{old}.md"), entity, entity, old) for old in entity.meta.old_ids]
    for path in curriculum.paths.values():
        found += [Redirect(f"paths/{old}/index.md", path, path, old) for old in path.meta.old_ids]
        for phase in path.phases:
            for old in phase.old_ids:
                path_id, slug = old.split("/")
                declared_by, old_id = (phase, slug) if slug != phase.slug else (path, path_id)
                found.append(Redirect(f"paths/{path_id}/{phase.file_number}-{slug}.md", phase, declared_by, old_id))
    return found
