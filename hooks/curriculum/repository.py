"""Where the engine's own files are in the repository, and links back into it.

The engine is not installed with its data: templates, the committed JSON
Schemas, CONTRIBUTING.md and the npm packages sit beside it in the repository,
and are found from here, once.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = REPO_ROOT / "templates"
SCHEMAS = REPO_ROOT / "schemas"
CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"
NODE_MODULES = REPO_ROOT / "node_modules"

# Browser assets taken from npm packages (pinned in package-lock.json, installed by
# `npm ci`), never committed: site path -> file inside node_modules.
VENDORED = {
    "assets/vendor/iframe-worker/shim.js": "iframe-worker/shim/index.js",
    # FSRS, the spaced-repetition scheduler of the Review page (its UMD build: a classic script).
    "assets/vendor/ts-fsrs/fsrs.js": "ts-fsrs/dist/index.umd.js",
}


class MissingAsset(Exception):
    """A file the site ships is not there; the message says which command writes it."""


def vendored_assets(node_modules: Path = NODE_MODULES) -> dict[str, Path]:
    """Site path -> file in node_modules, for every browser asset taken from npm."""
    found = {}
    for dest, inside in VENDORED.items():
        source = node_modules / inside
        if not source.is_file():
            raise MissingAsset(
                f"{source} is missing: the site ships it from npm. Run `npm ci` in {REPO_ROOT} (`make build` does it for you)."
            )
        found[dest] = source
    return found


def schema_files(kinds: list[str], folder: Path = SCHEMAS) -> dict[str, Path]:
    """Site path -> committed JSON Schema file, for each kind of front-matter.

    The build ships the committed files rather than asking pydantic to generate
    each schema again; a test and `python -m curriculum schema --check` keep them
    equal to the models.
    """
    found = {}
    for kind in kinds:
        source = folder / f"{kind}.schema.json"
        if not source.is_file():
            raise MissingAsset(f"{source} is missing: run `python -m curriculum schema --write` in {REPO_ROOT} to write the schemas")
        found[f"api/schema/{source.name}"] = source
    return found


def content_root(docs_dir: str | Path, repo_root: Path = REPO_ROOT) -> str:
    """The content folder relative to the repository ('content'), for a folder inside it."""
    try:
        return Path(docs_dir).resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return "content"  # a copy outside the repository (tests): link where the real content lives


def edit_url(repo_url: str, edit_uri: str, target: str) -> str:
    """GitHub's editor for a file, or its file browser for a folder, on the branch named in `edit_uri`."""
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
    action = "tree" if target.endswith("/") else "edit"
    return f"{repo_url.rstrip('/')}/{action}/{branch}/{target}"


@functools.cache
def markdown_extensions(config: Path = MKDOCS_YML) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions the site is built with, and their settings, as mkdocs.yml
    lists them: the validator reads pages as the build will (the ids of headings, for one)."""
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for entry in yaml.safe_load(config.read_text(encoding="utf-8")).get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings[name] = options or {}
    return names, settings
