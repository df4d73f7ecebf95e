"""The tolerant parser for chapter outline tables (`| 大纲 | 小节 | 链接 |`).

Real outline tables have no leading pipes, ragged delimiter rows (`-|--| -- | ---`), a second
delimiter row in the middle, blank rows, duplicate rows, rows with fewer cells than the header,
empty links (`[PPT]()`) and status words in cells (`(完结)`). None of that stops the parse: every
row that names a lesson becomes a Lesson, in table order.
"""

from __future__ import annotations

import re

from .model import Lesson
from .names import split_number
from .scan import plain_title

DELIMITER_CELL = re.compile(r"^:?-+:?$")
LINK = re.compile(r"\[([^\]]*)\]\(([^()]*)\)")
_STATUS = re.compile(r"[(（]\s*(?:完结|待更新|更新中|DONE|TODO)\s*[)）]")

_LESSON_HEADERS = ("小节", "lesson", "课程", "章节", "内容", "topic", "talk", "标题")
_PART_HEADERS = ("大纲", "part", "outline", "主题", "分类")
_LINK_HEADERS = ("链接", "link", "地址", "资源", "material")

_ARTICLE_LABELS = ("文章", "article", "text", "blog")
_DECK_LABELS = ("ppt", "slides", "slide", "pdf", "课件", "deck")
_VIDEO_LABELS = ("视频", "video", "bilibili", "youtube")


def split_cells(line: str) -> list[str]:
    """Split a table row on pipes that are not inside a link's brackets or parentheses."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells, depth, current = [], 0, []
    for ch in body:
        if ch in "[(":
            depth += 1
        elif ch in "])" and depth:
            depth -= 1
        if ch == "|" and depth == 0:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    cells.append("".join(current).strip())
    return cells


def is_delimiter(cells: list[str]) -> bool:
    filled = [c.replace(" ", "") for c in cells if c.strip()]
    return bool(filled) and all(DELIMITER_CELL.match(c) for c in filled)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for i, cell in enumerate(header):
        if any(name in cell.lower() for name in names):
            return i
    return None


def _classify(label: str, target: str) -> str:
    label_l, target_l = label.lower().strip(), target.lower().strip()
    if any(word in label_l for word in _VIDEO_LABELS) or "bilibili.com" in target_l or "youtu" in target_l:
        return "video"
    if any(word in label_l for word in _DECK_LABELS) or target_l.endswith((".pdf", ".pptx", ".ppt")):
        return "deck"
    if any(word in label_l for word in _ARTICLE_LABELS) or target_l.split("#")[0].endswith(".md"):
        return "article"
    return "other"


def table_blocks(masked: list[str]) -> list[list[tuple[int, str]]]:
    """Runs of consecutive lines containing a pipe, with their 1-based line numbers."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(masked, start=1):
        if "|" in line and line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def parse_outline(masked: list[str]) -> list[Lesson]:
    """Lessons from every outline table of a README, in order; other tables are ignored.

    A block with no header of its own right after an outline table is that table continued
    (authors split tables with a blank line), and is read with the same columns.
    """
    lessons: list[Lesson] = []
    columns: tuple[int, int | None, int | None] | None = None
    for block in table_blocks(masked):
        rows = [(n, split_cells(line)) for n, line in block]
        header_at = next((i for i, (_, cells) in enumerate(rows) if not is_delimiter(cells)), None)
        if header_at is None:
            continue
        found = _columns([c.lower() for c in rows[header_at][1]], rows)
        if found is not None:
            columns, body = found, rows[header_at + 1 :]
        elif columns is not None:
            body = rows
        else:
            continue
        seen: set[tuple[str, ...]] = set()
        for number, cells in body:
            if is_delimiter(cells) or not any(c.strip() for c in cells):
                continue
            key = tuple(cells)
            if key in seen:
                continue
            seen.add(key)
            lesson = _lesson(cells, number, *columns)
            if lesson is not None:
                lessons.append(lesson)
    return lessons


def _columns(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[int, int | None, int | None] | None:
    """(lesson, part, links) column indexes of an outline table's header, or None if it is not one."""
    lesson_col = _column(header, _LESSON_HEADERS)
    if lesson_col is None:
        return None
    link_col = _column(header, _LINK_HEADERS)
    if link_col is None and not any(LINK.search(c) for _, cells in rows for c in cells):
        return None
    return lesson_col, _column(header, _PART_HEADERS), link_col


def _lesson(
    cells: list[str], line: int, lesson_col: int, part_col: int | None, link_col: int | None
) -> Lesson | None:
    def cell(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    raw_title = LINK.sub(lambda m: m.group(1), cell(lesson_col))
    raw_title = _STATUS.sub("", raw_title).replace("**", "")
    number, rest = split_number(raw_title)
    title = plain_title(rest if number is not None else raw_title)
    link_cells = [cell(link_col)] if link_col is not None else cells
    lesson = Lesson(title=title, line=line, number=number, part=plain_title(_STATUS.sub("", cell(part_col))))
    for text in link_cells:
        for label, target in LINK.findall(text):
            kind = _classify(label, target)
            if not target.strip():
                lesson.empty_links.append(label.strip() or "link")
            elif kind == "article" and lesson.article is None:
                lesson.article = target.strip()
            elif kind == "deck" and lesson.deck is None:
                lesson.deck = target.strip()
            elif kind == "video" and lesson.video is None:
                lesson.video = target.strip()
    if not title and not (lesson.article or lesson.deck or lesson.video):
        return None
    return lesson
