"""A member's personal overview (Slack's App Home tab; any platform may show it).

It is composed from the status lines about the member's own next steps (next meeting,
facilitators, buddy and experiment, check-in) plus their role and open prompts. A slice whose
lines fail is left out rather than breaking the page.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.context import Actor, Place
from bot.handling import Ctx
from bot.i18n import catalog, t
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.messages import Fields, Header, Message, Text
from bot.overview.status import providers
from bot.prompts.service import open_of

logger = logging.getLogger(__name__)


def outsider_message(lang: str | None) -> Message:
    text = t(lang, "home.outsider")
    return Message(text=text, blocks=(Text(text),))


def home_message(
    session: Session, *, member: Member, community: Community, now: datetime
) -> Message:
    lang = lang_of(member, community)
    actor = Actor(member.platform, member.user_id, display_name=member.display_name, lang=lang)
    ctx = Ctx(
        session=session,
        now=now,
        actor=actor,
        place=Place(member.platform, member.user_id, "dm"),
        community=community,
        member=member,
    )
    title = t(lang, "home.title", name=community.name)
    pairs = (
        (t(lang, "home.role"), t(lang, f"role.{member.role}").capitalize()),
        (t(lang, "home.question"), community.question or "-"),
    )
    status = _status_lines(ctx)
    prompts = _prompt_lines(session, member=member, community=community, now=now, lang=lang)
    parts = [title, *(f"{k}: {v}" for k, v in pairs), *status, *prompts, t(lang, "home.footer")]
    blocks: list[Header | Fields | Text] = [Header(title), Fields(pairs)]
    if status:
        blocks.append(Text("\n".join(status)))
    blocks.append(Text("\n".join(prompts)))
    blocks.append(Text(t(lang, "home.footer")))
    return Message(text="\n".join(parts), blocks=tuple(blocks))


def _status_lines(ctx: Ctx) -> list[str]:
    own = providers(personal=True)
    try:
        # Every slice's lines in one savepoint: two statements, not two per slice, and what
        # several slices ask (the next meeting) is read once (a release forgets it).
        with ctx.session.begin_nested():
            return [line for provider in own for line in provider(ctx)]
    except Exception:
        # Which slice failed is found (and logged) below, each in a savepoint of its own;
        # their lines are read-only, so reading them again gives the same.
        pass
    lines: list[str] = []
    for provider in own:
        try:
            with ctx.session.begin_nested():
                lines.extend(provider(ctx))
        except Exception:  # one broken slice must not blank the whole page
            logger.exception("home: %s.%s failed", provider.__module__, provider.__qualname__)
    return lines


def _prompt_lines(
    session: Session, *, member: Member, community: Community, now: datetime, lang: str
) -> list[str]:
    prompts = open_of(session, member_id=member.id)
    try:
        zone = ZoneInfo(member.tz or community.tz)
    except (ValueError, KeyError):  # a timezone name the platform made up
        zone = ZoneInfo(community.tz)
    lines = [
        t(
            lang,
            "home.prompt_line",
            kind=_kind_label(lang, p.kind),
            since=p.created_at.astimezone(zone).strftime("%Y-%m-%d"),
        )
        for p in prompts
        if p.expires_at is None or p.expires_at > now
    ]
    if not lines:
        return [t(lang, "home.no_prompts")]
    return [t(lang, "home.open_prompts"), *lines]


def _kind_label(lang: str, kind: str) -> str:
    key = f"home.kind.{kind}"
    return t(lang, key) if key in catalog() else kind
