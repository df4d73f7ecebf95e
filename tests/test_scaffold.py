"""The scaffold command: new chapters and articles, numbered, registered, buildable, never overwriting."""

import subprocess
import sys

import pytest
from builders import tidy_course
from conftest import mkdocs_build


def run(root, *args):
    return subprocess.run([sys.executable, "-m", "coursesite.cli", "new", *args, "--root", str(root)],
                          capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    return tidy_course(tmp_path / "repo", git=False)


def test_new_chapter_and_articles_build_strict(repo):
    done = run(repo, "chapter", "01AIChip", "Memory", "--title", "存储层次", "--en", "Memory hierarchy")
    assert done.returncode == 0, done.stderr
    chapter = repo / "01AIChip/02Memory"  # next free number after 01Foundation
    assert (chapter / "README.md").read_text(encoding="utf-8").startswith("# 存储层次\n")
    assert (chapter / "README.en.md").is_file() and (chapter / "images").is_dir()
    assert run(repo, "article", "01AIChip/02Memory", "HBM", "--title", "高带宽内存", "--en", "High-bandwidth memory").returncode == 0
    done = run(repo, "article", "01AIChip/02Memory", "05Cache", "--title", "缓存")
    assert done.returncode == 0 and "created 01AIChip/02Memory/05Cache.md" in done.stdout
    readme = (chapter / "README.md").read_text(encoding="utf-8")
    assert "| 存储层次 | 01 高带宽内存 | [文章](./01HBM.md) |" in readme
    assert "| 存储层次 | 05 缓存 | [文章](./05Cache.md) |" in readme
    assert "| Memory hierarchy | 01 High-bandwidth memory | [Article](./01HBM.md) |" in (
        chapter / "README.en.md").read_text(encoding="utf-8")
    assert run(repo, "article", "01AIChip/01Foundation", "Bits", "--title", "位宽").returncode == 0
    assert (repo / "01AIChip/01Foundation/03Bits.md").is_file()
    assert "| AI 计算体系 | 03 位宽 | [文章](./03Bits.md) |" in (
        repo / "01AIChip/01Foundation/README.md").read_text(encoding="utf-8")
    built = mkdocs_build(repo, "--strict")
    assert built.returncode == 0, built.stderr
    assert (repo / "site/01AIChip/02Memory/01HBM/index.html").is_file()
    assert (repo / "site/en/01AIChip/02Memory/01HBM/index.html").is_file()


def test_refuses_clashes_and_bad_names_without_writing(repo):
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    for args, message in (
        (("article", "01AIChip/01Foundation", "01Other", "--title", "x"), "number 01 is already used"),
        (("article", "01AIChip/01Foundation", "02MatMul", "--title", "x"), "already exists"),
        (("chapter", "01AIChip", "01Foundation", "--title", "x"), "already exists"),
        (("article", "01AIChip/01Foundation", "bad name", "--title", "x"), "is not a valid name"),
        (("article", "01AIChip/01Foundation", "x.pt", "--title", "x"), "is not a valid name"),
        (("article", "01AIChip/99Nothing", "Foo", "--title", "x"), "has no README.md"),
        (("chapter", "99Nothing", "Foo", "--title", "x"), "no module folder"),
    ):
        done = run(repo, *args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before
