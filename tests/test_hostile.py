"""Hostile and broken content: refused with a clear message, or shown as harmless text.

- YAML bombs, deep nesting, huge values, binary junk and YAML tags are refused
  quickly, before YAML builds anything from them, with the file and line;
- raw HTML that runs code is refused in page bodies (see hooks/curriculum/rules/content_policy.py
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
from curriculum.rules.content_policy import body_problems
from curriculum.rules.sanitise import sanitise
from curriculum.site.finish import add_noopener, finish_content, finish_page
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

# Markup a regular expression splits differently from a browser, and its variants:
# each is refused by the validator with its line, whatever hides it.
PARSER_PAYLOADS = [
    ("<details title=< open ontoggle=alert(document.domain)>", "'ontoggle='"),
    ("<details title=< open ontoggle=alert(document.domain)>", "holds '<'"),
    ('<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', "<textarea>"),
    ('<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', "'onerror='"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<noscript>"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "'onerror='"),
    ('<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>', "<xmp>"),
    ('<noembed><p title="</noembed><img src=x onerror=alert(1)>"></noembed>', "'onerror='"),
    ('<noframes><p title="</noframes><img src=x onerror=alert(1)>"></noframes>', "'onerror='"),
    ('<title><p title="</title><img src=x onerror=alert(1)>"></title>', "<title>"),
    ('<TITLE><p title="</TITLE ><img src=x onerror=alert(1)>"></TITLE>', "'onerror='"),
    ('<style><p title="</style><img src=x onerror=alert(1)>"></style>', "'onerror='"),
    ('<iframe><p title="</iframe><img src=x onerror=alert(1)>"></iframe>', "<iframe>"),
    ("<plaintext><img src=x onerror=alert(1)>", "<plaintext>"),
    ('<!-- <p title="--><img src=x onerror=alert(1)>"> -->', "'onerror='"),
    ('<!--><img src=x onerror=alert(1)>-->', "'onerror='"),
    ('<!-- x --!><img src=x onerror=alert(1)>', "'onerror='"),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "inline SVG"),
    ("<svg/onload=alert(1)>", "'onload='"),
    ("<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>", "CDATA"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "inline MathML"),
    ("<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>", "'javascript:'"),
    ("<template><img src=x onerror=alert(1)></template>", "'onerror='"),
    ("<template><img src=x onerror=alert(1)></template>", "<template>"),
    ('<base href="javascript:alert(1)//">', "<base>"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta>"),
    ('<object data="javascript:alert(1)"></object>', "<object>"),
    ('<embed src="javascript:alert(1)">', "<embed>"),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', "'formaction'"),
    ('<img srcset="javascript:alert(1) 1x" alt="x">', "'srcset'"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "'javascript:'"),
    ('<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>', "'javascript:'"),
    ('<a href="\x01javascript:alert(1)">x</a>', "'javascript:'"),
    ('<a href="  JAVASCRIPT:alert(1)">x</a>', "'JAVASCRIPT:'"),
    ('<a href="java\nscript:alert(1)">x</a>', "'javascript:'"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "'data:'"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "'style'"),
    ('<p style="width:expression(alert(1))">x</p>', "'style'"),
    ('<img src=x onerror\n=alert(1)>', "'onerror='"),
    ('<img src=x on\x00error=alert(1)>', "not allowed"),
    ('<IMG """><SCRIPT>alert(1)</SCRIPT>">', "<script>"),
    ("<marquee onstart=alert(1)>x</marquee>", "'onstart='"),
    ("<x-widget onclick=alert(1)>x</x-widget>", "'onclick='"),
    ("<x-widget onclick=alert(1)>x</x-widget>", "not an element content may use"),
    ("<input autofocus onfocus=alert(1)>", "<input>"),
    ("<video><source onerror=alert(1)></video>", "'onerror='"),
    ('<div title="`" onmouseover=alert(1) x="`">hover</div>', "'onmouseover='"),
    ('Hover <span title="`" onmouseover=alert(1)//x="`">here</span>.', "onmouseover"),
    ("_word_{onmouseover=alert(1)}", "'onmouseover='"),
    ("~~gone~~{: onclick=alert(1) }", "'onclick='"),
    ('## Notes {: title="{" onclick=alert(1) }', "onclick"),
    ("[d]:\n    data:text/html,x\n\nSee [it][d].", "'data:'"),
    ("[d]:\n    javascript:alert(1)\n\nSee [it][d].", "'javascript:'"),
    ("[x]: <javascript:alert(1)>\n\nSee [x].", "'javascript:'"),
    ("Term\n:   A definition {: onclick=alert(1) }", "onclick"),
    ("*[HTML]: Hyper {: onclick=alert(1) }\n\nHTML here.", "onclick"),
    ("A note[^n].\n\n[^n]: [x](javascript:alert(1))", "'javascript:'"),
    ('!!! note "A [title](javascript:alert(1))"\n    Body', "'javascript:'"),
    ('=== "A tab {: onclick=alert(1) }"\n    Body', "onclick"),
    ("<a href=https://example.org title=<b onmouseover=alert(1)>x</a>", "holds '<'"),
    ('<p title="<a href=https://example.org><img src=x onerror=alert(1)>">x</p>', "holds '<'"),
    ("<user@example.org>", "mailto:"),
    ("<div>\n<div onmouseover=alert(1) title=x", "ends inside a tag"),
    ("<!-- never closed\n<img src=x onerror=alert(1)>", "'onerror='"),
]


