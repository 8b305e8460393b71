"""Editing the schedule keeps what was decided: cancellations, moves, themes, facilitators and
answers stay with their meeting, numbers never move, and a change that would move or drop
decided things waits for the organiser's confirmation."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.context import Reply
from bot.facilitation.models import Assignment, AssignmentStatus
from bot.meetings.models import Meeting
from tests.harness import Harness, buttons


def meetings(bot: Harness) -> dict[int, Meeting]:
    with bot.factory() as session:
        return {m.number: m for m in session.scalars(select(Meeting))}


def local(meeting: Meeting) -> str:
    """'2027-03-25 14:00' in Amsterdam (winter or summer time)."""
    from zoneinfo import ZoneInfo

    return meeting.starts_at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d %H:%M")


def text(replies: list[Reply]) -> str:
    return "\n".join(r.message.text for r in replies)


def confirm_value(replies: list[Reply]) -> str:
    found = [
        v for r in replies for _, action, v in buttons(r.message) if action == "schedule.confirm"
    ]
    assert len(found) == 1, text(replies)
    return found[0]


def test_the_reported_sequence_keeps_cancellation_theme_and_numbers(bot: Harness) -> None:
    """config start, theme 2, theme 3, schedule cancel 2, config time=15:00 (the report)."""
    bot.community()
    before = meetings(bot)
    assert sorted(before) == list(range(1, 14))
    bot.text("ann", "theme 2 Twee")
    bot.text("ann", "theme 3 Drie")
    bot.text("ann", "schedule cancel 2")
    asked = bot.say("ann", "config time=15:00")
    reply = text(asked)
    # Meeting 3 has a theme and would move (14:00 -> 15:00): nothing happens before a yes.
    assert "Nothing is changed yet" in reply
    assert "3 (theme)" in reply
    assert "3 · Drie: 2027-04-08 14:00 → 15:00" in reply
    assert all(local(m).endswith("14:00") for m in meetings(bot).values())
    assert "time = 14:00" in bot.text("ann", "config")
    done = text(bot.click("ann", "schedule.confirm", confirm_value(asked)))
    assert "Saved: time = 15:00" in done
    assert "Cancelled meetings stay cancelled: 2." in done
    after = meetings(bot)
    assert sorted(after) == list(range(1, 14))  # no 14th meeting, no number moved
    assert after[2].is_cancelled and local(after[2]) == "2027-02-25 14:00"
    assert after[2].theme == "Twee"
    assert after[3].theme == "Drie" and local(after[3]) == "2027-04-08 15:00"
    for number in range(1, 14):
        assert after[number].id == before[number].id
        if number != 2:
            assert local(after[number]) == local(before[number])[:11] + "15:00"
    listing = bot.text("ann", "schedule")
    assert "2. 2027-02-25 14:00 · Twee (cancelled)" in listing
    assert "3. 2027-04-08 15:00 · Drie" in listing


def test_numbers_stay_with_their_meeting_through_moves_and_cancellations(bot: Harness) -> None:
    bot.community()
    before = meetings(bot)
    moved = bot.text("ann", "schedule move 3 2027-04-15 14:00")
    assert "3. 2027-04-15 14:00" in moved
    cancelled = bot.text("ann", "schedule cancel 4")
    assert f"4. {local(before[4])}" in cancelled
    after = meetings(bot)
    assert after[4].id == before[4].id and after[4].is_cancelled
    assert after[3].id == before[3].id and local(after[3]) == "2027-04-15 14:00"
    added = bot.text("ann", "schedule add 2027-03-11 14:00")
    assert "14. 2027-03-11 14:00" in added
    # A change of the series leaves the moved meeting's date and makes no second meeting in
    # its place.
    bot.text("ann", "config time=15:00")
    again = meetings(bot)
    assert local(again[3]) == "2027-04-15 14:00"
    assert local(again[14]) == "2027-03-11 14:00"
    assert sorted(again) == list(range(1, 15))
    assert not [m for m in again.values() if local(m).startswith("2027-04-08")]


def test_changing_time_without_decided_things_applies_at_once_and_says_what_moved(
    bot: Harness,
) -> None:
    bot.community()
    reply = bot.text("ann", "config time=10:30")
    assert "Saved: time = 10:30" in reply
    assert "This changes the schedule:" in reply
    assert "• 1: 2027-01-14 14:00 → 10:30" in reply
    assert all(local(m).endswith("10:30") for m in meetings(bot).values())


def test_a_confirmation_can_be_typed_in_dutch_and_discarded(bot: Harness) -> None:
    bot.community(settings="lang=nl start=2027-01-14 time=14:00")
    bot.text("ann", "thema 5 Samen leren")
    asked = bot.text("ann", "instellingen frequentie=4w")
    assert "Er is nog niets veranderd" in asked
    assert "5 (thema)" in asked
    assert "Niets veranderd" in bot.text("ann", "planning verwerp")
    assert "frequentie = 6w" in bot.text("ann", "config")
    assert "Er wacht geen planningswijziging" in bot.text("ann", "planning bevestig")
    bot.text("ann", "instellingen frequentie=4w")
    done = bot.text("ann", "planning bevestig")
    assert "Opgeslagen: frequentie = 4w" in done
    after = meetings(bot)
    assert after[5].theme == "Samen leren"
    # 2027-01-14 + 4 x 4 weeks is Ascension Day (2027-05-06): a week later.
    assert local(after[5]) == "2027-05-13 14:00"
    assert "2027-05-06 valt samen met Hemelvaartsdag: verplaatst naar 2027-05-13" in done


def test_a_confirmation_of_a_plan_that_changed_since_asks_again(bot: Harness) -> None:
    bot.community()
    bot.text("ann", "theme 3 Drie")
    asked = bot.say("ann", "config time=15:00")
    bot.text("ann", "schedule move 4 2027-05-27 14:00")  # the plan is no longer the same
    again = text(bot.click("ann", "schedule.confirm", confirm_value(asked)))
    assert "The schedule changed since you were asked" in again
    assert all(local(m).endswith("14:00") for m in meetings(bot).values())


def test_a_pause_over_a_meeting_with_facilitators_asks_first(bot: Harness) -> None:
    bot.community(members=("bob", "cas"))
    bot.text("ann", "rotate 2")
    asked = bot.say("ann", "pause 2027-02-20 2027-03-07 spring holiday")
    assert "2 (facilitators)" in text(asked)
    assert "No pauses" in bot.text("ann", "pause list")
    done = text(bot.click("ann", "schedule.confirm", confirm_value(asked)))
    assert "Pause 1: no meetings from 2027-02-20 to 2027-03-07" in done
    assert "moved to 2027-03-11" in done
    second = meetings(bot)[2]
    assert local(second) == "2027-03-11 14:00"
    with bot.factory() as session:
        pair = session.scalars(
            select(Assignment).where(
                Assignment.meeting_id == second.id,
                Assignment.status == AssignmentStatus.ASSIGNED.value,
            )
        ).all()
    assert len(pair) == 2  # the facilitators went along with their meeting


def test_pauses_are_listed_and_removed_and_the_meeting_comes_back(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("ann", "pause 2027-02-20 2027-03-07 spring holiday")
    bot.text("ann", "pause 2027-07-10 2027-08-22 summer")
    listing = bot.text("bob", "pause")
    assert "1. 2027-02-20 – 2027-03-07 · spring holiday" in listing
    assert "2. 2027-07-10 – 2027-08-22 · summer" in listing
    assert "Only an organiser" in bot.text("bob", "pause remove 1")
    removed = bot.text("ann", "pause remove 1")
    assert "Pause removed: 1. 2027-02-20" in removed
    assert "• 2: 2027-03-11 14:00 → 2027-02-25 14:00" in removed
    assert "There is no pause 1" in bot.text("ann", "pause remove 1")
    assert "2. 2027-07-10" in bot.text("ann", "pause list")


def test_adding_a_meeting_on_a_day_with_a_meeting_is_refused(bot: Harness) -> None:
    bot.community()
    assert "already a meeting on 2027-01-14: meeting 1 at 14:00" in bot.text(
        "ann", "schedule add 2027-01-14 16:00"
    )
    assert "added: 14." in bot.text("ann", "schedule add 2027-01-21 14:00")
    assert "already a meeting on 2027-01-21: meeting 14" in bot.text(
        "ann", "schedule add 2027-01-21 14:00"
    )
    assert "already a meeting on 2027-01-14" in bot.text("ann", "schedule move 14 2027-01-14 10:00")
    # A cancelled meeting's day is free again; the new meeting gets the next number.
    bot.text("ann", "schedule cancel 14")
    assert "added: 15. 2027-01-21 14:00" in bot.text("ann", "schedule add 2027-01-21 14:00")


def test_settings_outside_sane_ranges_are_refused_naming_the_range(any_bot: Harness) -> None:
    bot = any_bot
    bot.community()
    cases = {
        "config end=9999-12-30": "at most 36 months",
        "config start=9999-12-31": "use 2027-01-04 to 2029-01-05",
        "config start=2026-12-01": "use 2027-01-04 to",
        "config cadence=1d": "use 1w to 13w",
        "config cadence=9d": "use 1w to 13w",
        "config duration=30h": "use 1m to 8h",
        "config evaluation_window=0m": "use 1m to 4w2d",
        "config checkin_before=60d": "use 1m to 3w",
        "config size=1": "use 2 to 500",
        "config holidays=XX": "Use `none`, or one of: ",
    }
    for command, expected in cases.items():
        reply = bot.text("ann", command)
        assert expected in reply, (command, reply)
    assert "NL, NO" in bot.text("ann", "config holidays=XX")
    assert "holidays = none" in bot.text("ann", "config holidays=none")
    assert "holidays = BE" in bot.text("ann", "config holidays=be")
    assert len(meetings(bot)) == 13
    for number in ("99", "2147483648", "9223372036854775808", "9" * 40):
        for command in (f"theme {number} x", f"schedule cancel {number}", f"results {number}"):
            reply = bot.text("ann", command)
            assert "There is no meeting" in reply, (command, reply)


def test_holiday_names_are_in_the_community_language(bot: Harness) -> None:
    bot.community(settings="lang=nl start=2027-01-14 time=14:00")
    reply = bot.text("ann", "planning toevoegen 2027-04-27 14:00")
    assert "Koningsdag" in reply and "King" not in reply
    bot.text("ann", "config lang=en")
    assert "King's Day" in bot.text("ann", "schedule add 2027-04-27 14:00")


def test_a_cadence_change_halfway_continues_from_the_last_meeting_held(bot: Harness) -> None:
    bot.community()
    bot.run_due(datetime(2027, 4, 9, 12, 0, tzinfo=UTC))  # meetings 1-3 held
    before = meetings(bot)
    reply = bot.text("ann", "config cadence=4w")
    assert "Saved: cadence = 4w" in reply, reply
    after = meetings(bot)
    for number in (1, 2, 3):
        assert local(after[number]) == local(before[number])
    # From meeting 3 (2027-04-08) every four weeks: 05-06 is Ascension Day (a week later),
    # then 06-03, 07-01, ...
    assert local(after[4]) == "2027-05-13 14:00"
    assert local(after[5]) == "2027-06-03 14:00"
    assert after[4].id == before[4].id
    starts = sorted(m.starts_at for m in after.values() if not m.is_cancelled)
    assert all(b - a >= timedelta(days=7) for a, b in itertools.pairwise(starts))


def test_who_said_they_come_is_an_answer_a_series_change_asks_about(bot: Harness) -> None:
    """'Ik kom' is an answer tied to its meeting: moving that meeting with the series asks
    first, and the answer stays with its meeting."""
    bot.community(members=("bob", "cas"))
    assert "2" in bot.text("bob", "coming yes 2")
    asked = bot.say("ann", "config time=16:00")
    assert "Nothing is changed yet" in text(asked) and "2 (answers)" in text(asked)
    assert all(local(m).endswith("14:00") for m in meetings(bot).values())
    done = text(bot.click("ann", "schedule.confirm", confirm_value(asked)))
    assert "• 2: 2027-02-25 14:00 → 16:00" in done
    assert "Bob" in bot.text("ann", "attendance 2")
