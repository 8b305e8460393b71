"""What a unit of work reads more than once is read once (``bot.sqlutil.remembered``), and
never older than what the unit of work itself changed: the next meeting after a move, a
cancellation or a bulk update in the same session is the new one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from bot.communities.service import in_channel
from bot.facilitation.models import Assignment, AssignmentStatus
from bot.facilitation.service import coming_turns, upcoming_turns
from bot.meetings.models import Meeting, MeetingStatus
from bot.meetings.service import next_meeting
from bot.members.models import Member, Status
from bot.members.service import current_count
from bot.places.models import CommunityPlace
from bot.places.service import place_at
from tests.harness import Harness
from tests.sql import statements
from tests.swing import in_full_swing


def first_two(any_bot: Harness) -> tuple[int, int, int]:
    any_bot.community(members=("bob",))
    with any_bot.factory() as session:
        one, two = session.scalars(select(Meeting).order_by(Meeting.starts_at).limit(2))
        return one.community_id, one.id, two.id


def test_status_reads_the_next_meeting_once(any_bot: Harness) -> None:
    any_bot.community(members=("bob",))
    any_bot.text("bob", "status")
    with statements(any_bot.engine) as seen:
        answer = any_bot.text("bob", "status")
    assert "Next meeting: 1." in answer, answer
    meetings = [s for s in seen if s.startswith("SELECT meetings.id") and "FROM meetings" in s]
    assert len(meetings) == 1, meetings
    # Every slice's status lines together: a fixed budget, whatever the community's size
    # (13 while the channel's place and its community were read apart, 12 while the next
    # meeting's facilitators and the caller's own turns were read apart).
    assert len(seen) <= 11, "\n".join(seen)


def test_status_in_a_community_in_full_swing_keeps_its_budget_for_everyone(
    tmp_path: Path,
) -> None:
    # make demo's community, played past its second meeting of four: meetings held and
    # planned, facilitators, buddies with experiments, answered check-ins. Every member's
    # status reads a fixed budget of statements (some one more than others, by role and by
    # what their buddy group has), never more with a group's size or the meetings held.
    with in_full_swing(tmp_path, meetings=4, held=2) as swing:
        assert len(swing.actors) >= 15
        counts, turns, experiments = [], 0, 0
        for actor in swing.actors:
            with statements(swing.engine) as seen:
                answer = swing.core.handle_command(actor, swing.place, "status")
            text = answer[0].message.text
            assert "buddy" in text.lower()  # the buddy slice had its say
            # (make demo's community speaks Dutch.)
            turns += "Jij faciliteert bijeenkomst" in text
            experiments += "Experiment: " in text and "nog niet afgesproken" not in text
            counts.append(len(seen))
            # The facilitators' turns, and the buddy group with its experiment: one read each.
            assert sum("FROM facilitator_assignments" in s for s in seen) == 1, seen
            assert sum("FROM buddy_groups" in s for s in seen) == 1, seen
            assert not [s for s in seen if s.startswith("SELECT experiments")], seen
        assert turns and experiments  # some members facilitate, some groups have agreed
        # 18 while the channel took two reads; 17 while the turns took two and the buddy
        # group three (its id, the group, its experiment).
        assert max(counts) <= 14, counts
        assert max(counts) - min(counts) <= 2, counts


def test_a_move_in_the_same_unit_of_work_is_seen(any_bot: Harness) -> None:
    community, one, two = first_two(any_bot)
    now = any_bot.clock()
    with any_bot.factory() as session:
        first = next_meeting(session, community_id=community, now=now)
        assert first is not None and first.id == one
        # Moved after the second one, not yet flushed: the next read flushes and sees it.
        second = session.get(Meeting, two)
        assert second is not None
        first.starts_at = second.starts_at + timedelta(days=1)
        moved = next_meeting(session, community_id=community, now=now)
        assert moved is not None and moved.id == two


def test_a_cancellation_flushed_or_bulk_is_seen(any_bot: Harness) -> None:
    community, one, two = first_two(any_bot)
    now = any_bot.clock()
    with any_bot.factory() as session:
        first = next_meeting(session, community_id=community, now=now)
        assert first is not None and first.id == one
        first.status = MeetingStatus.CANCELLED.value
        session.flush()
        after = next_meeting(session, community_id=community, now=now)
        assert after is not None and after.id == two
        session.execute(
            update(Meeting)
            .where(Meeting.id == two)
            .values(status=MeetingStatus.CANCELLED.value)
            .execution_options(synchronize_session=False)
        )
        third = next_meeting(session, community_id=community, now=now)
        assert third is not None and third.id not in (one, two)
        session.rollback()
        # The rollback undid both: the first meeting is next again.
        again = next_meeting(session, community_id=community, now=now)
        assert again is not None and again.id == one


def test_another_moment_or_community_is_asked_afresh(any_bot: Harness) -> None:
    community, one, two = first_two(any_bot)
    with any_bot.factory() as session:
        first = next_meeting(session, community_id=community, now=any_bot.clock())
        assert first is not None and first.id == one
        later = next_meeting(session, community_id=community, now=first.starts_at)
        assert later is not None and later.id == two
        assert next_meeting(session, community_id=community + 1000, now=any_bot.clock()) is None


def test_a_read_on_table_columns_sees_what_the_unit_of_work_changed(any_bot: Harness) -> None:
    # Reads on table columns (``bot.sqlutil.table_of``) run outside the ORM; the session
    # still flushes pending changes before them, so a count right after a change counts it.
    any_bot.community(members=("bob", "cas"))
    with any_bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.display_name == "Bob")).one()
        before = current_count(session, community_id=bob.community_id)
        bob.status = Status.LEFT.value
        assert current_count(session, community_id=bob.community_id) == before - 1
        with session.no_autoflush:
            cas = session.scalars(select(Member).where(Member.display_name == "Cas")).one()
            cas.status = Status.LEFT.value
            # Where the unit of work turned autoflush off, nothing is written behind its back.
            assert current_count(session, community_id=bob.community_id) == before - 1
        assert current_count(session, community_id=bob.community_id) == before - 2


def test_a_channel_is_read_once(any_bot: Harness) -> None:
    # Which community a channel belongs to (one statement reads the community by its place),
    # and whether an input was said in its place (the place itself): each read once however
    # often a unit of work asks.
    any_bot.community(members=("bob",))
    with any_bot.factory() as session:
        place = session.scalars(select(CommunityPlace)).first()
        assert place is not None
        session.expunge_all()
        with statements(any_bot.engine) as seen:
            community = in_channel(session, platform=place.platform, channel_id=place.channel_id)
            again = place_at(session, platform=place.platform, channel_id=place.channel_id)
            twice = in_channel(session, platform=place.platform, channel_id=place.channel_id)
        assert community is not None and community.id == place.community_id
        assert again is not None and again.id == place.id and twice is community
        assert len(seen) == 2, seen
        assert "FROM communities" in seen[0] and "FROM community_places" in seen[0]
        assert in_channel(session, platform=place.platform, channel_id="elsewhere") is None


def test_a_turn_changed_in_the_same_unit_of_work_is_seen(any_bot: Harness) -> None:
    # The community's coming turns are read once per unit of work (``coming_turns``: status
    # takes the next meeting's facilitators and the caller's own turns from one read), and
    # never older than what the unit of work itself changed.
    any_bot.community(members=("bob", "cas", "dan"))
    # The facilitators of meeting 1 are chosen four days before it (2027-01-14).
    now = datetime(2027, 1, 10, 13, 0, tzinfo=UTC)
    any_bot.run_due(now)
    with any_bot.factory() as session:
        turn = session.scalars(
            select(Assignment).where(Assignment.status == AssignmentStatus.ASSIGNED.value)
        ).first()
        assert turn is not None
        member = session.get(Member, turn.member_id)
        assert member is not None
        with statements(any_bot.engine) as seen:
            mine = upcoming_turns(session, member=member, now=now)
            coming = coming_turns(session, community_id=member.community_id, now=now)
            again = upcoming_turns(session, member=member, now=now)
        assert (turn.meeting_id, turn.role) in [(m.id, role) for m, role in mine]
        assert (turn.meeting_id, turn.role, member.id) in coming and again == mine
        assert sum("FROM facilitator_assignments" in s for s in seen) == 1, seen
        # Passed on, not yet flushed: the next read flushes and no longer finds it.
        turn.status = AssignmentStatus.PASSED.value
        after = upcoming_turns(session, member=member, now=now)
        assert (turn.meeting_id, turn.role) not in [(m.id, role) for m, role in after]
        # Another moment is asked afresh: no turn is still to come after the last meeting.
        last = max(m.starts_at for m, _ in mine)
        assert coming_turns(session, community_id=member.community_id, now=last) == []
