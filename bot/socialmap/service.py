"""The social map's ties and measures, keyword-only.

A tie between two organisations is made each time the programme brings their people
together: a buddy group, an experiment such a group ran, a facilitator duo. Ties carry how
often (weight) and how recent (age in cycles: 0 for the running one). The measures come from
networkx: how many organisation pairs are connected now and how many were right after the
first meeting, how many separate clusters there are, which organisations have no tie at all.

Everything is read with a fixed number of queries, whatever the size of the community; only
organisations are shown, never people, and a forgotten member's organisation is gone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from sqlalchemy.orm import Session

from bot.buddies.service import group_history, organisation_key
from bot.facilitation.service import assigned_turns
from bot.meetings.service import active_meetings, meetings_by_ids
from bot.members.service import current_members, rows_of

SOURCES = ("buddies", "experiment", "facilitators")


@dataclass(frozen=True)
class Event:
    """People of organisations ``a`` and ``b`` (keys) were brought together at ``at``."""

    a: str
    b: str
    at: datetime
    source: str


@dataclass(frozen=True)
class OrgTie:
    a: str  # display names
    b: str
    weight: int
    age: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SocialMap:
    organisations: dict[str, int]  # display name -> current members
    ties: list[OrgTie]
    pairs_now: int
    pairs_start: int | None  # None before the first meeting has ended
    possible: int
    clusters: int
    alone: list[str]
    without_organisation: int

    @property
    def connected_share(self) -> int | None:
        return round(100 * self.pairs_now / self.possible) if self.possible else None


def _pairs(keys: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in combinations(sorted(set(keys)), 2)]


def organisations(session: Session, *, community_id: int) -> dict[int, str]:
    """member id -> organisation key, for everyone who ever gave one (one query)."""
    return {
        member.id: key
        for member in rows_of(session, community_id=community_id)
        if (key := organisation_key(member.organisation)) is not None
    }


def events(
    session: Session, *, community_id: int, orgs: dict[int, str], now: datetime
) -> list[Event]:
    """Every time two organisations were brought together, up to ``now`` (three queries)."""
    found: list[Event] = []
    groups: dict[int, list[str]] = defaultdict(list)
    made: dict[int, datetime] = {}
    ran: dict[int, datetime] = {}
    for group_id, created_at, member_id, reported_at in group_history(
        session, community_id=community_id, now=now
    ):
        made[group_id] = created_at
        if reported_at is not None and reported_at <= now:
            ran[group_id] = reported_at
        if member_id in orgs:
            groups[group_id].append(orgs[member_id])
    for group_id, keys in groups.items():
        for a, b in _pairs(keys):
            found.append(Event(a, b, made[group_id], "buddies"))
            if group_id in ran:
                found.append(Event(a, b, ran[group_id], "experiment"))
    duos: dict[int, list[str]] = defaultdict(list)
    starts: dict[int, datetime] = {}
    turns = assigned_turns(session, community_id=community_id)
    when = {
        m.id: m.starts_at
        for m in meetings_by_ids(session, meeting_ids=(mid for mid, _ in turns))
        if m.starts_at <= now
    }
    for meeting_id, member_id in turns:
        if meeting_id not in when:
            continue
        starts_at = when[meeting_id]
        starts[meeting_id] = starts_at
        if member_id in orgs:
            duos[meeting_id].append(orgs[member_id])
    for meeting_id, keys in duos.items():
        for a, b in _pairs(keys):
            found.append(Event(a, b, starts[meeting_id], "facilitators"))
    return found


def build(session: Session, *, community_id: int, now: datetime) -> SocialMap:
    """The map as it stands at ``now``."""
    import networkx as nx

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    size: Counter[str] = Counter()
    without = 0
    for member in current_members(session, community_id=community_id):
        key = organisation_key(member.organisation)
        if key is None:
            without += 1
            continue
        size[key] += 1
        spellings[key][" ".join((member.organisation or "").split())] += 1
    orgs = organisations(session, community_id=community_id)
    found = events(session, community_id=community_id, orgs=orgs, now=now)
    meetings = active_meetings(session, community_id=community_id)
    started = [m.starts_at for m in meetings if m.starts_at <= now]
    # 'The start' the map is compared with: right after the first meeting.
    first_end = meetings[0].ends_at if meetings and meetings[0].ends_at <= now else None

    def display(key: str) -> str:
        spelled = spellings.get(key)
        # An organisation none of whose people is still a member keeps the key's spelling.
        return spelled.most_common(1)[0][0] if spelled else key.title()

    graph = nx.Graph()
    graph.add_nodes_from(size)
    at_start = nx.Graph()
    weights: Counter[tuple[str, str]] = Counter()
    last: dict[tuple[str, str], datetime] = {}
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in found:
        pair = (event.a, event.b)
        weights[pair] += 1
        last[pair] = max(last.get(pair, event.at), event.at)
        sources[pair].add(event.source)
        graph.add_edge(*pair)
        if first_end is not None and event.at <= first_end:
            at_start.add_edge(*pair)
    ties = [
        OrgTie(
            display(a),
            display(b),
            weights[(a, b)],
            sum(1 for s in started if s > last[(a, b)]),
            tuple(s for s in SOURCES if s in sources[(a, b)]),
        )
        for a, b in sorted(weights)
    ]
    count = graph.number_of_nodes()
    return SocialMap(
        organisations={display(k): size.get(k, 0) for k in sorted(graph.nodes)},
        ties=ties,
        pairs_now=graph.number_of_edges(),
        pairs_start=at_start.number_of_edges() if first_end is not None else None,
        possible=count * (count - 1) // 2,
        clusters=nx.number_connected_components(graph) if count else 0,
        alone=sorted(display(k) for k in graph.nodes if graph.degree(k) == 0),
        without_organisation=without,
    )
