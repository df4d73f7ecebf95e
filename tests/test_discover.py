"""Discovery of the course model from the folders, on the irregular fixture."""

import pytest
from builders import irregular_course, tidy_course
from coursesite.course.discover import Discoverer


@pytest.fixture(scope="module")
def irregular_model(tmp_path_factory):
    root = irregular_course(tmp_path_factory.mktemp("d") / "repo", git=False)
    return Discoverer(root).discover()


def test_modules_are_numbered_folders_with_markdown(irregular_model):
    assert [m.path for m in irregular_model.modules] == ["01AIChip", "06Algo&Data", "09Newsletters"]


def test_chapters_in_number_order_with_generated_indexes(irregular_model):
    chip = irregular_model.modules[0]
    assert [c.name for c in chip.chapters] == ["02ChipBase", "03GPUBase", "04NoReadme", "05中文 ", "06Slides"]
    no_readme = chip.chapters[2]
    assert no_readme.index.generated and no_readme.title == "No Readme"
    algo = irregular_model.modules[1]
    assert algo.index.generated and algo.index.path == "06Algo&Data/README.md"


def test_articles_titles_and_order(irregular_model):
    gpu = irregular_model.modules[0].chapters[1]
    assert gpu.title == "图形处理器 GPU"
    assert [(a.number, a.title) for a in gpu.articles] == [
        (1, "GPU 工作原理"), (2, "GPU 适用于 AI"), (3, "数据并行"), (5, "副本"),
    ]


def test_vendored_code_covers_and_subtitles_are_not_pages(irregular_model):
    paths = {p.path for p in irregular_model.pages()}
    assert not any("/code/" in p or "/cover/" in p or "/srt/" in p for p in paths)


def test_slides_only_chapter(irregular_model):
    slides = irregular_model.modules[0].chapters[4]
    assert slides.slides_only and slides.lessons[0].deck == "./01First.pdf"
    assert not irregular_model.modules[0].chapters[1].slides_only


def test_announced_modules_from_overview(irregular_model):
    announced = irregular_model.announced[""]
    assert len(announced) == 9
    assert [a.folder for a in announced if a.folder] == ["01AIChip", "02StorComm", "05XCCL", "09Newsletters"]
    assert announced[0].title == "AI 芯片原理" and announced[3].summary == ""


def test_translations_attach_to_their_original(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    (root / "01AIChip/01Foundation/01Roofline.en.md").write_text("# Roofline (DONE)\n", encoding="utf-8")
    (root / "01AIChip/README.en.md").write_text("# AI chips\n", encoding="utf-8")
    course = Discoverer(root).discover()
    module = course.modules[0]
    article = module.chapters[0].articles[0]
    assert article.translations == {"en": "01AIChip/01Foundation/01Roofline.en.md"}
    assert article.title_in("en") == "Roofline" and article.title_in(None) == "计算强度与 Roofline"
    assert module.index.title_in("en") == "AI chips"
    assert len(module.chapters[0].articles) == 2
