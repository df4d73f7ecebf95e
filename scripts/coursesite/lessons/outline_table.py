"""The chapter page's lesson table, generated from the parsed outline instead of the raw source table.

Real outline tables have blank and duplicate rows, a second delimiter row, empty `[PPT]()` links and
decks that are not in the repository. The page shows one clean row per lesson with only the links
that lead somewhere: the article, the deck (or the published decks, or a note that it is not
published yet), the video, the transcript.
"""

from __future__ import annotations

from ..course.model import Lesson
from ..course.outline import table_blocks
from ..course.scan import markdown_text
from ..labels import label


def outline_line_range(masked: list[str], lessons: list[Lesson]) -> tuple[int, int] | None:
    """First and last line (1-based) of the table blocks that hold the lessons."""
    lines = {lesson.line for lesson in lessons}
    blocks = [block for block in table_blocks(masked) if any(number in lines for number, _ in block)]
    if not blocks:
        return None
    return blocks[0][0][0], blocks[-1][-1][0]


def lesson_table(rows: list[tuple[Lesson, str | None, str | None, str | None, str | None]], language: str | None) -> str:
    """Markdown for the table; each row: (lesson, page link, deck link or None, video URL, transcript link).
    The page is the article, or for a lesson without one its generated lesson page (no "article" link then)."""
    head = (f"| {label(language, 'outline_part')} | {label(language, 'outline_lesson')} | "
            f"{label(language, 'outline_links')} |\n|:--|:--|:--|\n")
    body = []
    for lesson, article, deck, video, transcript in rows:
        number = f"{lesson.number:02d} " if lesson.number is not None else ""
        title = f"[{number}{markdown_text(lesson.title)}]({article})" if article else f"{number}{markdown_text(lesson.title)}"
        links = []
        if article and lesson.article:
            links.append(f"[{label(language, 'outline_article')}]({article})")
        if deck:
            links.append(f"[{label(language, 'outline_deck')}]({deck})")
        elif lesson.deck is not None:
            links.append(label(language, "outline_unpublished"))
        if video:
            links.append(f"[{label(language, 'outline_video')}]({video})")
        if transcript:
            links.append(f"[{label(language, 'outline_transcript')}]({transcript})")
        body.append(f"| {markdown_text(lesson.part)} | {title} | {' · '.join(links)} |")
    return head + "\n".join(body) + "\n"
