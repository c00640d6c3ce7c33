"""No broken link anywhere in the built site: pages, #anchors, pictures, scripts, styles, CSS url()s,
the sitemap and the search index's locations. External links are checked for form and scheme only
(`make linkcheck-online` asks their hosts; it never runs in the tests).
"""

from __future__ import annotations

import html.parser
import http.server
import sys
import threading
from pathlib import Path

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import linkcheck

SITE_URL = linkcheck.site_url_from(ROOT / "mkdocs.yml")


def test_site_url_and_sitemap_are_set(samples_site: Path) -> None:
    assert SITE_URL and SITE_URL.startswith("https://")
    sitemap = (samples_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}papers/transformer.html</loc>" in sitemap
    assert (samples_site / "sitemap.xml.gz").is_file()


def test_fixture_site_has_no_broken_link(samples_site: Path) -> None:
    report = linkcheck.check_site(samples_site, SITE_URL)
    assert not report.broken, "\n".join(report.broken)
    assert report.pages >= 20 and report.checked > 500
    assert "https://example.org/docs" in report.external  # the samples page's outside link was seen


def test_real_site_has_no_broken_link(real_site: Path) -> None:
    report = linkcheck.check_site(real_site, SITE_URL)
    assert not report.broken, "\n".join(report.broken)


def test_the_offline_zip_the_home_page_links_is_the_one_the_deploy_publishes(real_site: Path, tmp_path: Path) -> None:
    """No build writes the zip (`make pages` adds it), so every build links it at its hosted
    address, which works from a preview and a copy on disk alike; the home page, the checker
    and the Makefile name the same file, and a link to it written relative is dead."""
    from curriculum.plan.pages import OFFLINE_ZIP

    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}{OFFLINE_ZIP}" download' in home
    assert not (real_site / OFFLINE_ZIP).exists()
    assert linkcheck.PUBLISHED_BESIDE == (OFFLINE_ZIP,)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"cp site.zip site/{OFFLINE_ZIP}" in makefile
    write(tmp_path / "index.html", f'<a href="{OFFLINE_ZIP}">zip</a>')
    broken = linkcheck.check_site(tmp_path, SITE_URL).broken
    assert len(broken) == 1 and f"at its hosted address, {SITE_URL}{OFFLINE_ZIP}" in broken[0]


def test_a_site_with_no_address_offers_no_download() -> None:
    """Without a site_url (a fork with no Pages site) there is no hosted zip to link, so the home
    page offers none and says nothing of unzipping it."""
    from curriculum import load
    from curriculum.site.render import Renderer
    from sitebuild import FIXTURES

    home = Renderer(load(FIXTURES / "mini")).page("index.md")
    offline = home[home.index('<div class="atlas-offline">'):]
    assert "works with no network" in offline
    assert "Download the site" not in offline and "Unzip it" not in offline


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_checker_finds_every_kind_of_break(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", """<html><head><link rel="stylesheet" href="style.css"><link rel="canonical" href="https://example.org/atlas/gone.html"></head>
<body><h1 id="top">Home</h1>
<a href="a/page.html#ok">fine</a> <a href="#top">fine</a> <a href="a/">fine, a folder</a>
<a href="missing.html">missing page</a>
<a href="a/page.html#nowhere">missing anchor</a>
<img src="pic.png" alt="missing picture">
<a href="javascript:alert(1)">script</a>
<a href="JaVaScRiPt:alert(1)">script</a>
<a href="https://exa mple.org/">bad host</a>
<a href="http://localhost:99999/">bad port</a>
<a href="/absolute.html">root-relative</a>
<a href="//cdn.example.org/x.js">protocol-relative</a>
<a href="../../outside.html">outside</a>
<div style="background: url('bg.png')"></div>
<a href="https://example.org/fine">fine, external</a>
</body></html>""")
    write(site / "a" / "page.html", '<h2 id="ok">ok</h2>')
    write(site / "a" / "index.html", "<p>folder index</p>")
    write(site / "style.css", "body { background: url(data:image/png;base64,AAAA) } .x { background: url(\"img/none.svg\") }")
    write(site / "sitemap.xml", "<urlset><url><loc>https://example.org/atlas/a/page.html</loc></url><url><loc>https://example.org/atlas/nope.html</loc></url></urlset>")
    report = linkcheck.check_site(site, "https://example.org/atlas/")
    broken = "\n".join(report.broken)
    for expected in ("missing.html", "'nowhere'", "pic.png", "'javascript:'", "JaVaScRiPt:alert", "exa mple.org", "99999",
                     "root-relative", "protocol-relative", "outside the site", "bg.png", "img/none.svg", "nope.html", "gone.html"):
        assert expected in broken, f"{expected} not reported in:\n{broken}"
    assert len(report.broken) == 14, broken
    assert list(report.external) == ["https://example.org/fine"]


@pytest.mark.parametrize("url, ok", [
    ("https://arxiv.org/abs/1706.03762", True),
    ("http://example.org:8080/a?b=c#d", True),
    ("https://xn--bcher-kva.example/", True),
    ("https://bücher.example/", True),
    ("https://example", False),
    ("https://exa_mple.org/", False),
    ("https:///path", False),
    ("ftp://example.org/", False),
    ("https://example.org/a b", False),
])
def test_external_syntax(url: str, ok: bool) -> None:
    assert (linkcheck.external_problem(url) is None) == ok


def test_online_check_reports_a_dead_link(tmp_path: Path) -> None:
    """The online check, against a server on this machine: 200 is fine, 404 is broken."""
    (tmp_path / "here.html").write_text("hello", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results = linkcheck.check_online([f"{base}/here.html", f"{base}/gone.html"], workers=2, timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    assert results[f"{base}/here.html"][0] == "ok"
    assert results[f"{base}/gone.html"][:2] == ("broken", 404)


class _ArticleIds(html.parser.HTMLParser):
    """The ids (and <a name>s) inside a built page's article: its content, without the theme's."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # elements open inside the article, 0 outside it
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in VOID
            self.found.update(value for key, value in attrs.items() if value and (key == "id" or (key == "name" and tag == "a")))
        elif tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def test_the_validator_knows_the_anchors_of_every_built_page(samples_site: Path) -> None:
    """The fast check's anchors of each page are those of the built page's content, every one:
    headings, attr_list ids on paragraphs, footnotes, raw HTML (the samples page has each)."""
    from curriculum.rules.links import LinkTargets
    from curriculum.site.render import Renderer
    from curriculum.site.site import load

    content = samples_site.parent / "content"
    curriculum = load(content)
    site = LinkTargets(curriculum, "content/", Renderer(curriculum))
    assert {"fn:1", "fnref:1"} <= site.ids("samples.md")
    for rel in [*curriculum.by_src, *sorted(site.generated)]:
        built = samples_site / rel.replace(".md", ".html")
        reader = _ArticleIds()
        reader.feed(built.read_text(encoding="utf-8"))
        assert reader.found, f"{rel}: no article read in {built}"
        # Code lines' ids are written by pymdownx.highlight after conversion, where MkDocs'
        # anchor validation does not see them either: a link to one fails the strict build.
        built_ids = {anchor for anchor in reader.found if not anchor.startswith("__codelineno-")}
        assert site.ids(rel) == built_ids, (f"{rel}: the validator misses {sorted(built_ids - site.ids(rel))} "
                                            f"and has {sorted(site.ids(rel) - built_ids)} the build does not make")
