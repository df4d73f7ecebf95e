"""Hostile and broken input (issue 18): each case is reported by `check` exactly as by the build,
the build goes on without it where it safely can, and `--strict` fails.

One fixture course (`builders.hostile_course`) holds every case, each in its own file; it is
built once with `--strict` and checked once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import tidy_course, write
from conftest import Built, build
from searching import ask, result_titles

PRIMITIVES = "05XCCL/01Primitives"


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coursesite.cli", "check", str(root)], capture_output=True, text=True,
                          check=False)


def check_problems(output: str) -> set[str]:
    """`coursesite check`'s grouped report as `file:line: message; fix` lines, as the build logs them."""
    found, file = set(), None
    for line in output.splitlines():
        m = re.match(r"^  (?:line (\d+)|\(file\)): \[warning\] (.*)$", line)
        if m and file:
            found.add(f"{file}:{m.group(1)}: {m.group(2)}" if m.group(1) else f"{file}: {m.group(2)}")
        elif line and not line.startswith(" ") and not line.startswith("checked "):
            file = line
    return found


def build_problems(log: str) -> set[str]:
    return {line.split("coursesite: ", 1)[1] for line in log.splitlines() if line.startswith("WARNING -  coursesite: ")}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, subprocess.CompletedProcess[str]]:
    from builders import hostile_course

    root = hostile_course(tmp_path_factory.mktemp("hostile") / "repo")
    return build(root, "--strict"), run_check(root)


def problems_of(hostile, file: str) -> tuple[set[str], set[str]]:
    """The build's and the check's problems about one file (they must be the same)."""
    built, checked = hostile
    ours = {p for p in build_problems(built.log) if p.startswith(file + ":")}
    theirs = {p for p in check_problems(checked.stdout) if p.startswith(file + ":")}
    return ours, theirs


def test_strict_fails_and_check_reports_every_problem_the_build_reports(hostile):
    built, checked = hostile
    assert built.returncode == 1 and checked.returncode == 1
    # All but what only converting tells: LibreOffice failing on a deck that looks like one.
    only_built = {p for p in build_problems(built.log) if p.startswith(f"{PRIMITIVES}/15Zip.pptx:")}
    assert len(only_built) == 1
    assert build_problems(built.log) - only_built == check_problems(checked.stdout)
    assert (built.site / "index.html").is_file()
    # Nothing the build read was changed.
    from conftest import snapshot
    assert snapshot(built.root) == built.before


