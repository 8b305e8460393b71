"""Platform-neutral outbound messages: a text fallback plus a small block vocabulary.

Adapters render these as Block Kit, Adaptive Cards or plain text. Action ids belong to
the core (see ``bot.actions``), so a click comes back as a core action with no platform
knowledge here.

A ``Person`` is someone copbot names. It goes into any text of a message (the fallback, a
header, a text block, a field) through ``str.format`` or an f-string, as a marker that each
renderer turns into its platform's mention: Slack ``<@U…>``, Teams ``<at>Name</at>`` plus its
mention entity, the console the plain name. Being part of the string, it survives the
outbox's JSON round trip untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

# Private-use characters: no text operation takes them for whitespace (strip, split), and
# inbound text is scrubbed of them (``scrub``), so only the core can make a person marker.
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
MARKER_CHARACTERS = _OPEN + _SEP + _CLOSE
_MARKERS = str.maketrans("", "", MARKER_CHARACTERS)
# platform, user id, name and (since a community may span workspaces) the workspaces where
# the person can be mentioned; a marker of three parts, queued before that, still reads.
_PERSON = re.compile(
    f"{_OPEN}([^{_SEP}{_CLOSE}]*){_SEP}([^{_SEP}{_CLOSE}]*){_SEP}([^{_SEP}{_CLOSE}]*)"
    f"(?:{_SEP}([^{_CLOSE}]*))?{_CLOSE}"
)


def scrub(text: str) -> str:
    """Inbound text without the characters of a person marker: what someone types is never
    taken for a mention copbot made."""
    return text.translate(_MARKERS)


def unname(text: str, *, platform: str, user_id: str, name: str) -> str:
    """``text`` with every mention of this person turned into the plain ``name`` (forget-me:
    messages that named them keep reading, without them)."""

    def swap(match: re.Match[str]) -> str:
        if (match.group(1), match.group(2)) != (platform, user_id):
            return match.group(0)
        return str(Person(platform, "", name))

    return _PERSON.sub(swap, text)


@dataclass(frozen=True)
class Person:
    """Someone copbot names, mentioned on their platform. ``user_id`` empty: a name only (a
    member who was forgotten, someone on another platform).

    ``workspaces``: where their platform can mention them (the Slack workspace they joined
    in). A community may span two workspaces of one platform, and a mention of someone
    another workspace does not know shows there as a broken one; empty: anywhere on their
    platform (one workspace, or not known)."""

    platform: str
    user_id: str
    name: str
    workspaces: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = (scrub(self.platform), scrub(self.user_id), scrub(self.name))
        inner = f"{parts[0]}{_SEP}{parts[1]}{_SEP}{parts[2]}"
        if self.workspaces:
            inner += _SEP + " ".join(scrub(w) for w in self.workspaces)
        return f"{_OPEN}{inner}{_CLOSE}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def on(self, platform: str, *, workspace: str | None = None) -> bool:
        """Can ``platform`` mention this person (rather than print the name) in a message
        shown in ``workspace`` (None: the only one there is, or not known)?"""
        if not self.user_id or self.platform != platform:
            return False
        return workspace is None or not self.workspaces or workspace in self.workspaces


def pieces(text: str) -> Iterator[str | Person]:
    """The text as plain strings and the people named in it, in order."""
    at = 0
    for match in _PERSON.finditer(text):
        if match.start() > at:
            yield text[at : match.start()]
        workspaces = tuple((match.group(4) or "").split())
        yield Person(match.group(1), match.group(2), match.group(3), workspaces)
        at = match.end()
    if at < len(text):
        yield text[at:]


def people_in(text: str) -> list[Person]:
    return [p for p in pieces(text) if isinstance(p, Person)]


def render_people(
    text: str, person: Callable[[Person], str], plain: Callable[[str], str] = str
) -> str:
    """``text`` with each person rendered by ``person`` and the rest by ``plain`` (an
    escape, say)."""
    if _OPEN not in text:
        return plain(text)
    return "".join(person(p) if isinstance(p, Person) else plain(p) for p in pieces(text))


def names_only(text: str) -> str:
    """The text with every person as their name: the console, file contents, logs."""
    return render_people(text, lambda p: p.name)


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


@dataclass(frozen=True)
class Series:
    """One named line or set of bars: ``points`` are (label on the x axis, value)."""

    label: str
    points: tuple[tuple[str, float], ...]


ChartStyle = Literal["line", "bars", "grouped", "donut"]


@dataclass(frozen=True)
class Chart:
    """A chart as data, not as a picture: each adapter draws it its own way (a PNG in Slack,
    a native card chart in Teams, text in the console). ``unit`` follows each value in text
    ("%"); ``top`` fixes the value axis (100 for percentages, 5 for ratings)."""

    title: str
    style: ChartStyle
    series: tuple[Series, ...]
    unit: str = ""
    top: float | None = None
    lang: str | None = None  # the reader's language: the decimal mark of numbers shown as text
    kind: Literal["chart"] = "chart"


@dataclass(frozen=True)
class Node:
    name: str
    size: int = 1  # members behind it


@dataclass(frozen=True)
class Tie:
    """A tie between two nodes: how often (``weight``) and how recent (``age``: 0 for the
    latest cycle, growing with each cycle since)."""

    a: str
    b: str
    weight: int
    age: int


NETWORK_WORDS = ("this cycle", "last cycle", "earlier", "not connected")


@dataclass(frozen=True)
class Network:
    """A map of who is connected to whom (the social map of organisations), as data.
    ``alone`` are the nodes without any tie, called out by every rendering. ``legend`` holds
    the reader's words for a tie of this cycle, of the last cycle, from earlier, and for a
    node without ties (see ``words``)."""

    title: str
    nodes: tuple[Node, ...]
    ties: tuple[Tie, ...]
    legend: tuple[str, ...] = ()
    kind: Literal["network"] = "network"

    @property
    def words(self) -> tuple[str, str, str, str]:
        this, last, earlier, alone = (*self.legend, *NETWORK_WORDS[len(self.legend) :])[:4]
        return this, last, earlier, alone

    def age_word(self, age: int) -> str:
        return self.words[min(max(age, 0), 2)]

    @property
    def alone(self) -> tuple[str, ...]:
        tied = {t.a for t in self.ties} | {t.b for t in self.ties}
        return tuple(n.name for n in self.nodes if n.name not in tied)


Picture = Chart | Network
Block = Header | Text | Fields | Buttons | Form | File | Chart | Network


@dataclass(frozen=True)
class Message:
    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The stored form (the outbox's payload). The text is left out when it is the
        blocks' words, as most messages' are: every queued row carried it twice, and a wave's
        rows are written, claimed and marked sent (with the buttons' default fields left out
        too, a check-in's 1,111 bytes became 782)."""
        blocks = [_block_to_dict(b) for b in self.blocks]
        if self.text == _words(self.blocks):
            return {"blocks": blocks}
        return {"text": self.text, "blocks": blocks}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Message:
        blocks = tuple(_block_from_dict(b) for b in data["blocks"])
        text = data.get("text")
        return cls(text=_words(blocks) if text is None else text, blocks=blocks)


