"""Timed evaluation work: ask after the meeting, close and share the anonymous summary."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.evaluations import results, service
from bot.evaluations.messaging import (
    channel_message,
    label_or_none,
    summary_message,
    too_few_message,
)
from bot.evaluations.service import evaluation_window
from bot.facilitation.service import facilitators_of
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.outbox.service import Outgoing
from bot.prompts.service import expire_for_meeting
from bot.timed.around import Around, Spec
from bot.timed.registry import JobCtx


def evaluation_prompt(jctx: JobCtx) -> None:
    meeting = jctx.need_meeting()
    for item in service.open_wave(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def evaluation_close(jctx: JobCtx) -> None:
    """Close the prompts and share the results, unless a facilitator closed it earlier (and
    the results went out then)."""
    meeting = jctx.need_meeting()
    if results.closed_early(jctx.session, meeting_ids=[meeting.id]):
        return
    expire_for_meeting(jctx.session, meeting_id=meeting.id, kind=service.KIND)
    for item in closing_messages(
        jctx.session, community=jctx.community, meeting=meeting, now=jctx.now
    ):
        jctx.send(item)


def closing_messages(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> list[Outgoing]:
    """What a closed evaluation sends: with enough answers the facilitators get the full
    summary (its topics feed the next meeting's preparation) and the channel a short one;
    with too few, the facilitators hear why there is none."""
    summary = results.summaries(session, community=community, meeting_ids=[meeting.id], now=now)[
        meeting.id
    ]
    count = service.answered_counts(session, meeting_ids=[meeting.id])[meeting.id]
    number = meeting.number or "×"
    after = service.following_meeting(session, meeting=meeting)
    following = label_or_none(after, community)
    items: list[Outgoing] = []
    for member in summary_readers(session, community=community, meeting=meeting, after=after):
        lang = lang_of(member, community)
        if summary is None:
            message = too_few_message(
                lang, number=number, count=count, minimum=community.min_answers
            )
        else:
            message = summary_message(lang, number=number, summary=summary, next_label=following)
        items.append(
            Outgoing(
                key=f"evaluation_summary:{meeting.id}:{member.id}",
                member=member,
                community=community,
                message=message,
            )
        )
    if summary is not None:
        items.append(
            Outgoing(
                key=f"evaluation_summary:{meeting.id}:channel",
                community=community,
                message=channel_message(community.lang, number=number, summary=summary),
            )
        )
    return items


def summary_readers(
    session: Session, *, community: Community, meeting: Meeting, after: Meeting | None
) -> list[Member]:
    """Who prepares with the full summary: the facilitators of this meeting (they ran it) and
    of the next one (its topics are their input), not everyone who holds the facilitator role.
    With nobody chosen for either (too few people to rotate), the organisers."""
    meetings = [meeting] if after is None else [meeting, after]
    return facilitators_of(session, community=community, meetings=meetings)


def plan_evaluation(around: Around) -> Spec:
    meeting = around.meeting
    asked, closes = evaluation_window(around.community, meeting)
    return Spec(f"evaluation:{meeting.id}", "evaluation_prompt", asked, closes, meeting.id)


def plan_close(around: Around) -> Spec:
    meeting = around.meeting
    _, closes = evaluation_window(around.community, meeting)
    return Spec(f"evaluation_close:{meeting.id}", "evaluation_close", closes, None, meeting.id)
