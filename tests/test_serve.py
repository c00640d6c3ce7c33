"""The preview, as a contributor runs it: `mkdocs serve` on a free port, with content that has problems.

MkDocs' server holds every request until a build succeeds, so a broken file used to
leave the browser waiting with the problems only in the terminal. Now each page
lists them, and the live reload brings the page back once they are fixed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import FIXTURES, write_config

TIMEOUT = 5  # seconds a request may take: a page that waits longer counts as hanging


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for(what: str, check: Callable[[], bool], server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')}"
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.5)
    pytest.fail(f"{what} within {seconds} s; mkdocs serve said:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture
def serve(tmp_path: Path):
    """`mkdocs serve` of a copy of the fixture whose paper has a wrong year from the start."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    edit(content, "papers/transformer.md", "year: 2017", "year: 2016")
    config = write_config(content, tmp_path)
    base = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", base.removeprefix("http://")],
                                  cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield content, base + "/atlas/", server, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_shows_the_problems_and_recovers(serve) -> None:
    content, site, server, log = serve
    # A first build with a problem still serves: every page lists the problem, at once.
    wait_for("the preview did not start", lambda: get(site)[0] == 200, server, log)
    status, page = get(site + "papers/transformer.html")
    assert status == 200
    assert "<title>Problems in the content - AI Engineering Atlas</title>" in page
    assert "content/papers/transformer.md:6" in page and "2016 disagrees with arXiv id 1706.03762" in page
    assert "livereload" in page  # so the browser reloads once the content is fixed
    assert "Traceback" not in log.read_text(encoding="utf-8")

    # Fixed: the real page is back.
    edit(content, "papers/transformer.md", "year: 2016", "year: 2017")
    wait_for("the fixed page did not come back", lambda: "<title>Attention Is All You Need - AI Engineering Atlas</title>" in get(site + "papers/transformer.html")[1],
             server, log)

    # Broken after a good build: a page the build generates (a skill's) lists the problem too.
    edit(content, "projects/toy-project.md", "skills: [pytorch]", "skills: [pytorh]")
    wait_for("the generated page did not show the new problem", lambda: "unknown skill &#x27;pytorh&#x27;" in get(site + "skills/pytorch.html")[1], server, log)
    assert get(site + "skills/pytorch.html")[0] == 200
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_build_still_stops_on_problems(tmp_path: Path) -> None:
    """Only the preview carries on: `mkdocs build` fails as before (tests/test_errors.py has the messages)."""
    from sitebuild import mkdocs_build

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    edit(content, "papers/transformer.md", "year: 2017", "year: 2016")
    result = mkdocs_build(content, tmp_path)
    assert result.returncode != 0 and "2016 disagrees" in result.stdout + result.stderr
