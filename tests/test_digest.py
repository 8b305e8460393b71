"""The weekly organiser digest and the on-demand `digest`, through the black-box bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select

from bot.communities.models import Community
from bot.digest.flows import build_digest
from bot.messages import Fields, Header, Message
from bot.outbox.sender import PermanentDeliveryError
from bot.places.models import CommunityPlace
from bot.timed.models import JobStatus, PlannedJob
from tests.harness import Harness

DIGEST_EN = "Weekly digest of"
DIGEST_NL = "Weekoverzicht van"


def digests(messages: list[Message], marker: str = DIGEST_EN) -> list[Message]:
    return [m for m in messages if marker in m.text]


def digest_rows(bot: Harness) -> list[PlannedJob]:
    with bot.factory() as session:
        return list(
            session.scalars(
                select(PlannedJob).where(PlannedJob.kind == "digest").order_by(PlannedJob.due_at)
            )
        )


def test_weekly_digest_reaches_organisers_once_a_week_at_local_time(any_bot: Harness) -> None:
    bot = any_bot
    bot.community(members=("bob", "cat"))
    assert "Saved" in bot.text("ann", 'config digest="tue 08:30"')
    bot.inbox("ann")
    # Tuesday 2027-01-05 08:30 in Amsterdam (UTC+1) is 07:30 UTC.
    due = datetime(2027, 1, 5, 7, 30, tzinfo=UTC)
    bot.run_due(due - timedelta(minutes=1))
    assert digests(bot.inbox("ann")) == []

    bot.run_due(due)
    received = digests(bot.inbox("ann"))
    assert len(received) == 1
    digest = received[0]
    assert "Test CoP (2027-01-05)" in digest.text
    assert isinstance(digest.blocks[0], Header)
    assert any(isinstance(b, Fields) for b in digest.blocks)
    assert digests(bot.inbox("bob")) == [] and digests(bot.inbox("cat")) == []

    # Running the same tick again (a retry, a second replica) sends nothing more.
    bot.run_due(due)
    bot.run_due(due + timedelta(hours=2))
    assert digests(bot.inbox("ann")) == []

    rows = digest_rows(bot)
    done = [r for r in rows if r.status == JobStatus.DONE.value]
    planned = [r for r in rows if r.status == JobStatus.PLANNED.value]
    assert [r.key.split(":")[-1] for r in done] == ["2027-01-05"]
    assert [r.due_at for r in planned] == [due + timedelta(days=7)]

    bot.run_due(due + timedelta(days=7))
    assert len(digests(bot.inbox("ann"))) == 1
    assert digests(bot.all_to("bob")) == []


def test_digest_is_sent_to_every_active_organiser_in_their_language(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("ann", "role <@bob> organiser")
    bot.text("ann", "config lang=nl")
    bot.inbox("ann")
    bot.run_due(datetime(2027, 1, 11, 8, 0, tzinfo=UTC))  # Monday 09:00 in Amsterdam
    for person in ("ann", "bob"):
        received = digests(bot.inbox(person), DIGEST_NL)
        assert len(received) == 1, person
        assert "Aandachtspunten" in received[0].text


def test_risk_flags_small_group_no_facilitators_unreachable(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    bot.sender.fail_for["dan"] = PermanentDeliveryError("user_not_found")
    assert "Welcome" in bot.text("dan", "join")
    text = bot.text("ann", "digest")
    assert "Only 4 members: below 8" in text
    assert "Meeting #1 has 0 of its 2 facilitators" in text
    assert "Could not reach Dan" in text
    assert "How do we keep elderly people at home?" not in text  # the ambition, not the question
    assert "Ambition: not set yet" in text


def test_digest_shows_ambition_activity_highlights_and_next_meeting(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    bot.text("ann", 'config ambition="Every member tries one new approach" size=12')
    bot.text("ann", "theme 1 Listening to clients")
    bot.text("bob", "success My client stayed home another winter")
    bot.text("cat", "log Tried the kitchen-table talk")
    text = bot.text("ann", "digest")
    assert "Ambition: Every member tries one new approach" in text
    assert "0 held of 13 planned" in text
    assert "3 (target 12)" in text
    assert "Logbook entries this week: 2" in text
    assert "• My client stayed home another winter" in text
    assert "Tried the kitchen-table talk" not in text  # only successes are highlights
    assert "Next meeting: #1 on 2027-01-14 14:00, Listening to clients" in text
    # Highlights are of this week only.
    bot.clock.advance(timedelta(days=8))
    assert "No successes logged this week" in bot.text("ann", "digest")


def test_members_quiet_for_two_meetings_are_flagged(bot: Harness) -> None:
    bot.community(members=("bob", "cat"))
    bot.run_due(datetime(2027, 2, 26, 12, 0, tzinfo=UTC))  # after meetings 1 and 2
    bot.text("cat", "log Visited a neighbour with a client")
    text = bot.text("ann", "digest")
    assert "2 held of 13 planned" in text
    assert "1 member has been quiet for two meetings" in text
    quiet_line = next(line for line in text.splitlines() if "quiet for two meetings" in line)
    assert "Bob" in quiet_line and "Cat" not in quiet_line and "Ann" not in quiet_line


def test_digest_verb_permissions_and_dutch(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "Only an organiser" in bot.text("bob", "digest")
    assert "Only an organiser" in bot.text("bob", "report")
    assert "did not expect `now`" in bot.text("ann", "digest now")
    bot.text("ann", "config lang=nl")
    dutch = bot.text("ann", "overzicht")
    assert DIGEST_NL in dutch and "Activiteiten afgezet tegen de ambitie" in dutch
    assert "Alleen een organisator" in bot.text("bob", "overzicht")
    # In a DM the organiser's community is found from their membership.
    assert DIGEST_NL in bot.dm_text("ann", "digest")


def _community_with(bot: Harness, channel: str, size: int) -> None:
    bot.text("ann", f"setup CoP {channel}", channel=channel)
    bot.text("ann", "config lang=en start=2027-01-14 time=14:00", channel=channel)
    for i in range(size - 1):
        bot.say(f"{channel}{i}", "join", channel=channel)
        if i % 3 == 0:
            bot.say(f"{channel}{i}", f"success Step {i}", channel=channel)


def test_digest_query_count_does_not_grow_with_members(bot: Harness) -> None:
    _community_with(bot, "small", 10)
    _community_with(bot, "large", 40)
    now = datetime(2027, 2, 26, 12, 0, tzinfo=UTC)
    bot.run_due(now)  # two meetings held, prompts sent
    counts: dict[str, int] = {}
    for channel in ("small", "large"):
        statements: list[str] = []

        def count(*args: object, sink: list[str] = statements) -> None:
            sink.append(str(args[2]))

        with bot.factory() as session:
            community = session.scalars(
                select(Community)
                .join(CommunityPlace, CommunityPlace.community_id == Community.id)
                .where(CommunityPlace.channel_id == channel)
            ).one()
            event.listen(bot.engine, "before_cursor_execute", count)
            try:
                message = build_digest(session, community=community, now=now, lang="en")
            finally:
                event.remove(bot.engine, "before_cursor_execute", count)
        assert "2 held of 13 planned" in message.text
        counts[channel] = len(statements)
    assert counts["small"] == counts["large"], counts
