"""Real `mkdocs build` runs on fixture repositories; assertions on the produced site."""

import re
from urllib.parse import unquote

import yaml
from builders import PROJECT
from conftest import build, snapshot
from coursesite.linkcheck import check_site
from test_checks import EXPECTED_WARNINGS

ARTICLE = "01AIChip/01Foundation/01Roofline/index.html"
REPO = "https://github.com/aifoundation-course/AIFoundation"


def nav_titles(soup, module_title):
    """Titles of the primary navigation inside one module's section, in order."""
    nav = soup.select_one("nav.md-nav--primary")
    for item in nav.select("li.md-nav__item--nested"):
        label = item.select_one("label.md-nav__title")
        if label and module_title in label.get_text():
            return [a.get_text(" ", strip=True) for a in item.select("a.md-nav__link")]
    raise AssertionError(f"module {module_title} not in navigation")


def test_project_config_has_no_hand_kept_nav():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "nav" not in config


def test_tidy_builds_strict_with_every_page(tidy):
    assert tidy.returncode == 0, tidy.log
    for language in ("", "en/"):
        for page in (
            "index.html", "01AIChip/index.html", "01AIChip/01Foundation/index.html", ARTICLE,
            "01AIChip/01Foundation/02MatMul/index.html", "02StorComm/01CommBase/01Lesson/index.html",
            "05XCCL/01Primitives/01Lesson/index.html", "09Newsletters/01MoE/01Lesson/index.html",
        ):
            assert (tidy.site / language / page).is_file(), language + page


def test_navigation_follows_lesson_order(tidy):
    soup = tidy.html(ARTICLE)
    titles = nav_titles(soup, "AI 芯片原理")
    assert titles.index("计算强度与 Roofline") < titles.index("矩阵乘法")
    assert "AI 计算体系" in titles


def test_article_page_has_breadcrumbs_prev_next_toc_edit_link_and_date(tidy):
    soup = tidy.html(ARTICLE)
    assert [a.get_text(strip=True) for a in soup.select("nav.md-path a")][-2:] == ["AI 芯片原理", "AI 计算体系"]
    footer = [a.get("href") for a in soup.select("a.md-footer__link")]
    assert footer == ["../", "../02MatMul/"]
    toc = soup.select_one("nav.md-nav--secondary").get_text(" ", strip=True)
    assert "GPU 结构" in toc
    assert soup.find(id="gpu-结构") is not None
    edit = soup.select_one('a[rel="edit"]')["href"]
    assert edit == f"{REPO}/edit/main/01AIChip/01Foundation/01Roofline.md"
    assert "2025-03-14" in soup.select_one(".md-source-file").get_text()


def test_links_figures_and_math_render(tidy):
    soup = tidy.html(ARTICLE)
    article = soup.select_one("article")
    hrefs = [a.get("href") for a in article.select("a")]
    assert "../02MatMul/#矩阵乘的计算量" in hrefs
    img = article.select_one("img")
    assert img["src"] == "../images/01Roofline01_png-64w.webp"  # the fixture's figure is 64 px wide
    assert (tidy.site / "01AIChip/01Foundation/images/01Roofline01_png-64w.webp").is_file()
    assert not (tidy.site / "01AIChip/01Foundation/images/01Roofline01.png").exists()  # never the original
    formulas = article.select(".arithmatex math")
    assert len(formulas) == 2 and formulas[1]["display"] == "block"
    assert formulas[1]["alttext"] == "P = \\min(\\pi, \\beta \\times I)"
    assert "\\(" not in article.get_text()  # no raw TeX left for a script to find
    assert (tidy.site / "01AIChip/01Foundation/01Roofline.pdf").is_file()


def test_home_page_edit_link_points_at_docs(tidy):
    assert tidy.html("index.html").select_one('a[rel="edit"]')["href"] == f"{REPO}/edit/main/docs/index.md"


def test_home_cards_show_all_announced_modules(tidy):
    cards = tidy.html("index.html").select(".course-modules > ul > li")
    assert len(cards) == 9
    linked = [card for card in cards if card.select_one("a")]
    assert [c.select_one("a")["href"] for c in linked] == ["01AIChip/", "02StorComm/", "05XCCL/", "09Newsletters/"]
    upcoming = [card.select_one("strong").get_text() for card in cards if card.select_one(".course-upcoming")]
    assert upcoming == ["03 · AI 集群", "04 · 计算架构", "06 · 大模型算法", "07 · 大模型训练", "08 · 大模型推理"]


def test_english_tree_falls_back_to_chinese_pages(tidy):
    soup = tidy.html("en/" + ARTICLE)
    assert soup.select_one("html")["lang"] == "en"
    assert "计算强度与 Roofline" in soup.select_one("article h1").get_text()


def _logged(built):
    pattern = re.compile(r"^WARNING -  coursesite: (.+?)(?::(\d+))?: ")
    found = set()
    for line in built.warnings():
        m = pattern.match(line)
        assert m, f"a warning not from the course checks: {line}"
        found.add((m.group(1), int(m.group(2)) if m.group(2) else None))
    return found


def test_irregular_builds_and_reports_each_defect(irregular):
    assert irregular.returncode == 0, irregular.log
    assert _logged(irregular) == {(f, line) for f, line, _ in EXPECTED_WARNINGS}


