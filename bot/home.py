"""A member's personal overview (Slack's App Home tab; any platform may show it).

It is composed from whatever slices exist: each slice's ``status_lines`` (next meeting,
facilitators, buddy and experiment, check-in) plus the member's role and open prompts. A slice
that is missing or fails is left out rather than breaking the page.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.context import Actor, Place
from bot.ctx import Ctx
from bot.i18n import as_lang, catalog, t
from bot.members.models import Member
from bot.messages import Fields, Header, Message, Text
from bot.prompts.models import Prompt, PromptStatus

logger = logging.getLogger(__name__)

# Slices whose status lines are about the member's own next steps, in display order.
PROVIDERS = (
    "bot.meetings.status",
    "bot.facilitation.status",
    "bot.buddies.status",
    "bot.checkins.status",
    "bot.evaluations.status",
)

TEXTS: dict[str, dict[str, str]] = {
    "home.title": {"en": "copbot · {name}", "nl": "copbot · {name}"},
    "home.role": {"en": "Your role", "nl": "Je rol"},
    "home.question": {"en": "Our question", "nl": "Onze vraag"},
    "home.open_prompts": {
        "en": "*Waiting for your answer*",
        "nl": "*Wacht op je antwoord*",
    },
    "home.prompt_line": {"en": "• {kind} (since {since})", "nl": "• {kind} (sinds {since})"},
    "home.no_prompts": {
        "en": "Nothing waits for your answer right now.",
        "nl": "Er wacht nu niets op je antwoord.",
    },
    "home.footer": {
        "en": "Type `help` in this chat (or `/cop help`) for everything you can do.",
        "nl": "Typ `help` in deze chat (of `/cop help`) voor alles wat je kunt doen.",
    },
    "home.outsider": {
        "en": (
            "You are not in a Community of Practice yet. Type `join` in a community's channel "
            "to take part, or `setup <name>` in a channel to start one."
        ),
        "nl": (
            "Je zit nog niet in een Community of Practice. Typ `join` in het kanaal van een "
            "community om mee te doen, of `setup <naam>` in een kanaal om er een te beginnen."
        ),
    },
    "home.kind.intake": {"en": "Introduction", "nl": "Kennismaking"},
    "home.kind.checkin": {"en": "Check-in", "nl": "Check-in"},
    "home.kind.evaluation": {"en": "Evaluation", "nl": "Evaluatie"},
    "home.kind.experiment": {"en": "Experiment", "nl": "Experiment"},
    "roster.unavailable": {
        "en": (
            "I could not read this channel's members. Invite me to the channel first "
            "(`/invite @copbot`), then try again."
        ),
        "nl": (
            "Ik kon de leden van dit kanaal niet lezen. Nodig me eerst uit in het kanaal "
            "(`/invite @copbot`) en probeer het dan opnieuw."
        ),
    },
}


def outsider_message(lang: str | None) -> Message:
    text = t(lang, "home.outsider")
    return Message(text=text, blocks=(Text(text),))


def home_message(
    session: Session, *, member: Member, community: Community, now: datetime
) -> Message:
    lang = as_lang(member.lang or community.lang)
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
    lines: list[str] = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        provider: Callable[[Ctx], list[str]] | None = getattr(module, "status_lines", None)
        if provider is None:
            continue
        try:
            with ctx.session.begin_nested():
                lines.extend(provider(ctx))
        except Exception:  # one broken slice must not blank the whole page
            logger.exception("home: %s failed", name)
    return lines


def _prompt_lines(
    session: Session, *, member: Member, community: Community, now: datetime, lang: str
) -> list[str]:
    prompts = session.scalars(
        select(Prompt)
        .where(Prompt.member_id == member.id, Prompt.status == PromptStatus.OPEN.value)
        .order_by(Prompt.created_at)
    ).all()
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
