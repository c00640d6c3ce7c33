"""The repository's contributor tooling: GitHub workflows, issue and pull-request templates, pre-commit, lint."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from curriculum.read import field_types
from sitebuild import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def pinned(package: str) -> str:
    """The exact version of `package` in the test extras of pyproject.toml."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]
    found = [spec.split("==", 1)[1] for spec in extras if spec.split("==", 1)[0].strip() == package]
    assert found, f"{package} is not pinned with == in the test extras"
    return found[0]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is missing: it comes with the test extras (pip install -e '.[test]')"
    return found


def actionlint(*args: str) -> list[str]:
    """actionlint with shellcheck, so the workflows' run: scripts are linted too (without
    shellcheck on its PATH actionlint would skip them silently)."""
    return [tool("actionlint"), "-color=false", f"-shellcheck={tool('shellcheck')}", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


# --- workflows ---------------------------------------------------------------------


def test_workflows_pass_actionlint() -> None:
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "deploy.yml"}
    result = run(*actionlint(*map(str, WORKFLOWS)))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("step", "caught"),
    [
        ("run: echo ${{ github.evnt.name }}", "evnt"),  # an expression
        ("run: if [ -f x ] then echo y; fi", "SC1010"),  # a run: script, through shellcheck
    ],
)
def test_actionlint_does_catch_a_broken_workflow(tmp_path: Path, step: str, caught: str) -> None:
    """So that the check above cannot pass by checking nothing."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - {step}\n", encoding="utf-8")
    result = subprocess.run(actionlint(str(broken)), capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1 and caught in result.stdout, result.stdout + result.stderr


def workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def commands(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


# The first major of each action whose action.yml runs on Node 24 (`runs.using: node24`;
# upload-pages-artifact is a composite that calls upload-artifact), read from each
# action's release tags. Node 20 is past its end of life, and GitHub retires it on its runners.
NODE24_FROM = {
    "actions/checkout": 5,
    "actions/setup-node": 5,
    "actions/cache": 5,
    "actions/deploy-pages": 5,
    "actions/upload-pages-artifact": 5,
    "actions/upload-artifact": 6,  # v5 still ran on Node 20 by default
}


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        refs = re.findall(r"uses:\s*(\S+)(.*)", text)
        assert refs, path.name
        for ref, comment in refs:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a commit"
            version = re.fullmatch(r"\s*# v(\d+)\.\d+\.\d+", comment)
            assert version, f"{path.name}: {ref} lacks its '# vX.Y.Z' comment"
            action = ref.split("@")[0]
            assert action in NODE24_FROM, f"{path.name}: {action} is not known here to run on Node 24; add it to NODE24_FROM"
            assert int(version[1]) >= NODE24_FROM[action], f"{path.name}: {action} v{version[1]} runs on Node 20"


def test_workflows_use_a_supported_node() -> None:
    for name in ("pr.yml", "deploy.yml"):
        for job in workflow(name)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/setup-node@"):
                    assert int(step["with"]["node-version"]) >= 22, f"{name}: Node {step['with']['node-version']} is past its end of life"
                    assert step["with"].get("cache") == "npm", f"{name}: npm downloads are not cached"


def test_builds_in_ci_read_the_date_of_the_last_commit() -> None:
    """The container runs as root on a checkout the runner's user owns, and git refuses such a
    repository; the Makefile would then date the build by the clock, and two builds would differ."""
    for name in ("pr.yml", "deploy.yml"):
        for job in workflow(name)["jobs"].values():
            if "container" not in job:
                continue
            steps = job["steps"]
            checkout = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/checkout@"))
            trust = next(i for i, step in enumerate(steps) if 'safe.directory "$GITHUB_WORKSPACE"' in step.get("run", ""))
            first_make = next(i for i, step in enumerate(steps) if "make " in step.get("run", ""))
            assert checkout < trust < first_make, f"{name}: the checkout must be trusted right after it is made"


def test_makefile_stops_in_ci_when_git_gives_no_date(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "MAKELEVEL")}
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")  # a folder with no git repository
    show = ["make", "-s", "--no-print-directory", "--eval", "show-epoch: ; @echo $$SOURCE_DATE_EPOCH", "show-epoch"]
    outside = subprocess.run(show, cwd=tmp_path, capture_output=True, text=True, env=dict(env, CI=""), timeout=60, check=False)
    assert outside.returncode == 0 and outside.stdout.strip() == "", outside.stderr  # a local build still runs
    in_ci = subprocess.run(show, cwd=tmp_path, capture_output=True, text=True, env=dict(env, CI="true"), timeout=60, check=False)
    assert in_ci.returncode != 0
    assert "SOURCE_DATE_EPOCH" in in_ci.stderr and "safe.directory" in in_ci.stderr, in_ci.stderr
    given = subprocess.run(show, cwd=tmp_path, capture_output=True, text=True, env=dict(env, CI="true", SOURCE_DATE_EPOCH="1234567890"),
                           timeout=60, check=False)
    assert given.returncode == 0 and given.stdout.strip() == "1234567890", given.stderr


def test_pull_request_workflow_validates_tests_and_builds() -> None:
    pr = workflow("pr.yml")
    assert "pull_request" in pr["on"]
    assert pr["permissions"] == {"contents": "read"}
    assert pr["concurrency"]["cancel-in-progress"] is True
    (job,) = pr["jobs"].values()
    assert "permissions" not in job
    script = commands(job)
    order = [script.index(part) for part in ("apt-get install", "curriculum validate content --strict --format github", "make test", "make build")]
    assert order == sorted(order), "install chromium, validate, test, then build"
    assert re.search(r"apt-get install .*\bchromium\b", script)
    install = next(step for step in job["steps"] if "make install" in step.get("run", ""))
    assert install["run"] == "make install-test", "the pull request runs the tests: it needs the test tools"
    # Every validator problem reaches the job summary, and the pull request's own files are
    # annotated first: against the base branch, the merge commit's first parent, which the
    # checkout must fetch. CI refuses quality warnings too.
    validate = next(step for step in job["steps"] if "curriculum validate content" in step.get("run", ""))
    assert '--summary "$GITHUB_STEP_SUMMARY"' in validate["run"]
    assert "--base HEAD^1" in validate["run"]
    assert "--strict" in validate["run"]
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] >= 2
    test_step = next(step for step in job["steps"] if step.get("run") == "make test")
    assert test_step["env"]["ATLAS_REQUIRE_BROWSER"] == "1"  # a missing browser fails instead of skipping
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    # The site a reviewer downloads is built only from content that passed the fast check.
    build = next(step for step in job["steps"] if step.get("run") == "make build")
    assert validate["id"] == "validate"
    assert build["if"] == upload["if"] == "steps.validate.outcome == 'success'"


def test_deploy_workflow_publishes_pages_with_least_privilege() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    # Only the repository mkdocs.yml names publishes; a fork's deploy would fail.
    repo = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"]).path.strip("/")
    for job in (build, publish):
        assert job["if"] == f"github.repository == '{repo}'"
    assert "permissions" not in build
    assert "make pages" in commands(build)  # the site with the offline zip inside, for the home page's link
    # What is published was validated and tested first, with the browser required.
    script = commands(build)
    order = [script.index(part) for part in ("apt-get install", "make install-test", "curriculum validate content --strict", "make test", "make pages")]
    assert order == sorted(order), "install, validate, test, then build what is published"
    test_step = next(step for step in build["steps"] if step.get("run") == "make test")
    assert test_step["env"]["ATLAS_REQUIRE_BROWSER"] == "1"
    actions = uses(build)
    assert any(a.startswith("actions/upload-pages-artifact@") for a in actions)
    zip_step = next(step for step in build["steps"] if "actions/upload-artifact@" in step.get("uses", ""))
    assert zip_step["with"]["path"] == "site.zip"
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    assert [a.split("@")[0] for a in uses(publish)] == ["actions/deploy-pages"]


# --- issue forms and the pull-request template ------------------------------------------


FORMS = ["add-paper.yml", "add-resource.yml", "fix-content.yml", "bug-report.yml"]
ELEMENTS = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", FORMS)
def test_issue_form_is_well_formed(name: str) -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    for key in ("name", "description", "body"):
        assert form.get(key), f"{name} lacks {key}"
    assert isinstance(form["body"], list)
    ids = []
    for element in form["body"]:
        assert element["type"] in ELEMENTS, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        ids.append(element["id"])
        assert re.fullmatch(r"[a-z0-9_-]+", element["id"])
        assert attributes["label"].strip()
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"], element["id"]
    assert ids and len(ids) == len(set(ids)), f"{name}: ids must be unique"
    assert any(e.get("validations", {}).get("required") for e in form["body"]), f"{name} requires nothing"


def test_resource_form_offers_exactly_the_resource_types() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "add-resource.yml").read_text(encoding="utf-8"))
    dropdown = next(e for e in form["body"] if e.get("id") == "type")
    assert tuple(dropdown["attributes"]["options"]) == field_types.RESOURCE_TYPES


def test_issue_template_config() -> None:
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert config["contact_links"]
    for link in config["contact_links"]:
        assert link["name"] and link["about"] and link["url"].startswith("https://")


def test_pull_request_template_has_a_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 5
    joined = " ".join(items)
    for words in ("make validate", "--strict", "own words", "https://", "old_ids", "TODO", "todo", "example.org"):
        assert words in joined, words


# --- pre-commit and lint -----------------------------------------------------------------


def test_make_validate_pre_commit_and_ci_validate_strictly() -> None:
    """--strict is the one check every gate runs: make validate, pre-commit and the pull request's CI."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^validate:.*\n\t\$\(PY\) -m curriculum validate content --strict$", makefile, re.MULTILINE)
    script = commands(next(iter(workflow("pr.yml")["jobs"].values())))
    assert re.findall(r"curriculum validate content(?: --strict)?", script) == ["curriculum validate content --strict"]


