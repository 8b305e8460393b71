"""A plain reply two open questions could take, in the Teams 1:1 chat: copbot keeps it and
asks which question it answers with a card's buttons; the Action.Submit files it there
(tests/test_plain_replies.py has the rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.teams.conftest import TeamsClient
from tests.teams.test_cards import actions_of, organisation_of
from tests.teams.test_commands import INTERNAL, community

REMINDER_AT = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)  # Monday's digest: the intake reminder
CHECKIN_AT = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # meeting 1's check-in


def test_a_reply_two_questions_could_take_is_asked_about_and_filed_by_card(
    teams: TeamsClient,
) -> None:
    community(teams, "bob")
    teams.run_due(REMINDER_AT)
    teams.run_due(CHECKIN_AT)
    teams.bot.clock.advance(timedelta(minutes=5))
    said = teams.chat("bob", "Welzijn Noord")
    assert "which one is this your answer to?" in said and INTERNAL not in said, said
    card = teams.dm_cards("bob")[-1]
    offered = {a["title"]: a["data"] for a in actions_of(card)}
    assert list(offered) == ["Check-in for meeting 1", "Introduction (about you)", "None of these"]
    assert {d["copbot_action"] for d in offered.values()} == {"prompt.file", "prompt.drop"}
    assert organisation_of(teams, "bob") is None
    filed = teams.exchange(lambda: teams.submit("bob", offered["Introduction (about you)"]))
    assert any("(2/4)" in t for t in filed), filed
    assert organisation_of(teams, "bob") == "Welzijn Noord"
