"""The check-in prompt: 'what do you bring in?' and, with an open experiment, 'how did it go?'.

Step 0 takes the bring-in; step 1 (only when the member has an open buddy experiment) takes
the experiment report, which also goes to the buddies slice as the report-back.
"""

from __future__ import annotations

from bot.attendance.service import Intent, parse_intent, say, spelled_out
from bot.buddies.messaging import outcome_question
from bot.buddies.service import has_open_experiment, report_experiment
from bot.checkins import service
from bot.checkins.messaging import checkin_form, experiment_question
from bot.commands.parser import MAX_TEXT_LENGTH, check_text
from bot.errors import InvalidInput
from bot.handling import Ctx
from bot.meetings.service import meeting_by_id
from bot.messages import Form
from bot.prompts.models import Prompt
from bot.prompts.registry import PromptKind
from bot.prompts.service import close, meeting_of


def answer_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    member = ctx.need_member()
    meeting_id = meeting_of(prompt)
    report: int | None = None
    intent = parse_intent(text) if prompt.step == 0 else None
    if intent is not None:
        # "Ik kom", "ik kom niet", "weet ik nog niet": the attendance answer, not a bring-in;
        # the check-in stays open for what they bring in (unless they are not coming).
        meeting = meeting_by_id(ctx.session, meeting_id=meeting_id)
        if meeting is not None:
            say(ctx, member=member, meeting=meeting, intent=intent)
            if intent is not Intent.NO:
                ctx.reply(ctx.t("attendance.then_bring_in"))
            return
    if prompt.step == 0:
        service.save(ctx.session, member=member, meeting_id=meeting_id, now=ctx.now, bring_in=text)
        if has_open_experiment(ctx.session, member_id=member.id):
            prompt.step = 1
            ctx.reply(experiment_question(ctx.lang))
            return
    else:
        service.save(
            ctx.session, member=member, meeting_id=meeting_id, now=ctx.now, experiment_report=text
        )
        report = report_experiment(
            ctx.session, member=member, text=text, now=ctx.now, meeting_id=meeting_id
        )
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("checkin.thanks"))
    _ask_outcome(ctx, report)


def claims(prompt: Prompt, text: str) -> bool:
    """ "I'm coming" or "ik kom niet" spelled out answers the check-in's first question (are
    you coming?), whatever else is open; a bare "yes" may be another question's answer."""
    return prompt.step == 0 and spelled_out(text) and parse_intent(text) is not None


def submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    member = ctx.need_member()
    meeting_id = meeting_of(prompt)
    raw = fields.get("bring_in", "")
    if not raw.strip():
        raise InvalidInput("checkin.error.empty")
    bring_in = check_text(raw)
    report = fields.get("experiment", "").strip() or None
    if report is not None and len(report) > MAX_TEXT_LENGTH:
        raise InvalidInput("error.too_long", limit=MAX_TEXT_LENGTH)
    service.save(
        ctx.session,
        member=member,
        meeting_id=meeting_id,
        now=ctx.now,
        bring_in=bring_in,
        experiment_report=report,
    )
    made = (
        report_experiment(
            ctx.session, member=member, text=report, now=ctx.now, meeting_id=meeting_id
        )
        if report is not None
        else None
    )
    close(prompt, now=ctx.now)
    ctx.reply(ctx.t("checkin.thanks"))
    _ask_outcome(ctx, made)


def _ask_outcome(ctx: Ctx, report_id: int | None) -> None:
    """A report-back with the check-in: one click more says whether the experiment happened."""
    if report_id is not None:
        ctx.reply(outcome_question(lang=ctx.lang, report_id=report_id))


def form(ctx: Ctx, prompt: Prompt) -> Form:
    member = ctx.need_member()
    return checkin_form(
        ctx.lang,
        prompt_id=prompt.id,
        experiment=has_open_experiment(ctx.session, member_id=member.id),
    )


PROMPTS = [
    PromptKind(service.KIND, answer_text=answer_text, submit=submit, form=form, claims=claims)
]
