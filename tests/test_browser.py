"""The reader's experience in a real browser (Debian's Chromium), with every other host blocked."""

import re
from pathlib import Path

import pytest
from builders import bilingual_course
from conftest import build, offline_page, static_server
from PIL import Image, ImageDraw
from searching import typed

AXE = Path(__file__).resolve().parent.parent / "tools/browser/node_modules/axe-core/axe.min.js"
ARTICLE = "01AIChip/01Foundation/01Roofline/"
# The closing section every lesson of the course has (see tests/test_course_text.py).
SELF_CHECK = """
## 自测题 {#self-check}

??? question "1. 脊点在哪里？"

    答：峰值除以带宽，$I^{*} = P/B$。
"""


def figure(path: Path, width: int, height: int, hue: int) -> None:
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for i in range(8):
        draw.rectangle([60 + i * 260, 80, 260 + i * 260, 600], fill=(hue, 60 + i * 20, 200 - i * 15))
    image.save(path)


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    root = bilingual_course(tmp_path_factory.mktemp("reader") / "repo", git=False)
    images = root / "01AIChip/01Foundation/images"
    figure(images / "01Roofline01.png", 2400, 1350, 40)
    for i in range(2, 6):
        figure(images / f"01Roofline0{i}.png", 1600, 900, 40 * i)
    article = root / "01AIChip/01Foundation/01Roofline.md"
    extra = "".join(f"\n## 第 {i} 部分\n\n" + "正文。" * 300 + f"\n\n![图 {i}](images/01Roofline0{i}.png)\n"
                    for i in range(2, 6))
    extra += "\n```python\nflops = 2 * m * n * k\n```\n"
    extra += SELF_CHECK
    article.write_text(article.read_text(encoding="utf-8") + extra, encoding="utf-8")
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    with static_server(built.site) as base:
        yield base


@pytest.fixture
def page(browser):
    page = offline_page(browser)
    page.failures = []
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and page.failures.append(request.url))
    page.on("response", lambda response: response.status >= 400 and page.failures.append(response.url))
    page.on("console", lambda message: message.type == "error" and page.failures.append(message.text))
    yield page
    assert page.failures == []
    page.context.close()


def test_navigation_from_home_to_the_next_article(reader, page):
    page.goto(reader)
    page.locator(".course-modules a", has_text="进入模块").first.click()
    page.wait_for_url("**/01AIChip/")
    page.locator("article a", has_text="AI 计算体系").first.click()
    page.wait_for_url("**/01AIChip/01Foundation/")
    page.locator("article table a", has_text="文章").first.click()
    page.wait_for_url("**/" + ARTICLE)
    crumbs = page.locator("nav.md-path a").all_inner_texts()
    assert [c.strip() for c in crumbs][-2:] == ["AI 芯片原理", "AI 计算体系"]
    edit = page.locator('a[rel="edit"]').get_attribute("href")
    assert edit.endswith("/edit/main/01AIChip/01Foundation/01Roofline.md")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/01AIChip/01Foundation/02MatMul/")


def test_math_code_and_figures(reader, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reader + ARTICLE, wait_until="networkidle")
    box = page.locator("div.arithmatex math").first.bounding_box()
    assert box and box["width"] > 40 and box["height"] > 10  # typeset, not raw TeX
    assert page.locator("pre button.md-code__button[data-md-type=copy]").count() >= 1
    first = page.locator("article p img").first
    assert first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert first.get_attribute("width") == "1920" and first.get_attribute("height") == "1080"
    lazy = page.locator("article p img[loading=lazy]")  # the figures, not the deck's thumbnails
    assert lazy.count() == 4
    assert not lazy.last.evaluate("img => img.complete && img.naturalWidth > 0")  # not loaded yet
    lazy.last.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lazy.last.element_handle())
    # The lightbox opens the largest variant.
    first.click()
    opened = page.locator(".gslide-image img").first
    opened.wait_for()
    assert re.search(r"01Roofline01_png-1920w\.\w+$", opened.get_attribute("src"))


