"""The talk catalogue of the hot-topics module: dates from file names, newest first, topic filter, Atom feed."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from builders import pdf, tidy_course, write
from conftest import build, offline_page, static_server
from coursesite.lessons.talks import talk_date


@pytest.mark.parametrize("name, expected", [
    ("20250110NVCES", (dt.date(2025, 1, 10), True)),
    ("20240228_WordModel", (dt.date(2024, 2, 28), True)),
    ("2014", (dt.date(2014, 1, 1), False)),
    ("01MoEBasics", None),
    ("20251399Bad", None),
])
def test_dates_from_file_names(name, expected):
    assert talk_date(name) == expected


@pytest.fixture(scope="module")
def talks_site(tmp_path_factory):
    root = tidy_course(tmp_path_factory.mktemp("talks") / "repo", git=False)
    write(root, "09Newsletters/01MoE/README.md", "# 混合专家\n\n| 大纲 | 小节 | 链接 |\n|--|--|--|\n"
          "| MoE | 01 基本原理 | [文章](./20250110MoE.md) |\n| MoE | 02 词模型 | [文章](./20240228_WordModel.md) |\n"
          "| MoE | 03 十年回顾 | [PPT](./2014.pdf) |\n")
    write(root, "09Newsletters/01MoE/20250110MoE.md", "# MoE 基本原理\n\n正文。\n")
    write(root, "09Newsletters/01MoE/20240228_WordModel.md", "# 词模型\n\n正文。\n")
    pdf(root, "09Newsletters/01MoE/2014.pdf")
    write(root, "09Newsletters/02Long/README.md", "# 长上下文\n")
    write(root, "09Newsletters/02Long/20250301Long.md", "# 长上下文的注意力\n\n正文。\n")
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    return built


def test_catalogue_newest_first_with_topics(talks_site):
    section = talks_site.html("09Newsletters/index.html").select_one("section.course-talks")
    items = [(li.time["datetime"], li.get_text(" ", strip=True)) for li in section.select("li")]
    assert [when for when, _ in items] == ["2025-03-01", "2025-01-10", "2024-02-28", "2014"]
    assert "长上下文的注意力" in items[0][1] and "十年回顾" in items[3][1]
    assert [b.get_text() for b in section.select("button")] == ["全部", "混合专家", "长上下文"]
    link = section.select_one("li a")["href"]
    assert (talks_site.site / "09Newsletters" / link / "index.html").resolve().is_file()


def test_atom_feed_lists_talks_with_absolute_links(talks_site):
    feed = ET.parse(talks_site.site / "09Newsletters/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    # The year-named deck has no article: its generated lesson page is the talk's page.
    assert [e.find("a:title", ns).text for e in entries] == ["长上下文的注意力", "MoE 基本原理", "词模型", "十年回顾"]
    assert entries[0].find("a:link", ns).get("href") == "https://aifoundation.example.org/09Newsletters/02Long/20250301Long/"
    assert entries[0].find("a:category", ns).get("term") == "长上下文"


def test_topic_filter_in_the_browser(talks_site, browser):
    page = offline_page(browser)
    with static_server(talks_site.site) as base:
        page.goto(base + "09Newsletters/")
        items = page.locator("section.course-talks li")
        assert items.count() == 4
        page.locator("section.course-talks button", has_text="长上下文").click()
        assert [i.is_visible() for i in items.all()] == [True, False, False, False]
        page.locator("section.course-talks button", has_text="全部").click()
        assert all(i.is_visible() for i in items.all())
    page.context.close()
