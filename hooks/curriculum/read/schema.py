"""Front-matter schemas: the one source of truth for what a content file may say.

Every kind of content file has a pydantic model here (`KINDS`). Pydantic checks
each file on its own (types, required fields, unknown fields, formats); checks
that need more than one file (references, week ranges of a path, lineage
cycles) live in ``checks.py``. The JSON Schema published with the site is
generated from these models, and so is the contributors' field reference.
What a file becomes once its references are resolved is in ``entities.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WrapValidator,
)

from .field_types import (
    PROJECT_WEEK_HOURS,
    ArxivId,
    AudienceLevel,
    Author,
    Difficulty,
    Id,
    Month,
    ResourceType,
    SafeUrl,
    ShortText,
    StartKind,
    Text,
    Title,
    Weeks,
    _check_url,
    slug,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


# --- dates of pages ---------------------------------------------------------
# Papers, phases, projects and guides say when they were added, changed and last
# checked; the What's new page and its feed are made from these fields (history.py),
# never from git, so that every checkout builds the same site.


class Change(Strict):
    """A change to a page worth telling a returning learner: shown on the page and on What's new."""

    date: Month = Field(description="The month of the change, as YYYY-MM (e.g. '2026-12').")
    note: ShortText = Field(
        description="What changed, in one short sentence a learner understands, e.g. 'Adds GRPO and DeepSeek-R1 to the reading list'."
    )


def checked_field():
    return Field(
        default=None,
        description="When its content was last checked against its sources, as YYYY-MM (e.g. '2026-12'); shown on the page, in "
        "the export and on What's new. Set it whenever you check the page. Undated, or checked more than a year before the "
        "build, is a warning (refused by --strict); a month to come is an error.",
    )


def added_field():
    return Field(
        default=None,
        description="The month the page was first published, as YYYY-MM; What's new lists it as new then. Not after `checked`. "
        "A page without it is a warning (refused by --strict).",
    )


def changes_field():
    return Field(
        default=[],
        description="Changes a returning learner should know about, each {date: YYYY-MM, note: '...'}; shown on the "
        "page and on What's new. Each date falls between `added` and `checked`.",
    )


# --- vocabularies ---------------------------------------------------------


class Skill(Strict):
    """One entry of the skill vocabulary, `content/skills.yml`, keyed by its id."""

    title: Title = Field(description="The skill's name as readers see it.")
    description: Text = Field(description="One or two sentences: what the skill is and why it matters.")
    aliases: list[Id] = Field(
        default=[], description="Other ids that mean this skill (e.g. `math` for `mathematics`)."
    )
    also_called: list[ShortText] = Field(
        default=[],
        description="Other names readers know the skill by, shown on its page (e.g. 'RLHF' for alignment). Aliases are ids for "
        "references and are not shown, so leave out a name that only spells the title another way.",
    )
    topics: list[Id] = Field(
        default=[],
        description="Paper topics (ids from content/topics.yml) that teach this skill: its page lists the papers its phases read "
        "on these topics.",
    )
    group: Text | None = Field(default=None, description="A heading to group skills under, e.g. 'Foundations'.")
    old_ids: list[Id] = Field(
        default=[], description="Ids this skill had before a rename: references to them still resolve, and its old page leads to the new one."
    )


class Topic(Strict):
    """One entry of the topic vocabulary of papers, `content/topics.yml`, keyed by its id."""

    title: Title = Field(description="The topic's name as readers see it, e.g. 'Reinforcement learning'.")
    description: Text = Field(description="One or two sentences: what papers on this topic are about.")
    aliases: list[Id] = Field(default=[], description="Other ids that mean this topic (e.g. `rl` for `reinforcement-learning`).")


# --- paths and phases -----------------------------------------------------


class PathSkills(Strict):
    must: list[Id] = Field(default=[], description="Must-have skills.")
    important: list[Id] = Field(default=[], description="Important skills.")
    nice: list[Id] = Field(default=[], description="Nice-to-have skills.")


class NextPath(Strict):
    id: Id = Field(description="The id of the next path (its folder name under content/paths/).")
    title: Title | None = Field(default=None, description="Required for a planned path that has no page yet.")
    planned: bool = Field(default=False, description="True when the path is not written yet: shown as planned, not linked.")
    why: Text | None = Field(default=None, description="One line: why go there next.")
    meanwhile: Id | None = Field(
        default=None,
        description="For a planned path: the id of the written path closest to it, which its card offers to follow until it is written "
        "(beside a link to help write it).",
    )


class ToolGroup(Strict):
    category: Text = Field(description="An area, e.g. 'Experiment tracking'.")
    tools: list[Text] = Field(min_length=1, description="Tool names in that area.")


