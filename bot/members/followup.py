"""Following people up: one reminder for an intake left unfinished, and who still has not
finished it (for the organisers' digest).

Without an organisation, cross-organisation pairing cannot work for a member, and the social
map cannot place them; a reminder a few days after joining catches most of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.members.models import Member
from bot.members.prompts import INTAKE_OPEN_FOR
from bot.members.service import current_members
from bot.prompts.models import Prompt, PromptStatus
from bot.prompts.service import of_kind

REMIND_AFTER = timedelta(days=3)
REMINDED = "reminded"  # the intake prompt's ref once its one reminder went out


def unfinished_intakes(
    session: Session,
    *,
    community: Community,
    now: datetime,
    members: Iterable[Member] | None = None,
    intakes: list[Prompt] | None = None,
) -> list[tuple[Member, Prompt]]:
    """Active members whose intake has been open at least ``REMIND_AFTER`` without being
    finished, with their latest intake prompt (two queries for the whole community; none
    when the caller has read its ``members``, the community's current ones, and its
    ``intakes``, its intake prompts oldest first, already)."""
    if members is None:
        members = current_members(session, community_id=community.id)
    if intakes is None:
        intakes = of_kind(session, community_id=community.id, kind="intake")
    active = {m.id: m for m in members if m.is_active}
    latest: dict[int, Prompt] = {}
    for prompt in intakes:
        latest[prompt.member_id] = prompt
    return [
        (active[member_id], prompt)
        for member_id, prompt in latest.items()
        if member_id in active
        and prompt.status != PromptStatus.ANSWERED.value
        and prompt.created_at <= now - REMIND_AFTER
    ]


def remind(
    session: Session,
    *,
    community: Community,
    now: datetime,
    unfinished: list[tuple[Member, Prompt]] | None = None,
) -> list[tuple[Member, Prompt]]:
    """The unfinished intakes that get their one reminder now, ever: each opens again where
    they left it (``bot.members.flows.intake_reminders`` says it). ``unfinished``: what
    ``unfinished_intakes`` found, when the caller has it already."""
    if unfinished is None:
        unfinished = unfinished_intakes(session, community=community, now=now)
    reminded = []
    for member, prompt in unfinished:
        if prompt.ref == REMINDED:
            continue
        prompt.ref = REMINDED
        prompt.status = PromptStatus.OPEN.value
        prompt.expires_at = now + INTAKE_OPEN_FOR
        # The reminder asks its question again: the intake is the live conversation once
        # more. A check-in open since before is not settled by it: a reply then may be for
        # either, and copbot asks which (``bot.prompts.replies``).
        prompt.reminded_at = now
        reminded.append((member, prompt))
    return reminded
