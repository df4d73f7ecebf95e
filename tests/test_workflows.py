"""Contributor tooling: the link checker of built sites, the pre-commit hooks, the GitHub workflows."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from builders import PROJECT, tidy_course, write
from conftest import build

BIN = Path(sys.executable).parent


def test_linkcheck_finds_broken_links_and_anchors_in_built_html(tmp_path):
    built = build(tidy_course(tmp_path / "repo", git=False), "--strict")
    check = [sys.executable, "-m", "coursesite.cli", "linkcheck", str(built.site)]
    clean = subprocess.run(check, capture_output=True, text=True)
    assert clean.returncode == 0 and clean.stdout.endswith("0 broken internal links\n"), clean.stdout
    page = built.site / "01AIChip/01Foundation/01Roofline/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="../nowhere/">x</a><a href="../02MatMul/#no-such-heading">y</a>'
                      '<img srcset="../images/missing-800w.webp 800w"></article>'), encoding="utf-8")
    done = subprocess.run(check, capture_output=True, text=True)
    assert done.returncode == 1
    assert "01AIChip/01Foundation/01Roofline/index.html: ../nowhere/ (no such file)" in done.stdout
    assert "../02MatMul/#no-such-heading (no anchor #no-such-heading)" in done.stdout
    assert "../images/missing-800w.webp (no such file)" in done.stdout


def test_workflows_are_valid_and_do_what_they_promise():
    workflows = sorted((PROJECT / ".github/workflows").glob("*.yml"))
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, workflows)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    pr = yaml.safe_load((PROJECT / ".github/workflows/pull-request.yml").read_text())
    steps = pr["jobs"]["site"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    for command in ("make test", "coursesite check", "mkdocs build --strict", "coursesite linkcheck site"):
        assert command in runs, command
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/coursesite/images" and cache["with"]["restore-keys"]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/github-script@") for u in uses)  # the comment on the pull request
    deploy = yaml.safe_load((PROJECT / ".github/workflows/deploy.yml").read_text())
    assert deploy[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    deploy_uses = [s.get("uses", "") for job in deploy["jobs"].values() for s in job["steps"]]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@",
                   "actions/cache@"):
        assert any(u.startswith(action) for u in deploy_uses), action
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"


def test_pre_commit_hooks_run_and_catch_a_broken_figure(tmp_path):
    repo = tidy_course(tmp_path / "repo")
    shutil.copy(PROJECT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(BIN.parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run_hooks():
        return subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True)

    done = run_hooks()
    assert done.returncode == 0, done.stdout + done.stderr
    write(repo, "01AIChip/01Foundation/01Roofline.md", "# 标题\n\n![图](images/nope.png)\n")
    write(repo, "scripts/tool.py", "x = 1   \n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)  # hooks see what git tracks
    done = run_hooks()
    assert done.returncode == 1
    assert "01AIChip/01Foundation/01Roofline.md" in done.stdout and "figure images/nope.png not found" in done.stdout
    assert (repo / "scripts/tool.py").read_text() == "x = 1\n"  # whitespace fixed in code
