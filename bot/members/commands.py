"""join, leave, members, role, away, back."""

from __future__ import annotations

import re

from bot.commands.parser import Parsed, parse_date
from bot.commands.registry import ANY_ARGS, NO_ARGS, Args, Verb, exactly, up_to
from bot.errors import InvalidInput, UsageError
from bot.events import MemberLeft, RoleChanged, publish
from bot.handling import Ctx
from bot.i18n import LANGS, join_and
from bot.meetings.school import is_skip, parse_region
from bot.members import approval, flows, joining, service
from bot.members.joining import warn_on_size_change
from bot.members.messaging import person
from bot.members.models import Role, Status
from bot.members.profile import canonical_tz, choose_tz, follow_platform
from bot.messages import Fields, Header, Message
from bot.timed.planner import replan

ROLE_WORDS = {
    "participant": Role.PARTICIPANT, "deelnemer": Role.PARTICIPANT,
    "facilitator": Role.FACILITATOR, "facilitator-nl": Role.FACILITATOR,
    "organiser": Role.ORGANISER, "organizer": Role.ORGANISER, "organisator": Role.ORGANISER,
}  # fmt: skip


def leave(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    member = ctx.need_member()
    service.leave(ctx.session, community=community, member=member, now=ctx.now)
    # Before the timed work is planned again: a buddy left alone may be re-paired.
    publish(ctx.session, MemberLeft(community, member, ctx.now), send=ctx.send)
    replan(ctx.session, community=community, now=ctx.now)
    ctx.reply(ctx.t("member.left", name=community.name))
    ctx.session.flush()
    warn_on_size_change(ctx, community, grew=False)


def members(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if parsed.arg(0) == "sync":
        # The roster lives on the platform: the Slack and Teams adapters answer this one.
        ctx.reply(ctx.t("member.sync_unavailable"))
        return
    if parsed.tokens:
        raise UsageError()
    people = service.current_members(ctx.session, community_id=community.id)
    pairs = tuple(
        (
            str(person(m)),
            " · ".join(
                x
                for x in (
                    ctx.t(f"role.{m.role}"),
                    m.organisation or "",
                    ctx.t("member.away") if m.status == Status.PAUSED.value else "",
                )
                if x
            ),
        )
        for m in people
    )
    title = ctx.t("member.list_title", name=community.name, count=len(people))
    text = title + "\n" + "\n".join(f"{a}: {b}" for a, b in pairs)
    ctx.reply(Message(text=text, blocks=(Header(title), Fields(pairs))))


def role(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    who, word = parsed.arg(0), parsed.arg(1)
    if who is None or word is None or len(parsed.tokens) > 2:
        raise UsageError()
    new_role = ROLE_WORDS.get(word.lower())
    if new_role is None:
        raise InvalidInput("error.bad_role", value=word)
    target = ctx.find_member(who)
    by = ctx.need_member()
    role_text = ctx.t(f"role.{new_role.value}")
    if not service.set_role(ctx.session, community=community, by=by, target=target, role=new_role):
        ctx.reply(ctx.t("member.role_unchanged", who=person(target), role=role_text))
        return
    publish(ctx.session, RoleChanged(community, target, new_role, ctx.now), send=ctx.send)
    if target.id != by.id:
        ctx.send(
            flows.role_changed(
                community=community, member=target, role=new_role.value, by=by, now=ctx.now
            )
        )
    ctx.reply(ctx.t("member.role_set", who=person(target), role=role_text))


def away(ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    until = None
    if parsed.tokens:
        word = parsed.arg(0) or ""
        date_text = parsed.arg(1) if word.lower() in ("until", "tot") else word
        if date_text is None:
            raise UsageError()
        until = parse_date(date_text)
        if until < ctx.now.date():
            raise InvalidInput("error.in_past_date", value=date_text)
    service.go_away(member, until=until)
    ctx.reply(
        ctx.t("member.away_until", until=until.isoformat()) if until else ctx.t("member.away_open")
    )


def back(ctx: Ctx, parsed: Parsed) -> None:
    member = ctx.need_member()
    if member.status != Status.PAUSED.value:
        ctx.reply(ctx.t("member.not_away"))
        return
    service.come_back(member)
    ctx.reply(ctx.t("member.back"))


LANG_WORDS = {
    "en": "en", "english": "en", "engels": "en",
    "nl": "nl", "dutch": "nl", "nederlands": "nl",
    "default": None, "community": None, "standaard": None,
}  # fmt: skip


def language(ctx: Ctx, parsed: Parsed) -> None:
    """The member's own language, over the community's (``default`` follows the community)."""
    member = ctx.need_member()
    word = (parsed.arg(0) or "").lower()
    if len(parsed.tokens) != 1:
        raise UsageError()
    if word not in LANG_WORDS:
        spoken = join_and(ctx.lang, [f"{ctx.t(f'lang.{lang}')} (`{lang}`)" for lang in LANGS])
        raise InvalidInput("error.unknown_language", value=parsed.arg(0), langs=spoken)
    member.lang = LANG_WORDS[word]
    # A choice, also `default`: a new locale on their platform no longer changes it.
    member.lang_chosen = True
    ctx.reply(ctx.t("member.language", lang=ctx.t(f"lang.{ctx.lang}")))


TZ_AUTO = ("auto", "automatisch")


def timezone(ctx: Ctx, parsed: Parsed) -> None:
    """The member's own time zone (their quiet hours), over what their platform says."""
    member = ctx.need_member()
    word = parsed.arg(0)
    if word is None:
        key = "member.tz_chosen" if member.tz_chosen else "member.tz_platform"
        ctx.reply(ctx.t(key, tz=member.tz or "-"))
        return
    if word.lower() in TZ_AUTO:
        choose_tz(member, None)
        follow_platform(member, lang=None, tz=ctx.actor.tz)
        ctx.reply(ctx.t("member.tz_auto"))
        return
    zone = canonical_tz(word)
    if zone is None:
        raise InvalidInput("error.bad_tz", value=word[:64])
    choose_tz(member, zone)
    ctx.reply(ctx.t("member.tz_set", tz=zone))


def region(ctx: Ctx, parsed: Parsed) -> None:
    """Your school holiday region (noord, midden, zuid, or a province); `-` clears it."""
    member = ctx.need_member()
    text = parsed.rest(0)
    if not text:
        shown = member.region or "-"
        ctx.reply(ctx.t("member.region_is", region=shown))
        return
    found = parse_region(text)
    if found is None and not is_skip(text):
        raise InvalidInput("intake.error.region", value=text[:40])
    member.region = found
    ctx.reply(ctx.t("member.region_set", region=found or "-"))


# Enough to catch a slip (a missing @ or domain); the member knows their own address.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL_WORDS = ("email", "e-mail", "mail")
OFF_WORDS = ("off", "uit", "-", "none", "geen")


def share(ctx: Ctx, parsed: Parsed) -> None:
    """`share email <address>`: buddies are shown it (they may be on another platform and
    cannot look you up); `share email off` takes it back; `share email` says what is shared."""
    member = ctx.need_member()
    if (parsed.arg(0) or "").lower() not in EMAIL_WORDS:
        raise UsageError()
    value = parsed.arg(1)
    if value is None:
        shown = member.email
        ctx.reply(ctx.t("member.email_is", email=shown) if shown else ctx.t("member.email_none"))
    elif value.lower() in OFF_WORDS:
        member.email = None
        ctx.reply(ctx.t("member.email_off"))
    elif EMAIL.fullmatch(value) and len(value) <= 254:
        member.email = value
        ctx.reply(ctx.t("member.email_shared", email=value))
    else:
        raise InvalidInput("member.email_bad", value=value[:60])


ACTIONS = {**joining.ACTIONS, **approval.ACTIONS}

VERBS = [
    Verb("join", joining.join, role=None, aliases=("aanmelden", "meedoen")),
    Verb("leave", leave, role=Role.PARTICIPANT, aliases=("afmelden", "stoppen")),
    Verb(
        "members",
        members,
        role=Role.PARTICIPANT,
        aliases=("leden",),
        sub_roles={"sync": Role.FACILITATOR},
        sub_args={"sync": NO_ARGS},
        reads_only=True,
    ),
    Verb("role", role, role=Role.ORGANISER, aliases=("rol",), args=exactly(2)),
    Verb(
        "away",
        away,
        role=Role.PARTICIPANT,
        aliases=("afwezig", "vakantie", "holiday"),
        args=up_to(2),
    ),
    Verb("back", back, role=Role.PARTICIPANT, aliases=("terug", "resume")),
    Verb("language", language, role=Role.PARTICIPANT, aliases=("taal",), args=exactly(1)),
    Verb("timezone", timezone, role=Role.PARTICIPANT, aliases=("tijdzone", "tz"), args=up_to(1)),
    # A region or a province, which may be two words ("north holland").
    Verb("region", region, role=Role.PARTICIPANT, aliases=("regio",), args=ANY_ARGS),
    Verb("share", share, role=Role.PARTICIPANT, aliases=("deel",), args=Args(1, 2)),
]
