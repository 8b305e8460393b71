"""What a feature slice declares about itself, once, in its own package.

Each slice ``bot/<name>/`` has a ``slice.py`` with ``SLICE = Slice(...)``: its verbs and
buttons, the prompt kinds it asks, the timed kinds it runs with the rule that plans each, the
lines it adds to ``status``, what it exports and erases for a person, its tables, its texts,
and its handlers of the base's events and questions (``bot.events``). ``bot.slices.NAMES``
lists the slices; nothing else registers them. Labels follow from the names: a timed kind
``k`` is shown as the text ``timed.kind.k`` and an open prompt of kind ``k`` as
``home.kind.k``, both in the slice's own texts (``tests/test_slices.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any, Protocol

from sqlalchemy.orm import Session

from bot.commands.registry import Action, ActionHandler, Verb
from bot.events import Answer, On
from bot.handling import Ctx
from bot.members.models import Member
from bot.prompts.registry import PromptKind
from bot.timed.registry import TimedKind

__all__ = ["Privacy", "Slice", "Status", "TimedKind"]

Texts = Mapping[str, Mapping[str, str]]
StatusLines = Callable[[Ctx], list[str]]


@dataclass(frozen=True)
class Status:
    """Lines for ``status``; ``personal`` ones (about the member's own next steps) are also
    on the member's overview (``bot.overview.home``)."""

    lines: StatusLines
    personal: bool = True


class Export(Protocol):
    def __call__(self, session: Session, *, member: Member) -> dict[str, Any]: ...


class Forget(Protocol):
    def __call__(self, session: Session, *, member: Member, now: datetime) -> None: ...


class Words(Protocol):
    def __call__(self, session: Session, *, member: Member) -> list[str]: ...


def no_words(session: Session, *, member: Member) -> list[str]:
    return []


@dataclass(frozen=True)
class Privacy:
    """What the slice keeps about a person: ``export`` for my-data under ``name``, ``forget``
    for forget-me, and ``words`` the person wrote or answered (they are also taken out of
    the messages copbot sent to others, which quote them)."""

    name: str
    export: Export
    forget: Forget
    words: Words = no_words


@dataclass(frozen=True)
class Slice:
    """One slice: everything copbot needs to know about it, said in one place."""

    name: str
    texts: Texts = field(default_factory=dict)
    models: ModuleType | None = None
    verbs: Sequence[Verb] = ()
    actions: Mapping[str, Action | ActionHandler] = field(default_factory=dict)
    prompts: Sequence[PromptKind] = ()
    timed: Sequence[TimedKind] = ()
    status: Status | None = None
    privacy: Privacy | None = None
    # What it does when the base publishes an event, and how it answers the base's questions
    # (``bot.events``): the base never names a feature.
    on: Sequence[On[Any]] = ()
    answers: Sequence[Answer[Any, Any]] = ()
