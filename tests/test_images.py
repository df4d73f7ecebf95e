"""The image pipeline on real images made here: variants, formats, odd modes, bad files, the cache."""

import json
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest
from builders import large_course, tidy_course
from conftest import build, mkdocs_build
from coursesite.images.pipeline import ImagePipeline
from coursesite.images.settings import ImageSettings
from PIL import Image, ImageDraw


def slide(width: int = 2400, height: int = 1350, mode: str = "RGB") -> Image.Image:
    """A flat, slide-like diagram: boxes, lines and text on white."""
    image = Image.new(mode, (width, height), "white")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = 100 + i * 180, 150 + (i % 4) * 260
        draw.rectangle([x, y, x + 160, y + 200], fill=(40 + i * 15, 90, 200 - i * 10), outline="black", width=4)
        draw.text((x + 10, y + 10), f"block {i}", fill="white")
        draw.line([x + 160, y + 100, x + 180, y + 100], fill="black", width=6)
    return image


def pixel_diagram(width: int = 2400, height: int = 1400) -> Image.Image:
    """A flat image of hard-edged cells in eight colours, where lossy WebP spends bytes on every
    edge and a palette keeps it exactly."""
    random.seed(7)
    cells = Image.new("P", (width // 24, height // 24))
    cells.putpalette([c for i in range(8) for c in (i * 30, 255 - i * 30, (i * 77) % 256)])
    cells.putdata([random.randrange(8) for _ in range(cells.width * cells.height)])
    return cells.resize((width, height), Image.Resampling.NEAREST).convert("RGB")


def photo(width: int = 3000, height: int = 2000) -> Image.Image:
    """A photo-like image: smooth gradients plus noise, which palette PNG cannot hold."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    (root / "img").mkdir()
    slide().save(root / "img/slide.png")
    pixel_diagram(1920, 1080).save(root / "img/cells.png")  # shown at its own width: exact in a palette
    photo().save(root / "img/photo.jpg", quality=92)
    Image.new("RGBA", (1000, 600), (255, 0, 0, 90)).save(root / "img/alpha.png")
    slide(800, 450).save(root / "img/small.png")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the stored 1200x800 image is shown 800x1200
    photo(1200, 800).save(root / "img/rotated.jpg", exif=exif)
    slide(1600, 900).convert("CMYK").save(root / "img/cmyk.jpg")
    Image.linear_gradient("L").resize((1200, 600)).convert("I;16").save(root / "img/deep.png")
    slide(1200, 700).convert("P", palette=Image.Palette.ADAPTIVE).save(root / "img/palette.png", transparency=0)
    frames = [Image.new("RGB", (600, 400), c) for c in ("red", "green", "blue")]
    frames[0].save(root / "img/anim.gif", save_all=True, append_images=frames[1:], duration=200, loop=0)
    slide(1300, 700).save(root / "img/fake.png", format="JPEG")
    (root / "img/empty.png").write_bytes(b"")
    (root / "img/text.png").write_text("not an image", encoding="utf-8")
    data = (root / "img/slide.png").read_bytes()
    (root / "img/truncated.png").write_bytes(data[: len(data) // 3])
    Image.new("L", (9000, 9000)).save(root / "img/bomb.png")  # 81 MP, over the 60 MP limit
    sources = sorted(f"img/{p.name}" for p in (root / "img").iterdir())
    pipeline = ImagePipeline(root / "cache", ImageSettings(), workers=2)
    figures, summary = pipeline.run(root, sources, progress=False)
    yield root, pipeline, figures, summary, sources
    pipeline.close()


def test_widths_never_upscaled_and_metadata_gone(processed):
    root, _, figures, _, _ = processed
    assert [v.width for v in figures["img/slide.png"].result.variants] == [800, 1280, 1920]
    assert [v.width for v in figures["img/small.png"].result.variants] == [800]  # 800 px: never upscaled
    rotated = figures["img/rotated.jpg"]
    assert (rotated.result.variants[-1].width, rotated.result.variants[-1].height) == (800, 1200)
    for variant in rotated.result.variants:
        with Image.open(rotated.entry / variant.file) as image:
            assert not image.getexif() and "icc_profile" not in image.info


def test_formats_chosen_per_image_and_smaller_than_source(processed):
    root, _, figures, summary, _ = processed
    assert {v.format for v in figures["img/photo.jpg"].result.variants} == {"webp"}
    assert "png" in {v.format for v in figures["img/cells.png"].result.variants}  # palette wins here
    assert "webp" in {v.format for v in figures["img/slide.png"].result.variants}
    for source in ("img/slide.png", "img/photo.jpg", "img/cells.png"):
        assert figures[source].largest.size < (root / source).stat().st_size
    assert summary.formats["png"] > 0 and summary.formats["webp"] > 0


def test_transparency_odd_modes_and_animation(processed):
    _, _, figures, _, _ = processed
    with Image.open(figures["img/alpha.png"].entry / figures["img/alpha.png"].largest.file) as image:
        assert image.mode in ("RGBA", "P") and image.getextrema()[-1][0] < 255
    for source in ("img/cmyk.jpg", "img/deep.png", "img/palette.png"):
        assert figures[source].result.error is None and figures[source].largest is not None, source
    anim = figures["img/anim.gif"]
    with Image.open(anim.entry / anim.largest.file) as image:
        assert image.format == "WEBP" and image.n_frames == 3


def test_bad_images_are_reported_not_cached_as_variants(processed):
    _, _, figures, summary, _ = processed
    errors = {s: figures[s].result.error for s in ("img/empty.png", "img/text.png", "img/truncated.png", "img/bomb.png")}
    assert errors["img/empty.png"] == "the file is empty"
    assert errors["img/text.png"] == "not an image Pillow can read"
    assert errors["img/truncated.png"].startswith("truncated or corrupt")
    assert errors["img/bomb.png"].startswith("too many pixels")
    assert all(not figures[s].result.variants for s in errors)
    assert figures["img/fake.png"].result.note == "the file is a JPEG image named .png"
    assert summary.failed == 4


def test_warm_run_reads_nothing_and_reuses_every_entry(processed):
    root, pipeline, figures, _, sources = processed
    again, summary = pipeline.run(root, sources, progress=False)
    assert summary.processed == 0 and summary.cached == len(sources)
    assert {s: f.key for s, f in again.items()} == {s: f.key for s, f in figures.items()}
    # Same size and mtime: the stat index answers without reading the file.
    path = root / "img/small.png"
    st = path.stat()
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert pipeline.run(root, ["img/small.png"], progress=False)[0]["img/small.png"].key == figures["img/small.png"].key
    # A changed mtime means it is read and hashed again.
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert pipeline.run(root, ["img/small.png"], progress=False)[0]["img/small.png"].key != figures["img/small.png"].key
    path.write_bytes(data)


def test_prune_keeps_what_the_last_build_used(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    slide().save(root / "01AIChip/01Foundation/images/01Roofline01.png")
    assert mkdocs_build(root).returncode == 0
    (root / "01AIChip/01Foundation/images/01Roofline01.png").unlink()
    slide(1500, 800).save(root / "01AIChip/01Foundation/images/01Roofline01.png")
    assert mkdocs_build(root).returncode == 0  # the first version's entry is now unused
    prune = [sys.executable, "-m", "coursesite.cli", "prune-images", str(root)]
    done = subprocess.run(prune, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("removed 1 unused entries"), done.stdout
    entries = {e.name for e in (root / ".cache/coursesite/images/entries").glob("*/*")}
    used = set(json.loads((root / ".cache/coursesite/images/used.json").read_text()))
    assert entries == used and len(used) == 4  # two figures and the deck's two pages (the home page's figure is an SVG)
    assert mkdocs_build(root, "--strict").returncode == 0


def test_built_page_has_responsive_images_and_lightbox(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    slide().save(root / "01AIChip/01Foundation/images/01Roofline01.png")
    slide(1000, 560).save(root / "01AIChip/01Foundation/images/01Roofline02.png")
    (root / "01AIChip/01Foundation/images/broken.png").write_bytes(b"")
    article = root / "01AIChip/01Foundation/01Roofline.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![第二张](images/01Roofline02.png)\n\n"
                       "![坏图](images/broken.png)\n", encoding="utf-8")
    built = build(root)
    assert built.returncode == 0, built.log
    assert "01AIChip/01Foundation/images/broken.png: unusable figure: the file is empty" in built.log
    assert re.search(r"images: 4 processed, 0 cached, 1 unusable", built.log)  # the home page's figure is an SVG
    soup = built.html("01AIChip/01Foundation/01Roofline/index.html")
    first, second = soup.select("article p img")  # the figures, not the deck's thumbnails
    assert first["width"] == "1920" and first["height"] == "1080" and first["src"].endswith("-1920w.webp")
    assert [c.split()[1] for c in first["srcset"].split(", ")] == ["800w", "1280w", "1920w"]
    assert first.get("loading") is None and second["loading"] == "lazy" and second["decoding"] == "async"
    assert first.parent.name == "a" and first.parent["href"] == first["src"] and "glightbox" in first.parent["class"]
    for candidate in first["srcset"].split(", "):
        assert (built.site / "01AIChip/01Foundation/01Roofline" / candidate.split()[0]).resolve().is_file()
    assert soup.select_one(".course-missing-figure").get_text() == "坏图"
    shipped = {p.name for p in (built.site / "01AIChip/01Foundation/images").iterdir()}
    assert not shipped & {"01Roofline01.png", "01Roofline02.png", "broken.png"}
    assert os.stat(built.site / "01AIChip/01Foundation/images" / sorted(shipped)[0]).st_nlink >= 2  # hard link
    assert mkdocs_build(root, "--strict").returncode == 1  # the unusable figure fails --strict


def test_size_budget(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("  - course:\n", "  - course:\n      size_budget_mb: 1\n"),
                                     encoding="utf-8")
    done = mkdocs_build(root, "--strict")
    assert done.returncode == 1 and "over its size budget" in done.stderr


def test_killed_build_leaves_no_corrupt_entry(tmp_path):
    root = large_course(tmp_path / "repo", modules=2, chapters=3, articles=3)
    for i, png in enumerate(sorted(root.rglob("images/*.png"))):
        slide(1600 + (i % 7) * 100, 900).save(png)  # distinct content, real work
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=root, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    entries = root / ".cache/coursesite/images/entries"
    deadline = time.time() + 120
    while time.time() < deadline and not (entries.is_dir() and any(entries.rglob("meta.json"))):
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)  # the build and its workers, mid-way
    run.wait()
    done = mkdocs_build(root, "--strict")
    assert done.returncode == 0, done.stderr
    for meta in entries.rglob("meta.json"):
        for variant in json.loads(meta.read_text())["variants"]:
            assert (meta.parent / variant["file"]).stat().st_size == variant["size"]
    tmp = root / ".cache/coursesite/images/tmp"
    assert not tmp.exists() or not any(tmp.iterdir())



def test_svg_passes_through_without_scripts(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    folder = root / "01AIChip/01Foundation/images"
    (folder / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" '
        'onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><rect width="40" height="20" '
        'fill="teal" onclick="alert(4)"/></a></svg>', encoding="utf-8")
    (folder / "broken.svg").write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', encoding="utf-8")
    article = root / "01AIChip/01Foundation/02MatMul.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![图](images/diagram.svg)\n\n![坏](images/broken.svg)\n",
                       encoding="utf-8")
    built = build(root)
    assert built.returncode == 0, built.log
    assert "images/diagram.svg: 4 script element(s) or event attribute(s) removed" in built.log
    assert "images/broken.svg: unusable SVG figure" in built.log
    shipped = (built.site / "01AIChip/01Foundation/images/diagram.svg").read_text(encoding="utf-8")
    assert "<rect" in shipped and "teal" in shipped
    assert not any(bad in shipped for bad in ("script", "onload", "onclick", "javascript:"))
    assert not (built.site / "01AIChip/01Foundation/images/broken.svg").exists()
    soup = built.html("01AIChip/01Foundation/02MatMul/index.html")
    assert soup.select_one("article img[src$='diagram.svg']") is not None
    assert soup.select_one(".course-missing-figure").get_text() == "坏"


def test_colour_profile_and_comments_are_not_shipped(tmp_path):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    root = tmp_path
    slide(1600, 900).save(root / "profiled.png", icc_profile=srgb)
    pixel_diagram(1920, 1080).save(root / "flat.png", icc_profile=srgb)
    pipeline = ImagePipeline(root / "cache", ImageSettings(), workers=1)
    figures, _ = pipeline.run(root, ["profiled.png", "flat.png"], progress=False)
    pipeline.close()
    formats = set()
    for figure in figures.values():
        for variant in figure.result.variants:
            formats.add(variant.format)
            with Image.open(figure.entry / variant.file) as image:
                assert "icc_profile" not in image.info and not image.getexif()
    assert formats == {"webp", "png"}
