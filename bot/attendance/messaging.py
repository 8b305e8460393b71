"""Attendance in messages: the three answer buttons, the head count, the lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.attendance.models import Intent
from bot.i18n import t
from bot.messages import Button, Buttons

if TYPE_CHECKING:
    # A type of the data it takes: messaging runs no rule.
    from bot.attendance.service import HeadCount

ANSWER = "attendance.answer"


def intent_buttons(lang: str, *, meeting_id: int) -> Buttons:
    """Ik kom / Ik kom niet / Weet ik nog niet, for the check-in and its reminder."""
    return Buttons(
        tuple(
            Button(
                t(lang, f"attendance.button.{intent.value}"),
                ANSWER,
                f"{meeting_id}:{intent.value}",
                "primary" if intent is Intent.YES else "default",
            )
            for intent in Intent
        )
    )


def head_count_line(lang: str, counts: HeadCount) -> str:
    return t(
        lang,
        "attendance.head_count",
        coming=counts.coming,
        not_coming=counts.not_coming,
        undecided=counts.undecided,
        silent=counts.silent,
    )