def test_pre_commit_runs_the_pinned_ruff_and_the_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{pinned('ruff')}", "the pre-commit ruff and the pinned ruff must agree"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff"]
    (validate,) = repos["local"]["hooks"]
    assert validate["entry"].split()[-5:] == ["-m", "curriculum", "validate", "content", "--strict"]
    assert validate["language"] == "system" and validate["pass_filenames"] is False
    assert re.match(validate["files"], "content/papers/adam.md")


def test_ruff_passes() -> None:
    version = run(sys.executable, "-m", "ruff", "--version")
    assert version.stdout.split() == ["ruff", pinned("ruff")], version.stdout + version.stderr
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "hooks", "tests")
    assert result.returncode == 0, "ruff check hooks tests:\n" + result.stdout + result.stderr


# --- make serve ----------------------------------------------------------------------------


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_serve_takes_an_address() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    planned = run_make(["-n", "serve", "ADDR=127.0.0.1:8123"], env)
    assert "tools/free_address.py 127.0.0.1:8123" in planned.stdout, planned.stdout + planned.stderr
    assert "mkdocs serve --dev-addr 127.0.0.1:8123" in planned.stdout
    assert "mkdocs serve --dev-addr 127.0.0.1:8000" in run_make(["-n", "serve"], env).stdout


def run_make(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_serve_says_at_once_when_its_address_is_taken() -> None:
    free_address = load_tool("free_address")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = f"127.0.0.1:{busy.getsockname()[1]}"
        assert "is in use" in free_address.problem(taken)
    assert free_address.problem(taken) is None  # free again
    assert "not an address" in free_address.problem("8000")
