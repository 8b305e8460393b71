"""Prompt kinds of buddies: 'experiment' (agree the group's experiment) and 'report' (how it
went). Both take a plain chat reply or a one-question form."""

from __future__ import annotations

from datetime import timedelta

from bot.buddies import experiments, flows, messaging, proposals, service
from bot.buddies.models import Experiment, Outcome
from bot.commands.parser import check_text, parse_id
from bot.errors import CopError, InvalidInput, NotFound
from bot.handling import Ctx
from bot.meetings.service import next_meeting
from bot.messages import Form, Question
from bot.prompts.models import Prompt, PromptStatus
from bot.prompts.registry import PromptKind
from bot.prompts.service import close, open_prompt

# A 'how did it go?' question left unanswered stops catching replies after this long.
REPORT_OPEN_FOR = timedelta(days=14)


def experiment_input(text: str) -> str:
    """An experiment as typed: not empty, and short enough to be kept whole (its own limit,
    lower than a free text's: it is repeated in nudges, briefs and digests)."""
    text = text.strip()
    if not text:
        raise InvalidInput("buddy.error.empty_experiment")
    if len(text) > experiments.MAX_EXPERIMENT:
        raise InvalidInput("error.too_long", limit=experiments.MAX_EXPERIMENT)
    return text


def report_input(text: str) -> str:
    if not text.strip():
        raise InvalidInput("buddy.error.empty_report")
    return check_text(text)


def agree(ctx: Ctx, group: service.Group, text: str) -> None:
    """Note the group's experiment and tell the buddies; once the group agreed one, a new
    text is a proposal the other buddies agree to (or not), never a silent replacement."""
    text = experiment_input(text)
    member = ctx.need_member()
    community = ctx.need_community()
    current = group.experiment
    # An experiment erased by forget-me, or a buddy left alone, has nobody to agree with.
    if current is not None and current.text and group.others(member.id):
        if text == current.text:
            ctx.reply(ctx.t("buddy.experiment_same", text=current.text))
            return
        propose(ctx, group, current, text)
        return
    experiment = experiments.set_experiment(
        ctx.session, group=group, member=member, text=text, now=ctx.now
    )
    others = group.others(member.id)
    for item in flows.experiment_set(
        community=community, experiment=experiment, by=member, others=others
    ):
        ctx.send(item)
    if others:
        names = messaging.names(ctx.lang, others)
        ctx.reply(ctx.t("buddy.experiment_saved", text=experiment.text, names=names))
    else:  # their buddies left; the experiment is still worth trying
        ctx.reply(ctx.t("buddy.experiment_saved_solo", text=experiment.text))


def propose(ctx: Ctx, group: service.Group, current: Experiment, text: str) -> None:
    member = ctx.need_member()
    community = ctx.need_community()
    proposal = proposals.propose(
        ctx.session, group=group, experiment=current, member=member, text=text, now=ctx.now
    )
    others = group.others(member.id)
    for item in flows.proposed(
        community=community, proposal=proposal, by=member, current=current, others=others
    ):
        ctx.send(item)
    ctx.reply(
        ctx.t(
            "buddy.proposal.sent",
            names=messaging.names(ctx.lang, others),
            text=proposal.text,
            current=current.text,
        )
    )


def open_report(ctx: Ctx, group: service.Group) -> None:
    """Ask the member how the experiment went; their next plain reply is the report."""
    member = ctx.need_member()
    experiment = group.experiment
    if experiment is None:
        raise CopError("error.no_experiment_yet")
    prompt = open_prompt(
        ctx.session,
        member=member,
        kind="report",
        now=ctx.now,
        ref=f"experiment:{experiment.id}",
        expires_at=ctx.now + REPORT_OPEN_FOR,
    )
    # Reporting twice is fine (a second thought after the meeting): reopen and refresh it.
    prompt.status, prompt.answered_at = PromptStatus.OPEN.value, None
    prompt.created_at, prompt.expires_at = ctx.now, ctx.now + REPORT_OPEN_FOR
    ctx.reply(messaging.report_question(lang=ctx.lang, text=experiment.text, prompt_id=prompt.id))


