"""Who is told what about logbooks, under which idempotency key: the rules come from
``service`` and the prompts slice, the words from ``messaging``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.logbook.messaging import goal_question, shared_success
from bot.logbook.models import LogEntry
from bot.logbook.service import latest_goals
from bot.members.models import Member
from bot.outbox.service import Outgoing
from bot.prompts.service import open_wave_prompts

KIND = "goal"


def goal_checkin(
    session: Session, *, community: Community, meeting_id: int, expires: datetime, now: datetime
) -> list[Outgoing]:
    """How is your learning goal going? The question opens a prompt, so a plain reply goes
    into the member's logbook."""
    opened = open_wave_prompts(
        session,
        community=community,
        meeting_id=meeting_id,
        kind=KIND,
        expires_at=expires,
        now=now,
    )
    goals = latest_goals(session, community_id=community.id)
    return [
        Outgoing(
            key=f"goal:{meeting_id}:{member.id}",
            member=member,
            community=community,
            message=goal_question(
                member=member,
                community=community,
                goal=goals.get(member.id) or member.learning_goals,
                prompt_id=prompt_id,
            ),
            deadline=expires,
        )
        for member, prompt_id in opened
    ]


def success_shared(*, community: Community, author: Member, entry: LogEntry) -> Outgoing:
    """A success its author shares goes to the channel with their name, once."""
    return Outgoing(
        key=f"success:{entry.id}",
        community=community,
        message=shared_success(community=community, author=author, text=entry.text),
    )
