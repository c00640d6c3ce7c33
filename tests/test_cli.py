"""`python -m curriculum`, run as a contributor runs it: new files that validate, clear refusals, validator output.

The commands run in this process (`main`, with the working directory, output and
exit status of a real run); one test runs `python -m curriculum` itself.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from curriculum import load
from curriculum.cli.commands import main
from curriculum.read.field_types import arxiv_year


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def cli(workdir: Path, *args: str) -> Run:
    """The command line in `workdir`, so that files show as content/... in messages."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse refusing the arguments
            code = stop.code
    return Run(code, out.getvalue(), err.getvalue())


def test_python_m_curriculum_is_the_command(mini: Path) -> None:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run([sys.executable, "-m", "curriculum", "validate", "content"],
                         capture_output=True, text=True, cwd=mini.parent, env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("content is valid: 1 paths")


def line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(prefix))


# --- new paper ----------------------------------------------------------------


def preview(content: Path):
    """The curriculum as `mkdocs serve` loads it: placeholders and uncited pages let through."""
    return load(content, preview=True)


def test_new_paper_from_an_arxiv_id_loads_and_says_what_to_fill_in(mini: Path) -> None:
    result = cli(mini.parent, "new", "paper", "--arxiv", "2005.14165", "--title", "Language Models are Few-Shot Learners", "--topics", "transformers,pre-training")
    assert result.returncode == 0, result.stderr
    path = mini / "papers" / "language-models-are-few-shot-learners.md"
    assert f"created content/papers/{path.name}" in result.stdout
    for todo in ("authors", "contribution"):
        assert re.search(rf"^\s+- {todo}\b", result.stdout, re.MULTILINE), f"{todo} missing from the to-do list:\n{result.stdout}"
    assert "- title" not in result.stdout and "- topics" not in result.stdout  # given, so nothing to fill in
    assert "cite it: add 'language-models-are-few-shot-learners' to papers:" in result.stdout
    assert "check it: make validate (or .venv/bin/python -m curriculum validate content --strict, as CI does)" in result.stdout

    paper = preview(mini).papers["language-models-are-few-shot-learners"]
    assert paper.meta.year == 2020 == arxiv_year("2005.14165")
    assert paper.meta.arxiv == "2005.14165"  # quoted in the file: YAML would read it as a number
    assert paper.meta.title == "Language Models are Few-Shot Learners"
    assert paper.meta.authors[0].startswith("TODO")
    assert "## The key idea" in paper.source.body
    assert [topic.id for topic in paper.topics] == ["transformers", "pretraining"]  # the alias resolved


def test_new_paper_with_only_an_arxiv_id_gets_a_stand_in_id(mini: Path) -> None:
    result = cli(mini.parent, "new", "paper", "--arxiv", "1512.03385", "--topics", "transformers")
    assert result.returncode == 0, result.stderr
    assert "rename the file" in result.stdout
    paper = preview(mini).papers["arxiv-1512-03385"]
    assert paper.meta.year == 2015 and paper.meta.title.startswith("TODO")


