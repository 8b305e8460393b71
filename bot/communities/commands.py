"""setup, config."""

from __future__ import annotations

from bot.commands.parser import Parsed, check_text
from bot.commands.registry import ANY_ARGS, TEXT, Verb
from bot.communities import service
from bot.communities.settings import KEYS, key_name, shown
from bot.handling import Ctx
from bot.meetings.changes import plan_series
from bot.meetings.confirm import settle
from bot.meetings.service import blackouts_of, local_date
from bot.members.models import Role
from bot.members.prompts import start_intake_once
from bot.messages import Fields, Header, Message
from bot.timed.planner import replan


def setup(ctx: Ctx, parsed: Parsed) -> None:
    name = check_text(parsed.rest(0))
    community, founder = service.create(
        ctx.session,
        name=name,
        place=ctx.place,
        founder=ctx.actor,
        now=ctx.now,
        lang=ctx.actor.lang,
    )
    ctx.community = community
    ctx.member = founder
    replan(ctx.session, community=community, now=ctx.now)
    ctx.announce(ctx.channel_t("community.created", name=community.name))


def config(ctx: Ctx, parsed: Parsed) -> None:
    community = ctx.need_community()
    if not parsed.tokens:
        pairs = tuple((key_name(key, ctx.lang), shown(key, community, ctx.lang)) for key in KEYS)
        title = ctx.t("community.config_title", name=community.name)
        text = title + "\n" + "\n".join(f"{k} = {v}" for k, v in pairs)
        ctx.reply(Message(text=text, blocks=(Header(title), Fields(pairs))))
        return
    saved = service.snapshot(community)
    changed = service.configure(
        community,
        pairs=service.split_pairs(parsed.args),
        today=local_date(community, ctx.now),
    )
    ctx.session.flush()
    notes: list[str] = []
    if service.touches_schedule(changed):
        plan = plan_series(
            ctx.session,
            community=community,
            blackouts=blackouts_of(ctx.session, community_id=community.id),
            now=ctx.now,
            lang=ctx.lang,
        )
        # Moving or dropping what people decided waits for the organiser's confirmation;
        # until then the settings stay as they were.
        settled = settle(
            ctx, plan=plan, command=parsed.text, undo=lambda: service.restore(community, saved)
        )
        if settled is None:
            return
        notes.extend(settled[0])
    replan(ctx.session, community=community, now=ctx.now)
    if "size" in changed and service.size_warning(community.target_size):
        notes.append(ctx.t("community.size_warning", size=community.target_size))
    saved_now = ", ".join(
        f"{key_name(k, ctx.lang)} = {shown(k, community, ctx.lang)}"
        for k in sorted(changed, key=lambda k: key_name(k, ctx.lang))
    )
    ctx.reply("\n".join([ctx.t("community.configured", settings=saved_now), *notes]))
    # Organisers take part too (their organisation steers cross-organisation pairing).
    start_intake_once(ctx, ctx.need_member())


VERBS = [
    Verb("setup", setup, role=None, aliases=("start",), args=TEXT),
    Verb("config", config, role=Role.ORGANISER, aliases=("instellingen",), args=ANY_ARGS),
]
