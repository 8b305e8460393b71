"""Harvest bench: the digest with its charts, the social map and the HTML report.

- The digest of an 18-month community: the programme ``copbot demo`` plays (21 people,
  13 meetings, every cycle's buddy groups, experiments, check-ins and evaluations), asked
  right after its last meeting, when it also carries the social map. Measured as the core
  makes it (figures, charts as data: what Teams and the console get) and with every chart
  and the map drawn as PNG (what the Slack adapter uploads).
- The social map of 25 organisations (50 members) after 13 cycles of buddy groups,
  experiments and facilitator duos: networkx's measures, then the PNG.
- The HTML report of the demo programme (charts and map inline as SVG): time and size.

Each figure is the median of several runs after one warm-up (imports and caches), printed
next to its floor. Figures are printed, not asserted. They are wall-clock times: on a machine
busy with other work they grow (``uptime``'s load is printed with them).

    python -m bench.harvest
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.buddies.models import BuddyGroup, BuddyGroupMember, BuddyRound, Experiment
from bot.buddies.pairing import Person, pair_up
from bot.charts.draw import png, svg
from bot.communities.models import Community
from bot.db import make_engine, make_session_factory
from bot.digest.flows import build_digest
from bot.digest.harvest import collect_harvest
from bot.digest.report import default_period
from bot.digest.report_html import render_html
from bot.facilitation.models import Assignment
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.messages import Chart, Network
from bot.places.models import CommunityPlace
from bot.socialmap.messaging import network
from bot.socialmap.service import build
from copbot.demo import play
from copbot.migrate import upgrade

RUNS = 7
DIGEST_FLOOR_MS = 300
MAP_FLOOR_MS = 500
REPORT_FLOOR_MS = 2000
REPORT_FLOOR_BYTES = 2 * 1024 * 1024
ORGANISATIONS = 25
T = TypeVar("T")


CPU = {"cpu": 0.0}  # the median CPU time of the last median_ms, printed beside the wall time


def median_ms(action: Callable[[], T], runs: int = RUNS) -> tuple[float, T]:
    """The median wall-clock time of ``action`` (its median CPU time goes to ``CPU``)."""
    result = action()  # warm-up: imports, font cache, SQLAlchemy's statement cache
    times, cpu = [], []
    for _ in range(runs):
        # Every run draws afresh: the pictures' cache would otherwise answer.
        png.cache_clear()
        svg.cache_clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    CPU["cpu"] = statistics.median(cpu)
    return statistics.median(times), result


def line(label: str, value: float, floor: float, unit: str = "ms") -> str:
    verdict = "within" if value <= floor else "OVER"
    extra = f"  (CPU {CPU['cpu']:.0f} ms)" if unit == "ms" else ""
    return f"  {label:<48} {value:8.1f} {unit}   floor {floor:.0f} {unit} ({verdict}){extra}"


def demo_community(folder: Path) -> tuple[str, datetime]:
    """The demo's database and the moment right after its last meeting."""
    play(seed=7, out_dir=folder)
    url = f"sqlite:///{folder / 'demo.db'}"
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        last = session.scalars(select(Meeting).order_by(Meeting.starts_at.desc())).first()
        assert last is not None
        moment = last.ends_at + timedelta(days=2)
    engine.dispose()
    return url, moment


def bench_digest_and_report(url: str, now: datetime) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:
        community = session.scalars(select(Community)).one()

        def digest() -> object:
            return build_digest(session, community=community, now=now, lang="nl")

        def digest_drawn() -> int:
            message = build_digest(session, community=community, now=now, lang="nl")
            pictures = [b for b in message.blocks if isinstance(b, Chart | Network)]
            return sum(len(png(p)) for p in pictures)

        ms, message = median_ms(digest)
        pictures = sum(1 for b in message.blocks if isinstance(b, Chart | Network))  # type: ignore[attr-defined, misc]
        print(f"digest of the demo programme after its last meeting ({pictures} pictures):")
        print(line("figures + charts as data (Teams, console)", ms, DIGEST_FLOOR_MS))
        ms, size = median_ms(digest_drawn, runs=5)
        print(line("... with every picture drawn as PNG (Slack)", ms, DIGEST_FLOOR_MS))
        print(f"  {'PNG bytes in all':<52} {size:8d}")

        start, end = default_period(community, now=now)

        def report() -> str:
            harvest = collect_harvest(session, community=community, start=start, end=end, now=now)
            return render_html(harvest, "nl")

        ms, html = median_ms(report, runs=5)
        size = len(html.encode("utf-8"))
        print("HTML report of the demo programme:")
        drawn = html.count("<svg")
        print(line(f"collect + render ({drawn} SVG pictures)", ms, REPORT_FLOOR_MS))
        print(line("size", size / 1024, REPORT_FLOOR_BYTES / 1024, "KB"))
    engine.dispose()


