"""`make bench`: build synthetic curricula of growing size, with our hooks and as a plain MkDocs site.

    python bench/run.py [--sizes [real] 1 10 30] [--seed 0] [--edits 3] [--repeat 1] [--profile | --instructions]

For each size (a scale factor for bench/synth.py) it builds:

- **atlas**: the synthetic content with our hooks (through bench/timed_hooks.py,
  which times every hook), our theme overrides, CSS and JS;
- **plain**: the same pages as plain Markdown files (the Markdown our engine
  renders for each page, written out once before timing), Material with the same
  features, extensions and plugins, no hooks, no overrides, and a nav holding only
  the home page: every page is reached from an index page, not from the nav;
- **plain+nav**: that, with the atlas's navigation;
- **source**: the same pages exactly, as `python -m curriculum generate` writes them
  for any builder (our navigation, theme and assets, no hooks), built by plain
  MkDocs (`make build BUILDER=mkdocs-plain`). The build budget (at most 1.2x a
  plain MkDocs + Material build of the same pages) is measured against it;

and prints, per build: pages, build seconds (wall time of `mkdocs build --strict`,
interpreter start included), seconds per page, the engine's time and share (time
inside our hooks, which includes our Jinja templates), peak memory of the build
process, median and largest page HTML, total site size, the first view of a phase
page compressed, and the rebuild time of `mkdocs serve` after one content file
changes. For that same edit it also times **zensical**: Zensical's `serve` on the
source `python -m curriculum generate` writes (the second builder, `make build
BUILDER=zensical`), from the edit through generating the source again to the last
file Zensical writes; skipped, saying how to install it, where Zensical is not installed.
Figures, not pass/fail: nothing here asserts a time.

Work files go to .bench/ (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Self

import yaml

from curriculum import ContentError

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".bench"
sys.path.insert(0, str(ROOT / "bench"))

import synth

# Dated by the synthetic pages' month, so that they never count as unchecked for a year.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SOURCE_DATE_EPOCH=synth.DATED_EPOCH)


# --- configs -------------------------------------------------------------------


def project_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def atlas_config(content: Path, work: Path, stopwatch: bool = True) -> Path:
    config = project_config()
    config.update(docs_dir=str(content), site_dir=str(work / "site"), watch=[])
    config["hooks"] = [str(ROOT / ("bench/timed_hooks.py" if stopwatch else "hooks/atlas.py"))]
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "theme")
    return write_config(config, work)


def plain_config(docs: Path, work: Path) -> Path:
    """Material with the project's features, extensions and plugins, but nothing of ours."""
    config = project_config()
    config.update(docs_dir=str(docs), site_dir=str(work / "site"), nav=[{"Home": "index.md"}])
    for key in ("hooks", "watch", "extra_css", "extra_javascript"):
        config.pop(key, None)
    for key in ("custom_dir", "favicon"):  # the favicon is a file of custom_dir
        config["theme"].pop(key, None)
    config.get("extra", {}).pop("polyfills", None)  # our hook ships that file
    return write_config(config, work)


def plain_nav_config(docs: Path, work: Path, content: Path) -> Path:
    """The plain site with the atlas's navigation (paths, phases, guides): what a
    hand-written site of the same shape would carry on every page. Separates the
    cost of that navigation, a design choice, from the cost of our engine."""
    from curriculum import Site

    path = plain_config(docs, work)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["nav"] = Site.load(content).navigation()
    return write_config(config, work)


def source_config(content: Path, here: Path) -> Path:
    """The same pages as the atlas build, exactly: the site source `python -m curriculum generate`
    writes (every page, our navigation, theme and assets; no hooks), built by plain MkDocs, as
    `make build BUILDER=mkdocs-plain` builds it. Against it, the atlas build's extra CPU is what
    the hooks cost (generating inside the build, checking, finishing); against plain, it is
    that and what our pages carry (their navigation, theme and widgets)."""
    generate_source(content, here, here / "generate.log")
    return here / "mkdocs.yml"


BUILDS = ("atlas", "plain", "plain+nav", "source")


def build_config(name: str, content: Path, docs: Path, here: Path, stopwatch: bool = True) -> Path:
    """A fresh folder `here` with the config of build `name` (one of BUILDS)."""
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    if name == "atlas":
        return atlas_config(content, here, stopwatch)
    if name == "plain":
        return plain_config(docs, here)
    if name == "source":
        return source_config(content, here)
    return plain_nav_config(docs, here, content)


