"""The question copbot asks about a plain reply that more than one open question could take:
which one it answers, one button per question (``prompt.file``), and one to file it nowhere
(``prompt.drop``). Built from what it is given; it looks nothing up."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import t
from bot.messages import Button, Buttons, Message, Text

# A long reply is quoted by its beginning: the buttons matter, the person knows the rest.
QUOTE_LENGTH = 200


def quoted(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= QUOTE_LENGTH else one_line[: QUOTE_LENGTH - 1] + "…"


def which_question(
    lang: str, *, text: str, held_id: int, choices: Sequence[tuple[int, str]], earlier: bool
) -> Message:
    """``choices``: (prompt id, its label), the question asked or worked on last first;
    ``earlier``: the questions are no longer the conversation (asked a while ago)."""
    ask = t(lang, "reply.which_earlier" if earlier else "reply.which", text=quoted(text))
    # No button stands out: copbot does not guess which one is meant.
    buttons = tuple(
        Button(label, "prompt.file", f"{prompt_id}:{held_id}") for prompt_id, label in choices
    )
    drop = Button(t(lang, "reply.none_button"), "prompt.drop", str(held_id))
    return Message(text=ask, blocks=(Text(ask), Buttons((*buttons, drop))))
