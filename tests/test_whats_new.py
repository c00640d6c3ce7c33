"""What's new: a page and an Atom feed of what was added, changed and checked again, newest first,
made from the pages' own dates (added, changes, checked), so that every checkout builds the same."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from curriculum import Hosting, Site, load
from curriculum.exports.feed import atom
from curriculum.exports.history import FEED_ENTRIES, LINKS_SHOWN, MONTHS_SHOWN
from sitebuild import ROOT, add_content
from test_build import article_links, resolves

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://ai-engineering-atlas.github.io/atlas/"  # mkdocs.yml's, which the fixture builds use


def headings(html: str, level: int) -> list[str]:
    return [re.sub(r"<[^>]+>|¶|&para;", "", h).strip() for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.DOTALL)]


def section(html: str, month: str) -> str:
    """The part of the page under the heading of `month` ('December 2026'), up to the next month."""
    start = html.index(f">{month}<")
    following = re.search(r"<h2\b", html[start:])
    return html[start : start + following.start()] if following else html[start:]


# --- the page ------------------------------------------------------------------------------------


def test_the_page_lists_each_month_newest_first(mini_site: Path) -> None:
    html = (mini_site / "whats-new.html").read_text(encoding="utf-8")
    assert headings(html, 2) == ["December 2026", "November 2026"]
    assert headings(html, 3) == ["Added in December 2026", "Changed in December 2026", "Checked again in December 2026", "Added in November 2026"]


def test_a_month_links_what_was_added_changed_and_checked_again(mini_site: Path) -> None:
    page = mini_site / "whats-new.html"
    html = page.read_text(encoding="utf-8")
    december = section(html, "December 2026")
    assert "2 papers and 1 project added; 1 change to pages; 4 pages re-checked against their sources." in december
    added = december[: december.index("Changed in December 2026")]
    assert 'href="papers/bert-like.html"' in added and 'href="papers/gpt-like.html"' in added and 'href="projects/stretch-project.html"' in added
    changed = december[december.index("Changed in December 2026") : december.index("Checked again")]
    assert 'href="paths/demo-path/02-advanced.html"' in changed and "Adds a track on alignment, with its own paper and project" in changed
    # Checked again: what was added before and checked this month, but not the phase that changed (said above).
    again = december[december.index("Checked again") :]
    assert "3 phases" not in again and "1 phase, 1 paper, 1 project and 1 guide checked against their sources again" in again
    assert 'href="papers/transformer.html"' in again and 'href="paths/demo-path/02-advanced.html"' not in again
    # Every link leads to a page of the site.
    for href in article_links(page):
        if not href.startswith(("http", "#")):
            assert resolves(page, href).is_file(), href


def test_the_page_is_linked_from_the_home_page_and_every_footer(mini_site: Path) -> None:
    home = mini_site / "index.html"
    assert (mini_site / "whats-new.html").resolve() in {resolves(home, h) for h in article_links(home)}
    assert "December 2026: 2 papers and 1 project added" in home.read_text(encoding="utf-8")
    for page in (home, mini_site / "papers" / "transformer.html", mini_site / "paths" / "demo-path" / "01-basics.html"):
        footer = re.search(r'<nav class="atlas-footer-links"[^>]*>(.*?)</nav>', page.read_text(encoding="utf-8"), re.DOTALL)
        assert footer and re.search(r'href="[./]*whats-new\.html">What(&#39;|\')s new</a>', footer[1]), page


def test_the_home_and_whats_new_pages_announce_the_feed(mini_site: Path) -> None:
    announce = '<link rel="alternate" type="application/atom+xml" title="What\'s new in AI Engineering Atlas" href="feed.xml">'
    for rel in ("index.html", "whats-new.html"):
        assert announce in (mini_site / rel).read_text(encoding="utf-8"), rel
    assert "application/atom+xml" not in (mini_site / "papers" / "transformer.html").read_text(encoding="utf-8")


def test_a_search_finds_a_paper_on_its_page_not_on_whats_new(mini_site: Path) -> None:
    """The month lists name many papers and projects: they are kept out of the search index."""
    import json

    docs = json.loads((mini_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = [doc for doc in docs if doc["location"].startswith("whats-new.html")]
    assert found and not [doc["location"] for doc in found if "BERT" in doc["text"] or "Stretch Project" in doc["text"]]
    assert any("BERT" in doc["text"] or "BERT" in doc["title"] for doc in docs if doc["location"].startswith("papers/bert-like.html"))

def _spread_over_months(content: Path, months: int) -> None:
    """Date the fixture's extra papers one a month, from January 2024 on."""
    for i in range(months):
        path = content / "papers" / f"extra-paper-{i:03d}.md"
        month = f"{2024 + i // 12}-{i % 12 + 1:02d}"
        path.write_text(path.read_text(encoding="utf-8").replace('added: "2026-12"', f'added: "{month}"'), encoding="utf-8")


