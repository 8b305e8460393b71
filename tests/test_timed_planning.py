"""Session-anchored timing: planned rows follow their meetings through DST, blackouts,
holidays, moves and cancellations; late starts run useful work once and skip the rest."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.context import Place
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.messages import plain
from bot.outbox.models import Delivery
from bot.outbox.service import Outgoing, enqueue
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.runner import RUNNING_LEASE
from tests.harness import CHANNEL, PLATFORM, Harness

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
    return datetime(*args, tzinfo=UTC)  # type: ignore[arg-type, misc]


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


NIGHT_SETTINGS = (
    "lang=en holidays=none quiet=off duration=2h checkin_before=15m reminder_after=5m "
    'brief_before=10m evaluation_after=5m evaluation_window=30m question="Q?"'
)


def sent_at(bot: Harness, prefix: str) -> dict[str, datetime]:
    """When each delivery whose key starts with ``prefix`` went out, by key."""
    with bot.factory() as session:
        rows = session.scalars(select(Delivery).where(Delivery.key.startswith(prefix))).all()
    return {row.key: row.sent_at for row in rows if row.sent_at is not None}


def tick_through(bot: Harness, start: datetime, end: datetime, step: timedelta) -> None:
    moment = start
    while moment <= end:
        bot.run_due(moment)
        moment += step


def test_ticks_through_both_dst_nights_send_every_prompt_once_at_its_moment(
    bot: Harness,
) -> None:
    # Meetings in the nights the clocks change (Easter Sunday 2027 is 28 March, hence
    # holidays=none). Lead times in minutes are real minutes: 15 minutes before 03:10 CEST is
    # 02:55 on no clock in Amsterdam; on the wall clock it would come out after the meeting.
    bot.community(members=("bob", "cat"), settings=NIGHT_SETTINGS)
    bot.text("ann", "schedule add 2027-03-28 03:10")
    bot.text("ann", "schedule add 2027-10-31 01:30")  # ends at 02:30 CET, the repeated hour
    spring, autumn = meeting_on(bot, "2027-03-28"), meeting_on(bot, "2027-10-30")
    assert spring.starts_at == utc(2027, 3, 28, 1, 10)
    assert autumn.ends_at == utc(2027, 10, 31, 1, 30)
    five = timedelta(minutes=5)
    tick_through(bot, utc(2027, 3, 27, 23, 0), utc(2027, 3, 28, 4, 0), five)
    tick_through(bot, utc(2027, 10, 30, 22, 0), utc(2027, 10, 31, 3, 0), five)

    assert set(sent_at(bot, f"checkin:{spring.id}:").values()) == {utc(2027, 3, 28, 0, 55)}
    assert set(sent_at(bot, f"brief:{spring.id}:").values()) == {utc(2027, 3, 28, 1, 0)}
    assert set(sent_at(bot, f"evaluation:{spring.id}:").values()) == {utc(2027, 3, 28, 3, 15)}
    assert set(sent_at(bot, f"checkin:{autumn.id}:").values()) == {utc(2027, 10, 30, 23, 15)}
    # Five minutes after an end in the repeated hour, not an hour before it.
    assert set(sent_at(bot, f"evaluation:{autumn.id}:").values()) == {utc(2027, 10, 31, 1, 35)}
    for meeting in (spring, autumn):
        assert len(sent_at(bot, f"checkin:{meeting.id}:")) == 3  # ann, bob, cat
        assert len(sent_at(bot, f"evaluation:{meeting.id}:")) == 3
    with bot.factory() as session:
        sent = session.scalars(select(Delivery).where(Delivery.status == "sent")).all()
    # Sixty ticks a night: still exactly one send per delivery key.
    assert len(bot.sender.sent) == len(sent)
    texts = [(r.recipient, m.text) for r, m in bot.sender.sent]
    assert len(texts) == len(set(texts))


def test_a_due_digest_survives_a_replan_before_the_tick_that_sends_it(bot: Harness) -> None:
    bot.clock.set(utc(2027, 3, 17, 9, 0))
    bot.community(members=("bob",), settings="lang=en")
    monday = utc(2027, 3, 22, 8, 0)  # 09:00 CET
    # Ten seconds after the digest moment, before the next tick, someone leaves: a replan.
    bot.clock.set(monday + timedelta(seconds=10))
    bot.text("bob", "leave")
    planned = [j for j in jobs(bot).values() if j.kind == "digest"]
    assert {(j.due_at, j.status) for j in planned} == {
        (monday, JobStatus.PLANNED.value),
        (utc(2027, 3, 29, 7, 0), JobStatus.PLANNED.value),
    }
    bot.run_due(monday + timedelta(seconds=30))
    assert [m for m in bot.inbox("ann") if "digest" in m.text.lower()], "ann gets the digest"
    # Once sent, a replan leaves it alone and only next week's is planned.
    bot.text("ann", "config ambition=more")
    digests = {j.due_at: j.status for j in jobs(bot).values() if j.kind == "digest"}
    assert digests == {
        monday: JobStatus.DONE.value,
        utc(2027, 3, 29, 7, 0): JobStatus.PLANNED.value,
    }


def test_a_digest_found_a_day_late_is_skipped_and_next_weeks_is_planned(bot: Harness) -> None:
    bot.clock.set(utc(2027, 3, 17, 9, 0))
    bot.community(members=("bob",), settings="lang=en")
    monday = utc(2027, 3, 22, 8, 0)  # 09:00 CET
    bot.inbox("ann")
    # The scheduler was down from before the digest moment until more than a day after it.
    bot.run_due(monday + timedelta(days=1, minutes=1))
    assert not [m for m in bot.inbox("ann") if "digest" in m.text.lower()]
    digests = {j.due_at: j.status for j in jobs(bot).values() if j.kind == "digest"}
    assert digests == {
        monday: JobStatus.SKIPPED.value,
        utc(2027, 3, 29, 7, 0): JobStatus.PLANNED.value,
    }
    bot.run_due(utc(2027, 3, 29, 7, 0))
    assert [m for m in bot.inbox("ann") if "digest" in m.text.lower()], "next week's is sent"


def member_ids(bot: Harness) -> dict[str, int]:
    with bot.factory() as session:
        return {m.user_id: m.id for m in session.scalars(select(Member))}


def test_check_ins_reach_members_abroad_in_their_morning_and_locals_at_once(
    bot: Harness,
) -> None:
    bot.community(members=("bob",))
    for user, tz in (("kei", "Asia/Tokyo"), ("lou", "America/Los_Angeles")):
        bot.core.handle_command(bot.actor(user, tz=tz), Place(PLATFORM, CHANNEL, "channel"), "join")
    first = meetings(bot)[0]
    checkin = jobs(bot)[f"checkin:{first.id}"].due_at
    assert checkin == utc(2027, 1, 11, 13, 0)  # 14:00 Amsterdam: 22:00 Tokyo, 05:00 LA
    ids = member_ids(bot)
    for moment in (
        checkin,
        utc(2027, 1, 11, 15, 59),  # 07:59 in Los Angeles
        utc(2027, 1, 11, 16, 0),  # 08:00 in Los Angeles
        utc(2027, 1, 11, 22, 59),
        utc(2027, 1, 11, 23, 0),  # 08:00 in Tokyo, the next day
        utc(2027, 1, 12, 9, 0),
    ):
        bot.run_due(moment)
    sent = sent_at(bot, f"checkin:{first.id}:")
    assert {user: sent[f"checkin:{first.id}:{ids[user]}"] for user in ids} == {
        "ann": checkin,
        "bob": checkin,
        "lou": utc(2027, 1, 11, 16, 0),
        "kei": utc(2027, 1, 11, 23, 0),
    }
    texts = [(r.recipient, m.text) for r, m in bot.sender.sent]
    assert len(texts) == len(set(texts))


def test_a_meeting_moved_after_its_check_in_is_not_asked_again_and_one_moved_earlier_is_asked_once(
    bot: Harness,
) -> None:
    bot.community(members=("bob",))
    first, second = meetings(bot)[:2]
    bot.run_due(jobs(bot)[f"checkin:{first.id}"].due_at)
    asked = sent_at(bot, f"checkin:{first.id}:")
    assert len(asked) == 2  # ann and bob
    # Moved a week later after the check-in went out: the done row stays done, the rest moves.
    bot.text("ann", "schedule move 1 2027-01-21 14:00")
    planned = jobs(bot)
    assert planned[f"checkin:{first.id}"].status == JobStatus.DONE.value
    assert planned[f"brief:{first.id}"].due_at == utc(2027, 1, 20, 13, 0)
    bot.run_due(utc(2027, 1, 18, 13, 0))  # the check-in moment of the new date
    assert sent_at(bot, f"checkin:{first.id}:") == asked
    # Meeting 2 (25 Feb) moved to 1 Feb while it is already 30 Jan: its check-in moment (29
    # Jan) has passed but the meeting has not, so the next tick sends it, once.
    bot.clock.set(utc(2027, 1, 30, 9, 0))
    bot.text("ann", "schedule move 2 2027-02-01 14:00")
    assert jobs(bot)[f"checkin:{second.id}"].due_at == utc(2027, 1, 29, 13, 0)
    bot.run_due(utc(2027, 1, 30, 9, 1))
    bot.run_due(utc(2027, 1, 30, 10, 0))
    assert jobs(bot)[f"checkin:{second.id}"].status == JobStatus.DONE.value
    assert set(sent_at(bot, f"checkin:{second.id}:").values()) == {utc(2027, 1, 30, 9, 1)}
    texts = [(r.recipient, m.text) for r, m in bot.sender.sent]
    assert len(texts) == len(set(texts))


def test_a_job_left_running_by_a_killed_worker_is_taken_over_after_the_lease_and_runs_once(
    any_bot: Harness,
) -> None:
    bot = any_bot
    bot.community(members=("bob",))
    first = meetings(bot)[0]
    key = f"checkin:{first.id}"
    due = jobs(bot)[key].due_at
    with bot.factory() as session:
        job = session.scalars(select(PlannedJob).where(PlannedJob.key == key)).one()
        # What kill -9 leaves behind mid-job: claimed, its effects rolled back with the process.
        job.status, job.claimed_by, job.claimed_at = JobStatus.RUNNING.value, "dead", due
        session.commit()
    bot.run_due(due + RUNNING_LEASE / 2)
    assert jobs(bot)[key].status == JobStatus.RUNNING.value  # its worker might still live
    assert sent_at(bot, f"{key}:") == {}
    bot.run_due(due + RUNNING_LEASE * 2)
    assert jobs(bot)[key].status == JobStatus.DONE.value
    assert set(sent_at(bot, f"{key}:").values()) == {due + RUNNING_LEASE * 2}
    assert len(sent_at(bot, f"{key}:")) == 2  # ann and bob, once each
    bot.run_due(due + RUNNING_LEASE * 3)
    assert len([m for r, m in bot.sender.sent if m.text.startswith("Check-in")]) == 2
