"""The engine plan: the course builds the same with ProperDocs (the maintained fork of MkDocs 1.x) as
with the pinned MkDocs, so that moving to it is a change of command, not of code."""

import os
import re
import subprocess
import sys

from builders import PROJECT

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(repository_site, tmp_path):
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=PROJECT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert [line for line in log.splitlines() if line.startswith("WARNING")] == []
    files = lambda site: {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert files(out) == files(repository_site)
    for page in sorted(p for p in files(out) if p.endswith(".html")):
        ours, theirs = ((site / page).read_text(encoding="utf-8") for site in (repository_site, out))
        assert GENERATOR.sub("", ours) == GENERATOR.sub("", theirs), page