def test_front_matter_billion_laughs_is_refused_in_little_memory_and_time(tmp_path):
    """Row 1: nine levels of nine aliases feeding `title` (19 GB and a crash before)."""
    root = tidy_course(tmp_path / "repo", git=False)
    lines = ['a0: &a0 "lol"'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write(root, f"{PRIMITIVES}/01Lesson.md", "---\n" + "\n".join(lines) + "\ntitle: *a9\n---\n\n# 第一课\n\n正文。\n")
    started = time.monotonic()
    # `mkdocs build --strict` with a 4 GB address-space limit (it grew to 19 GB before).
    limited = ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30)); "
               "sys.argv = ['mkdocs', 'build', '--strict']; runpy.run_module('mkdocs', run_name='__main__')")
    process = subprocess.Popen([sys.executable, "-c", limited], cwd=root, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    log = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    assert time.monotonic() - started < 120
    assert usage.ru_maxrss < 600_000, f"peak {usage.ru_maxrss} KB"  # kilobytes on Linux
    assert os.waitstatus_to_exitcode(status) == 1, log
    message = (f"{PRIMITIVES}/01Lesson.md:2: front matter ignored: YAML anchors (&name) are not allowed in front "
               "matter; write front matter as plain `key: value` lines (no anchors or aliases), e.g. `title: 标题`")
    assert f"WARNING -  coursesite: {message}" in log
    assert "Traceback" not in log
    assert message in check_problems(run_check(root).stdout)
    page = (root / "site" / PRIMITIVES / "01Lesson/index.html").read_text(encoding="utf-8")
    assert "<title>第一课 - " in page and "lol" not in page  # built, without its front matter


def test_files_not_in_utf8_are_named_with_line_and_column(hostile):
    """Row 2: GBK, UTF-16 with BOM, invalid bytes: a Problem each; a UTF-8 BOM is fine."""
    built, _ = hostile
    fix = "save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"
    expected = {
        "10Gbk.md": "1: the file is not UTF-8: byte 0xb9 at line 1, column 3",
        "11Utf16.md": "1: the file is not UTF-8 (it is UTF-16): byte 0xff at line 1, column 1",
        "12Invalid.md": "3: the file is not UTF-8: byte 0xff at line 3, column 5",
    }
    for name, start in expected.items():
        ours, theirs = problems_of(hostile, f"{PRIMITIVES}/{name}")
        assert ours == theirs == {(f"{PRIMITIVES}/{name}:{start} cannot be read; the text is shown with "
                                  f"replacement characters; {fix}")}
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/srt/01.srt")
    assert ours == theirs == {(f"{PRIMITIVES}/srt/01.srt:3: the file is not UTF-8: byte 0xc4 at line 3, column 1 "
                               f"cannot be read; the text is shown with replacement characters; {fix}")}
    assert problems_of(hostile, f"{PRIMITIVES}/13Bom.md") == (set(), set())
    bom = built.html(f"{PRIMITIVES}/13Bom/index.html")
    assert bom.select_one("article h1").get_text(strip=True).rstrip("¶") == "带 BOM"
    invalid = built.html(f"{PRIMITIVES}/12Invalid/index.html").select_one("article").get_text()
    assert "第三行 \ufffd\ufffd end" in invalid  # built, with replacement characters


def _nav_texts(page) -> list[str]:
    return [a.get_text(" ", strip=True) for a in page.select(".md-nav a, .md-nav label, .md-path a")]


def test_titles_are_text_in_every_navigation_and_header(hostile, browser):
    """Rows 3 and 4: script and markup in headings, outline cells and front matter stay text."""
    built, _ = hostile
    for path in (f"{PRIMITIVES}/01Lesson/index.html", f"en/{PRIMITIVES}/01Lesson/index.html",
                 "02StorComm/01CommBase/01Lesson/index.html", f"{PRIMITIVES}/06Topic/index.html"):
        page = built.html(path)
        outside_body = [*page.select(".md-header"), *page.select(".md-sidebar"), *page.select(".md-path"),
                        *page.select("title")]
        for part in outside_body:
            assert not part.select("img, [onerror], b, i") and "alert(1)</script>" not in str(part), (path, part)
        texts = _nav_texts(page)  # a page's navigation holds its own module (navigation.prune)
        if path.startswith("02StorComm"):
            assert "A & B <C" in texts and "通信" in texts
        else:
            assert "Heading alert(1)" in texts
    topic = built.html(f"{PRIMITIVES}/06Topic/index.html")
    assert topic.select_one(".md-header__topic[data-md-component=header-topic]").get_text(strip=True) == \
        "<img src=x onerror=alert(1)>"
    assert topic.select_one("title").get_text().startswith("<img src=x onerror=alert(1)> - ")
    # The chapter's lesson table: the outline cells as text.
    table = built.html("02StorComm/01CommBase/index.html").select_one("article table")
    assert not table.select("b, i")
    assert "通信 & 基础" in table.get_text() and "01 第一课 x" in table.get_text()
    # Search results: titles are text, escaped for Material's box.
    assert result_titles(browser, built.site, "", "Heading")[f"{PRIMITIVES}/02Script/"] == "Heading"  # no script
    titles = result_titles(browser, built.site, "", "标题")
    assert f"{PRIMITIVES}/06Topic/" in titles and not any("<" in title for title in titles.values())
    for path, line, what in (("02StorComm/01CommBase/README.md", 1, "an inline event handler (on...=)"),
                             (f"{PRIMITIVES}/02Script.md", 1, "a <script> element")):
        ours, theirs = problems_of(hostile, path)
        expected = (f"{path}:{line}: {what} in the page's HTML; remove it: pages may not run script of their own "
                    "(the site's scripts come from the theme)")
        assert expected in ours and expected in theirs


def test_script_addresses_are_reported_and_never_shipped_live(hostile):
    """Row 5: `javascript:` in any case, with spaces or a tab, in Markdown or HTML; `data:` but images."""
    built, _ = hostile
    page = built.html(f"{PRIMITIVES}/07Links/index.html").select_one("article")
    hrefs = [a.get("href", "") for a in page.select("a")]
    compact = [re.sub(r"[\x00-\x20]", "", h).lower() for h in hrefs]
    assert not [h for h in compact if h.startswith(("javascript:", "data:")) and not h.startswith("data:image/")]
    assert "x" in page.get_text() and "d" in page.get_text()  # the link text stays, as text
    assert page.select_one('img[src^="data:image/png"]') is not None
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/07Links.md")
    assert ours == theirs
    for line, scheme, what in ((3, "javascript", "link"), (5, "javascript", "link"), (7, "javascript", "link"),
                               (9, "data", "link")):
        assert (f"{PRIMITIVES}/07Links.md:{line}: a {scheme}: address runs in the reader's browser; link to a page "
                f"or an https:// address; the {what} is shown as text") in ours
    assert any(p.startswith(f"{PRIMITIVES}/07Links.md:13: an inline event handler") for p in ours)
    assert len(ours) == 5


def test_two_sources_for_one_address_are_named_and_only_one_is_built(hostile, browser):
    """Row 6: a page beside its chapter folder; README.md beside index.md beside a sibling page."""
    built, _ = hostile
    for dropped, kept, address in (("05XCCL/01Primitives.md", f"{PRIMITIVES}/README.md", f"{PRIMITIVES}/"),
                                   ("05XCCL/04x.md", "05XCCL/04x/README.md", "05XCCL/04x/"),
                                   ("05XCCL/04x/index.md", "05XCCL/04x/README.md", "05XCCL/04x/"),
                                   (f"{PRIMITIVES}/18a%20b.md", f"{PRIMITIVES}/18a b.md", f"{PRIMITIVES}/18a b/")):
        ours, theirs = problems_of(hostile, dropped)
        ours, theirs = ({p for p in ours if "would both be published" in p},
                        {p for p in theirs if "would both be published" in p})
        assert ours == theirs == {(f"{dropped}: {dropped} and {kept} would both be published at /{address}; only "
                                  f"{kept} is built; rename or delete one of them")}
    # The search index holds the kept page of each pair only.
    found = ask(browser, built.site, "", ["有空格", "百分号空格", "说明", "页面", "索引", "与章节同名"])
    assert f"{PRIMITIVES}/18a%20b/" in found["有空格"] and found["百分号空格"] == []
    assert "05XCCL/04x/" in found["说明"]
    assert not {"05XCCL/04x/", f"{PRIMITIVES}/"} & {*found["页面"], *found["索引"], *found["与章节同名"]}
    assert built.html("05XCCL/04x/index.html").select_one("article h1").get_text(strip=True).rstrip("¶") == "说明 04x"


def test_a_deck_that_cannot_be_converted_says_why(hostile):
    """Row 7: a text file named `.pptx` (caught by check); a ZIP LibreOffice fails on (its reason)."""
    built, _ = hostile
    fake = f"{PRIMITIVES}/14Fake.pptx"
    ours, theirs = problems_of(hostile, fake)
    assert ours == theirs == {(
        f"{fake}: slide deck cannot be shown: it is not a PowerPoint file (a .pptx is a ZIP archive, this is not "
        "one); export the deck again from PowerPoint or LibreOffice (or as PDF); pages offer no download of it")}
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    assert (f"WARNING -  coursesite: {PRIMITIVES}/15Zip.pptx: slide deck cannot be shown: LibreOffice {version} "
            "could not convert it: Error: source file could not be loaded") in built.log
    assert "not installed" not in built.log
    assert not (built.site / fake).exists()


def test_no_line_end_but_newline_in_scan_rewrite_and_page(hostile):
    """Row 9: U+2028 and a form feed inside a table row, a CRLF after it: one row, true line numbers."""
    built, _ = hostile
    table = built.html(f"{PRIMITIVES}/08Table/index.html").select_one("article table")
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [["1 x", "2 y"], ["3", "4"]]
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/08Table.md")
    assert ours == theirs == {f"{PRIMITIVES}/08Table.md:8: link ./nothing.md not found; fix the link or remove it"}
    assert not built.html(f"{PRIMITIVES}/08Table/index.html").select('a[href*="nothing"]')


def test_pages_over_the_limits_are_not_built_and_say_so(hostile):
    """Row 10: 20,000 headings; a page over 1 MB."""
    built, _ = hostile
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/16Headings.md")
    assert ours == theirs == {(f"{PRIMITIVES}/16Headings.md:2001: the page has 20001 headings, over the limit of 1000 "
                              "for one page; it is not built; split it into several articles")}
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/17Huge.md")
    assert ours == theirs == {(f"{PRIMITIVES}/17Huge.md: the file is 1.2 MB, over the limit of 1 MB for one page; "
                              "it is not built; split it into several articles")}
    for name in ("16Headings", "17Huge"):
        page = built.html(f"{PRIMITIVES}/{name}/index.html")
        assert "over the site's limit" in built.html(f"en/{PRIMITIVES}/{name}/index.html").get_text()
        assert "本页超出网站对单页大小或标题数量的限制" in page.get_text()
        assert len(page.select("article h2")) == 0
    assert (built.site / PRIMITIVES / "16Headings/index.html").stat().st_size < 200_000


def test_front_matter_that_is_no_mapping_is_reported_and_dropped(hostile):
    """Row 11: a list, a duplicate key, YAML that does not parse."""
    built, _ = hostile
    fix = "write front matter as plain `key: value` lines (no anchors or aliases), e.g. `title: 标题`"
    for name, line, why, title in (
        ("03List.md", 1, "it must be a mapping of `key: value` lines, not a list", "列表头信息"),
        ("04Twice.md", 3, "the key 'title' is given twice", "重复键"),
        ("05Broken.md", 3, "it is not valid YAML (expected ',' or ']', but got '<stream end>')", "坏的头信息"),
    ):
        ours, theirs = problems_of(hostile, f"{PRIMITIVES}/{name}")
        assert ours == theirs == {f"{PRIMITIVES}/{name}:{line}: front matter ignored: {why}; {fix}"}
        page = built.html(f"{PRIMITIVES}/{name[:-3]}/index.html")
        assert page.select_one("title").get_text().startswith(f"{title} - ")
        assert "one" not in page.select_one("article").get_text()


def test_a_percent_in_a_name_is_reported_and_warnings_are_counted_once(hostile):
    """Row 12: a link to `05Ha%23sh.md`; every warning printed and counted once for both languages."""
    built, _ = hostile
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/05Ha%23sh.md")
    assert ours == theirs == {(
        f"{PRIMITIVES}/05Ha%23sh.md: the name holds '%', which a web address reads as an escape, a fragment or a "
        "query; rename it with letters, digits, '-' and '_' only")}
    ours, theirs = problems_of(hostile, f"{PRIMITIVES}/09LinkHash.md")
    assert ours == theirs == {(f"{PRIMITIVES}/09LinkHash.md:3: link ./05Ha%23sh.md not found; did you mean "
                              "05Ha%2523sh.md?")}
    assert not built.html(f"{PRIMITIVES}/09LinkHash/index.html").select('article a[href*="Ha"]:not(.md-content__button)')
    printed = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert len(printed) == len(set(printed))
    assert f"Aborted with {len(printed)} warnings in strict mode!" in built.log


def test_figure_in_odd_names_keeps_its_size_and_srcset(hostile):
    """Row 14: `images/03.data_parallel01.png` in a folder named with `&`."""
    built, _ = hostile
    for prefix in ("", "en/"):
        img = built.html(f"{prefix}02StorComm/02Net&Store/index.html").select_one("article img")
        assert img["width"] == "900" and img["height"] == "500"
        assert img["srcset"].endswith("images/03_data_parallel01_png-900w.webp 900w")


def test_content_security_policy_stops_script_from_a_page_and_keeps_the_sites_own(hostile, browser):
    """The decision on a policy: every page carries one; a body's <script> and onclick stay inert."""
    from conftest import offline_page, static_server
    from searching import search

    built, _ = hostile
    page_file = built.site / PRIMITIVES / "02Script/index.html"
    meta = built.html(f"{PRIMITIVES}/02Script/index.html").select_one('meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None and "script-src 'self' 'sha256-" in meta["content"] and "unsafe-inline" not in \
        meta["content"].split("script-src", 1)[1].split(";")[0]
    assert "<script>alert(1)</script>" in page_file.read_text(encoding="utf-8")  # the body keeps its raw HTML
    page = offline_page(browser)
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    with static_server(built.site) as base:
        page.goto(base + f"{PRIMITIVES}/02Script/", wait_until="networkidle")
        page.goto(base + f"{PRIMITIVES}/07Links/", wait_until="networkidle")
        page.locator("article p", has_text="p").last.click()
        # The theme's inline palette script ran (the body carries the scheme); the search works.
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert search(page, base + f"{PRIMITIVES}/07Links/", "表格")[0] == f"/{PRIMITIVES}/08Table/"
    page.context.close()
    assert dialogs == [] and errors == []
