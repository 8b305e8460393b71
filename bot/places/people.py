"""`link me`: one person, two accounts (a Slack one and a Teams one), one member.

Someone who joined the community from two places asks for a code with `link me`; copbot sends
it to their DM (so only the owner of that account sees it). Typed as `link me <code>` from the
other account, the two memberships become one: the member who asked for the code stays, the
other account's row is kept only to recognise that account (``Status.MERGED`` with
``merged_into_id``), and everything that pointed at it (answers, logbook, buddy groups,
facilitator turns, prompts) now points at the member, unless the member already has the same
thing (then the member's own stays). Their intake answers fill each other's gaps, and they keep
the higher role. From then on either account acts as the one member, the rotation, the pairing
and the digest count them once, and forget-me from either account erases both.
"""

from __future__ import annotations

from sqlalchemy import Table, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.communities.service import community_by_id
from bot.db import Base
from bot.errors import Conflict, NotFound, PermissionDenied
from bot.handling import Ctx
from bot.members.messaging import INTAKE_STEPS, person
from bot.members.models import Member, Role, Status
from bot.members.service import member_by_id, repoint_merged
from bot.places import flows, service
from bot.places.models import CodeKind
from bot.scope import membership

# Rows that describe a delivery or a person's own account, not the member's history: they
# stay with the account they were made for.
NOT_MOVED = frozenset({"members", "deliveries"})


def link_me(ctx: Ctx, *, code: str | None) -> None:
    if code is None:
        give_code(ctx)
    else:
        redeem(ctx, code=code)


def give_code(ctx: Ctx) -> None:
    """`link me`: a code for the member's other account, sent to their own DM."""
    member = ctx.need_member()
    community = ctx.need_community()
    given = service.new_code(
        ctx.session, kind=CodeKind.PERSON, community=community, member=member, now=ctx.now
    )
    ctx.send(flows.person_code(community=community, member=member, code=given, now=ctx.now))
    ctx.reply(ctx.t("link.me_sent", name=community.name))


def redeem(ctx: Ctx, *, code: str) -> None:
    """`link me <code>` from the other account: the two memberships become one."""
    row = service.find_code(ctx.session, code=code, kind=CodeKind.PERSON, now=ctx.now)
    community = community_by_id(ctx.session, community_id=row.community_id)
    keeper = member_by_id(ctx.session, member_id=row.member_id)
    if community is None or keeper is None or not keeper.is_current:
        raise NotFound("link.code_unknown")
    ctx.community = community
    mine = membership(ctx.session, community=community, actor=ctx.actor)
    if mine is None or not mine.is_current:
        ctx.member = None
        raise PermissionDenied("link.me_not_member", name=community.name)
    if mine.id == keeper.id:
        raise Conflict("link.me_same")
    service.use_code(ctx.session, row=row, now=ctx.now)
    merge(ctx.session, keeper=keeper, other=mine)
    ctx.member = keeper
    ctx.reply(ctx.t("link.me_done", name=community.name, who=person(keeper)))


def merge(session: Session, *, keeper: Member, other: Member) -> None:
    """``other`` (another account of the same person) becomes part of ``keeper``."""
    for field in INTAKE_STEPS:
        if not getattr(keeper, field) and getattr(other, field):
            setattr(keeper, field, getattr(other, field))
    keeper.email = keeper.email or other.email
    if other.role_enum.rank > keeper.role_enum.rank:
        keeper.role = other.role
    keeper.in_core_group = keeper.in_core_group or other.in_core_group
    keeper.joined_at = min(keeper.joined_at, other.joined_at)
    session.flush()
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_MOVED:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "members" for fk in column.foreign_keys):
                _move(session, table, column.name, keeper=keeper.id, other=other.id)
    # Accounts merged into ``other`` before belong to the keeper now too.
    repoint_merged(session, other_id=other.id, keeper_id=keeper.id)
    other.status = Status.MERGED.value
    other.merged_into_id = keeper.id
    other.role = Role.PARTICIPANT.value
    other.in_core_group = False
    session.flush()


def _move(session: Session, table: Table, column: str, *, keeper: int, other: int) -> None:
    """Point ``table.column`` from ``other`` at ``keeper``, row by row: a row the keeper has
    already (an answer to the same question, the same buddy group) stays the keeper's, and
    the other account's copy goes (or, where the column may be empty, lets go of it)."""
    key = list(table.primary_key.columns)
    col = table.c[column]
    for found in session.execute(select(*key).where(col == other)).all():
        where = [c == v for c, v in zip(key, found, strict=True)]
        try:
            with session.begin_nested():
                session.execute(update(table).where(*where).values({column: keeper}))
        except IntegrityError:
            if col.nullable:
                session.execute(update(table).where(*where).values({column: None}))
            else:
                session.execute(table.delete().where(*where))
