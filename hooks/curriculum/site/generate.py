"""The site source any static-site builder reads: `python -m curriculum generate DIR`.

DIR/docs holds every page of the plan (pages.plan) as Markdown with its front-matter
final (Site.sources), the data files, the feed and the pages at old addresses
(Site.files), the assets the site ships and the content folder's own files (its
pictures); DIR/theme our theme (templates/theme, the custom_dir); DIR/mkdocs.yml
the project's configuration with the navigation and footer the hooks would set,
and no hooks. MkDocs without our hooks and Zensical both build it; then
`python -m curriculum finish SITE` does what only the built pages allow.

The MkDocs hooks (hooks/atlas.py) hand MkDocs the very same pages and files
during the build instead of writing them first; what they add besides is in
CONTRIBUTING ("Two builders").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..plan.hosting import Hosting
from ..read.files import VOCABULARIES, asset_problem
from ..repository import MKDOCS_YML, TEMPLATES, read_config
from .site import Site

DOCS = "docs"
THEME = "theme"
CONFIG = "mkdocs.yml"
# Settings that only mean something to the hooks' build of the content folder.
_HOOKS_ONLY = ("hooks", "watch", "exclude_docs")


@dataclass(frozen=True)
class Generated:
    """What `generate` wrote, for its report."""

    folder: Path
    pages: int
    files: int
    changed: int  # files written because their bytes differed (or were new): a second run of the same content writes none


def source_config(data: dict, site: Site) -> dict:
    """mkdocs.yml for the generated source: the project's, reading DIR/docs with DIR/theme,
    with the navigation and theme settings the hooks set in on_config, and no hooks."""
    config = {key: value for key, value in data.items() if key not in _HOOKS_ONLY}
    config["docs_dir"] = DOCS
    config["site_dir"] = "site"
    config["theme"] = {**data.get("theme", {}), "custom_dir": THEME}
    config["nav"] = site.navigation()
    config["extra"] = {**data.get("extra", {}), **site.theme_settings()}
    return config


def generate(content_dir: str | Path, out_dir: str | Path, *, config_file: Path = MKDOCS_YML, strict: bool = True) -> Generated:
    """Write the site source of the content in `content_dir` into `out_dir`: its docs/ and
    theme/ end up holding exactly the source, and a file whose bytes are already right is
    left untouched. Raises ContentError, listing every problem, as the
    build does; repository.MissingAsset for a shipped file that is not installed."""
    data = read_config(config_file).data
    hosting = Hosting(data.get("site_url") or "", data.get("use_directory_urls", True))
    site = Site.load(content_dir, strict=strict, hosting=hosting)
    site_name = data.get("site_name", "")
    pages = site.sources(site_name)
    files = site.files(site_name)
    out = Path(out_dir)
    docs, theme = out / DOCS, out / THEME
    wanted: dict[Path, bytes] = {docs / dest: text.encode() for dest, text in (pages | files).items()}
    for dest, source in {**_content_files(Path(content_dir)), **site.assets}.items():
        wanted[docs / dest] = source.read_bytes()
    for source in sorted((TEMPLATES / THEME).rglob("*")):
        if source.is_file():
            wanted[theme / source.relative_to(TEMPLATES / THEME)] = source.read_bytes()
    for dest, text in site.stylesheets.items():  # minified, as the hooks ship them
        wanted[theme / dest] = text.encode()
    # yaml.Dumper, not SafeDumper: a `!!python/name:` setting (Material's emoji options)
    # read as the object it names is written back as the same tag.
    config = yaml.dump(source_config(data, site), Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True)
    wanted[out / CONFIG] = config.encode()
    _remove_all_but(wanted, (docs, theme))
    changed = sum(_write(path, body) for path, body in wanted.items())
    return Generated(out, len(pages), len(files) + len(site.assets), changed)


def _content_files(content: Path) -> dict[str, Path]:
    """Site path -> each file of the content folder that is not a page, which the site publishes
    as it is (a picture); the vocabularies and refused files stay out, as in the hooks' build."""
    found = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if path.is_file() and path.suffix != ".md" and rel not in VOCABULARIES.values() and not asset_problem(rel):
            found[rel] = path
    return found


def _remove_all_but(wanted: dict[Path, bytes], folders: tuple[Path, ...]) -> None:
    """Delete every file under `folders` that is not in `wanted` (a page whose content file
    is gone), then the folders left empty."""
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):  # a folder's files before the folder
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path not in wanted:
                path.unlink()


def _write(path: Path, data: bytes) -> bool:
    """Write `data` at `path` unless the file holds those bytes already; whether it wrote. A
    builder's `serve` watches this folder: a file written again with the same bytes counts as
    changed, and Zensical then reloads and rebuilds every page (README, "Performance")."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