def test_the_page_shows_the_newest_months_and_sums_up_the_rest(mini: Path) -> None:
    add_content(mini, 30)
    _spread_over_months(mini, 30)  # January 2024 to June 2026, then the fixture's own months
    html = Site.load(mini).generated_pages()["whats-new.md"]
    months = [line[3:] for line in html.splitlines() if line.startswith("## ")]
    assert len(months) == MONTHS_SHOWN + 1 and months[-1] == "Earlier"
    assert months[:3] == ["December 2026", "November 2026", "June 2026"]
    assert "Before September 2025: 20 pages added." in html  # January 2024 to August 2025: 20 papers, one a month


def test_a_month_with_many_new_pages_links_some_and_counts_the_rest(mini: Path) -> None:
    add_content(mini, 3 * LINKS_SHOWN)
    html = Site.load(mini).generated_pages()["whats-new.md"]
    papers = next(line for line in html.splitlines() if line.startswith("- **"))
    assert papers.startswith(f"- **{3 * LINKS_SHOWN + 2} papers**")
    assert papers.count("](papers/") - papers.count("](papers/index.md)") == LINKS_SHOWN
    assert papers.endswith(f"and {2 * LINKS_SHOWN + 2} more in [the papers index](papers/index.md)")


def test_a_page_changed_twice_in_a_month_is_listed_once_with_both_notes(mini: Path) -> None:
    path = mini / "paths" / "demo-path" / "02-advanced.md"
    path.write_text(path.read_text(encoding="utf-8").replace("changes:\n", 'changes:\n  - {date: "2026-12", note: "Reads BERT first"}\n'), encoding="utf-8")
    page = Site.load(mini).generated_pages()["whats-new.md"]
    changed = [line for line in page.splitlines() if line.startswith("- ") and "02-advanced.md" in line and "Reads BERT first" in line]
    assert changed == [("- [Demo Path](paths/demo-path/index.md) › [Advanced](paths/demo-path/02-advanced.md): Reads BERT first. "
                       "Adds a track on alignment, with its own paper and project.")]


# --- the feed ------------------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_what_it_must_carry(mini_site: Path) -> None:
    text = (mini_site / "feed.xml").read_bytes()
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    # RFC 4287's required elements, read with a plain XML parser too.
    feed = ET.fromstring(text)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "AI Engineering Atlas"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": SITE_URL + "feed.xml", "alternate": SITE_URL + "whats-new.html"}
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), (name, ET.tostring(entry))
        assert re.fullmatch(r"\d{4}-\d{2}-01T00:00:00Z", entry.findtext(f"{ATOM}updated"))
        [link] = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href").startswith(SITE_URL)
        target = link.get("href").removeprefix(SITE_URL).split("#")[0]
        assert (mini_site / target).is_file(), target
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:ai-engineering-atlas.github.io,2026:atlas/") for i in ids)
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated") == "2026-12-01T00:00:00Z"


def test_the_feed_lists_recent_changes_newest_first(mini_site: Path) -> None:
    parsed = feedparser.parse((mini_site / "feed.xml").read_bytes())
    titles = [entry.title for entry in parsed.entries]
    assert titles == [
        "New paper: BERT: Pre-training of Deep Bidirectional Transformers (BERT)",
        "New paper: Improving Language Understanding by Generative Pre-Training (GPT)",
        "New project: Stretch Project",
        "Changed phase: Advanced (Demo Path)",
        "Checked again in December 2026: 1 phase, 1 paper, 1 project and 1 guide",
        "New phase: Basics (Demo Path)",
        "New phase: Advanced (Demo Path)",
        "New paper: Attention Is All You Need (Transformer)",
        "New project: Toy Project",
        "New guide: How to Get Started with AI Research",
    ]
    changed = parsed.entries[3]
    assert changed.summary == "Adds a track on alignment, with its own paper and project"
    assert changed.link == SITE_URL + "paths/demo-path/02-advanced.html"
    assert parsed.entries[4].link == SITE_URL + "whats-new.html#december-2026"
    assert parsed.entries[0].summary  # a new paper's key contribution


