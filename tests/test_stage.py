"""The staging tree: incremental, atomic, pruned, safe with two builds at once."""

import os
import subprocess
import sys
from pathlib import Path

from builders import tidy_course
from conftest import mkdocs_build
from coursesite.stage import StagePlan, apply


def test_apply_is_incremental_and_prunes(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text("# A\n")
    (src / "b.png").write_bytes(b"png")
    stage = tmp_path / "stage"
    plan = StagePlan(links={"m/a.md": src / "a.md", "m/images/b.png": src / "b.png"}, generated={"m/c/README.md": "# C\n"})
    assert apply(plan, stage) == 3
    assert os.readlink(stage / "m/a.md") == str(src / "a.md")
    assert (stage / "m/c/README.md").read_text() == "# C\n" and not (stage / "m/c/README.md").is_symlink()
    assert apply(plan, stage) == 0
    # A killed build's temporary entry and entries no longer wanted are removed, empty folders too.
    (stage / "m/.a.md.123.tmp").symlink_to(src / "a.md")
    smaller = StagePlan(links={"m/a.md": src / "a.md"})
    assert apply(smaller, stage) == 3
    assert sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")) == ["m", "m/a.md"]


def test_two_builds_at_once(tmp_path: Path):
    root = tidy_course(tmp_path / "repo")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = [
        subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / f"site{i}")],
                         cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for i in range(2)
    ]
    for run in runs:
        out, _ = run.communicate(timeout=300)
        assert run.returncode == 0, out
    for i in range(2):
        assert (tmp_path / f"site{i}/01AIChip/01Foundation/01Roofline/index.html").is_file()


def test_relative_config_path_from_another_folder(tmp_path: Path):
    root = tidy_course(tmp_path / "repo")
    done = mkdocs_build(tmp_path, "-f", "repo/mkdocs.yml", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "site/01AIChip/01Foundation/02MatMul/index.html").is_file()
    assert (root / ".cache/coursesite/stage/01AIChip/01Foundation/02MatMul.md").is_symlink()
