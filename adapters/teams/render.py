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

from adapters.teams.translate import ACTION_KEY, PLATFORM, VALUE_KEY
from bot.messages import (
    Block,
    Buttons,
    Fields,
    File,
    Form,
    Header,
    Message,
    Person,
    Text,
    names_only,
    render_people,
)

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"  # the highest version every Teams client renders
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
    content: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if mentions.entities:
        content["msteams"]["entities"] = mentions.entities
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
    if isinstance(block, File):
        content = block.content
        if len(content) > MAX_FILE_CHARS:
            content = content[:MAX_FILE_CHARS] + "\n…"
        return [
            _text(block.name, weight="Bolder"),
            _text(f"```\n{content}\n```", font="Monospace"),
        ], []
    return _form(block)


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