@pytest.mark.parametrize("body, words", REFUSED_BODIES + PARSER_PAYLOADS)
def test_raw_html_and_links_that_run_code_are_refused(mini: Path, body: str, words: str) -> None:
    path = mini / PAPER
    path.write_text(path.read_text(encoding="utf-8") + "\nA line before.\n\n" + body + "\n", encoding="utf-8")
    body_line = path.read_text(encoding="utf-8").split("\n").index(body.split("\n")[0]) + 1
    problems = [p for p in problems_of(mini) if words in p]
    assert problems, f"{body!r} was not refused for {words}"
    lines = range(body_line, body_line + body.count("\n") + 1)  # the payload's own lines
    assert any(f"transformer.md:{line}: body:" in p for p in problems for line in lines), problems
    # Every problem of the body points into the payload, what the build would strip included:
    # a line elsewhere would send the contributor to text that is fine.
    in_body = [p for p in problems_of(mini) if "transformer.md:" in p and ": body:" in p]
    assert all(any(f"transformer.md:{line}: body:" in p for line in lines) for p in in_body), in_body
    assert not any("Traceback" in p for p in problems)


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
                                   "topics": [hostile_plain("option-topic")], "papers": ["gpt-like"], "projects": ["toy-project"]},
                                  {"id": "second-track", "title": hostile_plain("option-other"),
                                   "tasks": [{"id": "hostile-task", "text": hostile("option-task")}]}])
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
                   "option-summary", "option-task", "next-why", "project-deliverable", "project-good", "start-note"}


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
    ("paths/demo-path/02-advanced.html", ["option-title", "option-summary", "option-topic", "option-other", "option-task", "paper-title", "project-title",
                                          "phase-title"]),
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


def test_the_feed_carries_hostile_values_as_text(hostile_site: Path) -> None:
    """The Atom feed is XML, not HTML: a title full of markup is escaped into well-formed XML
    and reads back as the same text."""
    import xml.etree.ElementTree as ET

    text = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    feed = ET.fromstring(text.encode("utf-8"))
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {e.findtext(f"{atom}title"): e.findtext(f"{atom}summary") for e in feed.findall(f"{atom}entry")}
    title = f"New paper: {hostile_plain('paper-title')} ({hostile_plain('paper-short')})"
    assert entries.get(title) == hostile_plain("paper-contribution"), list(entries)
    assert "<script>" not in text and "<img" not in text


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

    from curriculum.read.schema import Guide

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
                # As a browser reads a URL: the parser decoded references already; tabs and
                # line breaks dropped, control characters and spaces trimmed at the ends.
                read = re.sub(r"[\t\n\r]", "", value or "").strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ").lower()
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
        return build_site(content, work, strict=False)  # the build says what it strips, which stops a strict one


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


