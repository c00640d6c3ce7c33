"""The repository's contributor tooling: GitHub workflows, issue and pull-request templates, pre-commit, lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from curriculum import schema
from sitebuild import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def pinned(package: str) -> str:
    """The exact version of `package` in the test extras of pyproject.toml."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]
    found = [spec.split("==", 1)[1] for spec in extras if spec.split("==", 1)[0].strip() == package]
    assert found, f"{package} is not pinned with == in the test extras"
    return found[0]


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint is missing: it comes with the test extras (pip install -e '.[test]')"
    return found


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


# --- workflows ---------------------------------------------------------------------


def test_workflows_pass_actionlint() -> None:
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "deploy.yml"}
    result = run(actionlint(), "-color=false", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    """So that the check above cannot pass by checking nothing."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([actionlint(), "-color=false", str(broken)], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1 and "evnt" in result.stdout


def workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def commands(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        refs = re.findall(r"uses:\s*(\S+)(.*)", text)
        assert refs, path.name
        for ref, comment in refs:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a commit"
            assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{path.name}: {ref} lacks its '# vX.Y.Z' comment"


def test_pull_request_workflow_validates_tests_and_builds() -> None:
    pr = workflow("pr.yml")
    assert "pull_request" in pr["on"]
    assert pr["permissions"] == {"contents": "read"}
    assert pr["concurrency"]["cancel-in-progress"] is True
    (job,) = pr["jobs"].values()
    assert "permissions" not in job
    script = commands(job)
    order = [script.index(part) for part in ("apt-get install", "curriculum validate content --format github", "make test", "make build")]
    assert order == sorted(order), "install chromium, validate, test, then build"
    assert re.search(r"apt-get install .*\bchromium\b", script)
    test_step = next(step for step in job["steps"] if step.get("run") == "make test")
    assert test_step["env"]["ATLAS_REQUIRE_BROWSER"] == "1"  # a missing browser fails instead of skipping
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"


def test_deploy_workflow_publishes_pages_with_least_privilege() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "permissions" not in build
    assert "make dist" in commands(build)
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
    assert tuple(dropdown["attributes"]["options"]) == schema.RESOURCE_TYPES


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
    for words in ("make validate", "own words", "https://", "old_ids", "TODO"):
        assert words in joined, words


# --- pre-commit and lint -----------------------------------------------------------------


def test_pre_commit_runs_the_pinned_ruff_and_the_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{pinned('ruff')}", "the pre-commit ruff and the pinned ruff must agree"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff"]
    (validate,) = repos["local"]["hooks"]
    assert validate["entry"].split()[-4:] == ["-m", "curriculum", "validate", "content"]
    assert validate["language"] == "system" and validate["pass_filenames"] is False
    assert re.match(validate["files"], "content/papers/adam.md")


def test_ruff_passes() -> None:
    version = run(sys.executable, "-m", "ruff", "--version")
    assert version.stdout.split() == ["ruff", pinned("ruff")], version.stdout + version.stderr
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "hooks", "tests")
    assert result.returncode == 0, "ruff check hooks tests:\n" + result.stdout + result.stderr