def test_new_paper_without_arxiv_needs_url_and_year(mini: Path) -> None:
    refused = cli(mini.parent, "new", "paper", "--id", "lenet")
    assert refused.returncode == 1
    assert "--arxiv" in refused.stderr and "--url" in refused.stderr and "--year" in refused.stderr
    result = cli(mini.parent, "new", "paper", "--id", "lenet", "--url", "https://example.org/lenet.pdf", "--year", "1998", "--topics", "transformers")
    assert result.returncode == 0, result.stderr
    paper = preview(mini).papers["lenet"]
    assert paper.meta.year == 1998 and paper.meta.url == "https://example.org/lenet.pdf" and paper.meta.arxiv is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--arxiv", "2005.14165", "--id", "GPT_3"], ["'GPT_3' is not a valid id", "try 'gpt-3'"]),
        (["--arxiv", "2005.14165v4", "--id", "gpt-3"], ["version suffix"]),
        (["--arxiv", "2013.14165", "--id", "gpt-3"], ["month '13'"]),
        (["--arxiv", "2005.14165", "--id", "gpt-3", "--year", "2019"], ["disagrees", "2020"]),
        (["--arxiv", "1706.03762", "--id", "attention"], ["already the paper", "transformer.md"]),
        (["--arxiv", "2005.14165", "--id", "transformer"], ["already exists", "never overwritten"]),
        (["--id", "old", "--url", "javascript:alert(1)", "--year", "2001"], ["scheme 'javascript:'"]),
        (["--arxiv", "2005.14165", "--id", "gpt-3"], ["give at least one topic with --topics", "topics.yml", "alignment, pretraining, transformers"]),
        (["--arxiv", "2005.14165", "--id", "gpt-3", "--topics", "transfomers"], ["unknown topic 'transfomers'", "Did you mean 'transformers'?"]),
    ],
    ids=["bad-id", "arxiv-version", "arxiv-month", "year-disagrees", "duplicate-arxiv", "overwrite", "bad-url", "no-topic", "unknown-topic"],
)
def test_new_paper_refuses_with_a_clear_message(mini: Path, args: list[str], words: list[str]) -> None:
    before = sorted(p.name for p in (mini / "papers").iterdir())
    original = (mini / "papers" / "transformer.md").read_bytes()
    result = cli(mini.parent, "new", "paper", *args)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert sorted(p.name for p in (mini / "papers").iterdir()) == before
    assert (mini / "papers" / "transformer.md").read_bytes() == original


def test_an_old_id_is_not_free(mini: Path) -> None:
    bert = mini / "papers" / "bert-like.md"
    bert.write_text(bert.read_text(encoding="utf-8").replace("topics:", "old_ids: [bert]\ntopics:", 1), encoding="utf-8")
    result = cli(mini.parent, "new", "paper", "--arxiv", "2005.14165", "--id", "bert")
    assert result.returncode == 1 and "old id" in result.stderr and "bert-like.md" in result.stderr


# --- new project and phase ---------------------------------------------------------


def test_new_project_loads(mini: Path) -> None:
    result = cli(mini.parent, "new", "project", "rag-bot", "--difficulty", "intermediate", "--skills", "pytorch,math", "--weeks", "2-3")
    assert result.returncode == 0, result.stderr
    project = preview(mini).projects["rag-bot"]
    assert project.meta.difficulty == "intermediate"
    assert [s.id for s in project.skills] == ["pytorch", "mathematics"]  # the alias resolved
    assert str(project.meta.weeks) == "2–3"
    assert "deliverables" in result.stdout
    assert "start_here" in result.stdout and project.meta.start_here[0].url.startswith("https://")  # a placeholder to replace


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["rag-bot", "--difficulty", "hard", "--skills", "pytorch"], 2, ["invalid choice: 'hard'", "intermediate"]),
        (["rag-bot", "--difficulty", "beginner", "--skills", "pytorh"], 1, ["unknown skill 'pytorh'", "Did you mean 'pytorch'?"]),
        (["rag-bot", "--difficulty", "beginner"], 1, ["--skills", "mathematics, paper-reading, pytorch"]),
        (["Rag Bot", "--difficulty", "beginner", "--skills", "pytorch"], 1, ["not a valid id", "try 'rag-bot'"]),
        (["toy-project", "--difficulty", "beginner", "--skills", "pytorch"], 1, ["already exists"]),
        (["rag-bot", "--difficulty", "beginner", "--skills", "pytorch", "--weeks", "3-1"], 1, ["reversed"]),
    ],
    ids=["difficulty", "unknown-skill", "no-skill", "bad-id", "overwrite", "weeks"],
)
def test_new_project_refuses(mini: Path, args: list[str], code: int, words: list[str]) -> None:
    result = cli(mini.parent, "new", "project", *args)
    assert result.returncode == code
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert not (mini / "projects" / "rag-bot.md").exists()


