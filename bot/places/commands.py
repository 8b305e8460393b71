"""link, unlink, places: one community in several channels, on any platform.

An organiser types `link` in one of the community's channels and gets a one-time code
(privately); typed as `link <code>` in another channel (another Slack workspace, a Teams
team), that channel becomes a place of the community. The code is what an organiser hands
over: whoever redeems it is, or becomes, an organiser of the community there, since a person's
Teams account is not their Slack account. `unlink` removes a place; its members stay members.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.parser import Parsed, parse_id
from bot.commands.registry import Verb, up_to
from bot.communities.service import community_by_id
from bot.context import Reply
from bot.errors import Conflict, CopError, InvalidInput, NotFound, PermissionDenied, UsageError
from bot.handling import Ctx
from bot.members import service as members
from bot.members.models import Role
from bot.messages import Fields, Header, Message, Text, plain
from bot.places import flows, service
from bot.places.models import CodeKind, CommunityPlace
from bot.places.people import link_me
from bot.scope import membership

ME = ("me", "mij", "mezelf", "myself")


def link(ctx: Ctx, parsed: Parsed) -> None:
    first = parsed.arg(0)
    if first is not None and first.lower() in ME:
        link_me(ctx, code=parsed.arg(1))
        return
    if len(parsed.tokens) > 1:
        raise UsageError("error.extra_args", extra=parsed.tokens[1].text[:40])
    if first is None:
        give_code(ctx)
    else:
        redeem(ctx, code=first)


def give_code(ctx: Ctx) -> None:
    """`link` in one of the community's channels: a code for another channel, privately."""
    community = ctx.need_community()
    organiser = ctx.require(Role.ORGANISER)
    if ctx.here(community) is None:
        raise CopError("link.in_channel", name=community.name)
    code = service.new_code(
        ctx.session, kind=CodeKind.PLACE, community=community, member=organiser, now=ctx.now
    )
    until = (ctx.now + service.CODE_LIFETIME).astimezone(ZoneInfo(community.tz))
    ctx.reply(ctx.t("link.code", code=code, name=community.name, until=until.strftime("%H:%M")))


def redeem(ctx: Ctx, *, code: str) -> None:
    """`link <code>` in another channel: it becomes a place of the code's community."""
    if ctx.place.kind == "dm" or not ctx.place.bot_present:
        raise CopError("link.code_in_channel")
    row = service.find_code(ctx.session, code=code, kind=CodeKind.PLACE, now=ctx.now)
    community = community_by_id(ctx.session, community_id=row.community_id)
    if community is None:
        raise NotFound("link.code_unknown")
    if ctx.community is not None and ctx.found_by == "channel":
        key = (
            "place.already_linked"
            if ctx.community.id == community.id
            else "place.already_community"
        )
        raise Conflict(key, name=ctx.community.name)
    # Who redeems is an organiser there already, or becomes one: the code is an organiser's.
    mine = membership(ctx.session, community=community, actor=ctx.actor)
    if mine is not None and mine.is_current and mine.role != Role.ORGANISER.value:
        raise PermissionDenied("link.organisers_only")
    service.use_code(ctx.session, row=row, now=ctx.now)
    place = service.add_place(ctx.session, community=community, place=ctx.place, now=ctx.now)
    ctx.community = community
    joined = mine is None or not mine.is_current
    if mine is None or not mine.is_current:
        mine, _ = members.join(
            ctx.session, community=community, actor=ctx.actor, now=ctx.now,
            team_id=ctx.place.team_id,
        )  # fmt: skip
        mine.role = Role.ORGANISER.value
        mine.in_core_group = True
    ctx.member = mine
    count = len(service.places_of(ctx.session, community_id=community.id))
    ctx.replies.append(
        _channel(plain(ctx.channel_t("link.linked_here", name=community.name, count=count)))
    )
    ctx.send(
        flows.linked(
            community=community, place=place, where=label(place), by=mine, count=count,
            lang=ctx.channel_lang,
        )
    )  # fmt: skip
    if joined:
        # Imported here: joining imports the member slices this module is listed beside.
        from bot.members.joining import send_welcome

        send_welcome(ctx, mine)


def unlink(ctx: Ctx, parsed: Parsed) -> None:
    """`unlink` in a linked channel, or `unlink <n>` (a number from `places`) anywhere in the
    community. The home channel stays."""
    community = ctx.need_community()
    which = parsed.arg(0)
    if which is None:
        place = ctx.here(community)
        if place is None:
            raise UsageError()
    else:
        number = parse_id(which.lstrip("#"))
        found = service.places_of(ctx.session, community_id=community.id)
        place = next((p for p in found if p.number == number), None)
        if place is None:
            raise NotFound("place.no_such", which=which[:20])
    if place.home:
        raise InvalidInput("place.home_stays")
    here = ctx.here(community)
    farewell = plain(ctx.channel_t("unlink.done_here", name=community.name))
    if here is not None and here.id == place.id:
        ctx.replies.append(_channel(farewell))
    else:
        ctx.send(flows.farewell(place=place, message=farewell))
    service.unlink(ctx.session, place=place)
    told = plain(ctx.channel_t("unlink.done_elsewhere", name=community.name, where=label(place)))
    if here is not None and here.id != place.id:
        ctx.replies.append(_channel(told))
    ctx.send(flows.unlinked(community=community, place=place, here=here, message=told))
    if here is None or here.id == place.id:
        ctx.reply(ctx.t("unlink.done_reply", where=label(place), name=community.name))


def places(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    rows = service.places_of(ctx.session, community_id=community.id)
    here = ctx.here(community)
    pairs = tuple(
        (
            f"{p.number}",
            " · ".join(
                x
                for x in (
                    label(p),
                    ctx.t("place.home") if p.home else "",
                    ctx.t("place.here") if here is not None and here.id == p.id else "",
                )
                if x
            ),
        )
        for p in rows
    )
    title = ctx.t("place.list_title", name=community.name, count=len(rows))
    footer = ctx.t("place.list_footer")
    text = "\n".join([title, *(f"{a}. {b}" for a, b in pairs), footer])
    ctx.reply(Message(text=text, blocks=(Header(title), Fields(pairs), Text(footer))))


def label(place: CommunityPlace) -> str:
    """How a place is named to people: its platform, workspace or team, and channel."""
    where = place.team_id or place.tenant_id
    parts = [place.platform.capitalize(), *([where] if where else []), place.channel_id]
    return " · ".join(parts)


def _channel(message: Message) -> Reply:
    return Reply(message, visibility="channel")


VERBS = [
    # `link <code>` and `link me` are for whoever holds a code: the roles are checked inside.
    Verb("link", link, role=None, aliases=("verbind",), args=up_to(2)),
    Verb("unlink", unlink, role=Role.ORGANISER, aliases=("ontkoppel",), args=up_to(1)),
    Verb("places", places, role=Role.PARTICIPANT, aliases=("plekken", "kanalen")),
]
