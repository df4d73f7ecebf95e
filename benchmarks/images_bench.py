"""Benchmark of the image pipeline: cold and warm time against a decode-only floor, bytes, quality.

Run as `make bench` (corpus size from BENCH_SIZE, e.g. BENCH_SIZE=150MB; default 1GB) or
`make bench BENCH_DIR=path/to/images` to measure an existing folder (e.g. a course checkout).
In the same run it measures what a Material user would switch on instead, the `optimize` plugin
(pngquant for PNG, Pillow for JPEG, no resizing), on the same images. The last line printed is
one JSON object.
"""

from __future__ import annotations

import concurrent.futures as futures
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from coursesite.images.pipeline import ImagePipeline  # noqa: E402
from coursesite.images.settings import RASTER_SUFFIXES, ImageSettings  # noqa: E402


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*([\d.]+)\s*([KMG]?B?)\s*", text.upper())
    if not m:
        raise SystemExit(f"BENCH_SIZE={text!r}: write it like 150MB or 1GB")
    unit = {"": 1, "B": 1, "K": 1e3, "KB": 1e3, "M": 1e6, "MB": 1e6, "G": 1e9, "GB": 1e9}[m.group(2)]
    return int(float(m.group(1)) * unit)


def corpus() -> tuple[Path, list[str]]:
    folder = os.environ.get("BENCH_DIR")
    if folder:
        root = Path(folder).resolve()
    else:
        target = parse_size(os.environ.get("BENCH_SIZE", "1GB"))
        root = ROOT / ".cache" / "bench" / f"corpus-{target}"
        if not (root / ".complete").exists():
            from corpus import synthesise

            shutil.rmtree(root, ignore_errors=True)
            print(f"synthesising {target / 1e6:.0f} MB of slides and photos in {root} ...", flush=True)
            synthesise(root, target)
            (root / ".complete").touch()
    sources = sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in RASTER_SUFFIXES and ".cache" not in p.relative_to(root).parts
    )
    return root, sources


def _decode(path: str) -> float:
    started = time.perf_counter()
    with Image.open(path) as image:
        image.load()
    return time.perf_counter() - started


def _plain(args: tuple[str, str]) -> int:
    """The plain pipeline the targets are set against: LANCZOS from the original to each width,
    WebP at default effort; returns the bytes written."""
    path, out = args
    written = 0
    with Image.open(path) as image:
        image = image.convert("RGB")
        for width in ImageSettings().widths:
            if width >= image.width:
                continue
            resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            target = Path(out) / f"{Path(path).stem}-{width}.webp"
            resized.save(target, "WEBP", quality=80)
            written += target.stat().st_size
    return written


