"""Property-based tests: random and adversarial content never crashes, hangs or injects.

- Whatever bytes a content file holds, reading it gives a Source and problems,
  never an exception; whatever one file of a valid curriculum is replaced by,
  `load` returns the curriculum or raises ContentError, nothing else.
- Any front-matter value rendered with `escape_md` reads as itself in the page;
  Markdown prose the loader accepts never becomes raw HTML or a script link.

Hypothesis has a generous deadline per example (a hang or an exponential
regular expression fails it) and keeps no database in the repository.
"""

from __future__ import annotations

import html
import re
import shutil
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum import ContentError, load
from curriculum.problems import Problem, Problems
from curriculum.read.entities import Curriculum
from curriculum.read.source import Source, parse_yaml, read_markdown
from curriculum.rules.content_policy import body_problems, link_problem
from curriculum.rules.escape import escape_md, markdown_text
from sitebuild import FIXTURES, ROOT

SETTINGS = {"deadline": timedelta(seconds=10), "database": None, "suppress_health_check": [HealthCheck.too_slow]}

FIELDS = [
    "title", "description", "authors", "et_al", "year", "arxiv", "url", "venue", "topics", "builds_on", "contribution",
    "short_title", "order", "weeks", "skills", "papers", "projects", "milestone", "learn", "practice", "build",
    "resources", "options", "questions", "levels", "next_paths", "tools", "old_ids", "difficulty", "deliverables",
    "good_looks_like", "links", "hide", "milestones", "hours_per_week", "must", "important", "nice", "id", "planned",
    "type", "paper", "note", "question", "answer", "category", "date", "aliases", "group",
]
ADVERSARIAL = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))", "&#106;avascript:x",
    "javascript:alert(1)", "data:text/html,x", "//evil.example", "{{ 7*7 }}", "{% raw %}", "${x}", "---", "...",
    "&amp;", "\\", "|", "*", "_", "`", "~~", "^", "==", "#", "\x00", "\x02wzxhzdk:0\x03", "\r", "\u2028", "\ufeff",
    "1706.03762", "2017", "1-2", "3-10", "0", "-1", "1e400", "transformer", "bert-like", "mathematics", "math",
    "demo-path", "toy-project", "beginner", "mid", "article", "https://example.org", "../papers/bert-like.md",
    "a" * 300, "é" * 20, "🙂", "null", "~", "yes", "no", "on", ".inf", ".nan", "0x1F", "0o17",
]
MINI_FILES = [
    "papers/transformer.md", "papers/bert-like.md", "paths/demo-path/index.md", "paths/demo-path/01-basics.md",
    "paths/demo-path/02-advanced.md", "projects/toy-project.md", "guides/seed-guide.md", "index.md",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**6), max_value=10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(ADVERSARIAL),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
YAML_ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\n\t ") + ["a", "b", "title", "0", "1", "\x00", "\ufeff", "é", "---", "\\", "<<"])
yaml_texts = st.lists(YAML_ALPHABET, max_size=60).map("".join)
BODY_BITS = st.sampled_from([
    "text ", "\n", "\n\n", "```\n", "~~~\n", "`", "<", ">", "[a](", ")", "](", "<a href=", "\"", "'", "javascript:", "java\tscript:",
    "&#106;", "https://x.org", "<img ", "onerror=", "<script>", "<div markdown>", "</div>", "<!--", "-->", "    ", "> ", "# ", "|",
])
bodies = st.lists(BODY_BITS | st.text(max_size=12), max_size=30).map("".join)


def dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "title: x\n"


documents = st.one_of(
    # Random mappings of field names to random values, written as valid YAML.
    st.builds(lambda fm, body: f"---\n{dump(fm)}---\n{body}", st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), bodies),
    # Random text that looks like YAML, between the fences.
    st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", yaml_texts, bodies),
    # Anything at all.
    st.text(max_size=300),
)


def check_problems(problems) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file and problem.message.strip()
        assert problem.line is None or problem.line >= 1


