"""``copbot demo``: a sample Community of Practice plays its whole 18-month programme.

Twenty people from eight organisations set up a CoP, join, answer their intake and then live
through thirteen meetings on a simulated clock: copbot's planned work runs at its due times
(``Core.run_due``), and the simulated participants answer what copbot sent them, through the
same entry points Slack and Teams use. At the end the timeline, the organiser's digest and
the report are printed and written to ``out_dir``. The same seed gives the same output.
"""

from __future__ import annotations

import heapq
import logging
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from itertools import count
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from adapters.console.render import to_text
from adapters.console.repl import CHANNEL, PLATFORM
from bot.context import Place, Reply
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.messages import File, names_only
from bot.outbox.sender import RecordingSender
from bot.settings import Settings
from copbot.demo import data
from copbot.demo.crowd import Crowd, Person
from copbot.demo.markdown import to_markdown, with_pictures
from copbot.demo.timeline import MeetingLine, collect_timeline, format_timeline
from copbot.migrate import upgrade

logger = logging.getLogger(__name__)

TZ = ZoneInfo("Europe/Amsterdam")
LANG = "nl"  # the demo community's language
BEGIN = datetime(2027, 1, 4, 9, 0, tzinfo=TZ).astimezone(UTC)  # ten days before meeting 1
# The simulation stops this long after the last meeting (its evaluation closes within a week).
TAIL = timedelta(days=10)


@dataclass
class DemoClock:
    now: datetime = BEGIN

    def __call__(self) -> datetime:
        return self.now


@dataclass(order=True)
class Event:
    when: datetime
    seq: int
    label: str = field(compare=False)
    action: Callable[[], object] = field(compare=False)


@dataclass
class DemoResult:
    timeline: list[MeetingLine]
    text: str  # everything printed except the elapsed time
    digests: list[Path]
    elapsed: float
    stopped_at: datetime = BEGIN  # the simulated clock when the play stopped


class Director:
    """Runs the simulated calendar: scripted moments, participants' answers and due work."""

    def __init__(self, *, core: Core, clock: DemoClock) -> None:
        self.core = core
        self.clock = clock
        self.events: list[Event] = []
        self._seq = count()
        self.notes: list[tuple[datetime, str]] = []
        self.digest_steps: list[datetime] = []

    def at(self, when: datetime, label: str, action: Callable[[], object]) -> None:
        heapq.heappush(self.events, Event(when, next(self._seq), label, action))

    def note(self, text: str) -> None:
        self.notes.append((self.clock.now, text))

    def next_work(self) -> datetime | None:
        """The earliest planned job or pending delivery: read-only, to know when to wake up."""
        return self.core.next_work()

    def due_kinds(self, now: datetime) -> set[str]:
        return self.core.due_kinds(now)

    def run(self, *, until: datetime, crowd: Crowd) -> None:
        while True:
            work = self.next_work()
            event_at = self.events[0].when if self.events else None
            candidates = [m for m in (work, event_at) if m is not None]
            if not candidates:
                return
            moment = max(min(candidates), self.clock.now)
            if moment > until:
                return
            self.clock.now = moment
            if event_at is not None and event_at <= moment:
                event = heapq.heappop(self.events)
                event.action()
            else:
                if "digest" in self.due_kinds(moment):
                    self.digest_steps.append(moment)
                self.core.run_due(moment)
            crowd.read_new()


def run_demo(
    settings: Settings,
    *,
    seed: int,
    out_dir: str,
    quiet: bool,
    meetings: int = 13,
    stream: TextIO | None = None,
) -> int:
    """Play the programme; ``meetings`` shortens it (tests). Prints the timeline and digest."""
    result = play(seed=seed, out_dir=Path(out_dir), meetings=meetings, quiet=quiet)
    out = stream or sys.stdout
    out.write(result.text)
    out.write(
        f"\nPlayed {len(result.timeline)} meetings in {result.elapsed:.1f} s (seed {seed}).\n"
    )
    out.write(f"Output written to {Path(out_dir).resolve()}\n")
    return 0


