"""Where the relative links of content lead: every page and anchor a link names exists.

The strict build checks the same links, but minutes later, with no line number
and no annotation; the validator checks them with file and line, resolving each
as MkDocs does:

- relative to the file it is written in, to a file of the content folder or a
  page the build generates (`../skills/pytorch.md`), written as the Markdown
  file (`gpt.md`, not the built `gpt.html`, nor `gpt`);
- an anchor against the ids the page will have: the ids the `toc` extension
  gives its headings, ids set with attr_list (`{#id}`) and in raw HTML. The page
  is rendered from its template and read with the Markdown extensions of
  mkdocs.yml, so those ids are the build's own;
- a link from the root of the site (`/papers/gpt.md`) is refused: it breaks on
  GitHub Pages, where the site lives under /atlas/, and in the offline copy.

Links in raw HTML are not rewritten by the build, so a relative one would break
in the built site: pages are linked with Markdown links. A link to a page that
was renamed names the new page (from its `old_ids`).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor

from .content_policy import markdown_links, mask_code, raw_html_links, strings
from .entities import Curriculum
from .files import PHASE_FILE
from .problems import Broken, Problems, did_you_mean, field_name
from .render import Renderer
from .repository import markdown_extensions, read_config
from .urls import browser_reading

_RAW_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")


class _Ids(Treeprocessor):
    """Every id (and <a name>) in a page, as MkDocs collects the anchors a link may name."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.found: set[str] = set()

    def run(self, root):
        for element in root.iter():
            for key in ("id", "name") if element.tag == "a" else ("id",):
                if element.get(key):
                    self.found.add(element.get(key))


class LinkTargets:
    """The pages a link may lead to, and the anchors of each, worked out when first asked."""

    def __init__(self, curriculum: Curriculum, shown_root: str):
        self.curriculum = curriculum
        self.shown_root = shown_root  # the content folder as messages show it, e.g. 'content/'
        self.renderer = Renderer(curriculum)
        self.generated = frozenset(self.renderer.generated_srcs())
        self._generated_markdown: dict[str, str] | None = None  # rendered when an anchor into one is asked for
        self._ids: dict[str, set[str]] = {}
        self._reader: tuple[markdown.Markdown, _Ids] | None = None
        self.renamed = self._renamed()

    def is_page(self, rel: str) -> bool:
        return rel in self.curriculum.by_src or rel in self.generated

    def exists(self, rel: str) -> bool:
        return self.is_page(rel) or rel in self.curriculum.files

    def _renamed(self) -> dict[str, str]:
        """The file an old id stood for -> the page that took it over."""
        c = self.curriculum
        moved: dict[str, str] = {}
        for group in (c.papers, c.projects, c.guides):
            for entity in group.values():
                folder = entity.src.rpartition("/")[0]
                moved.update({f"{folder}/{old}.md": entity.src for old in entity.meta.old_ids})
        for path in c.paths.values():
            for old in path.meta.old_ids:
                moved[f"paths/{old}/index.md"] = path.src
                moved.update({f"paths/{old}/{phase.src.rsplit('/', 1)[-1]}": phase.src for phase in path.phases})
        return moved

    def renamed_phase(self, rel: str) -> str | None:
        """A phase file named by an old slug (its number may differ) -> the phase's file."""
        folder, _, name = rel.rpartition("/")
        match = PHASE_FILE.match(name)
        if not match or not folder.startswith("paths/"):
            return None
        path = self.curriculum.paths.get(folder.split("/")[1])
        return next((p.src for p in (path.phases if path else ()) if match["slug"] in p.meta.old_ids), None)

    def markdown_of(self, rel: str) -> str:
        try:
            if rel in self.generated:
                if self._generated_markdown is None:
                    self._generated_markdown = self.renderer.generated()
                return self._generated_markdown.get(rel, "")
            return self.renderer.page(rel) or ""
        except (jinja2.TemplateError, AttributeError, TypeError, KeyError, IndexError, ValueError):
            # Content too broken to render (and reported already): check against what was written.
            entity = self.curriculum.by_src.get(rel)
            return entity.source.body if entity is not None else ""

    def ids(self, rel: str) -> set[str]:
        """The anchors of the page built from `rel`."""
        if rel not in self._ids:
            if self._reader is None:
                names, settings = markdown_extensions()
                md = markdown.Markdown(extensions=names, extension_configs=settings)
                collector = _Ids(md)
                md.treeprocessors.register(collector, "atlas_ids", 1)  # after toc and attr_list set them
                self._reader = (md, collector)
            md, collector = self._reader
            text = self.markdown_of(rel)
            md.reset()
            collector.found = set()
            md.convert(_id_lines(text))
            self._ids[rel] = collector.found | set(_RAW_ID.findall(text))
        return self._ids[rel]


_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+)\s*$")


