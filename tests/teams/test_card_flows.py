"""Card round trips for every prompt and confirm button: what copbot sends as an Adaptive
Card comes back (Action.Submit or Action.Execute) as the same core action Slack's buttons
produce, and lands in the database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.facilitation.service import facilitators_for
from bot.meetings.models import Meeting
from tests.teams.conftest import TeamsClient
from tests.teams.test_cards import inputs_of, submit_data
from tests.teams.test_commands import INTERNAL, community

CHECKIN_AT = datetime(2027, 1, 11, 13, 5, tzinfo=UTC)
AFTER_MEETING = datetime(2027, 1, 14, 16, 5, tzinfo=UTC)
EVALUATION_CLOSED = datetime(2027, 1, 20, 16, 5, tzinfo=UTC)
NUDGE_AT = datetime(2027, 2, 6, 12, 0, tzinfo=UTC)


def newest_form(teams: TeamsClient, user: str) -> dict[str, Any]:
    content: dict[str, Any]
    for content in reversed(teams.dm_cards(user)):
        if inputs_of(content):
            return content
    raise AssertionError(f"no form card for {user}")


def open_form(teams: TeamsClient, user: str, *, execute: bool) -> dict[str, Any]:
    """Press the newest 'form' button; return the data of the form card's submit action."""
    opener = submit_data(teams, user, "prompt.form")
    if execute:
        status, body = teams.execute(user, opener)
        assert status == 200 and body["statusCode"] == 200, body
    else:
        assert teams.submit(user, opener) == 200
    form = newest_form(teams, user)
    (submit,) = form["actions"]
    assert submit["type"] == "Action.Submit" and submit["data"]["copbot_action"] == "prompt.submit"
    return dict(submit["data"])


def test_checkin_form_round_trip(teams: TeamsClient) -> None:
    community(teams, "bob", "cas")
    teams.run_due(CHECKIN_AT)
    data = open_form(teams, "bob", execute=True)
    assert "bring_in" in inputs_of(newest_form(teams, "bob"))
    status, body = teams.execute("bob", {**data, "bring_in": "The case of Mr K."})
    assert status == 200 and INTERNAL not in body["value"], body
    data = open_form(teams, "cas", execute=False)
    said = teams.exchange(
        lambda: teams.submit("cas", {**data, "bring_in": "A question on loneliness"})
    )
    assert said and not any(INTERNAL in t for t in said), said
    summary = teams.command("ann", "checkin summary")
    assert "Mr K." in summary and "loneliness" in summary, summary


def test_evaluation_form_round_trip(teams: TeamsClient) -> None:
    people = ("bob", "cas", "dee")
    community(teams, *people)
    teams.run_due(AFTER_MEETING)
    for n, user in enumerate(people):
        # The evaluation card: five rating buttons and one that opens the full form.
        card = next(
            c
            for c in reversed(teams.dm_cards(user))
            if any(a["data"].get("copbot_action") == "prompt.answer" for a in c.get("actions", []))
        )
        titles = [a["title"] for a in card["actions"]]
        assert titles[:5] == ["1", "2", "3", "4", "5"], titles
        data = open_form(teams, user, execute=n % 2 == 0)
        form = newest_form(teams, user)
        assert inputs_of(form) == {
            "rating": "Input.ChoiceSet",
            "valuable": "Input.Text",
            "topics": "Input.Text",
        }
        rating = next(b for b in form["body"] if b.get("id") == "rating")
        assert [c["value"] for c in rating["choices"]] == ["1", "2", "3", "4", "5"]
        fields = {"rating": "4", "valuable": f"Kitchen-table talk {n}", "topics": "Loneliness"}
        if n % 2 == 0:
            status, body = teams.execute(user, {**data, **fields})
            assert status == 200 and INTERNAL not in body["value"], body
        else:
            assert teams.submit(user, {**data, **fields}) == 200
    teams.run_due(EVALUATION_CLOSED)
    results = teams.command("ann", "results 1")
    assert "3 answers" in results and "4.0" in results, results
    assert "Kitchen-table talk" in results and "Loneliness" in results


