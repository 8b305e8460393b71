"""`help` for a newcomer says what copbot does and how to start; a member's `help` lists what
their role may do, `my-data` and `forget-me` included."""

from __future__ import annotations

from bot.context import Place
from tests.harness import PLATFORM, Harness


def newcomer(bot: Harness, lang: str, *, where: Place) -> str:
    replies = bot.core.handle_command(bot.actor("zoe", lang=lang), where, "help")
    return "\n".join(r.message.text for r in replies)


def test_a_newcomer_hears_what_copbot_does_and_how_to_start(bot: Harness) -> None:
    said = newcomer(bot, "en", where=Place(PLATFORM, "zoe", "dm"))
    for part in ("check-in", "facilitators", "content", "process", "buddies", "experiment",
                 "evaluation", "logbook", "digest", "`setup <name>`", "`join`"):  # fmt: skip
        assert part in said, (part, said)
    dutch = newcomer(bot, "nl", where=Place(PLATFORM, "somewhere", "channel"))
    for part in ("check-in", "facilitatoren", "inhoud", "proces", "maatjes", "experiment",
                 "evaluatie", "logboek", "overzicht", "`setup <naam>`", "`join`"):  # fmt: skip
        assert part in dutch, (part, dutch)


def test_a_non_member_in_a_communitys_channel_gets_the_newcomers_help(bot: Harness) -> None:
    bot.community()
    said = bot.text("zoe", "help")
    assert "How to start" in said and "`join`" in said


def test_members_see_my_data_and_forget_me_but_not_setup_or_join(bot: Harness) -> None:
    bot.community(members=("bob",))
    said = bot.text("bob", "help")
    assert "`my-data`" in said and "`forget-me`" in said
    assert "`setup`" not in said and "`join`" not in said
    assert "`config`" not in said  # an organiser's verb
    assert "`config`" in bot.text("ann", "help")
