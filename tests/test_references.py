"""The reference resolver: exact, corrected, missing, outside, folders."""

from pathlib import Path

import pytest
from builders import png, write
from coursesite.references import RepoFiles, Status, resolve


@pytest.fixture
def repo(tmp_path: Path) -> RepoFiles:
    png(tmp_path, "m/c/images/01Introduction01.png")
    png(tmp_path, "m/c/images/Fig.PNG")
    write(tmp_path, "m/c/01A.md", "# A\n")
    write(tmp_path, "m/c/README.md", "# C\n")
    write(tmp_path, "m/deck.pdf", "%PDF")
    (tmp_path.parent / "outside.png").write_bytes(b"x")
    (tmp_path / "m/c/images/out.png").symlink_to(tmp_path.parent / "outside.png")
    return RepoFiles(tmp_path)


def test_exact(repo):
    res = resolve(repo, "m/c/01A.md", "images/01Introduction01.png")
    assert res.status == Status.OK and res.path == "m/c/images/01Introduction01.png"


def test_case_mismatch_is_resolved_and_flagged(repo):
    res = resolve(repo, "m/c/01A.md", "images/01introduction01.png")
    assert res.status == Status.FIXED and res.path == "m/c/images/01Introduction01.png"
    assert res.corrections == ("letter case differs",)


def test_backslash_and_upper_case_extension(repo):
    res = resolve(repo, "m/c/01A.md", "images\\Fig.PNG")
    assert res.status == Status.FIXED and res.path == "m/c/images/Fig.PNG"


def test_missing_with_suggestion(repo):
    res = resolve(repo, "m/c/01A.md", "images/01Introduction1.png")
    assert res.status == Status.MISSING and res.suggestion == "images/01Introduction01.png"


def test_deck_one_folder_too_deep(repo):
    res = resolve(repo, "m/c/README.md", "./deck.pdf")
    assert res.status == Status.MISSING and res.suggestion == "../deck.pdf"


def test_outside_by_dots_and_by_symlink(repo):
    assert resolve(repo, "m/c/01A.md", "../../../x.png").status == Status.OUTSIDE
    assert resolve(repo, "m/c/01A.md", "images/out.png").status == Status.OUTSIDE


def test_folder_means_its_readme(repo):
    res = resolve(repo, "m/README.md", "./c/")
    assert res.status == Status.OK and res.path == "m/c/README.md"


def test_external_anchor_empty(repo):
    assert resolve(repo, "m/c/01A.md", "https://example.org/a.png").status == Status.EXTERNAL
    assert resolve(repo, "m/c/01A.md", "#节").status == Status.ANCHOR
    assert resolve(repo, "m/c/01A.md", "  ").status == Status.EMPTY


def test_percent_encoded_chinese_name(tmp_path):
    png(tmp_path, "m/images/中文 图.png")
    res = resolve(RepoFiles(tmp_path), "m/a.md", "images/%E4%B8%AD%E6%96%87%20%E5%9B%BE.png")
    assert res.status == Status.OK and res.path == "m/images/中文 图.png"


def test_outside_through_a_symlinked_folder(tmp_path):
    (tmp_path.parent / "elsewhere").mkdir(exist_ok=True)
    png(tmp_path.parent, "elsewhere/fig.png")
    write(tmp_path, "m/a.md", "# A\n")
    (tmp_path / "m/images").symlink_to(tmp_path.parent / "elsewhere")
    assert resolve(RepoFiles(tmp_path), "m/a.md", "images/fig.png").status == Status.OUTSIDE
