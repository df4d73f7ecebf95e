"""Lecture videos: allow-listed hosts only, one click-to-load player per video, problems reported with lines."""

import pytest
from builders import tidy_course, write
from conftest import build, offline_page, static_server
from coursesite.lessons.videos import Video, VideoProblem, parse_video


@pytest.mark.parametrize("url, video", [
    ("https://www.bilibili.com/video/BV1bm4y1m7Ki/", Video("bilibili", "BV1bm4y1m7Ki")),
    ("https://www.bilibili.com/video/BV1bm4y1m7Ki/?p=3", Video("bilibili", "BV1bm4y1m7Ki", 3)),
    ("https://player.bilibili.com/player.html?aid=1&bvid=BV1bm4y1m7Ki&cid=2&page=1&as_wide=1", Video("bilibili", "BV1bm4y1m7Ki")),
    ("//player.bilibili.com/player.html?isOutside=true&aid=123456&p=2", Video("bilibili", "123456", 2)),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", Video("youtube", "dQw4w9WgXcQ")),
    ("https://youtu.be/dQw4w9WgXcQ", Video("youtube", "dQw4w9WgXcQ")),
])
def test_allowed_addresses(url, video):
    assert parse_video(url) == video


@pytest.mark.parametrize("url, message", [
    ("https://player.bilibili.com/player.html?cid=2", "neither a valid bvid nor an aid"),
    ("https://www.bilibili.com/video/av170001/", "not a Bilibili video id"),
    ("https://vimeo.com/123", "not an allowed video host"),
    ("https://www.youtube.com/watch?v=short", "no valid video id"),
])
def test_refused_addresses(url, message):
    with pytest.raises(VideoProblem, match=message):
        parse_video(url)


def test_players_on_the_lesson_page_and_problems_with_lines(tmp_path, browser):
    root = tidy_course(tmp_path / "repo", git=False)
    readme = root / "01AIChip/01Foundation/README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace(
        "[PPT](./01Roofline.pdf) |", "[PPT](./01Roofline.pdf), [视频](https://www.bilibili.com/video/BV1bm4y1m7Ki/) |"
    ).replace("[文章](./02MatMul.md) |", "[文章](./02MatMul.md), [视频](https://www.bilibili.com/video/oops/) |"),
        encoding="utf-8")
    write(root, "02StorComm/01CommBase/01Lesson.md", "# 第一课\n\n正文。\n\n<html>\n"
          '<iframe src="//player.bilibili.com/player.html?aid=9&bvid=BV1Ms4y1N7RL&page=1" allowfullscreen="true"> </iframe>\n'
          '</html>\n\n<iframe src="https://example.com/player?id=1"></iframe>\n')
    write(root, "05XCCL/01Primitives/01Lesson.md", "---\nvideo: https://youtu.be/dQw4w9WgXcQ\n---\n\n# 第一课\n\n正文。\n")
    built = build(root)
    assert built.returncode == 0, built.log
    assert "01AIChip/01Foundation/README.md:8: video link not usable: 'oops' is not a Bilibili video id" in built.log
    assert "02StorComm/01CommBase/01Lesson.md:9: video player not embedded: example.com is not an allowed video host" in built.log
    roofline = built.html("01AIChip/01Foundation/01Roofline/index.html").select(".course-video")
    assert [v["data-embed"] for v in roofline] == [
        "https://player.bilibili.com/player.html?bvid=BV1bm4y1m7Ki&page=1&autoplay=0"]
    lesson = built.html("02StorComm/01CommBase/01Lesson/index.html")
    assert len(lesson.select(".course-video")) == 1 and not lesson.select("iframe")
    front = built.html("05XCCL/01Primitives/01Lesson/index.html").select(".course-video")
    assert [v["data-embed"] for v in front] == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    page = offline_page(browser)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with static_server(built.site) as base:
        page.goto(base + "01AIChip/01Foundation/01Roofline/", wait_until="networkidle")
        assert not any("bilibili" in url for url in requested)  # nothing loads until the reader asks
        box = page.locator(".course-video").bounding_box()
        assert box and abs(box["width"] / box["height"] - 16 / 9) < 0.02
        page.locator(".course-video__play").click()
        frame = page.locator(".course-video iframe")
        assert frame.get_attribute("src").startswith("https://player.bilibili.com/player.html?bvid=BV1bm4y1m7Ki")
    page.context.close()
