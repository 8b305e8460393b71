"""What a newcomer trips over, typed in Teams (`@copbot <verb>` in the channel) and clicked on
its cards: roles and who is told, passing a turn for someone, the words that used to
confuse, and a change of experiment agreed with the buddy's button."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.teams.conftest import NAMES, TeamsClient, uid
from tests.teams.test_card_flows import facilitators
from tests.teams.test_cards import submit_data
from tests.teams.test_commands import INTERNAL, community

AFTER_MEETING = datetime(2027, 1, 14, 16, 5, tzinfo=UTC)


def test_roles_and_passing_a_turn_in_teams(teams: TeamsClient) -> None:
    community(teams, "bob", "cas", "dee")
    said = teams.command("ann", "role @bob facilitator", mentions=("bob",))
    assert "is now facilitator" in said, said
    # Ann is mentioned, not just named: <at>Ann</at> with its mention entity.
    told = [c.body for c in teams.fake.calls if c.conversation_id == f"a:{uid('bob')}"]
    role = next(b for b in told if "made you facilitator of Test CoP" in b.get("text", ""))
    assert role["text"].startswith("<at>Ann</at> made you facilitator"), role["text"]
    mentioned = [e["mentioned"]["id"] for e in role.get("entities", []) if e["type"] == "mention"]
    assert mentioned == [uid("ann")], role.get("entities")
    teams.command("ann", "role @cas facilitator", mentions=("cas",))
    refused = teams.command("bob", "role @cas participant", mentions=("cas",))
    assert "Only an organiser" in refused, refused
    teams.command("ann", "rotate")
    other = next(u.removeprefix("29:") for u in facilitators(teams).values() if u != uid("ann"))
    said = teams.command("ann", f"pass 1 @{other}", mentions=(other,))
    reply = next(line for line in said.splitlines() if line.startswith("Done:"))
    assert f"<at>{NAMES[other]}</at> cannot come to meeting 1" in reply and "your" not in reply, (
        said
    )


def test_the_words_a_newcomer_tries_in_teams(teams: TeamsClient) -> None:
    community(teams, "bob")
    answers = {
        ("bob", "language de"): "English (`en`) and Dutch (`nl`)",
        ("bob", "checkin The case of Mrs J."): "Thanks for checking in",
        ("ann", "theme 3 Loneliness"): "Theme set",
        ("ann", "theme 3 -"): "Theme cleared",
        ("bob", "back"): "You are not marked away",
        ("bob", "results 3"): "has not taken place yet",
        ("ann", "report 2030-01-01 2030-02-01"): "has not begun yet",
    }
    for (user, text), expected in answers.items():
        said = teams.command(user, text)
        assert expected in said and INTERNAL not in said, (text, said)
    # The same in the 1:1 chat, where the text is the command.
    assert "Thanks for checking in" in teams.chat("bob", "checkin A question about funding")


def test_a_change_of_experiment_is_agreed_on_the_buddys_card_in_teams(
    teams: TeamsClient,
) -> None:
    community(teams, "bob", "cas", "dee")
    teams.run_due(AFTER_MEETING)
    shown = teams.chat("bob", "buddy")
    buddy = next(u for u in ("ann", "cas", "dee") if NAMES[u] in shown)
    teams.chat("bob", "experiment Ask every client about their neighbours")
    said = teams.chat(buddy, "experiment Visit two neighbours together")
    assert "Until they agree it stays" in said, said
    data = submit_data(teams, "bob", "experiment.agree")
    answers = teams.exchange(lambda: teams.submit("bob", data))
    assert any("your group's experiment is now Visit two" in t for t in answers), answers
    assert "Visit two neighbours together" in teams.chat(buddy, "buddy")
