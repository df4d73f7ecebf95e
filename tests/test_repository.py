"""The course repository itself: it builds with --strict, every article has a page, the checks pass."""

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from builders import PROJECT
from coursesite.course.discover import Discoverer
from PIL import Image


@pytest.fixture
def site(repository_site):
    return repository_site


def test_every_page_of_the_course_is_built_in_both_languages(site):
    course = Discoverer(PROJECT).discover()
    assert [m.path for m in course.modules] == ["01AIChip", "02StorComm", "05XCCL", "09Newsletters"]
    for page in course.pages():
        folder, name = page.path.rsplit("/", 1)
        url = folder if name == "README.md" else f"{folder}/{name[:-3]}"
        for language in ("", "en/"):
            assert (site / language / url / "index.html").is_file(), language + url


def test_edit_links_point_at_module_sources(site):
    course = Discoverer(PROJECT).discover()
    article = course.modules[0].chapters[0].articles[0]
    html = (site / article.path[:-3] / "index.html").read_text(encoding="utf-8")
    edit = BeautifulSoup(html, "html.parser").select_one('a[rel="edit"]')["href"]
    assert edit.endswith("/edit/main/" + article.path)


def test_content_checks_pass():
    done = subprocess.run([sys.executable, "-m", "coursesite.cli", "check", str(PROJECT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_course_size_matches_what_the_course_announces():
    """The content the course promises: chapters, lessons, talks, figures, decks, translations, subtitles."""
    course = Discoverer(PROJECT).discover()
    modules = {m.path: m for m in course.modules}
    for name, chapters in (("01AIChip", 4), ("02StorComm", 3), ("05XCCL", 3)):
        assert len(modules[name].chapters) >= chapters, name
        for chapter in modules[name].chapters:
            assert len(chapter.articles) >= 3, chapter.path
    talks = modules["09Newsletters"].chapters
    assert len(talks) >= 3 and sum(len(c.articles) for c in talks) >= 8
    assert all(a.number and a.number > 2024_00_00 for c in talks for a in c.articles)  # dated talks
    articles = [a for m in course.modules for c in m.chapters for a in c.articles]
    for article in articles:
        assert "en" in article.translations, article.path
        figures = [r for r in Discoverer(PROJECT).reader.read(article.path).references if r.is_image]
        assert 1 <= len(figures) <= 8, article.path
        assert (PROJECT / article.path).with_suffix(".pdf").is_file(), article.path
    lessons = [a for a in articles if not a.path.startswith("09Newsletters")]
    assert all(2 <= len([r for r in Discoverer(PROJECT).reader.read(a.path).references if r.is_image]) for a in lessons)
    assert len(list(PROJECT.glob("*/*/srt/*.srt"))) >= 3
    for png in PROJECT.glob("0*/*/images/*.png"):
        with Image.open(png) as image:
            assert image.width >= 2400, png


def test_every_lesson_page_ends_with_collapsed_self_check_questions(site):
    """Readers try first: each lesson's built page, in both languages, closes with 3-5 questions as
    closed <details> whose <summary> is the question and whose body holds the answer."""
    course = Discoverer(PROJECT).discover()
    articles = [a for m in course.modules for c in m.chapters for a in c.articles]
    for article in articles:
        counts = []
        for language in ("", "en/"):
            html = (site / language / article.path[:-3] / "index.html").read_text(encoding="utf-8")
            content = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
            heading = content.find(id="self-check")
            assert heading is not None and heading.name == "h2", language + article.path
            assert heading.find_next_sibling("h2") is None, language + article.path
            questions = heading.find_all_next("details", class_="question")
            assert 3 <= len(questions) <= 5, language + article.path
            for details in questions:
                assert not details.has_attr("open"), language + article.path
                assert details.summary.get_text(strip=True)[:2] in {f"{n}." for n in range(1, 6)}
                assert len(details.get_text(strip=True)) > len(details.summary.get_text(strip=True)) + 10
            counts.append(len(questions))
        assert counts[0] == counts[1], article.path