def test_irregular_fails_strict(irregular, tmp_path):
    done = build(irregular.root, "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 1
    assert "Aborted with 17 warnings in strict mode" in done.log


def test_irregular_pages_for_every_article_and_chapter_none_for_code(irregular):
    site = irregular.site
    for page in (
        "01AIChip/03GPUBase/01Works", "01AIChip/03GPUBase/03.data_parallel", "01AIChip/03GPUBase/05Turing_副本",
        "01AIChip/04NoReadme", "01AIChip/04NoReadme/01Only", "01AIChip/05中文 /01文章", "01AIChip/06Slides",
        "06Algo&Data", "06Algo&Data/01Intro/01Basics", "09Newsletters/01MoE",
    ):
        assert (site / page / "index.html").is_file(), page
    assert not list(site.rglob("code"))
    shipped = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not any(re.search(r"cover/|srt/|str/|sources/|\.xmind$|\.graffle$|\.srt$|CMakeLists", p) for p in shipped)
    assert "01AIChip/03GPUBase/images/same.jpg" not in shipped  # never referenced


def test_irregular_figures_resolved_and_dead_links_become_text(irregular):
    article = irregular.html("01AIChip/03GPUBase/01Works/index.html").select_one("article")
    srcs = [img["src"] for img in article.select("img")]
    assert srcs == [
        "../images/01Introduction01_png-64w.webp", "../images/02Works02_png-64w.webp",
        "../images/%E4%B8%AD%E6%96%87_%E5%9B%BE_png-64w.webp", "../../02ChipBase/images/01CPU01_png-64w.webp",
    ]
    for src in srcs:
        assert (irregular.site / "01AIChip/03GPUBase/01Works" / unquote(src)).resolve().is_file()
    missing = [s.get_text() for s in article.select(".course-missing-figure")]
    assert missing == ["缺失的图", "越界的图"]
    assert "参考文献" in article.get_text() and not article.find("a", string="参考文献")
    assert article.select_one("h1").get_text(strip=True).startswith("GPU 工作原理")
    assert "(DONE)" not in article.select_one("h1").get_text()
    assert article.find("strong", string="GPU 很快……。") is not None
    code = next(a for a in article.select("a") if a.get_text() == "代码")
    assert code["href"] == f"{REPO}/blob/main/01AIChip/03GPUBase/code/README.md"


def test_irregular_site_has_no_broken_internal_link_in_either_language(irregular):
    # Raw <img> in articles and generated markup resolve from /en/ pages as well as from / pages.
    assert check_site(irregular.site) == []


def test_irregular_slides_only_chapter_is_marked_and_decks_link_to_releases(irregular):
    soup = irregular.html("01AIChip/06Slides/index.html")
    assert "本章以幻灯片和视频授课" in soup.select_one(".admonition").get_text()
    deck = soup.select_one("article").find("a", string="课件")  # the normalised lesson table
    assert deck["href"] == f"{REPO}/releases"


def test_build_never_modifies_sources_or_writes_outside(irregular):
    assert snapshot(irregular.root) == irregular.before
    top = {p.name for p in irregular.root.iterdir()}
    assert top - {p.split("/")[0] for p in irregular.before} == {"site", ".cache", ".git"}
    outside = {p.name for p in irregular.root.parent.iterdir()}
    assert outside == {"repo", "repo-outside.png", "repo-secret.md"}
    shipped = [p for p in irregular.site.rglob("*") if p.is_file()]
    assert not any(b"SECRET-OUTSIDE-TEXT" in p.read_bytes() for p in shipped)


def test_irregular_outline_becomes_one_clean_lesson_table(irregular):
    table = irregular.html("01AIChip/03GPUBase/index.html").select_one("article table")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in table.select("tbody tr")]
    # No blank, duplicate or empty-link rows; the same number twice is kept (two lessons share an article).
    assert [row[1] for row in rows] == ["01 GPU 工作原理", "02 GPU 适用于 AI", "04 GPU 架构回顾第一篇", "04 GPU 架构回顾第二篇"]
    assert rows[0][2] == "文章 · 课件 · 视频 · 字幕" and rows[1][2] == "文章 · 字幕"
    assert not table.select('a[href=""]')
    assert len(irregular.html("01AIChip/03GPUBase/index.html").select("article table")) == 1


def test_slides_only_lesson_gets_a_generated_page(irregular):
    soup = irregular.html("01AIChip/06Slides/01First/index.html")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True).startswith("第一讲")
    assert article.select_one(".course-video")["data-embed"].startswith("https://player.bilibili.com/player.html?bvid=BV1Ms4y1N7RL")
    assert article.find("a", string="课件")["href"] == f"{REPO}/releases"
    assert soup.select_one('a[rel="edit"]') is None  # generated: nothing to edit
    nav = soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "第一讲" in nav
    english = irregular.html("en/01AIChip/06Slides/01First/index.html")
    assert english.select_one(".admonition.note") is None  # generated pages are not "untranslated"
    table = irregular.html("01AIChip/06Slides/index.html").select_one("article table")
    assert table.find("a", string="01 第一讲")["href"] == "01First/"
