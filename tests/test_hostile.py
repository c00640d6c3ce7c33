"""Hostile and broken content: refused with a clear message, or shown as harmless text.

- YAML bombs, deep nesting, huge values, binary junk and YAML tags are refused
  quickly, before YAML builds anything from them, with the file and line;
- raw HTML that runs code is refused in page bodies (see hooks/curriculum/content_policy.py
  for the policy), and link schemes other than https/http in every spelling;
- every front-matter value is escaped wherever it is rendered: a fixture whose
  titles, descriptions, authors, milestones and questions are HTML and script
  builds, shows those values as text on every page, in the navigation, the
  <title>, the search index and the JSON export, and no script of theirs runs in
  Chromium;
- external links carry rel="noopener".
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from curriculum import ContentError, load
from curriculum.content_policy import body_problems
from curriculum.finish import add_noopener, finish_page, make_inert
from sitebuild import FIXTURES, ROOT, build_site, failed_build

PAPER = "papers/transformer.md"


def replace_front_matter(content: Path, rel: str, **changes) -> None:
    path = content / rel
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(fm)
    data.update(changes)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(content)
    return [str(p) for p in caught.value.problems]


# --- hostile files -------------------------------------------------------------

LAUGHS = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n" for i in range(1, 10))
BOMB = "---\ntitle: x\nl0: &l0 lol\n" + LAUGHS + "---\nbody\n"

HOSTILE_FILES = [
    ("billion-laughs", BOMB, 3, "anchors and aliases"),
    ("merge-key", "---\nbase: &b {title: x}\n<<: *b\n---\nbody\n", 2, "anchors and aliases"),
    ("deep-flow", "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\n", 2, "nested more than"),
    ("deep-block", "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + "---\n", 34, "nested more than"),
    ("five-mb-title", "---\ntitle: " + "x" * 5_000_000 + "\n---\n", None, "at most"),
    ("big-front-matter", "---\ntitle: " + "x" * 300_000 + "\n---\n", 1, "KiB"),
    ("binary-junk", bytes(range(256)) * 4, None, "not valid UTF-8"),
    ("nul-byte", "---\ntitle: a\x00b\n---\n", 2, "cannot be read"),
    ("huge-integer", "---\ntitle: x\nyear: " + "9" * 5000 + "\n---\n", 3, "too many digits"),
    ("python-tag", "---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n", 2, "tags such as '!!python/object/apply:os.system'"),
    ("binary-tag", "---\ntitle: !!binary aGVsbG8=\n---\n", 2, "tags such as '!!binary'"),
    ("set-tag", "---\ntopics: !!set {a, b}\n---\n", 2, "tags such as '!!set'"),
    ("unclosed", "---\ntitle: [x\n", None, "not closed"),
    ("only-dashes", "---\n---\n", 1, "required"),
    ("list-not-mapping", "---\n- a\n- b\n---\n", 2, "must be a mapping"),
]


@pytest.mark.parametrize("name, text, line, words", HOSTILE_FILES, ids=[c[0] for c in HOSTILE_FILES])
def test_hostile_file_is_refused_with_file_and_line(mini: Path, name: str, text, line: int | None, words: str) -> None:
    (mini / PAPER).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = [p for p in problems_of(mini) if "transformer.md" in p]
    assert problems, "the broken file is not named"
    assert any(words in p for p in problems), problems
    if line is not None:
        assert any(f"transformer.md:{line}:" in p for p in problems if words in p), problems


def test_yaml_bomb_in_the_skill_vocabulary_is_refused(mini: Path) -> None:
    (mini / "skills.yml").write_text("l0: &l0 lol\n" + LAUGHS, encoding="utf-8")
    problems = problems_of(mini)
    assert any("skills.yml:1:" in p and "anchors and aliases" in p for p in problems), problems


def test_yaml_bomb_stops_the_build_with_its_file_and_line(mini: Path, tmp_path: Path) -> None:
    (mini / PAPER).write_text(BOMB, encoding="utf-8")
    assert "transformer.md:3: YAML anchors and aliases" in failed_build(mini, tmp_path)


# Bodies shaped to make a naive scanner quadratic (Python's HTML parser is, on
# unclosed tags; a regular expression that can run past the next '<' is too).
PATHOLOGICAL = {
    "papers/transformer.md": "<a " * 450_000,
    "papers/bert-like.md": "<a:" * 450_000,
    "papers/gpt-like.md": '<a "' * 350_000,
    "projects/toy-project.md": "<a href=x " * 140_000,
    "guides/seed-guide.md": "`a``" * 350_000,
    "paths/demo-path/01-basics.md": "[a](" * 350_000,
    "paths/demo-path/02-advanced.md": "<a " + "onx=1 " * 230_000 + ">",
    "index.md": "```\n" * 350_000,
}


def test_pathological_bodies_are_read_in_linear_time(mini: Path) -> None:
    """Each body is up to the 2 MiB limit. A scan that is quadratic on one of them
    takes hours; the subprocess's time limit turns that hang into a failure."""
    for rel, body in PATHOLOGICAL.items():
        path = mini / rel
        front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    code = "import sys; from curriculum import load, ContentError\ntry:\n    load(sys.argv[1])\nexcept ContentError as e:\n    print(e)\n"
    try:
        result = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("loading pathological bodies did not finish: a check takes more than linear time")
    assert result.returncode == 0, result.stderr[-2000:]