def _id_lines(text: str) -> str:
    """The lines of a page that can give an element an id, in their order: headings (whose ids
    toc numbers by order, so every one is kept) and attribute lists. Reading these alone
    with the site's extensions spares reading the whole page, which the build does
    anyway; outside fenced code, a heading's line is read as one wherever it sits."""
    if text.startswith("---\n"):  # a generated page's front-matter, which MkDocs takes off
        end = text.find("\n---\n", 3)
        text = text[end + 5 :] if end != -1 else text
    masked = mask_code(text).split("\n")
    lines = text.split("\n")
    kept = []
    for index, line in enumerate(masked):
        stripped = line.lstrip()
        if stripped.startswith("#") or ("{" in line and "#" in line):
            kept.append(lines[index].lstrip())
        elif _SETEXT_RULE.match(line) and index and masked[index - 1].strip() and not masked[index - 1].lstrip().startswith("#"):
            kept.append(lines[index - 1].lstrip() + "\n" + line.strip())
    return "\n\n".join(kept)


def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder or ".")


def link_problem(site: LinkTargets, page: str, target: str) -> str | None:
    """Why `target`, written in the file `page` (relative to the content folder), leads
    nowhere; None when it leads to a page or file (and an anchor of it) that exists."""
    target = target.strip().strip("<>")
    try:
        parts = urlsplit(target)
    except ValueError:  # such as 'http://[x': not a relative link, and the link rule judges the rest
        return None
    if parts.scheme or parts.netloc:
        return None  # an address on the web: checked by the link rule (urls.py), not here
    shown = f"the link '{target[:80]}'"
    folder = page.rpartition("/")[0]
    path = unquote(parts.path)
    if path.startswith(("/", "\\")):
        inside = path.lstrip("/\\")
        hint = f": '{_relative(inside, folder)}'" if site.exists(inside) else ""
        return (f"{shown} starts at the root of the site, which breaks on GitHub Pages (the site lives under /atlas/) "
                f"and in the offline copy; write it relative to this file{hint}")
    if not path:
        resolved = page
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.startswith("../") or resolved == "..":
            return f"{shown} leads outside the content folder; link to a page of the atlas, or to an https:// address"
    if not site.exists(resolved):
        return f"{shown} leads to no page: {_missing(site, resolved, folder)}"
    if parts.fragment and site.is_page(resolved) and read_config().data:  # without the settings, ids cannot be known
        anchor = unquote(parts.fragment)
        ids = site.ids(resolved)
        if anchor not in ids:
            where = "this page" if resolved == page else f"the page {site.shown_root}{resolved}"
            hint = did_you_mean(anchor, ids)
            return f"{shown}: {where} has no heading or element with the id '{anchor}'.{hint}"
    return None


def _missing(site: LinkTargets, resolved: str, folder: str) -> str:
    """What is wrong with a link to `resolved`, which does not exist, and what to write instead."""
    stem, extension = posixpath.splitext(resolved)
    if extension == ".html" and site.exists(stem + ".md"):
        return (f"links name the Markdown file, not the built page: write '{_relative(stem + '.md', folder)}' "
                "(the build turns it into the page's address, and checks it)")
    if not extension:
        for guess in (resolved + ".md", posixpath.join(resolved, "index.md")):
            if site.exists(guess):
                return f"links name a Markdown file: write '{_relative(guess, folder)}'"
    new = site.renamed.get(resolved) or site.renamed_phase(resolved)
    if new is not None:
        return f"{site.shown_root}{resolved} was renamed to {site.shown_root}{new} (see its old_ids); link to '{_relative(new, folder)}'"
    here = resolved.rpartition("/")[0]
    siblings = [f.rpartition("/")[2] for f in (*site.curriculum.by_src, *site.generated) if f.rpartition("/")[0] == here]
    hint = did_you_mean(resolved.rpartition("/")[2], siblings)
    return f"{site.shown_root}{resolved} does not exist.{hint}"


def _relative_link(target: str) -> bool:
    """Whether a browser reads `target` as a path on this site (see urls.py for how it reads)."""
    read = browser_reading(target)
    try:
        parts = urlsplit(read)
    except ValueError:
        return False
    return not (parts.scheme or parts.netloc or read.startswith(("//", "\\")))


def _front_matter_links(meta: dict) -> list[tuple[tuple, str]]:
    """(where, target) of every link of the front-matter: in Markdown prose, each `url`, a guide's bare links."""
    found = []
    for loc, text in strings(meta):
        if loc[-1:] == ("url",) or (len(loc) == 2 and loc[0] == "links"):
            found.append((loc, text))
        elif "](" in text or "]:" in text:
            found += [(loc, target) for _, target in markdown_links(mask_code(text))]
    return found


def check_links(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every relative link of every content page, in its body and its front-matter prose."""
    site: LinkTargets | None = None
    for entity in curriculum.by_src.values():
        source = entity.source
        found: list[tuple[int | None, str, str]] = []
        masked = mask_code(source.body)
        found += [(source.body_line + offset, "body", target) for offset, target in markdown_links(masked)]
        found += [(source.line(loc), field_name(loc), target) for loc, target in _front_matter_links(source.meta)]
        for offset, target in raw_html_links(masked):
            if _relative_link(target) and not target.startswith("#"):
                problems.add(source.display, source.body_line + offset, "body",
                             f"the link '{target[:80]}' is in raw HTML, which the build neither checks nor turns into the page's "
                             "address; link pages with Markdown: [text](page.md)")
        for line, name, target in found:
            if not _relative_link(target):
                continue
            site = site or LinkTargets(curriculum, source.display[: len(source.display) - len(source.rel)])
            why = link_problem(site, entity.src, target)
            if why:
                problems.add(source.display, line, name, why)
