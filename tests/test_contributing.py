"""What contributors read is generated from the models and stays in step with them:
the field reference in CONTRIBUTING.md and on the site, the committed JSON Schemas,
and the "Edit this page" links of generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import Field

from curriculum.exports import export, reference
from curriculum.plan.pages import edit_target
from curriculum.read import field_types, schema
from curriculum.repository import MissingAsset, content_root, edit_url, schema_files
from sitebuild import ROOT

REPO = "https://github.com/ai-engineering-atlas/atlas"


# --- the field reference -------------------------------------------------------------


def test_contributing_md_has_the_reference_the_models_generate() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = reference.extract(text)
    assert block is not None, f"CONTRIBUTING.md lacks the markers {reference.START} and {reference.END}"
    assert block == reference.markdown(), (
        "the field reference in CONTRIBUTING.md differs from hooks/curriculum/read/schema.py; "
        "regenerate it with `.venv/bin/python -m curriculum reference --write` and review the diff"
    )


def test_the_contribute_page_takes_the_committed_reference_and_generates_one_without_it(tmp_path: Path) -> None:
    document = tmp_path / "CONTRIBUTING.md"
    document.write_text(f"# Contributing\n\n{reference.START}\nThe committed block.\n{reference.END}\n", encoding="utf-8")
    assert reference.committed(document) == "The committed block.\n"
    document.write_text("# Contributing\n\nNo markers here.\n", encoding="utf-8")
    assert reference.committed(document) == reference.markdown()
    assert reference.committed(tmp_path / "missing.md") == reference.markdown()


def table_rows(markdown: str, heading: str) -> dict[str, list[str]]:
    """Field name -> cells of the first table under `heading`."""
    section = markdown.split(f"\n{heading}\n", 1)[1]
    rows: dict[str, list[str]] = {}
    in_table = False
    for line in section.splitlines():
        if not line.startswith("|"):
            if in_table:
                break
            continue
        in_table = True
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
    return rows


def test_reference_lists_every_field_of_every_kind() -> None:
    text = reference.markdown()
    for kind, model in schema.KINDS.items():
        rows = table_rows(text, f"### {kind.capitalize()}")
        assert list(rows) == list(model.model_fields), kind
        for name, info in model.model_fields.items():
            required = rows[name][2]
            assert required.startswith("yes") == info.is_required(), f"{kind}.{name}: {required}"


def test_reference_says_what_a_contributor_needs_to_know() -> None:
    text = reference.markdown()
    project = table_rows(text, "### Project")
    assert project["difficulty"][5] == "`beginner`, `intermediate`, `advanced`"
    assert project["skills"][1] == "list of skill ids" and project["skills"][2] == "yes, at least 1"
    assert project["weeks"][1] == "week range"
    paper = table_rows(text, "### Paper")
    assert paper["arxiv"][1] == "arXiv id" and paper["arxiv"][3] == "not set"
    assert paper["year"][1] == "integer, 1900 to 2100"
    assert paper["builds_on"][1] == "list of paper ids" and paper["builds_on"][3] == "`[]`"
    assert paper["url"][1] == "link"
    assert "first arXiv version" in paper["year"][4]
    resources = table_rows(text, "#### Phase: each entry of `resources`")
    assert resources["type"][5].split(", ") == [f"`{t}`" for t in field_types.RESOURCE_TYPES]
    next_paths = table_rows(text, "#### Path: each entry of `next_paths`")
    assert next_paths["planned"][1] == "true or false" and next_paths["planned"][3] == "`false`"


def test_a_new_model_field_changes_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    before = reference.markdown()

    class Paper(schema.Paper):
        """A paper."""

        pages: int = Field(default=0, description="Page count | printed.")

    monkeypatch.setitem(schema.KINDS, "paper", Paper)
    after = reference.markdown()
    assert after != before
    assert r"| `pages` | integer | no | `0` | Page count \| printed. |  |" in after


def test_splice_keeps_the_rest_of_the_document() -> None:
    document = f"intro\n{reference.START}\nold\n{reference.END}\noutro\n"
    assert reference.splice(document, "new\n") == f"intro\n{reference.START}\nnew\n{reference.END}\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        reference.splice("no markers here", "new\n")


# --- JSON Schemas -------------------------------------------------------------------------


def test_committed_schemas_equal_the_models() -> None:
    folder = ROOT / "schemas"
    expected = export.json_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.schema.json")}
    assert set(committed) == set(expected), "regenerate with `.venv/bin/python -m curriculum schema --write`"
    for name, text in expected.items():
        assert committed[name] == text, f"schemas/{name} differs from the models; regenerate with `.venv/bin/python -m curriculum schema --write`"
    assert set(expected) == {f"{kind}.schema.json" for kind in schema.KINDS}


def test_a_missing_schema_file_stops_the_build_with_the_command_that_writes_it(tmp_path: Path) -> None:
    for kind in list(schema.KINDS)[1:]:
        (tmp_path / f"{kind}.schema.json").write_text("{}", encoding="utf-8")
    with pytest.raises(MissingAsset, match=r"path\.schema\.json is missing: run `python -m curriculum schema --write`"):
        schema_files(list(schema.KINDS), tmp_path)


# --- "Edit this page" ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "target"),
    [
        ("papers/index.md", "content/papers/"),
        ("projects/index.md", "content/projects/"),
        ("guides/index.md", "content/guides/"),
        ("paths/index.md", "content/paths/"),
        ("skills/index.md", "content/skills.yml"),
        ("skills/pytorch.md", "content/skills.yml"),
        ("papers/topics/agents.md", "content/topics.yml"),
        ("contribute.md", "templates/contribute.md.j2"),
        ("papers/adam.md", "content/papers/adam.md"),
        ("paths/ai-engineer/01-foundations.md", "content/paths/ai-engineer/01-foundations.md"),
        ("index.md", "content/index.md"),
    ],
)
def test_edit_target(src: str, target: str) -> None:
    assert edit_target(src) == target


def test_edit_url_opens_a_folder_in_the_browser_and_a_file_in_the_editor() -> None:
    assert edit_url(REPO, "edit/main/content/", "content/papers/") == f"{REPO}/tree/main/content/papers/"
    assert edit_url(REPO + "/", "edit/dev/content/", "content/skills.yml") == f"{REPO}/edit/dev/content/skills.yml"
    assert content_root(ROOT / "content") == "content"
    assert content_root(ROOT / "tests" / "fixtures" / "mini") == "tests/fixtures/mini"
    assert content_root(Path("/somewhere/else")) == "content"


def edit_link(page: Path) -> str:
    match = re.search(r'<a href="([^"]+)" title="Edit this page"', page.read_text(encoding="utf-8"))
    assert match, f"{page.name} has no edit link"
    return match[1]


def test_generated_pages_edit_their_data(mini_site: Path) -> None:
    # The fixture site is built from tests/fixtures/mini, so that is where its data lives.
    data = f"{REPO}/{{}}/main/tests/fixtures/mini/"
    assert edit_link(mini_site / "papers" / "index.html") == data.format("tree") + "papers/"
    assert edit_link(mini_site / "skills" / "pytorch.html") == data.format("edit") + "skills.yml"
    assert edit_link(mini_site / "skills" / "index.html") == data.format("edit") + "skills.yml"
    assert edit_link(mini_site / "papers" / "transformer.html") == data.format("edit") + "papers/transformer.md"
    assert edit_link(mini_site / "contribute.html") == f"{REPO}/edit/main/templates/contribute.md.j2"


def test_every_edit_link_leads_to_a_file_or_folder_of_the_repository(mini_site: Path) -> None:
    pages = sorted(p for p in mini_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 10
    for page in pages:
        link = edit_link(page)
        match = re.fullmatch(rf"{REPO}/(edit|tree)/main/(.+)", link)
        assert match, link
        target = ROOT / match[2]
        assert (target.is_dir() if match[1] == "tree" else target.is_file()), f"{page.relative_to(mini_site)} edits {match[2]}, which does not exist"


# --- the Contribute page --------------------------------------------------------------------


def test_contribute_page_is_built_and_linked_from_every_footer(mini_site: Path) -> None:
    page = mini_site / "contribute.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Contribute", html)
    assert 'id="field-reference"' in html
    assert "<code>intermediate</code>" in html and "<code>difficulty</code>" in html
    assert "python -m curriculum new paper --arxiv" in re.sub(r"<[^>]+>", "", html)  # code is highlighted in spans
    for kind in schema.KINDS:
        assert f'href="api/schema/{kind}.schema.json"' in html
        shipped = (mini_site / "api" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert shipped == export.dumps(export.json_schema(kind)), f"the site's {kind} schema is not the models' schema"
    # A contributor finds it at the foot of every page; a learner's tabs do not carry it.
    for rel, href in (("index.html", "contribute.html"), ("papers/transformer.html", "../contribute.html")):
        page = (mini_site / rel).read_text(encoding="utf-8")
        footer = page.split('<footer class="md-footer">', 1)[1]
        assert f'<a href="{href}">Contribute</a>' in footer, f"{rel}: no link to Contribute in the footer"
        assert 'href="contribute.html"' not in page.split("<article")[0].split('class="md-tabs"', 1)[-1].split("</nav>", 1)[0]


def test_the_docs_give_the_hours_a_project_week_assumes() -> None:
    """The budget check and CONTRIBUTING.md's 'what weeks means' state the same number of hours."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"**{field_types.PROJECT_WEEK_HOURS} hours of work**" in text


def test_the_allow_list_in_contributing_is_the_validator_s() -> None:
    """"Markup stays harmless" lists the elements and attributes allow_list.py allows content, no more, no less."""
    from curriculum.rules import allow_list

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text[text.index("**Markup stays harmless.**"):text.index("**Files only.**")]
    elements_table, attributes_table = section.split("| Attributes | On |")
    listed = set(re.findall(r"`([a-z0-9]+)`", elements_table.split("| Elements |")[1]))
    listed |= {f"h{n}" for n in range(1, 7)}  # written as `h1`-`h6`
    assert listed == set(allow_list.CONTENT_ELEMENTS)
    rows = attributes_table.split("\n\n")[0]
    named = set(re.findall(r"`([a-z-]+)`", rows)) - {"data-md-", "data-atlas-"}
    expected = set(allow_list.CONTENT_ATTRIBUTES) | {"data-"}
    assert {n.rstrip("*") for n in named} | {"data-"} >= expected - {"data-"}
    assert all(name in allow_list.CONTENT_ATTRIBUTES or name.startswith("data-") for name in named), named