def _words(blocks: tuple[Block, ...]) -> str:
    """The text a message's headers and texts make, one per line."""
    return "\n".join(b.text for b in blocks if isinstance(b, Header | Text))


def plain(text: str) -> Message:
    return Message(text=text, blocks=(Text(text),))


def split_files(message: Message) -> tuple[Message, list[File]]:
    """The message without its files, and the files: platforms that take a file as an upload
    of its own (Slack, Teams' consent flow) send them apart from the message."""
    files = [b for b in message.blocks if isinstance(b, File)]
    if not files:
        return message, []
    return Message(message.text, tuple(b for b in message.blocks if not isinstance(b, File))), files


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Header | Text):
        return {"kind": block.kind, "text": block.text}
    if isinstance(block, Fields):
        return {"kind": "fields", "pairs": [list(p) for p in block.pairs]}
    if isinstance(block, File):
        return {"kind": "file", "name": block.name, "content": block.content, "mime": block.mime}
    if isinstance(block, Chart):
        return {
            "kind": "chart",
            "title": block.title,
            "style": block.style,
            "unit": block.unit,
            "top": block.top,
            "lang": block.lang,
            "series": [
                {"label": s.label, "points": [[x, y] for x, y in s.points]} for s in block.series
            ],
        }
    if isinstance(block, Network):
        return {
            "kind": "network",
            "title": block.title,
            "legend": list(block.legend),
            "nodes": [[n.name, n.size] for n in block.nodes],
            "ties": [[t.a, t.b, t.weight, t.age] for t in block.ties],
        }
    if isinstance(block, Buttons):
        return {
            "kind": "buttons",
            "buttons": [_button_to_dict(b) for b in block.buttons],
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


def _button_to_dict(button: Button) -> dict[str, str]:
    """A button's fields, without those left at their defaults (Button(**data) fills them)."""
    data = {"label": button.label, "action_id": button.action_id}
    if button.value:
        data["value"] = button.value
    if button.style != "default":
        data["style"] = button.style
    return data


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
    if kind == "chart":
        return Chart(
            title=data["title"],
            style=data["style"],
            unit=data.get("unit", ""),
            top=data.get("top"),
            lang=data.get("lang"),
            series=tuple(
                Series(s["label"], tuple((str(x), float(y)) for x, y in s["points"]))
                for s in data["series"]
            ),
        )
    if kind == "network":
        return Network(
            title=data["title"],
            legend=tuple(data.get("legend", ())),
            nodes=tuple(Node(name, int(size)) for name, size in data["nodes"]),
            ties=tuple(Tie(a, b, int(w), int(age)) for a, b, w, age in data["ties"]),
        )
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
