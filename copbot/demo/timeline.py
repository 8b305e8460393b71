"""The demo's timeline: per meeting its date, theme, facilitators, response rates, rating,
buddy pairs and experiments, as the core tells them (``Core.programme``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import Core
from bot.overview.programme import MeetingFacts

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
# The timeline is drawn after the programme: every evaluation has closed by then.
AFTER = timedelta(days=60)


@dataclass
class MeetingLine:
    number: int
    starts_at: datetime
    local: str
    theme: str
    status: str
    content: str = "–"
    process: str = "–"
    checkin: tuple[int, int] | None = None
    evaluation: tuple[int, int] | None = None
    mean_rating: float | None = None
    # The buddy groups made after this meeting, as their members' names; None: no round.
    groups: list[list[str]] | None = None
    experiments: tuple[int, int] | None = None  # (agreed, reported) in the cycle after it
    notes: list[str] = field(default_factory=list)


def collect_timeline(
    core: Core, *, community_id: int, notes: list[tuple[datetime, str]]
) -> list[MeetingLine]:
    lines = [_line(facts) for facts in core.programme(community_id, after=AFTER)]
    _attach_notes(lines, notes)
    return lines


def _line(facts: MeetingFacts) -> MeetingLine:
    local = facts.local_start
    return MeetingLine(
        number=facts.number,
        starts_at=facts.starts_at,
        local=f"{DAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}",
        theme=facts.theme or "(geen thema)",
        status=facts.status,
        content=facts.content or "–",
        process=facts.process or "–",
        checkin=facts.checkin,
        evaluation=facts.evaluation,
        mean_rating=facts.mean_rating,
        groups=facts.groups,
        experiments=facts.experiments,
    )


def _attach_notes(lines: list[MeetingLine], notes: list[tuple[datetime, str]]) -> None:
    """Each noteworthy moment goes with the first meeting at or after it."""
    for when, text in notes:
        target = next((line for line in lines if line.starts_at >= when), None)
        if target is None and lines:
            target = lines[-1]
        if target is not None:
            target.notes.append(f"{when.astimezone(ZoneInfo('Europe/Amsterdam')):%Y-%m-%d} {text}")


def _rate(rate: tuple[int, int] | None) -> str:
    if rate is None:
        return "–"
    answered, asked = rate
    percent = f" ({round(100 * answered / asked)}%)" if asked else ""
    return f"{answered}/{asked}{percent}"


def _group(names: list[str]) -> str:
    """'Ann & Bob'; a trio (the odd one out, or a latecomer added) is marked as one."""
    size = {2: "", 3: " (trio)"}.get(len(names), f" ({len(names)} people)")
    return " & ".join(names) + size


def format_timeline(lines: list[MeetingLine]) -> str:
    out = [f"Timeline: {len(lines)} meetings"]
    for line in lines:
        rating = f"{line.mean_rating:.1f}" if line.mean_rating is not None else "–"
        groups = f"{len(line.groups)} new" if line.groups is not None else "–"
        experiments = (
            f"{line.experiments[0]} agreed, {line.experiments[1]} reported"
            if line.experiments is not None
            else "–"
        )
        out += [
            "",
            f"Meeting {line.number:>2} · {line.local} · {line.theme}",
            f"  facilitators   content: {line.content} · process: {line.process}",
            f"  check-in       {_rate(line.checkin)}",
            f"  evaluation     {_rate(line.evaluation)} · mean rating {rating}",
            f"  buddy groups   {groups}",
            *(f"{'':17}{_group(names)}" for names in line.groups or ()),
            f"  experiments    {experiments}",
        ]
        out += [f"  · {note}" for note in line.notes]
    return "\n".join(out)
