"""Every setting that changes the bytes of a processed image, and the cache key derived from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")

PIPELINE_VERSION = 1
"""Raise when the encoding code changes its output, so old cache entries are not reused."""


@dataclass(frozen=True)
class ImageSettings:
    """How figures are turned into web variants."""

    widths: tuple[int, ...] = (480, 960, 1440, 1920)
    """Responsive widths in pixels; a source narrower than a width is never upscaled."""
    webp_quality: int = 80
    webp_method: int = 4
    """libwebp effort 0-6: higher is smaller and slower."""
    palette_colors: int = 256
    palette_min_psnr: float = 38.0
    """A palette PNG is used only where it reproduces the resized image at least this well (dB)."""
    max_pixels: int = 60_000_000
    """Larger sources are refused as decompression bombs."""

    def key(self) -> str:
        """A digest of everything above plus the pipeline version: part of every cache key."""
        data = json.dumps({**asdict(self), "version": PIPELINE_VERSION}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER_SUFFIXES)
