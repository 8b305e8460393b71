"""A member's own row for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.communities.service import community_by_id
from bot.i18n import t
from bot.members.messaging import INTAKE_STEPS
from bot.members.models import Member, Role, Status


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def export(session: Session, *, member: Member) -> dict[str, Any]:
    return {
        "display_name": member.display_name,
        "platform": member.platform,
        "user_id": member.user_id,
        "role": member.role,
        "status": member.status,
        "language": member.lang,
        "timezone": member.tz,
        "language_chosen": member.lang_chosen,
        "timezone_chosen": member.tz_chosen,
        "language_of_platform": member.platform_lang,
        "in_core_group": member.in_core_group,
        "intake": {field: getattr(member, field) for field in INTAKE_STEPS},
        "email_shared_with_buddies": member.email,
        "joined_at": _iso(member.joined_at),
        "left_at": _iso(member.left_at),
        "away_until": member.paused_until.isoformat() if member.paused_until else None,
        "last_active_at": _iso(member.last_active_at),
        # The platform address is an opaque delivery reference; we only say that we keep one.
        "has_platform_address": member.address is not None,
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Anonymise the row rather than delete it: the anonymous aggregates other slices keep
    (ratings, response counts, rotation fairness) still point at a member, just no person."""
    community = community_by_id(session, community_id=member.community_id)
    member.display_name = t(community.lang if community else None, "privacy.former_member")
    member.user_id = f"forgotten-{member.id}"
    member.status = Status.FORGOTTEN.value
    member.role = Role.PARTICIPANT.value
    member.in_core_group = False
    member.address = None
    member.lang = None
    member.tz = None
    member.platform_lang = None
    member.lang_chosen = False
    member.tz_chosen = False
    member.paused_until = None
    member.last_active_at = None
    member.email = None
    member.team_id = None
    for field in INTAKE_STEPS:
        setattr(member, field, None)
    session.flush()


def words(session: Session, *, member: Member) -> list[str]:
    """The intake answers: other people's messages (a buddy's introduction, the digest) quote
    them."""
    answers = [value for field in INTAKE_STEPS if (value := getattr(member, field))]
    return [*answers, member.email] if member.email else answers
