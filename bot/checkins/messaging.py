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

# The words of a check-in in one language: (title, attendance question, question, hint, the
# attendance buttons, the form button's label). Everything but the prompt id is the same for
# everyone asked in that language.
_Words = tuple[str, str, str, str, Buttons, str]


def _words(lang: str, community: Community, meeting: Meeting, *, reminder: bool) -> _Words:
    label = meeting_label(community, meeting)
    return (
        t(lang, "checkin.reminder_title" if reminder else "checkin.title", meeting=label),
        t(lang, "attendance.question"),
        t(lang, "checkin.q.bring_in"),
        t(lang, "checkin.hint"),
        intent_buttons(lang, meeting_id=meeting.id),
        t(lang, "prompt.form_button"),
    )


def _checkin(words: _Words, prompt_id: int) -> Message:
    title, coming, question, hint, buttons, form = words
    return Message(
        text=f"{title}\n{coming}\n{question}\n{hint}",
        blocks=(
            Header(title),
            Text(coming),
            buttons,
            Text(question),
            Text(hint),
            Buttons((Button(form, "prompt.form", str(prompt_id)),)),
        ),
    )


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
    return _checkin(_words(lang, community, meeting, reminder=reminder), prompt_id)


def checkin_messages(
    community: Community,
    meeting: Meeting,
    *,
    asked: Sequence[tuple[Member, int]],
    reminder: bool = False,
) -> list[Message]:
    """``checkin_message`` for each (member, prompt id) of a wave, in that order: the words
    are put together once per language, not once per member."""
    words: dict[str, _Words] = {}
    found = []
    for member, prompt_id in asked:
        lang = lang_of(member, community)
        if lang not in words:
            words[lang] = _words(lang, community, meeting, reminder=reminder)
        found.append(_checkin(words[lang], prompt_id))
    return found


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
