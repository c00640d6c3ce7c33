"""Every template of ours that copies or overrides one of Material's still matches the Material installed.

Our partials are Material's with a patch (each says why in its header), and main.html and 404.html
override blocks of Material's base.html; search-on-demand.js holds back calls of Material's bundle.
tests/material_bases.json records, for each of these files, the upstream files it was last checked
against (their sha256, in the pinned release). An upgrade that changes one fails here with the
difference between the new upstream file and our copy, to port into ours; CONTRIBUTING ("After a
Material upgrade") says how, and `python tests/test_material_copies.py --record` records the new bases.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASES = ROOT / "tests" / "material_bases.json"


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def installed_version() -> str:
    import importlib.metadata

    return importlib.metadata.version("mkdocs-material")


def upstream_file(pattern: str) -> Path | None:
    """The installed Material's file for `pattern` (a path, or a glob for a name with a hash in it)."""
    found = sorted(material_templates().glob(pattern))
    return found[0] if len(found) == 1 else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded() -> dict:
    return json.loads(BASES.read_text(encoding="utf-8"))


COPIES = recorded()["copies"]


def test_every_file_that_copies_material_is_recorded() -> None:
    """A new partial or template override is recorded with its upstream file, so an upgrade is checked against it."""
    ours = {path.relative_to(ROOT).as_posix() for path in (ROOT / "templates" / "theme").rglob("*.html")}
    missing = sorted(ours - set(COPIES))
    assert not missing, f"record the Material file each of these is based on in {BASES.name} (see CONTRIBUTING): {missing}"


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_each_copy_was_checked_against_the_installed_material(copy: str) -> None:
    ours = ROOT / copy
    assert ours.is_file(), f"{copy} is recorded in {BASES.name} but does not exist: remove its entry"
    for pattern, digest in COPIES[copy]["upstream"].items():
        upstream = upstream_file(pattern)
        assert upstream is not None, (
            f"Material {installed_version()} has no single file {pattern}, on which {copy} is based "
            f"(checked against {recorded()['material']}): find what replaced it, port {copy}, then record it (CONTRIBUTING)"
        )
        if sha256(upstream) == digest:
            continue
        diff = "".join(difflib.unified_diff(
            upstream.read_text(encoding="utf-8").splitlines(keepends=True),
            ours.read_text(encoding="utf-8").splitlines(keepends=True),
            f"material {installed_version()}: {pattern}", f"ours: {copy}",
        )) if upstream.suffix == ours.suffix == ".html" else f"(a script: read the new {pattern} for what {copy} relies on)\n"
        pytest.fail(
            f"Material {installed_version()} changed {pattern}, on which {copy} is based (checked against "
            f"{recorded()['material']}). Port the change into our copy, keeping our patch (its header says what "
            f"it is), then run `python tests/test_material_copies.py --record`. The new upstream file against ours:\n"
            + (diff if len(diff) < 20000 else diff[:20000] + "\n[... cut]"),
            pytrace=False,
        )


def record() -> None:
    """Write the installed Material's sha256 of every recorded upstream file: after porting an upgrade."""
    data = recorded()
    for entry in data["copies"].values():
        for pattern in entry["upstream"]:
            upstream = upstream_file(pattern)
            if upstream is None:
                sys.exit(f"no single file {pattern} in {material_templates()}: correct the pattern in {BASES}")
            entry["upstream"][pattern] = sha256(upstream)
    data["material"] = installed_version()
    BASES.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded Material {data['material']}'s files in {BASES}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/test_material_copies.py --record")
    record()
