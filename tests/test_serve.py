"""`mkdocs serve` as an author uses it: edit an article or README, add an article, see it served."""

import time

import pytest
from builders import tidy_course
from searching import ask_served
from serving import fetch, serving, wait_for


@pytest.mark.parametrize("mode", [["--dirty"], []], ids=["dirty", "full"])
def test_edits_and_new_articles_are_served(tmp_path, mode):
    root = tidy_course(tmp_path / "repo")
    with serving(root, *mode, log=tmp_path / "serve.log") as base:
        article_url = base + "01AIChip/01Foundation/02MatMul/"
        wait_for(article_url, lambda t: "矩阵乘法" in t)

        time.sleep(0.7)
        with open(root / "01AIChip/01Foundation/02MatMul.md", "a", encoding="utf-8") as f:
            f.write("\n作者刚刚保存的一句话。\n")
        wait_for(article_url, lambda t: "作者刚刚保存的一句话" in t)

        time.sleep(0.7)
        readme = root / "02StorComm/README.md"
        readme.write_text(readme.read_text(encoding="utf-8") + "\n模块页的新段落。\n", encoding="utf-8")
        wait_for(base + "02StorComm/", lambda t: "模块页的新段落" in t)

        time.sleep(0.7)
        (root / "01AIChip/01Foundation/03BitWidth.md").write_text("# 数据位宽\n\n新文章。\n", encoding="utf-8")
        # The new page exists, and an unchanged page of its module lists it in its navigation.
        wait_for(base + "01AIChip/01Foundation/03BitWidth/", lambda t: "新文章" in t)
        wait_for(base + "01AIChip/01Foundation/01Roofline/", lambda t: "数据位宽" in t)

        # A chapter folder created while serving is watched from then on.
        time.sleep(0.7)
        chapter = root / "01AIChip/02Memory"
        chapter.mkdir()
        (chapter / "README.md").write_text("# 存储层次\n", encoding="utf-8")
        wait_for(base + "01AIChip/02Memory/", lambda t: "存储层次" in t)
        time.sleep(0.7)
        (chapter / "README.md").write_text("# 存储层次\n\n新章节的第二次修改。\n", encoding="utf-8")
        wait_for(base + "01AIChip/02Memory/", lambda t: "新章节的第二次修改" in t)

        # So is a new module, and a chapter created inside it.
        time.sleep(0.7)
        (root / "06Algo/01Intro").mkdir(parents=True)
        (root / "06Algo/01Intro/01Basics.md").write_text("# 算法基础\n", encoding="utf-8")
        wait_for(base + "06Algo/01Intro/01Basics/", lambda t: "算法基础" in t)
        time.sleep(0.7)
        (root / "06Algo/02Next").mkdir()
        (root / "06Algo/02Next/01More.md").write_text("# 更多算法\n", encoding="utf-8")
        wait_for(base + "06Algo/02Next/01More/", lambda t: "更多算法" in t)
    # The staging tree was never watched: the log shows no rebuild loop.
    assert (tmp_path / "serve.log").read_text().count("Detected file changes") <= 12


def test_search_follows_edits_and_its_bootstrap_stays_small(tmp_path, browser):
    root = tidy_course(tmp_path / "repo")
    with serving(root, "--dirty") as base:
        wait_for(base + "pagefind/pagefind-entry.json", lambda t: "x-course" in t)
        for n, word in enumerate(["蓝鲸", "白鹭", "灰雁"]):
            time.sleep(0.7)
            with open(root / "01AIChip/01Foundation/02MatMul.md", "a", encoding="utf-8") as f:
                f.write(f"\n第 {n} 次修改提到{word}。\n")
            wait_for(base + "01AIChip/01Foundation/02MatMul/", lambda t, w=word: w in t)
            deadline = time.monotonic() + 30
            while "01AIChip/01Foundation/02MatMul/" not in dict(ask_served(browser, base, "", [word])[word]):
                assert time.monotonic() < deadline, f"search never found {word}"
                time.sleep(0.3)
            bootstrap = fetch(base + "search/search_index.json")
            assert bootstrap is not None and len(bootstrap) < 2000 and '"docs":[]' in bootstrap
