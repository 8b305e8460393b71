"""How other messages name a meeting: on the community's wall clock, where it happens."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.communities.models import Community
from bot.i18n import t
from bot.meetings.changes import SeriesPlan
from bot.meetings.models import Meeting


def local_time(community: Community, moment: datetime) -> str:
    """'2027-01-14 14:00' in the community's timezone."""
    return moment.astimezone(ZoneInfo(community.tz)).strftime("%Y-%m-%d %H:%M")


def meeting_label(community: Community, meeting: Meeting) -> str:
    """'3 (2027-01-14 14:00 · Theme)': number, local start, theme."""
    theme = f" · {meeting.theme}" if meeting.theme else ""
    return f"{meeting.number} ({local_time(community, meeting.starts_at)}{theme})"


def _label(community: Community, meeting: Meeting) -> str:
    return f"{meeting.number} · {meeting.theme}" if meeting.theme else str(meeting.number)


def _moved(community: Community, before: datetime, after: datetime) -> str:
    """'2027-03-25 14:00 → 15:00' on one day, else both moments in full."""
    old, new = local_time(community, before), local_time(community, after)
    return f"{old} → {new[11:]}" if old[:10] == new[:10] else f"{old} → {new}"


def describe_plan(plan: SeriesPlan, *, lang: str, first_number: int) -> list[str]:
    """What a series change does, meeting by meeting, for the organiser to check.

    ``first_number``: the number the first new meeting gets (the next free one).
    """
    community = plan.community
    lines: list[str] = []
    # A first series (numbers from 1) is summed up; later ones name every meeting they make.
    if plan.new and first_number == 1 and not plan.moves and not plan.dropped:
        first, last = plan.new[0][1], plan.new[-1][1]
        lines.append(
            t(
                lang,
                "meeting.generated",
                count=len(plan.new),
                first=local_time(community, first)[:10],
                last=local_time(community, last)[:10],
            )
        )
    elif plan.changes_anything:
        lines.append(t(lang, "meeting.plan_title"))
        for move in sorted(plan.moves, key=lambda m: m.before):
            lines.append(
                f"• {_label(community, move.meeting)}: {_moved(community, move.before, move.after)}"
            )
        for offset, (_, start) in enumerate(plan.new):
            lines.append(
                "• "
                + t(
                    lang,
                    "meeting.plan_new",
                    n=first_number + offset,
                    when=local_time(community, start),
                )
            )
        for meeting in plan.dropped:
            lines.append(
                "• "
                + t(
                    lang,
                    "meeting.plan_dropped",
                    meeting=_label(community, meeting),
                    when=local_time(community, meeting.starts_at),
                )
            )
    else:
        lines.append(t(lang, "meeting.plan_unchanged"))
    for shift in plan.shifts:
        if shift.day is None:
            lines.append(
                t(lang, "meeting.skipped", day=shift.series_day.isoformat(), reason=shift.reason)
            )
        else:
            lines.append(
                t(
                    lang,
                    "meeting.shifted",
                    day=shift.series_day.isoformat(),
                    to=shift.day.isoformat(),
                    reason=shift.reason,
                )
            )
    kept = sorted({m.number for m in plan.kept_cancelled})
    if kept and plan.changes_anything:
        lines.append(t(lang, "meeting.plan_kept_cancelled", numbers=", ".join(map(str, kept))))
    return lines


def describe_stakes(plan: SeriesPlan, *, lang: str) -> str:
    """Which decided things the change moves or drops, meeting by meeting."""
    parts = [
        f"{meeting.number} ({', '.join(t(lang, 'meeting.decided.' + kind) for kind in kinds)})"
        for meeting, kinds in sorted(plan.at_stake, key=lambda mk: mk[0].number)
    ]
    return t(lang, "meeting.plan_at_stake", meetings="; ".join(parts))