def test_phone_layout_and_drawer(reader, page):
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("", "01AIChip/01Foundation/", ARTICLE):
        page.goto(reader + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_timeout(400)
    assert drawer.bounding_box()["x"] >= 0
    page.locator("nav.md-nav--primary a", has_text="AI 芯片原理").first.wait_for(state="visible")


@pytest.mark.parametrize("path", ["", "01AIChip/01Foundation/", ARTICLE, "en/" + ARTICLE])
def test_no_serious_accessibility_violations(reader, page, path):
    assert AXE.is_file(), "axe-core is missing: make test installs it (tools/browser)"
    page.goto(reader + path, wait_until="networkidle")
    # Evaluated through DevTools: an added <script> tag would be refused by the site's content policy.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_english_fallback_page_shows_the_notice_and_leads_to_the_original(reader, page):
    page.goto(reader + "en/01AIChip/01Foundation/02MatMul/")
    notice = page.locator(".admonition.note", has_text="Not translated yet")
    assert notice.is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    notice.locator("a", has_text="Read the Chinese original").click()
    page.wait_for_url(reader + "01AIChip/01Foundation/02MatMul/")
    assert page.locator("html").get_attribute("lang") == "zh"


def test_self_check_answers_stay_hidden_until_the_reader_opens_them(reader, page):
    """A closed <details>: the answer is not shown, the keyboard opens it, and it carries typeset math."""
    page.goto(reader + ARTICLE, wait_until="networkidle")
    question = page.locator("details.question").first
    answer = question.locator("p", has_text="峰值除以带宽")
    assert question.get_attribute("open") is None and not answer.is_visible()
    question.locator("summary").focus()
    page.keyboard.press("Enter")
    answer.wait_for(state="visible")
    assert question.get_attribute("open") is not None
    assert answer.locator("math").count() == 1


def type_search(page, query: str) -> None:
    """Open search with its keyboard shortcut and type as a reader does, until results show."""
    page.keyboard.press("/")
    assert typed(page, query), f"no results for {query}"


def test_search_fetches_nothing_until_the_reader_types_then_leads_to_the_section(reader, page):
    requests = []
    page.on("requestfinished", lambda request: requests.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(reader + ARTICLE, wait_until="networkidle")
    assert not [url for url, _ in requests if "/pagefind/" in url]
    assert sum(size for url, size in requests if "search" in url) < 12_000  # worker and bootstrap only
    type_search(page, "第 3 部分 正文")
    assert any(url.endswith("/pagefind/pagefind.js") for url, _ in requests)
    section = page.locator(".md-search-result__item a.md-search-result__link[href*='#']").first
    assert "第 3 部分" in section.inner_text() and "<mark>" in section.inner_html()
    section.click()
    page.wait_for_url(re.compile(r".*/01Roofline/\?h=.*#"))
    page.locator("article mark[data-md-highlight]").first.wait_for()


def test_search_on_a_phone_and_in_english(reader, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(reader + "en/" + ARTICLE, wait_until="networkidle")
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").wait_for(state="visible")
    assert typed(page, "roofline")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    assert first.is_visible() and "/en/" in first.get_attribute("href")
    assert first.bounding_box()["x"] + first.bounding_box()["width"] <= 375.5
    page.mouse.wheel(600, 0)  # Material's overlay is wider than the screen, but the page must not move
    assert page.evaluate("window.scrollX") == 0


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_results_have_no_serious_accessibility_violations(reader, page, scheme):
    page.goto(reader + ARTICLE, wait_until="networkidle")
    if scheme == "slate":
        page.locator("form[data-md-component=palette] label:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    type_search(page, "计算强度")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")  # the page's policy refuses injected tags
    violations = page.evaluate("async () => (await axe.run(document.querySelector('.md-search'))).violations")
    serious = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
