"""Lecture subtitles: matched to lessons by number or name, in every folder spelling, shown and searchable."""


from builders import tidy_course, write
from conftest import build, offline_page, static_server
from searching import ask

SRT = """1
00:00:01,000 --> 00:00:03,000
大家好，今天讲计算强度

2
00:00:03,200 --> 00:00:06,000
屋顶模型的脊点

3
00:01:05,000 --> 00:01:08,000
第二段的开头
"""


def test_transcripts_by_number_and_name_in_each_folder_spelling(tmp_path, browser):
    root = tidy_course(tmp_path / "repo", git=False)
    write(root, "01AIChip/01Foundation/srt/01.srt", SRT)
    write(root, "02StorComm/01CommBase/str/01Lesson.srt", SRT.replace("计算强度", "带宽时延"))
    write(root, "05XCCL/01Primitives/src/01.srt", "this is not\nSubRip\n")
    built = build(root)
    assert built.returncode == 0, built.log
    details = built.html("01AIChip/01Foundation/01Roofline/index.html").select_one("details.course-transcript")
    assert details.summary.get_text() == "讲课字幕 (01:05)"
    paragraphs = [p.get_text() for p in details.select("p")]
    assert paragraphs == ["00:01 大家好，今天讲计算强度 屋顶模型的脊点", "01:05 第二段的开头"]
    assert built.html("en/01AIChip/01Foundation/01Roofline/index.html").select_one(
        "details.course-transcript summary").get_text().startswith("Lecture transcript")
    assert "带宽时延" in built.html("02StorComm/01CommBase/01Lesson/index.html").select_one("details").get_text()
    assert "05XCCL/01Primitives/src/01.srt: subtitles cannot be read" in built.log
    assert built.html("05XCCL/01Primitives/01Lesson/index.html").select_one("details.course-transcript") is None
    assert "01AIChip/01Foundation/01Roofline/" in ask(browser, built.site, "", ["屋顶模型"])["屋顶模型"]
    assert not any(p.suffix == ".srt" for p in built.site.rglob("*"))  # subtitles are shown, not shipped


def test_transcript_opens_in_the_browser(tmp_path, browser):
    root = tidy_course(tmp_path / "repo", git=False)
    write(root, "01AIChip/01Foundation/srt/01.srt", SRT)
    built = build(root, "--strict")
    page = offline_page(browser)
    with static_server(built.site) as base:
        page.goto(base + "01AIChip/01Foundation/01Roofline/")
        paragraph = page.locator("details.course-transcript p").first
        assert not paragraph.is_visible()
        page.locator("details.course-transcript summary").click()
        assert paragraph.is_visible() and paragraph.inner_text().startswith("00:01")
    page.context.close()
