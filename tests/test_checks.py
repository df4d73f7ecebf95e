"""Content checks, through the library and through the `coursesite check` command."""

import subprocess
import sys

import pytest
from builders import irregular_course, tidy_course
from coursesite.checks import CheckSettings, run_checks
from coursesite.cli import settings_from_config
from coursesite.course.discover import Discoverer
from coursesite.problems import Severity
from coursesite.references import RepoFiles

CHAPTER = "01AIChip/03GPUBase"
EXPECTED_WARNINGS = {
    ("01AIChip/02ChipBase/02Link.md", 3, "outside-repository"),
    ("01AIChip/02ChipBase/03Leak.md", None, "outside-repository"),
    (f"{CHAPTER}/01Works.md", 13, "fixed-reference"),
    (f"{CHAPTER}/01Works.md", 15, "fixed-reference"),
    (f"{CHAPTER}/01Works.md", 21, "missing-figure"),
    (f"{CHAPTER}/01Works.md", 23, "outside-repository"),
    (f"{CHAPTER}/01Works.md", 34, "broken-anchor"),
    (f"{CHAPTER}/01Works.md", 34, "broken-link"),
    (f"{CHAPTER}/README.md", 9, "empty-link"),
    (f"{CHAPTER}/README.md", 11, "empty-link"),
    (f"{CHAPTER}/README.md", 13, "missing-deck"),
    (f"{CHAPTER}/images/Case.png", None, "case-collision"),
    (f"{CHAPTER}/images/resnet.pt.png", None, "language-like-name"),
    ("01AIChip/05中文 ", None, "spaced-name"),
    ("01AIChip/README.md", 8, "broken-link"),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return irregular_course(tmp_path_factory.mktemp("c") / "repo", git=False)


def problems_of(root, settings):
    discoverer = Discoverer(root)
    return run_checks(discoverer.discover(), discoverer, RepoFiles(root), settings)


def test_every_defect_reported_once_with_file_line_and_fix(repo):
    problems = problems_of(repo, settings_from_config(repo / "mkdocs.yml"))
    warnings = [p for p in problems if p.severity == Severity.WARNING]
    assert {(p.file, p.line, p.code) for p in warnings} == EXPECTED_WARNINGS
    assert len(warnings) == 17  # the two empty links of lines 9 and 11 are two defects each
    assert all(p.fix for p in warnings)
    case = next(p for p in warnings if p.line == 13 and p.code == "fixed-reference")
    assert case.format() == (
        f"{CHAPTER}/01Works.md:13: images/01introduction01.png resolved to images/01Introduction01.png "
        "(letter case differs); write images/01Introduction01.png"
    )
    deck = next(p for p in warnings if p.code == "missing-deck")
    assert deck.fix == "did you mean ../01Introduction.pdf?"
    anchor = next(p for p in warnings if p.code == "broken-anchor")
    assert anchor.fix == "did you mean #存在的标题?"


def test_missing_decks_are_information_when_a_download_location_is_set(repo):
    with_url = problems_of(repo, CheckSettings(decks_url="https://example.org/releases"))
    infos = {(p.file, p.line) for p in with_url if p.code == "deck-not-in-repository"}
    assert (f"{CHAPTER}/README.md", 7) in infos and ("01AIChip/06Slides/README.md", 5) in infos
    without = problems_of(repo, CheckSettings())
    assert {(p.file, p.line) for p in without if p.code == "missing-deck"} >= infos


def test_cli_check_fails_on_warnings_and_prints_grouped_report(repo):
    done = subprocess.run([sys.executable, "-m", "coursesite.cli", "check", str(repo)], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{CHAPTER}/01Works.md\n  line 13: [warning] images/01introduction01.png" in done.stdout
    assert "17 warnings" in done.stdout.splitlines()[-1]


def test_cli_check_passes_on_tidy_course(tmp_path):
    root = tidy_course(tmp_path / "repo", git=False)
    done = subprocess.run([sys.executable, "-m", "coursesite.cli", "check", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "0 warnings" in done.stdout