@settings(max_examples=300, **SETTINGS)
@given(raw=st.one_of(st.binary(max_size=400), documents.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_reading_any_bytes_gives_a_source_or_problems(raw: bytes) -> None:
    problems = Problems()
    source = read_markdown("papers/x.md", "content/papers/x.md", raw, problems, require_front_matter=True)
    assert isinstance(source, Source)
    assert isinstance(source.meta, dict)
    assert source.ok or problems
    check_problems(problems.items)


@settings(max_examples=300, **SETTINGS)
@given(text=yaml_texts)
def test_any_yaml_text_is_read_or_reported(text: str) -> None:
    problems = Problems()
    source = Source(rel="skills.yml", display="content/skills.yml")
    parse_yaml(text, source, problems)
    check_problems(problems.items)


@pytest.fixture(scope="module")
def curriculum_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("properties") / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def near_valid(draw_file: str, key: str, value) -> str:
    """A valid fixture file with one field set to another value."""
    text = (FIXTURES / "mini" / draw_file).read_text(encoding="utf-8")
    _, fm, body = text.split("---\n", 2)
    data = yaml.safe_load(fm)
    data[key] = value
    return f"---\n{dump(data)}---\n{body}"


def load_with(content: Path, rel: str, text: str) -> None:
    path = content / rel
    original = path.read_bytes()
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        try:
            assert isinstance(load(content), Curriculum)
        except ContentError as error:
            assert error.problems
            check_problems(error.problems)
    finally:
        path.write_bytes(original)


@settings(max_examples=150, **SETTINGS)
@given(rel=st.sampled_from(MINI_FILES), text=documents)
def test_load_accepts_or_refuses_any_file(curriculum_copy: Path, rel: str, text: str) -> None:
    load_with(curriculum_copy, rel, text)


@settings(max_examples=200, **SETTINGS)
@given(rel=st.sampled_from(MINI_FILES), key=st.sampled_from(FIELDS), value=values)
def test_load_accepts_or_refuses_one_changed_field(curriculum_copy: Path, rel: str, key: str, value) -> None:
    load_with(curriculum_copy, rel, near_valid(rel, key, value))


@settings(max_examples=60, **SETTINGS)
@given(skills=st.dictionaries(st.sampled_from(["mathematics", "pytorch", "research-methodology", "paper-reading", "career", "implementation", "Bad Id", "x"]),
                              values, max_size=8))
def test_load_accepts_or_refuses_any_skill_vocabulary(curriculum_copy: Path, skills) -> None:
    load_with(curriculum_copy, "skills.yml", dump(skills))


@settings(max_examples=300, **SETTINGS)
@given(body=bodies)
def test_body_checks_never_fail_and_point_inside_the_body(body: str) -> None:
    found = body_problems(body)
    lines = body.count("\n") + 1
    for line, message in found:
        assert 0 <= line < lines and message


# --- rendering ------------------------------------------------------------------


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions (mkdocs.yml), as MkDocs runs it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names + ["tables"], extension_configs=configs)


MD = site_markdown()


class Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def render(source: str) -> Rendered:
    parsed = Rendered()
    parsed.feed(MD.reset().convert(source))
    return parsed


def normal(text: str) -> str:
    return " ".join(text.split())


# Any text a title could hold: every Markdown and HTML sign, line breaks, control characters.
titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("\\`*_[]{}()#+-.!|~^=<>&\"':;/@%$ \n\t\r\x02\x03")),
    max_size=60,
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@settings(max_examples=400, **SETTINGS)
@given(title=titles)
def test_escaped_values_read_as_themselves(title: str) -> None:
    """In a paragraph and in a table cell, an escaped value shows exactly its text."""
    escaped = escape_md(title)
    for source, wrap in ((f"A {escaped} Z", "p"), (f"| h |\n|---|\n| A {escaped} Z |", "td")):
        parsed = render(source)
        assert {tag for tag, _ in parsed.tags} <= {"p", "table", "thead", "tbody", "tr", "th", "td"}, (title, parsed.tags)
        shown = normal("".join(parsed.text))
        expected = normal(f"A {CONTROL.sub('', title)} Z")  # control characters show nothing
        if wrap == "td":
            shown = shown.removeprefix("h ").strip()
        assert shown == expected, (title, escaped)


ALLOWED_PROSE_TAGS = {"p", "em", "strong", "code", "a", "br", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
                      "hr", "dl", "dt", "dd", "img", "sup", "div", "table", "thead", "tbody", "tr", "th", "td", "abbr", "span", "details", "summary"}


@settings(max_examples=400, **SETTINGS)
@given(prose=st.lists(BODY_BITS | titles, max_size=20).map("".join))
def test_accepted_markdown_prose_never_becomes_html_or_a_script_link(prose: str) -> None:
    """A front-matter prose value (`|md`) the loader accepts renders with no raw HTML and safe links only."""
    targets = re.findall(r"\]\(\s*<?((?:[^)\s>]|[\t\r\n])+)", prose) + re.findall(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", prose, re.MULTILINE)
    if any(link_problem(t) for t in targets):
        return  # the loader refuses it (tests/test_hostile.py)
    parsed = render(str(markdown_text(prose)))
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_PROSE_TAGS, (prose, tag)
        assert not any(name.startswith("on") for name in attrs), (prose, tag, attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(attrs[name])).lower()
                assert not re.match(r"(javascript|vbscript|data|file):", cleaned), (prose, attrs)
