"""A synthetic curriculum of any size: valid content with the shape of the real one.

    python bench/synth.py OUT_DIR [--scale 10] [--seed 0]

At scale 1 it has about the size of `content/` (4 paths, ~18 phases, 50 papers,
25 projects, 8 guides, 48 skills) with pages of about the same length. Papers,
projects and guides are multiplied by the scale. Three things grow more slowly,
as they would in a curriculum that grows:

- the skill vocabulary grows with the square root (`--skills-growth`): a field
  with thirty times the papers does not have thirty times the skills;
- paths grow as scale**0.6 (`--paths-growth`) and the phases of each path as
  scale**0.25 (`--phases-growth`): paths are curated tracks, "dozens" at most,
  that get longer as there is more to teach. At 30x this gives 31 paths and
  about 330 phases, the issue's own example of that size (30 paths, 300 phases,
  1,500 papers). `--paths-growth 1 --phases-growth 0` multiplies paths like the rest.

Output depends only on the arguments.

Everything it writes validates: skill, paper and project references resolve,
the phases of a path start at week 1 and are contiguous, `builds_on` only
points at earlier papers (so lineage is acyclic), and arXiv ids carry the
paper's year in their YYMM prefix.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from curriculum.read.field_types import PROJECT_WEEK_HOURS

# The month every synthetic page was added and checked, and a moment in it that the
# benchmark dates its builds by (SOURCE_DATE_EPOCH): the pages never go stale.
DATED = "2026-12"
DATED_EPOCH = "1797292800"  # 2026-12-15T00:00:00Z

# Scale-1 counts, taken from content/ when this was written.
BASE = {"paths": 4, "papers": 50, "projects": 25, "guides": 8, "skills": 48, "topics": 24}
PHASES_PER_PATH = (3, 4, 5, 6)
GROUPS = ("Foundations", "Machine learning", "Models and methods", "Building with LLMs", "Research", "Engineering and production", "Career")

WORDS = (  # noqa: SIM905 - a word list reads better as text
    "model training data attention layer gradient loss batch token embedding retrieval agent "
    "evaluation benchmark baseline ablation optimiser schedule warmup dropout residual network transformer decoder "
    "encoder sequence context window memory latency throughput inference quantisation pruning distillation alignment "
    "preference reward policy sampling temperature prompt tool call pipeline index vector chunk "
    "rerank metric recall precision error variance bias regularisation normalisation initialisation convergence curvature "
    "scaling compute parameter checkpoint shard cluster kernel profile trace experiment hypothesis result "
    "figure table appendix reproduction implementation test fixture dataset split leakage label noise "
    "augmentation curriculum feedback review deployment monitoring drift cost"
).split()
FIRST = (  # noqa: SIM905 - a word list reads better as text
    "Ada Alan Grace Claude John Yann Geoffrey Fei Andrew "
    "Ilya Oriol Noam Ashish Jakob Lukasz Aidan Niki Llion"
).split()
LAST = (  # noqa: SIM905 - a word list reads better as text
    "Lovelace Turing Hopper Shannon McCarthy LeCun Hinton Li Ng "
    "Sutskever Vinyals Shazeer Vaswani Uszkoreit Kaiser Gomez Parmar Jones"
).split()
LEVELS = ("beginner", "junior", "mid", "senior")
DIFFICULTIES = ("beginner", "intermediate", "advanced")
RESOURCE_TYPES = ("article", "book", "code", "course", "tutorial", "video")


class Text:
    """Deterministic filler prose built from a small technical vocabulary."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def title(self, n: int = 4) -> str:
        return " ".join(w.capitalize() for w in self.words(n).split())

    def sentence(self, lo: int = 8, hi: int = 20) -> str:
        text = self.words(self.rng.randint(lo, hi))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def body(self, size: int, links: list[tuple[str, str]] = ()) -> str:
        """About `size` characters of Markdown: headings, paragraphs, a list, and the given links."""
        parts: list[str] = []
        links = list(links)
        while sum(len(p) for p in parts) < size:
            parts.append(f"## {self.title(3)}")
            paragraph = self.paragraph(self.rng.randint(3, 6))
            if links:
                text, target = links.pop()
                paragraph += f" See [{text}]({target}) for the details."
            parts.append(paragraph)
            if self.rng.random() < 0.4:
                parts.append("\n".join(f"- {self.sentence(5, 12)}" for _ in range(self.rng.randint(3, 5))))
        for text, target in links:
            parts.append(f"Also read [{text}]({target}).")
        return "\n\n".join(parts) + "\n"


def q(value: str) -> str:
    """A double-quoted YAML scalar (the filler prose has no quotes or backslashes)."""
    return '"' + value + '"'