def test_new_phase_takes_the_next_number_order_and_weeks(mini: Path) -> None:
    result = cli(mini.parent, "new", "phase", "demo-path", "evaluation", "--weeks", "11-14", "--skills", "research", "--title", "Evaluation")
    assert result.returncode == 0, result.stderr
    assert "created content/paths/demo-path/03-evaluation.md" in result.stdout
    curriculum = preview(mini)
    path = curriculum.paths["demo-path"]
    assert [p.slug for p in path.phases] == ["basics", "advanced", "evaluation"]
    phase = path.phases[-1]
    assert phase.meta.order == 3 and (phase.weeks.start, phase.weeks.end) == (11, 14)
    assert phase.title == "Evaluation"
    if path.meta.weeks is not None:  # a path that states its length grows with the new phase
        assert path.meta.weeks == 14 and "went from" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["demo-path", "evaluation", "--weeks", "12-14", "--skills", "research"], ["ends at week 10", "--weeks 11-13"]),
        (["demo-path", "evaluation", "--weeks", "5-14", "--skills", "research"], ["starts at week 11", "--weeks 11-20"]),
        (["demo-pth", "evaluation", "--weeks", "11-14", "--skills", "research"], ["no path 'demo-pth'", "Did you mean 'demo-path'?"]),
        (["demo-path", "advanced", "--weeks", "11-14", "--skills", "research"], ["already has a phase 'advanced'"]),
        (["demo-path", "Eval", "--weeks", "11-14", "--skills", "research"], ["not a valid id"]),
        (["demo-path", "evaluation", "--weeks", "eleven", "--skills", "research"], ["not a week range"]),
    ],
    ids=["gap", "overlap", "unknown-path", "duplicate-slug", "bad-slug", "bad-weeks"],
)
def test_new_phase_refuses(mini: Path, args: list[str], words: list[str]) -> None:
    before = sorted(p.name for p in (mini / "paths" / "demo-path").iterdir())
    result = cli(mini.parent, "new", "phase", *args)
    assert result.returncode == 1
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert sorted(p.name for p in (mini / "paths" / "demo-path").iterdir()) == before


# --- validate ---------------------------------------------------------------------


def test_validate_lists_the_placeholders_of_a_scaffolded_file_then_passes_and_points_at_the_line_once_it_breaks(mini: Path) -> None:
    created = cli(mini.parent, "new", "paper", "--arxiv", "2005.14165", "--id", "gpt-3", "--topics", "pretraining")
    assert created.returncode == 0
    paper = mini / "papers" / "gpt-3.md"
    draft = cli(mini.parent, "validate", "content")
    assert draft.returncode == 1
    for field in ("title", "authors[0]", "authors[1]", "contribution", "body"):
        assert f": {field}: " in draft.stdout, f"{field} is not listed:\n{draft.stdout}"
    assert "no phase reads this paper" in draft.stdout
    # Each placeholder the scaffolder listed is one the validator refuses, on the same line.
    for item in re.findall(r"^  - (\S+), line (\d+): ", created.stdout, re.MULTILINE):
        assert f"content/papers/gpt-3.md:{item[1]}: {item[0]}: " in draft.stdout, item

    paper.write_text(
        "---\ntitle: Language Models are Few-Shot Learners\nshort_title: GPT-3\nauthors: [Tom B. Brown, Benjamin Mann]\net_al: true\n"
        'year: 2020\narxiv: "2005.14165"\ntopics: [pretraining]\nbuilds_on: [gpt-like]\ncontribution: Scale makes few-shot prompting work.\n'
        "---\nOur reading note.\n", encoding="utf-8")
    phase = mini / "paths/demo-path/02-advanced.md"
    phase.write_text(phase.read_text(encoding="utf-8").replace("papers: [bert-like, transformer]", "papers: [bert-like, transformer, gpt-3]"), encoding="utf-8")
    good = cli(mini.parent, "validate", "content")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "content is valid: 1 paths, 2 phases, 4 papers" in good.stdout

    paper.write_text(paper.read_text(encoding="utf-8").replace("year: 2020", "year: 2019"), encoding="utf-8")
    line = line_of(paper, "year:")
    broken = cli(mini.parent, "validate", "content")
    assert broken.returncode == 1
    assert f"content/papers/gpt-3.md:{line}: year: 2019 disagrees with arXiv id 2005.14165" in broken.stdout
    assert broken.stdout.splitlines()[-1] == "1 problem found." and broken.stderr == ""  # one stream: the count comes last

    github = cli(mini.parent, "validate", "content", "--format", "github")
    assert github.returncode == 1
    assert github.stdout.startswith(f"::error file=content/papers/gpt-3.md,line={line},title=year::2019 disagrees with arXiv id 2005.14165")