def facilitators(teams: TeamsClient) -> dict[str, str]:
    with teams.bot.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.number == 1)).one()
        found = facilitators_for(session, meeting_ids=[meeting.id])[meeting.id]
        return {role: member.user_id for role, member in found.items()}


def test_swap_confirm_buttons(teams: TeamsClient) -> None:
    people = ("bob", "cas", "dee")
    community(teams, *people)
    teams.command("ann", "rotate")
    pair = facilitators(teams)
    role, giver_id = next((r, u) for r, u in pair.items() if u != "29:ann")
    giver = giver_id.removeprefix("29:")
    taker = next(p for p in people if f"29:{p}" not in pair.values())
    said = teams.command("ann", f"swap 1 @{giver} @{taker}", mentions=(giver, taker))
    assert "confirm" in said, said
    answers = []
    for user in (giver, taker):
        data = submit_data(teams, user, "swap.confirm")
        answers += teams.exchange(lambda u=user, d=data: teams.submit(u, d))
    assert not any(INTERNAL in t for t in answers), answers
    assert facilitators(teams)[role] == f"29:{taker}"
    assert any("Swapped" in t for t in teams.channel_texts()), teams.channel_texts()


def test_swap_decline_button(teams: TeamsClient) -> None:
    people = ("bob", "cas", "dee")
    community(teams, *people)
    teams.command("ann", "rotate")
    pair = facilitators(teams)
    giver_id = next(u for u in pair.values() if u != "29:ann")
    giver = giver_id.removeprefix("29:")
    taker = next(p for p in people if f"29:{p}" not in pair.values())
    teams.command("ann", f"swap 1 @{giver} @{taker}", mentions=(giver, taker))
    data = submit_data(teams, taker, "swap.decline")
    said = teams.exchange(lambda: teams.submit(taker, data))
    assert said and not any(INTERNAL in t for t in said), said
    assert facilitators(teams) == pair


def test_buddy_experiment_form_and_done_button(teams: TeamsClient) -> None:
    community(teams, "bob", "cas", "dee")
    teams.run_due(AFTER_MEETING)  # the meeting ends: buddy pairs are made
    opener = next(
        a["data"]
        for c in reversed(teams.dm_cards("bob"))
        for a in c.get("actions", [])
        if a["data"].get("copbot_action") == "prompt.form"
        and any("buddy" in b.get("text", "").lower() for b in c["body"])
    )
    assert teams.submit("bob", dict(opener)) == 200
    form = newest_form(teams, "bob")
    assert inputs_of(form) == {"experiment": "Input.Text"}
    data = dict(form["actions"][0]["data"])
    said = teams.exchange(
        lambda: teams.submit("bob", {**data, "experiment": "Ask one client what home means"})
    )
    assert any("Ask one client" in t for t in said), said
    # Halfway to the next meeting the nudge asks how it goes, with a 'done' button.
    teams.run_due(NUDGE_AT)
    done = submit_data(teams, "bob", "experiment.done")
    said = teams.exchange(lambda: teams.submit("bob", done))
    assert said and not any(INTERNAL in t for t in said), said
    # The report question is answered by a plain reply in the 1:1 chat.
    said = teams.exchange(lambda: teams.dm("bob", "She told me about her garden"))
    assert said and not any(INTERNAL in t for t in said), said
    assert "She told me about her garden" in teams.command("bob", "my-data")


def test_a_closed_community_lets_in_by_an_organisers_card(teams: TeamsClient) -> None:
    """The organiser's Let in card, pressed in Teams (Action.Execute), welcomes the newcomer."""
    community(teams, "bob")
    assert "Saved" in teams.command("ann", "config open=no")
    assert "asked its organisers" in teams.command("cas", "join")
    approve = submit_data(teams, "ann", "member.approve")
    status, body = teams.execute("ann", approve)
    assert status == 200 and body["statusCode"] == 200, body
    assert any("let you in" in t for t in teams.dm_texts("cas")), teams.dm_texts("cas")
    assert any("(1/4)" in t for t in teams.dm_texts("cas"))
    assert "already a member" in teams.command("cas", "join")