def write_config(config: dict, work: Path) -> Path:
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def write_plain_docs(content: Path, docs: Path) -> int:
    """Every page of the atlas build as the plain Markdown file our engine would hand MkDocs."""
    from curriculum import Site
    from curriculum.read import schema
    from curriculum.repository import schema_files

    if docs.exists():
        shutil.rmtree(docs)
    site = Site.load(content)
    pages = dict(site.generated_pages())
    for src in site.curriculum.by_src:
        raw = (content / src).read_text(encoding="utf-8")
        front = raw[: raw.index("\n---\n", 3) + 5] if raw.startswith("---\n") else ""
        pages[src] = front + site.renderer.page(src)
    # The data files too (api/...): pages link to them, and MkDocs checks those links.
    pages.update(site.data_files())
    pages.update({dest: source.read_text(encoding="utf-8") for dest, source in schema_files(list(schema.KINDS)).items()})
    for src, markdown in pages.items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return len(pages)


# --- measuring -----------------------------------------------------------------


@dataclass
class Result:
    name: str
    pages: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    engine: float | None = None
    engine_cpu: float | None = None
    hooks: dict = field(default_factory=dict)
    peak_mb: float = 0.0
    median_kb: float = 0.0
    max_kb: float = 0.0
    max_page: str = ""
    total_mb: float = 0.0
    first_view: dict = field(default_factory=dict)
    largest_view: dict = field(default_factory=dict)
    rebuild: float | None = None
    rebuild_cpu: float | None = None
    rebuild_engine: float | None = None
    rebuild_generate: float | None = None  # zensical: the part of `rebuild` spent in `curriculum generate`
    gc: list | None = None  # [seconds, full collections] of the cyclic GC over the build