# --- raw HTML and links in bodies ------------------------------------------------------------------------

REFUSED_BODIES = [
    ("<script>alert(1)</script>", "<script>"),
    ("<ScRiPt src=x.js></ScRiPt>", "<script>"),
    ("<script\n>alert(1)</script>", "<script>"),
    ('<iframe src="https://example.org"></iframe>', "<iframe>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ("<style>body { display: none }</style>", "<style>"),
    ('<form action="https://example.org"><input name=q></form>', "<form>"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example">', "<meta>"),
    ("<img src=x onerror=alert(1)>", "'onerror='"),
    ("<IMG SRC=x ONERROR=alert(1)>", "'onerror='"),
    ("<img/onerror=alert(1)/src=x>", "'onerror='"),
    ('<div\n  onmouseover="alert(1)">text</div>', "'onmouseover='"),
    ('<a href="#" onclick="alert(1)">x</a>', "'onclick='"),
    ("[x](javascript:alert(1))", "'javascript:'"),
    ("[x](JaVaScRiPt:alert(1))", "'JaVaScRiPt:'"),
    ("[x]( javascript:alert(1))", "'javascript:'"),
    ("[x](java\tscript:alert(1))", "'javascript:'"),
    ("[x](java\nscript:alert(1))", "'javascript:'"),
    ("[x](&#106;avascript:alert(1))", "'javascript:'"),
    ("[x](&#x6A;avascript:alert(1))", "'javascript:'"),
    ("[x](&#0000106avascript:alert(1))", "'javascript:'"),
    ("[x](javascript&colon;alert(1))", "'javascript:'"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "'javascript:'"),
    ('<a href="java&Tab;script:alert(1)">x</a>', "'javascript:'"),
    ("<a href=javascript:alert(1)>x</a>", "'javascript:'"),
    ("<javascript:alert(1)>", "'javascript:'"),
    ("[ref]: javascript:alert(1)\n\nSee [it][ref].", "'javascript:'"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "'data:'"),
    ("![x](data:image/svg+xml,<svg onload=alert(1)>)", "'data:'"),
    ("[x](vbscript:msgbox(1))", "'vbscript:'"),
    ("[x](//evil.example/)", "protocol-relative"),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x" alt="">', "'javascript:'"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "'javascript:'"),
    ("Paste javascript:alert(1) into the address bar.", "'javascript:' may not appear"),
    # Attributes: one allow-list, in raw HTML and in attr_list syntax alike.
    ('## Hover {onmouseover="alert(1)"}', "'onmouseover='"),
    ('## Hover {: style="position:fixed;inset:0;opacity:0" }', "'style'"),
    ("## Hover ## {onclick=alert(1)}", "'onclick='"),
    ('[ok](https://example.org){: onmouseover="alert(2)" }', "'onmouseover='"),
    ('[ok](https://example.org){: href="data:text/html;base64,PHNjcmlwdD4=" }', "may not set 'href'"),
    ('[ok](https://example.org){: href="data:text/html;base64,PHNjcmlwdD4=" }', "'data:'"),
    ('![x](a.png){: src="javascript:alert(1)" }', "'javascript:'"),
    ("![x](a.png){onerror=alert(1)}", "'onerror='"),
    ("*stressed*{: onclick=alert(1) }", "'onclick='"),
    ("`code`{onclick=alert(1)}", "'onclick='"),
    ('{: formaction="https://evil.example" }', "'formaction'"),
    ('{: srcdoc="x" }', "'srcdoc'"),
    ('{: src="https://evil.example/x.js" }', "may not set 'src'"),
    ('| a {: onclick="alert(1)" } | b |', "'onclick='"),
    ('## Done {data-atlas-id="paper:x"}', "read by the site's own scripts"),
    ('<div style="position:fixed;inset:0">x</div>', "'style' (on <div>)"),
    ('<button formaction="javascript:alert(1)">x</button>', "'formaction' (on <button>)"),
    ('<span data-md-component="search">x</span>', "read by the site's own scripts"),
    ('<a href="https://example.org" target="_blank">x</a>', "'target' (on <a>)"),
]


@pytest.mark.parametrize("body, words", REFUSED_BODIES)
def test_raw_html_and_links_that_run_code_are_refused(mini: Path, body: str, words: str) -> None:
    path = mini / PAPER
    path.write_text(path.read_text(encoding="utf-8") + "\nA line before.\n\n" + body + "\n", encoding="utf-8")
    body_line = path.read_text(encoding="utf-8").split("\n").index(body.split("\n")[0]) + 1
    problems = [p for p in problems_of(mini) if words in p]
    assert problems, f"{body!r} was not refused for {words}"
    assert any(f"transformer.md:{body_line}: body:" in p for p in problems), problems


ALLOWED_BODIES = [
    "<details><summary>More</summary>Hidden text.</details>",
    '<div class="grid" markdown>\n\n**bold**\n\n</div>',
    "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, then <abbr title='HyperText'>HTML</abbr>.",
    "`<script>alert(1)</script>` shows code, as does ``[x](javascript:y)``.",
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    "~~~\n<iframe src=x></iframe>\n~~~",
    "a < b and c > d; x<y; the online= flag; on=1",
    '<a href="https://example.org" title="onclick=x">a title, not a handler</a>',
    "[a](https://example.org/a?b=1&c=2) [b](../papers/bert-like.md#lineage) [c](#top) [d](mailto-is-a-word.md)",
    "## A heading {#its-id .wide lang=fr title='Titre' dir=ltr data-note=x}",
    '![A chart](chart.png){ width="300" height="200" loading=lazy }',
    '[with a rel](https://example.org){ rel="nofollow" }',
    '<img src="chart.png" alt="A chart" width="300"> <a href="https://example.org" rel="external" hreflang="en">x</a>',
    "<table><tr><th scope=col colspan=2>h</th></tr><tr><td rowspan=2>c</td></tr></table>",
    '<details open><summary>More</summary>Text.</details> <ol start="3" reversed><li>x</li></ol> <time datetime="2024-01">Jan</time>',
    "A template such as 'a photo of a {label}.', alpha in {0.3, 0.5, 0.8} and x_{i} with \\frac{a}{b}.",
    "`{: onclick=x }` in code is text, as is\n\n```\n## Title {onclick=x}\n```",
]


@pytest.mark.parametrize("body", ALLOWED_BODIES)
def test_harmless_raw_html_and_code_are_allowed(body: str) -> None:
    assert body_problems(body) == []


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6a;avascript:alert(1)", "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd", "//evil.example/x", "\\\\evil.example\\x",
])
def test_front_matter_urls_refuse_other_schemes(mini: Path, url: str) -> None:
    replace_front_matter(mini, "papers/gpt-like.md", url=url)
    problems = problems_of(mini)
    assert any("gpt-like.md:" in p and "url:" in p for p in problems), problems


