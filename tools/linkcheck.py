"""Check every link of a built site: pages, #anchors, images, scripts, styles and CSS url()s.

    python tools/linkcheck.py site            # internal links; external ones for syntax and scheme
    python tools/linkcheck.py site --online   # and ask each external host (make linkcheck-online)

Internal targets must exist in the built folder, and a #fragment must name an
element id of the target page. Links into the published site (its `site_url`:
the canonical links, the sitemap) are checked against the built files too. The
search index's locations are links as well: a search result must open a page
and land on its heading. External links may only be https:// or http:// with a
valid host; the online check is separate because the network is not always there
(and hosts come and go), so it never runs in the tests.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = ("http", "https")
# Attributes that load or link to something, per tag ("*": any tag).
LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "button": ("formaction",),
    "input": ("formaction",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
# Files the deploy publishes at the site's root beside the built pages (`make pages`
# copies the offline zip there): a build alone does not have them, so a link to one
# must name its hosted address (site_url), which works from any build; written relative,
# it would be dead in every site but the published one. hooks/curriculum/plan/pages.py
# names the zip too.
PUBLISHED_BESIDE = ("ai-engineering-atlas.zip",)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass
class Ref:
    page: str  # site-relative file the reference is in
    line: int
    what: str  # e.g. '<a href>' or 'url()'
    url: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.what} {self.url[:120]!r}"


@dataclass
class Report:
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[Ref]] = field(default_factory=dict)
    checked: int = 0
    pages: int = 0


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str]] = []  # line, what, url
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        for name in LINK_ATTRS.get(tag, ()):
            value = values.get(name)
            if value is None:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((line, f"<{tag} srcset>", candidate.split()[0]))
            else:
                self.refs.append((line, f"<{tag} {name}>", value))
        if values.get("style"):
            for match in _CSS_URL.finditer(values["style"]):
                self.refs.append((line, f"<{tag} style> url()", next(g for g in match.groups() if g is not None)))
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            for match in _CSS_URL.finditer(data):
                self.refs.append((self.getpos()[0], "<style> url()", next(g for g in match.groups() if g is not None)))


def external_problem(url: str) -> str | None:
    """Why an absolute URL is not a well-formed http(s) link, or None."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "contains spaces or control characters"
    parts = urlsplit(url)
    if parts.scheme.lower() not in EXTERNAL_SCHEMES:
        return f"the scheme '{parts.scheme}:' is not allowed (only https:// and http://)"
    try:
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        return f"the address cannot be read ({error})"
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        return f"the host '{host}' is not a valid name"
    if not ascii_host or not (_HOST.match(ascii_host) or re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", ascii_host)):
        return f"the host '{host}' is not a valid name"
    if "." not in ascii_host and ascii_host != "localhost":
        return f"the host '{host}' has no domain"
    return None


class SiteChecker:
    def __init__(self, site: Path, site_url: str | None = None):
        self.site = site.resolve()
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.report = Report()
        self.ids: dict[str, set[str]] = {}
        self.refs: list[Ref] = []

    # --- reading ----------------------------------------------------------

    def read(self) -> None:
        for path in sorted(self.site.rglob("*")):
            rel = path.relative_to(self.site).as_posix()
            if path.suffix == ".html":
                parser = _Page()
                parser.feed(path.read_text(encoding="utf-8", errors="replace"))
                parser.close()
                self.ids[rel] = parser.ids
                self.refs += [Ref(rel, line, what, url) for line, what, url in parser.refs]
                self.report.pages += 1
            elif path.suffix == ".css":
                text = path.read_text(encoding="utf-8", errors="replace")
                for match in _CSS_URL.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    self.refs.append(Ref(rel, line, "url()", next(g for g in match.groups() if g is not None)))
        self._sitemap()
        self._search_index()

    def _sitemap(self) -> None:
        sitemap = self.site / "sitemap.xml"
        if not sitemap.is_file():
            return
        text = sitemap.read_text(encoding="utf-8")
        for match in re.finditer(r"<loc>([^<]*)</loc>", text):
            line = text.count("\n", 0, match.start()) + 1
            self.refs.append(Ref("sitemap.xml", line, "<loc>", match[1].strip()))

    def _search_index(self) -> None:
        index = self.site / "search" / "search_index.json"
        if not index.is_file():
            return
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            # Locations are relative to the site root; the root page is "".
            self.refs.append(Ref("search/search_index.json", 0, "search result", doc.get("location", "") or "./"))

    # --- checking ---------------------------------------------------------

    def target(self, ref: Ref) -> tuple[str, str] | str:
        """(site-relative file, fragment) for an internal reference, or a problem."""
        url = ref.url.strip()
        parts = urlsplit(url)
        base_dir = PurePosixPath(ref.page).parent if ref.page != "search/search_index.json" else PurePosixPath("")
        hosted = False
        if ref.page == "sitemap.xml" or parts.scheme:
            if self.site_url and url.startswith(self.site_url):
                hosted = True
                path = url[len(self.site_url):]
                parts = urlsplit(path)
                base_dir = PurePosixPath("")
            else:
                return "external"
        if parts.netloc or url.startswith("//"):
            return "protocol-relative links are not allowed; write https:// in full"
        path = unquote(parts.path)
        if not path:
            return ref.page, unquote(parts.fragment)
        joined = PurePosixPath(*(base_dir / path).parts) if not path.startswith("/") else None
        if joined is None:
            return f"a root-relative link ('{path}') breaks when the site is opened from disk or served under a sub-path; make it relative"
        resolved: list[str] = []
        for part in joined.parts:
            if part in ("", "."):
                continue
            if part == "..":
                if not resolved:
                    return "points outside the site"
                resolved.pop()
            else:
                resolved.append(part)
        rel = "/".join(resolved)
        full = self.site / rel if rel else self.site
        if full.is_dir() or path.endswith("/"):
            rel = (rel + "/index.html").lstrip("/")
            full = self.site / rel
        if not full.is_file():
            if rel not in PUBLISHED_BESIDE:
                return f"there is no file {rel or 'index.html'} in the site"
            if not hosted:
                return (f"{rel} is published beside the pages by the deploy, not written by a build: "
                        f"link it at its hosted address, {self.site_url or 'site_url'}{rel}")
        return rel, unquote(parts.fragment)

    def check(self) -> Report:
        self.read()
        for ref in self.refs:
            self.report.checked += 1
            url = ref.url.strip()
            scheme = urlsplit(url).scheme.lower() if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else ""
            if scheme == "data" and ("url()" in ref.what or ref.what.startswith(("<img", "<source", "<link"))):
                continue  # inline images and icons of the theme's CSS
            if scheme and scheme not in EXTERNAL_SCHEMES:
                self.report.broken.append(f"{ref}: the scheme '{scheme}:' is never linked from the site")
                continue
            found = self.target(ref)
            if found == "external":
                problem = external_problem(url)
                if problem:
                    self.report.broken.append(f"{ref}: {problem}")
                else:
                    self.report.external.setdefault(url, []).append(ref)
                continue
            if isinstance(found, str):
                self.report.broken.append(f"{ref}: {found}")
                continue
            rel, fragment = found
            if fragment and rel.endswith(".html") and fragment not in self.ids.get(rel, set()):
                self.report.broken.append(f"{ref}: {rel} has no element with id '{fragment}'")
        return self.report


def check_site(site: Path, site_url: str | None = None) -> Report:
    return SiteChecker(site, site_url).check()


# --- online ------------------------------------------------------------------


def fetch_status(url: str, timeout: float = 20.0) -> tuple[str, int | None, str]:
    """('ok' | 'unsure' | 'broken', HTTP status, detail) for one external URL."""
    headers = {"User-Agent": "ai-engineering-atlas-linkcheck/1 (+https://github.com/ai-engineering-atlas/atlas)"}
    last: tuple[str, int | None, str] = ("broken", None, "no answer")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url.split("#")[0], method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return "ok", response.status, ""
        except urllib.error.HTTPError as error:
            # Many hosts refuse HEAD or robots; 401/403/429 say "exists, but not for you".
            last = ("unsure" if error.code in (401, 403, 429) else "broken", error.code, error.reason or "")
            if error.code in (404, 410):
                return last
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            last = ("broken", None, str(getattr(error, "reason", error)))
    return last


def check_online(urls: list[str], workers: int = 8, timeout: float = 20.0) -> dict[str, tuple[str, int | None, str]]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(lambda u: fetch_status(u, timeout), urls)))


def site_url_from(config: Path) -> str | None:
    if not config.is_file():
        return None
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    return match[1].strip("'\"") if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    parser.add_argument("--site-url", help="the published address (default: site_url of mkdocs.yml)")
    parser.add_argument("--online", action="store_true", help="also request every external link")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} is not a built site (no index.html); run `make build` first", file=sys.stderr)
        return 2
    site_url = args.site_url or site_url_from(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    report = check_site(site, site_url)
    for line in report.broken:
        print(line)
    print(f"{report.pages} pages, {report.checked} links checked, {len(report.broken)} broken, {len(report.external)} external addresses")
    failed = bool(report.broken)
    if args.online:
        urls = sorted(report.external)
        print(f"requesting {len(urls)} external addresses ...")
        for url, (state, status, detail) in sorted(check_online(urls).items()):
            if state != "ok":
                where = ", ".join(sorted({r.page for r in report.external[url]})[:3])
                print(f"{state}: {url} ({status or detail}) linked from {where}")
                failed = failed or state == "broken"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
