"""Evaluation messages: the rating question, the two open questions, and the summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.communities.models import Community
from bot.i18n import t
from bot.meetings.messaging import meeting_label
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.messages import Button, Buttons, Form, Header, Message, Question, Text

if TYPE_CHECKING:
    from bot.evaluations.results import EvaluationSummary

OPEN_STEPS = ("valuable", "topics")  # asked after the rating, in this order


def rating_buttons(lang: str, prompt_id: int) -> Buttons:
    return Buttons(
        (
            *(Button(str(n), "prompt.answer", f"{prompt_id}:{n}") for n in range(1, 6)),
            Button(t(lang, "prompt.form_button"), "prompt.form", str(prompt_id)),
        )
    )


def evaluation_message(
    member: Member, community: Community, meeting: Meeting, *, prompt_id: int
) -> Message:
    lang = lang_of(member, community)
    title = t(lang, "evaluation.title", meeting=meeting_label(community, meeting))
    question = t(lang, "evaluation.q.rating")
    note = t(lang, "evaluation.anonymous", minimum=community.min_answers)
    return Message(
        text=f"{title}\n{question}\n{note}",
        blocks=(Header(title), Text(question), rating_buttons(lang, prompt_id), Text(note)),
    )


def open_question(lang: str, step: int) -> Message:
    """Step 1 asks what was valuable, step 2 which topics next."""
    text = t(lang, f"evaluation.q.{OPEN_STEPS[step - 1]}") + "\n" + t(lang, "evaluation.skip_hint")
    return Message(text=text, blocks=(Text(text),))


def evaluation_form(lang: str, *, prompt_id: int) -> Form:
    return Form(
        title=t(lang, "evaluation.form_title"),
        action_id="prompt.submit",
        value=str(prompt_id),
        submit_label=t(lang, "prompt.submit"),
        questions=(
            Question(
                id="rating",
                label=t(lang, "evaluation.q.rating"),
                choices=tuple((str(n), str(n)) for n in range(1, 6)),
            ),
            Question(
                id="valuable",
                label=t(lang, "evaluation.q.valuable"),
                multiline=True,
                optional=True,
            ),
            Question(
                id="topics", label=t(lang, "evaluation.q.topics"), multiline=True, optional=True
            ),
        ),
    )


def summary_message(
    lang: str,
    *,
    number: int | str,
    summary: EvaluationSummary,
    next_label: str | None,
) -> Message:
    """The full anonymous summary (count, mean, valuable points, suggested topics)."""
    title = t(
        lang,
        "evaluation.summary_title",
        n=number,
        count=summary.count,
        mean=summary.mean,
    )
    parts: list[str] = []
    if summary.valuable:
        parts.append(
            t(lang, "evaluation.summary_valuable")
            + "\n"
            + "\n".join(f"• {v}" for v in summary.valuable)
        )
    if summary.topics:
        parts.append(
            t(lang, "evaluation.summary_topics")
            + "\n"
            + "\n".join(f"• {v}" for v in summary.topics)
        )
        if next_label is not None:
            parts.append(t(lang, "evaluation.topics_carried", meeting=next_label))
    blocks: list[Header | Text] = [Header(title), *(Text(p) for p in parts)]
    return Message(text="\n\n".join([title, *parts]), blocks=tuple(blocks))


def channel_message(lang: str, *, number: int | str, summary: EvaluationSummary) -> Message:
    text = t(
        lang,
        "evaluation.channel_summary",
        n=number,
        count=summary.count,
        mean=summary.mean,
    )
    return Message(text=text, blocks=(Text(text),))


def too_few_message(lang: str, *, number: int | str, count: int, minimum: int) -> Message:
    text = t(lang, "evaluation.too_few_closed", n=number, count=count, minimum=minimum)
    return Message(text=text, blocks=(Text(text),))


def label_or_none(meeting: Meeting | None, community: Community) -> str | None:
    return meeting_label(community, meeting) if meeting is not None else None
