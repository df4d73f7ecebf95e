"""Slide decks on the lesson page: every page rendered, shown as thumbnails, opened in the lightbox."""

import re

from builders import pdf, tidy_course, write
from conftest import build, offline_page, static_server
from coursesite.linkcheck import check_site

ARTICLE = "01AIChip/01Foundation/01Roofline/"
RELEASES = "https://github.com/aifoundation-course/AIFoundation/releases"


def deck_of(built, path):
    return built.html(path + "index.html").select_one("section.course-deck")


def test_deck_viewer_on_the_article_in_both_languages(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    pdf(root, "01AIChip/01Foundation/01Roofline.pdf", pages=3)
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    deck = deck_of(built, ARTICLE)
    thumbs = deck.select("a.course-deck__page")
    assert len(thumbs) == 3 and "3 页" in deck.select_one(".course-deck__meta").get_text()
    for link in thumbs:
        img = link.select_one("img")
        assert img["loading"] == "lazy" and img["width"] == "800"
        for url in (img["src"], link["href"]):
            assert (built.site / ARTICLE / url).resolve().is_file(), url
    assert re.search(r"01Roofline-slides/page001_png-1600w\.(png|webp)$", thumbs[0]["href"])
    download = deck.select_one("a[download]")["href"]
    assert (built.site / ARTICLE / download).resolve() == (built.site / "01AIChip/01Foundation/01Roofline.pdf").resolve()
    english = deck_of(built, "en/" + ARTICLE)
    assert "3 pages" in english.get_text() and english.select_one("a[download]").get_text() == "Download the PDF"
    assert deck_of(built, "01AIChip/01Foundation/02MatMul/") is None  # no deck for this lesson
    assert check_site(built.site) == []  # every thumbnail and link resolves, on the English pages too


def test_large_deck_is_not_copied_but_still_shown(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - course:\n", "  - course:\n      deck_size_limit_mb: 0\n"), encoding="utf-8")
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    assert not (built.site / "01AIChip/01Foundation/01Roofline.pdf").exists()
    deck = deck_of(built, ARTICLE)
    assert deck.select_one("a[download]")["href"] == RELEASES and len(deck.select("img")) == 2
    outline = built.html("01AIChip/01Foundation/index.html").select_one("article").find("a", string="课件")
    assert outline["href"] == RELEASES


def test_unreadable_deck_is_reported(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    write(root, "01AIChip/01Foundation/01Roofline.pdf", "not a pdf")
    built = build(root)
    assert built.returncode == 0
    assert "01AIChip/01Foundation/01Roofline.pdf: slide deck cannot be shown" in built.log
    assert deck_of(built, ARTICLE) is None


def test_deck_pages_open_in_the_lightbox_and_follow_the_arrow_keys(tmp_path, browser):
    root = tidy_course(tmp_path / "repo", git=False)
    pdf(root, "01AIChip/01Foundation/01Roofline.pdf", pages=3)
    built = build(root, "--strict")
    page = offline_page(browser)
    with static_server(built.site) as base:
        page.goto(base + ARTICLE)
        page.locator("a.course-deck__page").first.click()
        shown = page.locator(".gslide.current .gslide-image img")
        shown.wait_for()
        assert "page001_png-1600w" in shown.get_attribute("src")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.gslide.current .gslide-image img')?.src.includes('page002')")
    page.context.close()


def pptx(path, slides=3):
    from pptx import Presentation

    deck = Presentation()
    for n in range(slides):
        deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = f"第 {n + 1} 页"
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(path)


def pptx_course(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    (root / "01AIChip/01Foundation/01Roofline.pdf").unlink()
    readme = root / "01AIChip/01Foundation/README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("01Roofline.pdf", "01Roofline.pptx"), encoding="utf-8")
    pptx(root / "01AIChip/01Foundation/01Roofline.pptx")
    return root


def test_pptx_without_pdf_is_converted_with_libreoffice(tmp_path):
    import shutil

    assert shutil.which("soffice"), "LibreOffice is missing: apt-get install libreoffice-impress (.ci/run does it)"
    built = build(pptx_course(tmp_path), "--strict")
    assert built.returncode == 0, built.log
    deck = deck_of(built, ARTICLE)
    assert len(deck.select("a.course-deck__page")) == 3
    assert deck.select_one("a[download]")["href"].endswith("01Roofline.pptx")
    assert (built.site / "01AIChip/01Foundation/01Roofline.pptx").is_file()


def test_pptx_without_libreoffice_is_a_download_not_a_dead_link(tmp_path):
    import os
    import subprocess
    import sys

    root = pptx_course(tmp_path)
    env = {**os.environ, "PATH": "/nonexistent", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # information, not a warning
    assert "01Roofline.pptx: slide deck cannot be shown: LibreOffice is not installed" in done.stderr
    site = root / "site"
    from bs4 import BeautifulSoup

    article = BeautifulSoup((site / ARTICLE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert article.select_one("section.course-deck") is None
    outline = BeautifulSoup((site / "01AIChip/01Foundation/index.html").read_text(encoding="utf-8"), "html.parser")
    link = outline.select_one("article").find("a", string="课件")["href"]
    assert (site / "01AIChip/01Foundation" / link).is_file()