def _own_group(ctx: Ctx, prompt: Prompt) -> service.Group:
    member = ctx.need_member()
    _, _, raw = (prompt.ref or "").partition(":")
    group_id = parse_id(raw)
    group = service.group_by_id(ctx.session, group_id=group_id) if group_id is not None else None
    if group is None or all(m.id != member.id for m in group.members):
        raise NotFound("error.prompt_closed")
    return group


def experiment_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    agree(ctx, _own_group(ctx, prompt), text)


def experiment_submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    agree(ctx, _own_group(ctx, prompt), fields.get("experiment", ""))


def experiment_form(ctx: Ctx, prompt: Prompt) -> Form:
    return Form(
        title=ctx.t("buddy.form_title"),
        action_id="prompt.submit",
        value=str(prompt.id),
        submit_label=ctx.t("prompt.submit"),
        questions=(Question(id="experiment", label=ctx.t("buddy.form_question"), multiline=True),),
    )


def _record(ctx: Ctx, prompt: Prompt, text: str, outcome: Outcome | None) -> None:
    member = ctx.need_member()
    _, _, raw = (prompt.ref or "").partition(":")
    experiment_id = parse_id(raw)
    experiment = ctx.session.get(Experiment, experiment_id) if experiment_id is not None else None
    if experiment is None:
        raise NotFound("error.prompt_closed")
    upcoming = next_meeting(ctx.session, community_id=member.community_id, now=ctx.now)
    report = experiments.report_on(
        ctx.session,
        member=member,
        experiment=experiment,
        text=report_input(text),
        now=ctx.now,
        meeting_id=upcoming.id if upcoming is not None else None,
        outcome=outcome,
    )
    close(prompt, now=ctx.now)
    if outcome is None:
        ctx.reply(messaging.report_saved(lang=ctx.lang, report_id=report.id))
    else:
        ctx.reply(messaging.outcome_noted(lang=ctx.lang, outcome=outcome))


def report_text(ctx: Ctx, prompt: Prompt, text: str) -> None:
    """A plain reply: either the whole story (then copbot asks the outcome with buttons) or
    first just the outcome ('done', 'deels', 'nee'), then what was learned."""
    said = experiments.parse_outcome(text)
    if prompt.step == 0 and said is not None:
        prompt.answers = {**prompt.answers, "outcome": said.value}
        prompt.step = 1
        ctx.reply(ctx.t("buddy.report_learned"))
        return
    known = prompt.answers.get("outcome") if prompt.step == 1 else None
    _record(ctx, prompt, text, Outcome(known) if known else None)


def report_submit(ctx: Ctx, prompt: Prompt, fields: dict[str, str]) -> None:
    raw = fields.get("outcome", "")
    outcome = Outcome(raw) if raw in {o.value for o in Outcome} else None
    _record(ctx, prompt, fields.get("report", ""), outcome)


def report_form(ctx: Ctx, prompt: Prompt) -> Form:
    return Form(
        title=ctx.t("buddy.report_form_title"),
        action_id="prompt.submit",
        value=str(prompt.id),
        submit_label=ctx.t("prompt.submit"),
        questions=(
            Question(
                id="outcome",
                label=ctx.t("buddy.outcome_question"),
                choices=tuple((o.value, ctx.t(f"buddy.outcome.{o.value}")) for o in Outcome),
                optional=True,
            ),
            Question(id="report", label=ctx.t("buddy.report_form_question"), multiline=True),
        ),
    )


PROMPTS = [
    PromptKind(
        "experiment", answer_text=experiment_text, submit=experiment_submit, form=experiment_form
    ),
    PromptKind("report", answer_text=report_text, submit=report_submit, form=report_form),
]
