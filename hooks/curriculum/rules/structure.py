"""Rules on how a page reads, checked in its source so that the fast check says what the
tests of the built site would: headings in order under one h1, every picture with a text
alternative, every link with words, and every plain page linked from another page.
Listed with the other rules in checks.CHECKS.
"""

from __future__ import annotations

import posixpath
import re

from ..problems import Broken, Problems
from ..read.entities import Curriculum, Page
from .content_policy import mask_code

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_EMPTY_LINK = re.compile(r"(?<![!\]])\[\s*\]\((?!\s*\))")
_RAW_IMG = re.compile(r"<img\b(?![^>]*\balt\s*=\s*(?:\"[^\"]+\"|'[^']+'|[^\s\"'>]+))[^>]*>", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^()\[\]\s<>#]{1,300}\.md)")  # bounded: linear on any line
_LONGEST_HEADING = 1000  # characters: a longer line is no heading anyone wrote, and is not searched as one


def headings(body: str) -> list[tuple[int, int, str]]:
    """(0-based line, level, text) of every heading of a body outside code."""
    found = []
    lines = mask_code(body).split("\n")
    for index, line in enumerate(lines):
        if len(line) > _LONGEST_HEADING:
            continue
        atx = _ATX.match(line)
        if atx:
            found.append((index, len(atx[1]), (atx[2] or "").strip()))
        elif _SETEXT.match(line) and index and lines[index - 1].strip() and not found_heading_line(lines[index - 1]):
            found.append((index - 1, 1 if line.strip()[0] == "=" else 2, lines[index - 1].strip()))
    return found


def found_heading_line(line: str) -> bool:
    return bool(_ATX.match(line)) or line.lstrip().startswith(("|", "-", "*", ">", "<"))


def check_page_structure(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Headings go down one level at a time under the page's one h1; pictures have alt
    text; links have words. A page's h1 is its title (the template writes it), except on a
    plain page with no `title`, whose body's first heading is its h1."""
    for entity in curriculum.by_src.values():
        source = entity.source
        own_h1 = isinstance(entity, Page) and not entity.meta.title
        previous = 0 if own_h1 else 2  # the title's h1, then the template's sections (h2)
        h1s = 0
        for offset, level, text in headings(source.body):
            line = source.body_line + offset
            if level == 1:
                h1s += 1
                if not own_h1 or h1s > 1:
                    why = ("the page's title is its h1 (a page has one)" if not own_h1 else "the page has one h1 already")
                    problems.add(source.display, line, "body", f"'# {text}' is a second h1: {why}; make it a section, '## {text}'")
            elif level > previous + 1 and previous:
                problems.add(source.display, line, "body",
                             f"the heading '{text}' is h{level} after an h{previous}: a level is skipped, which screen readers announce "
                             f"as a missing section; make it {'#' * (previous + 1)} {text}")
            if not text:
                problems.add(source.display, line, "body", "a heading with no text; give it words or remove it")
            previous = level
        masked = mask_code(source.body)
        for offset, row in enumerate(masked.split("\n")):
            line = source.body_line + offset
            for image in _IMAGE.finditer(row):
                if not image[1].strip():
                    problems.add(source.display, line, "body", "a picture with no text alternative: write what it shows between "
                                                               "the brackets, ![A bar chart of ...](picture.png)")
            if _RAW_IMG.search(row):
                problems.add(source.display, line, "body", "an <img> with no alt text: add alt=\"what it shows\"")
            if _EMPTY_LINK.search(row):
                problems.add(source.display, line, "body", "a link with no text: screen readers would read its address; write "
                                                           "words between the brackets, [what it leads to](page.md)")


def check_pages_are_linked(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every plain page (not the home page) is linked from another page's content: the
    indexes link to every paper, project, guide and skill, and the navigation to every
    path and phase, but a plain page is found only through a link someone wrote."""
    if any(broken.values()):
        return  # a page that did not load may be the one that links
    linked: set[str] = set()
    for entity in curriculum.by_src.values():
        folder = posixpath.dirname(entity.src)
        for target in _LINK_TARGET.findall(mask_code(entity.source.body)):
            resolved = posixpath.normpath(posixpath.join(folder, target))
            if resolved != entity.src:
                linked.add(resolved)
    for rel, page in curriculum.pages.items():
        if rel != "index.md" and rel not in linked:
            problems.unfinished(page.source.display, None, "",
                                "no other page links to this one, so readers find it only by chance; link it from a page where it "
                                "belongs, such as the home page (content/index.md) or a guide")