def ylist(values) -> str:
    return "[" + ", ".join(values) + "]"


def distinct(n: int, make) -> list[str]:
    """`n` different values from `make()` (a list names each thing once)."""
    found: list[str] = []
    for _ in range(50 * n):
        if len(found) == n:
            break
        value = make()
        if value not in found:
            found.append(value)
    return found


@dataclass
class PaperRow:
    id: str
    year: int


def scaled(name: str, scale: float, skills_growth: float, paths_growth: float) -> int:
    growth = {"skills": skills_growth, "topics": skills_growth, "paths": paths_growth}.get(name, 1.0)
    return max(1, round(BASE[name] * scale**growth))


def generate(
    out: Path,
    scale: float = 1.0,
    seed: int = 0,
    skills_growth: float = 0.5,
    paths_growth: float = 0.6,
    phases_growth: float = 0.25,
) -> dict[str, int]:
    """Write a content folder to `out` (replacing it) and return the counts written."""
    rng = random.Random(f"{seed}:{scale}:{skills_growth}:{paths_growth}:{phases_growth}")
    text = Text(rng)
    if out.exists():
        shutil.rmtree(out)
    (out / "papers").mkdir(parents=True)
    (out / "projects").mkdir()
    (out / "guides").mkdir()
    (out / "paths").mkdir()
    counts = {name: scaled(name, scale, skills_growth, paths_growth) for name in BASE}

    def write(rel: str, front: list[str], body: str) -> None:
        (out / rel).write_text("---\n" + "\n".join(front) + "\n---\n" + body, encoding="utf-8")

    # --- skills ---------------------------------------------------------
    skills = [f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i:03d}" for i in range(counts["skills"])]
    lines = ["# Synthetic skill vocabulary (bench/synth.py)."]
    for i, skill in enumerate(skills):
        lines += [
            f"{skill}:",
            f"  title: {q(text.title(2) + f' {i}')}",
            f"  description: {q(text.sentence(12, 24))}",
            f"  group: {q(GROUPS[i % len(GROUPS)])}",
        ]
        if i % 5 == 0:
            lines.append(f"  aliases: [{skill}-alt]")
    (out / "skills.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def some_skills(n: int) -> list[str]:
        picked = rng.sample(skills, min(n, len(skills)))
        return [f"{s}-alt" if skills.index(s) % 5 == 0 and rng.random() < 0.3 else s for s in picked]

    topics = [f"{rng.choice(WORDS)}-{i}" for i in range(counts["topics"])]
    # The topic vocabulary, named from the ids without drawing from rng, so that the
    # papers below are the same as before topics had a vocabulary.
    lines = ["# Synthetic topic vocabulary (bench/synth.py)."]
    for topic in topics:
        lines += [f"{topic}:", f"  title: {q(topic.replace('-', ' ').capitalize())}", f"  description: {q(f'Papers on {topic}.')}"]
    (out / "topics.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # --- papers: sorted by year, so builds_on (earlier papers only) is acyclic ----
    years = sorted(rng.randint(1997, 2025) for _ in range(counts["papers"]))
    papers: list[PaperRow] = []
    for i, year in enumerate(years):
        paper_id = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i:04d}"
        yy, mm = year % 100, rng.randint(1, 12)
        front = [f"title: {q(text.title(6) + f' {i}')}", f'checked: "{DATED}"', f'added: "{DATED}"', f"short_title: {q(text.title(1) + f'-{i}')}"]
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 6))]
        front += [f"authors: {ylist(q(a) for a in authors)}", f"year: {year}"]
        if i % 10 == 9:
            front.append(f"url: https://example.org/papers/{paper_id}.pdf")
        elif year < 2007:
            front.append(f'arxiv: "cs/{yy:02d}{mm:02d}{i % 1000:03d}"')
        else:
            front.append(f'arxiv: "{yy:02d}{mm:02d}.{10000 + i:05d}"')
        front.append(f"topics: {ylist(rng.sample(topics, min(len(topics), rng.randint(1, 4))))}")
        earlier = papers[:i]
        parents = rng.sample(earlier, min(len(earlier), rng.randint(0, 3)))
        if parents:
            front.append(f"builds_on: {ylist(p.id for p in parents)}")
        front.append(f"contribution: {q(text.sentence(14, 28))}")
        if i % 20 == 0:
            front.append(f"old_ids: [{paper_id}-old]")
        links = [(p.id, f"{p.id}.md") for p in parents]
        write(f"papers/{paper_id}.md", front, text.body(1700, links))
        papers.append(PaperRow(paper_id, year))

    # --- projects -------------------------------------------------------
    projects: list[str] = []
    least_weeks: dict[str, int] = {}  # for the phases' project budgets
    for i in range(counts["projects"]):
        project_id = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-project-{i:04d}"
        start = rng.randint(1, 4)
        front = [
            f"title: {q(text.title(3) + f' {i}')}",
            f'checked: "{DATED}"', f'added: "{DATED}"',
            f"description: {q(text.sentence(16, 30))}",
            f"difficulty: {DIFFICULTIES[i % 3]}",
            f"skills: {ylist(some_skills(rng.randint(2, 4)))}",
            f'weeks: "{start}-{start + rng.randint(0, 3)}"',
            "deliverables:",
            *(f"  - {q(text.sentence(12, 24))}" for _ in range(4)),
            "good_looks_like:",
            *(f"  - {q(text.sentence(10, 18))}" for _ in range(4)),
            f"papers: {ylist(p.id for p in rng.sample(papers, min(len(papers), rng.randint(0, 2))))}",
            "start_here:",
            *(f'  - {{title: {q(text.title(3))}, url: "https://example.org/start/{i}/{k}", kind: {kind}, note: {q(text.sentence(8, 14))}}}'
              for k, kind in enumerate(("data", "starter", "example"))),
        ]
        links = [(p, f"{p}.md") for p in projects[-2:]]
        write(f"projects/{project_id}.md", front, text.body(1000, links))
        projects.append(project_id)
        least_weeks[project_id] = start

    # --- paths and their phases -----------------------------------------
    path_ids = [f"{rng.choice(WORDS)}-path-{i:03d}" for i in range(counts["paths"])]
    phase_total = 0
    # Every paper is read, every project built and every skill taught somewhere (the
    # validator refuses what nothing uses): the last phase takes whatever is left.
    cited: set[str] = set()
    used: set[str] = set()
    taught: set[str] = set()
    for i, path_id in enumerate(path_ids):
        folder = out / "paths" / path_id
        folder.mkdir()
        nexts = [f"  - {{id: {path_ids[(i + 1) % len(path_ids)]}, why: {q(text.sentence(8, 14))}}}"] if len(path_ids) > 1 else []
        nexts.append(f"  - {{id: planned-{i:03d}, title: {q(text.title(2))}, planned: true, why: {q(text.sentence(8, 14))}}}")
        tools = [f"  - {{category: {q(text.title(2))}, tools: {ylist(q(t) for t in distinct(3, lambda: text.title(1)))}}}" for _ in range(6)]
        front = [
            f"title: {q(text.title(3) + f' {i}')}",
            f"description: {q(text.sentence(18, 30))}",
            f"levels: {ylist(rng.sample(LEVELS, 2))}",
            # Fixed lines, so that the random draws (and all that follows them) stay as they were.
            f"prerequisites: {ylist(q(f'What to know before path {i}, item {k}') for k in range(3))}",
            f"outcomes: {ylist(q(f'What path {i} teaches, item {k}') for k in range(4))}",
            "skills:",
            f"  must: {ylist(some_skills(8))}",
            f"  important: {ylist(some_skills(8))}",
            f"  nice: {ylist(some_skills(6))}",
            f"hours_per_week: {(hours := rng.choice((6, 8, 10, 15)))}",
            f"order: {i + 1}",
            "tools:",
            *tools,
            "next_paths:",
            *nexts,
        ]
        write(f"paths/{path_id}/index.md", front, text.body(3500))
        week = 1
        phases = max(1, round(rng.choice(PHASES_PER_PATH) * scale**phases_growth))
        for n in range(phases):
            length = rng.randint(2, 10)
            slug = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{n}"
            reading = rng.sample(papers, min(len(papers), rng.randint(3, 5)))
            own_projects = rng.sample(projects, min(len(projects), rng.randint(1, 3)))
            phase_skills = some_skills(rng.randint(4, 7))
            last = i == len(path_ids) - 1 and n == phases - 1
            if last:
                reading += [p for p in papers if p.id not in cited and p not in reading]
            # Required projects must fit the phase (see checks.check_project_budgets):
            # the first that fit are required, the rest optional, and a track's project
            # is one that fits beside them.
            budget = length * hours // PROJECT_WEEK_HOURS
            required: list[str] = []
            for project_id in own_projects:
                if sum(least_weeks[p] for p in required) + least_weeks[project_id] <= budget:
                    required.append(project_id)
            optional = [p for p in own_projects if p not in required]
            if last:
                optional += [p for p in projects if p not in used and p not in own_projects]
                phase_skills += [s for s in skills if s not in taught and s not in phase_skills]
            room = budget - sum(least_weeks[p] for p in required)
            # A track's items are its own: none of the phase's (see checks.check_tracks).
            fitting = [p for p in projects if least_weeks[p] <= room and p not in required]
            others = [p for p in papers if p not in reading]
            front = [
                f"title: {q(text.title(3))}",
                f'checked: "{DATED}"', f'added: "{DATED}"',
                f"order: {n}",
                f'weeks: "{week}-{week + length - 1}"',
                f"description: {q(text.sentence(18, 30))}",
                f"skills: {ylist(phase_skills)}",
                f"papers: {ylist(p.id for p in reading)}",
                f"projects: {ylist(required)}",
                f"optional_projects: {ylist(optional)}",
                f"milestone: {q(text.sentence(20, 34))}",
                "learn:",
                *(f"  - {q(text.sentence(10, 22))}" for _ in range(5)),
                "practice:",
                *(f"  - {{id: practice-{k}, text: {q(text.sentence(10, 22))}}}" for k in range(5)),
                "build:",
                *(f"  - {{id: build-{k}, text: {q(text.sentence(10, 22))}}}" for k in range(3)),
                "resources:",
                *(
                    f'  - {{title: {q(text.title(4))}, type: {rng.choice(RESOURCE_TYPES)}, url: "https://example.org/r/{path_id}/{n}/{k}",'
                    f" topic: {q(text.title(2))}, note: {q(text.sentence(6, 12))}}}"
                    for k in range(6)
                ),
                f"  - {{title: {q(text.title(4))}, type: paper, paper: {reading[0].id}, topic: {q(text.title(2))}}}",
            ]
            if n == 2:
                front.append("options:")
                for k in range(4):
                    front.append(
                        f"  - {{id: track-{k}, title: {q(text.title(2))}, summary: {q(text.sentence(10, 20))}, "
                        f"topics: {ylist(q(t) for t in distinct(3, lambda: text.title(1)))}, "
                        f"papers: {ylist(p.id for p in rng.sample(others, min(len(others), 2)))}, "
                        f"projects: {ylist([rng.choice(fitting)] if fitting else [])}, "
                        f"tasks: [{{id: track-{k}-task, text: {q(text.sentence(10, 22))}}}]}}"
                    )
            front.append("questions:")
            for k in range(4):
                front += [f"  - id: question-{k}", f"    question: {q(text.sentence(10, 18)[:-1] + '?')}", f"    answer: {q(text.paragraph(5))}"]
            links = [(p.id, f"../../papers/{p.id}.md") for p in reading] + [(p, f"../../projects/{p}.md") for p in own_projects]
            links.append(("a skill", f"../../skills/{skills[n % len(skills)]}.md"))
            write(f"paths/{path_id}/{n:02d}-{slug}.md", front, text.body(3000, links))
            cited.update(p.id for p in reading)
            used.update(own_projects)
            taught.update(s.removesuffix("-alt") for s in phase_skills)
            week += length
            phase_total += 1

    # --- guides and plain pages ---------------------------------------------
    for i in range(counts["guides"]):
        guide_id = f"{rng.choice(WORDS)}-guide-{i:03d}"
        front = [
            f"title: {q(text.title(4) + f' {i}')}",
            f'checked: "{DATED}"', f'added: "{DATED}"',
            f"description: {q(text.sentence(16, 28))}",
            f"skills: {ylist(some_skills(3))}",
            f"levels: {ylist(rng.sample(LEVELS, 2))}",
            f'links: ["https://example.org/guide/{i}", "../paths/{path_ids[i % len(path_ids)]}/index.md"]',
            f"order: {i + 1}",
        ]
        write(f"guides/{guide_id}.md", front, text.body(5500))
    write(
        "index.md",
        [f"title: {q('Synthetic Atlas')}", f"description: {q(text.sentence())}", "hide: [navigation, toc]"],
        text.body(1500, [("the first path", f"paths/{path_ids[0]}/index.md"), ("the model releases", "milestones.md")]),
    )
    milestones = [
        f'  - {{date: "20{10 + k % 15}-0{1 + k % 9}", title: {q(text.title(2))}, who: {q(text.title(1))}, note: {q(text.sentence())}}}'
        for k in range(12)
    ]
    write("milestones.md", [f"title: {q('Milestones')}", "milestones:", *milestones], text.body(1200))
    return dict(counts, phases=phase_total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skills-growth", type=float, default=0.5, help="the vocabulary grows as scale**this (default 0.5)")
    parser.add_argument("--paths-growth", type=float, default=0.6, help="paths grow as scale**this (default 0.6)")
    parser.add_argument("--phases-growth", type=float, default=0.25, help="phases per path grow as scale**this (default 0.25)")
    args = parser.parse_args()
    counts = generate(args.out, args.scale, args.seed, args.skills_growth, args.paths_growth, args.phases_growth)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
