"""The outbox: idempotent enqueue, atomic claims, interruption, retries, quiet hours.

Driven through the real core and database (SQLite, and PostgreSQL when configured); the only
fakes are senders, i.e. the platform edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.members.models import Member
from bot.messages import Message, plain
from bot.outbox.delivery import (
    CLAIM_BATCH,
    MAX_ATTEMPTS,
    SENDING_LEASE,
    claim_batch,
    deliver_pending,
)
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.quiet import defer_for_quiet_hours
from bot.outbox.sender import (
    PermanentDeliveryError,
    Recipient,
    RecordingSender,
    TransientDeliveryError,
)
from bot.outbox.service import Outgoing, enqueue
from tests.harness import PLATFORM, Harness
from tests.workers import workers_at_once

PEOPLE = ("bob", "cat", "dan", "eve", "fay")


class Interrupted(BaseException):
    """What a process sees when it is stopped mid-send (like KeyboardInterrupt)."""


@dataclass
class DyingSender:
    """Sends ``survive`` messages, then the process 'stops' on the next one."""

    survive: int
    inner: RecordingSender = field(default_factory=RecordingSender)

    def send(self, recipient: Recipient, message: Message) -> None:
        if len(self.inner.sent) >= self.survive:
            raise Interrupted
        self.inner.send(recipient, message)


def queue_wave(bot: Harness, *, per_member: int = 2, prefix: str = "wave") -> list[str]:
    """Queue ``per_member`` DMs to every member; returns the keys."""
    keys: list[str] = []
    with bot.factory() as session:
        members = session.scalars(select(Member).order_by(Member.id)).all()
        items = []
        for member in members:
            for i in range(per_member):
                key = f"{prefix}:{member.user_id}:{i}"
                keys.append(key)
                items.append(Outgoing(key=key, member=member, message=plain(key)))
        enqueue(session, items=items, now=bot.clock())
        session.commit()
    return keys


def statuses(bot: Harness) -> dict[str, str]:
    with bot.factory() as session:
        return {d.key: d.status for d in session.scalars(select(Delivery))}


def sent_keys(sender: RecordingSender) -> list[str]:
    return [m.text for _, m in sender.sent]


def test_fanout_interrupted_after_k_of_n_resumes_with_exactly_n_minus_k(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)
    n, k = len(keys), 4
    dying = DyingSender(survive=k)
    with pytest.raises(Interrupted):
        deliver_pending(bot.factory, senders={PLATFORM: dying}, now=bot.clock(), worker="a")
    assert len(dying.inner.sent) == k
    state = [s for key, s in statuses(bot).items() if key in keys]
    # The interrupted row went back to pending: nothing is stuck in 'sending'.
    assert state.count(DeliveryStatus.SENT.value) == k
    assert state.count(DeliveryStatus.PENDING.value) == n - k

    resumed = RecordingSender()
    report = deliver_pending(bot.factory, senders={PLATFORM: resumed}, now=bot.clock(), worker="b")
    assert report.sent == len(resumed.sent) == n - k
    assert sorted(sent_keys(dying.inner) + sent_keys(resumed)) == sorted(keys)
    again = RecordingSender()
    deliver_pending(bot.factory, senders={PLATFORM: again}, now=bot.clock() + timedelta(hours=1))
    assert again.sent == []


def test_limit_sends_at_most_that_many_and_the_rest_later(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    keys = queue_wave(bot)
    first = RecordingSender()
    assert (
        deliver_pending(bot.factory, senders={PLATFORM: first}, now=bot.clock(), limit=3).sent == 3
    )
    rest = RecordingSender()
    deliver_pending(bot.factory, senders={PLATFORM: rest}, now=bot.clock())
    assert sorted(sent_keys(first) + sent_keys(rest)) == sorted(keys)


def test_enqueueing_the_same_key_twice_sends_once(any_bot: Harness) -> None:
    any_bot.community(members=("bob",))
    queue_wave(any_bot, per_member=1)
    queue_wave(any_bot, per_member=1)
    any_bot.core.deliver(any_bot.clock())
    assert [m.text for m in any_bot.inbox("bob")] == ["wave:bob:0"]


def test_a_row_left_mid_send_by_a_killed_worker_is_taken_over_after_the_lease(bot: Harness) -> None:
    bot.community(members=("bob",))
    queue_wave(bot, per_member=1)
    now = bot.clock()
    with bot.factory() as session:
        row = session.scalars(select(Delivery).where(Delivery.key == "wave:bob:0")).one()
        # What kill -9 leaves behind: claimed, attempt counted, outcome never recorded.
        row.status, row.claimed_by, row.claimed_at, row.attempts = "sending", "dead", now, 1
        session.commit()
    sender = RecordingSender()
    deliver_pending(bot.factory, senders={PLATFORM: sender}, now=now + SENDING_LEASE / 2)
    assert sender.texts("bob") == []  # a live worker could still be sending it
    deliver_pending(bot.factory, senders={PLATFORM: sender}, now=now + SENDING_LEASE * 2)
    assert sender.texts("bob") == ["wave:bob:0"]
    assert statuses(bot)["wave:bob:0"] == DeliveryStatus.SENT.value


def test_transient_failures_back_off_then_give_up_and_permanent_ones_stop(bot: Harness) -> None:
    bot.community(members=("bob", "cat", "dan"))
    queue_wave(bot, per_member=1)
    sender = RecordingSender(
        fail_for={
            "bob": TransientDeliveryError("slack: internal_error"),
            "cat": PermanentDeliveryError("slack: user_not_found"),
            "dan": TransientDeliveryError("rate limited", retry_after=7),
        }
    )
    now = bot.clock()
    report = deliver_pending(bot.factory, senders={PLATFORM: sender}, now=now)
    assert (report.retried, report.permanent, report.sent) == (3 - 1, 1, 1)  # ann got hers
    with bot.factory() as session:
        rows = {d.recipient: d for d in session.scalars(select(Delivery))}
    assert rows["cat"].status == "permanent" and rows["cat"].last_error == "slack: user_not_found"
    assert rows["dan"].not_before == now + timedelta(seconds=7)  # Retry-After honoured
    assert rows["bob"].not_before == now + timedelta(seconds=30)
    gaps = []
    moment = now
    for _ in range(MAX_ATTEMPTS - 1):
        with bot.factory() as session:
            due = session.scalars(select(Delivery).where(Delivery.key == "wave:bob:0")).one()
        gaps.append(due.not_before - moment)
        moment = due.not_before
        deliver_pending(bot.factory, senders={PLATFORM: sender}, now=moment)
    assert gaps[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    with bot.factory() as session:
        rows = {d.recipient: d for d in session.scalars(select(Delivery))}
    assert rows["bob"].status == "failed" and rows["bob"].attempts == MAX_ATTEMPTS
    assert rows["cat"].attempts == 1  # never retried


def test_a_member_who_left_gets_nothing_more(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    # 23:30 in Amsterdam: quiet hours hold the DMs until the morning.
    bot.clock.set(datetime(2027, 1, 5, 22, 30, tzinfo=UTC))
    queue_wave(bot, per_member=1, prefix="night")
    bot.core.deliver(bot.clock())
    assert bot.inbox("bob") == []
    bot.text("bob", "leave")
    bot.run_due(datetime(2027, 1, 6, 7, 5, tzinfo=UTC))  # 08:05 local
    assert bot.inbox("bob") == []
    assert [m.text for m in bot.inbox("cat")] == ["night:cat:0"]
    assert statuses(bot)["night:bob:0"] == DeliveryStatus.CANCELLED.value


def test_quiet_hours_defer_to_the_members_morning_but_not_past_a_deadline() -> None:
    quiet = "22:00-07:00"
    night_in_ny = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)  # 03:00 in New York
    morning = datetime(2027, 3, 10, 13, 0, tzinfo=UTC)  # 08:00 in New York
    assert defer_for_quiet_hours(night_in_ny, tz="America/New_York", quiet=quiet) == morning
    late_evening = datetime(2027, 3, 10, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam
    assert defer_for_quiet_hours(late_evening, tz="Europe/Amsterdam", quiet=quiet) == datetime(
        2027, 3, 11, 7, 0, tzinfo=UTC
    )
    # A meeting at 07:30 their time: the window's end (07:00) is still before it.
    deadline = datetime(2027, 3, 10, 12, 30, tzinfo=UTC)
    assert defer_for_quiet_hours(
        night_in_ny, tz="America/New_York", quiet=quiet, deadline=deadline
    ) == datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
    # A meeting in their night: better now than after it.
    early = datetime(2027, 3, 10, 10, 0, tzinfo=UTC)
    assert (
        defer_for_quiet_hours(night_in_ny, tz="America/New_York", quiet=quiet, deadline=early)
        == night_in_ny
    )
    daytime = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
    assert defer_for_quiet_hours(daytime, tz="America/New_York", quiet=quiet) == daytime
    assert defer_for_quiet_hours(night_in_ny, tz="America/New_York", quiet="off") == night_in_ny


def test_members_in_other_timezones_get_dms_at_their_morning(bot: Harness) -> None:
    bot.community(members=("bob",))
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        bob.tz = "Asia/Tokyo"
        session.commit()
    bot.clock.set(datetime(2027, 1, 5, 15, 0, tzinfo=UTC))  # 16:00 Amsterdam, 00:00 Tokyo
    queue_wave(bot, per_member=1, prefix="tz")
    bot.run_due()
    assert [m.text for m in bot.inbox("ann")] == ["tz:ann:0"]
    assert bot.inbox("bob") == []
    bot.run_due(datetime(2027, 1, 5, 22, 59, tzinfo=UTC))  # 07:59 Tokyo
    assert bot.inbox("bob") == []
    bot.run_due(datetime(2027, 1, 5, 23, 0, tzinfo=UTC))  # 08:00 Tokyo
    assert [m.text for m in bot.inbox("bob")] == ["tz:bob:0"]


def test_two_workers_on_postgres_send_every_delivery_exactly_once(postgres_url: str) -> None:
    bot = Harness(postgres_url)
    try:
        bot.community(members=PEOPLE)
        workers = 4
        # Enough for every worker to claim batches of its own (CLAIM_BATCH rows a claim).
        keys = queue_wave(bot, per_member=2 * workers * CLAIM_BATCH // len(PEOPLE))
        now = bot.clock()
        senders = [RecordingSender() for _ in range(workers)]

        def work(index: int, factory: sessionmaker[Session]) -> None:
            deliver_pending(
                factory, senders={PLATFORM: senders[index]}, now=now, worker=f"w{index}"
            )

        workers_at_once(postgres_url, workers, work)
        everything = [key for s in senders for key in sent_keys(s)]
        assert sorted(everything) == sorted(keys)  # each exactly once, none lost
        assert sum(1 for s in senders if s.sent) >= 2  # they really shared the work
    finally:
        bot.close()


def test_a_claim_takes_one_batch_and_leaves_the_rest_to_other_workers(any_bot: Harness) -> None:
    """A batch is at most ``size`` rows: the rest of a wave stays pending for the next claim
    and for other workers. (PostgreSQL once ran ``id IN (SELECT ... LIMIT n FOR UPDATE SKIP
    LOCKED)`` as a nested loop that re-ran the subquery per row, each run skipping the rows
    just taken, so one claim took the whole wave.)"""
    bot = any_bot
    bot.community(members=PEOPLE)
    keys = queue_wave(bot, per_member=3)
    taken: list[int] = []
    with bot.factory() as session:
        while batch := claim_batch(
            session, now=bot.clock(), worker="a", platforms=[PLATFORM], stamp=bot.clock(), size=4
        ):
            assert len(batch) <= 4
            taken.extend(row.id for row in batch)
    assert len(taken) == len(set(taken)) >= len(keys)
    assert len(taken) > 8  # several batches