class LearningPath(Strict):
    """A learning path: `content/paths/<id>/index.md`."""

    model_config = ConfigDict(title="Path")  # the published JSON Schema's name

    title: Title = Field(description="The path's name, e.g. 'AI Research Engineer'.")
    description: Text = Field(description="One or two sentences for cards, search results and the meta description.")
    levels: list[AudienceLevel] = Field(min_length=1, description="Who the path is for.")
    prerequisites: list[ShortText] = Field(
        min_length=1, description="What you should know or be able to do before you start, one short item each."
    )
    outcomes: list[ShortText] = Field(min_length=1, description="What you will be able to do at the end, one short item each.")
    skills: PathSkills = Field(description="Skills by priority: must, important, nice.")
    hours_per_week: int = Field(
        default=10, ge=1, le=80, examples=[10], description="The study pace the week ranges assume; the planner scales from it."
    )
    weeks: int | None = Field(
        default=None, ge=1, examples=[24], description="The path's stated length in weeks; when given, its phases must cover exactly weeks 1 to this."
    )
    next_paths: list[NextPath] = Field(default=[], description="Where to go after this path.")
    tools: list[ToolGroup] = Field(default=[], description="Key tools by category.")
    old_ids: list[Id] = Field(default=[], description="Ids this path had before a rename.")
    order: int = Field(default=100, description="Position among paths on the home page.")


# --- tasks -----------------------------------------------------------------


class Task(Strict):
    """A practice or build item of a phase: a tick box with an id of its own, so that
    its wording can change without losing the ticks saved under it."""

    id: Id = Field(
        description="Unique among the tasks of its phase (practice and build together). Ticks are saved under it: "
        "to rename it, list the former id under old_ids."
    )
    text: Text = Field(description="What to do (Markdown); the label of its tick box.")
    old_ids: list[Id] = Field(default=[], description="Ids this task had before a rename.")


class GuideTask(Task):
    """A step of a guide's checklist, such as one line of a 30-day plan."""

    when: Text | None = Field(default=None, description="When to do it, e.g. 'Week 1' or 'Days 1-7'.")
    outcome: Text | None = Field(default=None, description="What you have when it is done.")


def _task_suggestion(text: str) -> str:
    """An id to offer for a task written as a bare string: its first few words."""
    return "-".join(slug(text).split("-")[:4]) or "my-task"


def _not_bare_text(value: object) -> object:
    # Tasks were once plain strings, and a learner's ticks were lost whenever one was
    # reworded; a bare string is refused with the mapping to write instead.
    if isinstance(value, str):
        raise ValueError(
            "a task needs an id of its own, so that learners keep their ticks when its wording changes: "
            f'write {{id: {_task_suggestion(value)}, text: "..."}} with an id unique in its phase'
        )
    return value


PhaseTask = Annotated[Task, BeforeValidator(_not_bare_text)]
ChecklistTask = Annotated[GuideTask, BeforeValidator(_not_bare_text)]

class Resource(Strict):
    title: Title = Field(description="The resource's name, with its author or publisher.")
    type: ResourceType = Field(description="What kind of resource it is.")
    url: SafeUrl | None = Field(default=None, description="Where to find it; leave out for resources with no single link.")
    paper: Id | None = Field(default=None, description="A paper id, to link our paper page instead of (or beside) the url.")
    topic: Text | None = Field(default=None, description="What it covers, e.g. 'Linear algebra'.")
    note: Text | None = Field(default=None, description="Why or how to use it (Markdown).")


class Option(Strict):
    """A track of a phase (its `options`): one of the alternatives a learner chooses between, such as a
    specialisation. What the phase lists itself is shared by every track; a track adds its own papers,
    projects and tasks, and a learner who has chosen it is counted on those alone."""

    id: Id = Field(
        description="Unique among the tracks of its phase. A learner's choice of track is saved under it: "
        "to rename it, list the former id under old_ids."
    )
    title: Title = Field(description="The track's name, e.g. 'LLM alignment'.")
    summary: Text | None = Field(default=None, description="What the track covers (Markdown).")
    topics: list[Text] = Field(default=[], description="Topics to study in this track.")
    papers: list[Id] = Field(
        default=[],
        description="Papers only this track reads, in reading order. A paper every track reads goes in the phase's own papers instead, "
        "never in both.",
    )
    projects: list[Id] = Field(
        default=[],
        description="Projects this track asks for. A project every track builds goes in the phase's own projects instead, never in both; "
        "one of the phase's optional_projects may be listed here, to be required on this track only.",
    )
    tasks: list[PhaseTask] = Field(
        default=[],
        description="Practice and build items of this track only, each {id, text}: their ids are unique among the phase's tasks "
        "and every track's together. Items every track does go in the phase's practice and build.",
    )
    old_ids: list[Id] = Field(default=[], description="Ids this track had before a rename.")


