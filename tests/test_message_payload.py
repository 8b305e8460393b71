"""The outbox's stored form of a message (``Message.to_dict``/``from_dict``): whatever it
leaves out is given back as it was, and rows queued in the older, fuller form still read."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from bot.messages import Button, Buttons, Fields, Header, Message, Text

words = st.text(max_size=30)
buttons = st.builds(
    Button,
    label=words,
    action_id=st.sampled_from(["attendance.answer", "prompt.form"]),
    value=st.one_of(st.just(""), words),
    style=st.sampled_from(["default", "primary", "danger"]),
)
blocks = st.lists(
    st.one_of(
        st.builds(Header, words),
        st.builds(Text, words),
        st.builds(Fields, st.lists(st.tuples(words, words), max_size=3).map(tuple)),
        st.builds(Buttons, st.lists(buttons, max_size=3).map(tuple)),
    ),
    max_size=6,
).map(tuple)


def the_words(message_blocks: tuple[object, ...]) -> str:
    return "\n".join(b.text for b in message_blocks if isinstance(b, Header | Text))


@given(blocks, st.one_of(st.none(), words))
def test_a_stored_message_reads_back_as_it_was(parts: tuple[object, ...], text: str | None) -> None:
    # None: the text is the blocks' words, as a check-in's or a rotation's is.
    message = Message(text=the_words(parts) if text is None else text, blocks=parts)  # type: ignore[arg-type]
    stored = json.loads(json.dumps(message.to_dict()))
    assert Message.from_dict(stored) == message
    assert ("text" in stored) == (message.text != the_words(parts))


def test_a_check_in_is_stored_once_not_twice() -> None:
    header, line = Header("Check-in for meeting 1"), Text("Are you coming?")
    answer = Buttons((Button("I'm coming", "attendance.answer", "1:yes", "primary"),))
    form = Buttons((Button("Answer in a form", "prompt.form", "5"),))
    message = Message(text=f"{header.text}\n{line.text}", blocks=(header, line, answer, form))
    assert message.to_dict() == {
        "blocks": [
            {"kind": "header", "text": "Check-in for meeting 1"},
            {"kind": "text", "text": "Are you coming?"},
            {
                "kind": "buttons",
                "buttons": [
                    {
                        "label": "I'm coming",
                        "action_id": "attendance.answer",
                        "value": "1:yes",
                        "style": "primary",
                    }
                ],
            },
            {
                "kind": "buttons",
                "buttons": [
                    {"label": "Answer in a form", "action_id": "prompt.form", "value": "5"}
                ],
            },
        ]
    }


def test_a_row_queued_in_the_fuller_form_still_reads() -> None:
    # As copbot stored every message before: the text beside its blocks, every button field.
    stored = {
        "text": "Check-in for meeting 1\nAre you coming?",
        "blocks": [
            {"kind": "header", "text": "Check-in for meeting 1"},
            {"kind": "text", "text": "Are you coming?"},
            {
                "kind": "buttons",
                "buttons": [
                    {"label": "Later", "action_id": "prompt.form", "value": "", "style": "default"}
                ],
            },
        ],
    }
    message = Message.from_dict(stored)
    assert message.text == "Check-in for meeting 1\nAre you coming?"
    assert message.blocks[2] == Buttons((Button("Later", "prompt.form"),))
    assert Message.from_dict(message.to_dict()) == message