def test_validate_reports_every_problem_of_a_run(mini: Path) -> None:
    for rel, old, new in (
        ("papers/transformer.md", "year: 2017", "year: 2016"),
        ("projects/toy-project.md", "difficulty: beginner", "difficulty: easy"),
    ):
        path = mini / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = cli(mini.parent, "validate", "content", "--format", "github")
    assert result.returncode == 1
    *lines, count = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("::error file=content/") for line in lines)
    assert any("projects/toy-project.md" in line and "title=difficulty" in line and "'easy' is not allowed" in line for line in lines)
    assert count == "2 problems found."


# --- validate in CI: annotations, the pull request's files first, the job summary ------------------


def break_papers(content: Path, count: int) -> list[str]:
    """`count` new papers, read in a phase, each with a year its arXiv id contradicts; their files, as shown."""
    paper = (content / "papers" / "transformer.md").read_text(encoding="utf-8").replace("year: 2017", "year: 2016")
    names = [f"wrong-year-{n:02d}" for n in range(count)]
    for n, name in enumerate(names):
        text = paper.replace("title: Attention Is All You Need", f"title: Wrong year {name}").replace('"1706.03762"', f'"1706.{10000 + n}"')
        (content / "papers" / f"{name}.md").write_text(text, encoding="utf-8")
    phase = content / "paths" / "demo-path" / "01-basics.md"
    phase.write_text(phase.read_text(encoding="utf-8").replace("papers: [transformer]", f"papers: [transformer, {', '.join(names)}]"), encoding="utf-8")
    return [f"content/papers/{name}.md" for name in names]


def test_github_format_annotates_ten_then_says_how_many_more(mini: Path, tmp_path: Path) -> None:
    files = break_papers(mini, 11)
    summary = tmp_path / "summary.md"
    result = cli(mini.parent, "validate", "content", "--format", "github", "--summary", str(summary))
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split(",")[0] for line in lines[:10]] == [f"::error file={file}" for file in files[:10]]
    assert lines[10].startswith(f"{files[10]}:6: year: 2016 disagrees")  # in the log, not annotated
    assert lines[11] == "::notice::1 more problem than GitHub annotates; see the job summary"
    assert lines[12:] == ["11 problems found."]
    table = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert table[0] == "| File | Line | Field | Problem |" and len(table) == 2 + 11
    assert all(row.startswith(f"| {file} | 6 | year | 2016 disagrees") for row, file in zip(table[2:], files, strict=True))


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=folder, check=True, capture_output=True)


def test_github_format_annotates_the_changed_files_first(mini: Path) -> None:
    files = break_papers(mini, 12)  # already broken on the base branch: 12 annotations' worth
    git(mini.parent, "init", "-q")
    git(mini.parent, "add", ".")
    git(mini.parent, "commit", "-q", "-m", "base")
    paper = mini / "papers" / "transformer.md"  # the pull request's own mistake
    paper.write_text(paper.read_text(encoding="utf-8").replace("year: 2017", "year: 2015"), encoding="utf-8")
    result = cli(mini.parent, "validate", "content", "--format", "github", "--base", "HEAD")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=content/papers/transformer.md,line=6,title=year::2015 disagrees")
    assert [line.split(",")[0] for line in lines[1:10]] == [f"::error file={file}" for file in files[:9]]
    assert lines[-2] == "::notice::3 more problems than GitHub annotates; they are listed above"
    assert lines[-1] == "13 problems found."


@pytest.mark.parametrize("base", ["no-such-branch", "HEAD"])
def test_github_format_without_a_base_to_compare_with_still_annotates(mini: Path, base: str) -> None:
    """No git repository here, or a base branch the checkout did not fetch: said once, then the usual order."""
    break_papers(mini, 1)
    result = cli(mini.parent, "validate", "content", "--format", "github", "--base", base)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    notice, annotation, count = result.stdout.splitlines()
    assert notice.startswith(f"::notice::cannot tell which files changed since {base} (") and notice.endswith("annotating in the validator's order")
    assert annotation.startswith("::error file=content/papers/wrong-year-00.md,line=6") and count == "1 problem found."