class Question(Strict):
    """A self-check question of a phase, with an id of its own like a task's, so that a
    learner's review history survives a change of wording."""

    id: Id = Field(
        description="Unique among the questions of its phase. A learner's review of it is saved under it: "
        "to rename it, list the former id under old_ids."
    )
    question: Text = Field(description="A question a learner should be able to answer after the phase.")
    answer: Text = Field(description="A model answer in a few sentences (Markdown).")
    old_ids: list[Id] = Field(default=[], description="Ids this question had before a rename.")


class Phase(Strict):
    """A phase of a path: `content/paths/<path-id>/<nn>-<slug>.md`."""

    title: Title = Field(description="The phase's name, e.g. 'Mathematical Foundations'.")
    order: int = Field(ge=0, examples=[1], description="Position in the path, starting at 0 or 1.")
    weeks: Weeks = Field(description="Inclusive week range, e.g. '3-10'. Phases start at week 1, no gaps, no overlaps.")
    description: Text = Field(description="One or two sentences: what this phase is for.")
    checked: Month | None = checked_field()
    added: Month | None = added_field()
    changes: list[Change] = changes_field()
    skills: list[Id] = Field(min_length=1, description="Skills this phase teaches.")
    papers: list[Id] = Field(default=[], description="Papers to read, in reading order; with tracks, the papers every track reads.")
    projects: list[Id] = Field(
        default=[],
        description="The projects the phase asks for (with tracks, of every track). With the largest track's projects, their minimum weeks must fit "
        f"in the phase at the path's pace (a project week is {PROJECT_WEEK_HOURS} hours of work).",
    )
    optional_projects: list[Id] = Field(
        default=[], description="Alternatives and stretch projects: shown apart and left out of the phase's time budget."
    )
    milestone: Text = Field(description="What you can do when the phase is done.")
    learn: list[Text] = Field(default=[], description="Topics to learn.")
    practice: list[PhaseTask] = Field(default=[], description="Exercises, each {id, text}; shown as a checklist. With tracks, the exercises of every track.")
    build: list[PhaseTask] = Field(default=[], description="Things to build, each {id, text}; shown as a checklist. With tracks, the builds of every track.")
    resources: list[Resource] = Field(default=[], description="Videos, articles, courses, books, code ...")
    options: list[Option] = Field(
        default=[],
        description="The phase's tracks, of which a learner chooses one: at least two, each with papers, projects or tasks of its own. "
        "Until a learner chooses, the phase counts what it lists itself; then that and the chosen track's.",
    )
    questions: list[Question] = Field(default=[], description="Self-check questions with model answers.")
    old_ids: list[Id] = Field(default=[], description="Ids this phase had before a rename.")


# --- papers, projects, guides, pages -------------------------------------


class Paper(Strict):
    """A paper: `content/papers/<id>.md`. The body is our reading note."""

    title: Title = Field(description="The paper's full title.")
    short_title: Title | None = Field(default=None, description="The name people use, e.g. 'BERT'.")
    authors: list[Author] = Field(min_length=1, description="Authors in paper order; 'et al.' is not an author.")
    et_al: bool = Field(default=False, description="True when `authors` lists only the first authors of a long list.")
    year: int = Field(ge=1900, le=2100, examples=[2017], description="Year of the first arXiv version (or of publication without one).")
    arxiv: ArxivId | None = Field(default=None, description="arXiv id without version, e.g. '1706.03762'.")
    url: SafeUrl | None = Field(default=None, description="Link to the paper; required when there is no arXiv id.")
    venue: Text | None = Field(default=None, description="Where it was published, e.g. 'NeurIPS 2017'.")
    topics: list[Id] = Field(min_length=1, description="Topic ids from content/topics.yml (an alias works too), e.g. 'transformers', 'alignment'.")
    builds_on: list[Id] = Field(default=[], description="Ids of papers this one directly extends.")
    contribution: Text = Field(description="The key contribution in one line.")
    checked: Month | None = checked_field()
    added: Month | None = added_field()
    changes: list[Change] = changes_field()
    old_ids: list[Id] = Field(default=[], description="Ids this paper had before a rename.")


class StartLink(Strict):
    """A link that lets a learner begin a project at once."""

    title: Title = Field(description="What it is and whose, e.g. 'CIFAR-10 (University of Toronto)'.")
    url: SafeUrl = Field(description="Where it is: the official page, the original repository, or the data set's home on a well-known host.")
    kind: StartKind = Field(
        description="data: a data set; environment: a simulator, benchmark or sandbox to work in; starter: code or a tutorial to "
        "begin from; reference: a finished implementation, or the documentation or specification, to check your work against; "
        "example: a result or write-up that shows what good looks like."
    )
    note: Text | None = Field(default=None, description="How to use it for this project, in a sentence (Markdown).")


