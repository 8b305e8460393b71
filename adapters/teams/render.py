"""Core ``Message`` -> Bot Framework activity with an Adaptive Card.

Buttons and forms submit ``{copbot_action, copbot_value, <input ids>}``; ``translate.py``
turns that back into a core ``Submission``. Action.Submit is used rather than Action.Execute
because it works in every Teams client and scope; Action.Execute invokes are accepted too.

A person copbot names becomes ``<at>Name</at>`` with a mention entity, Microsoft's documented
shape (msteams-docs: bots/how-to/conversations/channel-and-group-conversations.md, "Add
mentions to your messages"; task-modules-and-cards/cards/cards-format.md, "Mention support
within Adaptive Cards"): the activity's ``entities`` for its text, the card's
``msteams.entities`` for the card (TextBlocks and facts). Button titles and input labels
cannot mention: there the name stays plain.
"""

from __future__ import annotations

import html
from typing import Any

from adapters.teams.translate import ACTION_KEY, FILE_KEY, PLATFORM, VALUE_KEY
from bot.charts.text import chart_text, network_text
from bot.messages import (
    Block,
    Buttons,
    Chart,
    Fields,
    File,
    Form,
    Header,
    Message,
    Network,
    Person,
    Text,
    names_only,
    render_people,
)

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"  # the highest version every Teams client renders
# Teams' card charts (Chart.Line, Chart.VerticalBar, ...) are Adaptive Cards 1.5 elements:
# a card with charts says so, and every chart carries a text fallback for older clients.
CHART_VERSION = "1.5"
CHART_ELEMENTS = {"line": "Chart.Line", "bars": "Chart.VerticalBar", "donut": "Chart.Donut"}
MAX_FILE_CHARS = 20000  # a card payload is limited to about 28 KB


class Mentions:
    """The people a rendered text mentions, as Teams mention entities (each once)."""

    def __init__(self) -> None:
        self.entities: list[dict[str, Any]] = []

    def text(self, text: str) -> str:
        return render_people(text, self._mention)

    def _mention(self, person: Person) -> str:
        if not person.on(PLATFORM):
            return person.name
        tag = f"<at>{html.escape(person.name, quote=False)}</at>"
        entity = {
            "type": "mention",
            "text": tag,
            "mentioned": {"id": person.user_id, "name": person.name},
        }
        if entity not in self.entities:
            self.entities.append(entity)
        return tag


def activity(message: Message) -> dict[str, Any]:
    """A message activity: the text fallback, plus a card when there is more than text."""
    mentions = Mentions()
    result: dict[str, Any] = {"type": "message", "text": mentions.text(message.text)}
    if mentions.entities:
        result["entities"] = mentions.entities
    if _needs_card(message):
        result["attachments"] = [{"contentType": CARD_TYPE, "content": card(message)}]
        # The card shows the text already; the fallback stays for notifications and search.
        result["summary"] = names_only(message.text)[:200]
    else:
        result["textFormat"] = "markdown"
    return result


def _needs_card(message: Message) -> bool:
    return any(not isinstance(b, Text) for b in message.blocks) or len(message.blocks) > 1


def card(message: Message) -> dict[str, Any]:
    mentions = Mentions()
    body: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for block in message.blocks:
        b, a = _block(block, mentions)
        body.extend(b)
        actions.extend(a)
    if not body and message.text:
        body.append(_text(mentions.text(message.text)))
    charts = any(isinstance(b, Chart | Network) for b in message.blocks)
    content: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CHART_VERSION if charts else VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if mentions.entities:
        content["msteams"]["entities"] = mentions.entities
    if charts:
        # A client that cannot show a 1.5 card at all shows this instead.
        content["fallbackText"] = names_only(message.text)[:2000]
    if actions:
        content["actions"] = actions
    return content


def _block(block: Block, mentions: Mentions) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if isinstance(block, Header):
        return [_text(mentions.text(block.text), size="Large", weight="Bolder")], []
    if isinstance(block, Text):
        return [_text(mentions.text(block.text))], []
    if isinstance(block, Fields):
        facts = [
            {"title": mentions.text(k), "value": mentions.text(v) or "-"} for k, v in block.pairs
        ]
        return [{"type": "FactSet", "facts": facts}], []
    if isinstance(block, Buttons):
        return [], [_submit(b.label, b.action_id, b.value, b.style) for b in block.buttons]
    if isinstance(block, Chart):
        return [chart_element(block)], []
    if isinstance(block, Network):
        return network_elements(block), []
    if isinstance(block, File):
        content = block.content
        if len(content) > MAX_FILE_CHARS:
            content = content[:MAX_FILE_CHARS] + "\n…"
        return [
            _text(block.name, weight="Bolder"),
            _text(f"```\n{content}\n```", font="Monospace"),
        ], []
    return _form(block)


