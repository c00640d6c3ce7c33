"""Build a real MkDocs site from a content folder, in a temporary folder, as the real build does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def write_config(content: Path, workdir: Path, **overrides) -> Path:
    """A copy of the project's mkdocs.yml that reads `content` and writes into `workdir/site`."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content)
    config["site_dir"] = str(workdir / "site")
    config["hooks"] = [str(ROOT / "hooks" / "atlas.py")]
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "theme")
    config["watch"] = []
    config.update(overrides)
    path = workdir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(content: Path, workdir: Path, **overrides) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in a subprocess, exactly as a contributor would."""
    config = write_config(content, workdir, **overrides)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=workdir, env=env, timeout=600, check=False,
    )
