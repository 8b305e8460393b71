"""A black-box test bot: push a message as someone, pop the replies and the DMs they got.

It drives the real core through its public entry points, with a RecordingSender as the
platform and a settable clock. Nothing of the core is mocked.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from bot.context import Actor, Place, Reply, Submission
from bot.core import Core, RunReport
from bot.db import make_engine, make_session_factory
from bot.messages import Block, Buttons, Fields, Form, Header, Message, Text, names_only
from bot.outbox.sender import RecordingSender

PLATFORM = "console"
CHANNEL = "general"


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2027, 1, 4, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        self.now += delta
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment


class Harness:
    def __init__(self, url: str, *, clock: FakeClock | None = None) -> None:
        self.engine = make_engine(url)
        self.factory = make_session_factory(self.engine)
        self.clock = clock or FakeClock()
        self.sender = RecordingSender()
        self.core = Core(
            session_factory=self.factory, clock=self.clock, senders={PLATFORM: self.sender}
        )
        self._read: dict[str, int] = {}

    # -- talking -------------------------------------------------------------------------
    def actor(self, user: str, **kwargs: object) -> Actor:
        return Actor(PLATFORM, user, display_name=user.capitalize(), **kwargs)  # type: ignore[arg-type]

    def say(self, user: str, text: str, *, channel: str = CHANNEL) -> list[Reply]:
        """A command typed in the community channel."""
        return self.core.handle_command(self.actor(user), Place(PLATFORM, channel, "channel"), text)

    def dm(self, user: str, text: str) -> list[Reply]:
        """Plain text in the user's 1:1 chat with the bot."""
        return self.core.handle_message(self.actor(user), Place(PLATFORM, user, "dm"), text)

    def click(
        self, user: str, action_id: str, value: str = "", fields: dict[str, str] | None = None
    ) -> list[Reply]:
        return self.core.handle_action(
            self.actor(user),
            Place(PLATFORM, user, "dm"),
            Submission(action_id, value, dict(fields or {})),
        )

    def dm_for(self, user: str, text: str, question: str) -> list[Reply]:
        """A plain reply more than one open question could take: copbot asks which one it
        answers, and ``user`` clicks the button labelled ``question``."""
        asked = self.dm(user, text)
        offered = {
            b.label: b
            for r in asked
            for block in r.message.blocks
            if isinstance(block, Buttons)
            for b in block.buttons
            if b.action_id == "prompt.file"
        }
        assert question in offered, [r.message.text for r in asked]
        return self.click(user, "prompt.file", offered[question].value)

    def text(self, user: str, text: str, *, channel: str = CHANNEL) -> str:
        """The answers' texts as the console shows them (people by name)."""
        return names_only("\n".join(r.message.text for r in self.say(user, text, channel=channel)))

    def dm_text(self, user: str, text: str) -> str:
        return names_only("\n".join(r.message.text for r in self.dm(user, text)))

    # -- what people received --------------------------------------------------------------
    def inbox(self, user: str) -> list[Message]:
        """Messages delivered to ``user`` since the last call (pop semantics), as the console
        shows them: the people they name by name (``sender.sent`` keeps them as sent)."""
        messages = self.sender.to(user)
        start = self._read.get(user, 0)
        self._read[user] = len(messages)
        return [as_seen(m) for m in messages[start:]]

    def all_to(self, user: str) -> list[Message]:
        return [as_seen(m) for m in self.sender.to(user)]

    def run_due(self, at: datetime | None = None) -> RunReport:
        if at is not None:
            self.clock.set(at)
        return self.core.run_due(self.clock())

    # -- set-up helpers --------------------------------------------------------------------
    def community(
        self,
        *,
        organiser: str = "ann",
        members: tuple[str, ...] = (),
        settings: str = 'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people at home?"',
        introduced: bool = False,
    ) -> None:
        """Ann's community with ``members``; their intakes stay open unless ``introduced``
        (everyone answers it by its form), which a test of typed answers to other questions
        asks for: an intake left open is a question a plain reply could answer too."""
        setup = self.text(organiser, "setup Test CoP")
        assert "Test CoP" in setup, setup
        reply = self.text(organiser, f"config {settings}")
        assert "Saved" in reply or "Opgeslagen" in reply, reply
        for name in members:
            joined = self.text(name, "join")
            assert "Welcome" in joined or "Welkom" in joined, joined
        if introduced:
            for name in (organiser, *members):
                self.introduce(name)
        for name in (organiser, *members):
            self.inbox(name)

    def introduce(self, user: str, organisation: str | None = None) -> None:
        """``user`` answers their intake by its form (the organisation only)."""
        asked = [m for m in self.all_to(user) if "(1/4)" in m.text]
        prompt_id = next(
            b.value
            for block in asked[-1].blocks
            if isinstance(block, Buttons)
            for b in block.buttons
            if b.action_id == "prompt.form"
        )
        fields = {"organisation": organisation or f"{user.capitalize()} Care"}
        done = self.click(user, "prompt.submit", prompt_id, fields)
        assert "Thank you" in done[0].message.text or "Dank je" in done[0].message.text, done

    def close(self) -> None:
        self.engine.dispose()


def buttons(message: Message) -> list[tuple[str, str, str]]:
    """(label, action_id, value) of every button in a message."""
    return [
        (b.label, b.action_id, b.value)
        for block in message.blocks
        if isinstance(block, Buttons)
        for b in block.buttons
    ]


def forms(message: Message) -> list[Form]:
    return [block for block in message.blocks if isinstance(block, Form)]


def as_seen(message: Message) -> Message:
    """``message`` with every person in its texts shown by name, as the console prints it."""

    def block(b: Block) -> Block:
        if isinstance(b, Header | Text):
            return replace(b, text=names_only(b.text))
        if isinstance(b, Fields):
            return Fields(tuple((names_only(k), names_only(v)) for k, v in b.pairs))
        if isinstance(b, Buttons):
            return Buttons(tuple(replace(x, label=names_only(x.label)) for x in b.buttons))
        return b

    return Message(names_only(message.text), tuple(block(b) for b in message.blocks))
