"""When a buddy goes (``leave`` or ``forget-me``): nobody is left alone without a word.

A pair that loses one member leaves the other on their own for the rest of the cycle. They
join the group of this round that suits best (as a latecomer would: a group whose other
member also went, then a pair rather than a trio, new organisations and new people first),
or, with no group to join, keep their experiment to try alone. Either way they and the
facilitators of the next meeting are told. The one who went is never named: after
``forget-me`` even their name is gone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from bot.buddies.models import BuddyGroupMember
from bot.buddies.service import (
    Group,
    best_group,
    group_by_id,
    group_of,
    groups_of_round,
    pairing_history,
)
from bot.communities.models import Community
from bot.facilitation.service import facilitators_of
from bot.meetings.service import next_meeting
from bot.members.models import Member
from bot.prompts.models import PromptStatus
from bot.prompts.service import expire_open, open_prompt

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Left:
    """What a buddy's going left behind: ``alone`` from ``group``, now in ``moved`` (with
    ``prompt_id``, its 'agree an experiment' question) or on their own (None), and the
    facilitators of the next meeting (``deadline``: when it starts) who hear of it."""

    group: Group
    alone: Member
    moved: Group | None
    prompt_id: int
    readers: list[Member]
    deadline: datetime | None


def rearrange(
    session: Session, *, community: Community, gone: Member, now: datetime
) -> Left | None:
    """``gone`` is leaving the community: re-pair the buddy they leave alone, if a group of
    this round suits (None when nobody is left alone)."""
    group = group_of(session, member_id=gone.id)
    if group is None:
        return None
    left = [m for m in group.members if m.id != gone.id and m.is_current]
    if len(left) != 1:
        return None  # a trio goes on as a pair; a group of one had nobody to leave behind
    alone = left[0]
    others = [
        g
        for g in groups_of_round(session, round_id=group.round_id)
        if g.id != group.id and any(m.id != gone.id and m.is_active for m in g.members)
    ]
    target = best_group(others, alone, pairing_history(session, community_id=community.id))
    upcoming = next_meeting(session, community_id=community.id, now=now)
    deadline = upcoming.starts_at if upcoming is not None else None
    moved, prompt_id = None, 0
    if target is not None:
        moved = _move(session, member=alone, source=group, target=target, now=now)
        prompt_id = _ask(session, member=alone, group=moved, now=now, deadline=deadline)
        logger.info("community %s: member %s re-paired after a buddy left", community.id, alone.id)
    readers = facilitators_of(
        session, community=community, meetings=[upcoming] if upcoming is not None else []
    )
    return Left(group, alone, moved, prompt_id, readers, deadline)


def _move(
    session: Session, *, member: Member, source: Group, target: Group, now: datetime
) -> Group:
    """Put ``member`` in ``target`` instead of ``source``; their reports on ``source``'s
    experiment stay theirs (``my-data`` finds them by the report)."""
    session.execute(
        delete(BuddyGroupMember).where(
            BuddyGroupMember.group_id == source.id, BuddyGroupMember.member_id == member.id
        )
    )
    session.execute(insert(BuddyGroupMember), [{"group_id": target.id, "member_id": member.id}])
    # The old group's 'agree an experiment' question is no longer theirs to answer.
    expire_open(session, member_id=member.id, kind="experiment", ref=f"group:{source.id}")
    session.flush()
    moved = group_by_id(session, group_id=target.id)
    assert moved is not None  # it was just loaded and joined
    return moved


def _ask(
    session: Session, *, member: Member, group: Group, now: datetime, deadline: datetime | None
) -> int:
    """The re-paired member's 'agree an experiment' question in their new group."""
    prompt = open_prompt(
        session,
        member=member,
        kind="experiment",
        now=now,
        meeting_id=group.meeting_id,
        ref=f"group:{group.id}",
        expires_at=deadline,
    )
    if group.experiment is not None:
        prompt.status = PromptStatus.ANSWERED.value  # they join what the group agreed
    return prompt.id