@pytest.mark.parametrize("field, value", [
    ("milestone", "Done. [click](javascript:alert(1))"),
    ("milestone", "Done. [click](&#106;avascript:alert(1))"),
    ("questions", [{"question": "Why?", "answer": "See [this](JAVASCRIPT:alert(1))."}]),
    ("learn", ["[x](data:text/html,hi)"]),
])
def test_markdown_in_front_matter_cannot_link_to_scripts(mini: Path, field: str, value) -> None:
    replace_front_matter(mini, "paths/demo-path/01-basics.md", **{field: value})
    problems = problems_of(mini)
    assert any("01-basics.md:" in p and field in p and "scheme" in p for p in problems), problems


@pytest.mark.parametrize("line", [
    r'milestone: "Done. [click]\x28javascript:alert(1))"',  # '(' written as a YAML escape
    r'milestone: "Done. [click]\u0028javascript:alert(1))"',
    'milestone: "Done. [click]\\\n  (javascript:alert(1))"',  # an escaped line break joins the lines
    r'milestone: "[click\x5d: javascript:alert(1)"',  # a reference definition, its ']' escaped
])
def test_yaml_escapes_cannot_hide_a_link_in_front_matter(mini: Path, line: str) -> None:
    path = mini / "paths/demo-path/01-basics.md"
    path.write_text(path.read_text(encoding="utf-8").replace("milestone: You can multiply matrices.", line), encoding="utf-8")
    problems = problems_of(mini)
    assert any("01-basics.md:9: milestone:" in p and "scheme 'javascript:'" in p for p in problems), problems


# --- everything rendered is escaped ------------------------------------------------------------------------

# One marker per field, so a test can tell which value shows where. Each carries
# markup that would run if it were not escaped, Jinja and Markdown syntax, and the
# ';' and '|' the planner once split on.
ATTACK = "<img src=x onerror=alert(1)>\"'><svg onload=alert(2)></title><script>alert(3)</script>{{ 7*7 }} *em* `c` &amp; ;|"


def hostile(name: str) -> str:
    return f"{name}{ATTACK}"


