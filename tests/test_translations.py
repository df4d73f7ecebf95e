"""The translation report: coverage per module and chapter, stale translations from git history."""

import subprocess
import sys

from builders import bilingual_course, commit
from coursesite.course.discover import Discoverer
from coursesite.gitdates import GitDates
from coursesite.i18n import Status, translation_report


def git_commit(root, message, date):
    env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", message],
                   cwd=root, check=True, env=env)


def report(root):
    git = GitDates(root)
    git.refresh()
    sections = translation_report(Discoverer(root).discover(), "en", git.last_changed)
    return {e.source: e.status for s in sections for e in s.entries}


def test_missing_translated_and_stale(tmp_path):
    root = bilingual_course(tmp_path / "repo")  # committed 2025-03-14
    states = report(root)
    assert states["01AIChip/01Foundation/01Roofline.md"] == Status.TRANSLATED
    assert states["01AIChip/01Foundation/02MatMul.md"] == Status.MISSING
    assert states["01AIChip/README.md"] == Status.TRANSLATED
    # The Chinese source changes after its translation: the translation is stale.
    source = root / "01AIChip/01Foundation/01Roofline.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    git_commit(root, "edit the Chinese article", "2025-06-01T12:00:00+00:00")
    assert report(root)["01AIChip/01Foundation/01Roofline.md"] == Status.STALE


def test_cli_report_and_strict_modules(tmp_path):
    root = bilingual_course(tmp_path / "repo")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "coursesite.cli", "translations", str(root), *args],
                              capture_output=True, text=True)

    done = run()
    assert done.returncode == 0
    assert "01AIChip/01Foundation  67% (3 pages, 1 missing, 0 stale)" in done.stdout
    assert "missing  01AIChip/01Foundation/02MatMul.md" in done.stdout
    assert run("--strict", "01AIChip").returncode == 1
    assert run("--strict", "99Nothing").returncode == 1


def test_strict_passes_when_module_fully_translated(tmp_path):
    root = bilingual_course(tmp_path / "repo", git=False)
    (root / "01AIChip/01Foundation/02MatMul.en.md").write_text("# Matrix multiplication\n", encoding="utf-8")
    commit(root)
    done = subprocess.run([sys.executable, "-m", "coursesite.cli", "translations", str(root), "--strict", "01AIChip"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
