"""The halfway reflection: a few days after the meeting closest to the middle of the series,
each member is asked what they learned so far and what they want from the second half; the
answers go into their logbook."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.logbook.models import LogEntry
from bot.meetings.models import Meeting
from bot.messages import File, Message
from bot.prompts.models import Prompt
from bot.reflection.service import halfway
from bot.timed.models import JobStatus, PlannedJob
from tests.harness import Harness, buttons, forms

# The default series: 13 meetings every six weeks from 2027-01-14 to 2028-06-01, 14:00 to
# 16:00 in Amsterdam; the middle of the series in time is meeting 7, 2027-09-23.
HALFWAY_DAY = "2027-09-23"
ASKED_AT = datetime(2027, 9, 26, 14, 0, tzinfo=UTC)  # three days after, 16:00 local
# Its button when copbot asks which open question a reply answers.
REFLECTION = "Halfway reflection"


def reflection_jobs(bot: Harness) -> list[PlannedJob]:
    with bot.factory() as session:
        return list(
            session.scalars(
                select(PlannedJob).where(PlannedJob.kind == "reflection").order_by(PlannedJob.id)
            )
        )


def meeting_of(bot: Harness, job: PlannedJob) -> Meeting:
    with bot.factory() as session:
        meeting = session.get(Meeting, job.meeting_id)
        assert meeting is not None
        return meeting


def planned(bot: Harness) -> PlannedJob:
    [job] = [j for j in reflection_jobs(bot) if j.status == JobStatus.PLANNED.value]
    return job


def questions(bot: Harness, user: str) -> list[Message]:
    return [
        m
        for m in bot.inbox(user)
        if "Halfway reflection" in m.text or "Reflectie halverwege" in m.text
    ]


def test_planned_a_few_days_after_the_meeting_closest_to_the_middle(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    job = planned(bot)
    assert meeting_of(bot, job).starts_at.date().isoformat() == HALFWAY_DAY
    assert meeting_of(bot, job).number == 7
    assert job.due_at == ASKED_AT
    # Answered before the next meeting (2027-11-04 14:00 local).
    assert job.expires_at == datetime(2027, 11, 4, 13, 0, tzinfo=UTC)
    assert "Halfway reflection: two questions for your logbook on 2027-09-26" in bot.text(
        "bob", "status"
    )


def test_the_plan_follows_the_series_when_it_changes(bot: Harness) -> None:
    bot.community(members=("bob",))
    before = planned(bot)
    # Cancelling the last two meetings (2028-04-20, 2028-06-01) moves the middle of the
    # series to 2027-08-11: meeting 6, on 2027-08-12.
    assert "cancelled" in bot.text("ann", "schedule cancel 13")
    assert "cancelled" in bot.text("ann", "schedule cancel 12")
    after = planned(bot)
    assert meeting_of(bot, after).starts_at.date().isoformat() == "2027-08-12"
    assert after.due_at == datetime(2027, 8, 15, 14, 0, tzinfo=UTC)
    [old] = [j for j in reflection_jobs(bot) if j.key == before.key]
    assert old.status == JobStatus.CANCELLED.value
    # Bringing the series back brings the plan back to meeting 7.
    bot.text("ann", "schedule add 2028-04-20 14:00")
    bot.text("ann", "schedule add 2028-06-01 14:00")
    assert planned(bot).key == before.key


def test_asked_once_per_programme_even_when_the_series_changes_afterwards(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.run_due(ASKED_AT)
    assert len(questions(bot, "bob")) == 1
    bot.run_due(ASKED_AT)  # the same work again sends nothing
    assert questions(bot, "bob") == []
    # After it went out the last meetings are cancelled: the middle moves to an earlier
    # meeting, whose moment has passed, and a later change must not ask again either.
    bot.text("ann", "schedule add 2028-07-13 14:00")
    bot.text("ann", "schedule add 2028-08-24 14:00")
    bot.text("ann", "schedule add 2028-10-05 14:00")
    later = planned(bot)
    assert later.due_at > ASKED_AT
    bot.run_due(later.due_at)
    assert questions(bot, "bob") == []


def test_the_question_in_english_and_in_dutch(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    assert "Nederlands" in bot.text("cat", "language nl")
    bot.run_due(ASKED_AT)
    [english] = questions(bot, "bob")
    assert "Test CoP is halfway through its programme" in english.text
    assert "1. What have you learned so far?" in english.text
    assert "2. What do you want to get out of the second half?" in english.text
    [(label, action, _)] = buttons(english)
    assert action == "prompt.form"
    [dutch] = questions(bot, "cat")
    assert "Test CoP is halverwege het programma" in dutch.text
    assert "1. Wat heb je tot nu toe geleerd?" in dutch.text
    assert "2. Wat wil je uit de tweede helft halen?" in dutch.text
    assert buttons(dutch)[0][0] != label  # the button speaks Dutch too


def test_two_replies_answer_both_questions_into_the_logbook(bot: Harness) -> None:
    bot.community(members=("bob",), introduced=True)
    bot.run_due(ASKED_AT)
    questions(bot, "bob")
    # The buddy experiment of meeting 7 is still open too: copbot asks which question the
    # first reply answers; the second follows the reflection, which has just asked it.
    first = bot.dm_for("bob", "Asking before advising", REFLECTION)
    assert "what do you want to get out of the second half?" in first[0].message.text
    assert "is in your logbook" in bot.dm_text("bob", "Try it with two families")
    log = bot.text("bob", "log")
    assert "[halfway: learned so far] Asking before advising" in log
    assert "[halfway: for the second half] Try it with two families" in log
    # The prompt is closed: the next plain reply is not taken as a third answer.
    bot.dm("bob", "Something else entirely")
    assert "Something else entirely" not in bot.text("bob", "log")
    with bot.factory() as session:
        statuses = {
            p.member_id: p.status
            for p in session.scalars(select(Prompt).where(Prompt.kind == "reflection"))
        }
    assert sorted(statuses.values()) == ["answered", "open"]  # Bob's; Ann has not answered


def test_the_form_answers_both_at_once(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.run_due(ASKED_AT)
    [question] = questions(bot, "bob")
    [(_, action, value)] = buttons(question)
    [form] = forms(bot.click("bob", action, value)[0].message)
    assert [q.id for q in form.questions] == ["learned", "next"]
    empty = bot.click("bob", form.action_id, form.value, {"learned": " ", "next": ""})
    assert "Write a few words" in empty[0].message.text
    done = bot.click(
        "bob", form.action_id, form.value, {"learned": "Listen first", "next": "A pilot"}
    )
    assert "is in your logbook" in done[0].message.text
    with bot.factory() as session:
        kinds = [e.kind for e in session.scalars(select(LogEntry).order_by(LogEntry.id))]
    assert kinds == ["halfway_learned", "halfway_next"]


def test_status_home_and_the_organisers_count(bot: Harness) -> None:
    bot.community(members=("bob", "cat"), introduced=True)
    bot.run_due(ASKED_AT)
    bot.clock.set(ASKED_AT + timedelta(hours=1))
    assert "halfway reflection questions" in bot.core.home(bot.actor("bob")).text
    bot.dm_for("bob", "Asking before advising", REFLECTION)
    bot.dm("bob", "A pilot")
    home = bot.core.home(bot.actor("bob")).text
    assert "Halfway reflection: in your logbook" in home
    assert "halfway reflection questions" not in home
    assert "Halfway reflection: in your logbook" in bot.text("bob", "status")
    assert "members answered" not in bot.text("bob", "status")  # organisers only
    assert "Halfway reflection: 1 of 3 members answered" in bot.text("ann", "status")


def test_my_data_shows_the_answers_and_forget_me_erases_them(bot: Harness) -> None:
    bot.community(members=("bob", "cat"), introduced=True)
    bot.run_due(ASKED_AT)
    bot.dm_for("bob", "Asking before advising", REFLECTION)
    bot.dm("bob", "A pilot")
    bot.dm_for("cat", "Patience", REFLECTION)
    reply = bot.dm("bob", "my-data")[0].message
    assert "Asking before advising" in reply.text
    [document] = [b for b in reply.blocks if isinstance(b, File) and b.name == "my-data.json"]
    [membership] = json.loads(document.content)["memberships"]
    assert membership["reflection"]["answers"] == [
        {
            "question": "learned",
            "text": "Asking before advising",
            "meeting_id": membership["reflection"]["answers"][0]["meeting_id"],
            "created_at": ASKED_AT.isoformat(),
        },
        {
            "question": "next",
            "text": "A pilot",
            "meeting_id": membership["reflection"]["answers"][0]["meeting_id"],
            "created_at": ASKED_AT.isoformat(),
        },
    ]
    assert "erased" in bot.text("bob", "forget-me confirm")
    with bot.factory() as session:
        left = [e.text for e in session.scalars(select(LogEntry))]
    assert left == ["Patience"]  # Cat's answer stays, Bob's are gone


def test_halfway_is_the_middle_in_time_not_by_count() -> None:
    start = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    days = [0, 7, 14, 21, 28, 200]  # five weekly meetings, then a long pause
    series = [Meeting(id=n, starts_at=start + timedelta(days=d)) for n, d in enumerate(days)]
    assert halfway(series) is series[4]  # day 28 is closest to day 100
    even = [
        Meeting(id=n, starts_at=start + timedelta(days=d)) for n, d in enumerate([0, 10, 20, 30])
    ]
    assert halfway(even) is even[1]  # 10 and 20 are as close to 15: the earlier
    assert halfway(even[:2]) is None  # two meetings have no halfway to stop at


def test_slack_teams_and_the_console_render_the_question_and_its_form(bot: Harness) -> None:
    """Nothing platform-specific was written for the reflection: each adapter renders the
    question's button and the two-question form as it renders every prompt."""
    from adapters.console.render import render_form_outline, to_text
    from adapters.slack.render import message_payload, modal_view
    from adapters.teams.render import activity
    from adapters.teams.translate import VALUE_KEY

    bot.community(members=("bob",))
    assert "Nederlands" in bot.text("bob", "language nl")
    bot.run_due(ASKED_AT)
    [question] = questions(bot, "bob")
    [(_, action, value)] = buttons(question)
    [form] = forms(bot.click("bob", action, value)[0].message)

    slack = message_payload(question)
    assert "Wat heb je tot nu toe geleerd?" in slack["text"]
    [button] = [e for b in slack["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["value"] == value
    modal = modal_view(form, channel_id=None)
    assert modal["title"]["text"] == "Reflectie halverwege"
    assert [b["block_id"] for b in modal["blocks"]] == ["learned", "next"]
    assert all(b["element"]["multiline"] for b in modal["blocks"])

    teams = activity(question)["attachments"][0]["content"]
    assert any("Wat wil je uit de tweede helft halen?" in str(b) for b in teams["body"])
    assert [a["data"][VALUE_KEY] for a in teams["actions"]] == [value]
    teams_form = activity(Message(text=form.title, blocks=(form,)))["attachments"][0]["content"]
    assert {"learned", "next"} <= {b.get("id") for b in teams_form["body"]}

    assert "2. Wat wil je uit de tweede helft halen?" in to_text(question, lang="nl")
    outline = render_form_outline(form, lang="nl")
    assert "1. Wat heb je tot nu toe geleerd?" in outline and "2. Wat wil je" in outline


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=25))
def test_the_halfway_meeting_is_the_closest_to_the_middle_the_earlier_of_two(
    days: list[int],
) -> None:
    start = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    series = [
        Meeting(id=n, starts_at=start + timedelta(days=d)) for n, d in enumerate(sorted(days))
    ]
    if len(series) < 3:
        assert halfway(series) is None
        return
    middle = series[0].starts_at + (series[-1].starts_at - series[0].starts_at) / 2
    closest = min(abs(m.starts_at - middle) for m in series)
    expected = next(m for m in series if abs(m.starts_at - middle) == closest)
    assert halfway(series) is expected
