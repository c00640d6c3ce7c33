"""One build of the site: the loaded curriculum and everything generated from it.

A `Site` is made fresh for every build (MkDocs keeps hook modules loaded under
`mkdocs serve`, so nothing may survive from one build to the next).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import export, schema
from .entities import Curriculum
from .loader import load
from .nav import navigation
from .render import ROWS_SCRIPT, Renderer, index_pages


def site_root_path(site_url: str) -> str:
    """'/atlas/' for 'https://example.org/atlas/': where the site lives on its host."""
    from urllib.parse import urlsplit

    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass
class Site:
    curriculum: Curriculum
    content_root: str = "content"  # the content folder, relative to the repository
    renderer: Renderer = field(init=False)
    # Table rows of each split index, in page order, as the built pages show them.
    _rows: dict[str, dict[str, str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.curriculum)

    @classmethod
    def load(cls, content_dir: str | Path) -> Site:
        return cls(load(content_dir), content_root(content_dir))

    def navigation(self) -> list:
        return navigation(self.curriculum)

    def generated_pages(self) -> dict[str, str]:
        """Markdown pages that have no source file: indexes and skill pages."""
        return self.renderer.generated()

    @functools.cached_property
    def split_indexes(self) -> dict[str, list[str]]:
        """Folder -> its pages, for each index whose table is split over several pages
        (worked out once: every built page asks, in `collect_rows`)."""
        c = self.curriculum
        found = {folder: index_pages(folder, len(items)) for folder, items in (("papers", c.papers), ("projects", c.projects))}
        return {folder: pages for folder, pages in found.items() if len(pages) > 1}

    def collect_rows(self, src: str, html: str) -> None:
        """Keep the table rows of a built page of a split index (for its rows script)."""
        folder = src.split("/", 1)[0]
        if src not in self.split_indexes.get(folder, ()):
            return
        start = html.find("<tbody>", html.find('class="atlas-filters"'))
        end = html.find("</tbody>", start)
        if start != -1 and end != -1:
            self._rows.setdefault(folder, {})[src] = html[start + len("<tbody>") : end]

    def rows_scripts(self) -> dict[str, str]:
        """Site path -> script holding every row of a split index's table, for its filter.

        A script, not JSON: a page opened from file:// may load a script but not
        fetch a file. The rows are the built pages' own HTML, so they look and
        link exactly as on their pages (all pages of an index share one folder).
        """
        scripts = {}
        for folder, pages in self.split_indexes.items():
            got = self._rows.get(folder, {})
            rows = "".join(got.get(src, "") for src in pages)
            scripts[f"{folder}/{ROWS_SCRIPT}"] = (
                f"window.atlasRows && window.atlasRows({json.dumps(folder)}, {json.dumps(rows, ensure_ascii=False)});\n"
            )
        return scripts

    def page_meta(self, src: str, meta: dict) -> None:
        """Make a page's metadata what the theme expects, in place.

        Material writes `title` and `description` into the HTML unescaped (its
        <title>, header and meta description; MkDocs treats titles as HTML), so a
        front-matter value must arrive escaped. A page without a description
        gets its entity's (a paper's key contribution), for search engines.
        """
        entity = self.curriculum.by_src.get(src)
        if entity is not None:  # MkDocs read an empty block (page_sources): the front-matter is ours
            for key, value in entity.source.meta.items():
                meta.setdefault(key, value)
        if "description" not in meta:
            found = getattr(entity, "meta", None)
            text = getattr(found, "description", None) or getattr(found, "contribution", None)
            if text:
                meta["description"] = text
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = html.escape(meta[key], quote=True)

    def page_sources(self) -> dict[str, str]:
        """What MkDocs reads for each content page, keyed by its path in the content folder.

        The engine has already read and checked each file's front-matter, so MkDocs
        gets an empty block (it need not parse the YAML again) followed by the page's full Markdown; `page_meta` then hands MkDocs
        the front-matter. The empty block also keeps MkDocs from reading the first
        lines of a page as MultiMarkdown metadata when it has no front-matter.
        """
        return {src: "---\n{}\n---\n" + self.renderer.page(src) for src in self.curriculum.by_src}

    def edit_link(self, src: str, repo_url: str, edit_uri: str) -> str:
        """Where "Edit this page" leads for the page built from `src`."""
        return edit_url(repo_url, edit_uri, edit_target(src, self.content_root))

    def data_files(self, url_of: Callable[[str], str]) -> dict[str, str]:
        """api/curriculum.json, keyed by its path in the site (the schemas are `schema_files`)."""
        return {"api/curriculum.json": export.dumps_compact(export.curriculum_json(self.curriculum, url_of))}


PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Browser assets taken from npm packages (pinned in package-lock.json, installed by
# `npm ci`), never committed: site path -> file inside node_modules.
VENDORED = {
    "assets/vendor/iframe-worker/shim.js": "iframe-worker/shim/index.js",
}


class MissingAsset(Exception):
    pass


def vendored_assets(node_modules: Path = PROJECT_ROOT / "node_modules") -> dict[str, Path]:
    found = {}
    for dest, inside in VENDORED.items():
        source = node_modules / inside
        if not source.is_file():
            raise MissingAsset(
                f"{source} is missing: the site ships it from npm. Run `npm ci` in {PROJECT_ROOT} (`make build` does it for you)."
            )
        found[dest] = source
    return found


def schema_files(folder: Path = PROJECT_ROOT / "schemas") -> dict[str, Path]:
    """Site path -> committed JSON Schema file, for every kind of front-matter.

    The build ships the committed files rather than asking pydantic to generate
    each schema again; a test and `python -m curriculum schema --check` keep them
    equal to the schema.
    """
    found = {}
    for kind in schema.KINDS:
        source = folder / f"{kind}.schema.json"
        if not source.is_file():
            raise MissingAsset(f"{source} is missing: run `python -m curriculum schema --write` in {PROJECT_ROOT} to write the schemas")
        found[f"api/schema/{source.name}"] = source
    return found


# --- "Edit this page" -----------------------------------------------------------

# Generated pages have no file of their own: their edit link opens where their
# data lives (a folder ends in '/'), relative to the content folder.
EDIT_SOURCES = {
    "papers/index.md": "papers/",
    "projects/index.md": "projects/",
    "guides/index.md": "guides/",
    "paths/index.md": "paths/",
    "skills/index.md": "skills.yml",
}
# Generated pages whose source is outside the content folder, relative to the repository.
EDIT_OUTSIDE_CONTENT = {"contribute.md": "templates/contribute.md.j2"}


def edit_target(src: str, content_root: str = "content") -> str:
    """The repository path behind the page built from `src`: a file, or a folder ending in '/'."""
    if src in EDIT_OUTSIDE_CONTENT:
        return EDIT_OUTSIDE_CONTENT[src]
    if src in EDIT_SOURCES:
        rel = EDIT_SOURCES[src]
    elif src.startswith(("papers/index-", "papers/topics/")):
        rel = "papers/"  # more pages of the paper index, and its topic pages
    elif src.startswith("projects/index-"):
        rel = "projects/"
    elif src.startswith("skills/"):
        rel = "skills.yml"  # every skill page is generated from the vocabulary
    else:
        rel = src
    return f"{content_root.strip('/')}/{rel}" if content_root.strip("/") else rel


def content_root(docs_dir: str | Path, project_root: Path = PROJECT_ROOT) -> str:
    """The content folder relative to the repository ('content'), for a folder inside it."""
    try:
        return Path(docs_dir).resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return "content"  # a copy outside the repository (tests): link where the real content lives


def edit_url(repo_url: str, edit_uri: str, target: str) -> str:
    """GitHub's editor for a file, or its file browser for a folder, on the branch named in `edit_uri`."""
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
    action = "tree" if target.endswith("/") else "edit"
    return f"{repo_url.rstrip('/')}/{action}/{branch}/{target}"
