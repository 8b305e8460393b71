"""The APScheduler side: which jobs are registered and how, the trigger maths, the tick run
directly with a settable clock, and the wiring of ``copbot serve`` and ``copbot scheduler``.

APScheduler is never left running on its own time: jobs are inspected on a scheduler that is
not started or started paused, and the job function is called directly (freezegun does not
drive a started scheduler). Slack is faked at its HTTP edge; the core is the real one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from apscheduler.schedulers.base import STATE_PAUSED, STATE_RUNNING
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from freezegun import freeze_time
from sqlalchemy import event, inspect, select

from bot.communities.models import Community
from bot.context import Actor, Place
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.digest.scheduled import next_digest_at
from bot.messages import Message
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.sender import Recipient, RecordingSender
from bot.settings import Settings
from copbot.wiring import build_core
from scheduler.jobs import TICK_JOB_ID, tick, tick_async
from scheduler.service import (
    EXECUTOR_LOGGER,
    SCHEDULER_KEY,
    add_jobs,
    attach,
    build_scheduler,
    platform_senders,
    run_standalone,
)
from tests.harness import FakeClock, Harness
from tests.slack.fake_slack import FakeSlack

T0 = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CHANNEL = "CTICK"
PEOPLE = ("UANN", "UBOB", "UCAT")


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    yield slack
    slack.stop()


def slack_settings(database_url: str, fake: FakeSlack) -> Settings:
    return Settings(
        database_url=database_url,
        slack_bot_token="xoxb-test",
        slack_signing_secret="secret",
        slack_api_url=fake.api_url,
        tick_seconds=30,
        worker_id="test",
    )


def say(core: Core, user: str, text: str) -> str:
    actor = Actor("slack", user, display_name=user[1:].capitalize())
    replies = core.handle_command(actor, Place("slack", CHANNEL, "channel"), text)
    return "\n".join(r.message.text for r in replies)


def slack_community(core: Core) -> None:
    assert "Tick CoP" in say(core, "UANN", "setup Tick CoP")
    assert "Saved" in say(core, "UANN", 'config lang=en start=2027-01-14 question="Q?"')
    for user in PEOPLE[1:]:
        assert "Welcome" in say(core, user, "join")


def pending(core: Core) -> list[Delivery]:
    with core.session_factory() as session:
        return list(
            session.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.PENDING.value))
        )


# -- registered jobs ------------------------------------------------------------------------
def test_one_tick_job_with_an_explicit_id_and_deliberate_options(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url, tick_seconds=30, worker_id="test")
    core = build_core(settings, senders={}, deliver_inline=False)
    with freeze_time(T0):
        scheduler = build_scheduler(core=core, settings=settings)
    [job] = scheduler.get_jobs()  # not started: the pending job as it will be added
    assert job.id == TICK_JOB_ID
    assert job.func is tick_async  # a module-level callable, as APScheduler requires
    assert job.kwargs == {"core": core}
    assert job.coalesce is True
    assert job.max_instances == 1
    assert job.misfire_grace_time is None  # late is better than dropped
    assert job.next_run_time == T0  # once right at start-up, then every tick_seconds
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == timedelta(seconds=30)


def test_started_paused_on_a_temporary_database_re_registering_replaces_the_job(
    sqlite_url: str,
) -> None:
    settings = Settings(database_url=sqlite_url, tick_seconds=30, worker_id="test")
    core = build_core(settings, senders={}, deliver_inline=False)

    async def scenario() -> None:
        scheduler = build_scheduler(core=core, settings=settings)
        scheduler.start(paused=True)
        try:
            assert scheduler.state == STATE_PAUSED
            [job] = scheduler.get_jobs()
            assert (job.id, job.coalesce, job.max_instances) == (TICK_JOB_ID, True, 1)
            # Registering again (new settings, a second wiring) replaces instead of raising
            # ConflictingIdError or adding a second tick.
            add_jobs(scheduler, core=core, settings=replace(settings, tick_seconds=5))
            [job] = scheduler.get_jobs()
            assert job.id == TICK_JOB_ID
            assert job.trigger.interval == timedelta(seconds=5)
            assert job.misfire_grace_time is None
        finally:
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # the shutdown is scheduled on the loop: let it run

    asyncio.run(scenario())
    engine = make_engine(sqlite_url)
    try:
        # Schedule state lives in our tables only: APScheduler stored nothing in the database.
        assert not [t for t in inspect(engine).get_table_names() if "apscheduler" in t]
    finally:
        engine.dispose()


# -- trigger maths ----------------------------------------------------------------------------
def interval_trigger(seconds: int) -> IntervalTrigger:
    settings = Settings(tick_seconds=seconds)
    # A core on a database it never opens: only the trigger is looked at.
    core = Core(session_factory=make_session_factory(make_engine("sqlite://")))
    with freeze_time(T0):
        scheduler = build_scheduler(core=core, settings=settings)
    [job] = scheduler.get_jobs()
    trigger = job.trigger
    assert isinstance(trigger, IntervalTrigger)
    return trigger


def test_the_tick_fires_every_tick_seconds_and_after_downtime_on_the_next_beat() -> None:
    trigger = interval_trigger(30)
    step = timedelta(seconds=30)
    assert trigger.get_next_fire_time(None, T0) == T0 + step
    assert trigger.get_next_fire_time(T0 + step, T0 + step) == T0 + 2 * step
    # An hour asleep: the next fire is the next beat, not 120 catch-up runs (coalesce turns the
    # missed ones into one run, and misfire_grace_time=None keeps that run however late).
    later = T0 + timedelta(hours=1, seconds=1)
    assert trigger.get_next_fire_time(None, later) == T0 + timedelta(hours=1, seconds=30)
    # COPBOT_TICK_SECONDS=0 would be a busy loop: at least one second.
    fast = interval_trigger(0)
    assert fast.get_next_fire_time(None, T0) == T0 + timedelta(seconds=1)


@pytest.mark.parametrize(
    ("digest", "weekday", "hour", "minute"),
    [("mon 09:00", "mon", 9, 0), ("fri 16:30", "fri", 16, 30), ("sun 07:15", "sun", 7, 15)],
)
@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 3, 24, 12, 0, tzinfo=UTC),  # the week before the spring change
        datetime(2027, 3, 27, 23, 30, tzinfo=UTC),  # the night of the change
        datetime(2027, 3, 29, 7, 59, tzinfo=UTC),
        datetime(2027, 10, 29, 18, 0, tzinfo=UTC),  # the week of the autumn change
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),  # in the repeated hour
        datetime(2027, 11, 1, 8, 1, tzinfo=UTC),
    ],
)
def test_the_digest_moment_is_what_a_weekly_cron_trigger_in_the_community_zone_would_fire(
    digest: str, weekday: str, hour: int, minute: int, now: datetime
) -> None:
    # The digest is a planned row, not a cron job (scheduler.service.add_jobs says why); its
    # maths must still agree with APScheduler's own for a weekly job in the community's zone.
    zone = ZoneInfo("Europe/Amsterdam")
    day, clock = digest.split()
    community = Community(
        tz=zone.key,
        digest_weekday=("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(day),
        digest_time=clock,
    )
    cron = CronTrigger(day_of_week=weekday, hour=hour, minute=minute, timezone=zone)
    assert next_digest_at(community, now=now) == cron.get_next_fire_time(None, now)


# -- the job function, called directly ------------------------------------------------------------
def test_the_tick_sends_the_due_check_in_wave_through_slack_once(
    sqlite_url: str, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock(datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    settings = slack_settings(sqlite_url, fake)
    engine = make_engine(sqlite_url)
    core = Core(
        session_factory=make_session_factory(engine),
        clock=clock,
        senders=platform_senders(settings),
        deliver_inline=False,
        worker_id="test",
    )
    try:
        slack_community(core)
        checkin_at = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # 3 days before, 14:00 local
        clock.set(checkin_at - timedelta(seconds=1))
        early = tick(core)  # welcome DMs and the facilitators' rotation notice, not the wave
        assert early.delivery.sent > 0
        assert not [t for t in fake.texts() if t.startswith("Check-in")]
        fake.clear()

        clock.set(checkin_at)
        caplog.set_level(logging.INFO, logger="scheduler.jobs")
        report = tick(core)
        assert (report.jobs_done, report.jobs_skipped, report.jobs_failed) == (1, 0, 0)
        assert report.delivery.sent == 3
        posts = fake.of("chat.postMessage")
        assert sorted(str(c.args["channel"]) for c in posts) == ["DANN", "DBOB", "DCAT"]
        assert {str(c.args["text"]).split("\n")[0] for c in posts} == {
            "Check-in for meeting 1 (2027-01-14 14:00)"
        }
        assert all(c.token == "xoxb-test" for c in posts)
        assert "tick: 1 jobs done, 0 skipped, 0 failed; 3 sent, 0 retried, 0 permanent" in (
            caplog.text
        )

        clock.advance(timedelta(seconds=30))
        again = tick(core)  # the next tick finds nothing to do
        assert (again.jobs_done, again.delivery.sent) == (0, 0)
        assert len(fake.of("chat.postMessage")) == 3
    finally:
        engine.dispose()


@dataclass
class ThreadNotingSender:
    """Records which thread the send happened on."""

    inner: RecordingSender = field(default_factory=RecordingSender)
    threads: set[int] = field(default_factory=set)

    def send(self, recipient: Recipient, message: Message) -> None:
        self.threads.add(threading.get_ident())
        self.inner.send(recipient, message)


def test_the_async_tick_runs_the_core_off_the_event_loop(bot: Harness) -> None:
    bot.community(members=("bob",))
    noting = ThreadNotingSender()
    bot.core.senders = {"console": noting}
    bot.clock.set(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    report = asyncio.run(tick_async(bot.core))
    assert report.jobs_done >= 1 and report.delivery.sent == len(noting.inner.sent) > 0
    assert noting.threads and threading.get_ident() not in noting.threads


# -- wiring ------------------------------------------------------------------------------------------
def test_platform_senders_are_those_configured(sqlite_url: str, fake: FakeSlack) -> None:
    assert platform_senders(Settings(database_url=sqlite_url)) == {}
    senders = platform_senders(slack_settings(sqlite_url, fake))
    assert list(senders) == ["slack"]
    client = getattr(senders["slack"], "client", None)
    assert client is not None and client.base_url == fake.api_url
    # Socket Mode deployments have no signing secret; the bot token is all sending needs.
    socket_mode = Settings(
        database_url=sqlite_url, slack_bot_token="xoxb-test", slack_app_token="xapp-test"
    )
    assert list(platform_senders(socket_mode)) == ["slack"]
    # Teams with an app id but no password cannot authenticate: left out, and said why.
    half = Settings(
        database_url=sqlite_url, microsoft_app_id="1b7d3c9e-0000-4000-8000-000000000001"
    )
    assert platform_senders(half) == {}


def test_serve_starts_the_scheduler_with_the_app_and_delivers_at_start_up(
    sqlite_url: str, fake: FakeSlack
) -> None:
    settings = slack_settings(sqlite_url, fake)
    core = build_core(settings, senders=platform_senders(settings), deliver_inline=False)
    slack_community(core)
    waiting = len(pending(core))
    assert waiting > 0  # the welcome and intake DMs of the three joins

    async def scenario() -> None:
        app = web.Application()
        attach(app, core=core, settings=settings)
        async with TestServer(app):
            scheduler = app[SCHEDULER_KEY]
            assert scheduler.state == STATE_RUNNING
            assert [j.id for j in scheduler.get_jobs()] == [TICK_JOB_ID]
            # The start-up tick delivers what waited; no clock needs to pass for it.
            await fake.await_call("chat.postMessage", count=waiting, timeout=30)
        await asyncio.sleep(0)  # let the scheduled shutdown run
        assert not scheduler.running

    asyncio.run(scenario())
    assert pending(core) == []
    assert len(fake.of("chat.postMessage")) == waiting


def test_copbot_scheduler_delivers_on_its_first_tick_and_stops_on_sigterm(
    sqlite_url: str, fake: FakeSlack
) -> None:
    settings = slack_settings(sqlite_url, fake)
    # Another process (``serve --no-scheduler``) took the commands and left DMs in the outbox.
    front = build_core(settings, senders={}, deliver_inline=False)
    slack_community(front)
    waiting = len(pending(front))
    assert waiting > 0
    problems: list[BaseException] = []
    finished = threading.Event()

    def stop_when_delivered() -> None:
        try:
            fake.wait_for("chat.postMessage", count=waiting, timeout=30)
        except AssertionError as exc:
            problems.append(exc)
        finally:
            if not finished.is_set():
                os.kill(os.getpid(), signal.SIGTERM)

    # A stray SIGTERM outside run_standalone's own handler must not end the test run.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    stopper = threading.Thread(target=stop_when_delivered, daemon=True)
    waiting_when_started: list[int] = []
    try:
        stopper.start()
        started = lambda: waiting_when_started.append(len(pending(front)))  # noqa: E731
        assert run_standalone(settings, started=started) == 0
    finally:
        finished.set()
        stopper.join(35)
        signal.signal(signal.SIGTERM, previous)
    assert problems == []
    assert waiting_when_started == [waiting]  # once, built and before the first tick
    assert pending(front) == []
    assert len(fake.of("chat.postMessage")) == waiting


# -- the tick's cost ---------------------------------------------------------------------------------
def test_claims_read_one_index_range_in_order_and_never_sort_the_due_rows(bot: Harness) -> None:
    # A claim that sorts every due row is quadratic over a fan-out: 24,000 check-ins took
    # minutes. Each claim must be one range of its (status, time) index, read in order.
    bot.community(members=("bob", "cat"))
    claims: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        # UPDATE ... (SELECT ...), or WITH picked AS (SELECT ...) UPDATE ...
        if statement.startswith(("UPDATE", "WITH")) and "LIMIT" in statement:
            claims.append((statement, parameters))

    event.listen(bot.engine, "before_cursor_execute", seen)
    try:
        bot.run_due(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    finally:
        event.remove(bot.engine, "before_cursor_execute", seen)
    tables = {statement.split("UPDATE", 1)[1].split()[0] for statement, _ in claims}
    assert tables == {"deliveries", "planned_jobs"}
    with bot.engine.connect() as conn:
        for statement, parameters in claims:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            details = [str(row[-1]) for row in plan]
            assert not [d for d in details if "TEMP B-TREE" in d], (statement, details)
            assert [d for d in details if " INDEX ix_" in d], (statement, details)


def test_a_tick_skipped_while_the_last_one_sends_is_no_warning(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(database_url=sqlite_url)
    core = build_core(settings, senders={}, deliver_inline=False)
    scheduler = build_scheduler(core=core, settings=settings)
    log = scheduler._logger  # the logger APScheduler was configured with
    with caplog.at_level(logging.INFO):
        log.warning(
            'Execution of job "%s" skipped: maximum number of running instances reached (%d)',
            "tick",
            1,
        )
        log.warning("something else")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "something else"
    ]


def test_a_routine_tick_adds_no_info_lines_and_the_executor_s_warnings_stay(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(database_url=sqlite_url)
    core = build_core(settings, senders={}, deliver_inline=False)
    build_scheduler(core=core, settings=settings)
    log = logging.getLogger(EXECUTOR_LOGGER)  # where APScheduler's run_job logs
    with caplog.at_level(logging.INFO):
        log.info('Running job "%s" (scheduled at %s)', "tick", "12:00:00")
        log.info('Job "%s" executed successfully', "tick")
        log.warning('Run time of job "%s" was missed by %s', "tick", "0:00:03")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", 'Run time of job "tick" was missed by 0:00:03')
    ]
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger=EXECUTOR_LOGGER):
        log.info('Job "%s" executed successfully', "tick")
    assert [r.levelname for r in caplog.records] == ["DEBUG"]