def _fallback(text: str) -> dict[str, Any]:
    return _text(text, font="Monospace", size="Small")


def chart_element(chart: Chart) -> dict[str, Any]:
    """A native Teams card chart, falling back to the chart as text."""
    element: dict[str, Any] = {"title": chart.title, "fallback": _fallback(chart_text(chart))}
    if chart.style == "donut":
        element["type"] = CHART_ELEMENTS["donut"]
        element["data"] = [
            {"legend": x, "value": y} for series in chart.series for x, y in series.points
        ]
        return element
    if chart.style == "line":
        element["type"] = CHART_ELEMENTS["line"]
    elif len(chart.series) == 1 and chart.style == "bars":
        element["type"] = CHART_ELEMENTS["bars"]
        element["data"] = [{"x": x, "y": y} for x, y in chart.series[0].points]
        return element
    else:
        element["type"] = "Chart.VerticalBar.Grouped"
    element["data"] = [
        {"legend": s.label, "values": [{"x": x, "y": y} for x, y in s.points]} for s in chart.series
    ]
    return element


def network_elements(network: Network) -> list[dict[str, Any]]:
    """Cards cannot draw a network: the social map becomes a bar per organisation (how many
    ties it has), with every tie listed for clients without charts, and the organisations
    without any tie called out in words."""
    counts = {node.name: 0 for node in network.nodes}
    for tie in network.ties:
        counts[tie.a] = counts.get(tie.a, 0) + tie.weight
        counts[tie.b] = counts.get(tie.b, 0) + tie.weight
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    elements: list[dict[str, Any]] = [
        {
            "type": "Chart.HorizontalBar",
            "title": network.title,
            "data": [{"x": name, "y": count} for name, count in ranked if count],
            "fallback": _fallback(network_text(network)),
        }
    ]
    if network.alone:
        label = network.words[3]
        elements.append(
            _text(f"{label}: {', '.join(network.alone)}", color="Attention", weight="Bolder")
        )
    return elements


def _form(form: Form) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    body: list[dict[str, Any]] = [_text(names_only(form.title), size="Medium", weight="Bolder")]
    for q in form.questions:
        body.append(_text(names_only(q.label) + ("" if q.optional else " *")))
        if q.choices:
            body.append(
                {
                    "type": "Input.ChoiceSet",
                    "id": q.id,
                    "style": "expanded" if len(q.choices) <= 5 else "compact",
                    "choices": [
                        {"title": names_only(label), "value": value} for value, label in q.choices
                    ],
                    "isRequired": not q.optional,
                }
            )
        else:
            body.append(
                {
                    "type": "Input.Text",
                    "id": q.id,
                    "isMultiline": q.multiline,
                    "isRequired": not q.optional,
                    "maxLength": 2000,
                }
            )
    return body, [_submit(form.submit_label, form.action_id, form.value, "primary")]


def _submit(label: str, action_id: str, value: str, style: str) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "Action.Submit",
        "title": names_only(label),
        "data": {ACTION_KEY: action_id, VALUE_KEY: value},
    }
    if style == "primary":
        action["style"] = "positive"
    elif style == "danger":
        action["style"] = "destructive"
    return action


def _text(text: str, **style: str) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


# -- files ---------------------------------------------------------------------------------
CONSENT_TYPE = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO_TYPE = "application/vnd.microsoft.teams.card.file.info"


def consent_activity(file: File, *, token: str, description: str) -> dict[str, Any]:
    """Asks the person to accept ``file`` into their OneDrive (Teams' FileConsentCard)."""
    context = {FILE_KEY: token}
    return {
        "type": "message",
        "text": description,
        "attachments": [
            {
                "contentType": CONSENT_TYPE,
                "name": file.name,
                "content": {
                    "description": description,
                    "sizeInBytes": len(file.content.encode("utf-8")),
                    "acceptContext": context,
                    "declineContext": context,
                },
            }
        ],
    }


def file_info_activity(
    *, name: str, content_url: str, unique_id: str, file_type: str
) -> dict[str, Any]:
    """The uploaded file, shown as a card the person opens or downloads (FileInfoCard)."""
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": FILE_INFO_TYPE,
                "contentUrl": content_url,
                "name": name,
                "content": {"uniqueId": unique_id, "fileType": file_type},
            }
        ],
    }
