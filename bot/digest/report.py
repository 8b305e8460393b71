"""The report for organisations and initiators: a Markdown document and a CSV of meetings.

Evaluation results are shown only for meetings with at least ``MIN_ANSWERS`` answers, and
without names, so no one's answers can be traced back to them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.attendance.service import attended_counts
from bot.buddies.service import experiment_stats
from bot.communities.models import Community
from bot.digest import sources
from bot.digest.sources import EvalSummary, Rate, tally
from bot.evaluations.service import MIN_ANSWERS
from bot.i18n import as_lang, t
from bot.logbook.service import count_between, successes_between
from bot.meetings.models import MeetingStatus
from bot.meetings.service import not_cancelled
from bot.members.service import current_members
from bot.messages import names_only

MAX_SUCCESSES = 50
CSV_COLUMNS = (
    "number",
    "date",
    "theme",
    "checkin_rate",
    "evaluation_count",
    "mean_rating",
    "topics",
    "attended",
)


@dataclass(frozen=True)
class MeetingLine:
    number: int | None
    starts_at: datetime
    theme: str | None
    held: bool
    facilitators: dict[str, str]
    checkin: Rate | None
    evaluation: Rate | None
    summary: EvalSummary | None
    # (came, recorded) when the meeting's attendance was recorded.
    attendance: tuple[int, int] | None = None

    @property
    def shareable(self) -> EvalSummary | None:
        """The evaluation summary if enough people answered to keep it anonymous."""
        if self.summary is None or self.summary.count < MIN_ANSWERS:
            return None
        return self.summary


@dataclass(frozen=True)
class ReportData:
    community_name: str
    question: str | None
    ambition: str | None
    tz: str
    start: date
    end: date
    generated_at: datetime
    size: int
    target_size: int
    meetings: list[MeetingLine]
    entries: int
    experiments: tuple[int, int]  # (agreed, reported back)
    open_experiments: list[str]
    successes: list[str]
    min_answers: int = MIN_ANSWERS  # the community's threshold for evaluation results


def default_period(community: Community, *, now: datetime) -> tuple[date, date]:
    """Since the start of the community up to today, in its timezone."""
    today = now.astimezone(ZoneInfo(community.tz)).date()
    created = community.created_at.astimezone(ZoneInfo(community.tz)).date()
    start = min(community.start_date or created, created, today)
    return start, today


def bounds(community: Community, start: date, end: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(community.tz)
    low = datetime.combine(start, time(0, 0), tzinfo=zone)
    high = datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=zone)
    return low.astimezone(ZoneInfo("UTC")), high.astimezone(ZoneInfo("UTC"))


def collect_report(
    session: Session, *, community: Community, start: date, end: date, now: datetime
) -> ReportData:
    low, high = bounds(community, start, end)
    meetings = not_cancelled(session, community_id=community.id, low=low, high=high)
    ids = [m.id for m in meetings]
    facilitators = sources.facilitators(session, meeting_ids=ids)
    checkins = sources.checkin_rates(session, meeting_ids=ids)
    evaluations = sources.evaluation_rates(session, meeting_ids=ids)
    attendance = attended_counts(session, meeting_ids=ids)
    summaries = sources.evaluation_summaries(session, community=community, meeting_ids=ids, now=now)
    entries = count_between(session, community_id=community.id, low=low, high=high)
    successes = [
        s.text
        for s in successes_between(
            session, community_id=community.id, low=low, high=high, limit=MAX_SUCCESSES
        )
    ]
    return ReportData(
        community_name=community.name,
        question=community.question,
        ambition=community.ambition,
        tz=community.tz,
        start=start,
        end=end,
        generated_at=now,
        min_answers=community.min_answers,
        size=len(current_members(session, community_id=community.id)),
        target_size=community.target_size,
        meetings=[
            MeetingLine(
                number=m.number,
                starts_at=m.starts_at,
                theme=m.theme,
                held=m.status == MeetingStatus.HELD.value or m.ends_at <= now,
                # A file names people, it cannot mention them.
                facilitators={r: names_only(n) for r, n in facilitators.get(m.id, {}).items()},
                checkin=checkins.get(m.id),
                evaluation=evaluations.get(m.id),
                summary=summaries.get(m.id),
                attendance=attendance.get(m.id),
            )
            for m in meetings
        ],
        entries=entries,
        experiments=experiment_stats(session, community_id=community.id, since=low),
        open_experiments=sources.open_experiments(session, community_id=community.id),
        successes=successes,
    )


def rate_text(rate: Rate | None) -> str:
    if rate is None or not rate.asked:
        return "-"
    return f"{rate.answered}/{rate.asked} ({rate.percent}%)"


def _cell(text: str | None) -> str:
    """Table cells stay on one line and never break the Markdown table."""
    return (text or "-").replace("|", "/").replace("\n", " ").strip() or "-"


def render_markdown(data: ReportData, lang: str) -> str:
    lang = as_lang(lang)
    zone = ZoneInfo(data.tz)
    held = [m for m in data.meetings if m.held]
    lines = [
        f"# {t(lang, 'report.title', name=data.community_name)}",
        "",
        t(
            lang,
            "report.period",
            start=data.start.isoformat(),
            end=data.end.isoformat(),
            made=data.generated_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        ),
        "",
        f"## {t(lang, 'report.question')}",
        "",
        data.question or t(lang, "digest.no_data"),
        "",
        f"## {t(lang, 'report.ambition')}",
        "",
        data.ambition or t(lang, "digest.ambition_missing"),
        "",
        f"## {t(lang, 'report.activity')}",
        "",
        "- " + t(lang, "report.meetings_held", held=len(held), total=len(data.meetings)),
        "- " + t(lang, "report.members", size=data.size, target=data.target_size),
        "- " + t(lang, "report.entries", count=data.entries),
    ]
    checkins = [m.checkin for m in held if m.checkin is not None]
    if checkins:
        total = checkins[0]
        for rate in checkins[1:]:
            total = total + rate
        lines.append("- " + t(lang, "report.checkin_overall", rate=rate_text(total)))
    lines += ["", f"## {t(lang, 'report.meetings_title')}", ""]
    if data.meetings:
        lines += [
            "| # | "
            + " | ".join(
                t(lang, f"report.col.{c}")
                for c in ("date", "theme", "facilitators", "checkin", "evaluation", "attended")
            )
            + " |",
            "|---|---|---|---|---|---|---|",
        ]
        for m in data.meetings:
            roles = m.facilitators
            who = " / ".join(roles[r] for r in ("content", "process") if r in roles) or "-"
            lines.append(
                f"| {m.number or '-'} | {m.starts_at.astimezone(zone).strftime('%Y-%m-%d')} | "
                f"{_cell(m.theme)} | {_cell(who)} | {rate_text(m.checkin)} | {rate_text(m.evaluation)} | "
                f"{_attended(m.attendance)} |"
            )
    else:
        lines.append(t(lang, "report.no_meetings"))
    lines += ["", f"## {t(lang, 'report.evaluations_title')}", ""]
    lines.append(t(lang, "report.evaluations_rule", min=data.min_answers))
    shared = [(m, m.shareable) for m in data.meetings]
    for m, summary in shared:
        if summary is None:
            continue
        lines += [
            "",
            f"### {t(lang, 'report.meeting', n=m.number or '-', theme=m.theme or '')}".rstrip(),
            "",
            "- " + t(lang, "report.eval_stats", count=summary.count, mean=summary.mean),
        ]
        if summary.valuable:
            lines.append("- " + t(lang, "report.valuable"))
            lines += [f"  - {_cell(v)}" for v in tally(summary.valuable)]
        if summary.topics:
            lines.append("- " + t(lang, "report.topics"))
            lines += [f"  - {_cell(v)}" for v in tally(summary.topics)]
    if not any(s is not None for _, s in shared):
        lines += ["", t(lang, "report.no_evaluations")]
    lines += ["", f"## {t(lang, 'report.experiments_title')}", ""]
    agreed, reported = data.experiments
    lines.append("- " + t(lang, "report.experiments", count=agreed, reported=reported))
    lines += [f"- {_cell(text)}" for text in data.open_experiments]
    lines += ["", f"## {t(lang, 'report.successes_title')}", ""]
    lines += [f"- {_cell(text)}" for text in data.successes] or [t(lang, "report.no_successes")]
    return "\n".join(lines) + "\n"


def _attended(counts: tuple[int, int] | None) -> str:
    """'12/18': came of those recorded; '-' when it was not recorded."""
    return f"{counts[0]}/{counts[1]}" if counts is not None else "-"


def render_csv(data: ReportData) -> str:
    """One row per meeting; machine-readable column names, evaluation figures only where
    enough people answered."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    zone = ZoneInfo(data.tz)
    for m in data.meetings:
        checkin = m.checkin
        rate = checkin.answered / checkin.asked if checkin is not None and checkin.asked else None
        count = m.summary.count if m.summary is not None else None
        if count is None and m.evaluation is not None:
            count = m.evaluation.answered
        summary = m.shareable
        writer.writerow(
            (
                m.number or "",
                m.starts_at.astimezone(zone).strftime("%Y-%m-%d"),
                m.theme or "",
                f"{rate:.2f}" if rate is not None else "",
                count if count is not None else "",
                # No more precise than shown anywhere else (one decimal).
                f"{summary.mean:.1f}" if summary is not None else "",
                "; ".join(tally(summary.topics)) if summary is not None else "",
                m.attendance[0] if m.attendance is not None else "",
            )
        )
    return out.getvalue()
