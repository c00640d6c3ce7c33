"""`make snapshot` compares two builds of the site file by file: it must see a change, and only a real one."""

from __future__ import annotations

import sys
from pathlib import Path

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import snapshot  # tools/ is not a package: found through the path above


def site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_compare_names_every_file_that_differs_or_is_missing(tmp_path: Path) -> None:
    a = site(tmp_path / "a" / "real", {"index.html": "<p>same</p>", "papers/x.html": "<p>old</p>", "gone.html": ""})
    b = site(tmp_path / "b" / "real", {"index.html": "<p>same</p>", "papers/x.html": "<p>new</p>", "new.html": ""})
    found = snapshot.compare(a, b, sort_links=False, show=0)
    assert found == ["only in a: gone.html", "only in b: new.html", "differs: papers/x.html"]


def test_the_order_of_link_attributes_counts_only_when_asked(tmp_path: Path) -> None:
    a = site(tmp_path / "a" / "real", {"p.html": '<a rel="noopener" href="https://x.org" class=c>x</a>'})
    b = site(tmp_path / "b" / "real", {"p.html": '<a href="https://x.org" class=c rel="noopener">x</a>'})
    assert snapshot.compare(a, b, sort_links=False, show=0) == ["differs: p.html"]
    assert snapshot.compare(a, b, sort_links=True, show=0) == []
    c = site(tmp_path / "c" / "real", {"p.html": '<a href="https://x.org" class=c>x</a>'})
    assert snapshot.compare(a, c, sort_links=True, show=0) == ["differs: p.html"]  # a missing rel is a difference