@pytest.mark.parametrize("before, kept, gone", [
    ('<h2 id="hover" onmouseover="alert(1)" style="position:fixed" tabindex="0">x</h2>', ['id="hover"', 'tabindex="0"'], ["onmouseover", "style"]),
    ('<a href="https://example.org" ONCLICK=x rel="noopener">x</a>', ['href="https://example.org"', 'rel="noopener"'], ["onclick", "ONCLICK"]),
    ('<a href="data:text/html;base64,PHNj">x</a>', ["<a>x</a>"], ["data:"]),
    ('<a href=" JaVa&#x09;ScRiPt:alert(1)" class="c">x</a>', ['class="c"'], ["ScRiPt", "alert"]),
    ('<img src="javascript:x" alt="a" srcset="a.png 1x, javascript:y 2x" />', ['alt="a"'], ["javascript", "srcset"]),
    ('<p formaction="x" srcdoc="y" data-md-component="search" data-note="kept">x</p>', ['data-note="kept"'], ["formaction", "srcdoc", "data-md-"]),
    ('<table><tr><td style="text-align: right; position: fixed">x</td></tr></table>', ["<td>x</td>"], ["position", "style"]),
    ('<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', ['<img src="x">'], ["onerror", "<textarea"]),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ['<img src="x">'], ["onerror", "<noscript"]),
    ("<details title=< open ontoggle=alert(document.domain)>x</details>", ["<details", "open"], ["ontoggle"]),
    ('<!-- <p title="--><img src=x onerror=alert(1)>"> -->', ['<img src="x">'], ["onerror"]),
    ("<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>", ["<svg>"], ["animate", "javascript"]),
    ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', [], ["onerror", "<style"]),
    ("<x-widget onclick=alert(1)>x</x-widget>", ["x"], ["onclick", "x-widget"]),
    ("<script>alert(1)</script><style>*{}</style><iframe srcdoc=x></iframe>", [], ["alert", "<style", "iframe"]),
])
def test_the_sanitiser_removes_what_the_allow_list_does_not_hold(before: str, kept: list[str], gone: list[str]) -> None:
    result = sanitise(before)
    assert result.removed, before
    for text in kept:
        assert text in result.html, (before, result.html)
    for text in gone:
        assert text not in result.html, (before, result.html)


@pytest.mark.parametrize("html", [
    '<table>\n<tr>\n<td style="text-align: right;">x</td>\n</tr>\n</table>',
    '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />',
    '<label class="atlas-done" hidden><input type="checkbox" data-atlas-id="paper:x" aria-label="Done"></label>',
    '<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><rect x="1" y="2" width="3" height="4" rx="1"/></svg>',
    "<p>1 &lt; 2 and <code>&lt;a onclick=x&gt;</code></p>",
    "<p>no markup at all</p>\n<hr />",
])
def test_the_sanitiser_keeps_what_the_site_writes_byte_for_byte(html: str) -> None:
    assert sanitise(html).html == html and not sanitise(html).removed


def test_the_strip_pass_leaves_the_real_content_as_it_is() -> None:
    """Every page of the real content and of the fixtures, converted as the build converts it,
    goes through the sanitiser unchanged: the allow-lists cover all the site writes itself."""
    import markdown

    from curriculum import Site
    from curriculum.repository import markdown_extensions
    from curriculum.site.front_matter import split_front_matter

    names, settings = markdown_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    for content in (ROOT / "content", FIXTURES / "mini"):
        site = Site.load(content)
        for src, text in site.sources("Atlas").items():
            md.reset()
            converted = md.convert(split_front_matter(text)[1])
            assert not finish_content(converted).removed, src
    md.reset()
    samples = md.convert((FIXTURES / "samples" / "samples.md").read_text(encoding="utf-8"))
    assert not finish_content(samples).removed


