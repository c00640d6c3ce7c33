"""What the review script needs to know of a phase's self-check questions, as JSON for a data attribute.

The Review page brings back the questions of the phases a learner has started or
finished, or added by hand, on a spaced-repetition schedule kept in their browser
(templates/theme/assets/js/review.js). A phase counts as started once anything
of it is ticked or marked ("I know this", "I have started"): one of its tasks (by
the key prefixes of its task scopes, as progress.py counts them), one of its
papers or projects, or the phase itself.

Only the Review page holds every question of the site (it is the page's content);
a phase page holds its own phase's deck, for its "Check yourself" section, and the
home page none: it counts what the learner's browser has saved. The Review page's
model answers are not part of its first view: the build renders them in the page,
then takes them out (`cut_answers`) into a script beside it (`answers_script`),
which the page loads with the scheduler when the learner first asks for an answer.
"""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..read.entities import Phase


def phase_deck(phase: Phase) -> dict[str, Any]:
    """A phase as the review script sees it: its id and old ids, what tells that it has
    been started (task scopes, the keys of its papers and projects), and the keys of its
    questions, each with the keys its review may have been saved under before."""
    return {
        "phase": phase.id,
        "old": phase.old_ids,
        "scopes": [phase.task_scope, *phase.old_task_scopes],
        "items": [paper.progress_key for paper in phase.all_papers] + [project.progress_key for project in phase.all_projects],
        "questions": [{"key": question.review_key, "old": question.old_review_keys} for question in phase.questions],
    }


def phase_deck_json(phase: Phase) -> Markup:
    """`phase_deck` as JSON for an HTML attribute in single quotes (< > & ' escaped)."""
    return htmlsafe_json_dumps(phase_deck(phase), sort_keys=True, separators=(",", ":"))


# The model answer of a question in the built Review page (templates/review.md.j2), whatever
# the order of its attributes.
_ANSWER = re.compile(r"""<div\s[^>]*\bdata-atlas-answer="([^"]+)"[^>]*>""")
_DIV = re.compile(r"<div[\s>]|</div>")


def cut_answers(html: str) -> tuple[str, dict[str, str]]:
    """The built Review page without its answers' elements, and each answer's HTML by
    question key, in page order. An answer's element ends at the </div> that closes it
    (an answer may hold divs of its own, an admonition's for one)."""
    kept: list[str] = []
    answers: dict[str, str] = {}
    position = 0
    for start in _ANSWER.finditer(html):
        if start.start() < position:
            continue  # inside an answer already cut
        depth, end = 1, start.end()
        while depth:
            tag = _DIV.search(html, end)
            if tag is None:
                raise ValueError(f"the answer of {start[1]} in the Review page is not closed")
            depth += -1 if tag[0] == "</div>" else 1
            end = tag.end()
        answers[html_unescape(start[1])] = html[start.end() : end - len("</div>")].strip()
        kept.append(html[position : start.start()])
        position = end
    kept.append(html[position:])
    return "".join(kept), answers


def answers_script(answers: dict[str, str]) -> str:
    """The script beside the Review page that hands its answers to review-session.js."""
    return f"window.atlasAnswers && window.atlasAnswers({json.dumps(answers, ensure_ascii=False, indent=0)});\n"