# Plain (not Markdown) fields also get a Markdown link, which must stay text. (A
# link to a script is refused in any front-matter value: see the tests above.)
def hostile_plain(name: str) -> str:
    return hostile(name) + " [x](https://example.org/plain)"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    replace_front_matter(content, "index.md", title=hostile_plain("home-title"), description=hostile_plain("home-description"))
    replace_front_matter(content, PAPER, title=hostile_plain("paper-title"), short_title=hostile_plain("paper-short"),
                         authors=[hostile_plain("author-one"), hostile_plain("author-two")],
                         contribution=hostile_plain("paper-contribution"), venue=hostile_plain("paper-venue"),
                         old_ids=["renamed-paper"])  # its old address shows its title too
    replace_front_matter(content, "paths/demo-path/index.md", title=hostile_plain("path-title"), description=hostile_plain("path-description"),
                         prerequisites=[hostile("path-pre")], outcomes=[hostile("path-out")],
                         next_paths=[{"id": "llm-engineer", "title": hostile_plain("next-title"), "planned": True, "why": hostile("next-why")}],
                         tools=[{"category": hostile_plain("tool-category"), "tools": [hostile_plain("tool-name")]}])
    replace_front_matter(content, "paths/demo-path/01-basics.md", title=hostile_plain("phase-title"),
                         description=hostile_plain("phase-description"), milestone=hostile("phase-milestone"),
                         learn=[hostile("phase-learn")], practice=[{"id": "practise", "text": hostile("phase-practice")}],
                         build=[{"id": "build", "text": hostile("phase-build")}],
                         questions=[{"id": "hostile-question", "question": hostile_plain("phase-question"), "answer": hostile("phase-answer")},
                                    *({"id": f"plain-{n}", "question": "Why?", "answer": "Because."} for n in (1, 2))],
                         resources=[{"title": hostile_plain("resource-title"), "type": "article", "url": "https://example.org/r",
                                     "topic": hostile_plain("resource-topic"), "note": hostile("resource-note")}])
    replace_front_matter(content, "paths/demo-path/02-advanced.md",
                         options=[{"id": "hostile-track", "title": hostile_plain("option-title"), "summary": hostile("option-summary"),
                                   "topics": [hostile_plain("option-topic")], "papers": ["gpt-like"], "projects": ["toy-project"]}])
    replace_front_matter(content, "projects/toy-project.md", title=hostile_plain("project-title"), description=hostile_plain("project-description"),
                         deliverables=[hostile("project-deliverable")], good_looks_like=[hostile("project-good")],
                         start_here=[{"title": hostile_plain("start-title"), "url": "https://example.org/s", "kind": "data", "note": hostile("start-note")}])
    replace_front_matter(content, "guides/seed-guide.md", title=hostile_plain("guide-title"), description=hostile_plain("guide-description"),
                         links=[{"title": hostile_plain("guide-link"), "url": "https://example.org/g"}, "https://example.org/bare"],
                         tasks=[{"id": "first", "text": hostile("guide-task"), "when": hostile_plain("guide-when"), "outcome": hostile("guide-outcome")}])
    skills = yaml.safe_load((content / "skills.yml").read_text(encoding="utf-8"))
    skills["mathematics"].update(title=hostile_plain("skill-title"), description=hostile_plain("skill-description"), group=hostile_plain("skill-group"))
    (content / "skills.yml").write_text(yaml.safe_dump(skills, allow_unicode=True), encoding="utf-8")
    topics = yaml.safe_load((content / "topics.yml").read_text(encoding="utf-8"))
    topics["transformers"].update(title=hostile_plain("topic-title"), description=hostile_plain("topic-description"))
    (content / "topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    with (content / "guides" / "seed-guide.md").open("a", encoding="utf-8") as guide:
        guide.write(EXTERNAL_LINKS)
    return build_site(content, work)


# External links in every form a body can write them: each must open nothing
# that can reach back into our page.
EXTERNAL_LINKS = """

Links out: [markdown](https://example.org/markdown), <https://example.org/autolink>, [a reference][ref],
[with a rel](https://example.org/attr-list){ rel="nofollow" }, <a href="https://example.org/inline-html">inline HTML</a>,
<A HREF='HTTP://example.org/upper-case'>upper case</A>.

<div markdown>
[inside a block](https://example.org/in-block) and <a title="t" href=https://example.org/bare-attribute>bare</a>
</div>

<p><a class="c" href="https://example.org/raw-block" rel="external">raw block</a></p>

[ref]: https://example.org/reference
"""
EXTERNAL_FORMS = ("markdown", "autolink", "reference", "attr-list", "inline-html", "upper-case", "in-block", "bare-attribute", "raw-block")


class Elements(HTMLParser):
    """Every element with its attributes, the text of some, and all text of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.current: list[str] = []
        self.texts: dict[str, list[str]] = {"title": [], "h1": [], "script": [], "nav": []}
        self.open: list[tuple[str, list[str]]] = []
        self.in_nav = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "nav":
            self.in_nav += 1
        if tag in self.texts:
            self.open.append((tag, []))

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav -= 1
        if self.open and self.open[-1][0] == tag:
            name, parts = self.open.pop()
            self.texts[name].append("".join(parts))

    def handle_data(self, data):
        self.text.append(data)
        for _, parts in self.open:
            parts.append(data)
        if self.in_nav:
            self.texts["nav"].append(data)


def elements(page: Path) -> Elements:
    parser = Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_no_hostile_markup_reaches_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        rel = page.relative_to(hostile_site).as_posix()
        found = elements(page)
        for tag, attrs in found.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{rel}: <{tag}> has event handlers {handlers}"
            assert not (tag == "img" and attrs.get("src") == "x"), f"{rel}: an injected <img> is in the page"
            href = re.sub(r"[\x00-\x20]", "", html.unescape(attrs.get("href") or "")).lower()
            assert not href.startswith("javascript:"), f"{rel}: <{tag} href={attrs.get('href')!r}>"
        for script in found.texts["script"]:
            assert "alert(" not in script, f"{rel}: an injected script: {script[:80]}"
        scripts = [attrs.get("src") for tag, attrs in found.tags if tag == "script" and attrs.get("src")]
        assert all(src.startswith(("assets/", "../", "./", "search/")) and "alert" not in src for src in scripts), (rel, scripts)


def page_text(page: Path) -> str:
    return "".join(elements(page).text)


# Fields that allow Markdown: their *em* and `c` render as emphasis and code.
MARKDOWN_FIELDS = {"phase-milestone", "phase-learn", "phase-practice", "phase-build", "phase-answer", "resource-note",
                   "path-pre", "path-out", "guide-task", "guide-outcome",
                   "option-summary", "next-why", "project-deliverable", "project-good", "start-note"}


def shown(marker: str) -> str:
    """The text a reader sees for a field's value."""
    if marker in MARKDOWN_FIELDS:
        return hostile(marker).replace("*em* `c`", "em c")
    return hostile_plain(marker)


@pytest.mark.parametrize("rel, markers", [
    ("papers/transformer.html", ["paper-title", "paper-short", "author-one", "author-two", "paper-contribution", "paper-venue", "topic-title"]),
    ("papers/index.html", ["paper-title", "paper-contribution", "author-one", "topic-title", "path-title", "phase-title"]),
    ("papers/topics/transformers.html", ["topic-title", "topic-description", "paper-title", "paper-contribution", "path-title", "phase-title"]),
    ("paths/demo-path/01-basics.html", ["phase-title", "phase-description", "paper-title", "paper-contribution", "phase-milestone",
                                        "phase-learn", "phase-practice", "phase-build", "phase-question", "phase-answer",
                                        "resource-title", "resource-topic", "resource-note", "skill-title", "path-title"]),
    ("paths/demo-path/02-advanced.html", ["option-title", "option-summary", "option-topic", "paper-title", "project-title", "phase-title"]),
    ("paths/demo-path/index.html", ["path-title", "path-description", "path-pre", "path-out", "phase-title", "phase-milestone", "next-title", "next-why",
                                    "tool-category", "tool-name", "project-title", "skill-title"]),
    ("skills/mathematics.html", ["skill-title", "skill-description", "phase-title", "path-title"]),
    ("skills/pytorch.html", ["paper-title", "project-title", "path-title"]),
    ("skills/index.html", ["skill-title", "skill-description", "skill-group", "path-title"]),
    ("projects/toy-project.html", ["project-title", "project-description", "project-deliverable", "project-good", "start-title", "start-note", "phase-title"]),
    ("projects/index.html", ["project-title", "project-description", "path-title"]),
    ("guides/seed-guide.html", ["guide-title", "guide-description", "guide-link", "skill-title", "guide-task", "guide-when", "guide-outcome"]),
    ("index.html", ["home-title", "home-description", "path-title", "path-description"]),
    ("paths/index.html", ["path-title", "path-description", "phase-title", "path-pre", "path-out"]),
])
def test_each_value_shows_as_text_where_it_is_used(hostile_site: Path, rel: str, markers: list[str]) -> None:
    text = page_text(hostile_site / rel)
    for marker in markers:
        assert shown(marker) in text, f"{rel}: {marker} does not show as its own text"


def test_titles_show_as_text_in_title_heading_and_navigation(hostile_site: Path) -> None:
    paper = elements(hostile_site / "papers/transformer.html")
    assert paper.texts["title"][0].startswith(hostile_plain("paper-title")), paper.texts["title"]
    assert [h.rstrip("¶") for h in paper.texts["h1"]] == [hostile_plain("paper-title")]
    phase = elements(hostile_site / "paths/demo-path/01-basics.html")
    assert phase.texts["title"][0].startswith(hostile_plain("phase-title"))
    nav = "".join(phase.texts["nav"]) + "".join(elements(hostile_site / "guides/seed-guide.html").texts["nav"])
    for marker in ("path-title", "phase-title", "guide-title"):
        assert hostile_plain(marker) in nav, f"{marker} is not shown as text in the navigation"
    description = [a.get("content") for t, a in phase.tags if t == "meta" and a.get("name") == "description"]
    assert description == [hostile_plain("phase-description")]


def test_values_are_plain_strings_in_the_json_export_and_search_index(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "api" / "curriculum.json").read_text(encoding="utf-8"))
    papers = {p["id"]: p for p in data["papers"]}
    assert papers["transformer"]["title"] == hostile_plain("paper-title")
    assert papers["transformer"]["authors"] == [hostile_plain("author-one"), hostile_plain("author-two")]
    assert data["paths"][0]["phases"][0]["title"] == hostile_plain("phase-title")
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    # Material's search shows titles as HTML: each must be escaped markup that reads as the value,
    # the kind and path our results add (search.py) included.
    hostile_titles = [t for t in titles if "paper-title" in t or "path-title" in t]
    assert hostile_titles and all("<img" not in t and "<script" not in t for t in hostile_titles), hostile_titles
    shown = {html.unescape(t) for t in hostile_titles}
    assert f"Paper · {hostile_plain('paper-title')} — {hostile_plain('paper-short')}" in shown  # its short name, which holds brackets
    names = [name for doc in index["docs"] for name in doc.get("names", [])]  # what search-ranking.js reads as HTML too
    assert html.unescape(next(n for n in names if "paper-short" in n)) == hostile_plain("paper-short")
    assert not [n for n in names if "<img" in n or "<script" in n], names
    assert f"Phase · {hostile_plain('path-title')} › {hostile_plain('phase-title')}" in shown


