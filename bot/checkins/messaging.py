"""Check-in messages: the question before a meeting, the follow-up, the reminder, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from bot.attendance.messaging import intent_buttons
from bot.checkins.models import CheckinAnswer
from bot.communities.models import Community
from bot.i18n import t
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.messages import Button, Buttons, Form, Header, Message, Question, Text


def _form_button(lang: str, prompt_id: int) -> Buttons:
    return Buttons((Button(t(lang, "prompt.form_button"), "prompt.form", str(prompt_id)),))


def checkin_message(
    member: Member,
    community: Community,
    meeting: Meeting,
    *,
    prompt_id: int,
    reminder: bool = False,
) -> Message:
    """The check-in question. The experiment question follows the first answer, so it is
    asked only of members who really have an open experiment at that moment."""
    lang = lang_of(member, community)
    label = meeting_label(community, meeting)
    title = t(lang, "checkin.reminder_title" if reminder else "checkin.title", meeting=label)
    question = t(lang, "checkin.q.bring_in")
    hint = t(lang, "checkin.hint")
    coming = t(lang, "attendance.question")
    return Message(
        text=f"{title}\n{coming}\n{question}\n{hint}",
        blocks=(
            Header(title),
            Text(coming),
            intent_buttons(lang, meeting_id=meeting.id),
            Text(question),
            Text(hint),
            _form_button(lang, prompt_id),
        ),
    )


def coming_reminder(member: Member, community: Community, meeting: Meeting) -> Message:
    """The one reminder for someone who checked in but has not said whether they come."""
    lang = lang_of(member, community)
    title = t(lang, "checkin.coming_title", meeting=meeting_label(community, meeting))
    coming = t(lang, "attendance.question")
    return Message(
        text=f"{title}\n{coming}",
        blocks=(Header(title), Text(coming), intent_buttons(lang, meeting_id=meeting.id)),
    )


def experiment_question(lang: str) -> Message:
    text = t(lang, "checkin.q.experiment")
    return Message(text=text, blocks=(Text(text),))


def checkin_form(lang: str, *, prompt_id: int, experiment: bool) -> Form:
    questions = [Question(id="bring_in", label=t(lang, "checkin.q.bring_in"), multiline=True)]
    if experiment:
        questions.append(
            Question(id="experiment", label=t(lang, "checkin.q.experiment"), multiline=True)
        )
    return Form(
        title=t(lang, "checkin.form_title"),  # short: Slack modal titles hold 24 characters
        action_id="prompt.submit",
        value=str(prompt_id),
        submit_label=t(lang, "prompt.submit"),
        questions=tuple(questions),
    )


def summary_lines(
    lang: str,
    *,
    meeting: Meeting,
    answers: Sequence[tuple[CheckinAnswer, Member]],
    missing: Sequence[Member],
) -> list[str]:
    """The facilitators' check-in summary: who brings in what, experiment reports, and who
    has not answered yet."""
    lines: list[str] = []
    for answer, member in answers:
        lines.append(f"• {person(member)}: {answer.bring_in or '-'}")
        if answer.experiment_report:
            lines.append(
                "  ↳ " + t(lang, "checkin.summary_experiment", text=answer.experiment_report)
            )
    answered = len({answer.member_id for answer, _ in answers})
    title = t(
        lang,
        "checkin.summary_title",
        n=meeting.number or "×",
        answered=answered,
        asked=answered + len(missing),
    )
    if not answered:
        lines.append(t(lang, "checkin.summary_empty"))
    if missing:
        lines.append(
            t(lang, "checkin.summary_missing", names=", ".join(str(person(m)) for m in missing))
        )
    return [title, *lines]
