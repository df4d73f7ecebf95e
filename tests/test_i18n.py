"""The bilingual site: both trees, the language switch, fallback notices, hreflang, 404, search per language."""

import json

import pytest
from builders import bilingual_course
from conftest import build, offline_page, static_server
from searching import search

ROOFLINE = "01AIChip/01Foundation/01Roofline/index.html"
MATMUL = "01AIChip/01Foundation/02MatMul/index.html"


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    built = build(bilingual_course(tmp_path_factory.mktemp("bilingual") / "repo"), "--strict")
    assert built.returncode == 0, built.log
    return built


def test_both_trees_with_english_titles(bilingual):
    soup = bilingual.html("en/" + ROOFLINE)
    assert soup.select_one("html")["lang"] == "en"
    assert soup.select_one("article h1").get_text(strip=True).startswith("Compute intensity and the roofline")
    nav = soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "AI chip principles" in nav and "AI compute fundamentals" in nav
    assert "矩阵乘法" in nav  # an untranslated page keeps its own title
    assert bilingual.html(ROOFLINE).select_one("article h1").get_text(strip=True).startswith("计算强度与 Roofline")


def test_language_switch_keeps_the_page(bilingual):
    def switch(path, language):
        link = bilingual.html(path).select_one(f'a.md-select__link[hreflang="{language}"]')
        return (bilingual.site / path).parent.joinpath(link["href"], "index.html").resolve()

    assert switch(ROOFLINE, "en") == (bilingual.site / "en" / ROOFLINE).resolve()
    assert switch("en/" + ROOFLINE, "zh") == (bilingual.site / ROOFLINE).resolve()
    assert switch("en/" + MATMUL, "zh") == (bilingual.site / MATMUL).resolve()


def test_untranslated_page_carries_the_notice(bilingual):
    notice = bilingual.html("en/" + MATMUL).select_one(".admonition.note")
    assert "Not translated yet" in notice.get_text()
    original = notice.find("a", string="Read the Chinese original")["href"]
    assert (bilingual.site / "en/01AIChip/01Foundation/02MatMul" / original / "index.html").resolve() == (
        bilingual.site / MATMUL
    ).resolve()
    help_link = notice.find("a", string="Help translate it")["href"]
    assert help_link.endswith("/new/main/01AIChip/01Foundation?filename=02MatMul.en.md")
    assert bilingual.html("en/" + ROOFLINE).select_one(".admonition.note") is None
    assert bilingual.html(MATMUL).select_one(".admonition.note") is None


def test_hreflang_on_every_page_and_in_the_sitemap(bilingual):
    for page in bilingual.site.rglob("index.html"):
        head = page.read_text(encoding="utf-8")
        assert 'hreflang="zh"' in head and 'hreflang="en"' in head, page
    sitemap = (bilingual.site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="en" href="https://aifoundation.example.org/en/01AIChip/01Foundation/01Roofline/"' in sitemap


def test_404_page_in_each_language(bilingual):
    assert bilingual.html("404.html").select_one("html")["lang"] == "zh"
    assert bilingual.html("en/404.html").select_one("html")["lang"] == "en"


def test_one_search_bundle_per_language_with_course_terms_whole(bilingual):
    for prefix in ("", "en/"):
        bootstrap = json.loads((bilingual.site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        assert bootstrap["docs"] == [] and bootstrap["config"]["pagefind"]["bundle"] == prefix + "pagefind/"
        assert (bilingual.site / prefix / "pagefind/pagefind.js").is_file()
    words = {w for f in (bilingual.site / "pagefind/words").glob("*.json") for w in json.loads(f.read_text())}
    assert {"张量并行", "昇腾"} <= words  # not split by the segmenter


def test_search_in_each_language_as_the_site_runs_it(bilingual, browser):
    page = offline_page(browser)
    with static_server(bilingual.site) as base:
        assert search(page, base, "矩阵乘法")[0] == "/01AIChip/01Foundation/02MatMul/"
        assert search(page, base, "张量并行")[0] == "/05XCCL/01Primitives/02Parallel/"
        english = search(page, base + "en/", "intensity")
        assert english[0] == "/en/01AIChip/01Foundation/01Roofline/"
        assert search(page, base + "en/", "architecture")[0] == "/en/01AIChip/01Foundation/01Roofline/"
        # Results stay in the reader's language.
        assert search(page, base, "intensity") == []
        assert all(p.startswith("/en/") for p in search(page, base + "en/", "矩阵乘法"))
        # 02MatMul has no translation: its result on the English site says the page is in Chinese.
        fallback = page.locator(".md-search-result__item", has=page.locator("a[href*='02MatMul']")).first
        assert "(in Chinese, not translated yet)" in fallback.locator("h1").inner_text()


def test_switching_language_in_the_browser_stays_on_the_page(bilingual, browser):
    page = offline_page(browser)
    with static_server(bilingual.site) as base:
        page.goto(base + "01AIChip/01Foundation/01Roofline/")
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="en"]').click()
        page.wait_for_url("**/en/01AIChip/01Foundation/01Roofline/")
        assert page.locator("article h1").inner_text().startswith("Compute intensity and the roofline")
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="zh"]').click()
        page.wait_for_url(base + "01AIChip/01Foundation/01Roofline/")


def test_pages_load_with_no_failed_request_and_no_console_error(bilingual, browser):
    page = offline_page(browser)
    failures, errors = [], []
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failures.append(response.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    with static_server(bilingual.site) as base:
        for path in ("", "01AIChip/01Foundation/01Roofline/", "en/01AIChip/01Foundation/02MatMul/"):
            page.goto(base + path, wait_until="networkidle")
        assert search(page, base + "en/", "intensity")[0] == "/en/01AIChip/01Foundation/01Roofline/"
    assert failures == [] and errors == []
