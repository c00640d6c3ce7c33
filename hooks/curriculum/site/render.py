"""Render pages to Markdown from the Jinja2 templates in `templates/`.

Every `{{ value }}` is escaped for Markdown by default (see `escape_md`), so a
front-matter value can never become markup. Templates opt out with `|safe`
only for Markdown we built ourselves (links, the hand-written body).
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..exports import bibtex, history, reference
from ..plan.hosting import UNHOSTED, Hosting
from ..plan.pages import INDEX_PAGE_SIZE, OFFLINE_ZIP, REVIEW_ANSWERS, TABLES, PlannedPage, index_pages, plan, table_rows
from ..plan.titles import name_of, tab_title
from ..read.dates import in_words
from ..read.entities import PRIORITIES, PRIORITY_TITLES, Curriculum
from ..read.field_types import DIFFICULTIES, PROJECT_WEEK_HOURS
from ..repository import TEMPLATES
from ..rules.content_policy import mask_code
from ..rules.escape import escape_html, escape_md, markdown_text, safe_url
from . import svg
from .progress import path_map_json, work_page
from .review import phase_deck_json


def _relative_from(folder: str, target: str) -> str:
    """posixpath.relpath(target, folder), for the clean relative paths of content
    pages: relpath makes both absolute first, asking the OS for the working
    directory, and this runs for every link of every page."""
    base = folder.split("/") if folder else []
    parts = target.split("/")
    if "" in parts or "." in parts or ".." in parts or "" in base or "." in base or ".." in base:
        return posixpath.relpath(target, folder or ".")
    common = 0
    for a, b in zip(base, parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, in its per-user temporary folder,
    so that only the first build on a machine compiles them. Entries are keyed by
    the template's source and the Python version, so a changed template is
    compiled again. Without a usable folder, templates are simply compiled.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@functools.lru_cache(maxsize=8)
def environment(templates: str) -> jinja2.Environment:
    """The Jinja environment of one templates folder, made once per process.

    Under `mkdocs serve` a rebuild then reuses the compiled templates instead of
    compiling them all again; Jinja's auto_reload recompiles a template whose file
    changed. It holds nothing of a build: the curriculum is passed to each render.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,
        finalize=escape_md,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters.update(url=safe_url, h=escape_html, md=markdown_text, md_escape=escape_md, thousands="{:,}".format)
    env.filters.update(link=_link_filter, links=_links_filter, in_path=_in_path_filter, href=_href_filter, progress=progress_checkbox,
                       cell_attribute=cell_attribute, task_box=task_box, split_at_first_section=split_at_first_section,
                       month=month_time, month_words=in_words)
    env.globals.update(
        reading_list=bibtex.file_of,
        field_reference=lambda: Markup(reference.committed()),
        PRIORITIES=PRIORITIES,
        PRIORITY_TITLES=PRIORITY_TITLES,
        DIFFICULTIES=DIFFICULTIES,
        PROJECT_WEEK_HOURS=PROJECT_WEEK_HOURS,
        svg=svg,
        progress_map=path_map_json,
        OFFLINE_ZIP=OFFLINE_ZIP,
        REVIEW_ANSWERS=REVIEW_ANSWERS,
        work_page=work_page,
        review_deck=phase_deck_json,
        whats_new=history.whats_new,
        noun=history.noun,
        and_list=history.and_list,
        by_path=history.by_path,
        NOUNS=history.NOUNS,
        LINKS_SHOWN=history.LINKS_SHOWN,
    )
    return env


def problems_page(problems: list) -> str:
    """The Markdown of the page listing `problems` (Problem objects) that `mkdocs serve`
    shows while the content cannot be built."""
    return environment(str(TEMPLATES)).get_template("problems.md.j2").render(problems=problems)


class Linker:
    """Links from the page being rendered (its folder) to other pages; the templates
    use them as filters: `{{ paper|link }}`, `{{ phase.skills|links }}`, `{{ path|href }}`."""

    __slots__ = ("folder",)

    def __init__(self, folder: str):
        self.folder = folder

    def href(self, entity: Any) -> str:
        return _relative_from(self.folder, entity if isinstance(entity, str) else entity.src)

    def link(self, entity: Any, text: Any = None) -> Markup:
        target = entity if isinstance(entity, str) else entity.src
        label = text if text is not None else entity.title
        return Markup(f"[{escape_md(label)}]({_relative_from(self.folder, target)})")

    def links(self, entities: Any, sep: str = ", ", short: bool = False) -> Markup:
        """Links to each entity; `short` uses a paper's common name ('BERT') for dense lists."""
        link = self.link
        if short:
            return Markup(sep.join([link(e, getattr(e, "label", None)) for e in entities]))
        return Markup(sep.join([link(e) for e in entities]))

    def in_path(self, phases: Any, sep: str = ", ") -> Markup:
        """Each phase as 'Path › Phase', both linked: how a phase is named away from its path,
        where two paths may each have a phase of the same name."""
        phases = [phases] if getattr(phases, "kind", None) == "phase" else phases
        return Markup(sep).join([Markup("{} › {}").format(self.link(phase.path), self.link(phase)) for phase in phases])


# The linker of the page being rendered, as filters: `{{ paper|link }}` reads
# like the rest of a template.
@jinja2.pass_context
def _link_filter(context: jinja2.runtime.Context, entity: Any, text: Any = None) -> Markup:
    return context["linker"].link(entity, text)


