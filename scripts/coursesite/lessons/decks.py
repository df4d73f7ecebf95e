"""Slide decks shown on the lesson's page: every page as a picture, rendered once and cached.

GitHub cannot display the course's decks (too large), so the site shows them: each PDF page is
rendered with PDFium (pypdfium2: permissive licence, the engine inside the wheel), then goes
through the image pipeline like any figure. Rendering is keyed by the PDF's content, written to a
temporary folder and renamed into place, so an unchanged deck is never rendered twice and a killed
build leaves no half-rendered deck.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
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
    unconvertible: bool = False
    """A PPTX that LibreOffice (installed) failed to convert: a warning, not a note."""


def presentation_problem(path: Path) -> str | None:
    """Why the file is not a PowerPoint deck LibreOffice could convert, or None. A `.pptx` is a
    ZIP holding `ppt/presentation.xml`; an old `.ppt` is an OLE2 compound file. Cheap enough for
    `coursesite check`, so a renamed text file is caught before any build."""
    try:
        if path.suffix.lower() == ".ppt":
            with path.open("rb") as f:
                ole = f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            return None if ole else "it is not a PowerPoint file (no OLE2 header)"
        if not zipfile.is_zipfile(path):
            return "it is not a PowerPoint file (a .pptx is a ZIP archive, this is not one)"
        with zipfile.ZipFile(path) as archive:
            if "ppt/presentation.xml" not in archive.namelist():
                return "it is not a PowerPoint file (no ppt/presentation.xml inside)"
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    return None


@dataclass(frozen=True)
class Unconverted:
    """Why a PPTX has no PDF: LibreOffice is missing (`office` None), or it failed on this file."""

    reason: str
    office: str | None


@functools.cache
def _office_version(office: str) -> str:
    """`LibreOffice 7.4.7.2`, from `soffice --version` (asked once per process)."""
    try:
        done = subprocess.run([office, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "LibreOffice"
    words = done.stdout.split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"


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
            if isinstance(converted, Unconverted):
                return Deck(source, size, error=converted.reason, unconvertible=converted.office is not None)
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

    def _as_pdf(self, pptx: Path) -> Path | Unconverted:
        """The PPTX converted to PDF by LibreOffice, once per content, or why it was not."""
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            return Unconverted("LibreOffice is not installed to convert the PPTX (it is offered as a download)", None)
        target = self.cache.root / "pptx" / f"{self.cache.content_hash(pptx)[:32]}.pdf"
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            # A private profile: two builds converting at once must not share LibreOffice's.
            profile = Path(work, "profile").as_uri()
            try:
                done = subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                       "--outdir", work, str(pptx)], capture_output=True, text=True, timeout=600,
                                      check=False)
                said = [line.strip() for line in (done.stderr + done.stdout).splitlines()
                        if line.strip().lower().startswith("error")]
                reason = said[-1] if said else f"no PDF was written (exit status {done.returncode})"
            except subprocess.TimeoutExpired:
                reason = "the conversion took more than 10 minutes"
            produced = Path(work) / (pptx.stem + ".pdf")
            if not produced.is_file():
                return Unconverted(f"{_office_version(office)} could not convert it: {reason} "
                                   "(it is offered as a download)", office)
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