# --- every payload, past the validator, in Chromium --------------------------------------------


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    """Every payload of this file in page bodies, built with the body checks switched off (as if
    the validator had missed them all) and without --strict (the build says what it strips,
    which stops a strict build): only the sanitiser stands between them and a reader."""

    work = tmp_path_factory.mktemp("payload-build")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    payloads = [body for body, _ in REFUSED_BODIES + PARSER_PAYLOADS]
    half = len(payloads) // 2
    for rel, chunk in ((PAPER, payloads[:half]), ("guides/seed-guide.md", payloads[half:])):
        with (content / rel).open("a", encoding="utf-8") as page:
            page.write("".join(f"\n\nPayload {i}.\n\n{body}\n" for i, body in enumerate(chunk)))
    for rel, text, _ in HOSTILE_ASSETS:
        (content / rel).write_text(text, encoding="utf-8")
    with unchecked() as _:
        return build_site(content, work, strict=False)


def unchecked():
    """A context in which the loader checks no body and no link: as if every check had missed."""
    import contextlib

    import curriculum.loader
    import curriculum.rules.checks

    @contextlib.contextmanager
    def patched():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(curriculum.loader, "check_body_links", lambda source, problems: None)
            patch.setattr(curriculum.rules.checks, "CHECKS", tuple(c for c in curriculum.rules.checks.CHECKS if c.__name__ != "check_page_structure"))
            patch.setattr(curriculum.rules.checks, "check_links", lambda curriculum, problems, broken, pages, later=None: None)
            patch.setattr(curriculum.loader, "asset_problem", lambda rel: None)
            yield patch

    return patched()


def test_the_strict_build_names_the_page_the_sanitiser_took_markup_from(tmp_path: Path) -> None:
    """What the build strips it also says, so a check the validator missed stops CI."""

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    with (content / PAPER).open("a", encoding="utf-8") as page:
        page.write('\n\n<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>\n')
    with unchecked():
        message = failed_build_warnings(content, tmp_path)
    assert "transformer.md: the build removed from this page" in message and "'onerror='" in message, message
    assert "Traceback" not in message


def failed_build_warnings(content: Path, workdir: Path) -> str:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from sitebuild import write_config

    kept: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: kept.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(write_config(content, workdir))))
    except Abort:
        return "\n".join(kept)
    finally:
        logger.removeHandler(handler)
    raise AssertionError("the strict build succeeded")


def test_no_payload_is_live_in_any_built_page(payload_site: Path) -> None:
    page = (payload_site / "papers/transformer.html").read_text(encoding="utf-8")
    assert "Payload 0." in page and "Payload 40." in page  # the payloads were built...
    found = live_markup(payload_site)
    assert not found, "\n".join(found)  # ...and nothing of them is live
    for html_file in payload_site.rglob("*.html"):
        found = elements(html_file)
        for tag, _ in found.tags:
            assert tag not in ("textarea", "noscript", "xmp", "noembed", "noframes", "plaintext", "iframe", "object", "embed",
                               "base", "meta" if False else "", "template", "math"), f"{html_file.name}: <{tag}>"


# Fired at every element of a page: an event-handler attribute that got through would run.
FIRE_EVENTS = """() => {
  let fired = 0;
  for (const element of document.querySelectorAll("article *")) {
    for (const type of ["mouseover", "click", "focus", "toggle", "load", "error", "animationstart", "start", "pointerenter"]) {
      element.dispatchEvent(new Event(type, {bubbles: false})); fired += 1;
    }
  }
  const live = [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on")));
  const scripts = [...document.querySelectorAll("a[href], area[href], [src], [action], [formaction]")]
    .filter((e) => /^\\s*(javascript|vbscript|data):/i.test(e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action") || e.getAttribute("formaction") || ""));
  return {fired, live: live.map((e) => e.outerHTML.slice(0, 120)), scripts: scripts.map((e) => e.outerHTML.slice(0, 120))};
}"""