@jinja2.pass_context
def _links_filter(context: jinja2.runtime.Context, entities: Any, sep: str = ", ", short: bool = False) -> Markup:
    return context["linker"].links(entities, sep, short)


@jinja2.pass_context
def _in_path_filter(context: jinja2.runtime.Context, phases: Any, sep: str = ", ") -> Markup:
    return context["linker"].in_path(phases, sep)


@jinja2.pass_context
def _href_filter(context: jinja2.runtime.Context, entity: Any) -> str:
    return context["linker"].href(entity)


# Characters Markdown acts on even inside a raw tag's attribute (code spans, emphasis, links,
# a table cell's end), written as character references, which it leaves alone.
_MARKDOWN_ACTIVE = str.maketrans({c: f"&#{ord(c)};" for c in "|`*_[]\\~{}"})


def cell_attribute(value: Any) -> Markup:
    """A value for an HTML attribute of a tag written inside Markdown (a table cell, a list
    item): escaped, and with what Markdown would act on as character references."""
    return Markup(str(escape_html(value)).translate(_MARKDOWN_ACTIVE))


def split_at_first_section(body: Markup) -> tuple[Markup, Markup]:
    """A page body cut before its first '## ' heading (outside code fences): its
    introduction, and the rest. A guide's checklist goes between the two."""
    text = str(body)
    offset = 0
    for masked, line in zip(mask_code(text).split("\n"), text.split("\n")):
        if masked.startswith("## "):
            return Markup(text[:offset]), Markup(text[offset:])
        offset += len(line) + 1
    return body, Markup("")


def month_time(value: str) -> Markup:
    """A page's month ('2026-12', checked by the schema) as readers read it, marked up for machines:
    <time datetime="2026-12">December 2026</time>."""
    return Markup('<time datetime="{}">{}</time>').format(value, in_words(value))


def _old_keys(entity: Any) -> str:
    old = entity.old_progress_keys
    return f' data-atlas-old="{escape_html(" ".join(old))}"' if old else ""


def progress_checkbox(entity: Any, label: str, name: str | None = None) -> Markup:
    """A 'done' checkbox; hidden until the progress script shows it (useless without JS).
    `name` says, to a screen reader, what a short label such as 'Read' is about: the
    box is named 'Read: BERT', which starts with the words a reader sees."""
    named = f' aria-label="{cell_attribute(label)}: {cell_attribute(name)}"' if name else ""
    return Markup(
        f'<label class="atlas-done" hidden><input type="checkbox" data-atlas-id="{escape_html(entity.progress_key)}"{_old_keys(entity)}{named}>'
        f"<span>{escape_html(label)}</span></label>"
    )


def task_box(task: Any) -> Markup:
    """A task as the label of its tick box (tapping the words ticks it). The box is hidden
    until the progress script shows it; the words show either way. The label's id is
    the task's anchor, which "Continue" on the home page links to."""
    return (
        Markup(
            f'<label class="atlas-task-label" id="{escape_html(task.anchor)}"><input type="checkbox" class="atlas-task" '
            f'data-atlas-id="{escape_html(task.progress_key)}"{_old_keys(task)} hidden> <span class="atlas-task-text">'
        )
        + markdown_text(task.meta.text)
        + Markup("</span></label>")
    )


class Renderer:
    """The Markdown of every page of one curriculum, from the templates (see pages.py for the plan)."""

    def __init__(self, curriculum: Curriculum, templates: Path = TEMPLATES, page_size: int = INDEX_PAGE_SIZE,
                 hosting: Hosting = UNHOSTED):
        self.curriculum = curriculum
        self.hosting = hosting  # where the site is published, for links that leave it (the planner's calendar)
        self.env = environment(str(templates))
        self.page_size = page_size  # rows on each page of a split table

    def render(self, template: str, here: str, **context: Any) -> str:
        linker = Linker(here.rpartition("/")[0])
        return self.env.get_template(template).render(curriculum=self.curriculum, linker=linker, hosting=self.hosting, **context)

    @functools.cached_property
    def plan(self) -> dict[str, PlannedPage]:
        """Every page of the site (pages.plan), keyed by its src."""
        return {page.src: page for page in plan(self.curriculum, self.page_size)}

    def render_page(self, page: PlannedPage) -> str:
        """The full Markdown of a planned page, front-matter and all."""
        return self.render(page.template, page.src, **page.context)

    def page(self, src: str) -> str | None:
        """The full Markdown of a content page (its body inside its template), or None when it is not one."""
        if src not in self.curriculum.by_src:
            return None
        return self.render_page(self.plan[src])

    def redirect(self, target: Any, href: str, canonical: str, site_name: str) -> str:
        """The HTML at an old address of `target`, a renamed page now at `href` (relative to it)."""
        name = name_of(target)
        return self.env.get_template("redirect.html.j2").render(
            href=href, canonical=canonical, name=name, title=tab_title(f"Moved: {name}", site_name)
        )

    def generated(self) -> dict[str, str]:
        """The Markdown of every generated page, keyed by its src."""
        return {page.src: self.render_page(page) for page in self.plan.values() if not page.content}

    def generated_srcs(self) -> list[str]:
        """The src of every page `generated` renders, without rendering them (what a link may lead to)."""
        return [page.src for page in self.plan.values() if not page.content]

    def table_pages(self) -> dict[str, list[str]]:
        """Folder -> the pages of its table, for each table of the plan."""
        return {listing.folder: index_pages(listing.folder, len(table_rows(self.curriculum, listing.folder)), self.page_size)
                for listing in TABLES}
