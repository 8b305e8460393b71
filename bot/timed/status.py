"""What the bot will do next and when, for ``schedule`` and ``status``."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, select

from bot.handling import Ctx
from bot.sqlutil import table_of
from bot.timed.models import JobStatus, PlannedJob


def upcoming_lines(ctx: Ctx, *, limit: int = 5) -> list[str]:
    community = ctx.need_community()
    zone = ZoneInfo(community.tz)
    jobs = ctx.session.execute(_upcoming(), {"community": community.id, "limit": limit}).all()
    return [
        f"• {due_at.astimezone(zone).strftime('%Y-%m-%d %H:%M')} {ctx.t('timed.kind.' + kind)}"
        for due_at, kind in jobs
    ]


@cache
def _upcoming() -> Select[datetime, str]:
    # Built once with bind parameters (building it cost more than running it); two columns,
    # not whole rows, on the table (``table_of``).
    jobs = table_of(PlannedJob).c
    return (
        select(jobs.due_at, jobs.kind)
        .where(jobs.community_id == bindparam("community"), jobs.status == JobStatus.PLANNED.value)
        .order_by(jobs.due_at)
        .limit(bindparam("limit"))
    )


def status_lines(ctx: Ctx) -> list[str]:
    lines = upcoming_lines(ctx, limit=3)
    return [ctx.t("timed.upcoming_title"), *lines] if lines else []
