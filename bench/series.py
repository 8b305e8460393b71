"""Series bench: generating the longest trajectory the settings allow.

The longest trajectory is three years of weekly meetings (``MAX_TRAJECTORY_MONTHS`` at the
shortest cadence, one week): about 157 meetings. Timed, each the median of several runs on
SQLite in a temporary file:

- the plan alone (``plan_series``: the cadence days, holidays and pauses, pairing the
  places with the meetings that exist), for an empty schedule and for a full one whose time
  changes (every meeting moves);
- generating: the plan and the meetings written;
- planning every meeting's timed work (check-in, reminder, brief, ...: ``replan``);
- the whole ``config`` command through the core, as an organiser types it: the figure an
  organiser waits for;
- the first plan in a fresh process, which loads the holiday tables once;
- and, as the contrast the bounds exist for, how many meetings ``end=9999-12-30`` would
  have asked for (now refused before any planning).

Figures are printed next to the floor (100 ms), not asserted.

    python -m bench.series
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.communities.settings import MAX_TRAJECTORY_MONTHS, add_months
from bot.meetings.changes import apply_plan, plan_series
from bot.meetings.models import Meeting
from bot.meetings.series import series_days
from bot.timed.planner import replan
from copbot.migrate import upgrade
from tests.harness import Harness

FLOOR_MS = 100.0
RUNS = 7
START = date(2027, 1, 14)
NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def _fresh() -> Harness:
    folder = Path(tempfile.mkdtemp(prefix="copbot-bench-series-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    bot = Harness(url)
    bot.clock.set(NOW)
    bot.text("ann", "setup Bench CoP")
    return bot


def _longest() -> str:
    end = add_months(START, MAX_TRAJECTORY_MONTHS)
    return f"config lang=en start={START.isoformat()} cadence=1w end={end.isoformat()}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _longest_community(session: Session) -> Community:
    community = session.scalars(select(Community)).one()
    community.start_date = START
    community.end_date = add_months(START, MAX_TRAJECTORY_MONTHS)
    community.cadence_days = 7
    session.flush()
    return community


def _row(title: str, seconds: list[float], note: str = "") -> None:
    print(f"{title:<44}: {_ms(statistics.median(seconds))}  (floor {FLOOR_MS:.0f} ms){note}")


def main() -> None:
    print(f"floor: {FLOOR_MS:.0f} ms for the longest allowed trajectory; medians of {RUNS} runs")
    cold: float | None = None
    figures: dict[str, list[float]] = {k: [] for k in ("plan", "made", "timed", "command", "move")}
    meetings = 0
    for _ in range(RUNS):
        bot = _fresh()
        with bot.factory() as session:
            community = _longest_community(session)
            started = time.perf_counter()
            plan = plan_series(session, community=community, blackouts=[], now=NOW, lang="nl")
            planned = time.perf_counter()
            apply_plan(session, plan=plan, now=NOW)
            made = time.perf_counter()
            replan(session, community=community, now=NOW)
            timed = time.perf_counter()
            session.rollback()
        if cold is None:
            cold = planned - started  # the first plan in this process loads the holiday tables
        else:
            figures["plan"].append(planned - started)
        figures["made"].append(made - started)
        figures["timed"].append(timed - made)
        started = time.perf_counter()
        reply = bot.text("ann", _longest())
        figures["command"].append(time.perf_counter() - started)
        assert "Saved" in reply, reply
        with bot.factory() as session:
            meetings = session.scalar(select(func.count(Meeting.id))) or 0
            community = session.scalars(select(Community)).one()
            community.meeting_time = "15:00"
            session.flush()
            started = time.perf_counter()
            plan = plan_series(session, community=community, blackouts=[], now=NOW, lang="nl")
            figures["move"].append(time.perf_counter() - started)
            assert len(plan.moves) == meetings
            session.rollback()
        bot.close()
    print(
        f"meetings in the longest trajectory: {meetings} (weekly for {MAX_TRAJECTORY_MONTHS} months)"
    )
    _row("plan the series (empty schedule)", figures["plan"])
    _row("generate: plan + the meetings written", figures["made"])
    _row("plan a change that moves every meeting", figures["move"])
    _row("plan every meeting's timed work (replan)", figures["timed"])
    _row(
        "`config` command end to end",
        figures["command"],
        "; settings, series, meetings, timed work, commit",
    )
    print(f"first plan in a fresh process (loads the holiday tables): {_ms(cold or 0.0)}")
    years = (date(9999, 12, 30) - START).days / 365.25
    places = len(series_days(start=START, end=date(9999, 12, 30), weekday=None, cadence_days=7))
    print(
        f"end=9999-12-30 would ask for {int(years * 52):,} weekly meetings over {years:,.0f} "
        f"years: refused by the settings' bounds, and the series itself stops at {places} places"
    )


if __name__ == "__main__":
    main()