@pytest.mark.browser
def test_no_script_of_the_content_runs_in_chromium(browser, hostile_site: Path) -> None:
    from browser import Watch, new_context

    dialogs: list[str] = []
    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for html_file in sorted(hostile_site.rglob("*.html")):
        page.goto(html_file.resolve().as_uri())
        assert page.locator("img[src='x'], svg[onload]").count() == 0, html_file
    # The search dialog shows titles and text of pages as HTML.
    page.goto((hostile_site / "index.html").resolve().as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("onerror")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.locator(".md-search-result img[src='x']").count() == 0
    # The planner rebuilds phase titles in its table; ';' and '|' stay inside the title.
    page.goto((hostile_site / "paths/demo-path/index.html").resolve().as_uri())
    page.get_by_label("Start date").fill("2027-01-04")
    first_row = page.locator(".atlas-plan-table tbody tr").first.locator("th").first
    assert first_row.inner_text() == hostile_plain("phase-title")
    assert page.locator(".atlas-plan-table tbody tr").count() == 2
    page.wait_for_timeout(500)  # a script injected with a delay would have run by now
    context.close()
    assert not dialogs, dialogs
    assert not watch.outside, watch.outside


@pytest.mark.browser
def test_hostile_titles_stay_whole_and_inert_in_the_calendar_and_the_export(browser, hostile_site: Path, tmp_path: Path) -> None:
    """The .ics holds the titles and milestone as text (RFC 5545 escapes, lines folded at
    75 octets), and a progress file exported and imported on this site stays ours."""
    icalendar = pytest.importorskip("icalendar")
    from browser import Watch, new_context

    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_site / "paths/demo-path/index.html").resolve().as_uri())
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Add weekly study sessions").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    ics = tmp_path / "plan.ics"
    download.value.save_as(ics)
    raw = ics.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    path_title, phase_title = hostile_plain("path-title"), hostile_plain("phase-title")
    assert str(events[0]["SUMMARY"]) == f"{path_title}: {phase_title}"
    assert str(events[0]["DESCRIPTION"]).startswith(f"Milestone: {hostile('phase-milestone')}\n")
    assert str(events[0]["URL"]).endswith("/paths/demo-path/01-basics.html")
    assert str(events[-1]["SUMMARY"]) == f"Study: {path_title}"
    page.goto((hostile_site / "index.html").resolve().as_uri())
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["planner"]["demo-path"]["start"] == "2027-01-04"
    page.locator("input.atlas-file").set_input_files(str(exported))
    page.get_by_role("button", name="Replace").click()
    assert page.locator(".atlas-progress-tools img, .atlas-progress-tools script").count() == 0
    page.wait_for_timeout(300)
    context.close()
    assert not dialogs, dialogs
    watch.assert_clean()