@pytest.mark.browser
def test_no_payload_runs_in_chromium_over_http_or_from_disk(browser, payload_site: Path) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from browser import Watch, new_context

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(payload_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        watch = Watch()
        context = new_context(browser, watch, allow=("file://", origin))
        page = context.new_page()
        ran: list[str] = []
        page.on("dialog", lambda dialog: (ran.append(f"{page.url}: dialog {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: ran.append(f"{page.url}: script error {error}"))
        pages = [p for p in sorted(payload_site.rglob("*.html")) if p.name != "404.html"]
        for html_file in pages:
            rel = html_file.relative_to(payload_site).as_posix()
            for url in (html_file.resolve().as_uri(), f"{origin}/{rel}"):
                page.goto(url)
                for details in page.locator("article details").all():
                    details.evaluate("(d) => { d.open = true; }")
                result = page.evaluate(FIRE_EVENTS)
                assert not result["live"] and not result["scripts"], (url, result)
        page.wait_for_timeout(300)  # a script injected with a delay would have run by now
        context.close()
        assert not ran, "\n".join(ran)
        assert not watch.outside, watch.outside
    finally:
        server.shutdown()


# --- files that are not Markdown: published only when of a safe kind --------------------------------

HOSTILE_ASSETS = [
    ("papers/notes.html", "<script>alert(document.domain)</script>", "HTML page"),
    ("papers/notes.htm", "<script>alert(1)</script>", "HTML page"),
    ("papers/notes.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>", "HTML page"),
    ("papers/diagram.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "SVG picture"),
    ("papers/diagram.SVG", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "SVG picture"),
    ("guides/x.js", "alert(1)", "script"),
    ("guides/x.mjs", "alert(1)", "script"),
    ("x.xml", "<x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>", "XML"),
    ("papers/notes.txt", "text", "unknown kind"),
    ("papers/strange-name.MD", "---\ntitle: x\n---\n", "rename it to strange-name.md"),
    ("papers/strange-name.markdown", "---\ntitle: x\nonerror: y\n---\n", "rename it to strange-name.md"),
]


@pytest.mark.parametrize("rel, text, words", HOSTILE_ASSETS, ids=[case[0] for case in HOSTILE_ASSETS])
def test_a_file_of_an_unsafe_or_unknown_kind_is_refused_with_its_path(mini: Path, rel: str, text: str, words: str) -> None:
    (mini / rel).write_text(text, encoding="utf-8")
    problems = [p for p in problems_of(mini) if rel in p]
    assert problems and words in problems[0], problems


@pytest.mark.parametrize("rel, words", [
    ("paper/x.md", "did you mean content/papers/x.md"),
    ("Papers/x.md", "did you mean content/papers/x.md"),
    ("notes/x.md", "is not one of the atlas's: papers in content/papers/<id>.md"),
])
def test_a_page_in_a_folder_of_no_kind_is_told_where_its_kind_lives(mini: Path, rel: str, words: str) -> None:
    (mini / rel).parent.mkdir(parents=True, exist_ok=True)
    (mini / rel).write_text("---\ntitle: x\nauthors: [A]\n---\nBody.\n", encoding="utf-8")
    problems = [p for p in problems_of(mini) if rel in p]
    assert problems and words in problems[0], problems


def test_no_refused_file_reaches_the_site_even_past_the_validator(payload_site: Path) -> None:
    for rel, _, _ in HOSTILE_ASSETS:
        assert not (payload_site / rel).exists(), rel
    assert (payload_site / "papers/transformer.html").is_file()


# --- values the fast check refuses instead of publishing (or crashing on) ---------------------------------


@pytest.mark.parametrize("rel, changes, words", [
    ("projects/toy-project.md", {"weeks": {"start": -10, "end": -5}}, "weeks are counted from 1"),
    ("projects/toy-project.md", {"weeks": {"start": 4, "end": 2}}, "reversed"),
    ("projects/toy-project.md", {"weeks": {"begin": 4}}, "'begin' is not part of one"),
    ("projects/toy-project.md", {"weeks": {"start": True}}, "whole number"),
    ("paths/demo-path/02-advanced.md", {"weeks": "3-700"}, "past week 520"),
    (PAPER, {"title": "Attention\u202e Is All You Need"}, "U+202E"),
    (PAPER, {"title": "Attention\u200b"}, "U+200B"),
    (PAPER, {"title": "x" * 10_800}, "at most 200"),
])
def test_values_the_site_cannot_show_are_refused(mini: Path, rel: str, changes: dict, words: str) -> None:
    replace_front_matter(mini, rel, **changes)
    problems = [p for p in problems_of(mini) if rel.rsplit("/", 1)[-1] in p]
    assert any(words in p for p in problems), problems


def test_titles_that_differ_only_in_unicode_normalisation_clash(mini: Path) -> None:
    replace_front_matter(mini, PAPER, title="Café Careers")
    replace_front_matter(mini, "papers/gpt-like.md", title="Cafe\u0301 Careers")
    problems = problems_of(mini)
    assert any("transformer.md" in p and "is also the title of" in p for p in problems), problems


def test_a_path_too_long_for_the_timeline_is_drawn() -> None:
    """Whatever length reaches the chart, it draws ticks (a path of 700 weeks once raised StopIteration)."""
    from types import SimpleNamespace

    from curriculum.read.field_types import WeekRange
    from curriculum.site.svg import timeline

    phase = SimpleNamespace(id="p/one", title="One", weeks=WeekRange(start=1, end=5000), number=1)
    path = SimpleNamespace(id="p", title="P", weeks=WeekRange(start=1, end=5000), phases=[phase])
    assert "<svg" in str(timeline(path))


def test_a_builds_on_cycle_is_told_in_every_file_of_it(mini: Path) -> None:
    replace_front_matter(mini, "papers/bert-like.md", builds_on=["gpt-like"])
    replace_front_matter(mini, "papers/gpt-like.md", builds_on=["bert-like"], year=yaml.safe_load(
        (mini / "papers/bert-like.md").read_text(encoding="utf-8").split("---\n")[1])["year"], arxiv=None, url="https://example.org/gpt")
    problems = [p for p in problems_of(mini) if "cycle" in p]
    assert any("bert-like.md:" in p for p in problems) and any("gpt-like.md:" in p for p in problems), problems


@pytest.mark.parametrize("value, words", [
    ("pyt\u043erch", "did you mean 'pytorch'?"),
    ("pytorch\u200b", "<U+200B>"),
])
def test_an_id_with_letters_that_look_latin_is_named_visibly(mini: Path, value: str, words: str) -> None:
    replace_front_matter(mini, "projects/toy-project.md", skills=[value])
    problems = [p for p in problems_of(mini) if "toy-project.md" in p]
    assert any(words in p for p in problems), problems


# --- mkdocs.yml: mistakes named with its line, never a traceback ---------------------------------------


@pytest.mark.parametrize("change, line, words", [
    (lambda text: text.replace("  - pymdownx.details\n", "  - pymdownx.detail\n", 1), None, "Did you mean 'pymdownx.details'?"),
    (lambda text: text.replace("site_name:", "\tsite_name:", 1), 1, "a tab"),
    (lambda text: text + "nav:\n  - Home: index.md\n", None, "would replace this one"),
    (lambda text: text.replace("  - pymdownx.details\n", "  - pymdownx.emoji:\n      emoji_index: !!python/name:nowhere.at_all\n", 1),
     "  - pymdownx.details\n", "names nothing this install has"),  # the line of the tag: where that entry was
])
def test_mistakes_in_mkdocs_yml_are_problems_of_mkdocs_yml(mini: Path, tmp_path: Path, change, line: int | str | None, words: str) -> None:
    import curriculum.loader
    from curriculum.repository import read_config

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if isinstance(line, str):  # the line after the one holding `line`, as mkdocs.yml stands
        line = text[: text.index(line)].count("\n") + 2
    config = tmp_path / "mkdocs.yml"
    config.write_text(change(text), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(curriculum.loader, "read_config", lambda: read_config(config))
        problems = problems_of(mini)
    assert problems[0].startswith("mkdocs.yml:") and words in problems[0], problems
    if line is not None:
        assert problems[0].startswith(f"mkdocs.yml:{line}:"), problems


def test_material_s_documented_python_name_tags_read(tmp_path: Path) -> None:
    from curriculum.repository import markdown_extensions, read_config

    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - pymdownx.details\n", "  - pymdownx.details\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n", 1), encoding="utf-8")
    assert read_config(config).problems == []
    assert callable(markdown_extensions(config)[1]["pymdownx.emoji"]["emoji_index"])


def test_mkdocs_yml_reads_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python objects (Material documents pymdownx's slugify this way), !ENV with the environment's
    value, and a parent file named by INHERIT, deep-merged under this one's settings."""
    from curriculum.repository import markdown_extensions, read_config

    (tmp_path / "base.yml").write_text("extra:\n  from_parent: kept\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      permalink: true\n",
        "      permalink: !ENV [ATLAS_TEST_PERMALINK, true]\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n", 1)
        .replace("site_name:", "INHERIT: base.yml\nsite_name:", 1), encoding="utf-8")
    monkeypatch.setenv("ATLAS_TEST_PERMALINK", "¶")
    assert read_config(config).problems == []
    names, settings = markdown_extensions(config)
    assert settings["toc"]["permalink"] == "¶"
    assert settings["toc"]["slugify"]("Ünïcode Heading", "-") == "ünïcode-heading"
    data = read_config(config).data
    assert data["extra"]["from_parent"] == "kept" and "polyfills" in data["extra"] and "INHERIT" not in data
    assert "toc" in names


def test_an_inherited_file_that_is_missing_is_a_problem_of_mkdocs_yml(tmp_path: Path) -> None:
    from curriculum.repository import read_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: nowhere.yml\nsite_name: x\n", encoding="utf-8")
    assert read_config(config).problems == [(1, "INHERIT", "names 'nowhere.yml', which does not exist beside mkdocs.yml")]


# --- how a page reads: what the tests of the built site check, said by the fast check ------------------


@pytest.mark.parametrize("body, words", [
    ("## Notes\n\n#### Too deep\n", "h4 after an h2"),
    ("# A second title\n", "is a second h1"),
    ("![](figure-1.png)\n", "no text alternative"),
    ('<img src="figure-1.png">\n', "no alt text"),
    ("See [](bert-like.md).\n", "a link with no text"),
])
def test_what_the_built_site_s_tests_refuse_the_fast_check_refuses(mini: Path, body: str, words: str) -> None:
    path = mini / PAPER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    problems = [p for p in problems_of(mini) if words in p]
    assert problems and "transformer.md:" in problems[0], problems_of(mini)


def test_a_page_nothing_links_to_is_refused(mini: Path) -> None:
    (mini / "study-group.md").write_text("---\ntitle: Study group\n---\nMeet on Tuesdays.\n", encoding="utf-8")
    problems = [p for p in problems_of(mini) if "study-group.md" in p]
    assert problems and "no other page links to this one" in problems[0], problems


@pytest.mark.parametrize("rel, text, words", [
    ("papers/notes.html", "<script>alert(1)</script>", "papers/notes.html: is not a kind of file"),
    ("papers/diagram.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "papers/diagram.svg: is not a kind of file"),
    (PAPER, None, "transformer.md:"),
])
def test_the_strict_build_stops_on_what_validate_refuses_with_the_file_and_no_traceback(mini: Path, tmp_path: Path, rel: str,
                                                                                         text: str | None, words: str) -> None:
    if text is None:  # a body payload
        with (mini / rel).open("a", encoding="utf-8") as page:
            page.write('\n\n<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>\n')
    else:
        (mini / rel).write_text(text, encoding="utf-8")
    replace_front_matter(mini, "projects/toy-project.md", weeks={"start": -10, "end": -5})
    output = failed_build(mini, tmp_path)
    assert words in output and "toy-project.md" in output and "weeks are counted from 1" in output, output
    assert "Traceback" not in output
