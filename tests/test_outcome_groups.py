"""Delivery outcomes written in groups: quick sends share one statement, a slow send's outcome
is in the database before the next send starts, and nothing held is lost on the way out.

Driven through the real outbox on SQLite and PostgreSQL; the senders are the platform edge,
and the outcomes' clock is the seam ``deliver_pending`` takes (tests never sleep).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from bot.messages import Message
from bot.outbox.delivery import deliver_pending
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.outcomes import OUTCOME_WINDOW, Outcome
from bot.outbox.sender import Recipient, RecordingSender
from tests.harness import PLATFORM, Harness
from tests.sql import statements
from tests.test_outbox_delivery import PEOPLE, DyingSender, Interrupted, queue_wave, statuses

SENT = DeliveryStatus.SENT.value


class Clock:
    """Seconds that pass only when a sender says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def is_outcome(statement: str) -> bool:
    """An outcome's UPDATE: the only one of ``deliveries`` that sets ``sent_at``."""
    head = statement.partition("WHERE")[0]
    return head.startswith("UPDATE deliveries SET") and "sent_at=" in head


def outcome_writes(seen: list[str]) -> list[str]:
    return [s for s in seen if is_outcome(s)]


def test_quick_sends_share_one_statement(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)  # ten messages: one claimed batch
    sender = RecordingSender()
    with statements(bot.engine) as seen:
        report = deliver_pending(
            bot.factory, senders={PLATFORM: sender}, now=bot.clock(), clock=Clock()
        )
    assert report.sent == len(sender.sent) == len(keys)
    assert len(outcome_writes(seen)) == 1, outcome_writes(seen)
    assert {statuses(bot)[key] for key in keys} == {SENT}


@dataclass
class SlowSender:
    """Each send takes longer than the window; each looks, from another connection, at what
    the database says of the messages sent before it."""

    bot: Harness
    clock: Clock
    seen_sent: list[int] = field(default_factory=list)
    inner: RecordingSender = field(default_factory=RecordingSender)

    def send(self, recipient: Recipient, message: Message) -> None:
        with self.bot.engine.connect() as connection:
            self.seen_sent.append(
                len(connection.scalars(select(Delivery.id).where(Delivery.status == SENT)).all())
            )
        self.clock.now += OUTCOME_WINDOW * 2
        self.inner.send(recipient, message)


def test_a_slow_sends_outcome_is_committed_before_the_next_send(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)
    already = sum(1 for s in statuses(bot).values() if s == SENT)  # the welcomes
    clock = Clock()
    slow = SlowSender(bot, clock)
    deliver_pending(bot.factory, senders={PLATFORM: slow}, now=bot.clock(), clock=clock)
    assert len(slow.inner.sent) == len(keys)
    # Before its k-th send, the k - 1 before it were marked sent, as when each outcome was
    # written on its own: a crash in a send leaves only that one in doubt.
    assert [n - already for n in slow.seen_sent] == list(range(len(keys)))


def test_quick_sends_outcomes_are_written_when_the_run_is_stopped(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)
    stopping = DyingSender(survive=2)
    with pytest.raises(Interrupted):
        deliver_pending(bot.factory, senders={PLATFORM: stopping}, now=bot.clock(), clock=Clock())
    state = [statuses(bot)[key] for key in keys]
    assert state.count(SENT) == 2  # held, then written on the way out
    assert state.count(DeliveryStatus.PENDING.value) == len(keys) - 2  # handed back


def test_outcomes_the_database_refused_are_written_first_in_the_next_run(
    any_bot: Harness,
) -> None:
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)
    unrecorded: list[Outcome] = []
    refuse = [True]

    def away(_c: object, _cursor: object, statement: str, *_: object) -> None:
        if refuse[0] and is_outcome(" ".join(statement.split())):
            refuse[0] = False
            raise OperationalError(statement, {}, Exception("the database went away"))

    event.listen(bot.engine, "before_cursor_execute", away)
    first = RecordingSender()
    try:
        with pytest.raises(OperationalError):
            deliver_pending(
                bot.factory,
                senders={PLATFORM: first},
                now=bot.clock(),
                unrecorded=unrecorded,
                clock=Clock(),
            )
    finally:
        event.remove(bot.engine, "before_cursor_execute", away)
    assert len(first.sent) == len(unrecorded) == len(keys)
    with bot.engine.connect() as connection:
        connection.execute(text("SELECT 1"))  # the database is back
    again = RecordingSender()
    deliver_pending(bot.factory, senders={PLATFORM: again}, now=bot.clock(), unrecorded=unrecorded)
    assert again.sent == [] and unrecorded == []  # not sent twice
    assert {statuses(bot)[key] for key in keys} == {SENT}
