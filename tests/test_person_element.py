"""The person element: named inside any text, kept through the outbox's JSON, rendered as each
platform's mention (Slack ``<@U…>``, Teams ``<at>…</at>`` + entity, the console's plain name)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from adapters.console.render import render as console_render
from adapters.slack.render import message_payload, modal_view
from adapters.teams.render import activity
from bot.messages import (
    Button,
    Buttons,
    Fields,
    Form,
    Header,
    Message,
    Person,
    Question,
    Text,
    names_only,
    people_in,
    pieces,
    scrub,
)

ANN = Person("slack", "U0ANN", "Ann de Vries")
BOB_TEAMS = Person("teams", "29:1bob", "Bob & Co <Jr>")


def message_naming(*people: Person) -> Message:
    pair = " and ".join(str(p) for p in people)
    body = f"Facilitators: {pair}"
    return Message(
        text=f"Meeting 1\n{body}",
        blocks=(
            Header(f"Meeting 1 with {people[0]}"),
            Text(body),
            Fields(((f"{people[0]}", "content"), ("process", f"{people[-1]}"))),
            Buttons((Button(f"Thank {people[0]}", "x.y", "1"),)),
        ),
    )


def test_a_person_goes_into_texts_through_format_and_comes_back_out() -> None:
    text = f"Welcome {ANN}! ({ANN}) and {BOB_TEAMS}"
    assert people_in(text) == [ANN, ANN, BOB_TEAMS]
    assert names_only(text) == "Welcome Ann de Vries! (Ann de Vries) and Bob & Co <Jr>"
    assert list(pieces(f"{ANN}")) == [ANN]


def test_typed_text_cannot_forge_a_person() -> None:
    forged = str(Person("slack", "UEVIL", "Eve"))
    assert people_in(scrub(f"hello {forged}")) == []
    assert scrub(f"hello {forged}") == "hello slackUEVILEve"


def test_the_outbox_json_round_trip_keeps_people() -> None:
    message = message_naming(ANN, BOB_TEAMS)
    stored = json.loads(json.dumps(message.to_dict()))
    assert Message.from_dict(stored) == message
    assert people_in(Message.from_dict(stored).text) == [ANN, BOB_TEAMS]


@given(
    st.lists(
        st.one_of(
            st.text(max_size=20).map(scrub),
            st.builds(
                Person,
                st.sampled_from(["slack", "teams", "console"]),
                st.text(max_size=12),
                st.text(max_size=20),
            ),
        ),
        max_size=8,
    )
)
def test_pieces_read_back_what_was_written(parts: list[str | Person]) -> None:
    text = "".join(str(p) for p in parts)
    expected_people = [
        Person(scrub(p.platform), scrub(p.user_id), scrub(p.name))
        for p in parts
        if isinstance(p, Person)
    ]
    assert people_in(text) == expected_people
    assert names_only(text) == "".join(scrub(p.name) if isinstance(p, Person) else p for p in parts)
    restored = Message.from_dict(json.loads(json.dumps(Message(text, (Text(text),)).to_dict())))
    assert restored.text == text


def test_slack_mentions_in_mrkdwn_and_names_in_plain_text() -> None:
    payload = message_payload(message_naming(ANN, BOB_TEAMS))
    # The notification text (Slack's `text` fallback) mentions too.
    assert payload["text"] == "Meeting 1\nFacilitators: <@U0ANN> and Bob & Co <Jr>"
    header, section, fields, actions = payload["blocks"]
    assert header["text"]["text"] == "Meeting 1 with Ann de Vries"
    assert section["text"]["text"] == "Facilitators: <@U0ANN> and Bob & Co <Jr>"
    assert fields["fields"][0]["text"] == "*<@U0ANN>*\ncontent"
    assert actions["elements"][0]["text"]["text"] == "Thank Ann de Vries"
    assert "\ue000" not in json.dumps(payload, ensure_ascii=False)


def test_slack_modal_labels_show_names() -> None:
    form = Form("About " + str(ANN), "prompt.submit", "1", (Question("q", f"Ask {ANN}?"),))
    view = modal_view(form, channel_id=None)
    assert view["title"]["text"].startswith("About Ann")
    assert view["blocks"][0]["label"]["text"] == "Ask Ann de Vries?"


def test_teams_mentions_carry_their_entities_in_the_activity_and_the_card() -> None:
    carol = Person("teams", "29:1carol", "Carol")
    body = activity(message_naming(carol, BOB_TEAMS))
    tag_bob = "<at>Bob &amp; Co &lt;Jr&gt;</at>"
    assert body["text"] == f"Meeting 1\nFacilitators: <at>Carol</at> and {tag_bob}"
    expected = [
        {"type": "mention", "text": "<at>Carol</at>", "mentioned": {"id": "29:1carol", "name": "Carol"}},
        {"type": "mention", "text": tag_bob, "mentioned": {"id": "29:1bob", "name": "Bob & Co <Jr>"}},
    ]  # fmt: skip
    assert body["entities"] == expected
    card = body["attachments"][0]["content"]
    assert card["msteams"]["entities"] == expected
    header, text, facts = card["body"]
    assert header["text"] == "Meeting 1 with <at>Carol</at>"
    assert text["text"] == f"Facilitators: <at>Carol</at> and {tag_bob}"
    assert facts["facts"][0]["title"] == "<at>Carol</at>"
    # Button titles cannot mention: the name, plain.
    assert card["actions"][0]["title"] == "Thank Carol"
    assert body["summary"] == "Meeting 1\nFacilitators: Carol and Bob & Co <Jr>"
    assert "\ue000" not in json.dumps(body, ensure_ascii=False)


def test_teams_names_people_of_another_platform_without_an_entity() -> None:
    body = activity(Message(f"Hi {ANN}", (Text(f"Hi {ANN}"),)))
    assert body["text"] == "Hi Ann de Vries"
    assert "entities" not in body


def test_a_forgotten_member_is_a_name_only() -> None:
    gone = Person("teams", "", "former member")
    body = activity(Message(f"Hi {gone}", (Text(f"Hi {gone}"),)))
    assert body["text"] == "Hi former member"
    assert "entities" not in body
    assert message_payload(Message(f"Hi {Person('slack', '', 'x')}"))["text"] == "Hi x"


def test_the_console_prints_names() -> None:
    rendered = console_render(message_naming(ANN, BOB_TEAMS), lang="en")
    assert "Facilitators: Ann de Vries and Bob & Co <Jr>" in rendered.text
    assert "Meeting 1 with Ann de Vries" in rendered.text
    assert "\ue000" not in rendered.text
    assert console_render(Message(f"Hi {ANN}"), lang="en").text == "Hi Ann de Vries"


ANN_IN_A = Person("slack", "U0ANN", "Ann de Vries", ("TA",))


def test_a_person_of_another_slack_workspace_is_named_there_not_mentioned() -> None:
    message = message_naming(ANN_IN_A)
    assert people_in(str(ANN_IN_A)) == [ANN_IN_A]  # the workspace survives the outbox's text
    in_a = json.dumps(message_payload(message, workspace="TA"))
    in_b = json.dumps(message_payload(message, workspace="TB"))
    assert "<@U0ANN>" in in_a
    assert "<@U0ANN>" not in in_b and "Ann de Vries" in in_b
    # One SLACK_BOT_TOKEN: one workspace, everyone copbot knows is in it.
    assert "<@U0ANN>" in json.dumps(message_payload(message))


def test_a_marker_queued_before_workspaces_were_known_still_reads() -> None:
    old = "\ue000slack\ue001U0ANN\ue001Ann\ue002"
    assert people_in(f"Hi {old}") == [Person("slack", "U0ANN", "Ann")]
    assert message_payload(Message(f"Hi {old}"), workspace="TB")["text"] == "Hi <@U0ANN>"