def run_child(cmd: list[str], cwd: Path, log: Path, env: dict, what: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `cmd` in its own process; stops the bench,
    showing the end of `log`, if it fails."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this one child: its peak memory
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed:\n" + log.read_text(encoding="utf-8")[-3000:])
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(config: Path, log: Path, times: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `mkdocs build --strict` in its own process."""
    env = dict(ENV, ATLAS_BENCH_TIMES=str(times)) if times else ENV
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    return run_child(cmd, config.parent, log, env, f"build ({config})")


def generate_source(content: Path, out: Path, log: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m curriculum generate out` from `content`."""
    cmd = [sys.executable, "-m", "curriculum", "generate", str(out), "--content", str(content)]
    seconds, cpu, _ = run_child(cmd, ROOT, log, ENV, f"python -m curriculum generate ({content})")
    return seconds, cpu


def hook_times(times: Path) -> list[dict]:
    if not times.exists():
        return []
    return [json.loads(line) for line in times.read_text(encoding="utf-8").splitlines() if line.strip()]


def page_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html" and p.relative_to(site).parts[0] != "assets"]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.icons: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.css.append(a["href"])
        elif tag == "link" and a.get("rel") == "icon":
            self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_view(site: Path, page: Path) -> dict:
    """KB a browser fetches for the first view of `page`, each file gzip'd as a web server would send it.

    `view` is the page with its stylesheets, scripts and icon. `search` is Material's
    search worker and the whole search index, counted apart: Material would fetch them
    as soon as any page loads, and our search-on-demand script holds them back until
    the reader first uses search (a browser test checks that nothing is fetched before).
    """
    html = page.read_bytes()
    refs = _Refs()
    refs.feed(html.decode("utf-8"))

    def local(href: str) -> Path | None:
        if "://" in href:
            return None
        path = (page.parent / href.split("?")[0]).resolve()
        return path if path.is_file() else None

    # Ours: every stylesheet and script the theme's custom_dir adds (atlas.css, js/*.js, search-on-demand.js).
    assets = ROOT / "templates" / "theme" / "assets"
    ours = {f"assets/{p.relative_to(assets).as_posix()}" for p in assets.rglob("*") if p.is_file()}
    sizes = {"html": gz(html), "ours": 0, "theme": 0}
    for href in refs.css + refs.js:
        path = local(href)
        if path is not None:
            sizes["ours" if path.relative_to(site.resolve()).as_posix() in ours else "theme"] += gz(path.read_bytes())
    for href in refs.icons:
        path = local(href)
        if path is not None:
            sizes["theme"] += path.stat().st_size  # PNG: already compressed
    svg = sum(len(m) for m in re.findall(rb"<svg.*?</svg>", html, re.DOTALL))
    search = 0
    worker = json.loads(refs.config or "{}").get("search")
    if worker and local(worker):
        search += gz(local(worker).read_bytes())
    if (site / "search" / "search_index.json").is_file():
        search += gz((site / "search" / "search_index.json").read_bytes())
    # The widgets further down the page, which page.js loads once the page has loaded (main.html's #atlas-later).
    later = 0
    listed = re.search(rb'<script type="application/json" id="atlas-later">(.*?)</script>', html)
    for href in json.loads(listed[1]) if listed else []:
        path = local(href)
        if path is not None:
            later += gz(path.read_bytes())
    kb = {k: v / 1024 for k, v in sizes.items()}
    return dict(kb, view=sum(kb.values()), svg_raw=svg / 1024, search=search / 1024, later=later / 1024, html_raw=len(html) / 1024)


def site_figures(result: Result, site: Path, phase: Path) -> None:
    pages = page_files(site)
    sizes = {p: p.stat().st_size for p in pages}
    largest = max(sizes, key=sizes.get)
    result.pages = len(pages)
    result.median_kb = statistics.median(sizes.values()) / 1024
    result.max_kb = sizes[largest] / 1024
    result.max_page = str(largest.relative_to(site))
    result.total_mb = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    result.first_view = first_view(site, site / phase)
    result.largest_view = first_view(site, largest)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu(pid: int) -> float | None:
    """CPU seconds a process has used so far (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def serve_rebuild(
    config: Path, edit: Path, log: Path, limit: float, edits: int, times: Path | None = None
) -> tuple[float | None, float | None]:
    """Start `mkdocs serve`, change one content file `edits` times; the fastest rebuild's wall seconds
    (from its "Building documentation..." line to its "Reloading browsers") and CPU seconds (of the
    serve process, from the edit to that last line).

    MkDocs' own "Documentation built in 1.62 seconds" is no signal: its logger drops a
    message it has logged before, so a rebuild as fast as an earlier build says nothing."""
    env = dict(ENV, ATLAS_BENCH_TIMES=str(times)) if times else ENV
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{free_port()}"]
    walls, cpus = [], []
    with Server(cmd, config.parent, env, log) as server:
        if server.wait_for(r"Serving on", limit) is None:
            return None, None
        for n in range(edits):
            time.sleep(1.0)  # let the file watcher settle
            before = process_cpu(server.pid)
            append_edit(edit, f"Edit {n + 1}")
            if server.wait_for(r"Building documentation", limit) is None:
                break
            started = time.perf_counter()
            if server.wait_for(r"Reloading browsers", limit) is None:
                break
            walls.append(time.perf_counter() - started)
            after = process_cpu(server.pid)
            if before is not None and after is not None:
                cpus.append(after - before)
    return (min(walls) if walls else None), (min(cpus) if cpus else None)


ZENSICAL_MISSING = "Zensical is not installed (pip install -e '.[zensical]' adds it)"


def zensical_installed() -> bool:
    return importlib.util.find_spec("zensical") is not None


def zensical_rebuild(content: Path, paper: Path, here: Path, limit: float, edits: int) -> tuple[float | None, float | None, float | None]:
    """Start Zensical's `serve` on the source generated from `content`, then `edits` times: change
    the content file `paper`, generate the source again into the same folder, and wait until
    Zensical has written the site again. The fastest round's wall seconds (from the edit to
    the last file Zensical writes), its CPU seconds (generate's and the serve process's) and
    the part of its wall seconds spent generating.

    A contributor's round trip, so the edit and `generate` count, unlike in the `mkdocs serve`
    figure, where the hooks generate inside the build. No line of Zensical's log marks the end
    of a rebuild: it prints "No issues found" (or "N issues found") while it is still writing
    pages, and its live reload sends browsers one message per file it writes. So a round ends
    at the newest file of the site, once the edited page holds the edit and nothing has been
    written for a second."""
    source = here / "source"
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    generate_source(content, source, here / "generate.log")
    site = source / "site"
    page = site / paper.with_suffix(".html")
    cmd = [sys.executable, "-m", "zensical", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{free_port()}"]
    rounds = []  # (wall, cpu or None, generate wall)
    with Server(cmd, source, ENV, here / "serve.log") as server:
        if server.wait_for(r"issues? found", limit) is None or last_write(site, limit) is None:  # the first build
            return None, None, None
        for n in range(edits):
            before = process_cpu(server.pid)
            edited = time.time()  # the clock of the files' modification times
            marker = append_edit(content / paper, f"Edit {n + 1} for Zensical")
            generated, generate_cpu = generate_source(content, source, here / "generate.log")
            if not wait_until_holds(page, marker, limit) or (finished := last_write(site, limit)) is None:
                break
            after = process_cpu(server.pid)
            cpu = after - before + generate_cpu if before is not None and after is not None else None
            rounds.append((finished - edited, cpu, generated))
    if not rounds:
        return None, None, None
    return min(rounds)


def append_edit(path: Path, label: str) -> str:
    """Add one sentence to the content file at `path`, as a contributor's edit; the sentence."""
    sentence = f"{label}: one more sentence, written by the bench to trigger a rebuild."
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\n{sentence}\n")
    return sentence


def last_write(folder: Path, seconds: float, quiet: float = 1.0) -> float | None:
    """The modification time of the newest file under `folder`, once no file there has changed
    for `quiet` seconds; None if it does not settle within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        newest = 0.0
        for path in folder.rglob("*"):
            try:
                newest = max(newest, path.stat().st_mtime)
            except OSError:  # replaced while we looked
                pass
        if time.time() - newest >= quiet:
            return newest
        time.sleep(0.25)
    return None


def wait_until_holds(page: Path, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in page.read_text(encoding="utf-8"):
                return True
        except OSError:  # not written yet
            pass
        time.sleep(0.01)
    return False


class Server:
    """A preview server (`mkdocs serve`, `zensical serve`) in its own process, its output
    copied to `log` and read line by line; stopped on leaving the `with` block."""

    def __init__(self, cmd: list[str], cwd: Path, env: dict, log: Path) -> None:
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd, env=env)
        self.pid = self.proc.pid
        self.lines: queue.Queue[str] = queue.Queue()
        self.log = log
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        with self.log.open("w", encoding="utf-8") as out:
            for line in self.proc.stdout:
                out.write(line)
                out.flush()
                self.lines.put(line)

    def wait_for(self, pattern: str, seconds: float) -> re.Match | None:
        """The first line from now on that matches `pattern`; None if none comes in `seconds` or the server stops."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    return None
                continue
            if match := re.search(pattern, line):
                return match
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def first_phase(site_src: Path) -> str:
    """The first phase file of the first path (sorted), as a site path."""
    path = min(p for p in (site_src / "paths").iterdir() if p.is_dir())
    phase = min(f for f in path.glob("*.md") if f.name != "index.md")
    return str(phase.relative_to(site_src).with_suffix(".html"))


def label(size: str) -> str:
    return size if size == "real" else f"{float(size):g}x"


def prepare(size: str, seed: int) -> tuple[Path, dict]:
    """The content folder of one size: a synthetic one, or a copy of content/ for "real"."""
    content = WORK / label(size) / "content"
    if size != "real":
        return content, synth.generate(content, float(size), seed)
    from curriculum import load

    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(ROOT / "content", content)  # the serve timing edits a file: never the real one
    c = load(content)
    return content, {
        "paths": len(c.paths),
        "papers": len(c.papers),
        "projects": len(c.projects),
        "guides": len(c.guides),
        "skills": len(c.skills),
        "phases": len(c.phases),
    }


def measure(size: str, seed: int, edits: int, repeat: int) -> tuple[Result, Result, Result, Result, Result, dict]:
    work = WORK / label(size)
    work.mkdir(parents=True, exist_ok=True)
    content, counts = prepare(size, seed)
    docs = work / "plain-docs"
    write_plain_docs(content, docs)
    phase = first_phase(content)
    paper = min((content / "papers").glob("*.md")).relative_to(content)

    configs = {name: build_config(name, content, docs, work / name) for name in BUILDS}
    times = {name: (work / name / "hook-times.jsonl" if name == "atlas" else None) for name in BUILDS}
    # Builds take turns (atlas, plain, plain+nav, source, atlas, ...): this machine's speed
    # drifts by 10-20% over minutes, and builds of one kind run back to back would
    # each meet a different part of that drift. The fastest of `repeat` counts:
    # other processes only ever slow a build down.
    builds: dict[str, list] = {name: [] for name in BUILDS}
    for _ in range(repeat):
        for name in BUILDS:
            builds[name].append(build(configs[name], work / name / "build.log", times[name]))

    results = []
    for name in BUILDS:
        here = work / name
        result = Result(name)
        fastest = min(range(repeat), key=lambda i: builds[name][i][1])
        result.seconds, result.cpu, result.peak_mb = builds[name][fastest]
        result.seconds = min(b[0] for b in builds[name])
        if times[name]:
            runs = hook_times(times[name])
            result.hooks = runs[fastest] if len(runs) > fastest else {}
            result.gc = result.hooks.pop("_gc", None)
            result.engine = sum(h[0] for h in result.hooks.values())
            result.engine_cpu = sum(h[1] for h in result.hooks.values())
        site_figures(result, here / "site", phase)
        results.append(result)
    for name, result in zip(BUILDS, results, strict=True):
        if edits:
            here = work / name
            src_dir = {"atlas": content, "source": here / "docs"}.get(name, docs)
            serve_times = here / "serve-times.jsonl" if times[name] else None
            result.rebuild, result.rebuild_cpu = serve_rebuild(
                configs[name], src_dir / paper, here / "serve.log", max(120.0, 10 * result.seconds), edits, serve_times
            )
            if serve_times:
                runs = hook_times(serve_times)[1:]  # the first is the initial build
                if runs:
                    result.rebuild_engine = min(sum(h[1] for name, h in run.items() if name != "_gc") for run in runs)
    zensical = Result("zensical")
    if edits and zensical_installed():
        zensical.rebuild, zensical.rebuild_cpu, zensical.rebuild_generate = zensical_rebuild(
            content, paper, work / "zensical", max(120.0, 10 * results[0].seconds), edits
        )
    return results[0], results[1], results[2], results[3], zensical, counts


# --- reporting -----------------------------------------------------------------


def fmt(value, spec: str, missing: str = "n/a") -> str:
    return missing if value is None else format(value, spec)


def report(rows: list[tuple[str, Result, Result, Result, Result, Result, dict]], edits: int) -> None:
    head = (
        "size",
        "build",
        "pages",
        "wall s",
        "CPU s",
        "CPU/page",
        "engine CPU s",
        "engine %",
        "peak MB",
        "median KB",
        "max KB",
        "site MB",
        "1st view KB",
        "search KB",
        "rebuild s",
        "rebuild CPU s",
    )
    table = []
    for size, atlas, plain, plain_nav, source, zensical, _ in rows:
        for r in (atlas, plain, plain_nav, source):
            table.append(
                (
                    label(size),
                    r.name,
                    str(r.pages),
                    f"{r.seconds:.1f}",
                    f"{r.cpu:.1f}",
                    f"{r.cpu / r.pages * 1000:.1f}ms",
                    fmt(r.engine_cpu, ".2f", "-"),
                    fmt(r.engine_cpu and 100 * r.engine_cpu / r.cpu, ".1f", "-"),
                    f"{r.peak_mb:.0f}",
                    f"{r.median_kb:.1f}",
                    f"{r.max_kb:.0f}",
                    f"{r.total_mb:.1f}",
                    f"{r.first_view['view']:.1f}",
                    f"{r.first_view['search']:.0f}",
                    fmt(r.rebuild, ".1f"),
                    fmt(r.rebuild_cpu, ".1f"),
                )
            )
        if edits:  # Zensical's serve only: the builds above are MkDocs'
            table.append(
                (label(size), zensical.name, *["-"] * (len(head) - 4), fmt(zensical.rebuild, ".1f"), fmt(zensical.rebuild_cpu, ".1f"))
            )
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths))
    print()
    print(line(head))
    print(line(["-" * w for w in widths]))
    for row in table:
        print(line(row))
    print(
        "\n(wall s: `mkdocs build --strict`, interpreter start included; engine: time inside our hooks and templates;"
        "\n rebuild: fastest of the serve rebuilds after a one-file edit, from Building documentation to Reloading browsers in its log; KB of a first view are gzip'd;"
        "\n search KB: worker + index, fetched on the first search only;"
        "\n zensical: Zensical's serve on the generated source, from the edit, `python -m curriculum generate` included, to the last file it writes)"
    )

    print("\nPer size: atlas against plain, and what the engine spends where")
    for size, atlas, plain, plain_nav, source, zensical, counts in rows:
        shape = ", ".join(f"{v} {k}" for k, v in counts.items() if k != "topics")
        print(f"\n{label(size)} ({shape})")
        print(
            f"  build CPU: atlas {atlas.cpu:.1f} s vs plain {plain.cpu:.1f} s ({100 * (atlas.cpu / plain.cpu - 1):+.0f}%); "
            f"wall {atlas.seconds:.1f} s vs {plain.seconds:.1f} s ({100 * (atlas.seconds / plain.seconds - 1):+.0f}%)"
        )
        print(
            f"  against source (the same pages: the generated site source, built by MkDocs with no hooks): CPU {source.cpu:.1f} s, "
            f"atlas {atlas.cpu / source.cpu:.2f}x (the budget: 1.2x); wall {atlas.seconds / source.seconds:.2f}x"
        )
        print(
            f"  against plain+nav (the engine's Markdown and the atlas's navigation, no hooks, no theme of ours): CPU {plain_nav.cpu:.1f} s, "
            f"atlas {100 * (atlas.cpu / plain_nav.cpu - 1):+.0f}%; the navigation alone costs plain "
            f"{100 * (plain_nav.cpu / plain.cpu - 1):+.0f}%"
        )
        if atlas.rebuild and source.rebuild and atlas.rebuild_cpu and source.rebuild_cpu:
            print(
                f"  serve rebuild against source: CPU {atlas.rebuild_cpu:.1f} s vs {source.rebuild_cpu:.1f} s "
                f"({atlas.rebuild_cpu / source.rebuild_cpu:.2f}x, the budget: 1.2x)"
            )
        if atlas.rebuild and plain.rebuild:
            cpu = (
                f", CPU {atlas.rebuild_cpu:.1f} s vs {plain.rebuild_cpu:.1f} s ({atlas.rebuild_cpu / plain.rebuild_cpu:.2f}x)"
                if atlas.rebuild_cpu and plain.rebuild_cpu
                else ""
            )
            print(
                f"  serve rebuild after one edit: atlas {atlas.rebuild:.1f} s vs plain {plain.rebuild:.1f} s "
                f"({atlas.rebuild / plain.rebuild:.2f}x){cpu}; engine CPU {fmt(atlas.rebuild_engine, '.2f')} s of it"
            )
        if edits and not zensical_installed():
            print(f"  zensical serve rebuild: skipped, {ZENSICAL_MISSING}")
        elif edits and zensical.rebuild is None:
            print(f"  zensical serve rebuild: n/a, no rebuild seen (its log: {WORK / label(size) / 'zensical' / 'serve.log'})")
        elif edits:
            print(
                f"  zensical serve rebuild after the same edit: {zensical.rebuild:.1f} s from the edit to the site written "
                f"(generate {zensical.rebuild_generate:.1f} s, then Zensical {zensical.rebuild - zensical.rebuild_generate:.1f} s), "
                f"CPU {fmt(zensical.rebuild_cpu, '.1f')} s"
            )
        hooks = ", ".join(
            f"{name} {cpu:.2f} s ({calls}x)" for name, (_, cpu, calls) in sorted(atlas.hooks.items(), key=lambda kv: -kv[1][1])
        )
        print(f"  engine CPU by hook: {hooks}")
        if atlas.hooks and atlas.cpu:
            # Importing the engine (pydantic, its models) is paid once per process, not per page or per rebuild.
            work = sum(cpu for name, (_, cpu, _) in atlas.hooks.items() if name != "import")
            print(f"  engine CPU without the one-time import: {work:.2f} s, {100 * work / atlas.cpu:.1f}% of the build")
        if atlas.gc:
            print(f"  cyclic GC during the atlas build: {atlas.gc[0]:.2f} s wall in {atlas.gc[1]} full collections")
        v = atlas.first_view
        print(
            f"  first view of {first_phase(WORK / label(size) / 'content')}: {v['view']:.1f} KB gzip "
            f"(HTML {v['html']:.1f} of {v['html_raw']:.0f} raw, inline SVG {v['svg_raw']:.1f} raw; our CSS+JS {v['ours']:.1f}; "
            f"Material CSS+JS+icon {v['theme']:.1f}); widgets loaded after it {v['later']:.1f} KB; "
            f"search worker + index {v['search']:.0f} KB more, on first search"
        )
        big = atlas.largest_view
        print(
            f"  largest page: atlas {atlas.max_page} {atlas.max_kb:.0f} KB (first view {big['view']:.1f} KB gzip); "
            f"plain {plain.max_page} {plain.max_kb:.0f} KB"
        )
    synthetic = [row for row in rows if row[0] != "real"]
    if len(synthetic) > 1:
        print("\nScaling (each synthetic size against the first)")
        size0, atlas0, plain0, *_ = synthetic[0]
        for size, atlas, plain, *_ in synthetic[1:]:
            k = float(size) / float(size0)
            print(
                f"  {k:g}x content: pages {atlas.pages / atlas0.pages:.1f}x; CPU atlas {atlas.cpu / atlas0.cpu:.1f}x, plain {plain.cpu / plain0.cpu:.1f}x; "
                f"engine CPU {atlas.engine_cpu / atlas0.engine_cpu:.1f}x; site size {atlas.total_mb / atlas0.total_mb:.1f}x; "
                f"median page {atlas.median_kb / atlas0.median_kb:.2f}x; phase page HTML {atlas.first_view['html_raw'] / atlas0.first_view['html_raw']:.2f}x"
            )


