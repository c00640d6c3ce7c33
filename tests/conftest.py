from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import FIXTURES, ROOT, SPLIT_EXTRA, add_content, mkdocs_build


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh, writable copy of the small fixture curriculum."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The fixture curriculum built once with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("mini-build")
    result = mkdocs_build(FIXTURES / "mini", work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def split_site(tmp_path_factory) -> Path:
    """The fixture curriculum with enough papers and projects to split their tables into pages."""
    work = tmp_path_factory.mktemp("split-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    add_content(content, SPLIT_EXTRA)
    result = mkdocs_build(content, work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory) -> Path:
    """The fixture curriculum plus tests/fixtures/samples/ (a page of every Markdown block), built strictly."""
    work = tmp_path_factory.mktemp("samples-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    for sample in (FIXTURES / "samples").iterdir():
        shutil.copy(sample, content / sample.name)
    result = mkdocs_build(content, work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site (content/) built once with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("real-build")
    result = mkdocs_build(ROOT / "content", work)
    assert result.returncode == 0, result.stderr
    return work / "site"
