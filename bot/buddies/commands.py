"""pair, buddy, experiment, and the 'tried it: report back' button."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.buddies import flows, messaging, proposals, relay, service
from bot.buddies.experiments import set_outcome
from bot.buddies.messaging import outcome_noted
from bot.buddies.models import (
    BuddyGroup,
    Experiment,
    ExperimentProposal,
    ExperimentReport,
    ExperimentStatus,
    Outcome,
)
from bot.buddies.prompts import agree, open_report
from bot.commands.parser import Parsed, parse_id
from bot.commands.registry import ANY_ARGS, Action, Verb, community_of
from bot.communities.models import Community
from bot.context import Submission
from bot.errors import CopError, NotFound, UsageError
from bot.handling import Ctx
from bot.meetings.service import next_meeting
from bot.members.messaging import person
from bot.members.models import Member, Role
from bot.members.service import active_members, member_by_id
from bot.messages import Buttons, Message, Text


def pair(ctx: Ctx, parsed: Parsed) -> None:
    """Make the groups of the running cycle now (once), DM everyone, announce the round.
    Once they are made, give a group to whoever has none (joined or came back since)."""
    community = ctx.need_community()
    if parsed.tokens:
        raise UsageError()
    meeting = service.current_cycle_meeting(ctx.session, community_id=community.id, now=ctx.now)
    groups, created = service.ensure_groups(
        ctx.session, community=community, meeting=meeting, now=ctx.now
    )
    if not groups:
        active = active_members(ctx.session, community_id=community.id)
        if len(active) == 1:
            ctx.reply(ctx.t("buddy.only_one", who=person(active[0])))
        else:
            ctx.reply(ctx.t("buddy.too_few"))
        return
    upcoming = next_meeting(ctx.session, community_id=community.id, now=ctx.now)
    next_start = upcoming.starts_at if upcoming is not None else None
    meeting_id = meeting.id if meeting is not None else None
    if not created:
        added = service.add_latecomers(
            ctx.session, community=community, round_id=groups[0].round_id, now=ctx.now
        )
        if added:
            _welcome_latecomers(ctx, community, added, meeting_id=meeting_id, next_start=next_start)
            newcomers = [m for _, members in added for m in members]
            ctx.reply(ctx.t("buddy.added", names=messaging.names(ctx.lang, newcomers)))
            return
        lines = [f"• {messaging.names(ctx.lang, g.members)}" for g in groups]
        ctx.reply("\n".join([ctx.t("buddy.already_made"), *lines]))
        return
    for item in flows.pairing(
        ctx.session,
        community=community,
        groups=groups,
        meeting_id=meeting_id,
        now=ctx.now,
        next_start=next_start,
    ):
        ctx.send(item)
    ctx.reply(ctx.t("buddy.made", count=len(groups)))


def _welcome_latecomers(
    ctx: Ctx,
    community: Community,
    added: list[tuple[service.Group, list[Member]]],
    *,
    meeting_id: int | None,
    next_start: datetime | None,
) -> None:
    """The newcomers get the usual 'meet your buddy' DM; whoever was already in the group
    hears who joins (the round itself was announced in the channel when it was made)."""
    groups = [group for group, _ in added]
    newcomer_ids = {m.id for _, members in added for m in members}
    for item in flows.pairing(
        ctx.session,
        community=community,
        groups=groups,
        meeting_id=meeting_id,
        now=ctx.now,
        next_start=next_start,
    ):
        if item.member is not None and item.member.id in newcomer_ids:
            ctx.send(item)
    for item in flows.newcomers_told(community=community, added=added, next_start=next_start):
        ctx.send(item)


def experiment_line(ctx: Ctx, group: service.Group) -> str:
    if group.experiment is None:
        return ctx.t("buddy.no_experiment")
    key = (
        "buddy.experiment_reported"
        if group.experiment.status == ExperimentStatus.REPORTED.value
        else "buddy.experiment"
    )
    return ctx.t(key, text=messaging.experiment_text(ctx.lang, group.experiment.text))


def buddy(ctx: Ctx, parsed: Parsed) -> None:
    """Who your buddies are; `buddy <text>` writes to them (relayed to their platform)."""
    member = ctx.need_member()
    group = service.group_of(ctx.session, member_id=member.id)
    if group is None or not group.others(member.id):
        ctx.reply(ctx.t("buddy.none"))
        return
    if parsed.tokens:
        relay.relay(ctx, group=group, text=parsed.rest(0))
        return
    others = group.others(member.id)
    lines = [
        ctx.t("buddy.yours", names=messaging.names(ctx.lang, others)),
        *(f"• {messaging.introduce(o)}" for o in others),
        experiment_line(ctx, group),
    ]
    pending = proposals.pending_of(ctx.session, group_id=group.id)
    if pending is not None:
        who = next((m for m in group.members if m.id == pending.proposed_by_id), None)
        shown = person(who) if who is not None else "?"
        lines.append(ctx.t("buddy.proposal.pending", who=shown, text=pending.text))
    lines.append(ctx.t("buddy.note.how"))
    text = "\n".join(lines)
    button = Buttons((messaging.write_button(ctx.lang, group.id),))
    ctx.reply(Message(text=text, blocks=(Text(text), button)))


def experiment(ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    group = service.group_of(ctx.session, member_id=member.id)
    if group is None:
        raise CopError("error.no_buddy_group")
    if not parsed.tokens:
        ctx.reply(experiment_line(ctx, group))
        return
    agree(ctx, group, parsed.rest(0))


def experiment_done(ctx: Ctx, submission: Submission) -> None:
    """The nudge's button: open the 'how did it go?' question for this group's experiment."""
    group = relay.clicked_group(ctx, submission)
    open_report(ctx, group)


def _proposal(
    ctx: Ctx, submission: Submission
) -> tuple[ExperimentProposal, service.Group, Experiment, Member]:
    """The proposal a button names, answered by one of its group's other buddies: the
    clicker's row in the proposal's community, which the core resolved from the button."""
    mine = {ctx.member.id} if ctx.member is not None and ctx.member.is_current else set()
    return proposals.open_proposal(
        ctx.session, value=submission.value, member_ids=mine, now=ctx.now
    )


def agree_proposal(ctx: Ctx, submission: Submission) -> None:
    proposal, group, experiment, buddy = _proposal(ctx, submission)
    community = ctx.need_community()
    answer = proposals.agree(
        ctx.session, proposal=proposal, group=group, experiment=experiment, buddy=buddy, now=ctx.now
    )
    if not answer.agreed:
        names = messaging.names(ctx.lang, answer.waiting_for)
        ctx.reply(ctx.t("buddy.proposal.waiting", names=names))
        return
    for item in flows.proposal_agreed(
        community=community, experiment=experiment, group=group, buddy=buddy
    ):
        ctx.send(item)
    ctx.reply(ctx.t("buddy.proposal.agreed_reply", text=experiment.text))


def keep_proposal(ctx: Ctx, submission: Submission) -> None:
    proposal, _, experiment, buddy = _proposal(ctx, submission)
    community = ctx.need_community()
    proposer = proposals.keep(ctx.session, proposal=proposal, now=ctx.now)
    if proposer is not None and proposer.is_current:
        ctx.send(
            flows.proposal_kept(
                community=community, proposal=proposal, proposer=proposer, buddy=buddy,
                current=experiment,
            )
        )  # fmt: skip
    ctx.reply(ctx.t("buddy.proposal.kept_reply", current=experiment.text))


VERBS = [
    Verb("pair", pair, role=Role.FACILITATOR, aliases=("koppel", "pairs")),
    Verb("buddy", buddy, role=Role.PARTICIPANT, aliases=("maatje", "buddies"), args=ANY_ARGS),
    Verb(
        "experiment",
        experiment,
        role=Role.PARTICIPANT,
        aliases=("experimenteer",),
        args=ANY_ARGS,
    ),
]


def report_community(session: Session, value: str) -> int | None:
    """``about`` of the outcome buttons (value ``"<report id>:<outcome>"``): the community of
    the member who reported."""
    report_id = parse_id(value.partition(":")[0])
    report = session.get(ExperimentReport, report_id) if report_id is not None else None
    reporter = member_by_id(session, member_id=report.member_id) if report is not None else None
    return reporter.community_id if reporter is not None else None


def experiment_outcome(ctx: Ctx, submission: Submission) -> None:
    """The buttons under the thanks for a report-back: did the experiment happen?"""
    raw_id, _, raw_outcome = submission.value.partition(":")
    report_id = parse_id(raw_id)
    report = ctx.session.get(ExperimentReport, report_id) if report_id is not None else None
    if report is None or raw_outcome not in {o.value for o in Outcome}:
        raise NotFound("error.prompt_closed")
    # The core resolved the reporter's community from the button: the caller's row there.
    if ctx.member is None or ctx.member.id != report.member_id:
        raise CopError("error.not_your_report")
    outcome = Outcome(raw_outcome)
    set_outcome(ctx.session, report=report, outcome=outcome)
    ctx.reply(outcome_noted(lang=ctx.lang, outcome=outcome))


ACTIONS = {
    **relay.ACTIONS,
    "experiment.done": Action(experiment_done, about=community_of(BuddyGroup)),
    "experiment.agree": Action(agree_proposal, about=community_of(ExperimentProposal)),
    "experiment.keep": Action(keep_proposal, about=community_of(ExperimentProposal)),
    "experiment.outcome": Action(experiment_outcome, about=report_community),
}
