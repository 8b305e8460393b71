"""Session-anchored timing: planned rows follow their meetings through DST, blackouts,
holidays, moves and cancellations; late starts run useful work once and skip the rest."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.meetings.models import Meeting
from bot.messages import plain
from bot.outbox.models import Delivery
from bot.outbox.service import Outgoing, enqueue
from bot.timed.models import JobStatus, PlannedJob
from tests.harness import Harness

DST_SETTINGS = 'lang=en start=2027-03-11 cadence=2w time=14:00 end=2027-12-31 question="Q?"'


def jobs(bot: Harness) -> dict[str, PlannedJob]:
    with bot.factory() as session:
        return {j.key: j for j in session.scalars(select(PlannedJob))}


def meetings(bot: Harness) -> list[Meeting]:
    with bot.factory() as session:
        return list(session.scalars(select(Meeting).order_by(Meeting.starts_at)))


def meeting_on(bot: Harness, day: str) -> Meeting:
    found = [m for m in meetings(bot) if m.starts_at.date().isoformat() == day]
    assert len(found) == 1, [m.starts_at for m in meetings(bot)]
    return found[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_meetings_and_lead_times_keep_wall_clock_time_across_dst(bot: Harness) -> None:
    bot.clock.set(utc(2027, 3, 1, 9, 0))
    bot.community(settings=DST_SETTINGS)
    # 14:00 in Amsterdam is 13:00 UTC in winter and 12:00 UTC in summer (last Sunday of
    # March 2027 is the 28th, of October the 31st).
    assert meeting_on(bot, "2027-03-25").starts_at == utc(2027, 3, 25, 13, 0)
    assert meeting_on(bot, "2027-04-08").starts_at == utc(2027, 4, 8, 12, 0)
    assert meeting_on(bot, "2027-10-21").starts_at == utc(2027, 10, 21, 12, 0)
    assert meeting_on(bot, "2027-11-04").starts_at == utc(2027, 11, 4, 13, 0)
    assert "2027-04-08 14:00" in bot.text("ann", "schedule")
    assert "2027-11-04 14:00" in bot.text("ann", "schedule")
    # A check-in three days before a meeting is at the meeting's local hour even when the
    # clocks change in between (72 hours would be 13:00 or 15:00 local).
    bot.text("ann", "schedule add 2027-03-30 14:00")
    bot.text("ann", "schedule add 2027-11-02 14:00")
    spring, autumn = meeting_on(bot, "2027-03-30"), meeting_on(bot, "2027-11-02")
    planned = jobs(bot)
    assert planned[f"checkin:{spring.id}"].due_at == utc(2027, 3, 27, 13, 0)  # 14:00 CET
    assert planned[f"checkin:{autumn.id}"].due_at == utc(2027, 10, 30, 12, 0)  # 14:00 CEST
    assert planned[f"brief:{spring.id}"].due_at == utc(2027, 3, 29, 12, 0)  # 14:00 CEST


def test_public_holidays_and_blackouts_move_meetings_and_their_prompts(bot: Harness) -> None:
    bot.clock.set(utc(2027, 3, 1, 9, 0))
    bot.community(settings=DST_SETTINGS)
    # Ascension Day (Thursday 6 May 2027) is a Dutch public holiday: that meeting moves a week.
    assert not [m for m in meetings(bot) if m.starts_at.date().isoformat() == "2027-05-06"]
    moved = meeting_on(bot, "2027-05-13")
    assert jobs(bot)[f"checkin:{moved.id}"].due_at == utc(2027, 5, 10, 12, 0)
    reply = bot.text("ann", "pause 2027-07-12 2027-07-18 summer camp")
    assert "2027-07-15 falls in summer camp: moved to 2027-07-22" in reply
    days = [m.starts_at.date().isoformat() for m in meetings(bot) if not m.is_cancelled]
    assert "2027-07-15" not in days and "2027-07-22" in days
    planned = [
        j
        for j in jobs(bot).values()
        if j.status == JobStatus.PLANNED.value and j.kind == "checkin_prompt"
    ]
    live = {m.id: m for m in meetings(bot) if not m.is_cancelled}
    assert {j.meeting_id for j in planned} == set(live)
    for job in planned:
        assert job.due_at == live[job.meeting_id or 0].starts_at - timedelta(days=3)


def test_moving_a_meeting_moves_its_prompts_and_cancelling_withdraws_them(bot: Harness) -> None:
    bot.community()
    first, second = meetings(bot)[:2]
    before = jobs(bot)[f"checkin:{first.id}"].due_at
    bot.text("ann", "schedule move 1 2027-01-21 14:00")
    after = jobs(bot)
    assert after[f"checkin:{first.id}"].due_at == before + timedelta(days=7)
    assert after[f"evaluation:{first.id}"].due_at == utc(2027, 1, 21, 16, 0)  # end + 1h
    # A prompt of meeting 2 already queued (held back until the morning by quiet hours).
    with bot.factory() as session:
        community_members = session.scalars(select(PlannedJob.community_id)).first()
        assert community_members is not None
        from bot.members.models import Member

        bob = session.scalars(select(Member)).first()
        assert bob is not None
        enqueue(
            session,
            items=[
                Outgoing(key="early:x", member=bob, message=plain("x"), not_before=utc(2030, 1, 1))
            ],
            now=bot.clock(),
            meeting_id=second.id,
        )
        session.commit()
    assert "cancelled" in bot.text("ann", "schedule cancel 2")
    after = jobs(bot)
    of_second = [j for j in after.values() if j.meeting_id == second.id]
    assert of_second and all(j.status == JobStatus.CANCELLED.value for j in of_second)
    with bot.factory() as session:
        assert session.scalars(select(Delivery.status).where(Delivery.key == "early:x")).one() == (
            "cancelled"
        )


def test_after_downtime_useful_work_runs_once_and_pointless_work_is_skipped(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.community(members=("bob",))
    first = meetings(bot)[0]
    # The process was down from before the check-in (11 Jan) until after meeting 1 began.
    caplog.set_level(logging.INFO, logger="bot.timed.runner")
    report = bot.run_due(first.starts_at + timedelta(minutes=150))
    planned = jobs(bot)
    assert planned[f"checkin:{first.id}"].status == JobStatus.SKIPPED.value
    assert planned[f"checkin:{first.id}"].note == "expired: too late to be useful"
    assert planned[f"brief:{first.id}"].status == JobStatus.SKIPPED.value
    assert planned[f"held:{first.id}"].status == JobStatus.DONE.value
    assert f"skipped checkin:{first.id}: overdue" in caplog.text
    assert report.jobs_skipped >= 3 and report.jobs_done >= 1
    with bot.factory() as session:
        keys = list(session.scalars(select(Delivery.key)))
    assert not [k for k in keys if k.startswith(f"checkin:{first.id}:")]
    again = bot.run_due()
    assert (again.jobs_done, again.jobs_skipped, again.jobs_failed) == (0, 0, 0)


def test_overdue_check_in_before_its_meeting_still_goes_out_once(bot: Harness) -> None:
    bot.community(members=("bob",))
    first = meetings(bot)[0]
    bot.run_due(first.starts_at - timedelta(hours=2))  # days late, but before the meeting
    assert jobs(bot)[f"checkin:{first.id}"].status == JobStatus.DONE.value
    got = bot.inbox("bob")
    assert got, "bob should get the check-in"
    bot.run_due(first.starts_at - timedelta(hours=1))
    assert bot.inbox("bob") == []


def test_member_who_joins_mid_cycle_gets_the_next_check_in_and_one_who_left_none(
    bot: Harness,
) -> None:
    bot.community(members=("bob",), settings=_minutes_settings())
    first, second = meetings(bot)[:2]
    bot.run_due(first.starts_at - timedelta(minutes=10))  # check-in 1 went out
    assert bot.inbox("bob")
    bot.run_due(first.ends_at + timedelta(minutes=1))
    bot.text("cat", "join")  # mid-cycle
    bot.inbox("cat")
    bot.text("bob", "leave")
    bot.inbox("bob")
    bot.run_due(second.starts_at - timedelta(minutes=10))
    assert f"checkin:{second.id}" in jobs(bot)
    assert jobs(bot)[f"checkin:{second.id}"].status == JobStatus.DONE.value
    assert bot.inbox("cat"), "the newcomer gets the next check-in"
    assert bot.inbox("bob") == []


def _minutes_settings() -> str:
    return (
        "lang=en start=2027-01-14 time=14:00 cadence=1w checkin_before=15m reminder_after=5m "
        'brief_before=10m evaluation_after=5m evaluation_window=30m question="Q?"'
    )


def test_weekly_digest_stays_at_local_nine_across_dst_and_plans_the_next(bot: Harness) -> None:
    bot.clock.set(utc(2027, 3, 17, 9, 0))
    bot.community(settings="lang=en")
    with bot.factory() as session:
        community_id = session.scalars(select(PlannedJob.community_id)).first()
    march = jobs(bot)[f"digest:{community_id}:2027-03-22"]
    assert march.due_at == utc(2027, 3, 22, 8, 0)  # 09:00 CET
    bot.run_due(march.due_at)
    assert jobs(bot)[f"digest:{community_id}:2027-03-29"].due_at == utc(2027, 3, 29, 7, 0)
    bot.clock.set(utc(2027, 10, 20, 9, 0))
    bot.text("ann", 'config digest="mon 09:00"')  # a replan in October
    october = jobs(bot)[f"digest:{community_id}:2027-10-25"]
    assert october.due_at == utc(2027, 10, 25, 7, 0)  # 09:00 CEST
    assert jobs(bot)[f"digest:{community_id}:2027-03-29"].status == JobStatus.CANCELLED.value
    bot.run_due(october.due_at)
    assert jobs(bot)[f"digest:{community_id}:2027-11-01"].due_at == utc(2027, 11, 1, 8, 0)
    # Missed entirely (down for more than a day): skipped, and the week after still comes.
    bot.run_due(utc(2027, 11, 3, 12, 0))
    planned = jobs(bot)
    assert planned[f"digest:{community_id}:2027-11-01"].status == JobStatus.SKIPPED.value
    assert planned[f"digest:{community_id}:2027-11-08"].status == JobStatus.PLANNED.value


def test_schedule_and_status_show_upcoming_work_in_community_time_and_language(
    bot: Harness,
) -> None:
    bot.community()
    listing = bot.text("ann", "schedule")
    assert "What I will do next:" in listing
    assert "send the check-in" in listing and "2027-01-11 14:00" in listing
    bot.text("ann", "config lang=nl tz=America/New_York")
    listing = bot.text("ann", "schedule")
    assert "Wat ik hierna doe:" in listing and "check-in versturen" in listing
    assert "Wat ik hierna doe:" in bot.text("ann", "status")
