"""The harvest report as HTML: self-contained, anonymous where it must be, and really drawn
in a browser (Debian's chromium, headless: a screenshot shows the charts and the map, and it
prints to PDF)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from bot.charts.draw import RECENT, SERIES
from tests.browser import pdf, screenshot
from tests.harness import Harness
from tests.report_scenario import ORGS, play, report_files

SECTIONS_EN = (
    "Domain question",
    "Ambition",
    "The programme",
    "What was tried",
    "Successes",
    "Evaluations",
    "The social map",
    "Per organisation",
)


def section(html: str, title: str) -> str:
    return html.split(f"<h2>{title}</h2>")[1].split("<h2>")[0]


def test_the_html_report_holds_the_harvest(bot: Harness) -> None:
    play(bot)
    files = report_files(bot)
    assert files["report.html"].mime == "text/html"
    html = files["report.html"].content
    for title in SECTIONS_EN:
        assert f"<h2>{title}</h2>" in html, title
    # Self-contained: no scripts, no external images, styles or fonts.
    assert "<script" not in html and "<img" not in html and "<link" not in html
    assert not re.search(r'(src|href)="https?:', html)
    assert html.count("<svg") == 5  # response, experiments, outcomes, trend, map
    tried = section(html, "What was tried")
    assert "Bob tries the kitchen-table talk" in tried or "Eve tries" in tried
    assert 'class="outcome done">done<' in tried and 'class="outcome not_done">not done<' in tried
    assert "The family joined and decided on day care" in tried
    assert "Too little time in January" in tried
    successes = section(html, "Successes")
    assert "Mrs J. stays home another year" in successes
    assert "— Dan, Welzijn Noord" in successes  # shared by its author
    landlord = next(line for line in successes.split("<li>") if "landlord" in line)
    assert "Eve" not in landlord and "Woonstad" not in landlord  # not shared: no name
    evaluations = section(html, "Evaluations")
    for name in ("Ann", "Bob", "Cat", "Dan", "Eve", "Fay", *ORGS.values()):
        assert name not in evaluations, name
    assert "Family carers (×2)" in evaluations
    per_org = section(html, "Per organisation")
    assert all(f"<h3>{org}</h3>" in per_org for org in ORGS.values())
    # The Markdown report is real Markdown: a heading per section, a table with its rule.
    markdown = files["report.md"].content
    assert markdown.startswith("# Report of Test CoP\n")
    assert "\n| # | Date | Theme |" in markdown and "\n|---|---|---|---|---|---|---|\n" in markdown
    dutch = report_files(bot, "nl")["report.html"].content
    assert '<html lang="nl">' in dutch and "<h2>Wat er is geprobeerd</h2>" in dutch


def _colours(path: Path) -> Counter[tuple[int, int, int]]:
    image = Image.open(path).convert("RGB")
    small = image.resize((image.width // 2, image.height // 2), Image.Resampling.NEAREST)
    pixels = np.asarray(small).reshape(-1, 3).tolist()
    return Counter((r, g, b) for r, g, b in pixels)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_a_browser_draws_the_charts_and_the_map(bot: Harness, tmp_path: Path) -> None:
    play(bot)
    page = tmp_path / "report.html"
    page.write_text(report_files(bot)["report.html"].content, encoding="utf-8")
    shot = screenshot(page, tmp_path / "report.png")
    colours = _colours(shot)
    assert Image.open(shot).size == (1100, 6400)
    # Bars and lines in the series colours, the map's ties of this cycle in theirs: drawn,
    # not just present in the file.
    assert colours[_rgb(SERIES[0])] > 2000, colours.most_common(8)
    assert colours[_rgb(SERIES[1])] > 2000
    assert colours[_rgb(RECENT)] > 100
    white = colours[(255, 255, 255)]
    assert white < sum(colours.values()) * 0.97  # the page is not blank
    printed = pdf(page, tmp_path / "report.pdf")
    data = printed.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 3
