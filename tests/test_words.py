"""Words a newcomer tries: unknown languages, a check-in typed with the verb, clearing a theme,
`back` without a holiday, results and reports of what has not happened yet, one decimal
style per language, and the digest after the programme's end. English and Dutch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.checkins.models import CheckinAnswer
from bot.messages import File, Message
from tests.harness import Harness, buttons

DUTCH = 'lang=nl start=2027-01-14 time=14:00 question="Hoe blijven ouderen thuis wonen?"'
PEOPLE = ("bob", "cat", "dan")
# Meeting 1: Thursday 2027-01-14 14:00 in Amsterdam (13:00 UTC).
MEETING_AT = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
EVALUATION_AT = MEETING_AT + timedelta(hours=3)
CLOSE_AT = EVALUATION_AT + timedelta(days=5)


def test_language_names_the_languages_copbot_speaks(bot: Harness) -> None:
    bot.community(members=("bob",))
    said = bot.text("bob", "language de")
    assert "I don't speak `de`" in said and "English (`en`) and Dutch (`nl`)" in said, said
    assert "incomplete" not in said
    bot.text("ann", "config lang=nl")
    said = bot.text("bob", "taal duits")
    assert "`duits` spreek ik niet" in said and "Engels (`en`) en Nederlands (`nl`)" in said


def bring_ins(bot: Harness) -> dict[int, str | None]:
    with bot.factory() as session:
        return {a.member_id: a.bring_in for a in session.scalars(select(CheckinAnswer))}


def test_checkin_with_text_is_the_check_in_answer(bot: Harness) -> None:
    bot.community(members=("bob",))
    said = bot.text("bob", "checkin The case of Mrs J., who wants to stay home")
    assert "Thanks for checking in" in said, said
    assert list(bring_ins(bot).values()) == ["The case of Mrs J., who wants to stay home"]
    # In the DM too, and a second one replaces the first.
    assert "Thanks for checking in" in bot.dm_text("bob", "checkin A question about funding")
    assert list(bring_ins(bot).values()) == ["A question about funding"]
    # The facilitators' sub-commands still work.
    assert "sent to" in bot.text("ann", "checkin send")
    assert "answered" in bot.text("ann", "checkin summary")
    assert "`checkin <what you bring in>`" in bot.text("bob", "help checkin")


def test_checkin_with_text_in_dutch(bot: Harness) -> None:
    bot.community(members=("bob",), settings=DUTCH)
    said = bot.text("bob", "inchecken Een casus over mantelzorg")
    assert "Dank je voor het inchecken" in said, said
    assert list(bring_ins(bot).values()) == ["Een casus over mantelzorg"]


def test_a_theme_can_be_cleared(bot: Harness) -> None:
    bot.community()
    bot.text("ann", 'theme 3 "Loneliness at home"')
    assert "Loneliness at home" in bot.text("ann", "schedule")
    said = bot.text("ann", "theme 3 -")
    assert "Theme cleared: 3." in said, said
    assert "Loneliness" not in bot.text("ann", "schedule")
    bot.text("ann", "config lang=nl")
    bot.text("ann", "thema 2 Mantelzorg")
    assert "Thema gewist: 2." in bot.text("ann", "thema 2 wis")
    assert "`theme <n> -`" in bot.text("ann", "help theme")


def test_back_without_a_holiday_says_so(bot: Harness) -> None:
    bot.community(members=("bob",))
    said = bot.text("bob", "back")
    assert "You are not marked away" in said and "Welcome back" not in said, said
    bot.text("bob", "away")
    assert "Welcome back" in bot.text("bob", "back")
    bot.text("ann", "config lang=nl")
    assert "Je staat niet op afwezig" in bot.text("bob", "terug")


def test_results_of_a_meeting_that_has_not_taken_place(bot: Harness) -> None:
    bot.community(members=PEOPLE)
    said = bot.text("bob", "results 3")
    assert "Meeting 3" in said and "has not taken place yet" in said, said
    assert "answered" not in said
    bot.text("ann", "config lang=nl")
    assert "heeft nog niet plaatsgevonden" in bot.text("bob", "resultaten 3")


def report_files(replies: list[Message]) -> dict[str, str]:
    return {
        block.name: block.content
        for message in replies
        for block in message.blocks
        if isinstance(block, File)
    }


def test_a_report_of_a_future_period_says_so(bot: Harness) -> None:
    bot.community()
    said = bot.text("ann", "report 2028-01-01 2028-03-31")
    assert "has not begun yet" in said and "today is 2027-01-04" in said, said
    replies = [r.message for r in bot.say("ann", "report 2028-01-01 2028-03-31")]
    assert report_files(replies) == {}
    # A period that is still running says what it covers.
    said = bot.text("ann", "report 2027-01-01 2027-06-30")
    assert "up to today (2027-01-04)" in said, said
    bot.text("ann", "config lang=nl")
    assert "is nog niet begonnen" in bot.text("ann", "rapport 2028-01-01 2028-03-31")


def evaluate(bot: Harness, ratings: dict[str, int]) -> None:
    for user, rating in ratings.items():
        asked = next(
            m for m in bot.inbox(user) if any(a == "prompt.answer" for _, a, _ in buttons(m))
        )
        value = next(
            v for label, a, v in buttons(asked) if a == "prompt.answer" and label == str(rating)
        )
        bot.click(user, "prompt.answer", value)
        bot.dm(user, "-")
        bot.dm(user, "-")


def test_one_decimal_style_per_language_in_results_digest_and_report(bot: Harness) -> None:
    bot.community(members=PEOPLE, settings=DUTCH)
    for user in ("ann", *PEOPLE):
        bot.inbox(user)
    bot.run_due(EVALUATION_AT)
    evaluate(bot, {"bob": 4, "cat": 5, "dan": 4})
    bot.run_due(CLOSE_AT)
    results = bot.text("ann", "resultaten 1")
    digest = bot.text("ann", "overzicht")
    report = report_files([r.message for r in bot.say("ann", "rapport")])["report.md"]
    for text in (results, digest, report):
        assert "4,3" in text and "4.3" not in text, text
    bot.text("ann", "language en")
    results = bot.text("ann", "results 1")
    digest = bot.text("ann", "digest")
    report = report_files([r.message for r in bot.say("ann", "report")])["report.md"]
    for text in (results, digest, report):
        assert "4.3" in text and "4,3" not in text, text


SHORT = 'lang=en start=2027-01-14 end=2027-04-01 time=14:00 question="How do we keep elderly people at home?"'


def test_the_digest_after_the_programme_offers_the_final_report(bot: Harness) -> None:
    bot.community(settings=SHORT)
    bot.clock.set(datetime(2027, 1, 20, 9, 0, tzinfo=UTC))
    running = bot.text("ann", "digest")
    assert "Next meeting: #2" in running and "Final report" not in running
    bot.clock.set(datetime(2027, 3, 8, 9, 0, tzinfo=UTC))
    replies = bot.say("ann", "digest")
    text = replies[0].message.text
    assert "schedule add" not in text, text
    assert "The programme is complete: its last meeting was #2" in text, text
    offered = [(label, a, v) for label, a, v in buttons(replies[0].message) if a == "report.final"]
    assert [label for label, _, _ in offered] == ["Final report"]
    clicked = [r.message for r in bot.click("ann", "report.final", offered[0][2])]
    assert "report.md" in report_files(clicked)
    # Only an organiser may use it.
    bot.text("bob", "join")
    refused = bot.click("bob", "report.final", offered[0][2])
    assert "Only an organiser" in refused[0].message.text
    assert not report_files([r.message for r in refused])
    bot.text("ann", "config lang=nl")
    text = bot.text("ann", "overzicht")
    assert "Het programma is rond" in text and "schedule add" not in text


def test_without_a_meeting_ahead_mid_programme_the_digest_suggests_adding_one(
    bot: Harness,
) -> None:
    bot.community(settings=SHORT)
    bot.clock.set(datetime(2027, 1, 20, 9, 0, tzinfo=UTC))
    bot.text("ann", "schedule cancel 2")
    gap = bot.text("ann", "digest")
    assert "Add one with `schedule add" in gap and "programme is complete" not in gap, gap
    # Once the series' dates are behind us, the same gap means the programme is over.
    bot.clock.set(datetime(2027, 3, 8, 9, 0, tzinfo=UTC))
    assert "The programme is complete: its last meeting was #1" in bot.text("ann", "digest")


def test_the_weekly_digest_after_the_end_has_the_button(bot: Harness) -> None:
    bot.community(settings=SHORT)
    # Every Monday at 09:00 in Amsterdam, from the first digest to the first after the end.
    monday = datetime(2027, 1, 11, 8, 1, tzinfo=UTC)
    while monday <= datetime(2027, 3, 8, 8, 1, tzinfo=UTC):
        bot.run_due(monday)
        monday += timedelta(days=7)
    digests = [m for m in bot.inbox("ann") if m.text.startswith("Weekly digest")]
    assert len(digests) == 9, [d.text[:40] for d in digests]
    during, last = digests[:-2], digests[-1]
    assert all(not any(a == "report.final" for _, a, _ in buttons(d)) for d in during)
    assert "schedule add" not in last.text and "The programme is complete" in last.text
    assert any(a == "report.final" for _, a, _ in buttons(last))


def test_settings_speak_the_readers_language(bot: Harness) -> None:
    bot.community(settings=DUTCH)
    said = bot.text("ann", "instellingen tijd=15:00 dag=vr open=ja facilitatie=alle")
    assert "Opgeslagen: dag = vr, facilitatie = alle, open = ja, tijd = 15:00" in said, said
    shown = bot.text("ann", "instellingen")
    assert "frequentie = 6w" in shown and "dag = vr" in shown and "feestdagen = NL" in shown
    assert "cadence" not in shown and "weekday" not in shown
    # The English names keep working in Dutch, and English readers see English.
    assert "Opgeslagen: tijd = 16:00" in bot.text("ann", "config time=16:00")
    bot.text("ann", "config lang=en")
    assert "Saved: open = no, weekday = thu" in bot.text("ann", "config open=nee dag=do")
