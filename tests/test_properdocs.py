"""The site also builds with ProperDocs, the maintained MkDocs 1.x fork, should MkDocs itself go away.

ProperDocs is its own package (`properdocs`), pinned in the test extras beside
mkdocs; when it runs, imports of `mkdocs.*` (ours in hooks/atlas.py, Material's)
are served by its own modules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import FIXTURES, write_config

KEY_PAGES = [
    "index.html",
    "paths/index.html",
    "paths/demo-path/index.html",
    "paths/demo-path/01-basics.html",
    "papers/index.html",
    "papers/transformer.html",
    "projects/index.html",
    "projects/toy-project.html",
    "skills/index.html",
    "skills/pytorch.html",
    "guides/index.html",
    "contribute.html",
    "search/search_index.json",
    "api/curriculum.json",
    "api/schema/paper.schema.json",
]


def properdocs_build(content: Path, workdir: Path) -> subprocess.CompletedProcess:
    config = write_config(content, workdir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=workdir, env=env, timeout=600, check=False,
    )


def test_properdocs_builds_the_same_site(tmp_path: Path, mini_site: Path) -> None:
    result = properdocs_build(FIXTURES / "mini", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    site = tmp_path / "site"
    for page in KEY_PAGES:
        assert (site / page).is_file(), f"ProperDocs did not write {page}"
    # The same pages as the MkDocs build, and the same public data, byte for byte.
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == {p.relative_to(mini_site).as_posix() for p in mini_site.rglob("*.html")}
    for data in ("api/curriculum.json", "api/schema/paper.schema.json"):
        assert (site / data).read_bytes() == (mini_site / data).read_bytes(), data
    html = (site / "papers" / "transformer.html").read_text(encoding="utf-8")
    assert "https://arxiv.org/abs/1706.03762" in html and 'href="../paths/demo-path/01-basics.html"' in html


def test_properdocs_reports_bad_content_without_a_traceback(tmp_path: Path, mini: Path) -> None:
    paper = mini / "papers" / "transformer.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("year: 2017", "year: 2016"), encoding="utf-8")
    result = properdocs_build(mini, tmp_path)
    assert result.returncode != 0
    assert "transformer.md:6: year: 2016 disagrees with arXiv id 1706.03762" in result.stderr
    assert "Traceback" not in result.stderr


def test_properdocs_names_a_missing_anchor_with_its_file_and_line(tmp_path: Path, mini: Path) -> None:
    """ProperDocs finds each page's anchors as MkDocs does: the build checks links to them against its ids."""
    phase = mini / "paths" / "demo-path" / "01-basics.md"
    text = phase.read_text(encoding="utf-8")
    link = "[the transformer](../../papers/transformer.md)"
    assert link in text
    phase.write_text(text.replace(link, "[the transformer](../../papers/transformer.md#the-solution)"), encoding="utf-8")
    result = properdocs_build(mini, tmp_path)
    assert result.returncode != 0
    assert "01-basics.md:16: body: the link '../../papers/transformer.md#the-solution'" in result.stderr, result.stderr
    assert "has no heading or element with the id 'the-solution'" in result.stderr
    assert "Traceback" not in result.stderr
