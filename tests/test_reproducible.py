"""Two builds of the same commit are byte-identical.

The fixture (with the samples page) is built twice, into two different folders,
by two processes with different hash seeds (so iterating a set of strings would
show up as a different order), with the same SOURCE_DATE_EPOCH; every file of
the two sites must match, byte for byte. The Makefile takes SOURCE_DATE_EPOCH
from the last commit, so `make build` is reproducible without setting it.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitebuild import FIXTURES, ROOT, add_samples, write_config

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def build(workdir: Path, hash_seed: str, epoch: str | None = EPOCH) -> Path:
    content = workdir / "content"
    shutil.copytree(FIXTURES / "mini", content)
    add_samples(content)
    config = write_config(content, workdir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED=hash_seed)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=workdir, env=env, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    return workdir / "site"


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first = build(tmp_path_factory.mktemp("repro-a") / "deeper" / "one", hash_seed="1")
    second = build(tmp_path_factory.mktemp("repro-b"), hash_seed="4242")
    return first, second


def test_two_builds_are_byte_identical(two_builds) -> None:
    first, second = (files_of(site) for site in two_builds)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"these files differ between two builds of the same sources: {differ}"
    assert len(first) > 50 and "api/curriculum.json" in first and "search/search_index.json" in first


def test_no_build_folder_leaks_into_the_site(two_builds) -> None:
    for site in two_builds:
        folder = str(site.parent).encode()
        leaks = [name for name, data in files_of(site).items() if folder in data]
        assert not leaks, f"{leaks} contain the build folder {folder!r}"


def test_dates_come_from_source_date_epoch(two_builds) -> None:
    site = two_builds[0]
    day = datetime.fromtimestamp(int(EPOCH), UTC).strftime("%Y-%m-%d")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = {line.strip()[len("<lastmod>"):-len("</lastmod>")] for line in sitemap.splitlines() if "<lastmod>" in line}
    assert dates == {day}
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (site / "sitemap.xml").read_bytes()
    mtime = int.from_bytes(packed[4:8], "little")
    # MkDocs stamps it with the build date (midnight), which comes from the epoch too.
    assert mtime == 0 or 0 <= int(EPOCH) - mtime < 86400, f"sitemap.xml.gz carries the time {mtime}, not the epoch's day"


def skip_unless_in_ci(reason: str) -> None:
    """Outside CI a missing tool or an unborn branch may skip this; in CI it is the very
    failure the test exists for (a container's git refusing the checkout), so it fails."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason}: in CI the build must be dated by the last commit")
    pytest.skip(reason)


def test_makefile_takes_the_epoch_from_the_last_commit() -> None:
    if not shutil.which("make") or not (ROOT / ".git").exists():
        skip_unless_in_ci("needs make and a git checkout")
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    if commit_time.returncode != 0 or not commit_time.stdout.strip():
        skip_unless_in_ci(f"git gives no date for the last commit ({commit_time.stderr.strip() or 'no commit yet'})")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "MAKELEVEL")}
    shown = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "show-epoch: ; @echo $$SOURCE_DATE_EPOCH", "show-epoch"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == commit_time.stdout.strip()
    env["SOURCE_DATE_EPOCH"] = "1234567890"  # a value given by the caller wins
    shown = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "show-epoch: ; @echo $$SOURCE_DATE_EPOCH", "show-epoch"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert shown.stdout.strip() == "1234567890"