def profile(sizes: list[str], seed: int) -> None:
    """cProfile of the engine alone (load, generated pages, every page, export) at each size."""
    import cProfile
    import pstats

    from curriculum import Site

    for size in sizes:
        content, _ = prepare(size, seed)

        def engine(content: Path = content) -> None:
            site = Site.load(content)
            site.generated_pages()
            for src in site.curriculum.by_src:
                site.renderer.page(src)
            site.data_files()

        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(engine)
        print(f"\n=== engine at {label(size)}: {time.perf_counter() - start:.2f} s under the profiler")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"curriculum|jinja2|templates", 25)


def count_instructions(sizes: list[str], seed: int) -> None:
    """Instructions each build executes, counted by valgrind (callgrind): unlike times,
    the same on a busy machine as on an idle one, so small differences show. About
    sixty times slower than a build: meant for the real size."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    for size in sizes:
        work = WORK / label(size) / "instructions"
        work.mkdir(parents=True, exist_ok=True)
        content, _ = prepare(size, seed)
        docs = work / "plain-docs"
        write_plain_docs(content, docs)
        counts = {}
        for name in BUILDS:
            here = work / name
            config = build_config(name, content, docs, here, stopwatch=False)  # the stopwatch's own instructions would count
            run = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                capture_output=True, text=True, cwd=here, env=ENV, check=False,
            )
            found = re.search(r"refs:\s+([0-9,]+)", run.stderr)
            if run.returncode != 0 or found is None:
                raise SystemExit(f"build under valgrind failed ({name}):\n{run.stderr[-3000:]}")
            counts[name] = int(found[1].replace(",", ""))
        atlas, plain, nav, source = counts["atlas"], counts["plain"], counts["plain+nav"], counts["source"]
        print(
            f"{label(size)}: atlas {atlas / 1e9:.2f} G instructions, plain {plain / 1e9:.2f} G ({100 * (atlas / plain - 1):+.1f}%), "
            f"plain+nav {nav / 1e9:.2f} G ({100 * (atlas / nav - 1):+.1f}%; the navigation alone {100 * (nav / plain - 1):+.1f}%), "
            f"source {source / 1e9:.2f} G ({100 * (atlas / source - 1):+.1f}%)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Build synthetic sites of growing size and print the figures.")
    parser.add_argument(
        "--sizes", nargs="+", default=["1", "10", "30"], help='scale factors of the synthetic curriculum; "real" builds a copy of content/'
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--edits", type=int, default=2, help="serve rebuilds to time per build (0: skip mkdocs serve)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size and kind; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="profile the engine alone instead of building")
    parser.add_argument("--instructions", action="store_true", help="count each build's instructions under valgrind instead of timing it")
    args = parser.parse_args()
    if args.profile:
        profile(args.sizes, args.seed)
        return
    if args.instructions:
        count_instructions(args.sizes, args.seed)
        return
    rows = []
    started = time.perf_counter()
    if args.edits and not zensical_installed():
        print(f"zensical serve rebuild: skipped, {ZENSICAL_MISSING}", flush=True)
    for size in args.sizes:
        print(f"size {label(size)} ...", flush=True)
        try:
            atlas, plain, plain_nav, source, zensical, counts = measure(size, args.seed, args.edits, args.repeat)
        except ContentError as error:  # content/ mid-edit: measure the other sizes
            print(f"  skipped: the content does not validate ({len(error.problems)} problems)")
            continue
        rows.append((size, atlas, plain, plain_nav, source, zensical, counts))
    report(rows, args.edits)
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
