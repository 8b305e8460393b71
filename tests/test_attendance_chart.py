"""The attendance chart (who came per meeting, who stayed away) once attendance is recorded:
in the digest for every renderer (the console's text here; Slack's PNG and Teams' card chart
beside their adapters' tests) and in the HTML report."""

from __future__ import annotations

from adapters.console.render import to_text
from bot.messages import Chart
from tests.harness import Harness
from tests.report_scenario import report_files
from tests.test_attendance import two_meetings_attended
from tests.test_digest_charts import charts

TITLE = "Attendance per meeting (members)"


def test_the_digest_charts_who_came_per_meeting(bot: Harness) -> None:
    two_meetings_attended(bot)
    [reply] = bot.say("ann", "digest")
    chart = charts(reply.message)[TITLE]
    came, away = chart.series
    assert chart.style == "grouped"
    assert came.label == "came" and came.points == (("#1", 3.0), ("#2", 3.0))
    assert away.label == "stayed away" and away.points == (("#1", 2.0), ("#2", 2.0))
    text = to_text(reply.message, lang="en")
    assert TITLE in text and "#2  came" in text, text
    bot.text("ann", "language nl")
    [reply] = bot.say("ann", "overzicht")
    dutch = charts(reply.message)["Aanwezigheid per bijeenkomst (leden)"]
    assert [s.label for s in dutch.series] == ["aanwezig", "afwezig"]


def test_no_attendance_chart_before_attendance_was_recorded(bot: Harness) -> None:
    bot.community(members=("bob",))
    [reply] = bot.say("ann", "digest")
    assert not [b for b in reply.message.blocks if isinstance(b, Chart) and b.title == TITLE]


def test_the_html_report_draws_attendance_in_the_programme(bot: Harness) -> None:
    two_meetings_attended(bot)
    html = report_files(bot)["report.html"].content
    programme = html.split("<h2>The programme</h2>", 1)[1].split("<h2>", 1)[0]
    assert TITLE in programme and programme.count("<svg") == 2  # response and attendance
