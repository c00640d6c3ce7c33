"""`make dist`: the offline zip holds the whole site, and the same site gives the same bytes."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from sitebuild import ROOT

spec = importlib.util.spec_from_file_location("dist", ROOT / "tools" / "dist.py")
dist = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dist)


def test_zip_holds_the_site_and_is_reproducible(mini_site: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    count = dist.write_zip(mini_site, first)
    dist.write_zip(mini_site, second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert len(names) == count
    for needed in ("index.html", "search/search_index.js", "assets/vendor/iframe-worker/shim.js", "api/curriculum.json"):
        assert f"ai-engineering-atlas/{needed}" in names, needed
