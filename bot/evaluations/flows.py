"""Who is told what about evaluations, under which idempotency key: the rules come from
``service`` and ``results``, the words from ``messaging``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.evaluations import results, service
from bot.evaluations.messaging import (
    channel_message,
    evaluation_message,
    label_or_none,
    summary_message,
    too_few_message,
)
from bot.facilitation.service import facilitators_of
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.outbox.service import Outgoing


def open_wave(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> list[Outgoing]:
    """Ask every active member who came and was not asked yet (keys
    ``evaluation:<meeting>:<member>``)."""
    closes = service.close_at(community, meeting)
    return [
        Outgoing(
            key=f"evaluation:{meeting.id}:{m.id}",
            member=m,
            community=community,
            message=evaluation_message(m, community, meeting, prompt_id=prompt_id),
            deadline=closes,
        )
        for m, prompt_id in service.wave(session, community=community, meeting=meeting, now=now)
    ]


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
