"""Charts and maps as plain text: the console's rendering and every fallback for a client
that cannot draw (a Teams client without card charts, a notification)."""

from __future__ import annotations

from bot.i18n import fmt_decimal
from bot.messages import Chart, Network, Picture

BAR_WIDTH = 20
FULL, EMPTY = "█", "░"


def number(value: float, unit: str = "", lang: str | None = None) -> str:
    """Whole numbers without decimals, others with one in the language's style (a chart that
    names no language keeps the point)."""
    if float(value).is_integer():
        return f"{value:.0f}{unit}"
    return (fmt_decimal(lang, value) if lang else f"{value:.1f}") + unit


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    filled = 0 if top <= 0 else round(width * max(0.0, min(value, top)) / top)
    return FULL * filled + EMPTY * (width - filled)


def chart_text(chart: Chart) -> str:
    lines = [chart.title]
    values = [y for s in chart.series for _, y in s.points]
    if not values:
        return chart.title
    if chart.style == "donut":
        total = sum(values) or 1.0
        points = [p for s in chart.series for p in s.points]
        width = max(len(x) for x, _ in points)
        lines += [
            f"  {x.ljust(width)}  {bar(y, total)}  {number(y, chart.unit, chart.lang)}"
            for x, y in points
        ]
        return "\n".join(lines)
    top = chart.top if chart.top is not None else max(values)
    labels: list[str] = []
    for series in chart.series:
        for x, _ in series.points:
            if x not in labels:
                labels.append(x)
    several = len(chart.series) > 1
    name_width = max(len(s.label) for s in chart.series) if several else 0
    label_width = max(len(x) for x in labels)
    for x in labels:
        for index, series in enumerate(chart.series):
            found = dict(series.points)
            if x not in found:
                continue
            head = x.ljust(label_width) if index == 0 or not several else " " * label_width
            name = f"{series.label.ljust(name_width)}  " if several else ""
            lines.append(
                f"  {head}  {name}{bar(found[x], top)}  {number(found[x], chart.unit, chart.lang)}"
            )
    return "\n".join(lines)


def network_text(network: Network, *, none: str = "-") -> str:
    """The ties, strongest first, then the nodes without any."""
    lines = [network.title]
    for tie in sorted(network.ties, key=lambda t: (-t.weight, t.age, t.a, t.b)):
        lines.append(f"  {tie.a} — {tie.b}  ×{tie.weight} ({network.age_word(tie.age)})")
    if not network.ties:
        lines.append(f"  {none}")
    if network.alone:
        lines.append(f"  {network.words[3]}: {', '.join(network.alone)}")
    return "\n".join(lines)


def picture_text(picture: Picture) -> str:
    return chart_text(picture) if isinstance(picture, Chart) else network_text(picture)
