"""A small programme with everything the harvest report shows: organisations, two meetings
with anonymous evaluations, experiments with outcomes, a shared and a private success."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.messages import File
from tests.buddies_helpers import CHECKIN_2_AT, NUDGE_AT, PAIRING_2_AT, PAIRING_AT, community
from tests.harness import Harness, buttons
from tests.test_digest_report import AFTER_MEETING_1, AFTER_MEETING_2, evaluate

ORGS = {
    "bob": "Gemeente Utrecht",
    "cat": "GGD regio Utrecht",
    "dan": "Welzijn Noord",
    "eve": "Woonstad",
    "fay": "Thuiszorg West",
}
REPORT_AT = datetime(2027, 3, 8, 9, 0, tzinfo=UTC)


def play(bot: Harness) -> None:
    community(bot, ORGS)
    bot.text("ann", 'config ambition="Every member tries one new approach with a client"')
    bot.text("ann", "theme 1 Listening to clients")
    bot.text("ann", "theme 2 Working with families")
    bot.run_due(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))  # check-in of meeting 1
    for user in ("bob", "cat", "dan"):
        bot.dm(user, f"{user.capitalize()} brings a case about a client at home")
    bot.run_due(PAIRING_AT)
    bot.run_due(AFTER_MEETING_1)
    evaluate(
        bot,
        {
            "bob": ("4", "The home visit case", "Loneliness"),
            "cat": ("5", "Hearing other disciplines", "Family carers"),
            "dan": ("4", "-", "Family carers"),
        },
    )
    for user in ORGS:
        bot.dm(user, f"experiment {user.capitalize()} tries the kitchen-table talk")
    bot.run_due(NUDGE_AT)
    bot.dm("bob", "Done")
    bot.dm("bob", "The family joined and decided on day care")
    bot.dm("cat", "nee")
    bot.dm("cat", "Too little time in January")
    [saved] = bot.say("dan", "success Mrs J. stays home another year")
    (_, action, value), *_ = buttons(saved.message)
    bot.click("dan", action, value)
    bot.text("eve", "success A landlord now calls the GP first")  # not shared
    bot.run_due(CHECKIN_2_AT)
    for user in ("bob", "eve"):
        bot.dm(user, "A question about families who disagree")
    bot.run_due(PAIRING_2_AT)
    bot.run_due(AFTER_MEETING_2)
    evaluate(
        bot,
        {
            "bob": ("3", "Short", "Money"),
            "cat": ("4", "The role play", "Money"),
            "eve": ("4", "-", "-"),
        },
    )
    bot.run_due(REPORT_AT)


def report_files(bot: Harness, lang: str = "en") -> dict[str, File]:
    if lang == "nl":
        bot.text("ann", "language nl")
    [reply] = bot.say("ann", "report")
    return {b.name: b for b in reply.message.blocks if isinstance(b, File)}
