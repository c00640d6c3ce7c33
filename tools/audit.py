"""Lighthouse on the built site, served as GitHub Pages serves it: `make audit`.

    python tools/audit.py [site] [--runs N] [--keep DIR]

Serves the built folder over HTTP on 127.0.0.1, under the path of `site_url`
(as GitHub Pages serves a project site), gzip-compressed with a short cache
lifetime, and runs Lighthouse (the npm package pinned in package-lock.json)
with its default mobile settings on the home page, the first phase page, the
paper index and a paper page. Prints the scores and exits non-zero when
performance is under 95 or accessibility, best practices or SEO under 100.

Lighthouse drives Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default);
it is slow (half a minute a page), so it is not part of `make test`.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync"
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ics")


def site_path(config: Path = ROOT / "mkdocs.yml") -> str:
    """'/atlas/' for site_url https://ai-engineering-atlas.github.io/atlas/."""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip().strip("'\"")).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


def make_handler(site: Path, prefix: str):
    compressed: dict[Path, bytes] = {}  # each file is gzipped once, as a CDN would cache it

    class Pages(http.server.BaseHTTPRequestHandler):
        """Static files like GitHub Pages: gzip when asked, 10-minute cache, 404.html for what is missing."""

        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_HEAD(self) -> None:
            self.respond(head=True)

        def do_GET(self) -> None:
            self.respond(head=False)

        def file_for(self, url_path: str) -> Path | None:
            if not url_path.startswith(prefix):
                return None
            rel = unquote(url_path[len(prefix):])
            target = (site / rel).resolve()
            if site.resolve() not in target.parents and target != site.resolve():
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

        def respond(self, head: bool) -> None:
            path = urlsplit(self.path).path
            if path + "/" == prefix:
                self.send_response(301)
                self.send_header("Location", prefix)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = self.file_for(path)
            status = 200
            if target is None:
                status, target = 404, site / "404.html"
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
                kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "max-age=600")
            if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                if target not in compressed:
                    compressed[target] = gzip.compress(body, compresslevel=6, mtime=0)
                body = compressed[target]
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Pages


class Server:
    def __init__(self, site: Path, prefix: str):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site, prefix))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def pages_to_audit(site: Path) -> list[str]:
    """The home page, the first phase, the paper index and the first paper, from the public export."""
    data = json.loads((site / "api" / "curriculum.json").read_text(encoding="utf-8"))
    pages = ["index.html"]
    phases = [phase["url"] for path in data["paths"] for phase in path["phases"]]
    if phases:
        pages.append(phases[0])
    pages.append("papers/index.html")
    if data["papers"]:
        pages.append(data["papers"][0]["url"])
    return pages


def lighthouse(url: str, out: Path) -> tuple[dict[str, float], dict]:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        shutil.which("node") or "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={out}", "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return {key: round((category["score"] or 0) * 100) for key, category in report["categories"].items()}, report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost points in a category, for the message."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median score counts (default 1)")
    parser.add_argument("--keep", help="keep the Lighthouse JSON reports in this folder")
    parser.add_argument("--page", action="append", help="a site-relative page to audit instead of the default four (repeatable)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} is not a built site; run `make build` first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE} is missing; run `npm ci` (make audit does)", file=sys.stderr)
        return 2
    keep = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="atlas-audit-"))
    keep.mkdir(parents=True, exist_ok=True)
    pages = args.page or pages_to_audit(site)
    failed = False
    print(f"{'page':<48} " + " ".join(f"{k:>14}" for k in THRESHOLDS))
    with Server(site, site_path()) as server:
        for rel in pages:
            runs = []
            for run in range(args.runs):
                out = keep / f"{rel.replace('/', '__')}.{run}.json"
                runs.append(lighthouse(server.base + rel, out))
            scores = {key: statistics.median(r[0][key] for r in runs) for key in THRESHOLDS}
            low = [key for key, minimum in THRESHOLDS.items() if scores[key] < minimum]
            print(f"{rel:<48} " + " ".join(f"{scores[k]:>13g}{'!' if k in low else ' '}" for k in THRESHOLDS))
            for key in low:
                failed = True
                print(f"    {key} below {THRESHOLDS[key]}: " + ", ".join(failing_audits(runs[-1][1], key)))
    print(f"reports in {keep}")
    if failed:
        print("audit failed: " + ", ".join(f"{k} >= {v}" for k, v in THRESHOLDS.items()) + " is required", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
