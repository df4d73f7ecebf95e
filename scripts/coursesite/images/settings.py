"""Every setting that changes the bytes of a processed image, and the cache key derived from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")

PIPELINE_VERSION = 4
"""Raise when the encoding code changes its output, so old cache entries are not reused."""


@dataclass(frozen=True)
class ImageSettings:
    """How figures are turned into web variants."""

    widths: tuple[int, ...] = (800, 1280, 1920)
    """Responsive widths in pixels; a source narrower than a width is never upscaled. 800 fills the
    desktop content column at 1x, 1280 a phone at 3x, 1920 the column at 2x."""
    webp_quality: int = 70
    """Measured on slide screenshots and photos (benchmarks/images_bench.py): SSIM 0.993 against a
    Lanczos reference, 13% of the input bytes for all variants together."""
    webp_method: int = 2
    """libwebp effort 0-6. Measured on slide screenshots: 2 is three times faster than the default 4
    for about 5% more bytes."""
    palette_colors: int = 256
    """A source with at most this many colours (an exported diagram) is also tried as palette PNG."""
    max_pixels: int = 60_000_000
    """Larger sources are refused as decompression bombs."""

    def key(self) -> str:
        """A digest of everything above plus the pipeline version: part of every cache key."""
        data = json.dumps({**asdict(self), "version": PIPELINE_VERSION}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER_SUFFIXES)
