"""The outline-table parser on the irregular tables of the real course."""

from builders import IRREGULAR_CHAPTER
from coursesite.course.outline import parse_outline
from coursesite.course.scan import mask


def test_tidy_table():
    text = """\
| 大纲 | 小节 | 链接 |
|:--:|:--:|:--:|
| 图形处理器 GPU | 01 GPU 工作原理 | [文章](./01Works.md), [PPT](./01Works.pdf), [视频](https://www.bilibili.com/video/BV1bm4y1m7Ki/) |
"""
    (lesson,) = parse_outline(mask(text))
    assert (lesson.number, lesson.title, lesson.part) == (1, "GPU 工作原理", "图形处理器 GPU")
    assert (lesson.article, lesson.deck, lesson.video) == (
        "./01Works.md", "./01Works.pdf", "https://www.bilibili.com/video/BV1bm4y1m7Ki/",
    )
    assert lesson.line == 3


def test_irregular_table_every_quirk():
    lessons = parse_outline(mask(IRREGULAR_CHAPTER))
    # No leading pipes + ragged delimiter, a blank line splitting the table, a second delimiter
    # row, a duplicate row, the same number twice, a row with fewer cells and nothing in it.
    assert [(lesson.number, lesson.title) for lesson in lessons] == [
        (1, "GPU 工作原理"),
        (2, "GPU 适用于 AI"),
        (4, "GPU 架构回顾第一篇"),
        (4, "GPU 架构回顾第二篇"),
    ]
    first = lessons[0]
    assert first.deck == "./01Works.pdf" and first.article == "./01Works.md"
    assert lessons[1].empty_links == ["PPT", "视频"]
    assert lessons[2].deck == "./04Fermi.pdf"  # deck named differently from its article


def test_empty_links_recorded_not_kept():
    text = "| 大纲 | 小节 | 链接 |\n|--|--|--|\n| A | 02 B | [文章](./02B.md), [PPT](), [视频]() |\n"
    (lesson,) = parse_outline(mask(text))
    assert lesson.deck is None and lesson.video is None
    assert lesson.empty_links == ["PPT", "视频"]


def test_tables_without_lesson_column_are_ignored():
    assert parse_outline(mask("| 参数 | 值 |\n|--|--|\n| a | 1 |\n")) == []


def test_table_inside_code_fence_is_ignored():
    text = "```\n| 大纲 | 小节 | 链接 |\n|--|--|--|\n| A | 01 B | [文章](./01B.md) |\n```\n"
    assert parse_outline(mask(text)) == []
