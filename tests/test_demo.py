"""`copbot demo` end to end: the real command plays the 18-month programme twice, side by side,
with different hash seeds; the output must be complete and the same both times."""

from __future__ import annotations

import csv
import itertools
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

OUT = "demo-output"  # the default output folder, relative to where `copbot demo` runs
FIRST_MEETING = date(2027, 1, 14)
LAST_MEETING = date(2028, 6, 1)


@dataclass
class Run:
    folder: Path
    code: int
    stdout: str
    stderr: str

    @property
    def out(self) -> Path:
        return self.folder / OUT


@contextmanager
def _scratch(factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder in memory when there is one: the demo's SQLite commits on a real disk take
    most of its time (three times as long here)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        with tempfile.TemporaryDirectory(dir=shm, prefix="copbot-demo-") as folder:
            yield Path(folder)
    else:
        yield factory.mktemp("demo")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Run]]:
    copbot = Path(sys.executable).with_name("copbot")
    with _scratch(tmp_path_factory) as scratch:
        folders = [scratch / "a", scratch / "b"]
        started = []
        for number, folder in enumerate(folders, start=1):
            folder.mkdir()
            # Different hash seeds: set and dict orders of strings must not leak into the output.
            env = {**os.environ, "PYTHONHASHSEED": str(number)}
            env.pop("COPBOT_DATABASE_URL", None)
            started.append(
                subprocess.Popen(
                    [str(copbot), "demo", "--seed", "7"],
                    cwd=folder,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        done = []
        for folder, process in zip(folders, started, strict=True):
            stdout, stderr = process.communicate(timeout=300)
            done.append(Run(folder, process.returncode, stdout, stderr))
        yield done


def test_demo_plays_thirteen_meetings_and_writes_digests_and_report(runs: list[Run]) -> None:
    run = runs[0]
    assert run.code == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert "alembic" not in run.stderr  # the migration before the demo runs silently
    out = run.stdout
    assert out.startswith("copbot demo · CoP Langer Thuis in de Wijk\n")
    assert "20 participants from 8 organisations" in out
    assert "Timeline: 13 meetings" in out
    headers = re.findall(r"^Meeting +(\d+) · \w\w (\d{4}-\d\d-\d\d) 14:00 · ", out, re.M)
    assert [int(n) for n, _ in headers] == list(range(1, 14))
    assert headers[0][1] == FIRST_MEETING.isoformat() and headers[-1][1] == LAST_MEETING.isoformat()
    # Every meeting had two facilitators, check-ins and evaluations; buddies between meetings.
    blocks = re.split(r"^Meeting +\d+ · ", out, flags=re.M)[1:]
    for number, block in enumerate(blocks, start=1):
        assert re.search(r"facilitators +content: \S.* · process: \S", block), number
        assert re.search(r"check-in +\d+/\d+ \(\d+%\)", block), number
        assert re.search(r"evaluation +\d+/\d+ \(\d+%\) · mean rating \d\.\d", block), number
        if number < 13:
            new = re.search(r"buddy groups +(\d+) new\n((?: {17}\S.*\n)*)", block)
            assert new, number
            # One line per group with its members' names; a trio says so.
            groups = [line.strip() for line in new.group(2).splitlines()]
            assert len(groups) == int(new.group(1)), number
            for group in groups:
                names = group.removesuffix(" (trio)").split(" & ")
                assert len(names) == (3 if group.endswith(" (trio)") else 2), group
            assert re.search(r"experiments +\d+ agreed, \d+ reported", block), number
    assert re.search(r"^ {17}\S.* & .* & .* \(trio\)$", out, re.M)
    # The summer holiday of regio midden is paused in one command: the meeting that fell in
    # it moved out of it.
    assert (
        "2027-08-12 valt samen met zomervakantie regio midden 2027: verplaatst naar 2027-09-02"
        in out
    )
    assert "newcomer Wouter van den Berg joined" in out
    assert re.search(r"Participants: \d+ prompts received, \d+ answered by reply", out)
    assert "── The organiser's digest, asked for at the end ──\nWeekoverzicht van" in out
    assert re.search(r"^Played 13 meetings in [\d.]+ s \(seed 7\)\.$", out, re.M)

    digests = sorted((run.out / "digests").glob("*.md"))
    delivered = re.search(r"Digests delivered to the organiser: (\d+)", out)
    assert delivered and len(digests) == int(delivered.group(1)) > 60
    # One a week, every week of the programme (ISO weeks, in order, none missing).
    weeks = [monday(p.stem) for p in digests]
    assert weeks[0] <= FIRST_MEETING and weeks[-1] >= LAST_MEETING
    assert all((b - a).days == 7 for a, b in itertools.pairwise(weeks))
    for path in digests:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<!-- delivered ") and "Weekoverzicht van" in text, path.name
    # No meeting in a summer holiday without a warning: the digest warns that 2027-09-02 is
    # in the summer holiday of regio zuid, and the organiser then pauses every region's summer.
    warned = [
        p.name
        for p in digests
        if "(2027-09-02) valt in de zomervakantie van regio zuid" in p.read_text(encoding="utf-8")
    ]
    assert warned, "no digest warned about the zuid summer holiday"
    assert re.search(r"pauses every region's summer → .*verplaatst naar 2027-09-09", out)
    assert headers[5][1] == "2027-09-09"

    report = run.out / "report"
    assert sorted(p.name for p in report.iterdir()) == ["meetings.csv", "report.html", "report.md"]
    html = (report / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 4
    assert "<h2>Wat er is geprobeerd</h2>" in html and "<h2>De sociale kaart</h2>" in html
    # The final digest and the social map with their pictures drawn.
    pictures = run.out / "pictures"
    digest = (pictures / "digest.md").read_text(encoding="utf-8")
    assert digest.startswith("# Weekoverzicht van")
    drawn = re.findall(r"!\[[^]]+\]\(([^)]+\.png)\)", digest)
    assert len(drawn) >= 3 and all((pictures / name).stat().st_size > 5000 for name in drawn)
    social = (pictures / "social-map.md").read_text(encoding="utf-8")
    assert social.startswith("# Sociale kaart van") and "Verbonden paren van organisaties" in social
    assert (report / "report.md").read_text(encoding="utf-8").startswith("# Rapportage van")
    with (report / "meetings.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["number"]) for r in rows] == list(range(1, 14))


def test_demo_output_is_the_same_for_the_same_seed(runs: list[Run]) -> None:
    first, second = runs
    assert first.code == second.code == 0

    def stable(text: str) -> str:
        # The elapsed time and the absolute output folder are the only things that differ.
        text = re.sub(r"^Played 13 meetings in [\d.]+ s", "Played 13 meetings", text, flags=re.M)
        return re.sub(r"^Output written to .*$", "Output written to …", text, flags=re.M)

    assert stable(first.stdout) == stable(second.stdout)
    for sub in ("digests", "report"):
        a = {p.name: p.read_bytes() for p in (first.out / sub).iterdir()}
        b = {p.name: p.read_bytes() for p in (second.out / sub).iterdir()}
        assert a.keys() == b.keys()
        assert [name for name in a if a[name] != b[name]] == []
    # Nothing of the real clock: every date written lies in the simulated programme.
    written = "".join(p.read_text(encoding="utf-8") for p in (first.out / "digests").iterdir())
    years = {int(y) for y in re.findall(r"\b(20\d\d)-\d\d-\d\d\b", written)}
    assert years <= {2027, 2028}


def monday(stem: str) -> date:
    """The Monday of the ISO week a digest's file name ('digest-2027-W03') names."""
    year, week = map(int, re.findall(r"\d+", stem))
    return date.fromisocalendar(year, week, 1)
