"""Slide decks shown on the lesson's page: every page as a picture, rendered once and cached.

GitHub cannot display the course's decks (too large), so the site shows them: each PDF page is
rendered with PDFium (pypdfium2: permissive licence, the engine inside the wheel), then goes
through the image pipeline like any figure. Rendering is keyed by the PDF's content, written to a
temporary folder and renamed into place, so an unchanged deck is never rendered twice and a killed
build leaves no half-rendered deck.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from ..images.cache import ImageCache

RENDER_VERSION = 1


@dataclass
class Deck:
    """A rendered deck: its page pictures (in the cache) and what the download link says."""

    source: str
    """Repository path of the PDF."""
    size: int
    pages: list[Path] = field(default_factory=list)
    error: str | None = None


class DeckRenderer:
    """Renders PDF decks into page pictures under `cache_dir`, once per content."""

    def __init__(self, cache_dir: Path, width: int = 1600) -> None:
        self.width = width
        self.cache = ImageCache(cache_dir, f"deck-w{width}-v{RENDER_VERSION}")

    def begin(self) -> None:
        """Before a build: read the content-hash index, drop what killed builds left behind."""
        self.cache.load_index()
        self.cache.remove_stale_tmp()

    def render(self, root: Path, source: str) -> Deck:
        path = root / source
        size = path.stat().st_size
        if path.suffix.lower() in (".pptx", ".ppt"):
            converted = self._as_pdf(path)
            if converted is None:
                return Deck(source, size, error="LibreOffice is not installed to convert the PPTX (it is offered as a download)")
            path = converted
        key = self.cache.key(self.cache.content_hash(path))
        entry = self.cache.entry_dir(key)
        meta = entry / "meta.json"
        if meta.is_file():
            names = json.loads(meta.read_text(encoding="utf-8"))["pages"]
            return Deck(source, size, [entry / name for name in names])
        tmp = self.cache.new_tmp()
        try:
            names = self._render_pages(path, tmp)
        except pdfium.PdfiumError as error:
            shutil.rmtree(tmp, ignore_errors=True)
            return Deck(source, size, error=f"the PDF cannot be read ({error})")
        (tmp / "meta.json").write_text(json.dumps({"pages": names}), encoding="utf-8")
        entry.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(tmp, entry)
        except OSError:  # another build rendered the same deck first
            shutil.rmtree(tmp, ignore_errors=True)
        return Deck(source, size, [entry / name for name in names])

    def _as_pdf(self, pptx: Path) -> Path | None:
        """The PPTX converted to PDF by LibreOffice, once per content (None without LibreOffice)."""
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            return None
        target = self.cache.root / "pptx" / f"{self.cache.content_hash(pptx)[:32]}.pdf"
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            # A private profile: two builds converting at once must not share LibreOffice's.
            profile = Path(work, "profile").as_uri()
            subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", work, str(pptx)], capture_output=True, timeout=600, check=False)
            produced = Path(work) / (pptx.stem + ".pdf")
            if not produced.is_file():
                return None
            os.replace(produced, target)
        return target

    def _render_pages(self, path: Path, out: Path) -> list[str]:
        names = []
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                scale = self.width / page.get_width()
                name = f"page{index + 1:03d}.png"
                page.render(scale=scale).to_pil().convert("RGB").save(out / name, compress_level=1)
                names.append(name)
        finally:
            pdf.close()
        return names

    def finish(self) -> None:
        """Keep the content-hash index for the next build."""
        self.cache.save_index()
