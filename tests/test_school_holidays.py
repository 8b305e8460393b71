"""School holidays per region: the shipped data, the region in the intake, the warnings when
meetings are planned, added or moved into a holiday of members' regions, and a pause made
from a region's holiday in one command."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.meetings.models import Blackout
from bot.meetings.school import REGIONS, parse_region, source, table
from bot.members.models import Member
from bot.messages import Form
from tests.harness import Harness, buttons


def test_the_official_summer_holidays_of_2027_2028_per_region() -> None:
    """Rijksoverheid, Overzicht schoolvakanties 2027-2028: zomervakantie."""
    summer = {
        h.region: (h.first, h.last) for h in table() if h.year == "2027-2028" and h.name == "zomer"
    }
    assert summer == {
        "noord": (date(2028, 7, 15), date(2028, 8, 27)),
        "midden": (date(2028, 7, 8), date(2028, 8, 20)),
        "zuid": (date(2028, 7, 22), date(2028, 9, 3)),
    }
    assert all(h.basis == "rijksoverheid" for h in table() if h.year == "2027-2028")
    assert "Rijksoverheid" in source()


def test_the_data_covers_five_school_years_in_every_region() -> None:
    rows = table()
    years = {h.year for h in rows}
    assert {"2025-2026", "2026-2027", "2027-2028", "2028-2029", "2029-2030"} <= years
    for year in ("2025-2026", "2026-2027", "2027-2028", "2028-2029"):
        for name in ("herfst", "kerst", "voorjaar", "mei", "zomer"):
            regions = {h.region for h in rows if h.year == year and h.name == name}
            assert regions == set(REGIONS), (year, name)
    for h in rows:
        assert h.first <= h.last
        assert h.first.weekday() == 5 and h.last.weekday() == 6, h  # Saturday to Sunday
        assert h.kind == ("advisory" if h.name in ("herfst", "voorjaar") else "fixed")
        assert h.basis in ("rijksoverheid", "secondary", "derived")


def test_regions_from_what_people_type() -> None:
    assert parse_region("Zuid") == "zuid"
    assert parse_region("regio midden") == "midden"
    assert parse_region("north") == "noord"
    assert parse_region("Limburg") == "zuid"
    assert parse_region("Noord-Holland") == "noord"
    assert parse_region("Utrecht") == "midden"
    assert parse_region("Nijmegen") == "zuid"
    assert parse_region("Atlantis") is None


def test_the_intake_asks_the_region_and_understands_a_province(bot: Harness) -> None:
    bot.community()
    bot.text("bob", "join")
    received = bot.inbox("bob")
    assert "(1/4) Which organisation" in received[1].text
    for answer in ("Gemeente Maastricht", "Wijkverpleging", "Een casus"):
        bot.dm_text("bob", answer)
    assert "school holiday region do you live" in bot.dm_text("bob", "Samen leren")
    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id == "bob")).one()
        assert member.region is None
    assert "not a region I know" in bot.dm_text("bob", "Atlantis")
    assert "Thank you" in bot.dm_text("bob", "Limburg")
    with bot.factory() as session:
        assert session.scalars(select(Member.region).where(Member.user_id == "bob")).one() == "zuid"
    assert "zuid" in bot.text("bob", "region")
    assert "is midden" in bot.text("bob", "region utrecht")
    assert "is -" in bot.text("bob", "region -")


def test_a_skipped_region_is_fine_and_other_countries_are_not_asked(bot: Harness) -> None:
    bot.community(settings="lang=en start=2027-01-14 holidays=BE")
    bot.text("bob", "join")
    bot.inbox("bob")
    for answer in ("Org", "Disc", "Case"):
        bot.dm_text("bob", answer)
    assert "Thank you" in bot.dm_text("bob", "Goals")  # four questions: no region in Belgium


def join_with_region(bot: Harness, user: str, region: str) -> None:
    bot.text(user, "join")
    bot.text(user, f"region {region}")


def test_warnings_name_the_holiday_the_region_and_how_many_members(bot: Harness) -> None:
    bot.community(members=())
    join_with_region(bot, "bob", "zuid")
    join_with_region(bot, "cas", "zuid")
    join_with_region(bot, "dee", "noord")
    added = bot.text("ann", "schedule add 2028-08-31 14:00")
    assert "Meeting added: 14. 2028-08-31 14:00" in added
    assert (
        "Note: meeting 14 (2028-08-31 14:00) falls in the summer holiday of region zuid "
        "(2 members live there)." in added
    )
    moved = bot.text("ann", "schedule move 14 2028-07-27 14:00")
    assert "summer holiday of region noord (1 member lives there)" in moved
    assert "summer holiday of region zuid (2 members live there)" in moved
    # A meeting outside anyone's school holiday: no warning.
    assert "Note:" not in bot.text("ann", "schedule move 14 2028-09-07 14:00")
    # A series change warns about every meeting it moves or makes in a holiday.
    reply = bot.text("ann", "config end=2028-12-31")
    assert "• 16 (new): 2028-08-24 14:00" in reply
    assert (
        "Note: meeting 16 (2028-08-24 14:00) falls in the summer holiday of region noord "
        "(1 member lives there); the summer holiday of region zuid (2 members live there)."
    ) in reply


def test_dutch_warnings_when_the_series_lands_in_a_summer_holiday(bot: Harness) -> None:
    bot.community(settings="lang=nl start=2027-01-14 time=14:00")
    join_with_region(bot, "bob", "midden")
    reply = bot.text("ann", "instellingen start=2027-01-21")
    assert (
        "Let op: bijeenkomst 6 (2027-08-19 14:00) valt in de zomervakantie van regio midden "
        "(daar woont 1 lid) (verwachte data, nog niet bevestigd)." in reply
    )


def test_a_pause_from_a_regions_school_holiday_in_one_command(bot: Harness) -> None:
    bot.community(settings="lang=nl start=2027-01-14 time=14:00")
    reply = bot.text("ann", "pauze zomervakantie midden 2027")
    assert "Pauze 1: geen bijeenkomsten van 2027-07-17 tot en met 2027-08-29" in reply
    assert "zomervakantie regio midden 2027" in reply
    reply = bot.text("ann", "pauze zomer alle 2028")
    assert "van 2028-07-08 tot en met 2028-09-03 (zomervakantie alle regio's 2028)" in reply
    bot.text("ann", "config lang=en")
    reply = bot.text("ann", "pause autumn noord 2027")
    assert (
        "Pause 3: no meetings from 2027-10-16 to 2027-10-24 (autumn holiday region noord 2027)"
        in reply
    )
    assert "could not read `holidays`" in bot.text("ann", "pause holidays noord")
    assert "no dates for the summer holiday of 2031" in bot.text("ann", "pause summer zuid 2031")
    with bot.factory() as session:
        assert len(session.scalars(select(Blackout)).all()) == 3


def test_the_region_form_offers_the_three_regions(bot: Harness) -> None:
    bot.community()
    bot.text("bob", "join")
    intake = bot.inbox("bob")[1]
    (form_button,) = [b for b in buttons(intake) if b[1] == "prompt.form"]
    opened = bot.click("bob", "prompt.form", form_button[2])
    form = next(b for r in opened for b in r.message.blocks if isinstance(b, Form))
    region = next(q for q in form.questions if q.id == "region")
    assert [value for value, _ in region.choices] == ["noord", "midden", "zuid"]
    bot.click(
        "bob",
        "prompt.submit",
        form_button[2],
        {"organisation": "GGD", "region": "midden"},
    )
    with bot.factory() as session:
        assert (
            session.scalars(select(Member.region).where(Member.user_id == "bob")).one() == "midden"
        )
