"""A whole CoP cycle in a Teams team, end to end through an authenticated /api/messages and
the (fake) Bot Framework connector: set-up, joining, facilitator rotation, buddy pairs, a
check-in answered by a plain reply, an evaluation answered on its Adaptive Card (both
Action.Submit and Action.Execute), the results and the organiser's digest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.teams.conftest import TeamsClient, uid
from tests.teams.test_commands import INTERNAL, community

PEOPLE = ("bob", "cas", "dee", "eva")


def rating_action(teams: TeamsClient, user: str, rating: str) -> dict[str, Any]:
    """The data of the newest '<rating>' button on an evaluation card in the user's chat."""
    for content in reversed(teams.dm_cards(user)):
        for action in content.get("actions", []):
            data = action.get("data", {})
            if data.get("copbot_action") == "prompt.answer" and action["title"] == rating:
                return dict(data)
    raise AssertionError(f"no evaluation card for {user}: {teams.dm_cards(user)}")


def test_a_whole_cycle(teams_auth: TeamsClient) -> None:
    teams = teams_auth
    community(teams, *PEOPLE)
    assert any("Bob de Vries" in t for t in teams.channel_texts()), teams.channel_texts()
    # Nobody but ann ever wrote to the bot: every joiner's 1:1 chat was opened by copbot.
    for user in PEOPLE:
        assert teams.fake.created_for(uid(user)), f"no 1:1 chat with {user}"

    # Facilitators of the next meeting and the buddy round are announced in the channel.
    before = len(teams.channel_texts())
    teams.command("ann", "rotate")
    teams.command("ann", "pair")
    assert len(teams.channel_texts()) - before >= 2, teams.channel_texts()

    # Three days before the first meeting (14 Jan 2027, 14:00 Amsterdam) the check-ins go
    # out through the outbox and the connector.
    sent = {user: len(teams.dm_texts(user)) for user in PEOPLE}
    report = teams.run_due(datetime(2027, 1, 11, 13, 5, tzinfo=UTC))
    assert report.delivery.sent >= len(PEOPLE), report
    assert report.delivery.permanent == 0 and report.delivery.failed == 0, report
    for user in PEOPLE:
        assert len(teams.dm_texts(user)) > sent[user], f"no check-in for {user}"

    # Bob answers the check-in by simply replying in his 1:1 chat. His intake and the buddy
    # experiment are open too, so copbot asks which question it answers: the check-in.
    said = teams.chat("bob", "I bring the case of Mrs J., who wants to stay home")
    assert said and INTERNAL not in said
    offered = {a["title"]: a["data"] for a in teams.dm_cards("bob")[-1].get("actions", [])}
    filed = teams.exchange(lambda: teams.submit("bob", offered["Check-in for meeting 1"]))
    assert any("Thanks for checking in" in t for t in filed), filed
    summary = teams.command("ann", "checkin summary")
    assert "Mrs J." in summary, summary

    # After the meeting the evaluation arrives as a card with rating buttons 1-5.
    teams.run_due(datetime(2027, 1, 14, 16, 5, tzinfo=UTC))
    ratings = {"bob": "4", "cas": "5", "dee": "3"}
    for user, rating in ratings.items():
        data = rating_action(teams, user, rating)
        if user == "dee":
            # Action.Execute: the answer comes back in the invoke response itself.
            status, body = teams.execute(user, data)
            assert status == 200 and body["statusCode"] == 200, body
            follow_up = [str(body["value"])]
        else:
            follow_up = teams.exchange(lambda u=user, d=data: teams.submit(u, d))
        assert follow_up and not any(INTERNAL in t for t in follow_up), follow_up
        teams.chat(user, "The kitchen-table conversation")
        teams.chat(user, "Dementia and living alone")

    # When the evaluation closes, the results.
    teams.run_due(datetime(2027, 1, 20, 16, 5, tzinfo=UTC))
    results = teams.command("ann", "results 1")
    assert "3 answers" in results and "4.0" in results, results
    assert "kitchen-table" in results and "Dementia" in results

    # The organiser's digest, in her 1:1 chat.
    digest = teams.command("ann", "digest")
    everything = "\n".join([digest, *teams.dm_texts("ann")])
    assert "Weekly digest of Test CoP" in everything, everything
    assert "Evaluation: last meeting (#1) 3/5" in everything
    assert INTERNAL not in everything
    # Every connector call carried the bot's token.
    assert all(c.authorization == "Bearer fake-connector-token" for c in teams.fake.calls)
