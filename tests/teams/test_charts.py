"""Digest charts and the social map in Teams: native card charts, each with a text fallback,
checked against the Adaptive Card schema with Teams' chart elements."""

from __future__ import annotations

from typing import Any

from adapters.teams.render import activity, card
from bot.messages import Chart, Header, Message, Network, Node, Series, Text, Tie
from tests.harness import Harness
from tests.teams.card_schema import card_errors
from tests.test_attendance import two_meetings_attended

RESPONSE = Chart(
    "Response per meeting",
    "grouped",
    (Series("check-in", (("#1", 80.0), ("#2", 65.0))), Series("evaluation", (("#1", 50.0),))),
    unit="%",
    top=100,
)
TREND = Chart("Evaluation trend", "line", (Series("mean", (("#1", 3.8), ("#2", 4.1))),), top=5)
SINGLE = Chart("Members per organisation", "bars", (Series("members", (("GGD", 3.0),)),))
SHARE = Chart("Outcomes", "donut", (Series("", (("done", 4.0), ("partly", 2.0))),))
MAP = Network(
    "Social map",
    (Node("Gemeente", 3), Node("GGD", 2), Node("Woonstad", 1)),
    (Tie("Gemeente", "GGD", 2, 0),),
    legend=("recent", "older", "not connected"),
)


def elements(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e.get("title", e.get("text", "")): e for e in content["body"]}


def test_charts_become_native_card_charts_with_text_fallbacks() -> None:
    message = Message("Digest", (Header("Digest"), Text("Figures"), RESPONSE, TREND, SINGLE, SHARE))
    content = card(message)
    assert card_errors(content) == []
    assert content["version"] == "1.5" and content["fallbackText"] == "Digest"
    found = elements(content)
    grouped = found["Response per meeting"]
    assert grouped["type"] == "Chart.VerticalBar.Grouped"
    assert grouped["data"][0] == {
        "legend": "check-in",
        "values": [{"x": "#1", "y": 80.0}, {"x": "#2", "y": 65.0}],
    }
    assert found["Evaluation trend"]["type"] == "Chart.Line"
    assert found["Members per organisation"]["data"] == [{"x": "GGD", "y": 3.0}]
    assert found["Outcomes"]["data"] == [
        {"legend": "done", "value": 4.0},
        {"legend": "partly", "value": 2.0},
    ]
    for title in ("Response per meeting", "Evaluation trend", "Members per organisation"):
        fallback = found[title]["fallback"]
        assert fallback["type"] == "TextBlock" and title in fallback["text"]
    assert "80%" in grouped["fallback"]["text"]


def test_social_map_in_a_card_names_the_unconnected_organisations() -> None:
    content = card(Message("Map", (MAP,)))
    assert card_errors(content) == []
    bars, alone = content["body"]
    assert bars["type"] == "Chart.HorizontalBar"
    assert bars["data"] == [{"x": "GGD", "y": 2}, {"x": "Gemeente", "y": 2}]
    assert "Gemeente — GGD" in bars["fallback"]["text"]
    assert alone["text"] == "not connected: Woonstad"


def test_the_schema_catches_a_broken_chart() -> None:
    content = card(Message("Digest", (TREND,)))
    content["body"][0]["data"][0]["values"][0]["y"] = "high"
    content["body"][0]["colour"] = "red"
    errors = card_errors(content)
    assert len(errors) == 2, errors


def test_cards_without_charts_stay_at_the_version_every_client_renders() -> None:
    content = activity(Message("hi", (Header("Hello"), Text("there"))))["attachments"][0]
    assert content["content"]["version"] == "1.4" and card_errors(content["content"]) == []


def test_the_digest_attendance_chart_is_a_card_chart_with_its_fallback(bot: Harness) -> None:
    two_meetings_attended(bot)
    [reply] = bot.say("ann", "digest")
    content = card(reply.message)
    assert card_errors(content) == []
    chart = elements(content)["Attendance per meeting (members)"]
    assert chart["type"] == "Chart.VerticalBar.Grouped"
    assert [d["legend"] for d in chart["data"]] == ["came", "stayed away"]
    assert chart["data"][0]["values"] == [{"x": "#1", "y": 3.0}, {"x": "#2", "y": 3.0}]
    assert chart["fallback"]["type"] == "TextBlock" and "came" in chart["fallback"]["text"]