# --- rel="noopener" ----------------------------------------------------------------


def test_external_links_in_built_pages_carry_noopener(hostile_site: Path) -> None:
    checked = 0
    for page in hostile_site.rglob("*.html"):
        for tag, attrs in elements(page).tags:
            if tag == "a" and re.match(r"\s*https?:", attrs.get("href") or "", re.IGNORECASE):
                checked += 1
                assert "noopener" in (attrs.get("rel") or "").split(), f"{page.name}: <a href={attrs['href']!r} rel={attrs.get('rel')!r}>"
    assert checked >= 10


def test_every_form_of_external_link_in_a_body_gets_noopener_and_keeps_its_rel(hostile_site: Path) -> None:
    rels = {}
    for tag, attrs in elements(hostile_site / "guides" / "seed-guide.html").tags:
        href = (attrs.get("href") or "").lower()
        if tag == "a" and href.startswith(("https://example.org/", "http://example.org/")):
            rels[href.rsplit("/", 1)[-1]] = (attrs.get("rel") or "").split()
    assert set(EXTERNAL_FORMS) <= set(rels), f"forms missing from the page: {set(EXTERNAL_FORMS) - set(rels)}"
    for form in EXTERNAL_FORMS:
        assert "noopener" in rels[form], f"{form}: rel={rels[form]}"
    assert "nofollow" in rels["attr-list"] and "external" in rels["raw-block"], rels