def twenty_five_organisations(url: str) -> tuple[int, datetime]:
    """A community of 25 organisations with two members each, 13 cycles of buddy groups (with
    experiments, most carried out) and facilitator duos, written straight into the tables."""
    upgrade(url)
    engine = make_engine(url)
    start = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    with make_session_factory(engine)() as session:
        community = Community(name="Bench CoP", created_at=start - timedelta(days=30))
        session.add(community)
        session.flush()
        session.add(
            CommunityPlace(
                community_id=community.id, number=1, platform="bench", channel_id="C", home=True
            )
        )
        members = [
            Member(
                community_id=community.id,
                platform="bench",
                user_id=f"U{i}",
                display_name=f"Person {i}",
                organisation=f"Organisation {i // 2 + 1}",
                joined_at=start - timedelta(days=20),
            )
            for i in range(ORGANISATIONS * 2)
        ]
        session.add_all(members)
        session.flush()
        _programme(session, community=community, members=members, start=start)
        session.commit()
        community_id = community.id
    engine.dispose()
    return community_id, start + timedelta(weeks=6 * 13)


def _programme(
    session: Session, *, community: Community, members: list[Member], start: datetime
) -> None:
    history: list[list[list[int]]] = []
    people = [Person(m.id, m.organisation) for m in members]
    for cycle in range(13):
        at = start + timedelta(weeks=6 * cycle)
        meeting = Meeting(
            community_id=community.id,
            number=cycle + 1,
            starts_at=at,
        )
        session.add(meeting)
        session.flush()
        content, process = (
            members[(2 * cycle) % len(members)],
            members[(7 * cycle + 3) % len(members)],
        )
        session.add_all(
            Assignment(community_id=community.id, meeting_id=meeting.id, role=role, member_id=m.id)
            for role, m in (("content", content), ("process", process))
        )
        made = BuddyRound(
            key=f"{community.id}:{meeting.id}",
            community_id=community.id,
            meeting_id=meeting.id,
            created_at=meeting.ends_at,
        )
        session.add(made)
        session.flush()
        groups = pair_up(people, history).groups
        history.append([list(g) for g in groups])
        for index, ids in enumerate(groups):
            group = BuddyGroup(
                round_id=made.id,
                community_id=community.id,
                meeting_id=meeting.id,
                created_at=meeting.ends_at,
            )
            session.add(group)
            session.flush()
            session.add_all(BuddyGroupMember(group_id=group.id, member_id=i) for i in ids)
            ran = index % 4 != 0
            session.add(
                Experiment(
                    group_id=group.id,
                    community_id=community.id,
                    text="Try one small thing",
                    agreed_at=meeting.ends_at + timedelta(days=2),
                    status="reported" if ran else "open",
                    reported_at=meeting.ends_at + timedelta(days=30) if ran else None,
                    outcome="done" if ran else None,
                )
            )


def bench_map(folder: Path) -> None:
    url = f"sqlite:///{folder / 'map.db'}"
    community_id, now = twenty_five_organisations(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        ms, smap = median_ms(lambda: build(session, community_id=community_id, now=now))
        print(f"social map of {ORGANISATIONS} organisations after 13 cycles:")
        print(
            f"  {smap.pairs_now} of {smap.possible} organisation pairs connected "
            f"({smap.pairs_start} after the first meeting), {len(smap.ties)} ties"
        )
        print(line("ties and measures (networkx)", ms, MAP_FLOOR_MS))

        def drawn() -> int:
            found = build(session, community_id=community_id, now=now)
            return len(png(network(found, lang="en", name="Bench CoP")))

        ms, size = median_ms(drawn)
        print(line("... and drawn as PNG", ms, MAP_FLOOR_MS))
        print(f"  {'PNG bytes':<52} {size:8d}")
    engine.dispose()


def main() -> None:
    print(f"load average: {os.getloadavg()[0]:.1f} over {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("playing the demo programme for its database ...", flush=True)
        url, now = demo_community(folder / "demo")
        bench_digest_and_report(url, now)
        bench_map(folder)


if __name__ == "__main__":
    main()