def test_the_summary_escapes_what_it_quotes(mini: Path, tmp_path: Path) -> None:
    project = mini / "projects" / "toy-project.md"
    project.write_text(project.read_text(encoding="utf-8").replace("skills: [pytorch]", 'skills: ["<b>|x</b>"]'), encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert cli(mini.parent, "validate", "content", "--summary", str(summary)).returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert "<b>" not in text
    rows = [line for line in text.splitlines() if line.startswith("| content/")]
    assert rows and all(len(re.split(r"(?<!\\)\|", row)) == 6 for row in rows), rows  # four cells: no '|' of a message splits one


def test_the_summary_says_when_the_content_is_valid(mini: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("### An earlier step\n", encoding="utf-8")
    assert cli(mini.parent, "validate", "content", "--summary", str(summary)).returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### An earlier step\n") and "### Content check: valid" in text and "content is valid: 1 paths" in text


# --- generated files kept in the repository ------------------------------------------


def test_reference_command_prints_writes_and_checks(tmp_path: Path) -> None:
    from curriculum.exports import reference

    printed = cli(tmp_path, "reference")
    assert printed.returncode == 0 and printed.stdout == reference.markdown()

    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(f"# Guide\n\n{reference.START}\nold table\n{reference.END}\n\nAfter.\n", encoding="utf-8")
    stale = cli(tmp_path, "reference", "--check", "--file", str(copy))
    assert stale.returncode == 1 and "reference --write" in stale.stderr
    assert cli(tmp_path, "reference", "--write", "--file", str(copy)).returncode == 0
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# Guide\n") and text.endswith(f"{reference.END}\n\nAfter.\n") and "old table" not in text
    assert cli(tmp_path, "reference", "--check", "--file", str(copy)).returncode == 0


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    from curriculum.exports import export

    folder = tmp_path / "schemas"
    missing = cli(tmp_path, "schema", "--check", "--dir", str(folder))
    assert missing.returncode == 1 and "schema --write" in missing.stderr
    assert cli(tmp_path, "schema", "--write", "--dir", str(folder)).returncode == 0
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == export.json_schemas()
    assert cli(tmp_path, "schema", "--check", "--dir", str(folder)).returncode == 0
    (folder / "paper.schema.json").write_text("{}\n", encoding="utf-8")
    (folder / "gone.schema.json").write_text("{}\n", encoding="utf-8")
    stale = cli(tmp_path, "schema", "--check", "--dir", str(folder))
    assert stale.returncode == 1
    assert "paper.schema.json differs" in stale.stderr and "gone.schema.json belongs to no kind" in stale.stderr


# --- smaller promises of the command line -------------------------------------------------------


def test_a_title_with_a_colon_is_named_by_its_part_before_the_colon(mini: Path) -> None:
    result = cli(mini.parent, "new", "paper", "--arxiv", "2312.00752", "--topics", "pretraining",
                 "--title", "Mamba: Linear-Time Sequence Modeling with Selective State Spaces")
    assert result.returncode == 0, result.stderr
    assert "created content/papers/mamba.md" in result.stdout


def test_new_phase_keeps_a_crlf_path_file_crlf(mini: Path) -> None:
    index = mini / "paths/demo-path/index.md"
    index.write_bytes(index.read_bytes().replace(b"\n", b"\r\n"))
    result = cli(mini.parent, "new", "phase", "demo-path", "evaluation", "--weeks", "11-14", "--skills", "research")
    assert result.returncode == 0, result.stderr
    raw = index.read_bytes()
    assert b"weeks: 14\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")


def test_the_summary_comes_after_the_problems_in_a_log_that_holds_both(mini: Path) -> None:
    for rel in ("papers/transformer.md", "papers/bert-like.md"):
        path = mini / rel
        path.write_text(path.read_text(encoding="utf-8").replace("year: 201", "year: 199"), encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run([sys.executable, "-m", "curriculum", "validate", "content"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, cwd=mini.parent, env=env, timeout=120, check=False)
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and lines[-1] == f"{len(lines) - 1} problems found.", run.stdout
