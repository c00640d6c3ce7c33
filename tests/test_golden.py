"""Golden tests: the Markdown each template renders from the fixture curriculum.

The files in tests/golden/ were read and checked by a person; a template change
that alters them shows up as a diff here. After an intended change, regenerate
with `UPDATE_GOLDEN=1 make test` and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curriculum import Hosting, load
from curriculum.site.render import Renderer
from sitebuild import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"

PAGES = [
    "index.md",
    "paths/demo-path/index.md",
    "paths/demo-path/01-basics.md",
    "paths/demo-path/02-advanced.md",
    "papers/transformer.md",
    "papers/gpt-like.md",
    "projects/toy-project.md",
    "guides/seed-guide.md",
]
GENERATED = ["papers/index.md", "papers/topics/transformers.md", "projects/index.md", "skills/index.md", "skills/pytorch.md", "guides/index.md", "paths/index.md",
             "whats-new.md"]


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load(FIXTURES / "mini"), hosting=Hosting("https://example.org/atlas/"))


def check(name: str, rendered: str) -> None:
    golden = GOLDEN / (name.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("src", PAGES)
def test_content_page(renderer: Renderer, src: str) -> None:
    check(src, renderer.page(src))


@pytest.mark.parametrize("src", GENERATED)
def test_generated_page(renderer: Renderer, src: str) -> None:
    check(src, renderer.generated()[src])


@pytest.mark.parametrize("page_size", [100, 2])
def test_the_generated_pages_are_known_without_rendering_them(page_size: int) -> None:
    """The validator learns where links may lead from `generated_srcs`, which must name exactly
    the pages `generated` renders (with small tables too, split into pages and topic pages)."""
    renderer = Renderer(load(FIXTURES / "mini"), page_size=page_size)
    assert sorted(renderer.generated_srcs()) == sorted(renderer.generated())
