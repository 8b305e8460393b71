"""Platform-neutral outbound messages: a text fallback plus a small block vocabulary.

Adapters render these as Block Kit, Adaptive Cards or plain text. Action ids belong to
the core (see ``bot.actions``), so a click comes back as a core action with no platform
knowledge here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Header:
    text: str
    kind: Literal["header"] = "header"


@dataclass(frozen=True)
class Text:
    text: str
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class Fields:
    pairs: tuple[tuple[str, str], ...]
    kind: Literal["fields"] = "fields"


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str = ""
    style: Literal["default", "primary", "danger"] = "default"


@dataclass(frozen=True)
class Buttons:
    buttons: tuple[Button, ...]
    kind: Literal["buttons"] = "buttons"


@dataclass(frozen=True)
class Question:
    """One input of a form. ``choices`` makes it a pick-one; otherwise free text."""

    id: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    multiline: bool = False
    optional: bool = False


@dataclass(frozen=True)
class Form:
    """A set of questions submitted together; the submission comes back as ``action_id``."""

    title: str
    action_id: str
    value: str
    questions: tuple[Question, ...]
    submit_label: str = "OK"
    kind: Literal["form"] = "form"


@dataclass(frozen=True)
class File:
    """A document to hand over (report CSV, my-data JSON). Platforms that cannot upload show
    it as a code block under its file name."""

    name: str
    content: str
    mime: str = "text/plain"
    kind: Literal["file"] = "file"


Block = Header | Text | Fields | Buttons | Form | File


@dataclass(frozen=True)
class Message:
    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": [_block_to_dict(b) for b in self.blocks]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Message:
        return cls(text=data["text"], blocks=tuple(_block_from_dict(b) for b in data["blocks"]))


def plain(text: str) -> Message:
    return Message(text=text, blocks=(Text(text),))


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Header | Text):
        return {"kind": block.kind, "text": block.text}
    if isinstance(block, Fields):
        return {"kind": "fields", "pairs": [list(p) for p in block.pairs]}
    if isinstance(block, File):
        return {"kind": "file", "name": block.name, "content": block.content, "mime": block.mime}
    if isinstance(block, Buttons):
        return {
            "kind": "buttons",
            "buttons": [
                {"label": b.label, "action_id": b.action_id, "value": b.value, "style": b.style}
                for b in block.buttons
            ],
        }
    return {
        "kind": "form",
        "title": block.title,
        "action_id": block.action_id,
        "value": block.value,
        "submit_label": block.submit_label,
        "questions": [
            {
                "id": q.id,
                "label": q.label,
                "choices": [list(c) for c in q.choices],
                "multiline": q.multiline,
                "optional": q.optional,
            }
            for q in block.questions
        ],
    }


def _block_from_dict(data: dict[str, Any]) -> Block:
    kind = data["kind"]
    if kind == "header":
        return Header(data["text"])
    if kind == "text":
        return Text(data["text"])
    if kind == "fields":
        return Fields(tuple((a, b) for a, b in data["pairs"]))
    if kind == "buttons":
        return Buttons(tuple(Button(**b) for b in data["buttons"]))
    if kind == "file":
        return File(name=data["name"], content=data["content"], mime=data.get("mime", "text/plain"))
    return Form(
        title=data["title"],
        action_id=data["action_id"],
        value=data["value"],
        submit_label=data.get("submit_label", "OK"),
        questions=tuple(
            Question(
                id=q["id"],
                label=q["label"],
                choices=tuple((a, b) for a, b in q["choices"]),
                multiline=q["multiline"],
                optional=q["optional"],
            )
            for q in data["questions"]
        ),
    )
