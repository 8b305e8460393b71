"""The core's front door. Adapters call these methods with platform-neutral values.

Each call is one unit of work: it opens a session, works out what the input is (a command,
the answer to which prompt, which button: ``bot.routing``) and so which community it belongs
to, resolves that community and the caller's member row once (``bot.scope``), runs the
handler, commits, and then (optionally) delivers whatever was queued.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.orm import Session, sessionmaker

from bot import routing
from bot.clock import Clock, utcnow
from bot.communities import service as communities
from bot.context import Actor, Change, Place, Reply, Submission
from bot.db import DatabaseUnavailable, commits_alone, is_outage
from bot.errors import CopError, UsageError
from bot.files import service as files
from bot.handling import Ctx
from bot.i18n import Lang, as_lang, t
from bot.inbound import (
    clean_actor,
    clean_json,
    clean_place,
    clean_submission,
    clean_text,
    storable,
)
from bot.journal import service as journal
from bot.members.roster import invite_roster
from bot.members.service import user_named
from bot.messages import File, Message, plain
from bot.outbox.delivery import DeliveryReport, deliver_pending
from bot.outbox.outcomes import Outcome
from bot.outbox.queued import take_queued
from bot.outbox.sender import Sender
from bot.outbox.service import enqueue, next_send
from bot.overview import programme as overview
from bot.overview.home import home_message, outsider_message
from bot.overview.programme import MeetingFacts
from bot.reach.changes import apply_change, storable_change
from bot.records import PlatformRecords
from bot.routing import Routed
from bot.scope import enter, latest_membership, resolve
from bot.sqlutil import checkpoint_wal, lock_person
from bot.timed import service as timed
from bot.timed.runner import run_jobs

logger = logging.getLogger(__name__)

# How often ``cut_off`` forgets finished inputs past their keeping time.
PRUNE_EVERY = timedelta(minutes=1)


@dataclass
class RunReport:
    jobs_done: int = 0
    jobs_skipped: int = 0
    jobs_failed: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)


class Core:
    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        clock: Clock = utcnow,
        senders: Mapping[str, Sender] | None = None,
        deliver_inline: bool = True,
        worker_id: str = "copbot",
        public_url: str | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.senders: dict[str, Sender] = dict(senders or {})
        # What adapters keep about people in tables of their own (bot.privacy.records), by
        # platform: forget-me and my-data reach them too.
        self.records: dict[str, PlatformRecords] = {}
        # Inline delivery suits the console and tests; servers deliver in the background.
        self.deliver_inline = deliver_inline
        self.worker_id = worker_id
        self.public_url = public_url
        self._unrecorded: list[Outcome] = []
        self._queued = False
        self._queued_lock = threading.Lock()
        self._pruned_at: datetime | None = None

    # -- inbound -------------------------------------------------------------------------
    def handle_command(
        self, actor: Actor, place: Place, text: str, *, receipt: int | None = None
    ) -> list[Reply]:
        """A command typed by a user: '/cop <verb> ...', '@copbot <verb> ...' or '<verb> ...'.
        ``receipt`` is the input's id in the inbound journal (``record``): it is finished in
        the same transaction, so an input handed out again after an outage runs once."""
        text = clean_text(text)
        return self._run(
            actor,
            place,
            lambda ctx: Routed(None, partial(routing.dispatch, text=text)),
            receipt=receipt,
            lock=routing.writes(text),
        )

    def handle_message(
        self, actor: Actor, place: Place, text: str, *, receipt: int | None = None
    ) -> list[Reply]:
        """Plain text in a 1:1 chat: a command when it starts with a verb, else an answer
        to the member's open prompt."""
        text = clean_text(text)
        return self._run(actor, place, lambda ctx: routing.message(ctx, text), receipt=receipt)

    def handle_action(
        self, actor: Actor, place: Place, submission: Submission, *, receipt: int | None = None
    ) -> list[Reply]:
        """A button click or form submission carrying a core-owned action id."""
        submission = clean_submission(submission)
        return self._run(actor, place, lambda ctx: routing.action(ctx, submission), receipt=receipt)

    def handle_roster(
        self, actor: Actor, place: Place, roster: list[Actor], *, receipt: int | None = None
    ) -> list[Reply]:
        """``members sync``: the adapter fetched the channel's people; invite the non-members."""
        people = [clean_actor(person) for person in roster if storable(person)]
        return self._run(
            actor,
            place,
            lambda ctx: Routed(None, partial(invite_roster, roster=people)),
            receipt=receipt,
        )

    def handle_change(self, *changes: Change, receipt: int | None = None) -> list[Reply]:
        """Something happened to workspaces, places or people (``bot.reach.changes``), handled
        together. Replies with ``channel`` visibility are for the place of the first change."""
        changes = tuple(c for c in (storable_change(c) for c in changes) if c is not None)
        if not changes:
            self._finish(receipt)
            return []
        first = changes[0]
        actor = first.actor or Actor(first.platform, "", lang=first.lang)
        place = first.place or Place(first.platform, first.place_id or "", "channel")

        def apply(ctx: Ctx) -> None:
            for change in changes:
                apply_change(ctx, change=change)

        return self._run(
            actor, place, lambda ctx: Routed(None, apply), resolve=False, receipt=receipt
        )

    def refusal(self, actor: Actor, place: Place, text: str) -> list[Reply]:
        """What the core answers instead of running the command ``text`` when who asks, and
        where, already decide it (no community, not a member, a role too low); empty when it
        would run it. An adapter asks before a command that costs platform calls (``members
        sync`` reads the whole roster), so a refused one costs nothing."""
        text = clean_text(text)
        return self._run(
            actor, place, lambda ctx: Routed(None, partial(routing.permitted, text=text))
        )

    def lang(self, actor: Actor, place: Place) -> Lang:
        """The language the core answers ``actor`` in at ``place``, so an adapter's own words
        (the console's prompts) match the core's."""
        if not storable(actor, place):
            return as_lang(actor.lang)
        actor, place = clean_actor(actor), clean_place(place)
        with self.session_factory() as session:
            found = resolve(session, actor=actor, place=place, about=None)
            ctx = Ctx(
                session=session,
                now=self.clock(),
                actor=actor,
                place=place,
                community=found.community,
                member=found.member,
            )
            return ctx.lang

    def user_named(self, platform: str, name: str) -> tuple[str, str] | None:
        """(user id, display name) of the member called ``name`` on ``platform`` (the
        console's ``/as``: act as someone already in a community, such as the demo's people)."""
        with self.session_factory() as session:
            return user_named(session, platform=platform, name=name)

    def is_command(self, text: str) -> bool:
        return routing.is_command(text)

    # -- files waiting for consent ---------------------------------------------------------
    def hold_file(self, actor: Actor, file: File) -> str:
        """Keep ``file`` until ``actor``'s client accepts it (Teams' file consent); the token
        comes back with their answer."""
        actor = clean_actor(actor)
        with self.session_factory() as session:
            token = files.hold(
                session, platform=actor.platform, user_id=actor.user_id, file=file, now=self.clock()
            )
            session.commit()
        return token

    def take_file(self, actor: Actor, token: str) -> File | None:
        """The file held for ``actor`` under ``token``, once; None when declined before,
        expired, or not theirs. Taking without uploading (a declined offer) drops it."""
        actor = clean_actor(actor)
        with self.session_factory() as session:
            found = files.take(
                session,
                platform=actor.platform,
                user_id=actor.user_id,
                token=clean_text(token),
                now=self.clock(),
            )
            session.commit()
        return found

    def home(self, actor: Actor) -> Message:
        """The actor's personal overview (Slack's App Home), for their latest community."""
        now = self.clock()
        if not storable(actor):
            return outsider_message(as_lang(actor.lang))
        actor = clean_actor(actor)
        with self.session_factory() as session:
            community, member = latest_membership(session, actor=actor)
            if member is None or community is None:
                return outsider_message(actor.lang)
            return home_message(session, member=member, community=community, now=now)

    # -- read-only views (the demo, tools) ---------------------------------------------------
    def community_at(self, platform: str, channel_id: str) -> int | None:
        """The id of the community whose channel this is, if any."""
        with self.session_factory() as session:
            found = communities.in_channel(session, platform=platform, channel_id=channel_id)
            return found.id if found is not None else None

    def meeting_starts(self, community_id: int) -> list[datetime]:
        """When the community's meetings that are not cancelled start, in order."""
        with self.session_factory() as session:
            return overview.meeting_starts(session, community_id=community_id)

    def programme(self, community_id: int, *, after: timedelta) -> list[MeetingFacts]:
        """The community's meetings with their facts (``bot.overview.programme``)."""
        with self.session_factory() as session:
            return overview.programme(session, community_id=community_id, after=after)

    def next_work(self) -> datetime | None:
        """The earliest moment a planned job or a waiting message is due."""
        with self.session_factory() as session:
            moments = [m for m in (timed.next_due(session), next_send(session)) if m is not None]
        return min(moments, default=None)

    def due_kinds(self, now: datetime) -> set[str]:
        """The kinds of planned work due by ``now``."""
        with self.session_factory() as session:
            return timed.due_kinds(session, now=now)

    # -- timed work ----------------------------------------------------------------------
    def run_due(self, now: datetime | None = None) -> RunReport:
        """Run every planned job that is due, then deliver what they queued. Safe to call
        concurrently from several processes: jobs and deliveries are claimed atomically."""
        moment = now or self.clock()
        report = RunReport()
        try:
            run_jobs(self.session_factory, now=moment, worker=self.worker_id, report=report)
        except Exception as exc:
            if is_outage(exc):
                raise DatabaseUnavailable() from exc
            raise
        report.delivery = self.deliver(moment)
        return report

    def deliver(self, now: datetime | None = None) -> DeliveryReport:
        """Send what is due in the outbox. Raises ``DatabaseUnavailable`` when the database
        goes away; a send already made by then is written in the next run."""
        try:
            return deliver_pending(
                self.session_factory,
                senders=self.senders,
                now=now or self.clock(),
                worker=self.worker_id,
                unrecorded=self._unrecorded,
            )
        except Exception as exc:
            if is_outage(exc):
                raise DatabaseUnavailable() from exc
            raise

    # -- the inbound journal: stored before acknowledged, handled once -------------------
    def record(self, platform: str, key: str | None, payload: dict[str, Any]) -> int | None:
        """Store an input before the adapter acknowledges it: its receipt, or None when the
        same input was stored before (a retry, a redelivery, a replayed request). One small
        insert. Raises ``DatabaseUnavailable``: the adapter then has the platform retry, or
        tells the person to."""
        return self.record_many([(platform, key, payload)])[0]

    def record_many(
        self, items: Sequence[tuple[str, str | None, dict[str, Any]]], *, handed_on: bool = False
    ) -> list[int | None]:
        """``record`` for several inputs (platform, key, payload) in one transaction: what
        arrived while the last one committed. One commit instead of one each is most of
        what an acknowledgement costs when many arrive at once. ``handed_on``: another
        process handles them (``copbot serve --handlers``), which ``announce`` wakes."""
        # NUL characters never reach the database (PostgreSQL refuses them in text); the
        # translators read the stored payload the way they read the original.
        cleaned = [
            (platform, clean_text(key) if key else None, clean_json(payload))
            for platform, key, payload in items
        ]
        with self._journal_unit() as session:
            # An acknowledgement waits for this: on PostgreSQL one round trip, not three.
            commits_alone(session, rows=len(cleaned))
            return journal.record_many(
                session, items=cleaned, now=self.clock(), claimed=not handed_on
            )

    def announce(self, platform: str) -> None:
        """Wake the processes that handle inputs: ``platform`` has new ones stored
        (``record_many(handed_on=True)``). Raises ``DatabaseUnavailable``."""
        with self._journal_unit() as session:
            commits_alone(session)
            journal.announce(session, platform=platform)

    def cut_off(self, platform: str) -> list[tuple[int, dict[str, Any]]]:
        """Inputs of ``platform`` whose handling was cut off (an outage, a crash) or left to
        this process (``record_many(handed_on=True)``), claimed for handling; finished ones
        past their keeping time are pruned on the way, at most every ``PRUNE_EVERY``.
        Raises ``DatabaseUnavailable``."""
        with self._journal_unit() as session:
            # Each statement here stands alone (a claim, a prune, giving one up): on
            # PostgreSQL each commits by itself, and a look that finds nothing is one round
            # trip.
            commits_alone(session)
            now = self.clock()
            # A process that handles inputs looks once per wake-up, hundreds of times a
            # second under load: pruning scans the finished rows, so not on every look.
            if self._pruned_at is None or now - self._pruned_at >= PRUNE_EVERY:
                journal.prune(session, now=now)
                self._pruned_at = now
            return journal.cut_off(session, platform=platform, now=now)

    @contextmanager
    def _journal_unit(self) -> Iterator[Session]:
        """A unit of work on the inbound journal, committed when the block ends and rolled
        back on any error; a database that is away raises ``DatabaseUnavailable``."""
        with self.session_factory() as session:
            try:
                yield session
                session.commit()
            except Exception as exc:
                _rollback(session)
                if is_outage(exc):
                    raise DatabaseUnavailable() from exc
                raise

    def finish(self, receipt: int | None, *, failed: bool = False) -> None:
        """Mark an input handled that needed no core call (an ignored card, a home tab)."""
        self._finish(receipt, failed=failed)

    def _finish(self, receipt: int | None, *, failed: bool = False) -> None:
        if receipt is None:
            return
        with self.session_factory() as session:
            try:
                commits_alone(session)  # one UPDATE: on PostgreSQL one round trip, not three
                journal.finish(session, item_id=receipt, now=self.clock(), failed=failed)
                session.commit()
            except Exception as exc:
                _rollback(session)
                if not is_outage(exc):
                    raise
                # Still pending: handed out again later; an error reply is idempotent.
                logger.warning("could not mark input %s handled: the database is away", receipt)

    def ready(self) -> bool:
        """Whether the database answers (``GET /readyz``)."""
        with self.session_factory() as session:
            try:
                session.execute(sql("SELECT 1"))
            except Exception as exc:
                if is_outage(exc):
                    return False
                raise
        return True

    # -- internals -----------------------------------------------------------------------
    def _run(
        self,
        actor: Actor,
        place: Place,
        route: Callable[[Ctx], Routed],
        *,
        resolve: bool = True,
        receipt: int | None = None,
        lock: bool = True,
    ) -> list[Reply]:
        """One unit of work. With ``lock`` (all but read-only commands) it starts by waiting
        for the person's other units of work (``lock_person``); without, its few writes (the
        member seen, the journal's receipt) are made at the commit."""
        now = self.clock()
        queued = False
        with self.session_factory() as session:
            ctx = Ctx(
                session=session,
                now=now,
                actor=actor,
                place=place,
                public_url=self.public_url,
                records=self.records,
            )
            try:
                ctx.actor, ctx.place = clean_actor(actor), clean_place(place)
                if lock:
                    lock_person(session, platform=ctx.actor.platform, user_id=ctx.actor.user_id)
                routed = route(ctx)
                if resolve:
                    enter(ctx, about=routed.about)
                if lock:
                    routed.run(ctx)
                else:
                    # The member seen (``_resolve``) is written at the commit, not flushed
                    # before the first read: that would hold SQLite's write lock throughout.
                    with session.no_autoflush:
                        routed.run(ctx)
                if ctx.outgoing:
                    enqueue(session, items=ctx.outgoing, now=now)
                if receipt is not None and not journal.finish(session, item_id=receipt, now=now):
                    # Handed out again after an outage, and already handled meanwhile.
                    session.rollback()
                    return []
                session.commit()
                queued = take_queued(session)
                replies = ctx.replies
                if session.info.pop("erased", False):
                    self._checkpoint()
            except CopError as exc:
                session.rollback()
                replies = [Reply(self._error_message(ctx, exc))]
                self._finish(receipt)
            except Exception as exc:
                _rollback(session)
                if is_outage(exc):
                    raise DatabaseUnavailable() from exc
                logger.exception("unexpected error handling input from %s", actor.user_id)
                replies = [Reply(plain(t(ctx.lang, "error.internal")))]
                self._finish(receipt, failed=True)
        if queued and self.deliver_inline:
            try:
                self.deliver(now)
            except DatabaseUnavailable:
                logger.warning("inline delivery waits: the database is away")
            except Exception:  # delivery problems are retried later; never fail the reply
                logger.exception("inline delivery failed")
        elif queued:
            with self._queued_lock:
                self._queued = True
        return replies

    def take_queued(self) -> bool:
        """Whether an input made messages due in the outbox since the last call (and forget
        it). A server that does not deliver inline starts a delivery run only then: a run that
        finds nothing still costs write transactions, which every other input waits for."""
        with self._queued_lock:
            queued, self._queued = self._queued, False
        return queued

    def _checkpoint(self) -> None:
        """Personal data was erased: leave no old copy of it in SQLite's write-ahead log."""
        try:
            with self.session_factory() as session:
                checkpoint_wal(session)
        except Exception:  # the next checkpoint (SQLite makes them itself) does it then
            logger.warning("WAL checkpoint after an erasure failed", exc_info=True)

    def _error_message(self, ctx: Ctx, exc: CopError) -> Message:
        text = t(ctx.lang, exc.key, **exc.params)
        if isinstance(exc, UsageError) and "verb" in exc.params:
            text = f"{text}\n{t(ctx.lang, 'usage.' + exc.params['verb'])}"
        return plain(text)


def _rollback(session: Session) -> None:
    """Roll back, even when the connection is gone (the rollback then has nothing to undo)."""
    try:
        session.rollback()
    except Exception as exc:
        if not is_outage(exc):
            raise
