"""Lifecycle in the core: what copbot does when an app is removed, a channel archived or
deleted, someone joins or leaves a channel, or an account is deactivated. The outbox holds what
waits for a target copbot cannot reach, and hands it back when the target returns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.context import Actor, Change, Place
from bot.members.models import Member, Status
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.sender import PermanentDeliveryError
from tests.harness import CHANNEL, PLATFORM, Harness, buttons

TEAM = "W-1"
CHECKIN = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # check-ins for the meeting of 14 January


def change(kind: str, **fields: object) -> Change:
    return Change(kind, PLATFORM, **fields)  # type: ignore[arg-type]


def team_community(bot: Harness, *members: str) -> None:
    """A community whose channel belongs to workspace ``TEAM``."""
    place = Place(PLATFORM, CHANNEL, "channel", team_id=TEAM)
    core = bot.core
    core.handle_command(bot.actor("ann"), place, "setup Test CoP")
    core.handle_command(bot.actor("ann"), place, "config lang=en start=2027-01-14 time=14:00")
    for name in members:
        core.handle_command(bot.actor(name), place, "join")
    for name in ("ann", *members):
        bot.inbox(name)


def statuses(bot: Harness) -> dict[str, int]:
    with bot.factory() as session:
        found: dict[str, int] = {}
        for status in session.scalars(select(Delivery.status)):
            found[status] = found.get(status, 0) + 1
        return found


def test_a_removed_workspace_gets_nothing_until_it_is_back(bot: Harness) -> None:
    team_community(bot, "bob", "cas")
    bot.core.handle_change(change("workspace_removed", workspace_id=TEAM, reason="uninstalled"))
    bot.run_due(CHECKIN)
    assert bot.inbox("bob") == [] and bot.inbox("cas") == []
    assert statuses(bot).get(DeliveryStatus.HELD.value, 0) >= 2
    assert statuses(bot).get(DeliveryStatus.PERMANENT.value, 0) == 0
    # A repeated removal (tokens_revoked after app_uninstalled) changes nothing more.
    bot.core.handle_change(change("workspace_removed", workspace_id=TEAM))
    bot.core.handle_change(change("workspace_restored", workspace_id=TEAM))
    bot.core.deliver()
    assert any("Check-in" in m.text or "check-in" in m.text for m in bot.inbox("bob"))
    back = [m.text for m in bot.inbox("ann") if "can post" in m.text]
    assert len(back) == 1 and "on their way" in back[0]
    assert statuses(bot).get(DeliveryStatus.HELD.value, 0) == 0


def test_a_restored_workspace_that_was_never_removed_says_nothing(bot: Harness) -> None:
    team_community(bot, "bob")
    bot.core.handle_change(change("workspace_restored", workspace_id=TEAM))
    bot.core.deliver()
    assert bot.inbox("ann") == []


def test_what_lost_its_point_while_held_is_dropped(bot: Harness) -> None:
    team_community(bot, "bob")
    bot.core.handle_change(change("workspace_removed", workspace_id=TEAM))
    bot.run_due(CHECKIN)
    bot.clock.set(CHECKIN + timedelta(days=4))  # the meeting of 14 January has been held
    bot.core.handle_change(change("workspace_restored", workspace_id=TEAM))
    bot.core.deliver()
    assert not any("Check-in" in m.text for m in bot.inbox("bob"))
    (back,) = [m.text for m in bot.inbox("ann") if "can post" in m.text]
    assert "too late" in back


def test_an_archived_channel_holds_channel_posts_and_tells_the_organisers(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.core.handle_change(change("place_gone", place_id=CHANNEL, reason="archived"))
    (told,) = bot.inbox("ann")
    assert "no longer post" in told.text and "archived" in told.text
    assert bot.inbox("bob") == []  # only organisers are told
    # A message for the channel queued now waits; DMs go on.
    from bot.communities.models import Community
    from bot.messages import plain
    from bot.outbox.service import Outgoing, enqueue

    with bot.factory() as session:
        community = session.scalars(select(Community)).one()
        enqueue(session, items=[Outgoing("post:1", plain("hello"), community=community)],
                now=bot.clock())  # fmt: skip
        session.commit()
    bot.core.deliver()
    assert bot.sender.to(CHANNEL) == []
    bot.core.handle_change(change("place_restored", place_id=CHANNEL))
    bot.core.deliver()
    assert [m.text for m in bot.sender.to(CHANNEL)] == ["hello"]
    assert any("again" in m.text for m in bot.inbox("ann"))


def test_a_newcomer_in_the_channel_is_invited_once(bot: Harness) -> None:
    bot.community(members=("bob",))
    newcomer = Actor(PLATFORM, "dan", display_name="Dan")
    for _ in range(2):  # joined, left, joined again
        bot.core.handle_change(change("joined_place", place_id=CHANNEL, actor=newcomer))
    (invite,) = bot.inbox("dan")
    assert [b[1] for b in buttons(invite)] == ["member.join"]
    # A member who rejoins the channel is no newcomer.
    bot.core.handle_change(change("joined_place", place_id=CHANNEL, actor=bot.actor("bob")))
    assert bot.inbox("bob") == []


def test_someone_who_leaves_the_channel_is_asked_and_decides(bot: Harness) -> None:
    bot.community(members=("bob", "cas"))
    for name in ("bob", "cas"):
        bot.core.handle_change(change("left_place", place_id=CHANNEL, actor=bot.actor(name)))
    (asked,) = bot.inbox("bob")
    (leave, stay) = buttons(asked)
    assert (leave[1], stay[1]) == ("reach.leave", "reach.stay")
    stayed = "\n".join(r.message.text for r in bot.click("bob", stay[1], stay[2]))
    assert "stay a member" in stayed
    (asked,) = bot.inbox("cas")
    leave = buttons(asked)[0]
    left = "\n".join(r.message.text for r in bot.click("cas", leave[1], leave[2]))
    assert "have left" in left
    with bot.factory() as session:
        found = {m.user_id: m.status for m in session.scalars(select(Member))}
    assert found["bob"] == Status.ACTIVE.value and found["cas"] == Status.LEFT.value
    # Someone who is not a member is not asked anything.
    bot.core.handle_change(change("left_place", place_id=CHANNEL, actor=bot.actor("zed")))
    assert bot.inbox("zed") == []


def test_a_deactivated_account_gets_no_more_dms_until_it_is_back(bot: Harness) -> None:
    bot.community(members=("bob", "cas"))
    bot.core.handle_change(change("person_gone", actor=bot.actor("bob")))
    bot.run_due(CHECKIN)
    assert bot.inbox("bob") == [] and bot.inbox("cas")
    bot.core.handle_change(change("person_changed", actor=bot.actor("bob")))
    bot.core.deliver()
    assert bot.inbox("bob")


def test_a_new_time_zone_moves_the_quiet_hours(bot: Harness) -> None:
    bot.community(members=("bob",))
    moved = Actor(PLATFORM, "bob", display_name="Bob B.", tz="America/Los_Angeles")
    bot.core.handle_change(change("person_changed", actor=moved))
    with bot.factory() as session:
        bob = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        assert (bob.tz, bob.display_name) == ("America/Los_Angeles", "Bob B.")
    # 21:00 in Amsterdam is noon in Los Angeles: Bob's check-in is not held for the night.
    bot.run_due(datetime(2027, 1, 11, 20, 0, tzinfo=UTC))
    assert bot.inbox("bob")


def test_a_channel_with_a_new_id_keeps_its_community(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.core.handle_change(change("place_moved", place_id=CHANNEL, new_place_id="general-2"))
    assert "Test CoP" in bot.text("bob", "status", channel="general-2")


def test_copbot_added_where_no_community_lives_says_hello_once(bot: Harness) -> None:
    added = change("place_restored", place_id="new-channel", reason="added", lang="nl")
    (hello,) = bot.core.handle_change(added)
    assert hello.visibility == "channel" and "setup" in hello.message.text
    assert bot.core.handle_change(added) == []
    # Removed and added again: it introduces itself again.
    bot.core.handle_change(change("place_gone", place_id="new-channel", reason="removed"))
    assert bot.core.handle_change(added)


def test_a_permanent_failure_is_still_recorded_per_message(bot: Harness) -> None:
    """Sender errors that are not about reachability keep their meaning."""
    bot.community(members=("bob",))
    bot.sender.fail_for["bob"] = PermanentDeliveryError("blocked")
    bot.run_due(CHECKIN)
    assert statuses(bot).get(DeliveryStatus.PERMANENT.value, 0) >= 1


def test_a_change_whose_ids_no_platform_has_is_dropped(bot: Harness) -> None:
    bot.community(members=("bob",))
    for odd in ("C\x00", "x" * 300):
        assert bot.core.handle_change(change("place_gone", place_id=odd, reason="deleted")) == []
        assert bot.core.handle_change(change("workspace_restored", workspace_id=odd)) == []
    assert bot.inbox("ann") == []


@pytest.mark.parametrize("gone", ["ann", "dan"])
def test_one_unreachable_member_of_a_wave_waits_alone(any_bot: Harness, gone: str) -> None:
    """Whoever in the wave copbot cannot reach, first or last: their check-in is held, and
    the others' go out (rows held and rows not, queued in one statement)."""
    bot = any_bot
    bot.community(members=("bob", "cas", "dan"))
    bot.core.handle_change(change("person_gone", actor=bot.actor(gone)))
    bot.run_due(CHECKIN)
    assert bot.inbox(gone) == []
    for other in {"ann", "bob", "cas", "dan"} - {gone}:
        assert any("heck-in" in m.text for m in bot.inbox(other)), other
    with bot.factory() as session:
        held = session.scalars(
            select(Member.user_id)
            .join(Delivery, Delivery.member_id == Member.id)
            .where(Delivery.status == DeliveryStatus.HELD.value)
        ).all()
    assert set(held) == {gone}
    bot.core.handle_change(change("person_changed", actor=bot.actor(gone)))
    bot.core.deliver()
    assert any("heck-in" in m.text for m in bot.inbox(gone))
