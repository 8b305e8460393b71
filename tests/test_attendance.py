"""Attendance: 'ik kom / ik kom niet / weet ik nog niet' with the check-in (buttons or a typed
reply), one reminder for the undecided, the head count for the facilitators, who came (by
default those who said they come, corrected by facilitators), and its uses: evaluations go
to those who came, the rotation passes over who cannot come, the digest and report show it
and flag members absent twice in a row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.attendance.models import Attendance
from bot.attendance.service import parse_intent
from bot.facilitation.models import Assignment, AssignmentStatus
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.messages import Message
from tests.harness import Harness, buttons

CHECKIN_1 = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # 14:00 in Amsterdam, 3 days before
REMINDER_1 = datetime(2027, 1, 12, 13, 0, tzinfo=UTC)
BRIEF_1 = datetime(2027, 1, 13, 13, 0, tzinfo=UTC)
AFTER_1 = datetime(2027, 1, 14, 16, 30, tzinfo=UTC)  # the meeting (14:00-16:00) has ended
MEMBERS = ("bob", "cas", "dee", "eva")


def checkin_of(bot: Harness, user: str) -> Message:
    found = [m for m in bot.inbox(user) if "Check-in for meeting" in m.text]
    assert found, bot.all_to(user)
    return found[-1]


def press(bot: Harness, user: str, message: Message, label: str) -> str:
    (value,) = [v for lab, a, v in buttons(message) if a == "attendance.answer" and lab == label]
    return "\n".join(r.message.text for r in bot.click(user, "attendance.answer", value))


def is_reminder(message: Message) -> bool:
    text = message.text.lower()
    return "gentle reminder" in text or text.startswith("meeting 1 (2027-01-14 14:00): are you")


def meeting(bot: Harness, number: int) -> Meeting:
    with bot.factory() as session:
        return session.scalars(select(Meeting).where(Meeting.number == number)).one()


def member_id(bot: Harness, user: str) -> int:
    with bot.factory() as session:
        return session.scalars(select(Member.id).where(Member.user_id == user)).one()


def test_typed_answers_are_understood_in_dutch_and_english() -> None:
    assert parse_intent("Ik kom!") == "yes"
    assert parse_intent("ik kom niet, ik ben op cursus") == "no"
    assert parse_intent("Weet ik nog niet") == "maybe"
    assert parse_intent("I'm coming") == "yes"
    assert parse_intent("I can’t come.") == "no"
    assert parse_intent("not sure yet") == "maybe"
    assert parse_intent("Ik kom met een casus over mevrouw B.") is None
    assert parse_intent("Niet zo veel dit keer") is None


def test_the_check_in_asks_who_comes_and_the_answers_are_used(bot: Harness) -> None:
    bot.community(members=MEMBERS, introduced=True)
    bot.run_due(CHECKIN_1)
    # Buttons in the check-in, in the member's language.
    message = checkin_of(bot, "bob")
    labels = [lab for lab, a, _ in buttons(message) if a == "attendance.answer"]
    assert labels == ["I'm coming", "I can't come", "Not sure yet"]
    assert "Noted: you're coming to meeting 1" in press(bot, "bob", message, "I'm coming")
    # Typed replies to the open check-in.
    reply = bot.dm_text("cas", "I'm coming!")
    assert "you're coming" in reply and "what do you bring in" in reply
    assert "Thanks for checking in" in bot.dm_text("cas", "A case about Mrs B.")
    assert "can't come to meeting 1" in bot.dm_text("dee", "I can't come, I'm on a course")
    assert "I'll ask once more" in bot.dm_text("eva", "not sure yet")
    # The reminder: once, to the undecided and whoever has not checked in (Bob); not to Dee.
    for user in MEMBERS:
        bot.inbox(user)
    bot.run_due(REMINDER_1)
    assert any(is_reminder(m) for m in bot.inbox("bob"))
    assert any(is_reminder(m) for m in bot.inbox("eva"))
    for user in ("dee", "cas"):
        assert not [m for m in bot.inbox(user) if is_reminder(m)], user
    bot.run_due(REMINDER_1.replace(hour=18))
    assert not [m for m in bot.inbox("eva") if is_reminder(m)]  # once
    # The head count for the facilitators: in `attendance`, `checkin summary` and the brief.
    counts = "Expected: 2 coming, 1 not, 1 not sure yet, 1 no answer yet."  # Ann said nothing
    assert counts in bot.text("ann", "attendance")
    assert counts in bot.text("ann", "checkin summary")
    bot.run_due(BRIEF_1)
    briefs = [m.text for u in ("ann", *MEMBERS) for m in bot.all_to(u) if "Brief" in m.text]
    assert briefs and all(counts in text for text in briefs), briefs
    # Who came: by default those who said they come; the evaluation goes to them only.
    bot.run_due(AFTER_1)
    listing = bot.text("ann", "attendance 1")
    assert "Came: " in listing and "Absent: " in listing
    with bot.factory() as session:
        came = {
            row.member_id
            for row in session.scalars(select(Attendance).where(Attendance.attended.is_(True)))
        }
    assert came == {member_id(bot, "bob"), member_id(bot, "cas")}
    evaluated = {
        u for u in ("ann", *MEMBERS) if any("valuable" in m.text.lower() for m in bot.all_to(u))
    }
    assert evaluated == {"bob", "cas"}, evaluated


def test_facilitators_correct_who_came_and_the_evaluation_follows(bot: Harness) -> None:
    bot.community(members=MEMBERS, introduced=True)
    bot.run_due(CHECKIN_1)
    for user in ("bob", "cas"):
        bot.dm(user, "ik kom")
    assert "has not taken place yet" in bot.text("ann", "attendance 1 came <@dee>")
    bot.run_due(datetime(2027, 1, 14, 15, 0, tzinfo=UTC))  # during the meeting
    reply = bot.text("ann", "attendance 1 came <@dee>")
    assert "Recorded as present at meeting 1:" in reply and "Dee" in reply
    assert "Recorded as absent" in bot.text("ann", "attendance 1 absent <@cas>")
    assert "Only a facilitator or organiser" in bot.text("eva", "attendance 1 came <@eva>")
    bot.run_due(AFTER_1)
    evaluated = {
        u for u in ("ann", *MEMBERS) if any("valuable" in m.text.lower() for m in bot.all_to(u))
    }
    assert evaluated == {"bob", "dee"}, evaluated


def test_without_answers_everyone_is_asked_to_evaluate(bot: Harness) -> None:
    bot.community(members=MEMBERS)
    bot.run_due(AFTER_1)
    evaluated = {
        u for u in ("ann", *MEMBERS) if any("valuable" in m.text.lower() for m in bot.all_to(u))
    }
    assert evaluated == {"ann", *MEMBERS}
    with bot.factory() as session:
        assert session.scalars(select(Attendance)).all() == []


def test_rotation_passes_over_a_facilitator_who_cannot_come(bot: Harness) -> None:
    bot.community(members=MEMBERS)
    bot.text("ann", "rotate 2")
    with bot.factory() as session:
        second = session.scalars(select(Meeting).where(Meeting.number == 2)).one()
        pair = session.scalars(
            select(Assignment).where(
                Assignment.meeting_id == second.id,
                Assignment.status == AssignmentStatus.ASSIGNED.value,
            )
        ).all()
        names = {
            row.member_id: session.get(Member, row.member_id).user_id  # type: ignore[union-attr]
            for row in pair
        }
    leaving = sorted(names.values())[0]
    for user in ("ann", *MEMBERS):
        bot.inbox(user)
    reply = bot.text(leaving, "coming no 2")
    assert "can't come to meeting 2" in reply and "keep your place" in reply
    with bot.factory() as session:
        rows = session.scalars(
            select(Assignment).where(Assignment.meeting_id == meeting(bot, 2).id)
        ).all()
        by_user = {
            (session.get(Member, r.member_id).user_id, r.status)  # type: ignore[union-attr]
            for r in rows
        }
    # Released (not passed): the turn does not count, so they keep their place.
    assert (leaving, AssignmentStatus.RELEASED.value) in by_user
    assigned = [u for u, status in by_user if status == AssignmentStatus.ASSIGNED.value]
    assert len(assigned) == 2 and leaving not in assigned
    newcomer = next(u for u in assigned if u not in names.values())
    assert any("meeting 2" in m.text.lower() for m in bot.inbox(newcomer))
    # And a swap to someone who said they cannot come is refused.
    other = next(u for u in assigned)
    assert "cannot take over" in bot.text(other, f"swap 2 <@{other}> <@{leaving}>")


def two_meetings_attended(bot: Harness) -> None:
    """Meetings 1 and 2 held: ann, bob and cas came to both, dee said no, eva never said."""
    bot.community(members=MEMBERS)
    for number, check_in, after in (
        (1, CHECKIN_1, AFTER_1),
        (2, datetime(2027, 2, 22, 13, 0, tzinfo=UTC), datetime(2027, 2, 25, 16, 30, tzinfo=UTC)),
    ):
        bot.run_due(check_in)
        for user in ("ann", "bob", "cas"):
            bot.text(user, f"coming yes {number}")
        bot.text("dee", f"kom nee {number}")
        bot.run_due(after)


def test_digest_and_report_show_attendance_and_flag_two_absences(bot: Harness) -> None:
    two_meetings_attended(bot)
    digest = bot.text("ann", "digest")
    assert "Attendance at the last meeting: 3 of 5" in digest
    flag = next(line for line in digest.splitlines() if "absent from the last two" in line)
    assert "Dee" in flag and "Eva" in flag and "Bob" not in flag
    replies = bot.say("ann", "report")
    report = "\n".join(
        getattr(b, "content", "") for r in replies for b in r.message.blocks
    ) + "\n".join(r.message.text for r in replies)
    assert "| Came |" in report and "| 3/5 |" in report


def test_dutch_verbs_and_texts(bot: Harness) -> None:
    bot.community(settings="lang=nl start=2027-01-14 time=14:00", members=("bob",), introduced=True)
    bot.run_due(CHECKIN_1)
    message = next(m for m in bot.inbox("bob") if "Inchecken" in m.text)
    labels = [lab for lab, a, _ in buttons(message) if a == "attendance.answer"]
    assert labels == ["Ik kom", "Ik kom niet", "Weet ik nog niet"]
    assert "Kom je?" in message.text
    assert "Genoteerd: je weet nog niet" in bot.dm_text("bob", "Weet ik nog niet")
    assert "Genoteerd: je komt naar bijeenkomst 1" in bot.text("bob", "kom ja")
    assert "Verwacht: 1 komen, 0 niet, 0 weten het nog niet, 1 nog geen antwoord." in bot.text(
        "ann", "aanwezigheid"
    )
    assert "Zeg ja, nee of misschien" in bot.text("bob", "kom wellicht")


def test_coming_typed_after_the_check_in_is_about_the_meeting_not_the_intake(bot: Harness) -> None:
    """Bob joined a few days before the check-in and has not finished his intake (its first
    question, his organisation, is still open). He checks in first and then says he comes, as
    people do: that is the attendance answer, not his organisation."""
    bot.community(members=MEMBERS)
    bot.run_due(CHECKIN_1)
    bot.clock.advance(timedelta(hours=1))  # people answer a while later
    # The intake and the check-in could both take what he brings in: copbot asks, he says.
    checked_in = bot.dm_for("bob", "A case about Mrs B.", "Check-in for meeting 1")
    assert "Thanks for checking in" in checked_in[0].message.text
    assert "Noted: you're coming to meeting 1" in bot.dm_text("bob", "I'm coming!")
    bot.dm_for("cas", "A case.", "Check-in for meeting 1")
    assert "can't come to meeting 1" in bot.dm_text("cas", "I can't come, I'm on a course")
    with bot.factory() as session:
        said = {row.member_id: row.intent for row in session.scalars(select(Attendance))}
        people = {m.user_id: m for m in session.scalars(select(Member))}
    assert said == {member_id(bot, "bob"): "yes", member_id(bot, "cas"): "no"}
    assert people["bob"].organisation is None and people["cas"].organisation is None
    # The intake still takes its own answers once Bob says a reply is for it (he moved on
    # to the check-in since it was asked, so copbot checks first).
    assert (
        "(2/4)" in bot.dm_for("bob", "Gemeente Utrecht", "Introduction (about you)")[0].message.text
    )
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        assert bob.organisation == "Gemeente Utrecht"


def test_coming_typed_in_dutch_outside_the_check_in(bot: Harness) -> None:
    bot.community(members=MEMBERS, settings="lang=nl start=2027-01-14 time=14:00", introduced=True)
    bot.run_due(CHECKIN_1)
    assert "Dank je voor het inchecken" in bot.dm_text("dee", "Een casus over mantelzorg")
    assert "je komt niet naar bijeenkomst 1" in bot.dm_text("dee", "Ik kom niet, ik ben ziek")
