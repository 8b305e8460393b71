"""Adaptive Cards: rendering, and submissions coming back (Action.Submit and Action.Execute)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from adapters.teams.render import activity, card
from bot.members.models import Member
from bot.messages import Button, Buttons, Fields, File, Form, Header, Message, Question, Text
from tests.teams.conftest import TeamsClient, uid
from tests.teams.test_commands import community


def actions_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    return list(content.get("actions", []))


def submit_data(teams: TeamsClient, user: str, action_id: str) -> dict[str, Any]:
    """The data of the newest button with ``action_id`` in the user's 1:1 chat."""
    for content in reversed(teams.dm_cards(user)):
        for action in actions_of(content):
            if action["data"].get("copbot_action") == action_id:
                return dict(action["data"])
    raise AssertionError(f"no {action_id} button in {teams.dm_cards(user)}")


def inputs_of(content: dict[str, Any]) -> dict[str, str]:
    return {b["id"]: b["type"] for b in content["body"] if b["type"].startswith("Input.")}


def organisation_of(teams: TeamsClient, user: str) -> str | None:
    with teams.bot.factory() as session:
        return session.scalars(select(Member.organisation).where(Member.user_id == uid(user))).one()


def test_render_maps_every_block() -> None:
    message = Message(
        text="fallback",
        blocks=(
            Header("Title"),
            Text("Body"),
            Fields((("Members", "5 / 20"), ("Role", ""))),
            Buttons(
                (Button("Yes", "swap.confirm", "7", "primary"), Button("No", "x", "", "danger"))
            ),
            File("report.csv", "a,b\n1,2", "text/csv"),
        ),
    )
    content = card(message)
    kinds = [b["type"] for b in content["body"]]
    assert kinds == ["TextBlock", "TextBlock", "FactSet", "TextBlock", "TextBlock"]
    assert content["body"][2]["facts"] == [
        {"title": "Members", "value": "5 / 20"},
        {"title": "Role", "value": "-"},
    ]
    assert "report.csv" in content["body"][3]["text"] and "1,2" in content["body"][4]["text"]
    yes, no = content["actions"]
    assert yes == {
        "type": "Action.Submit",
        "title": "Yes",
        "data": {"copbot_action": "swap.confirm", "copbot_value": "7"},
        "style": "positive",
    }
    assert no["style"] == "destructive"
    assert activity(message)["attachments"][0]["contentType"] == (
        "application/vnd.microsoft.card.adaptive"
    )
    # Plain text stays a plain message.
    assert "attachments" not in activity(Message("hi", (Text("hi"),)))


def test_render_form_inputs() -> None:
    form = Form(
        title="Evaluation",
        action_id="prompt.submit",
        value="12",
        questions=(
            Question("rating", "How was it?", choices=(("1", "1"), ("5", "5"))),
            Question("valuable", "What was valuable?", multiline=True, optional=True),
        ),
        submit_label="Send",
    )
    content = card(Message("", (form,)))
    assert inputs_of(content) == {"rating": "Input.ChoiceSet", "valuable": "Input.Text"}
    rating = next(b for b in content["body"] if b.get("id") == "rating")
    assert rating["isRequired"] is True and rating["choices"][1] == {"title": "5", "value": "5"}
    (submit,) = content["actions"]
    assert submit["data"] == {"copbot_action": "prompt.submit", "copbot_value": "12"}


def test_form_round_trip_with_action_submit(teams: TeamsClient) -> None:
    community(teams, "bob")
    opener = submit_data(teams, "bob", "prompt.form")
    assert teams.submit("bob", opener) == 200
    form = teams.dm_cards("bob")[-1]
    assert {"organisation", "discipline"} <= set(inputs_of(form))
    data = submit_data(teams, "bob", "prompt.submit")
    said = teams.exchange(
        lambda: teams.submit(
            "bob", {**data, "organisation": "Wijkteam Oost", "discipline": "Nursing"}
        )
    )
    assert any("Thank you" in t for t in said), said
    assert organisation_of(teams, "bob") == "Wijkteam Oost"


def test_form_round_trip_with_action_execute(teams: TeamsClient) -> None:
    community(teams, "cas")
    opener = submit_data(teams, "cas", "prompt.form")
    status, body = teams.execute("cas", opener)
    # The invoke response is the adaptiveCard/action answer itself, never a 500.
    assert status == 200, body
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.activity.message"
    data = submit_data(teams, "cas", "prompt.submit")
    status, body = teams.execute("cas", {**data, "organisation": "GGD"})
    assert status == 200 and "Thank you" in body["value"], body
    assert organisation_of(teams, "cas") == "GGD"


def test_a_plain_reply_answers_the_card_prompt_too(teams: TeamsClient) -> None:
    community(teams, "dee")
    said = teams.chat("dee", "Thuiszorg Noord")
    assert organisation_of(teams, "dee") == "Thuiszorg Noord", said


def test_confirm_buttons_come_back_as_core_actions(teams: TeamsClient) -> None:
    community(teams, "eva")
    teams.chat("eva", "forget-me")
    data = submit_data(teams, "eva", "privacy.forget_confirm")
    said = teams.exchange(lambda: teams.submit("eva", data))
    assert said and not any("went wrong" in t for t in said), said
    with teams.bot.factory() as session:
        left = session.scalars(select(Member).where(Member.user_id == uid("eva"))).all()
    # Forgotten: the row is erased or pseudonymised, so the Teams id is gone.
    assert all(m.status == "forgotten" for m in left)


def test_a_press_without_an_action_gets_the_invoke_response_teams_expects(
    teams: TeamsClient,
) -> None:
    """An Action.Execute that names nothing copbot knows (a card that is not copbot's, as in
    the Teams SDK's own test activity) is answered with 200 and a message response; a 400
    would show an error on the card."""
    community(teams)
    status, body = teams.post(
        teams.activity(
            "ann",
            conversation=teams.personal_conversation("ann"),
            type="invoke",
            name="adaptiveCard/action",
            value={"action": {"type": "Action.Execute", "data": {}}},
        )
    )
    assert status == 200
    assert body["statusCode"] == 200 and "button" in body["value"], body
