"""Following people up: one reminder for an intake left unfinished, and who still has not
finished it (for the organisers' digest).

Without an organisation, cross-organisation pairing cannot work for a member, and the social
map cannot place them; a reminder a few days after joining catches most of them.
"""

from __future__ import annotations

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
    session: Session, *, community: Community, now: datetime
) -> list[tuple[Member, Prompt]]:
    """Active members whose intake has been open at least ``REMIND_AFTER`` without being
    finished, with their latest intake prompt (two queries for the whole community)."""
    members = {m.id: m for m in current_members(session, community_id=community.id) if m.is_active}
    latest: dict[int, Prompt] = {}
    for prompt in of_kind(session, community_id=community.id, kind="intake"):
        latest[prompt.member_id] = prompt
    return [
        (members[member_id], prompt)
        for member_id, prompt in latest.items()
        if member_id in members
        and prompt.status != PromptStatus.ANSWERED.value
        and prompt.created_at <= now - REMIND_AFTER
    ]


def remind(session: Session, *, community: Community, now: datetime) -> list[tuple[Member, Prompt]]:
    """The unfinished intakes that get their one reminder now, ever: each opens again where
    they left it (``bot.members.flows.intake_reminders`` says it)."""
    reminded = []
    for member, prompt in unfinished_intakes(session, community=community, now=now):
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
