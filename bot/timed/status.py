"""What the bot will do next and when, for ``schedule`` and ``status``."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.handling import Ctx
from bot.timed.models import JobStatus, PlannedJob


def upcoming_lines(ctx: Ctx, *, limit: int = 5) -> list[str]:
    community = ctx.need_community()
    zone = ZoneInfo(community.tz)
    jobs = ctx.session.scalars(
        select(PlannedJob)
        .where(
            PlannedJob.community_id == community.id,
            PlannedJob.status == JobStatus.PLANNED.value,
        )
        .order_by(PlannedJob.due_at)
        .limit(limit)
    ).all()
    return [
        f"• {job.due_at.astimezone(zone).strftime('%Y-%m-%d %H:%M')} {ctx.t('timed.kind.' + job.kind)}"
        for job in jobs
    ]


def status_lines(ctx: Ctx) -> list[str]:
    lines = upcoming_lines(ctx, limit=3)
    return [ctx.t("timed.upcoming_title"), *lines] if lines else []
