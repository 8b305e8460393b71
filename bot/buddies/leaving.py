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
from datetime import datetime

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from bot.buddies import messaging
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
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.outbox.service import Outgoing
from bot.prompts.models import Prompt, PromptStatus
from bot.prompts.service import open_prompt

logger = logging.getLogger(__name__)


def buddy_gone(
    session: Session, *, community: Community, gone: Member, now: datetime
) -> list[Outgoing]:
    """``gone`` is leaving the community: re-pair or tell the buddy they leave alone, and
    tell the facilitators. Returns the messages to send (none when nobody is left alone)."""
    group = group_of(session, member_id=gone.id)
    if group is None:
        return []
    left = [m for m in group.members if m.id != gone.id and m.is_current]
    if len(left) != 1:
        return []  # a trio goes on as a pair; a group of one had nobody to leave behind
    alone = left[0]
    others = [
        g
        for g in groups_of_round(session, round_id=group.round_id)
        if g.id != group.id and any(m.id != gone.id and m.is_active for m in g.members)
    ]
    target = best_group(others, alone, pairing_history(session, community_id=community.id))
    upcoming = next_meeting(session, community_id=community.id, now=now)
    deadline = upcoming.starts_at if upcoming is not None else None
    stamp = int(now.timestamp())
    items: list[Outgoing] = []
    if target is None:
        items.append(
            Outgoing(
                key=f"buddy-gone:{group.id}:{alone.id}:{stamp}",
                member=alone,
                community=community,
                message=messaging.said(member=alone, community=community, key="buddy.gone_alone"),
            )
        )
        moved = None
    else:
        moved = _move(session, member=alone, source=group, target=target, now=now)
        items += _welcome(
            session, community=community, member=alone, group=moved, now=now, deadline=deadline
        )
        logger.info("community %s: member %s re-paired after a buddy left", community.id, alone.id)
    readers = facilitators_of(
        session, community=community, meetings=[upcoming] if upcoming is not None else []
    )
    for reader in readers:
        if reader.id in (gone.id, alone.id):
            continue
        if moved is None:
            note = messaging.said(
                member=reader,
                community=community,
                key="buddy.gone_facilitators_alone",
                who=person(alone),
            )
        else:
            names = messaging.names(lang_of(reader, community), moved.others(alone.id))
            note = messaging.said(
                member=reader,
                community=community,
                key="buddy.gone_facilitators_moved",
                who=person(alone),
                names=names,
            )
        items.append(
            Outgoing(
                key=f"buddy-gone:{group.id}:{alone.id}:{stamp}:{reader.id}",
                member=reader,
                community=community,
                message=note,
            )
        )  # fmt: skip
    return items


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
    session.execute(
        update(Prompt)
        .where(
            Prompt.member_id == member.id,
            Prompt.kind == "experiment",
            Prompt.ref == f"group:{source.id}",
            Prompt.status == PromptStatus.OPEN.value,
        )
        .values(status=PromptStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    moved = group_by_id(session, group_id=target.id)
    assert moved is not None  # it was just loaded and joined
    return moved


def _welcome(
    session: Session,
    *,
    community: Community,
    member: Member,
    group: Group,
    now: datetime,
    deadline: datetime | None,
) -> list[Outgoing]:
    """The re-paired member meets their new buddies; those hear who joins them."""
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
    items = [
        Outgoing(
            key=f"buddy-moved:{group.id}:{member.id}",
            member=member,
            community=community,
            message=messaging.repaired_dm(
                member=member, community=community, group=group, prompt_id=prompt.id,
                next_start=deadline,
            ),
            deadline=deadline,
        )
    ]  # fmt: skip
    for other in group.others(member.id):
        if not other.is_active:
            continue
        items.append(
            Outgoing(
                key=f"buddy-joined:{group.id}:{member.id}:{other.id}",
                member=other,
                community=community,
                message=messaging.newcomer_told(
                    member=other, community=community, group=group, added=[member]
                ),
                deadline=deadline,
            )
        )
    return items
