"""The course's own figures and decks (scripts/coursefigures): the committed files are what the
specs draw, labels fit, the SVGs ship through the sanitiser, decks carry text, and the English
page shows the English figure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pypdfium2 as pdfium
import pytest
from builders import bilingual_course, write
from conftest import build as build_site
from coursefigures import build as figures
from coursefigures.fit import overflows
from coursefigures.graphs import layout
from coursefigures.paint import paint
from coursefigures.spec import Arrow, Box, Figure, Graph, Legend, Node, T, Text
from coursesite.images.svg import sanitise

SVG = "{http://www.w3.org/2000/svg}"
CHAPTERS = figures.chapters()
DRAWINGS = [drawing for chapter in CHAPTERS for drawing in chapter.figures]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    return out, figures.build(out)


def test_committed_files_are_what_the_specs_draw(regenerated):
    out, written = regenerated
    assert written, "no spec file found in scripts/coursefigures/specs"
    stale = [path for path in written if not (figures.REPO / path).is_file()
             or (figures.REPO / path).read_bytes() != (out / path).read_bytes()]
    assert not stale, f"run `make figures` and commit: {stale}"


def test_regeneration_is_byte_stable(regenerated, tmp_path):
    out, written = regenerated
    again = figures.build(tmp_path)
    assert again == written
    assert all((tmp_path / path).read_bytes() == (out / path).read_bytes() for path in written)


def test_every_chapter_writes_a_pair_per_drawing():
    for chapter in CHAPTERS:
        svgs = [path for path in figures.outputs(chapter) if path.endswith(".svg")]
        assert len(svgs) == 2 * len(chapter.figures)
        assert all(path.endswith(".en.svg") for path in svgs[1::2]), chapter.name


@pytest.mark.parametrize("drawing", [d for d in DRAWINGS if isinstance(d, Figure | Graph)], ids=lambda d: d.path)
def test_labels_fit(drawing):
    figure = layout(drawing) if isinstance(drawing, Graph) else drawing
    for language in ("zh", "en"):
        assert overflows(figure, language) == [], f"{drawing.path} ({language})"


def test_graphviz_places_a_topology_inside_its_area():
    spines = [Node(f"s{i}", f"Spine {i}", "purple") for i in range(2)]
    leaves = [Node(f"l{i}", T(f"叶 {i}", f"Leaf {i}")) for i in range(4)]
    graph = Graph("t", T("叶脊", "Leaf-spine"), None, rows=6, nodes=(*spines, *leaves),
                  edges=tuple((s.id, leaf.id) for s in spines for leaf in leaves), area=(1, 0.5, 22, 5))
    boxes = [item for item in layout(graph).items if isinstance(item, Box)]
    assert {box.id for box in boxes} == {node.id for node in graph.nodes}
    assert all(1 <= box.x and box.x + box.w <= 23 + 1e-6 and 0.5 <= box.y and box.y + box.h <= 5.5 + 1e-6
               for box in boxes)
    spine_y = {box.y for box in boxes if box.id.startswith("s")}
    leaf_y = {box.y for box in boxes if box.id.startswith("l")}
    assert len(spine_y) == len(leaf_y) == 1 and min(spine_y) < min(leaf_y)  # two tiers, spines above
    assert all(a.x + a.w <= b.x or b.x + b.w <= a.x for a in boxes for b in boxes if a is not b and a.y == b.y)
    root = ET.fromstring(paint(layout(graph), "zh"))
    assert len(root.findall(f"{SVG}polyline")) == 8


@pytest.mark.parametrize("drawing", DRAWINGS, ids=lambda d: d.path)
def test_svgs_are_shipped_as_drawn_with_real_text(drawing):
    for language in ("zh", "en"):
        data = figures.render(drawing, language).encode("utf-8")
        _, removed = sanitise(data)
        assert removed == 0
        root = ET.fromstring(data)
        words = " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))
        assert len(words) > 20
        has_han = re.search(r"[\u4e00-\u9fff]", words) is not None
        assert has_han == (language == "zh"), f"{drawing.path}: {language} figure with the other language's text"


def test_decks_have_selectable_text(regenerated):
    out, _ = regenerated
    for chapter in CHAPTERS:
        for deck in chapter.decks:
            document = pdfium.PdfDocument(out / deck.path)
            try:
                assert len(document) == len(deck.slides) + 1
                for number, slide in enumerate(deck.slides, start=1):
                    page = document[number]
                    assert slide.title in page.get_textpage().get_text_range(), f"{deck.path} page {number + 1}"
            finally:
                document.close()


def test_edges_meet_the_boxes_they_join_and_follow_them():
    def endpoints(x):
        figure = Figure("t", T("题", "Title"), None, rows=6, items=(
            Box(1, 1, 4, 2, T("甲", "A"), id="a"), Box(x, 1, 4, 2, T("乙", "B"), id="b"), Arrow("a", "b"),
            Text(12, 5, T("说明", "Note")), Legend(1, 5, (("blue", T("蓝", "blue")), ("red", "DRAM"))),
        ))
        root = ET.fromstring(paint(figure, "en"))
        points = root.find(f"{SVG}polyline").get("points").split()
        labels = ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]
        return [tuple(map(float, p.split(","))) for p in points], labels

    (start, end), labels = endpoints(10)
    assert start[0] == pytest.approx(5 * 50 + 3) and start[1] == pytest.approx(100 + 2 * 50)
    assert 10 * 50 - 12 < end[0] < 10 * 50  # stops short of the far box, under its head
    assert labels == ["Title", "A", "B", "Note", "blue", "DRAM"]
    (_, moved), _ = endpoints(14)
    assert moved[0] - end[0] == pytest.approx(4 * 50)


def test_english_page_shows_the_english_figure(tmp_path):
    root = bilingual_course(tmp_path / "repo", git=False)
    folder = "01AIChip/01Foundation/"
    drawing = Figure(folder + "images/01Roofline02", T("屋顶线", "Roofline"), None, rows=2, items=())
    for language in ("zh", "en"):
        write(root, figures.svg_path(drawing, language), paint(drawing, language))
    for article in ("01Roofline.md", "01Roofline.en.md"):
        path = root / folder / article
        path.write_text(path.read_text(encoding="utf-8") + "\n![fig](./images/01Roofline02.svg)\n", encoding="utf-8")
    built = build_site(root, "--strict")
    assert built.returncode == 0, built.log
    for prefix, title in (("", "屋顶线"), ("en/", "Roofline")):
        page = f"{prefix}{folder}01Roofline/index.html"
        img = built.html(page).select_one("article img[src$='01Roofline02.svg']")
        shipped = (built.site / page).parent / img["src"]
        assert f"<title>{title}</title>" in shipped.resolve().read_text(encoding="utf-8")
    assert not list(built.site.rglob("*.en.svg"))
