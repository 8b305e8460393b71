"""The organiser digest as a message (text fallback + blocks), in one language."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.digest.charts import digest_charts
from bot.digest.sources import Rate, tally
from bot.i18n import as_lang, fmt_decimal, t
from bot.messages import Block, Button, Buttons, Fields, Header, Message, Text
from bot.socialmap.messaging import map_blocks

if TYPE_CHECKING:
    # A type of the data it takes: messaging runs no rule.
    from bot.digest.service import DigestData, MeetingInfo

# The button on the digest after the programme's end (handled in bot.digest.commands).
FINAL_REPORT = "report.final"


def fmt_rate(lang: str, rate: Rate | None) -> str:
    if rate is None or rate.asked == 0:
        return t(lang, "digest.no_data")
    return f"{rate.answered}/{rate.asked} ({rate.percent}%)"


def fmt_when(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def fmt_period(lang: str, *, days: int) -> str:
    """'6 weeks', 'week', or '10 days' for a cadence that is not whole weeks."""
    if days % 7 == 0:
        return t(lang, "digest.weeks", count=days // 7)
    return t(lang, "digest.days", count=days)


def fmt_facilitators(lang: str, meeting: MeetingInfo) -> str:
    roles = meeting.facilitators
    if not roles:
        return t(lang, "digest.facilitators_none")
    return t(
        lang,
        "digest.facilitators",
        content=roles.get("content", "?"),
        process=roles.get("process", "?"),
    )


def _trend(lang: str, data: DigestData) -> str:
    if not data.trend:
        return t(lang, "digest.trend_none")
    points = " → ".join(f"#{n} {fmt_decimal(lang, mean)}" for n, mean in data.trend[-6:])
    arrow = ""
    if len(data.trend) >= 2:
        # As shown: 3.84 and 3.76 are both 3.8, which is no change.
        before, after = round(data.trend[-2][1], 1), round(data.trend[-1][1], 1)
        arrow = " ↑" if after > before else " ↓" if after < before else " ="
    return points + arrow


def render(data: DigestData, lang: str) -> Message:
    lang = as_lang(lang)
    local_day = data.now.astimezone(ZoneInfo(data.tz)).date().isoformat()
    title = t(lang, "digest.title", name=data.community_name, day=local_day)
    agreed, reported = data.experiments
    experiments = t(lang, "digest.experiments_value", agreed=agreed, reported=reported)
    activity = (
        (t(lang, "digest.ambition"), data.ambition or t(lang, "digest.ambition_missing")),
        (
            t(lang, "digest.meetings"),
            t(
                lang,
                "digest.meetings_value",
                held=data.meetings_held,
                planned=data.meetings_planned,
            ),
        ),
        (
            t(lang, "digest.members"),
            t(
                lang,
                "digest.members_value",
                size=data.size,
                target=data.target_size,
                active=data.recently_active,
                period=fmt_period(lang, days=data.cadence_days),
            ),
        ),
        (t(lang, "digest.entries_week"), str(data.entries_week)),
        (t(lang, "digest.experiments"), experiments),
    )
    last = data.last_meeting
    last_label = f"#{last.number}" if last is not None and last.number else "-"
    response = "\n".join(
        [
            t(lang, "digest.response_title"),
            "• "
            + t(
                lang,
                "digest.checkin_rates",
                n=last_label,
                last=fmt_rate(lang, data.checkin_last),
                overall=fmt_rate(lang, data.checkin_overall),
            ),
            "• "
            + t(
                lang,
                "digest.evaluation_rates",
                n=last_label,
                last=fmt_rate(lang, data.evaluation_last),
                overall=fmt_rate(lang, data.evaluation_overall),
            ),
            "• " + t(lang, "digest.trend", trend=_trend(lang, data)),
        ]
    )
    if data.attendance_last is not None:
        came, recorded = data.attendance_last
        response += "\n• " + t(lang, "digest.attendance_last", came=came, recorded=recorded)
    if data.summary_last is not None and data.summary_last.topics:
        topics = "; ".join(tally(data.summary_last.topics)[:5])
        response += "\n• " + t(lang, "digest.topics", topics=topics)
    highlights = (
        t(lang, "digest.highlights_title")
        + "\n"
        + (
            "\n".join(
                f"• {h.text}"
                + (f" ({t(lang, 'digest.shared_by', who=h.author)})" if h.author else "")
                for h in data.highlights
            )
            if data.highlights
            else t(lang, "digest.highlights_none")
        )
    )
    nxt = data.next_meeting
    last_when = fmt_when(last.starts_at, data.tz) if last is not None else "-"
    if data.programme_over:
        upcoming = t(
            lang,
            "digest.programme_over",
            n=last.number if last is not None and last.number else "-",
            when=last_when,
            end=data.end_date.isoformat() if data.end_date else "-",
        )
    elif nxt is None:
        upcoming = t(lang, "digest.next_none")
    else:
        upcoming = t(
            lang,
            "digest.next",
            n=nxt.number or "-",
            when=fmt_when(nxt.starts_at, data.tz),
            theme=nxt.theme or t(lang, "digest.no_theme"),
            facilitators=fmt_facilitators(lang, nxt),
        )
    flags = (
        t(lang, "digest.flags_title")
        + "\n"
        + (
            "\n".join(f"⚠ {t(lang, f.key, **f.params)}" for f in data.flags)
            if data.flags
            else t(lang, "digest.flags_none")
        )
    )
    activity_text = (
        t(lang, "digest.activity_title") + "\n" + "\n".join(f"• {k}: {v}" for k, v in activity)
    )
    text = "\n\n".join([title, activity_text, response, highlights, upcoming, flags])
    blocks: list[Block] = [
        Header(title),
        Text(t(lang, "digest.activity_title")),
        Fields(activity),
        Text(response),
        *digest_charts(data, lang),
        *(
            map_blocks(data.social_map, lang=lang, name=data.community_name)
            if data.social_map is not None
            else ()
        ),
        Text(highlights),
        Text(upcoming),
    ]
    if data.programme_over:
        label = t(lang, "digest.final_report")
        blocks.append(Buttons((Button(label, FINAL_REPORT, str(data.community_id), "primary"),)))
    blocks.append(Text(flags))
    return Message(text=text, blocks=tuple(blocks))
