"""Stable addresses: a renamed page without a redirect fails the check; a redirect keeps the old address working."""

import subprocess
import sys

from builders import tidy_course
from conftest import build


def cli(root, *args):
    return subprocess.run([sys.executable, "-m", "coursesite.cli", *args, str(root)], capture_output=True, text=True)


def test_renamed_page_needs_a_redirect_in_both_languages(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    assert cli(root, "urls", "--write").returncode == 0
    manifest = (root / "published-urls.txt").read_text(encoding="utf-8")
    assert "01AIChip/01Foundation/02MatMul/\n" in manifest and "\n/\n" in manifest
    # Rename an article (and its outline link): the old address would vanish.
    chapter = root / "01AIChip/01Foundation"
    (chapter / "02MatMul.md").rename(chapter / "02Matrix.md")
    readme = chapter / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("02MatMul.md", "02Matrix.md"), encoding="utf-8")
    first = chapter / "01Roofline.md"
    first.write_text(first.read_text(encoding="utf-8").replace("02MatMul.md", "02Matrix.md"), encoding="utf-8")
    done = cli(root, "check")
    assert done.returncode == 1
    assert "published address /01AIChip/01Foundation/02MatMul/ is no longer built" in done.stdout
    assert "redirects: {'01AIChip/01Foundation/02MatMul.md': '01AIChip/01Foundation/02Matrix.md'}" in done.stdout
    assert build(root, "--strict").returncode == 1
    # The suggested redirect line, added under the course plugin, fixes it.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - course:\n",
        "  - course:\n      redirects:\n        '01AIChip/01Foundation/02MatMul.md': '01AIChip/01Foundation/02Matrix.md'\n"),
        encoding="utf-8")
    assert cli(root, "check").returncode == 0
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    for prefix in ("", "en/"):
        old = built.site / prefix / "01AIChip/01Foundation/02MatMul/index.html"
        assert 'http-equiv="refresh" content="0; url=../02Matrix/"' in old.read_text(encoding="utf-8"), prefix
        assert (built.site / prefix / "01AIChip/01Foundation/02Matrix/index.html").is_file()
    assert cli(root, "urls", "--write").returncode == 0  # old address stays recorded, new one added
    manifest = (root / "published-urls.txt").read_text(encoding="utf-8")
    assert "01AIChip/01Foundation/02MatMul/\n" in manifest and "01AIChip/01Foundation/02Matrix/\n" in manifest
    linkcheck = subprocess.run([sys.executable, "-m", "coursesite.cli", "linkcheck", str(built.site)],
                               capture_output=True, text=True)
    assert linkcheck.returncode == 0, linkcheck.stdout


def test_redirect_advice_for_a_deleted_page_names_a_page_never_its_translation(tmp_path):
    """Issue 18, row 13: `02MatMul.md` deleted, its `02MatMul.en.md` left behind."""
    root = tidy_course(tmp_path / "repo", git=False)
    chapter = root / "01AIChip/01Foundation"
    (chapter / "02MatMul.en.md").write_text("# Matrix multiplication\n", encoding="utf-8")
    assert cli(root, "urls", "--write").returncode == 0
    (chapter / "02MatMul.md").unlink()
    (chapter / "02Matrix.md").write_text("# 矩阵\n", encoding="utf-8")
    done = cli(root, "check")
    assert done.returncode == 1
    assert ("published address /01AIChip/01Foundation/02MatMul/ is no longer built; add a redirect under the course "
            "plugin in mkdocs.yml: redirects: {'01AIChip/01Foundation/02MatMul.md': "
            "'01AIChip/01Foundation/02Matrix.md'} (to /01AIChip/01Foundation/02Matrix/)") in done.stdout
    assert ".en.md'}" not in done.stdout
    assert cli(root, "urls").stdout.count("02MatMul") == 0
