"""The social map (`map` / `kaart`): organisations, the ties the programme made between them,
measured with networkx, drawn by each platform; organisations only, never people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.messages import Message, Network
from bot.socialmap.service import build
from tests.buddies_helpers import PAIRING_2_AT, PAIRING_AT, community
from tests.harness import Harness

ORGS = {"bob": "Gemeente", "cat": "GGD", "dan": "Welzijn", "eve": "Woonstad", "fay": "Zorg Plus"}


def network(message: Message) -> Network:
    [found] = [b for b in message.blocks if isinstance(b, Network)]
    return found


def community_id(bot: Harness) -> int:
    with bot.factory() as session:
        from bot.communities.models import Community

        return session.query(Community).one().id


def test_map_shows_ties_from_buddies_and_facilitators(bot: Harness) -> None:
    community(bot, ORGS)
    [before] = bot.say("bob", "map")
    assert "Organisation pairs connected: 0 of 10 (0%)" in before.message.text
    assert "Not connected to any other organisation yet: GGD, Gemeente, Welzijn" in (
        before.message.text
    )
    bot.run_due(PAIRING_AT)  # meeting 1 held (two facilitators), buddy groups made
    [after] = bot.say("bob", "map")
    drawn = network(after.message)
    assert {n.name for n in drawn.nodes} == set(ORGS.values())
    assert drawn.ties and all(t.age == 0 for t in drawn.ties)
    assert all(t.a != t.b for t in drawn.ties)
    # Ann gave no organisation: she is counted, not drawn.
    assert "1 member has not given their organisation" in after.message.text
    with bot.factory() as session:
        first = build(session, community_id=community_id(bot), now=PAIRING_AT)
    assert first.pairs_start == first.pairs_now > 0
    assert first.possible == 10 and first.without_organisation == 1
    for person in ("Bob", "Cat", "Dan", "Eve", "Fay", "Ann"):
        assert person not in after.message.text

    bot.run_due(PAIRING_2_AT)  # meeting 2: new groups, new duo
    with bot.factory() as session:
        later = build(session, community_id=community_id(bot), now=PAIRING_2_AT)
    assert later.pairs_now >= first.pairs_now and later.pairs_start == first.pairs_start
    ages = {t.age for t in later.ties}
    assert 0 in ages
    assert sum(t.weight for t in later.ties) > sum(t.weight for t in first.ties)
    # Dutch alias and words.
    bot.text("bob", "language nl")
    dutch = bot.text("bob", "kaart")
    assert "Sociale kaart van Test CoP" in dutch and "Verbonden paren van organisaties" in dutch


def test_map_of_an_empty_community_says_how_organisations_get_on_it(bot: Harness) -> None:
    bot.community(members=("bob",))
    assert "No organisations yet" in bot.text("bob", "map")
    assert "did not expect `now`" in bot.text("bob", "map now")


def test_spelling_of_an_organisation_does_not_split_it(bot: Harness) -> None:
    community(bot, {"bob": "GGD", "cat": " ggd ", "dan": "Welzijn"})
    [reply] = bot.say("ann", "map")
    assert {n.name for n in network(reply.message).nodes} == {"GGD", "Welzijn"}
    assert datetime(2027, 1, 1, tzinfo=UTC)  # the map needs no meetings to exist


def test_the_digest_brings_the_map_once_a_cycle(bot: Harness) -> None:
    community(bot, ORGS)
    bot.run_due(PAIRING_AT)
    [week_of_meeting] = bot.say("ann", "digest")
    assert [b for b in week_of_meeting.message.blocks if isinstance(b, Network)]
    bot.clock.advance(timedelta(days=8))
    [later] = bot.say("ann", "digest")
    assert not [b for b in later.message.blocks if isinstance(b, Network)]