@pytest.mark.parametrize("before, after", [
    ('<a href="https://x.org">x</a>', '<a href="https://x.org" rel="noopener">x</a>'),
    ('<a class="c" href="http://x.org" rel="nofollow">', '<a class="c" href="http://x.org" rel="nofollow noopener">'),
    ("<A HREF='https://x.org' REL=noopener>", "<A HREF='https://x.org' REL=noopener>"),
    ('<a href=https://x.org title=y>', '<a href=https://x.org title=y rel="noopener">'),
    ('<a\nhref="HTTPS://x.org"\n>', '<a\nhref="HTTPS://x.org"\n rel="noopener">'),
    ('<a title="a > b" href="https://x.org">', '<a title="a > b" href="https://x.org" rel="noopener">'),
    ('<a href="../x.html">', '<a href="../x.html">'),
    ('<a data-href="https://x.org" href="x.html">', '<a data-href="https://x.org" href="x.html">'),
    ('<abbr title="https://x.org">', '<abbr title="https://x.org">'),
    ('<p>café</p><a title="é" href="Https://x.org">', '<p>café</p><a title="é" href="Https://x.org" rel="noopener">'),
])
def test_add_noopener(before: str, after: str) -> None:
    assert add_noopener(before) == after


def test_finishing_a_page_marks_external_links_from_the_article_on() -> None:
    page = '<article><a href="https://edit.example" rel="edit">edit</a><p><a href="https://content.example">x</a> <a href="x.html">y</a></p></article>'
    done = finish_page(page)
    assert 'rel="edit noopener"' in done and '<a href="https://content.example" rel="noopener">' in done
    assert '<a href="x.html">' in done


@pytest.mark.parametrize("url", [
    "https://example.org/a", "http://example.org", "../papers/bert-like.md#lineage", "#top", "notes.md",
    "javascript:alert(1)", "&#106;avascript:x", "data:text/html,x", "//evil.example/x", "\\\\evil.example\\x", "https:///path", "https:example.org",
])
def test_front_matter_links_and_body_links_follow_one_rule(url: str) -> None:
    from pydantic import ValidationError

    from curriculum.schema import Guide

    try:
        Guide(title="A guide", description="About links.", links=[url])
        field_refused = False
    except ValidationError:
        field_refused = True
    assert bool(body_problems(f"See [this]({url}).")) == field_refused, url


# --- defence in depth: what a check misses, the build strips ------------------------------------

URL_ATTRIBUTE_NAMES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "cite", "ping")


def live_markup(site: Path) -> list[str]:
    """Every event handler, every link or source that is not https, http or relative, and
    every style beyond a table column's alignment, in any built page."""
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for tag, attrs in elements(page).tags:
            for name, value in attrs.items():
                read = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
                if name.startswith("on"):
                    found.append(f"{rel}: <{tag} {name}=...>")
                elif name in URL_ATTRIBUTE_NAMES and read.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{rel}: <{tag} {name}={value[:40]!r}>")
                elif name in ("srcdoc", "formaction"):
                    found.append(f"{rel}: <{tag} {name}=...>")
                elif name == "style" and not re.fullmatch(r"text-align: (left|right|center);", value or ""):
                    found.append(f"{rel}: <{tag} style={value!r}>")
    return found