def test_the_feed_keeps_its_newest_entries(mini: Path) -> None:
    add_content(mini, FEED_ENTRIES + 10)
    text = atom(load(mini), Hosting(SITE_URL), "Atlas")
    assert len(feedparser.parse(text).entries) == FEED_ENTRIES


def test_the_feed_escapes_hostile_titles_and_drops_what_xml_cannot_carry(mini: Path) -> None:
    hostile = 'R&D <script>alert(1)</script> \\"quoted\\" ]]> \\x0b\\x1f tab\\tend'
    path = mini / "papers" / "bert-like.md"
    path.write_text(re.sub(r"^title: .*$", lambda _: f'title: "{hostile}"', path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE), encoding="utf-8")
    text = atom(load(mini), Hosting(SITE_URL), 'Atlas <b>&</b>')
    feed = ET.fromstring(text.encode("utf-8"))  # well-formed XML, or this raises
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert 'New paper: R&D <script>alert(1)</script> "quoted" ]]>  tab\tend (BERT)' in titles
    assert feed.findtext(f"{ATOM}title") == "What's new in Atlas <b>&</b>"
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert not feedparser.parse(text).bozo


def test_the_feed_is_the_same_bytes_every_time(mini: Path) -> None:
    first = atom(load(mini), Hosting(SITE_URL), "Atlas")
    assert atom(load(mini), Hosting(SITE_URL), "Atlas") == first


def test_a_site_without_an_address_has_no_feed(mini: Path) -> None:
    assert atom(load(mini), Hosting(""), "Atlas") is None
    site = Site.load(mini)
    assert site.feed_files("Atlas") == {} and site.feed_link("index.md") is None
    assert "Atom feed" not in site.generated_pages()["whats-new.md"]


@pytest.mark.parametrize("kind", ["paper", "phase", "project", "guide"])
def test_every_dated_kind_can_be_new(mini_site: Path, kind: str) -> None:
    titles = [entry.title for entry in feedparser.parse((mini_site / "feed.xml").read_bytes()).entries]
    assert any(title.startswith(f"New {kind}: ") for title in titles)


# --- the real content's dates against its history ----------------------------------------------


def first_added(root: Path) -> dict[str, set[str]]:
    """Content file -> the months (author's and committer's) of the commit that first added it,
    from git; {} where git or its full history is not there (a shallow CI checkout)."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)

    if not shutil.which("git") or git("rev-parse", "--is-shallow-repository").stdout.strip() != "false":
        return {}
    log = git("log", "--diff-filter=A", "--format=@%as %cs", "--name-only", "--", "content")
    found: dict[str, set[str]] = {}
    months: set[str] = set()
    for line in log.stdout.splitlines():
        if line.startswith("@"):
            months = {day[:7] for day in line[1:].split()}
        elif line.strip():
            found[line.strip()] = months  # the log runs newest first: the oldest addition is kept
    return found


def test_every_added_month_agrees_with_the_repository_history() -> None:
    """What's new says a page is new in its `added` month: that is the month its file was first
    committed (by its author's or its committer's date), or, for a renamed page, no later."""
    history = first_added(ROOT)
    if not history:
        pytest.skip("needs git and the repository's full history (CI checks out two commits)")
    curriculum = load(ROOT / "content")
    wrong = []
    for group in (curriculum.papers, curriculum.phases, curriculum.projects, curriculum.guides):
        for entity in group.values():
            months = history.get(f"content/{entity.src}")
            if months is None or entity.meta.added is None:
                continue  # not committed yet, or undated (a --strict warning of its own)
            renamed = bool(entity.meta.old_ids or (entity.kind == "phase" and entity.path.meta.old_ids))
            if entity.meta.added not in months and not (renamed and entity.meta.added < min(months)):
                wrong.append(f"{entity.src}: added {entity.meta.added}, first committed in {' or '.join(sorted(months))}")
    assert not wrong, "\n".join(wrong)


# --- in the browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_announcing_the_feed_costs_no_request(page, mini_site: Path) -> None:
    """Material takes a <link rel="alternate"> for a translation and would fetch the sitemap beside
    it (refused from disk, with an error the `page` fixture would report); page.js keeps it from
    looking, and the link reads "alternate" again once the page has loaded."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for rel in ("index.html", "whats-new.html"):
        page.goto((mini_site / rel).resolve().as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("[...document.querySelectorAll('link[type=\"application/atom+xml\"]')].map((link) => link.rel)") == ["alternate"]
    assert not [url for url in requested if "sitemap" in url], requested