def play(
    *,
    seed: int,
    out_dir: Path,
    meetings: int = 13,
    quiet: bool = True,
    held: int | None = None,
) -> DemoResult:
    """The programme of ``meetings`` meetings, played until TAIL after the last one, or after
    meeting ``held`` (the community then in full swing: later meetings planned, buddies
    between experiments; ``bench.status_cost`` measures ``status`` there)."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "demo.db"
    for stale in (db_path, out_dir / "digests", out_dir / "report", out_dir / "pictures"):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    (out_dir / "digests").mkdir()
    url = f"sqlite:///{db_path}"
    levels = _quiet_logs(quiet)
    try:
        upgrade(url)
        engine = make_engine(url)
        try:
            result = _play(url=url, engine_factory=make_session_factory(engine), seed=seed,
                           out_dir=out_dir, meetings=meetings, held=held)  # fmt: skip
        finally:
            engine.dispose()
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    result.elapsed = time.perf_counter() - started
    return result


def _quiet_logs(quiet: bool) -> dict[str, int]:
    """Routine INFO/WARNING lines (skipped jobs, migrations) would drown the timeline."""
    names = ("bot", "alembic", "copbot")
    saved = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.ERROR if quiet else logging.WARNING)
    return saved


def _play(
    *,
    url: str,
    engine_factory: sessionmaker[Session],
    seed: int,
    out_dir: Path,
    meetings: int,
    held: int | None,
) -> DemoResult:
    rng = random.Random(seed)
    clock = DemoClock()
    sender = RecordingSender()
    core = Core(
        session_factory=engine_factory,
        clock=clock,
        senders={PLATFORM: sender},
        deliver_inline=True,
        worker_id="demo",
    )
    director = Director(core=core, clock=clock)
    crowd = Crowd(core=core, sender=sender, rng=rng, schedule=director.at, clock=clock)
    script = Script(core=core, director=director, crowd=crowd, rng=rng, meetings=meetings)
    script.set_up()
    crowd.read_new()
    starts = script.meeting_starts()
    until = (starts[held - 1] if held else starts[-1]) + TAIL
    director.run(until=until, crowd=crowd)

    timeline = collect_timeline(core, community_id=script.community_id, notes=director.notes)
    organiser = script.organiser
    digests = _write_digests(out_dir, crowd, director.digest_steps, organiser.user_id)
    final_digest = script.ask(organiser, "digest", dm=True)
    last_day = (until.astimezone(TZ)).date().isoformat()
    report = script.ask(organiser, f"report {BEGIN.astimezone(TZ).date()} {last_day}", dm=True)
    report_files = _write_files(out_dir / "report", report)
    pictures = _write_pictures(
        out_dir / "pictures", final_digest, script.ask(organiser, "map", dm=True)
    )
    lines = [
        f"copbot demo · {data.COMMUNITY_NAME}",
        f"Vraagstuk: {data.QUESTION}",
        f"Ambitie:   {data.AMBITION}",
        f"{len(data.PEOPLE)} participants from {len(data.ORGANISATIONS)} organisations, "
        f"organiser {organiser.persona.name}; first meeting {data.START}.",
        "",
        format_timeline(timeline),
        "",
        "Participants: "
        f"{crowd.tally.received} prompts received, "
        f"{crowd.tally.answered_by_reply} answered by reply, "
        f"{crowd.tally.answered_by_button} by button, "
        f"{crowd.tally.answered_by_form} by form, "
        f"{crowd.tally.ignored} left unanswered; {crowd.tally.other_clicks} other clicks.",
        f"Digests delivered to the organiser: {len(digests)} (in {out_dir / 'digests'}).",
        "",
        "── The organiser's digest, asked for at the end ──",
        "\n\n".join(to_text(r.message, lang=LANG) for r in final_digest) or "(no digest available)",
    ]
    if report_files:
        lines += ["", "Report: " + ", ".join(str(p) for p in report_files)]
    if pictures:
        lines += ["Charts and the social map: " + ", ".join(str(p) for p in pictures)]
    return DemoResult(
        timeline=timeline,
        text="\n".join(lines) + "\n",
        digests=digests,
        elapsed=0.0,
        stopped_at=clock.now,
    )


def _write_digests(
    out_dir: Path, crowd: Crowd, steps: list[datetime], organiser_id: str
) -> list[Path]:
    """Every digest copbot delivered to the organiser, one file per week."""
    step_set = set(steps)
    written: list[Path] = []
    for when, user_id, message in crowd.organiser_mail:
        if user_id != organiser_id or when not in step_set:
            continue
        local = when.astimezone(TZ)
        year, week, _ = local.isocalendar()
        path = out_dir / "digests" / f"{year}-W{week:02d}.md"
        body = to_markdown(message)
        if path in written:
            path.write_text(path.read_text(encoding="utf-8") + "\n\n" + body + "\n", "utf-8")
            continue
        path.write_text(f"<!-- delivered {local:%Y-%m-%d %H:%M} -->\n{body}\n", encoding="utf-8")
        written.append(path)
    return written


def _write_pictures(folder: Path, digest: list[Reply], social_map: list[Reply]) -> list[Path]:
    """The final digest and the social map as Markdown with their charts drawn as PNG (the
    weekly digests show their charts as text: drawing every week's would slow the demo)."""
    folder.mkdir(exist_ok=True)
    written = []
    for stem, replies in (("digest", digest), ("social-map", social_map)):
        for reply in replies[:1]:
            path = folder / f"{stem}.md"
            path.write_text(with_pictures(reply.message, folder=folder, stem=stem), "utf-8")
            written.append(path)
    return written


def _write_files(folder: Path, replies: list[Reply]) -> list[Path]:
    files = [b for r in replies for b in r.message.blocks if isinstance(b, File)]
    if not files:
        return []
    folder.mkdir(exist_ok=True)
    written = []
    for block in files:
        path = folder / Path(block.name).name
        path.write_text(block.content, encoding="utf-8")
        written.append(path)
    return written


class Script:
    """The scripted part of the programme: set-up, roles, holidays, a move, a newcomer."""

    def __init__(
        self, *, core: Core, director: Director, crowd: Crowd, rng: random.Random, meetings: int
    ) -> None:
        self.core, self.director, self.crowd, self.rng = core, director, crowd, rng
        self.meetings = meetings
        self.people = [crowd.add(p) for p in data.PEOPLE]
        self.organiser = self.people[0]
        crowd.organiser_ids.add(self.organiser.user_id)
        self.community_id = 0

    # -- talking as someone -------------------------------------------------------------------
    def say(self, person: Person, text: str) -> list[Reply]:
        place = Place(PLATFORM, CHANNEL, "channel")
        return self.core.handle_command(person.actor(), place, text)

    def ask(self, person: Person, text: str, *, dm: bool = False) -> list[Reply]:
        if dm:
            return self.core.handle_message(person.actor(), person.dm(), text)
        return self.say(person, text)

    def expect(self, person: Person, text: str, *, note: str, dm: bool = False) -> str:
        """Do something as ``person`` and put it, with copbot's first answer line, in the timeline."""
        replies = self.ask(person, text, dm=dm)
        reply = names_only("\n".join(r.message.text for r in replies))
        lines = [line for line in reply.splitlines() if line.strip()]
        answer = _short(lines[-1] if len(lines) > 1 else (lines[0] if lines else "-"), 100)
        self.director.note(f"{person.persona.name}: {note} → {answer}")
        return reply

    # -- the programme --------------------------------------------------------------------------
    def set_up(self) -> None:
        org = self.organiser
        self.ask(org, f"setup {data.COMMUNITY_NAME}")
        # Thirteen six-week intervals make the 18 months; fewer give a shorter programme.
        end = date.fromisoformat(data.START) + timedelta(days=42 * self.meetings + 7)
        self.expect(
            org,
            f"config lang={LANG} tz=Europe/Amsterdam start={data.START} time={data.MEETING_TIME} "
            f'end={end.isoformat()} question="{data.QUESTION}" ambition="{data.AMBITION}"',
            note="sets up the CoP (question, ambition, start, every 6 weeks)",
        )
        self.community_id = self._community_id()
        self.expect(org, data.BLACKOUT, note="pauses the summer holiday of regio midden")
        for offset, person in enumerate(self.people[1:], start=1):
            when = self.director.clock.now + timedelta(minutes=37 * offset)
            self.director.at(when, f"{person.persona.name} joins", partial(self.join, person))
        self._plan_roles()
        self._plan_themes()
        self._plan_moments()
        self._plan_logbook()

    def _pause_all_summers(self) -> None:
        reply = self.expect(
            self.organiser,
            data.BLACKOUT_ALL,
            note="reads the digest's school holiday warning and pauses every region's summer",
        )
        if "planning bevestig" in reply:  # the change moves decided things: confirm it
            self.expect(self.organiser, "planning bevestig", note="confirms the change")

    def _community_id(self) -> int:
        found = self.director.core.community_at(PLATFORM, CHANNEL)
        if found is None:
            raise RuntimeError("the demo community was not created")
        return found

    def join(self, person: Person) -> None:
        self.say(person, "join")

    def _plan_roles(self) -> None:
        when = self.director.clock.now + timedelta(days=1, hours=2)

        def roles() -> None:
            for name in data.FACILITATORS:
                user_id = next(p.user_id for p in self.people if p.persona.name == name)
                self.ask(self.organiser, f"role <@{user_id}> facilitator")
            self.director.note(
                f"facilitator role (schedule, rotation, pairs) for: {', '.join(data.FACILITATORS)}"
            )

        self.director.at(when, "roles", roles)

    def meeting_starts(self) -> list[datetime]:
        return self.director.core.meeting_starts(self.community_id)

    def last_meeting_start(self) -> datetime:
        return self.meeting_starts()[-1]

    def _plan_themes(self) -> None:
        # The first two themes are known at the start; each later one is chosen after the
        # meeting before it, from what the group asked for.
        starts = self.meeting_starts()
        facilitator = next(p for p in self.people if p.persona.name == data.FACILITATORS[0])
        for number in (1, 2):
            if number <= len(starts):
                when = self.director.clock.now + timedelta(days=1, hours=3)
                self.director.at(when, "theme", self._theme_setter(facilitator, number))
        for number in range(3, len(starts) + 1):
            when = starts[number - 2] + timedelta(days=2)
            self.director.at(when, "theme", self._theme_setter(facilitator, number))

    def _theme_setter(self, person: Person, number: int) -> Callable[[], None]:
        def set_theme() -> None:
            theme = data.THEMES[(number - 1) % len(data.THEMES)]
            self.ask(person, f"theme {number} {theme}")

        return set_theme

    def _plan_moments(self) -> None:
        starts = self.meeting_starts()
        people = self.people
        # Meeting 4 collides with a regional study day: moved a week, three weeks ahead.
        if len(starts) >= 4:
            moved = starts[3] + timedelta(days=7)
            local = moved.astimezone(TZ)
            facilitator = next(p for p in people if p.persona.name == data.FACILITATORS[1])
            self.director.at(
                starts[3] - timedelta(days=21),
                "move meeting 4",
                lambda: self.expect(
                    facilitator,
                    f"schedule move 4 {local:%Y-%m-%d} {local:%H:%M}",
                    note="moves meeting 4 a week (regional study day)",
                ),
            )
        # The digest warns (twelve weeks ahead) that the meeting moved out of the midden summer
        # holiday falls in the zuid one; the organiser then pauses every region's summer.
        if len(starts) >= 6:
            self.director.at(
                starts[5] - timedelta(days=70),
                "summer for all regions",
                self._pause_all_summers,
            )
        # Two people take a holiday around a meeting and are left out of its prompts.
        for index, person in ((2, people[6]), (5, people[11])):
            if len(starts) > index:
                leave = starts[index] - timedelta(days=8)
                back = (starts[index] + timedelta(days=10)).astimezone(TZ).date()
                self.director.at(
                    leave,
                    "away",
                    partial(
                        self.expect,
                        person,
                        f"away until {back.isoformat()}",
                        note="goes on holiday",
                        dm=True,
                    ),
                )
        # A newcomer joins half-way and gets the welcome with the themes so far.
        if len(starts) >= 7:
            newcomer = self.crowd.add(data.NEWCOMER)
            self.people.append(newcomer)
            self.director.at(
                starts[6] - timedelta(days=12), "newcomer", lambda: self._newcomer(newcomer)
            )

    def _newcomer(self, person: Person) -> None:
        seen = len(self.crowd.sender.to(person.user_id))
        self.join(person)
        welcome = self.crowd.sender.to(person.user_id)[seen:]
        lines = names_only(welcome[0].text).splitlines() if welcome else []
        themes = sum(1 for line in lines if line[:2].strip(". ").isdigit())
        self.director.note(
            f"newcomer {person.persona.name} joined; welcome DM: "
            f"{lines[0] if lines else '(none)'} (+{themes} past themes)"
        )

    def _plan_logbook(self) -> None:
        starts = self.meeting_starts()
        moment = self.director.clock.now + timedelta(days=3)
        end = starts[-1]
        while moment < end:
            person = self.rng.choice(self.people[:20])
            kind = "success" if self.rng.random() < 0.4 else "log"
            pool = data.SUCCESS_TEXTS if kind == "success" else data.LOG_TEXTS
            text = self.rng.choice(pool)
            hour = timedelta(hours=self.rng.randint(8, 17) - 8)
            self.director.at(
                moment + hour,
                "logbook",
                partial(self.ask, person, f"{kind} {text}", dm=True),
            )
            moment += timedelta(days=self.rng.randint(5, 12))


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