class Project(Strict):
    """A project: `content/projects/<id>.md`."""

    title: Title = Field(description="The project's name, e.g. 'RAG System'.")
    description: Text = Field(description="One or two sentences: what you build.")
    difficulty: Difficulty = Field(description="beginner, intermediate or advanced.")
    skills: list[Id] = Field(min_length=1, description="Skill ids the project practises.")
    weeks: Weeks = Field(
        description=f"Estimated effort in weeks of {PROJECT_WEEK_HOURS} hours, e.g. '2-3' or '2', whatever the pace of the path."
    )
    deliverables: list[Text] = Field(min_length=1, description="What you hand in.")
    good_looks_like: list[Text] = Field(default=[], description="What a strong result looks like.")
    start_here: list[StartLink] = Field(
        min_length=1,
        description="Links to begin with: at least one data set or environment, starter code or a reference implementation, "
        "and an example of a good result where one exists. Real, public, stable pages; links only, never copied code.",
    )
    papers: list[Id] = Field(default=[], description="Papers that help.")
    checked: Month | None = checked_field()
    added: Month | None = added_field()
    changes: list[Change] = changes_field()
    old_ids: list[Id] = Field(default=[], description="Ids this project had before a rename.")


class TitledLink(Strict):
    """A link of a guide's further reading, with the words it shows."""

    title: Title = Field(description="What a reader sees: the page's name and its author or publisher.")
    url: SafeUrl = Field(description="An https:// link, or a relative link to one of our pages such as '../paths/ai-engineer/index.md'.")


def _bare_or_titled(value: object, handler: Callable[[object], TitledLink]) -> TitledLink | str:
    # A bare URL stays valid (the seed guide's front-matter uses one, unchanged) and
    # stays a plain string; a mapping is a TitledLink. A pydantic union would report
    # every failed member for one bad entry; this reports the one that was meant.
    if isinstance(value, str):
        return _check_url(value.strip())
    if not isinstance(value, (dict, TitledLink)):
        raise ValueError("a link is a URL or a mapping {title: ..., url: ...}")
    return handler(value)


GuideLink = Annotated[
    TitledLink,
    WrapValidator(_bare_or_titled, json_schema_input_type=SafeUrl | TitledLink),
    PlainSerializer(lambda link: link if isinstance(link, str) else link.model_dump()),
]


class Guide(Strict):
    """A guide: `content/guides/<id>.md`."""

    title: Title = Field(description="The guide's title.")
    description: Text = Field(description="One or two sentences for lists, search and the meta description.")
    skills: list[Id] = Field(default=[], description="Skill ids (or aliases) the guide is about.")
    levels: list[AudienceLevel] = Field(default=[], description="Who it is for.")
    links: list[GuideLink] = Field(
        default=[],
        description="Further reading, each as {title, url}. A bare URL is accepted too, but readers then see the address itself.",
    )
    order: int = Field(default=100, description="Position in the guides list.")
    checked: Month | None = checked_field()
    added: Month | None = added_field()
    changes: list[Change] = changes_field()
    tasks: list[ChecklistTask] = Field(
        default=[],
        description="A checklist of steps, each {id, text, when, outcome}, shown as tick boxes after the body's introduction "
        "(before its first '## ' heading).",
    )
    old_ids: list[Id] = Field(default=[], description="Ids this guide had before a rename.")


class Milestone(Strict):
    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = Field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
    title: Title = Field(description="What was released.")
    who: Text | None = Field(default=None, description="Who released it.")
    note: Text | None = Field(default=None, description="Why it matters (Markdown).")
    url: SafeUrl | None = Field(default=None, description="Where to read about it (https).")


class Page(Strict):
    """Any other Markdown page (home, about, timelines)."""

    title: Title | None = Field(default=None, description="The page title (else its first heading).")
    description: Text | None = Field(default=None, description="One or two sentences for search and the meta description.")
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(
        default=[], description="Parts of Material's layout to hide on this page."
    )
    milestones: list[Milestone] = Field(default=[], description="A dated timeline, rendered as a table.")
    old_ids: list[Id] = Field(default=[], description="Ids this page had before a rename.")


# The model of each kind of front-matter, by the `kind` its entity declares.
KINDS: dict[str, type[Strict]] = {
    "path": LearningPath,
    "phase": Phase,
    "paper": Paper,
    "project": Project,
    "guide": Guide,
    "page": Page,
    "skill": Skill,
    "topic": Topic,
}
