"""The course repository itself: it builds with --strict, every article has a page, the checks pass."""

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from builders import PROJECT
from conftest import mkdocs_build
from coursesite.course.discover import Discoverer


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("repository") / "site"
    done = mkdocs_build(PROJECT, "--strict", "--site-dir", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


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
