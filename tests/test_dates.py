"""Every paper, phase, project and guide says when it was checked against its sources, when it
was added and what changed: on its page, in the same words on every kind, and in the export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATED = ["papers/transformer.html", "paths/demo-path/01-basics.html", "projects/toy-project.html", "guides/seed-guide.html"]


def facts(page: Path) -> str:
    """The text of a page's facts block (the definition list under its title)."""
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<div class="atlas-facts">(.*?)</div>', html, re.DOTALL)
    assert block, f"{page.name} has no facts block"
    return block[1]


@pytest.mark.parametrize("rel", DATED)
def test_each_kind_of_page_says_when_it_was_checked_in_words(mini_site: Path, rel: str) -> None:
    found = facts(mini_site / rel)
    checked = re.search(r"<dt>Checked</dt>\s*<dd>(.*?)</dd>", found, re.DOTALL)
    assert checked, f"{rel}: no 'Checked' fact"
    assert checked[1].startswith('against its sources in <time datetime="2026-12">December 2026</time>'), checked[1]
    # Added a month before it was last checked: both are said.
    assert '; added in <time datetime="2026-11">November 2026</time>' in checked[1]


def test_a_page_added_the_month_it_was_checked_says_it_once(mini_site: Path) -> None:
    checked = re.search(r"<dt>Checked</dt>\s*<dd>(.*?)</dd>", facts(mini_site / "papers/bert-like.html"), re.DOTALL)
    assert checked and "added" not in checked[1] and "December 2026" in checked[1]


def test_a_page_shows_its_changes(mini_site: Path) -> None:
    found = facts(mini_site / "paths/demo-path/02-advanced.html")
    changed = re.search(r"<dt>Changed</dt>\s*<dd>(.*?)</dd>", found, re.DOTALL)
    assert changed and changed[1].strip() == '<time datetime="2026-12">December 2026</time>: Adds a track on alignment, with its own paper and project.'
    assert "<dt>Changed</dt>" not in facts(mini_site / "papers/transformer.html")


def test_the_export_gives_each_dated_page_its_dates(mini_site: Path) -> None:
    data = json.loads((mini_site / "api" / "curriculum.json").read_text(encoding="utf-8"))
    entries = [*data["papers"], *data["projects"], *data["guides"], *(phase for path in data["paths"] for phase in path["phases"])]
    assert len(entries) == 3 + 2 + 1 + 2
    for entry in entries:
        assert entry["checked"] == "2026-12", entry["id"]
        assert entry["added"] in ("2026-11", "2026-12"), entry["id"]
        assert isinstance(entry["changes"], list), entry["id"]
    phases = {phase["id"]: phase for phase in data["paths"][0]["phases"]}
    assert phases["demo-path/advanced"]["changes"] == [{"date": "2026-12", "note": "Adds a track on alignment, with its own paper and project"}]
    assert {p["id"]: p["added"] for p in data["papers"]} == {"transformer": "2026-11", "bert-like": "2026-12", "gpt-like": "2026-12"}

