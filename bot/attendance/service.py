"""Attendance: who says they come (ik kom / ik kom niet / weet ik nog niet), the expected head
count, who came, and who stayed away twice in a row.

Every query here loads a whole meeting or a list of meetings at once (no query per member).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from bot.attendance.models import Attendance
from bot.attendance.models import Intent as Intent  # parse_intent's answer, say's argument
from bot.communities.models import Community
from bot.handling import Ctx
from bot.meetings.models import Meeting
from bot.members.models import Member, Status
from bot.members.service import current_members, members_by_ids
from bot.sqlutil import rows_by_community, table_of

# What people type for each answer, in Dutch and English, compared with the first phrase of a
# reply ("Ik kom niet, ik ben op cursus" is "ik kom niet"). Whole phrases only: a check-in
# answer that merely contains "niet" is still a check-in answer.
PHRASES: dict[Intent, tuple[str, ...]] = {
    Intent.YES: (
        "ik kom", "ja ik kom", "ja", "ik ben er", "ik ben erbij", "ik kom zeker", "kom",
        "yes", "coming", "im coming", "i am coming", "ill be there", "i will be there",
        "i'm coming", "i'll be there", "count me in",
    ),
    Intent.NO: (
        "ik kom niet", "nee", "nee ik kom niet", "ik kan niet", "kan niet", "ik ben er niet",
        "helaas niet", "no", "not coming", "im not coming", "i'm not coming", "i cant come",
        "i can't come", "i cannot come", "cant make it", "can't make it", "i can't make it",
    ),
    Intent.MAYBE: (
        "weet ik nog niet", "weet ik niet", "misschien", "nog niet bekend", "weet nog niet",
        "maybe", "not sure", "not sure yet", "dont know yet", "don't know yet",
        "i don't know yet", "i dont know yet", "perhaps",
    ),
}  # fmt: skip
FIRST_PHRASE = re.compile(r"[,.;:!?\n(]")


def parse_intent(text: str) -> Intent | None:
    """'Ik kom niet, ik ben ziek' -> NO; 'I'm coming!' -> YES; a check-in answer -> None."""
    first = FIRST_PHRASE.split(text.strip().lower(), maxsplit=1)[0]
    words = " ".join(first.replace("’", "'").split())
    for intent, phrases in PHRASES.items():
        if words in phrases:
            return intent
    return None


def spelled_out(text: str) -> bool:
    """A reply that says in words that it is about coming ("I'm coming", "ik kom niet"), not a
    bare "yes", "nee" or "misschien" that may answer any question."""
    first = FIRST_PHRASE.split(text.strip().lower(), maxsplit=1)[0]
    words = first.split()
    return len(words) > 1 or words in (["coming"], ["kom"])


def row_for(session: Session, *, member: Member, meeting: Meeting, now: datetime) -> Attendance:
    row = session.scalars(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
        )
    ).first()
    if row is None:
        row = Attendance(
            community_id=meeting.community_id,
            meeting_id=meeting.id,
            member_id=member.id,
            updated_at=now,
        )
        session.add(row)
    return row


def set_intent(
    session: Session, *, member: Member, meeting: Meeting, intent: Intent, now: datetime
) -> Attendance:
    row = row_for(session, member=member, meeting=meeting, now=now)
    row.intent, row.intent_at, row.updated_at = intent.value, now, now
    session.flush()
    return row


# Read by every rotation: built once.
@cache
def _intents() -> Select[int, str | None]:
    return select(Attendance.member_id, Attendance.intent).where(
        Attendance.meeting_id == bindparam("meeting_id"), Attendance.intent.is_not(None)
    )


def intents(session: Session, *, meeting_id: int) -> dict[int, str]:
    """member id -> what they said (members who said nothing are left out)."""
    rows = session.execute(_intents(), {"meeting_id": meeting_id})
    return {member_id: intent for member_id, intent in rows if intent is not None}


def not_coming(session: Session, *, meeting_id: int) -> set[int]:
    return {m for m, intent in intents(session, meeting_id=meeting_id).items() if intent == "no"}


def not_coming_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, dict[int, set[int]]]:
    """Community id -> meeting id -> who said they will not come: ``not_coming`` for every
    meeting of several communities in one query (a due wave's rotations). Each community
    asked has its mapping, empty when nobody said no."""
    found: dict[int, dict[int, set[int]]] = {}
    for community_id, rows in rows_by_community(
        session, _said_no(), community_ids=community_ids
    ).items():
        by_meeting = found[community_id] = {}
        for meeting_id, member_id in rows:
            by_meeting.setdefault(meeting_id, set()).add(member_id)
    return found


@cache
def _said_no() -> Select[int, int, int]:
    said = table_of(Attendance).c
    return select(said.community_id, said.meeting_id, said.member_id).where(
        said.community_id.in_(bindparam("community_ids", expanding=True)),
        said.intent == Intent.NO.value,
    )


@dataclass(frozen=True)
class HeadCount:
    coming: int
    not_coming: int
    undecided: int  # said "weet ik nog niet"
    silent: int  # said nothing yet

    @property
    def expected(self) -> int:
        return self.coming


