"""What the base tells the features, and what it asks them, without naming one.

The base (``bot.slices.BASE``) imports no feature (``tests/test_layers.py``). When something
happens in the base that features act on (a member leaves, a meeting ends), the base
``publish``-es an ``Event``; when the base needs what features know (what people decided
about a meeting, what a newcomer's welcome adds), it ``ask``-s a ``Question``. A feature
declares its handlers in its ``slice.py`` (``Slice(on=(On(MemberLeft, ...),),
answers=(Answer(DecidedAbout, ...),))``), collected through ``bot.slices.installed()``.

Handlers run synchronously, in the order of ``bot.slices``, inside the caller's session and
transaction: what they write commits or rolls back with what the base wrote, and what they
send goes through the caller's ``send`` (``Ctx.send``, ``JobCtx.send``) with the keys and
deadlines they always had. A handler that raises fails the caller, as a direct call would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.members.models import Member, Role
from bot.messages import Message
from bot.outbox.service import Outgoing
from bot.slices import installed

if TYPE_CHECKING:
    from bot.handling import Ctx

A = TypeVar("A")
Send = Callable[[Outgoing], None]


class Event:
    """Something that happened in the base (each one a frozen dataclass below)."""


class Question(Generic[A]):
    """Something the base asks the features; each handler answers with an ``A``."""


E = TypeVar("E", bound=Event)
Q = TypeVar("Q", bound=Question[Any])


@dataclass(frozen=True)
class On(Generic[E]):
    """A slice's handler of one kind of event."""

    event: type[E]
    handler: Callable[[Session, E, Send], None]


@dataclass(frozen=True)
class Answer(Generic[Q, A]):
    """A slice's answer to one kind of question."""

    question: type[Q]
    handler: Callable[[Session, Q], A]


# -- events ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberLeft(Event):
    """``member`` leaves ``community``: after ``leave`` marked them gone, or as forget-me is
    about to erase them (still current, so what they leave behind can be found)."""

    community: Community
    member: Member
    now: datetime


@dataclass(frozen=True)
class RoleChanged(Event):
    """An organiser gave ``member`` a new role."""

    community: Community
    member: Member
    role: Role
    now: datetime


@dataclass(frozen=True)
class MeetingAdded(Event):
    """An organiser added ``meeting`` by hand."""

    community: Community
    meeting: Meeting
    now: datetime


@dataclass(frozen=True)
class MeetingMoved(Event):
    """An organiser moved ``meeting`` by hand; it began at ``before``."""

    community: Community
    meeting: Meeting
    before: datetime
    now: datetime


@dataclass(frozen=True)
class MeetingCancelled(Event):
    """An organiser cancelled ``meeting``."""

    community: Community
    meeting: Meeting
    now: datetime


@dataclass(frozen=True)
class SeriesChanged(Event):
    """New settings or pauses moved, added or dropped meetings of the series."""

    community: Community
    moved: int
    added: int
    dropped: int
    now: datetime


@dataclass(frozen=True)
class MeetingHeld(Event):
    """``meeting`` has ended (its timed ``meeting_held`` work)."""

    community: Community
    meeting: Meeting
    now: datetime


# -- questions ---------------------------------------------------------------------------
# (meeting id, what was decided about it): ``bot.meetings.changes.DECIDED`` names the kinds.
Decided = Collection[tuple[int, str]]


@dataclass(frozen=True)
class DecidedAbout(Question[Decided]):
    """What people decided about these meetings that a change of the series would move or
    drop (facilitators, answers): one query per answering slice, whatever the number."""

    meeting_ids: tuple[int, ...]


@dataclass(frozen=True)
class WelcomePart:
    """What a slice adds to a newcomer's welcome: lines under its highlights, and an
    ``appendix`` whose text and blocks close the message."""

    highlights: tuple[str, ...] = ()
    appendix: Message | None = None


@dataclass(frozen=True)
class Welcoming(Question[WelcomePart]):
    """``member`` just joined ``community`` and is welcomed by DM."""

    community: Community
    member: Member
    now: datetime


@dataclass(frozen=True)
class Understood:
    """A feature's reading of a plain reply: the community it concerns and what it does."""

    community_id: int
    run: Callable[[Ctx], None]


@dataclass(frozen=True)
class PlainReply(Question["Understood | None"]):
    """Someone (as ``member_ids``, their memberships) wrote ``text`` to copbot that is not a
    command. Plain replies answer the open question that takes them (``bot.prompts.replies``;
    ``open_kind`` is the kind of the newest that could, None when there is none; when several
    could, copbot asks which), unless a feature recognises a reply that is about something
    else: "I'm coming" while the intake is still open is about the meeting, not the person's
    organisation.
    Handlers must answer without a query when the text is not theirs: this is asked for
    every plain reply."""

    member_ids: tuple[int, ...]
    text: str
    open_kind: str | None
    now: datetime


# -- publishing and asking ---------------------------------------------------------------
@cache
def _handlers() -> tuple[tuple[On[Any], ...], tuple[Answer[Any, Any], ...]]:
    ons = tuple(on for declared in installed() for on in declared.on)
    answers = tuple(answer for declared in installed() for answer in declared.answers)
    return ons, answers


def publish(session: Session, event: Event, *, send: Send) -> None:
    """Run every slice's handler of ``event`` now, in slice order."""
    for on in _handlers()[0]:
        if isinstance(event, on.event):
            on.handler(session, event, send)


def ask(session: Session, question: Question[A]) -> list[A]:
    """Every slice's answer to ``question``, in slice order."""
    return [
        cast(A, answer.handler(session, question))
        for answer in _handlers()[1]
        if isinstance(question, answer.question)
    ]
