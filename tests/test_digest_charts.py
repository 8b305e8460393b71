"""The digest's charts: drawn from the figures the digest collects, in both languages, and
drawable by every renderer (PNG with the expected size and colours, text)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image

from adapters.console.render import to_text
from bot.charts.draw import DPI, MAP_SIZE, RECENT, SERIES, png, svg
from bot.charts.text import chart_text, network_text
from bot.messages import Chart, Message, Network, Node, Series, Tie
from tests.harness import Harness
from tests.test_digest_report import AFTER_MEETING_1, evaluate


def charts(message: Message) -> dict[str, Chart]:
    return {b.title: b for b in message.blocks if isinstance(b, Chart)}


def test_digest_charts_response_trend_and_experiments(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"), introduced=True)
    bot.run_due(datetime(2027, 1, 12, 9, 0, tzinfo=UTC))  # the check-in goes out
    bot.run_due(AFTER_MEETING_1)
    evaluate(
        bot,
        {
            "bob": ("4", "-", "-"),
            "cat": ("5", "-", "-"),
            "dan": ("3", "-", "-"),
        },
    )
    bot.dm("bob", "experiment Ask one client what home means to them")
    [reply] = bot.say("ann", "digest")
    found = charts(reply.message)
    response = found["Response per meeting (% of those asked)"]
    assert response.unit == "%" and response.top == 100
    checkin, evaluation = response.series
    assert checkin.label == "check-in" and checkin.points == (("#1", 0.0),)
    assert evaluation.label == "evaluation" and evaluation.points == (("#1", 75.0),)
    trend = found["Evaluation trend (mean rating, 1-5)"]
    assert trend.style == "line" and trend.series[0].points == (("#1", 4.0),)
    experiments = found["Experiments per cycle: agreed and reported back"]
    agreed, reported = experiments.series
    assert agreed.points == (("after #1", 1.0),) and reported.points == (("after #1", 0.0),)
    # The totals are the cycles' sums.
    assert "Experiments: 1 agreed, 0 reported back" in reply.message.text
    # The console shows them as text.
    text = to_text(reply.message, lang="en")
    assert "Evaluation trend (mean rating, 1-5)\n  #1  ████████████████░░░░  4" in text

    bot.text("ann", "config lang=nl")
    [reply] = bot.say("ann", "overzicht")
    assert "Respons per bijeenkomst (% van wie gevraagd is)" in charts(reply.message)


def test_no_charts_before_there_is_anything_to_chart(bot: Harness) -> None:
    bot.community(members=("bob",))
    [reply] = bot.say("ann", "digest")
    assert charts(reply.message) == {}


def _pixels(data: bytes) -> tuple[tuple[int, int], set[tuple[int, int, int]]]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    pixels = {image.getpixel((x, y)) for x in range(image.width) for y in range(0, image.height, 3)}
    return image.size, pixels  # type: ignore[return-value]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_charts_and_map_draw_as_png_with_their_colours() -> None:
    chart = Chart(
        "Response",
        "grouped",
        (Series("check-in", (("#1", 80.0), ("#2", 60.0))), Series("eval", (("#1", 40.0),))),
        unit="%",
        top=100,
    )
    size, colours = _pixels(png(chart))
    assert size == (720, 300)
    assert _rgb(SERIES[0]) in colours and _rgb(SERIES[1]) in colours
    network = Network(
        "Map",
        (Node("A", 2), Node("B", 1), Node("C", 1)),
        (Tie("A", "B", 3, 0),),
        legend=("recent", "older", "not connected"),
    )
    size, colours = _pixels(png(network))
    assert size == (int(MAP_SIZE[0] * DPI), int(MAP_SIZE[1] * DPI))
    assert _rgb(RECENT) in colours
    drawing = svg(network)
    assert drawing.startswith("<svg") and ">C<" not in drawing  # text is drawn as glyphs
    assert "not connected: C" in network_text(network)
    assert "#2  check-in" in chart_text(chart)


def test_chart_numbers_take_the_readers_decimal_mark(bot: Harness) -> None:
    chart = Chart("Verloop", "line", (Series("gemiddeld", (("#1", 3.84), ("#2", 4.0))),), lang="nl")
    assert "3,8" in chart_text(chart) and "3.8" not in chart_text(chart)
    assert "3.8" in chart_text(Chart("Trend", "line", chart.series, lang="en"))
