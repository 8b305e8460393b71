"""Who is told what about buddies, under which idempotency key: the rules come from
``service``, ``experiments``, ``proposals`` and ``leaving``, the words from ``messaging``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.buddies import messaging
from bot.buddies.leaving import Left, rearrange
from bot.buddies.models import Experiment, ExperimentProposal
from bot.buddies.service import Group
from bot.communities.models import Community
from bot.members.messaging import lang_of, person
from bot.members.models import Member
from bot.outbox.service import Outgoing
from bot.prompts.service import open_once


def cycle_token(*, community_id: int, meeting_id: int | None) -> str:
    """Part of idempotency keys; meeting ids are unique across communities, 'start' is not."""
    return str(meeting_id) if meeting_id is not None else f"start{community_id}"


def pairing(
    session: Session,
    *,
    community: Community,
    groups: list[Group],
    meeting_id: int | None,
    now: datetime,
    next_start: datetime | None,
) -> list[Outgoing]:
    """Every active member's 'meet your buddy' DM, with an open 'agree an experiment'
    prompt, plus the channel announcement. Safe to call twice: prompts are opened once
    and the outbox keys repeat."""
    token = cycle_token(community_id=community.id, meeting_id=meeting_id)
    prompts = open_once(
        session,
        community_id=community.id,
        kind="experiment",
        meeting_id=meeting_id,
        # Whoever joins a group that agreed its experiment already has nothing to agree.
        wanted={
            (m.id, f"group:{g.id}"): g.experiment is not None
            for g in groups
            for m in g.members
            if m.is_active
        },
        expires_at=next_start,
        now=now,
    )
    items = [
        Outgoing(
            key=f"pairing:{token}:{m.id}",
            member=m,
            community=community,
            message=messaging.pairing_dm(
                member=m,
                community=community,
                group=g,
                prompt_id=prompts[(m.id, f"group:{g.id}")],
                next_start=next_start,
            ),
            deadline=next_start,
        )
        for g in groups
        for m in g.members
        if m.is_active
    ]
    items.append(
        Outgoing(
            key=f"pairing:{token}:channel",
            community=community,
            message=messaging.announcement(community=community, groups=groups),
        )
    )
    return items


def nudges(
    session: Session,
    *,
    community: Community,
    meeting_id: int,
    groups: list[Group],
    reported: set[tuple[int, int]],
    expires_at: datetime | None,
    now: datetime,
) -> list[Outgoing]:
    """Halfway the cycle, everyone who has not reported back on their group's experiment is
    asked how it went. The 'report' question opens for each of them, so a plain reply is
    taken as their report-back (and not as the answer to an older question still open, such
    as the intake); like the button's question (``bot.buddies.prompts.open_report``), one
    per member and experiment, whichever opens it first."""
    asked = [
        (group, member)
        for group in groups
        for member in group.members
        if member.is_active and (member.id, group.id) not in reported
    ]
    open_once(
        session,
        community_id=community.id,
        kind="report",
        meeting_id=None,
        wanted={
            (member.id, f"experiment:{group.experiment.id}"): False
            for group, member in asked
            if group.experiment is not None
        },
        expires_at=expires_at,
        now=now,
    )
    return [
        Outgoing(
            key=f"nudge:{meeting_id}:{member.id}",
            member=member,
            community=community,
            message=messaging.nudge(member=member, community=community, group=group),
            deadline=expires_at,
        )
        for group, member in asked
    ]


def newcomers_told(
    *,
    community: Community,
    added: list[tuple[Group, list[Member]]],
    next_start: datetime | None,
) -> list[Outgoing]:
    """Whoever was already in a group hears who joins it."""
    items = []
    for group, members in added:
        new_ids = {m.id for m in members}
        for other in group.members:
            if other.id in new_ids or not other.is_active:
                continue
            items.append(
                Outgoing(
                    key=f"buddy-joined:{group.id}:{min(new_ids)}:{other.id}",
                    member=other,
                    community=community,
                    message=messaging.newcomer_told(
                        member=other, community=community, group=group, added=members
                    ),
                    deadline=next_start,
                )
            )
    return items


def experiment_set(
    *, community: Community, experiment: Experiment, by: Member, others: Sequence[Member]
) -> list[Outgoing]:
    """The other buddies hear the experiment ``by`` noted for the group."""
    return [
        Outgoing(
            key=f"experiment:{experiment.id}:{experiment.revision}:{other.id}",
            member=other,
            community=community,
            message=messaging.experiment_told(
                member=other, community=community, who=person(by), text=experiment.text
            ),
        )
        for other in others
    ]


def proposed(
    *,
    community: Community,
    proposal: ExperimentProposal,
    by: Member,
    current: Experiment,
    others: Sequence[Member],
) -> list[Outgoing]:
    """The other buddies are asked to agree to a new experiment text."""
    return [
        Outgoing(
            key=f"proposal:{proposal.id}:{other.id}",
            member=other,
            community=community,
            message=messaging.proposal_message(
                member=other,
                community=community,
                who=person(by),
                current=current.text,
                text=proposal.text,
                proposal_id=proposal.id,
            ),
        )
        for other in others
    ]


def proposal_agreed(
    *, community: Community, experiment: Experiment, group: Group, buddy: Member
) -> list[Outgoing]:
    """Once the last buddy agrees, the others hear the group's new experiment (same keys as
    a noted experiment: the revision tells them apart)."""
    return [
        Outgoing(
            key=f"experiment:{experiment.id}:{experiment.revision}:{member.id}",
            member=member,
            community=community,
            message=messaging.said(
                member=member, community=community, key="buddy.proposal.agreed_told",
                text=experiment.text,
            ),
        )
        for member in group.members
        if member.id != buddy.id and member.is_current
    ]  # fmt: skip


def proposal_kept(
    *,
    community: Community,
    proposal: ExperimentProposal,
    proposer: Member,
    buddy: Member,
    current: Experiment,
) -> Outgoing:
    """The proposer hears that a buddy keeps the current experiment."""
    return Outgoing(
        key=f"proposal:{proposal.id}:kept",
        member=proposer,
        community=community,
        message=messaging.said(
            member=proposer, community=community, key="buddy.proposal.kept_told",
            who=person(buddy), text=proposal.text, current=current.text,
        ),
    )  # fmt: skip


def relayed(
    *, community: Community, writer: Member, group: Group, text: str, now: datetime
) -> list[Outgoing]:
    """A buddy note to every other buddy of the group."""
    stamp = int(now.timestamp())
    return [
        Outgoing(
            # The writer's member id second: forget-me finds what they wrote by it.
            key=f"buddy-note:{writer.id}:{group.id}:{other.id}:{stamp}",
            member=other,
            community=community,
            message=messaging.relayed(member=other, lang=lang_of(other, community),
                                      writer=writer, group_id=group.id, text=text),
        )
        for other in group.others(writer.id)
    ]  # fmt: skip


def buddy_gone(
    session: Session, *, community: Community, gone: Member, now: datetime
) -> list[Outgoing]:
    """``gone`` is leaving the community: the buddy left alone is re-paired or hears they go
    on alone, and the facilitators are told. None when nobody is left alone."""
    left = rearrange(session, community=community, gone=gone, now=now)
    return [] if left is None else gone_told(community=community, gone=gone, left=left, now=now)


def gone_told(*, community: Community, gone: Member, left: Left, now: datetime) -> list[Outgoing]:
    group, alone, moved = left.group, left.alone, left.moved
    stamp = int(now.timestamp())
    items: list[Outgoing] = []
    if moved is None:
        items.append(
            Outgoing(
                key=f"buddy-gone:{group.id}:{alone.id}:{stamp}",
                member=alone,
                community=community,
                message=messaging.said(member=alone, community=community, key="buddy.gone_alone"),
            )
        )
    else:
        items.append(
            Outgoing(
                key=f"buddy-moved:{moved.id}:{alone.id}",
                member=alone,
                community=community,
                message=messaging.repaired_dm(
                    member=alone, community=community, group=moved, prompt_id=left.prompt_id,
                    next_start=left.deadline,
                ),
                deadline=left.deadline,
            )
        )  # fmt: skip
        items += newcomers_told(
            community=community, added=[(moved, [alone])], next_start=left.deadline
        )
    for reader in left.readers:
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
        )
    return items
