"""Dutch school holidays per region: the data, members' regions, and the warnings.

The source material names school holidays in different regions as a failure factor of a CoP:
a meeting in the summer holiday of the south loses the parents who live there. The dates
are OCW's, shipped in ``schoolholidays.toml`` (its header names the source and how each row
was checked). Members give their region in the intake (or a province, which is mapped to
its region); copbot then warns the organiser about every meeting it plans, adds or moves
into a school holiday of a region where at least one member lives.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

from sqlalchemy.orm import Session

from bot.commands.parser import as_int
from bot.communities.models import Community
from bot.errors import InvalidInput
from bot.i18n import t
from bot.meetings.changes import local_day
from bot.meetings.messaging import local_time
from bot.meetings.models import Meeting
from bot.members.service import regions

REGIONS = ("noord", "midden", "zuid")
HOLIDAYS = ("herfst", "kerst", "voorjaar", "mei", "zomer")

# What people type for a region: its name in Dutch or English, or a province. Gelderland is
# mostly Midden, but Arnhem and Nijmegen (and the rest of the south of the province) are Zuid;
# a few municipalities elsewhere differ from their province too, so the region itself is the
# better answer and the province a convenience.
REGION_WORDS = {
    "noord": "noord", "north": "noord", "nord": "noord", "n": "noord",
    "midden": "midden", "middle": "midden", "central": "midden", "centre": "midden",
    "center": "midden", "mid": "midden", "m": "midden",
    "zuid": "zuid", "south": "zuid", "z": "zuid", "s": "zuid",
    "groningen": "noord", "friesland": "noord", "fryslân": "noord", "fryslan": "noord",
    "drenthe": "noord", "overijssel": "noord", "flevoland": "noord",
    "noord-holland": "noord", "noordholland": "noord", "north holland": "noord",
    "utrecht": "midden", "zuid-holland": "midden", "zuidholland": "midden",
    "south holland": "midden", "gelderland": "midden",
    "zeeland": "zuid", "noord-brabant": "zuid", "noordbrabant": "zuid", "brabant": "zuid",
    "north brabant": "zuid", "limburg": "zuid", "arnhem": "zuid", "nijmegen": "zuid",
}  # fmt: skip
HOLIDAY_WORDS = {
    "herfst": "herfst", "herfstvakantie": "herfst", "autumn": "herfst", "fall": "herfst",
    "kerst": "kerst", "kerstvakantie": "kerst", "christmas": "kerst", "winter": "kerst",
    "voorjaar": "voorjaar", "voorjaarsvakantie": "voorjaar", "krokus": "voorjaar",
    "krokusvakantie": "voorjaar", "carnaval": "voorjaar", "spring": "voorjaar",
    "mei": "mei", "meivakantie": "mei", "may": "mei",
    "zomer": "zomer", "zomervakantie": "zomer", "summer": "zomer",
}  # fmt: skip
ALL_REGIONS = ("all", "alle", "iedereen", "allemaal", "everywhere", "overal")
SKIP = ("-", "skip", "geen", "none", "nvt", "n.v.t.", "weet ik niet", "overslaan", "no", "nee")


@dataclass(frozen=True)
class SchoolHoliday:
    year: str  # the school year, "2027-2028"
    name: str  # herfst | kerst | voorjaar | mei | zomer
    region: str
    first: date
    last: date
    kind: str  # fixed | advisory
    basis: str  # rijksoverheid | secondary | derived

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@cache
def table() -> tuple[SchoolHoliday, ...]:
    raw = tomllib.loads(
        resources.files("bot.meetings").joinpath("schoolholidays.toml").read_text("utf-8")
    )
    rows = []
    for entry in raw["holiday"]:
        for region in REGIONS:
            first, last = entry[region]
            rows.append(
                SchoolHoliday(
                    year=entry["year"],
                    name=entry["name"],
                    region=region,
                    first=date.fromisoformat(first),
                    last=date.fromisoformat(last),
                    kind=entry["kind"],
                    basis=entry["basis"],
                )
            )
    return tuple(sorted(rows, key=lambda h: (h.first, h.region)))


def source() -> str:
    raw = tomllib.loads(
        resources.files("bot.meetings").joinpath("schoolholidays.toml").read_text("utf-8")
    )
    return str(raw["source"])


def holidays_on(day: date) -> list[SchoolHoliday]:
    return [h for h in table() if h.covers(day)]


def parse_region(text: str) -> str | None:
    """A region from what someone typed ('Zuid', 'south', 'Limburg', 'regio midden');
    None when it is none of them."""
    words = text.strip().lower().removeprefix("regio ").removeprefix("region ").strip(" .!")
    return REGION_WORDS.get(words)


def is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP


def holiday_name(lang: str, name: str) -> str:
    return t(lang, f"school.holiday.{name}")


# -- a pause from a region's holiday ------------------------------------------------------------


@dataclass(frozen=True)
class HolidayPause:
    first: date
    last: date
    label: str


def pause_for(words: list[str], *, today: date, lang: str) -> HolidayPause:
    """`pause zomervakantie zuid 2027`, `pause summer all`, `pauze herfst noord`: the holiday
    of a region (or the span of all three), in the given year (the calendar year it starts in)
    or else the next one that has not ended."""
    name = region = None
    year: int | None = None
    for word in (w.lower().strip(",.") for w in words):
        if word in HOLIDAY_WORDS:
            name = HOLIDAY_WORDS[word]
        elif word in ALL_REGIONS:
            region = "all"
        elif (number := as_int(word)) is not None and len(word) == 4 and word.isdigit():
            year = number
        elif (found := parse_region(word)) is not None:
            region = found
        else:
            raise InvalidInput("school.error.pause_words", word=word[:30])
    if name is None or region is None:
        raise InvalidInput("school.error.pause_words", word=" ".join(words)[:60])
    rows = [
        h
        for h in table()
        if h.name == name
        and (region == "all" or h.region == region)
        and (h.first.year == year if year is not None else h.last >= today)
    ]
    if not rows:
        raise InvalidInput(
            "school.error.no_dates", holiday=holiday_name(lang, name), year=year or "-"
        )
    school_year = rows[0].year  # the earliest matching school year
    rows = [h for h in rows if h.year == school_year]
    first, last = min(h.first for h in rows), max(h.last for h in rows)
    where = (
        t(lang, "school.all_regions")
        if region == "all"
        else t(lang, "school.region", region=region)
    )
    label = f"{holiday_name(lang, name)} {where} {first.year}"
    return HolidayPause(first=first, last=last, label=label)


# -- warnings ---------------------------------------------------------------------------------


def region_counts(session: Session, *, community_id: int) -> Counter[str]:
    """How many current members live in each region (members without a region left out)."""
    given = regions(session, community_id=community_id)
    return Counter({region: count for region, count in given.items() if region in REGIONS})


@dataclass(frozen=True)
class Clash:
    number: int
    start: datetime
    holiday: SchoolHoliday
    members: int  # how many members live in the holiday's region


def clashes(
    session: Session,
    *,
    community: Community,
    moments: Iterable[tuple[int, datetime]],
) -> list[Clash]:
    """(meeting number, start) pairs that fall in a school holiday of a region where members
    live, one per holiday and region; in the order of the meetings."""
    hits = [
        (number, start, h)
        for number, start in sorted(moments, key=lambda nm: nm[1])
        for h in holidays_on(local_day(community, start))
    ]
    # Where the members live is read only when a meeting falls in some holiday at all (most
    # weeks' digests have none to flag).
    if not hits:
        return []
    counts = region_counts(session, community_id=community.id)
    return [
        Clash(number, start, h, counts[h.region])
        for number, start, h in hits
        if counts.get(h.region)
    ]


def hit_text(lang: str, clash: Clash) -> str:
    text = t(
        lang,
        "school.hit",
        holiday=holiday_name(lang, clash.holiday.name),
        region=clash.holiday.region,
        count=clash.members,
    )
    return text + (t(lang, "school.expected") if clash.holiday.basis == "derived" else "")


def warnings(
    session: Session,
    *,
    community: Community,
    moments: Iterable[tuple[int, datetime]],
    lang: str,
) -> list[str]:
    """One line per (meeting number, start) that falls in a school holiday of a region where
    members live, naming the holiday, the region and how many members live there."""
    by_meeting: dict[tuple[int, datetime], list[Clash]] = {}
    for clash in clashes(session, community=community, moments=moments):
        by_meeting.setdefault((clash.number, clash.start), []).append(clash)
    return [
        t(
            lang,
            "school.warning",
            n=number,
            when=local_time(community, start),
            hits="; ".join(hit_text(lang, c) for c in found),
        )
        for (number, start), found in by_meeting.items()
    ]


def marks(
    session: Session, *, community: Community, meetings: Iterable[Meeting], lang: str
) -> dict[int, str]:
    """meeting id -> a short note for the schedule listing ('⚠ summer holiday zuid (2)')."""
    planned = {m.number: m for m in meetings if not m.is_cancelled}
    notes: dict[int, list[str]] = {}
    moments = [(m.number, m.starts_at) for m in planned.values()]
    for clash in clashes(session, community=community, moments=moments):
        notes.setdefault(planned[clash.number].id, []).append(
            f"{holiday_name(lang, clash.holiday.name)} {clash.holiday.region} ({clash.members})"
        )
    return {mid: "⚠ " + ", ".join(parts) for mid, parts in notes.items()}
