"""The digest's charts, as data (``bot.messages.Chart``): the adapters draw them.

Every chart is drawn from figures the digest already collected; the evaluation trend holds
only meetings whose results the evaluations slice shares (enough answers), so a chart
reveals nothing the text does not.
"""

from __future__ import annotations

from dataclasses import replace

from bot.digest.service import DigestData
from bot.digest.sources import Rate
from bot.i18n import t
from bot.messages import Chart, Series

# The last meetings shown: an 18-month programme has about 13, all of which fit.
MAX_POINTS = 16


def _label(number: int | None) -> str:
    return f"#{number}" if number else "-"


def _percent(rate: Rate | None) -> float | None:
    return None if rate is None or rate.percent is None else float(rate.percent)


def response_chart(data: DigestData, lang: str) -> Chart | None:
    """Check-in and evaluation response per meeting, in percent of those asked."""
    points = data.per_meeting[-MAX_POINTS:]
    checkin = tuple((_label(p.number), v) for p in points if (v := _percent(p.checkin)) is not None)
    evaluation = tuple(
        (_label(p.number), v) for p in points if (v := _percent(p.evaluation)) is not None
    )
    series = tuple(
        Series(label, found)
        for label, found in (
            (t(lang, "chart.series.checkin"), checkin),
            (t(lang, "chart.series.evaluation"), evaluation),
        )
        if found
    )
    if not series:
        return None
    return Chart(t(lang, "chart.response"), "grouped", series, unit="%", top=100)


def trend_chart(data: DigestData, lang: str) -> Chart | None:
    """The mean rating of the meetings whose results may be shown."""
    points = tuple((_label(n), mean) for n, mean in data.trend[-MAX_POINTS:])
    if not points:
        return None
    return Chart(
        t(lang, "chart.trend"), "line", (Series(t(lang, "chart.series.rating"), points),), top=5
    )


def experiments_chart(data: DigestData, lang: str) -> Chart | None:
    """Experiments agreed and reported back, per buddy cycle."""
    cycles = data.per_cycle[-MAX_POINTS:]
    if not cycles:
        return None
    label = {c.number: t(lang, "chart.cycle", n=c.number) if c.number else "0" for c in cycles}
    return Chart(
        t(lang, "chart.experiments"),
        "grouped",
        (
            Series(
                t(lang, "chart.series.agreed"), tuple((label[c.number], c.agreed) for c in cycles)
            ),
            Series(
                t(lang, "chart.series.reported"),
                tuple((label[c.number], c.reported) for c in cycles),
            ),
        ),
    )


def attendance_chart(data: DigestData, lang: str) -> Chart | None:
    """Who came per meeting, and who stayed away, once attendance was recorded."""
    return attendance_of(
        [(_label(p.number), p.attendance) for p in data.per_meeting[-MAX_POINTS:] if p.attendance],
        lang,
    )


def attendance_of(points: list[tuple[str, tuple[int, int]]], lang: str) -> Chart | None:
    """The attendance chart from (label, (came, recorded)) per meeting; the report draws the
    same chart from its own figures."""
    if not points:
        return None
    return Chart(
        t(lang, "chart.attendance"),
        "grouped",
        (
            Series(
                t(lang, "chart.series.came"),
                tuple((label, float(came)) for label, (came, _) in points),
            ),
            Series(
                t(lang, "chart.series.away"),
                tuple((label, float(recorded - came)) for label, (came, recorded) in points),
            ),
        ),
    )


def digest_charts(data: DigestData, lang: str) -> tuple[Chart, ...]:
    found = (
        response_chart(data, lang),
        attendance_chart(data, lang),
        trend_chart(data, lang),
        experiments_chart(data, lang),
    )
    # Numbers shown as text (fallbacks, the console, axis labels) take the reader's decimal mark.
    return tuple(replace(chart, lang=lang) for chart in found if chart is not None)
