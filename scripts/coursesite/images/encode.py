"""Turn one source figure into its web variants. Runs in a worker process; never raises.

Work is chosen, not skipped: JPEGs are decoded at a reduced scale when the largest variant allows
it (`draft`), each width is resized from the next larger variant instead of from the original, and
the palette candidate is only tried where the image is flat enough to gain from it.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .settings import ImageSettings

Image.MAX_IMAGE_PIXELS = ImageSettings().max_pixels
_SUFFIX_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP", ".bmp": "BMP",
                   ".tif": "TIFF", ".tiff": "TIFF"}


@dataclass
class Variant:
    """One encoded width of a figure, as a file in the output folder."""

    width: int
    height: int
    format: str
    """`webp`, `png` or `gif`: also the file's extension."""
    file: str
    size: int


@dataclass
class Processed:
    """What became of one source: its variants, or why there are none."""

    width: int = 0
    height: int = 0
    variants: list[Variant] = field(default_factory=list)
    error: str | None = None
    """Why the image could not be used (empty, not an image, truncated, too many pixels)."""
    note: str | None = None
    """Something the author should fix although the image was usable (e.g. a JPEG named .png)."""


def process(source: str, out_dir: str, stem: str, settings: ImageSettings) -> Processed:
    """Encode `source` into `out_dir` as `<stem>-<width>w.<format>` files."""
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    try:
        if os.path.getsize(source) == 0:
            return Processed(error="the file is empty")
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as opened:
                note = _format_note(source, opened.format)
                if getattr(opened, "n_frames", 1) > 1 and opened.format in ("GIF", "WEBP"):
                    return _animated(opened, out_dir, stem, settings, note)
                image = _decoded(opened, max(settings.widths))
        widths = _widths(image.width, settings.widths)
        result = Processed(width=image.width, height=image.height, note=note)
        # Only a flat source (an exported diagram, few colours) can gain from a palette; its own
        # colours are the palette, so no per-variant palette search is needed.
        palette = _source_palette(image, settings.palette_colors)
        current = image
        for width in sorted(widths, reverse=True):
            height = max(1, round(image.height * width / image.width))
            if width != current.width:
                # Bicubic from the next larger variant: SSIM 0.996+ against a Lanczos resize from the
                # original on slide screenshots, at 40% less time (see benchmarks/images_bench.py).
                current = current.resize((width, height), Image.Resampling.BICUBIC, reducing_gap=2.0)
            data, fmt = _smallest(current, settings, palette)
            name = f"{stem}-{width}w.{fmt}"
            Path(out_dir, name).write_bytes(data)
            result.variants.append(Variant(width, height, fmt, name, len(data)))
        result.variants.sort(key=lambda v: v.width)
        return result
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return Processed(error=f"too many pixels for a figure ({error})")
    except UnidentifiedImageError:
        return Processed(error="not an image Pillow can read")
    except (OSError, SyntaxError, ValueError) as error:
        return Processed(error=f"truncated or corrupt image ({error})")


def _format_note(source: str, actual: str | None) -> str | None:
    expected = _SUFFIX_FORMATS.get(os.path.splitext(source)[1].lower())
    if actual and expected and actual != expected and not (actual == "MPO" and expected == "JPEG"):
        return f"the file is a {actual} image named {os.path.splitext(source)[1]}"
    return None


def _decoded(image: Image.Image, largest: int) -> Image.Image:
    """Decode (at a reduced scale for JPEG when that still covers the largest width), apply the
    EXIF orientation, and bring odd modes (CMYK, 16-bit, palette, LA) to RGB/RGBA/L."""
    if image.format == "JPEG" and image.width > largest:
        image.draft("RGB", (largest, max(1, image.height * largest // image.width)))
    if image.getexif().get(0x0112, 1) != 1:  # only rotate what is rotated: no needless copy
        image = ImageOps.exif_transpose(image)
    if image.mode in ("RGB", "RGBA", "L"):
        converted = image
    elif image.mode == "P":
        converted = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("LA", "PA", "RGBa", "La"):
        converted = image.convert("RGBA")
    elif image.mode in ("I;16", "I;16B", "I;16L", "I"):
        converted = image.point(lambda v: v / 256).convert("L")
    else:  # CMYK, YCbCr, LAB, F, 1, ...
        converted = image.convert("RGB")
    converted.load()
    converted.info = {}  # no ICC profile, EXIF or comments travel into the variants
    return converted


def _widths(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The source width capped at the largest configured width, plus the configured widths that
    are clearly smaller (a 1,280 px variant of a 1,300 px slide would cost an encode and save a
    reader nothing)."""
    top = min(source_width, max(widths))
    return sorted({top} | {w for w in widths if w * 1.25 <= top})


def _source_palette(image: Image.Image, colors: int) -> Image.Image | None:
    """A palette image of the source's own colours when it has at most `colors` of them."""
    found = image.getcolors(colors)
    if found is None or image.mode not in ("RGB", "L"):
        return None
    palette = Image.new("P", (1, 1))
    flat = [channel for _, color in found for channel in (color if isinstance(color, tuple) else (color,) * 3)]
    palette.putpalette(flat + flat[-3:] * (256 - len(found)))
    return palette


def _smallest(image: Image.Image, settings: ImageSettings, palette: Image.Image | None) -> tuple[bytes, str]:
    """Lossy WebP, or the source's palette as PNG where that is smaller."""
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=settings.webp_quality, method=settings.webp_method)
    best, fmt = buffer.getvalue(), "webp"
    if palette is not None:
        indexed = image.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        indexed.save(buffer, "PNG", optimize=True)
        if buffer.tell() < len(best):
            best, fmt = buffer.getvalue(), "png"
    return best, fmt


def _animated(image: Image.Image, out_dir: str, stem: str, settings: ImageSettings, note: str | None) -> Processed:
    """An animation stays animated: one animated WebP no wider than the largest width."""
    width = min(image.width, max(settings.widths))
    height = max(1, round(image.height * width / image.width))
    frames, durations = [], []
    for index in range(image.n_frames):
        image.seek(index)
        frame = image.convert("RGBA")
        frames.append(frame if width == image.width else frame.resize((width, height), Image.Resampling.LANCZOS))
        durations.append(image.info.get("duration", 100))
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=durations,
                   loop=image.info.get("loop", 0), quality=settings.webp_quality, method=settings.webp_method)
    name = f"{stem}-{width}w.webp"
    Path(out_dir, name).write_bytes(buffer.getvalue())
    return Processed(width, height, [Variant(width, height, "webp", name, buffer.tell())], note=note)
