"""The seed guide's front-matter (002_...) is our format: it validates unchanged."""

from __future__ import annotations

import frontmatter
import pytest

from curriculum import load
from curriculum.schema import Guide
from sitebuild import FIXTURES, ROOT

FIXTURE = FIXTURES / "mini" / "guides" / "seed-guide.md"
SEED = ROOT.parent / "shared" / "seeds" / "002_d76303c2f3a896bb.txt"


def front_matter_block(text: str) -> str:
    return text.split("---\n", 2)[1]


def test_seed_front_matter_validates_unchanged() -> None:
    meta = frontmatter.loads(FIXTURE.read_text(encoding="utf-8")).metadata
    guide = Guide.model_validate(meta)
    assert guide.levels == ["mid", "senior"]
    assert guide.links == ["https://www.youtube.com/watch?v=L4NnV_YpS2o&t=2105s"]


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