def head_count(session: Session, *, community: Community, meeting: Meeting) -> HeadCount:
    """Among the current members (away ones count as not coming unless they said otherwise)."""
    said = intents(session, meeting_id=meeting.id)
    people = [(m.id, m.status) for m in current_members(session, community_id=community.id)]
    tally = {"yes": 0, "no": 0, "maybe": 0, None: 0}
    for member_id, status in people:
        intent = said.get(member_id)
        if intent is None and status == Status.PAUSED.value:
            intent = "no"
        tally[intent] += 1
    return HeadCount(tally["yes"], tally["no"], tally["maybe"], tally[None])


def record_default(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> None:
    """When the meeting ends: who came, until a facilitator corrects it, is who said they
    come. Rows a facilitator already corrected are left alone; a meeting about which nobody
    answered is left unrecorded."""
    members = current_members(session, community_id=community.id)
    rows = {
        row.member_id: row
        for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    if not any(row.intent is not None for row in rows.values()):
        # Nobody answered the question: the community does not use it (yet), and "nobody
        # came" would be false. Facilitators can still record who came.
        return
    for member in members:
        row = rows.get(member.id)
        if row is None:
            row = Attendance(community_id=community.id, meeting_id=meeting.id, member_id=member.id)
            session.add(row)
        if row.attended is None:
            row.attended = row.intent == Intent.YES.value
            row.updated_at = now
    session.flush()


def correct(
    session: Session, *, meeting: Meeting, members: Sequence[Member], came: bool, now: datetime
) -> None:
    for member in members:
        row = row_for(session, member=member, meeting=meeting, now=now)
        row.attended, row.corrected, row.updated_at = came, True, now
    session.flush()


def came(session: Session, *, meeting_id: int) -> set[int] | None:
    """The members recorded as present; None when nobody is (the community does not use the
    attendance question, or nobody said they come): then everyone is asked to evaluate."""
    present = set(
        session.scalars(
            select(Attendance.member_id).where(
                Attendance.meeting_id == meeting_id, Attendance.attended.is_(True)
            )
        )
    )
    return present or None


def attended_counts(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """meeting id -> (came, recorded) for meetings whose attendance was recorded."""
    ids = list(meeting_ids)
    found: dict[int, tuple[int, int]] = {}
    if not ids:
        return found
    for meeting_id, attended in session.execute(
        select(Attendance.meeting_id, Attendance.attended).where(
            Attendance.meeting_id.in_(ids), Attendance.attended.is_not(None)
        )
    ):
        present, recorded = found.get(meeting_id, (0, 0))
        found[meeting_id] = (present + int(bool(attended)), recorded + 1)
    return found


def absent_twice(session: Session, *, meetings: Sequence[Meeting]) -> list[Member]:
    """Current members recorded absent at each of the last two meetings whose attendance
    was recorded (``meetings`` in order): a sign someone is drifting away."""
    ids = [m.id for m in meetings]
    recorded = [mid for mid in ids if mid in attended_counts(session, meeting_ids=ids)]
    if len(recorded) < 2:
        return []
    last_two = recorded[-2:]
    rows = session.execute(
        select(Attendance.member_id, Attendance.meeting_id, Attendance.attended).where(
            Attendance.meeting_id.in_(last_two)
        )
    ).all()
    absent: dict[int, int] = {}
    for member_id, _, attended in rows:
        if attended is False:
            absent[member_id] = absent.get(member_id, 0) + 1
    twice = [member_id for member_id, count in absent.items() if count == 2]
    if not twice:
        return []
    return members_by_ids(session, member_ids=twice, current=True)


def lists(session: Session, *, meeting_id: int) -> dict[str, list[Member]]:
    """The members by what they said ('yes', 'no', 'maybe') and by whether they came
    ('came', 'absent'), for the facilitators' overview."""
    attendance = {
        row.member_id: row
        for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
    }
    people = members_by_ids(session, member_ids=(mid for mid in attendance if mid is not None))
    rows = [(attendance[member.id], member) for member in people]
    found: dict[str, list[Member]] = {k: [] for k in ("yes", "no", "maybe", "came", "absent")}
    for row, member in rows:
        if row.intent in found:
            found[row.intent].append(member)
        if row.attended is not None:
            found["came" if row.attended else "absent"].append(member)
    return found


def answered_meetings(session: Session, *, meeting_ids: Sequence[int]) -> set[int]:
    """Which of these meetings someone said they come to or not (one query): 'ik kom / ik kom
    niet' was said about that meeting at that time."""
    return set(
        session.scalars(
            select(Attendance.meeting_id)
            .where(Attendance.meeting_id.in_(meeting_ids), Attendance.intent.is_not(None))
            .distinct()
        )
    )


# -- for the other features ---------------------------------------------------------------
# What checkins uses of attendance. Its answer flow builds on this module: it is imported when
# called, not at import.


def say(ctx: Ctx, *, member: Member, meeting: Meeting, intent: Intent) -> None:
    """Record that ``member`` comes or not, and act on it (replies what was noted)."""
    from bot.attendance import answers

    answers.say(ctx, member=member, meeting=meeting, intent=intent)
