"""Messages the bot sent (or still has to send) to a member, for ``my-data`` and ``forget-me``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from bot.members.models import Member
from bot.messages import unname
from bot.outbox.models import Delivery, DeliveryStatus

EMPTY_PAYLOAD: dict[str, Any] = {"text": "", "blocks": []}


def export(session: Session, *, member: Member) -> dict[str, Any]:
    rows = session.execute(
        select(
            Delivery.key, Delivery.status, Delivery.payload, Delivery.created_at, Delivery.sent_at
        )
        .where(Delivery.member_id == member.id, Delivery.to_channel.is_(False))
        .order_by(Delivery.id)
    ).all()
    return {
        "messages": [
            {
                "kind": key.split(":", 1)[0],
                "status": status,
                "text": (payload or {}).get("text", ""),
                "queued_at": created_at.isoformat(),
                "sent_at": sent_at.isoformat() if sent_at else None,
            }
            for key, status, payload, created_at, sent_at in rows
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Nothing more is sent, and what was sent is no longer readable from our tables.

    The rows themselves stay (with their idempotency keys), so a retried job can never
    send the same message again to a re-joined person.
    """
    mine = (Delivery.member_id == member.id, Delivery.to_channel.is_(False))
    session.execute(
        update(Delivery)
        .where(*mine, Delivery.status == DeliveryStatus.PENDING.value)
        .values(status=DeliveryStatus.CANCELLED.value, last_error="forgotten")
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Delivery)
        .where(*mine)
        .values(payload=EMPTY_PAYLOAD, recipient=f"forgotten-{member.id}", address=None)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class Traces:
    """What identifies a person in the messages copbot sent to others, and what replaces it.

    ``names`` are shown names, replaced as whole words; ``words`` are things they wrote or
    answered (intake answers, notes, an experiment), replaced wherever they appear.
    """

    platform: str
    user_id: str
    names: tuple[str, ...]
    words: tuple[str, ...]
    former: str  # what the person is called instead ("former member")
    erased: str  # what their words become ("(erased)")


# Shorter ones are too likely to be part of someone else's words to be replaced blindly.
MIN_NAME, MIN_WORDS = 2, 3


def scrub(session: Session, *, traces: Traces, community_ids: list[int], forgotten: str) -> int:
    """Take the person out of every message of these communities (sent to anyone, pending or
    sent) and of messages addressed to them by user id (an invitation): mentions become the
    plain ``former`` name, their names and words are replaced, and keys and errors that hold
    their user id get ``forgotten`` instead. The messages themselves stay, still readable.
    Returns how many rows changed."""
    addressed = and_(Delivery.platform == traces.platform, Delivery.recipient == traces.user_id)
    rows = session.scalars(
        select(Delivery).where(or_(Delivery.community_id.in_(community_ids), addressed))
    ).all()
    rewrite = _rewriter(traces)
    changed = 0
    for row in rows:
        payload = _walk(row.payload, rewrite)
        # Keys are parts joined by ':' ("invite:<community>:<platform>:<user id>").
        key = ":".join(forgotten if part == traces.user_id else part for part in row.key.split(":"))
        error = rewrite(row.last_error) if row.last_error else row.last_error
        is_theirs = row.platform == traces.platform and row.recipient == traces.user_id
        if (payload, key, error) == (row.payload, row.key, row.last_error) and not is_theirs:
            continue
        row.payload, row.key, row.last_error = payload, key, error
        if is_theirs:
            row.recipient, row.address = forgotten, None
            if row.status == DeliveryStatus.PENDING.value:
                row.status = DeliveryStatus.CANCELLED.value
        changed += 1
    session.flush()
    return changed


def _word(value: str, *, edge: str = r"\w") -> re.Pattern[str]:
    return re.compile(rf"(?<!{edge}){re.escape(value)}(?!{edge})")


def _rewriter(traces: Traces) -> Callable[[str], str]:
    user_id = _word(traces.user_id, edge="[A-Za-z0-9_.:-]") if traces.user_id else None
    names = [
        _word(n) for n in sorted(set(traces.names), key=len, reverse=True) if len(n) >= MIN_NAME
    ]
    words = sorted({w for w in traces.words if len(w) >= MIN_WORDS}, key=len, reverse=True)

    def rewrite(text: str) -> str:
        text = unname(text, platform=traces.platform, user_id=traces.user_id, name=traces.former)
        for word in words:
            text = text.replace(word, traces.erased)
        for name in names:
            text = name.sub(traces.former, text)
        if user_id is not None:
            text = user_id.sub(traces.former, text)
        return text

    return rewrite


def _walk(value: Any, rewrite: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, dict):
        return {k: _walk(v, rewrite) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, rewrite) for v in value]
    return value
