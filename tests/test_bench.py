"""`make bench` measures content the engine accepts, shaped like a curriculum that grows.

A generator that wrote invalid content would make the bench fail at its largest
size, after minutes of building; one whose paths grew like its papers would
measure a navigation no curriculum of that size has (120 paths at 30x).
"""

from __future__ import annotations

import sys

import pytest

from curriculum import load
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import synth  # bench/ is not a package: found through the path above


@pytest.mark.parametrize("scale", [1, 3])
def test_synthetic_content_loads_without_problems(tmp_path, scale):
    counts = synth.generate(tmp_path / "content", float(scale))
    curriculum = load(tmp_path / "content")  # raises ContentError, listing every problem, if any
    assert len(curriculum.papers) == counts["papers"]
    assert len(curriculum.paths) == counts["paths"]
    assert len(curriculum.phases) == counts["phases"]
    # The cross-links the engine renders are there to measure: lineage, reading lists, skills.
    assert any(paper.built_upon_by for paper in curriculum.papers.values())
    assert all(phase.papers and phase.skills for phase in curriculum.phases.values())


def test_paths_and_their_phases_grow_slower_than_papers(tmp_path):
    one = synth.generate(tmp_path / "one", 1.0)
    three = synth.generate(tmp_path / "three", 3.0)
    assert three["papers"] == 3 * one["papers"]
    assert one["paths"] < three["paths"] < 3 * one["paths"]
    assert three["phases"] / three["paths"] > one["phases"] / one["paths"]  # longer paths, not only more


def test_same_arguments_write_the_same_content(tmp_path):
    synth.generate(tmp_path / "a", 1.0, seed=7)
    synth.generate(tmp_path / "b", 1.0, seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