ATTRIBUTE_ATTACKS = """

## Hover {onmouseover="alert(1)" style="position:fixed;inset:0;opacity:0"}

[ok](https://example.org/a){: onmouseover="alert(2)" }, [data](https://example.org/b){: href="data:text/html;base64,PHNjcmlwdD4=" }
and [js](https://example.org/c){: href="javascript:alert(3)" }.

![pic](https://example.org/p.png){: src="javascript:alert(4)" onerror="alert(5)" }

A paragraph with a form action.
{: formaction="javascript:alert(6)" srcdoc="<b>x</b>" style="color:red" }

| a | b |
|---|---|
| cell {: onclick="alert(8)" } | x |

<div style="position:fixed" onclick="alert(9)">raw</div> <a href="vbscript:msgbox(1)">vb</a> <a href="&#106;avascript:alert(10)">js</a>
"""


@pytest.fixture(scope="module")
def unchecked_hostile_site(tmp_path_factory) -> Path:
    """Attribute and link attacks in bodies and prose, built with the body and prose checks
    switched off: as if a check had missed them, so that only the build stands in the way."""
    import curriculum.loader

    work = tmp_path_factory.mktemp("unchecked-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    for rel in (PAPER, "paths/demo-path/01-basics.md", "guides/seed-guide.md"):
        with (content / rel).open("a", encoding="utf-8") as page:
            page.write(ATTRIBUTE_ATTACKS)
    replace_front_matter(content, "paths/demo-path/01-basics.md", milestone='Done.\n{: onclick="alert(11)" }',
                         practice=[{"id": "derive", "text": 'Derive it [here](https://example.org/d){: onmouseover="alert(12)" }'}])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(curriculum.loader, "check_body_links", lambda source, problems: None)
        return build_site(content, work)


def test_the_build_strips_what_a_missed_check_lets_through(unchecked_hostile_site: Path) -> None:
    page = (unchecked_hostile_site / "papers/transformer.html").read_text(encoding="utf-8")
    assert 'id="hover"' in page and "https://example.org/a" in page  # the attacks were built...
    found = live_markup(unchecked_hostile_site)
    assert not found, "\n".join(found)  # ...and nothing of them is live


def test_no_page_of_the_real_site_has_live_markup(real_site: Path) -> None:
    found = live_markup(real_site)
    assert not found, "\n".join(found)


def test_no_page_of_the_hostile_fixture_has_live_markup(hostile_site: Path) -> None:
    found = live_markup(hostile_site)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("before, after", [
    ('<h2 id="hover" onmouseover="alert(1)" style="position:fixed" tabindex="0">', '<h2 id="hover" tabindex="0">'),
    ('<a href="https://example.org" ONCLICK=x rel="noopener">', '<a href="https://example.org" rel="noopener">'),
    ('<a href="data:text/html;base64,PHNj">', "<a>"),
    ('<a href=" JaVa&#x09;ScRiPt:alert(1)" class="c">', '<a class="c">'),
    ('<img src="javascript:x" alt="a" srcset="a.png 1x, javascript:y 2x" />', '<img alt="a" />'),
    ('<p formaction="x" srcdoc="y" data-md-component="search" data-note="kept">', '<p data-note="kept">'),
    ('<td style="text-align: right;">', '<td style="text-align: right;">'),
    ('<td style="text-align: right; position: fixed">', "<td>"),
    ('<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />', '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />'),
    ('<label class="atlas-done" hidden><input type="checkbox" data-atlas-id="paper:x" aria-label="Done">', '<label class="atlas-done" hidden><input type="checkbox" data-atlas-id="paper:x" aria-label="Done">'),
    ('<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><rect x="1" y="2" width="3" height="4" rx="1"/></svg>', '<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><rect x="1" y="2" width="3" height="4" rx="1"/></svg>'),
    ("<p>1 &lt; 2 and <code>&lt;a onclick=x&gt;</code></p>", "<p>1 &lt; 2 and <code>&lt;a onclick=x&gt;</code></p>"),
])
def test_make_inert(before: str, after: str) -> None:
    assert make_inert(before) == after


def test_the_strip_pass_leaves_the_real_content_as_it_is() -> None:
    """Every page of the real content and of the fixtures, converted as the build converts it,
    goes through make_inert unchanged: the allow-lists cover all the site writes itself."""
    import markdown

    from curriculum import Site
    from curriculum.repository import markdown_extensions

    names, settings = markdown_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    for content in (ROOT / "content", FIXTURES / "mini"):
        site = Site.load(content)
        pages = {**site.generated_pages(), **site.page_sources()}
        for src, text in pages.items():
            md.reset()
            converted = md.convert(text)
            assert make_inert(converted) == converted, src
    md.reset()
    samples = md.convert((FIXTURES / "samples" / "samples.md").read_text(encoding="utf-8"))
    assert make_inert(samples) == samples
