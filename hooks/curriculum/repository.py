"""Where the engine's own files are in the repository, and links back into it.

The engine is not installed with its data: templates, the committed JSON
Schemas, CONTRIBUTING.md and the npm packages sit beside it in the repository,
and are found from here, once.
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import importlib.util
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mergedeep
import yaml
import yaml_env_tag

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


def theme_stylesheets(folder: Path = TEMPLATES / "theme" / "assets") -> dict[str, Path]:
    """Site path -> file, for each of our stylesheets (the theme's custom_dir copies them)."""
    return {f"assets/{path.name}": path for path in sorted(folder.glob("*.css"))}


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


class _ConfigLoader(yaml.Loader):
    """mkdocs.yml read as MkDocs 1.6 reads it (mkdocs/utils/yaml.py): PyYAML's full loader,
    which builds the Python objects Material documents (`!!python/name:` emoji functions,
    `!!python/object/apply:` slugify), and `!ENV` from pyyaml_env_tag, MkDocs' own. Written
    beside MkDocs' rather than imported because the engine runs without MkDocs (another
    builder, the fast check). The file is the repository's, which the build runs anyway."""


def _python_name(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:module.attribute`: PyYAML's own reading, with a message that says what to fix."""
    try:
        return loader.construct_python_name(suffix, node)
    except yaml.constructor.ConstructorError:
        raise yaml.constructor.ConstructorError(None, None, f"'{suffix}' names nothing this install has", node.start_mark) from None


def _relative(loader: yaml.Loader, node: yaml.Node) -> str:
    """`!relative` (a folder MkDocs works out page by page): its text, since the engine needs no folder."""
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_ConfigLoader.add_constructor("!relative", _relative)


@dataclass
class Config:
    """What the engine reads of mkdocs.yml, and what is wrong with it: (line, field, message)."""

    data: dict[str, Any]
    problems: list[tuple[int | None, str, str]]


@functools.cache
def read_config(config: Path = MKDOCS_YML) -> Config:
    """mkdocs.yml, read once: its settings, and each mistake the fast check can name
    (a file that does not read, a Markdown extension that is not installed, a `nav:`
    the build would replace)."""
    try:
        text = config.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_ConfigLoader) or {}  # the full loader, as MkDocs: the build runs this file anyway
    except OSError as error:
        return Config({}, [(None, "", f"cannot be read ({error.strerror or error}); the build needs it")])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        if "\t" in what or "'\\t'" in what:
            what = "a tab; indent with spaces only"
        return Config({}, [(mark.line + 1 if mark else None, "", f"the YAML cannot be read: {what}. Check indentation, quotes and colons")])
    if not isinstance(data, dict):
        return Config({}, [(1, "", "must be a mapping of settings ('site_name: ...')")])
    problems: list[tuple[int | None, str, str]] = []
    lines = text.split("\n")

    def line_of(word: str) -> int | None:
        return next((i + 1 for i, line in enumerate(lines) if line.lstrip().startswith(word)), None)

    if "INHERIT" in data:  # a parent file, under this one's settings, merged as MkDocs merges it
        parent_name = str(data.pop("INHERIT"))
        parent = read_config(config.parent / parent_name)
        if not (config.parent / parent_name).is_file():
            problems.append((line_of("INHERIT:"), "INHERIT", f"names '{parent_name}', which does not exist beside {config.name}"))
        else:
            problems += [(None, "INHERIT", f"{parent_name}, line {line}: {why}" if line else f"{parent_name}: {why}")
                         for line, _, why in parent.problems]
            data = mergedeep.merge({}, parent.data, data)

    if "nav" in data:
        problems.append((line_of("nav:"), "nav", ("the build writes the navigation from the content (hooks/curriculum/site/nav.py) and "
                                                 "would replace this one without a word; remove nav: from mkdocs.yml")))
    for name, options in _extension_entries(data.get("markdown_extensions")):
        why = _extension_problem(name, options)
        if why:
            problems.append((line_of(f"- {name}"), "markdown_extensions", why))
    return Config(data, problems)


def _extension_entries(entries: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for entry in entries if isinstance(entries, list) else []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
        if isinstance(name, str):
            found.append((name, options if isinstance(options, dict) else {}))
    return found


def _extension_problem(name: str, options: dict[str, Any]) -> str | None:
    """Why Python-Markdown cannot load the extension `name` with `options`, or None."""
    import markdown

    try:
        markdown.Markdown(extensions=[name], extension_configs={name: options})
    except Exception as error:  # noqa: BLE001 -- whatever an extension raises, the fix is in mkdocs.yml
        known = [ep.name for ep in importlib.metadata.entry_points(group="markdown.extensions")]
        known += [f"pymdownx.{module.name}" for module in pkgutil.iter_modules(_pymdownx_path())]
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return f"'{name}' is not a Markdown extension this install can load ({type(error).__name__}: {str(error)[:120]}).{hint}"
    return None


def _pymdownx_path() -> list[str]:
    spec = importlib.util.find_spec("pymdownx")
    return list(spec.submodule_search_locations or []) if spec else []


def markdown_extensions(config: Path = MKDOCS_YML) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions the site is built with, and their settings, as mkdocs.yml
    lists them: the validator reads pages as the build will (the ids of headings, for one).
    One that cannot be loaded is left out here, and reported by `read_config`."""
    read = read_config(config)
    broken = {problem_field for _, problem_field, _ in read.problems}
    entries = _extension_entries(read.data.get("markdown_extensions"))
    usable = [(name, options) for name, options in entries if "markdown_extensions" not in broken or _extension_problem(name, options) is None]
    return [name for name, _ in usable], {name: options for name, options in usable}