def plain_pipeline(root: Path, sources: list[str], cores: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as out, \
            futures.ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        started = time.perf_counter()
        written = sum(pool.map(_plain, [(str(root / s), out) for s in sources], chunksize=2))
        return time.perf_counter() - started, written


def decode_floor(root: Path, sources: list[str], cores: int) -> float:
    """The time to only decode every source, summed over images and divided by the cores used."""
    with futures.ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        return sum(pool.map(_decode, [str(root / s) for s in sources], chunksize=4)) / cores


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity of two grey images (8x8 windows, the usual constants)."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    h, w = (a.shape[0] // 8) * 8, (a.shape[1] // 8) * 8
    a = a[:h, :w].reshape(h // 8, 8, w // 8, 8).astype(np.float64)
    b = b[:h, :w].reshape(h // 8, 8, w // 8, 8).astype(np.float64)
    ma, mb = a.mean(axis=(1, 3)), b.mean(axis=(1, 3))
    va, vb = a.var(axis=(1, 3)), b.var(axis=(1, 3))
    cov = ((a - ma[:, None, :, None]) * (b - mb[:, None, :, None])).mean(axis=(1, 3))
    index = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma**2 + mb**2 + c1) * (va + vb + c2))
    return float(index.mean())


def quality(root: Path, figures: dict, sample: int = 40) -> tuple[float, float]:
    """SSIM of each shipped variant against a reference LANCZOS downscale of the original."""
    rng = random.Random(3)
    usable = [f for f in figures.values() if f.result.variants]
    scores = []
    for figure in rng.sample(usable, min(sample, len(usable))):
        with Image.open(root / figure.source) as original:
            original = original.convert("L")
            for variant in figure.result.variants:
                reference = original.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
                with Image.open(figure.entry / variant.file) as shipped:
                    scores.append(ssim(np.asarray(reference), np.asarray(shipped.convert("L"))))
    return float(np.mean(scores)), float(np.min(scores))


def peer_optimize(root: Path, sources: list[str]) -> dict:
    """Material's `optimize` plugin on the same images, in a throwaway MkDocs project."""
    if shutil.which("pngquant") is None:
        return {"skipped": "pngquant is not installed"}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        docs = project / "docs"
        (docs / "img").mkdir(parents=True)
        for i, source in enumerate(sources):
            os.link(root / source, docs / "img" / f"{i:05d}{Path(source).suffix.lower()}")
        (docs / "index.md").write_text("# bench\n", encoding="utf-8")
        (project / "mkdocs.yml").write_text(
            "site_name: bench\ntheme: {name: material}\nplugins:\n  - optimize:\n      cache: false\n"
            "      print_gain: false\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds = time.perf_counter() - started
        out = sum(p.stat().st_size for p in (project / "site" / "img").iterdir())
    return {"seconds": round(seconds, 2), "bytes_out": out}


def page_weight(root: Path, sources: list[str]) -> dict:
    """Bytes a reader's browser transfers on first view of an article with 20 of these figures:
    a real site build, served locally, loaded in Chromium at a desktop and a phone viewport."""
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import tidy_course
    from conftest import static_server
    from playwright.sync_api import sync_playwright

    rng = random.Random(5)
    picked = rng.sample(sources, min(20, len(sources)))
    with tempfile.TemporaryDirectory() as tmp:
        course = tidy_course(Path(tmp) / "repo", git=False)
        folder = course / "01AIChip/01Foundation"
        lines = ["# 二十张图的文章", ""]
        for i, source in enumerate(picked):
            name = f"fig{i:02d}{Path(source).suffix.lower()}"
            shutil.copy(root / source, folder / "images" / name)
            lines += [f"## 第 {i + 1} 节", "", "正文。" * 40, "", f"![图 {i + 1}](images/{name})", ""]
        (folder / "03Twenty.md").write_text("\n".join(lines), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=course, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        result = {}
        with sync_playwright() as playwright, static_server(course / "site") as base:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            for name, viewport, scale in (("desktop", (1280, 800), 1), ("phone", (390, 844), 3)):
                context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                              device_scale_factor=scale)
                page = offline_page_in(context)
                sizes: list[int] = []
                page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
                page.goto(base + "01AIChip/01Foundation/03Twenty/", wait_until="networkidle")
                result[name] = {"bytes": sum(sizes), "requests": len(sizes)}
                context.close()
            browser.close()
    return result


def offline_page_in(context):
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    return context.new_page()


def main() -> None:
    root, sources = corpus()
    cores = os.cpu_count() or 1
    bytes_in = sum((root / s).stat().st_size for s in sources)
    print(f"{len(sources)} images, {bytes_in / 1e6:.0f} MB, {cores} cores", flush=True)
    settings = ImageSettings()
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache") as cache:
        pipeline = ImagePipeline(Path(cache), settings)
        started = time.perf_counter()
        figures, summary = pipeline.run(root, sources, progress=sys.stderr.isatty())
        cold = time.perf_counter() - started
        pipeline.close()
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(summary.line(), flush=True)
        warm_pipeline = ImagePipeline(Path(cache), settings)  # a new build: index read from disk
        started = time.perf_counter()
        _, warm_summary = warm_pipeline.run(root, sources, progress=False)
        warm = time.perf_counter() - started
        warm_pipeline.close()
        assert warm_summary.processed == 0, "the warm run processed images"
        mean_ssim, min_ssim = quality(root, figures)
    floor = decode_floor(root, sources, cores)
    plain_s, plain_bytes = plain_pipeline(root, sources, cores)
    peer = peer_optimize(root, sources)
    weight = page_weight(root, sources)
    result = {
        "images": len(sources), "cores": cores,
        "floor_s": round(floor, 2), "cold_s": round(cold, 2), "cold_over_floor": round(cold / floor, 2),
        "warm_s": round(warm, 3), "warm_over_cold": round(warm / cold, 4),
        "bytes_in": bytes_in, "bytes_out": summary.bytes_out, "out_over_in": round(summary.bytes_out / bytes_in, 3),
        "largest_variants_bytes": sum(f.largest.size for f in figures.values() if f.largest),
        "formats": dict(summary.formats), "unusable": summary.failed,
        "quality": round(mean_ssim, 4), "quality_min": round(min_ssim, 4), "quality_metric": "SSIM vs LANCZOS",
        "peak_rss_mb": round(peak_rss_mb, 1),
        "plain_pipeline": {"seconds": round(plain_s, 2), "over_floor": round(plain_s / floor, 2),
                           "bytes_out": plain_bytes},
        "peer_material_optimize": peer,
        "article_20_figures_first_view": weight,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
