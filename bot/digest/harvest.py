"""What the harvest report shows beyond the meeting table: every experiment with its pair,
outcome and what was learned; the successes (with author and organisation only where the
author shared it); a section per organisation; the social map; and the charts.

Evaluation figures come only from the evaluations slice's anonymous summaries (meetings
with enough answers), never from answers; nothing is broken down by organisation or person
that could identify an evaluation answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.buddies.service import history
from bot.checkins.service import rates_per_member
from bot.communities.models import Community
from bot.digest.charts import attendance_of
from bot.digest.report import ReportData, bounds, collect_report
from bot.digest.sources import Rate
from bot.i18n import t
from bot.logbook.service import successes_between
from bot.meetings.service import not_cancelled
from bot.members.models import Member
from bot.members.service import rows_of
from bot.messages import Chart, Series
from bot.socialmap.service import SocialMap, build

OUTCOMES = ("done", "partly", "not_done")


@dataclass(frozen=True)
class TriedLine:
    cycle: int | None  # the number of the meeting that opened the cycle
    members: list[str]
    organisations: list[str]
    text: str
    outcome: str | None
    learned: list[str]


@dataclass(frozen=True)
class SuccessLine:
    day: date
    text: str
    author: str | None  # only when shared by its author
    organisation: str | None


@dataclass
class OrganisationLine:
    name: str
    members: int = 0
    checkin: Rate = field(default_factory=lambda: Rate(0, 0))
    experiments: int = 0
    ran: int = 0
    successes: list[SuccessLine] = field(default_factory=list)


@dataclass(frozen=True)
class Harvest:
    report: ReportData
    tried: list[TriedLine]
    successes: list[SuccessLine]
    organisations: list[OrganisationLine]
    social_map: SocialMap
    cycles: list[tuple[int, int, int]]  # (meeting number opening it, agreed, ran)


def outcome_key(line: TriedLine) -> str:
    """done / partly / not_done as the buddies said; 'reported' when they reported back
    without saying; 'unknown' when nobody reported at all."""
    return line.outcome or ("reported" if line.learned else "unknown")


def _org(member: Member | None) -> str | None:
    if member is None or not member.organisation:
        return None
    return " ".join(member.organisation.split())


def collect_harvest(
    session: Session, *, community: Community, start: date, end: date, now: datetime
) -> Harvest:
    report = collect_report(session, community=community, start=start, end=end, now=now)
    low, high = bounds(community, start, end)
    members = {m.id: m for m in rows_of(session, community_id=community.id)}
    meetings = {m.id: m for m in not_cancelled(session, community_id=community.id)}
    tried = [
        TriedLine(
            cycle=meetings[h.meeting_id].number if h.meeting_id in meetings else None,
            members=h.members,
            organisations=sorted(
                {o for mid in h.member_ids if (o := _org(members.get(mid))) is not None}
            ),
            text=h.text,
            outcome=h.outcome,
            learned=h.learned,
        )
        for h in history(session, community_id=community.id, low=low, high=high)
    ]
    zone = ZoneInfo(community.tz)
    successes = [
        SuccessLine(
            day=created.astimezone(zone).date(),
            text=text,
            author=members[mid].display_name if shared and mid in members else None,
            organisation=_org(members.get(mid)) if shared and mid is not None else None,
        )
        for text, shared, mid, created in successes_between(
            session, community_id=community.id, low=low, high=high
        )
    ]
    held = [mid for mid, m in meetings.items() if low <= m.starts_at < high and m.starts_at <= now]
    organisations = _organisations(
        members=members,
        checkins=rates_per_member(session, meeting_ids=held),
        tried=tried,
        successes=successes,
    )
    cycles: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for line in tried:
        cycles[line.cycle or 0][0] += 1
        cycles[line.cycle or 0][1] += line.outcome in ("done", "partly")
    return Harvest(
        report=report,
        tried=tried,
        successes=successes,
        organisations=organisations,
        social_map=build(session, community_id=community.id, now=min(now, high)),
        cycles=[(n, a, r) for n, (a, r) in sorted(cycles.items())],
    )


def _organisations(
    *,
    members: dict[int, Member],
    checkins: dict[int, tuple[int, int]],
    tried: list[TriedLine],
    successes: list[SuccessLine],
) -> list[OrganisationLine]:
    found: dict[str, OrganisationLine] = {}
    for member in members.values():
        name = _org(member)
        if name is None or not member.is_current:
            continue
        line = found.setdefault(name.casefold(), OrganisationLine(name))
        line.members += 1
        answered, asked = checkins.get(member.id, (0, 0))
        line.checkin = line.checkin + Rate(answered, asked)
    for tried_line in tried:
        for name in tried_line.organisations:
            if name.casefold() in found:
                line = found[name.casefold()]
                line.experiments += 1
                line.ran += tried_line.outcome in ("done", "partly")
    for success in successes:
        if success.organisation and success.organisation.casefold() in found:
            found[success.organisation.casefold()].successes.append(success)
    return sorted(found.values(), key=lambda o: (-o.members, o.name.casefold()))


# -- charts --------------------------------------------------------------------------------
def harvest_charts(harvest: Harvest, lang: str) -> dict[str, Chart]:
    """The report's charts by section; a chart without data is left out."""
    held = [m for m in harvest.report.meetings if m.held]
    charts: dict[str, Chart] = {}
    response = tuple(
        Series(label, points)
        for label, points in (
            (
                t(lang, "chart.series.checkin"),
                tuple(
                    (f"#{m.number}", float(m.checkin.percent))
                    for m in held
                    if m.checkin is not None and m.checkin.percent is not None
                ),
            ),
            (
                t(lang, "chart.series.evaluation"),
                tuple(
                    (f"#{m.number}", float(m.evaluation.percent))
                    for m in held
                    if m.evaluation is not None and m.evaluation.percent is not None
                ),
            ),
        )
        if points
    )
    if response:
        charts["response"] = Chart(t(lang, "chart.response"), "grouped", response, "%", 100)
    attendance = attendance_of(
        [(f"#{m.number}", m.attendance) for m in held if m.attendance is not None], lang
    )
    if attendance is not None:
        charts["attendance"] = attendance
    trend = tuple(
        (f"#{m.number}", summary.mean) for m in held if (summary := m.shareable) is not None
    )
    if trend:
        charts["trend"] = Chart(
            t(lang, "chart.trend"), "line", (Series(t(lang, "chart.series.rating"), trend),), top=5
        )
    if harvest.cycles:
        label = {n: t(lang, "chart.cycle", n=n) if n else "0" for n, _, _ in harvest.cycles}
        charts["experiments"] = Chart(
            t(lang, "report.html.chart_tried"),
            "grouped",
            (
                Series(
                    t(lang, "chart.series.agreed"),
                    tuple((label[n], float(a)) for n, a, _ in harvest.cycles),
                ),
                Series(
                    t(lang, "report.html.series_ran"),
                    tuple((label[n], float(r)) for n, _, r in harvest.cycles),
                ),
            ),
        )
    counts = Counter(outcome_key(line) for line in harvest.tried)
    if harvest.tried:
        charts["outcomes"] = Chart(
            t(lang, "report.html.chart_outcomes"),
            "donut",
            (
                Series(
                    "",
                    tuple(
                        (t(lang, f"report.outcome.{key}"), float(counts[key]))
                        for key in (*OUTCOMES, "reported", "unknown")
                        if counts[key]
                    ),
                ),
            ),
        )
    return {key: replace(chart, lang=lang) for key, chart in charts.items()}
