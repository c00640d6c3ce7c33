"""The seed guide's front-matter (002_...) is our format: it validates unchanged.

`tests/fixtures/seed-guide.md` holds that block as the seed has it. The mini
curriculum's copy of the guide adds the date it was checked, which the seed lacks:
an undated guide is valid, and only `--strict` asks for its date.
"""

from __future__ import annotations

import frontmatter
import pytest

from curriculum import load
from curriculum.read.schema import Guide
from sitebuild import FIXTURES, ROOT

FIXTURE = FIXTURES / "seed-guide.md"
SEED = ROOT.parent / "shared" / "seeds" / "002_d76303c2f3a896bb.txt"


def front_matter_block(text: str) -> str:
    return text.split("---\n", 2)[1]


def test_seed_front_matter_validates_unchanged() -> None:
    meta = frontmatter.loads(FIXTURE.read_text(encoding="utf-8")).metadata
    guide = Guide.model_validate(meta)
    assert guide.levels == ["mid", "senior"]
    assert guide.links == ["https://www.youtube.com/watch?v=L4NnV_YpS2o&t=2105s"]


def test_seed_block_is_a_valid_guide_asking_only_for_its_dates(tmp_path) -> None:
    """As a guide of a curriculum, the unchanged block passes validate; --strict asks for `checked` and `added`."""
    import shutil

    from curriculum import ContentError

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    shutil.copy(FIXTURE, content / "guides" / "seed-guide.md")
    assert load(content).guides["seed-guide"].meta.checked is None
    with pytest.raises(ContentError) as caught:
        load(content, strict=True)
    problems = caught.value.problems
    assert [(p.file.rsplit("content/", 1)[1], p.field) for p in problems] == [("guides/seed-guide.md", "added"), ("guides/seed-guide.md", "checked")]
    assert all("YYYY-MM" in problem.message for problem in problems)


def test_seed_skills_resolve_through_aliases() -> None:
    """`math` and `research` in the seed are aliases of our skill ids."""
    curriculum = load(FIXTURES / "mini")
    skills = [s.id for s in curriculum.guides["seed-guide"].skills]
    assert skills == ["research-methodology", "paper-reading", "mathematics", "implementation", "career"]


def test_real_vocabulary_accepts_the_seed_skills() -> None:
    """The real content's skill vocabulary resolves every skill the seed guide names."""
    curriculum = load(ROOT / "content")
    meta = frontmatter.loads(FIXTURE.read_text(encoding="utf-8")).metadata
    known = set(curriculum.skills) | {a for s in curriculum.skills.values() for a in s.meta.aliases}
    assert set(meta["skills"]) <= known


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside this checkout")
def test_fixture_is_the_seed_block_unchanged() -> None:
    assert front_matter_block(FIXTURE.read_text(encoding="utf-8")) == front_matter_block(SEED.read_text(encoding="utf-8"))
