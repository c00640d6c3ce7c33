"""Render pages to Markdown from the Jinja2 templates in `templates/`.

Every `{{ value }}` is escaped for Markdown by default (see `escape_md`), so a
front-matter value can never become markup. Templates opt out with `|safe`
only for Markdown we built ourselves (links, the hand-written body).
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import reference, svg
from .model import PRIORITIES, PRIORITY_TITLES, Curriculum
from .models import PROJECT_WEEK_HOURS

TEMPLATES = FsPath(__file__).resolve().parents[2] / "templates"

# Characters Python-Markdown reads as markup. The first set it lets a backslash
# escape; the second it does not (a backslash would show), so they become
# character references. Markdown escapes go first: html.escape then writes
# references such as &#x27;, whose '#' must not be escaped again.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!+])")
_MD_REFERENCE = {"~": "&#126;", "^": "&#94;", "=": "&#61;"}
# Control characters show nothing, and Python-Markdown uses \x02 and \x03 to mark
# its placeholders: a value must not carry them into a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_NO_BACKSLASH = re.compile(r"[~^=]")
_NEWLINE = re.compile(r"\r\n?|\n")
# Any character one of the steps below would change (html.escape's five included).
_NEEDS_ESCAPE = re.compile(r"""[\\`*_\[\]{}|#!+~^=&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]""")


def escape_md(value: Any) -> Markup:
    """Text that renders as itself in Markdown, in tables and inside raw HTML."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escaped(str(value))


# Every `{{ value }}` of every template comes through here (a hundred thousand
# times at ten times today's content), and the same titles come back on page after
# page: remember the recent answers.
@functools.lru_cache(maxsize=8192)
def _escaped(text: str) -> Markup:
    if _NEEDS_ESCAPE.search(text) is None:  # most titles and numbers: nothing to do
        return Markup(text)
    text = _MD_SPECIAL.sub(r"\\\1", _CONTROL.sub("", text))
    text = html.escape(text, quote=True)
    text = _MD_NO_BACKSLASH.sub(lambda m: _MD_REFERENCE[m[0]], text)
    return Markup(_NEWLINE.sub(" ", text))  # one line: a table row or heading stays whole


def escape_html(value: Any) -> Markup:
    """For values inside raw HTML, where Markdown backslash escapes do not apply."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def markdown_text(value: Any) -> Markup:
    """Front-matter prose that may use Markdown (emphasis, code, links) but never raw HTML.

    Link schemes in these values were already checked by the loader.
    """
    text = _CONTROL.sub("", ("" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n"))
    text = html.escape(text, quote=False)
    return Markup(text.replace("|", "\\|"))  # a '|' would split a table cell


def progress_keys(entity: Any) -> tuple[str, list[str]]:
    """The stable key a learner's progress is saved under, and the keys of the entity's old ids."""
    kind = type(entity).__name__.lower()
    if kind == "phase":
        prefix = f"phase:{entity.path.id}/"
        return f"phase:{entity.id}", [prefix + old for old in entity.meta.old_ids]
    return f"{kind}:{entity.id}", [f"{kind}:{old}" for old in entity.meta.old_ids]


def safe_url(value: Any) -> Markup:
    """A checked URL made safe to sit inside Markdown's `(...)` and HTML attributes."""
    text = str(value)
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22"), (" ", "%20")):
        text = text.replace(char, code)
    return Markup(text)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "item"


# Pages of one folder (papers/, a path's phases) link to the same targets: the
# answer depends on the folder, not the page, so it is remembered per folder.
@functools.lru_cache(maxsize=16384)
def _relative_from(folder: str, target: str) -> str:
    """posixpath.relpath(target, folder) for clean content paths, without its two
    abspath (getcwd) calls: it runs for every link of every page."""
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


def front_matter(**fields: Any) -> str:
    data = {k: v for k, v in fields.items() if v is not None}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True) + "---\n"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, in its per-user temporary folder.

    Compiling our templates took about 90 ms, 4% of a build of the real site;
    with the cache only the first build on a machine pays it. Entries are keyed
    by the template's source and the Python version, so a changed template is
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
    env.filters.update(url=safe_url, h=escape_html, md=markdown_text, slug=slugify, md_escape=escape_md)
    env.filters.update(link=_link_filter, links=_links_filter, href=_href_filter, topic_href=_topic_href_filter, progress=progress_checkbox)
    env.globals.update(
        # Filter menus show skill names, while rows carry the stable skill ids.
        skill_labels=lambda projects: json.dumps(
            {s.id: s.title for p in projects for s in p.skills}, ensure_ascii=False, sort_keys=True
        ),
        PRIORITIES=PRIORITIES,
        PRIORITY_TITLES=PRIORITY_TITLES,
        PROJECT_WEEK_HOURS=PROJECT_WEEK_HOURS,
        svg=svg,
    )
    return env


class Linker:
    """Links from the page being rendered (its folder) to other pages; the templates
    use them as filters: `{{ paper|link }}`, `{{ phase.skills|links }}`, `{{ path|href }}`."""

    __slots__ = ("folder", "made", "split_papers")

    def __init__(self, folder: str, made: dict[tuple[str, str, Any], Markup], split_papers: bool):
        self.folder = folder
        # (folder, target, text) -> Markdown link: pages of one folder link to the
        # same entities again and again (every paper page to its skills, every
        # phase to its path), and a link depends only on those three.
        self.made = made
        self.split_papers = split_papers  # the paper index lists topics, each on a page of its own

    def href(self, entity: Any) -> str:
        return _relative_from(self.folder, entity if isinstance(entity, str) else entity.src)

    def link(self, entity: Any, text: Any = None) -> Markup:
        target = entity if isinstance(entity, str) else entity.src
        label = text if text is not None else entity.title
        if isinstance(label, Markup):  # equal to the same text unescaped: not a key
            return Markup(f"[{label}]({_relative_from(self.folder, target)})")
        key = (self.folder, target, label)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = Markup(f"[{escape_md(label)}]({_relative_from(self.folder, target)})")
        return found

    def links(self, entities: Any, sep: str = ", ", short: bool = False) -> Markup:
        """Links to each entity; `short` uses a paper's common name ('BERT') for dense lists."""
        link = self.link
        if short:
            return Markup(sep.join([link(e, getattr(e, "label", None)) for e in entities]))
        return Markup(sep.join([link(e) for e in entities]))

    def topic_href(self, topic: str) -> Markup:
        """Where a paper topic is listed: its own page once the paper index is split."""
        if self.split_papers:
            return Markup(self.href(topic_src(topic)))
        return Markup(f"{self.href('papers/index.md')}#topic-{topic}")  # a topic is a slug: nothing to escape


# Filters, not functions: Jinja calls a function in a template through
# Context.call, which inspects it on every call (ten times the cost of the call
# itself, tens of thousands of calls a build at ten times today's content); a
# filter's call is worked out when the template is compiled.
# Spelled out one by one: a generic wrapper (*args, getattr) doubled the cost of each call.
@jinja2.pass_context
def _link_filter(context: jinja2.runtime.Context, entity: Any, text: Any = None) -> Markup:
    return context["linker"].link(entity, text)


@jinja2.pass_context
def _links_filter(context: jinja2.runtime.Context, entities: Any, sep: str = ", ", short: bool = False) -> Markup:
    return context["linker"].links(entities, sep, short)


@jinja2.pass_context
def _href_filter(context: jinja2.runtime.Context, entity: Any) -> str:
    return context["linker"].href(entity)


@jinja2.pass_context
def _topic_href_filter(context: jinja2.runtime.Context, topic: str) -> Markup:
    return context["linker"].topic_href(topic)


def progress_checkbox(entity: Any, label: str) -> Markup:
    """A 'done' checkbox; hidden until the progress script shows it (useless without JS)."""
    key, old = progress_keys(entity)
    old_attr = f' data-atlas-old="{escape_html(" ".join(old))}"' if old else ""
    return Markup(
        f'<label class="atlas-done" hidden><input type="checkbox" data-atlas-id="{escape_html(key)}"{old_attr}>'
        f"<span>{escape_html(label)}</span></label>"
    )


class Renderer:
    def __init__(self, curriculum: Curriculum, templates: FsPath = TEMPLATES):
        self.curriculum = curriculum
        self.env = environment(str(templates))
        self._links: dict[tuple[str, str, Any], Markup] = {}  # see Linker.made
        self._split_papers = len(curriculum.papers) > INDEX_PAGE_SIZE
        # Each template once per build: with auto_reload, every get_template asks
        # the file system whether the file changed (a stat per page rendered).
        self._templates: dict[str, jinja2.Template] = {}

    def render(self, template: str, here: str, **context: Any) -> str:
        template_ = self._templates.get(template)
        if template_ is None:
            template_ = self._templates[template] = self.env.get_template(template)
        linker = Linker(here.rpartition("/")[0], self._links, self._split_papers)
        return template_.render(c=self.curriculum, linker=linker, **context)

    # --- content pages: hand-written body + generated parts ------------------

    def page(self, src: str) -> str | None:
        """The full Markdown of a content page, or None when the engine does not own it."""
        entity = self.curriculum.by_src().get(src)
        if entity is None:
            return None
        kind = type(entity).__name__.lower()
        body = Markup(entity.source.body)
        if kind == "page" and src == "index.md":
            return self.render("home.md.j2", src, page=entity, body=body)
        return self.render(f"{kind}.md.j2", src, entity=entity, **{kind: entity}, body=body)

    # --- generated pages ------------------------------------------------------

    def generated(self) -> dict[str, str]:
        c = self.curriculum
        papers = sorted(c.papers.values(), key=lambda paper: paper.meta.year)
        levels = ("beginner", "intermediate", "advanced")
        projects = [p for level in levels for p in c.projects.values() if p.meta.difficulty == level]
        pages = {}
        # A split table's filter offers every value of the whole table: worked out
        # once here, not on each of its pages (that would grow as pages x rows).
        paper_options = {"topics": sorted(c.topics), "year": sorted({str(p.meta.year) for p in papers})}
        project_options = {
            "difficulty": [level for level in levels if any(p.meta.difficulty == level for p in projects)],
            "skills": sorted({s.id for p in projects for s in p.skills}),
        }
        pages.update(self.table_index("papers", "papers_index.md.j2", papers, paper_options))
        pages.update(self.table_index("projects", "projects_index.md.j2", projects, project_options))
        if len(papers) > INDEX_PAGE_SIZE:  # the index lists topics; each topic lists its papers
            for topic, members in c.topics.items():
                src = topic_src(topic)
                pages[src] = self.render("papers_topic.md.j2", src, topic=topic, papers=members)
        pages.update({
            "skills/index.md": self.render("skills_index.md.j2", "skills/index.md"),
            "guides/index.md": self.render("guides_index.md.j2", "guides/index.md"),
            "paths/index.md": self.render("paths_index.md.j2", "paths/index.md"),
            "contribute.md": self.render("contribute.md.j2", "contribute.md", reference=Markup(reference.committed())),
        })
        for skill in c.skills.values():
            pages[skill.src] = self.render("skill.md.j2", skill.src, skill=skill)
        return pages

    def table_index(self, folder: str, template: str, items: list, options: dict) -> dict[str, str]:
        """An index table in pages of INDEX_PAGE_SIZE rows: one page while it fits."""
        srcs = index_pages(folder, len(items))
        if len(srcs) == 1:
            pager = Pager(srcs, 1, len(items), 1, len(items))
            return {srcs[0]: self.render(template, srcs[0], rows=items, pager=pager, all_rows=items)}
        pages = {}
        # JSON for an attribute in single quotes: Jinja's tojson escaping, made once.
        options_json = jinja2.utils.htmlsafe_json_dumps(options, sort_keys=True)
        labels = self.env.globals["skill_labels"](items) if folder == "projects" else "{}"
        for number, src in enumerate(srcs, 1):
            start = (number - 1) * INDEX_PAGE_SIZE
            rows = items[start : start + INDEX_PAGE_SIZE]
            pager = Pager(srcs, number, len(items), start + 1, start + len(rows))
            pages[src] = self.render(template, src, rows=rows, pager=pager, all_rows=items, options=options_json, labels=labels)
        return pages


# Rows per page of the paper and project tables. Every page of the site stays
# about the same size however many papers there are: a longer table is split into
# pages, and its filter loads every row (ROWS_SCRIPT) only when a reader uses it.
INDEX_PAGE_SIZE = 100
ROWS_SCRIPT = "rows.js"  # in the index's folder, written by the build from the built pages


def index_pages(folder: str, count: int) -> list[str]:
    """The pages of a table index: `folder`/index.md, then index-2.md, index-3.md..."""
    pages = max(1, -(-count // INDEX_PAGE_SIZE))
    return [f"{folder}/index.md"] + [f"{folder}/index-{n}.md" for n in range(2, pages + 1)]


def topic_src(topic: str) -> str:
    return f"papers/topics/{topic}.md"


@dataclass(frozen=True)
class Pager:
    pages: list[str]  # every page's src, in order
    number: int  # this page's, from 1
    total: int  # rows in the whole table
    first_row: int
    last_row: int

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
        return self.pages[index // INDEX_PAGE_SIZE]
