"""my-data and forget-me, through the black-box bot."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.logbook.models import LogEntry
from bot.members.models import Member, Status
from bot.messages import File, Message
from bot.outbox.models import Delivery, DeliveryStatus
from bot.prompts.models import Prompt
from tests.harness import Harness, buttons


def files(message: Message) -> dict[str, File]:
    return {b.name: b for b in message.blocks if isinstance(b, File)}


def onboard_bob(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.dm("bob", "Gemeente Utrecht")
    bot.dm("bob", "Social work")
    bot.dm("bob", "Loneliness in the neighbourhood")
    bot.dm("bob", "Listening better")
    bot.text("bob", "log Tried the kitchen-table talk")
    bot.text("bob", "success Mrs J. joined the walking group")


def test_my_data_shows_intake_answers_and_logbook(any_bot: Harness) -> None:
    bot = any_bot
    onboard_bob(bot)
    replies = bot.dm("bob", "my-data")
    message = replies[0].message
    assert "Gemeente Utrecht" in message.text
    assert "Practice case: Loneliness in the neighbourhood" in message.text
    assert "Tried the kitchen-table talk" in message.text
    assert "Mrs J. joined the walking group" in message.text
    document = files(message)["my-data.json"]
    assert document.mime == "application/json"
    data = json.loads(document.content)
    [membership] = data["memberships"]
    assert membership["community"]["name"] == "Test CoP"
    assert membership["members"]["intake"]["learning_goals"] == "Listening better"
    assert [e["kind"] for e in membership["logbook"]["entries"]] == ["log", "success"]
    assert membership["prompts"]["prompts"][0]["kind"] == "intake"
    assert any(m["kind"] == "welcome" for m in membership["outbox"]["messages"])
    # Someone who never joined has nothing stored.
    assert "nothing stored" in bot.text("zoe", "my-data")


def test_forget_me_asks_first_then_erases_personal_data(any_bot: Harness) -> None:
    bot = any_bot
    onboard_bob(bot)
    ask = bot.dm("bob", "forget-me")[0].message
    assert "cannot be undone" in ask.text
    assert buttons(ask) == [("Yes, erase my data", "privacy.forget_confirm", "")]
    assert "Gemeente Utrecht" in bot.dm_text("bob", "my-data")  # nothing erased yet

    done = "\n".join(r.message.text for r in bot.click("bob", "privacy.forget_confirm"))
    assert "erased" in done
    assert "nothing stored" in bot.text("bob", "my-data")
    assert "Bob" not in bot.text("ann", "members")

    with bot.factory() as session:
        member = session.scalars(select(Member).where(Member.user_id.like("forgotten-%"))).one()
        # The row stays, anonymised, so anonymous totals still count a member.
        assert member.status == Status.FORGOTTEN.value
        assert member.display_name == "former member"
        assert member.user_id == f"forgotten-{member.id}"
        assert (member.organisation, member.practice_case, member.tz, member.address) == (
            None,
            None,
            None,
            None,
        )
        assert (
            session.scalar(select(func.count(LogEntry.id)).where(LogEntry.member_id == member.id))
            == 0
        )
        assert (
            session.scalar(select(func.count(Prompt.id)).where(Prompt.member_id == member.id)) == 0
        )
        payloads = session.scalars(
            select(Delivery.payload).where(Delivery.member_id == member.id)
        ).all()
        assert payloads and all(p == {"text": "", "blocks": []} for p in payloads)
        assert (
            session.scalar(select(func.count(Delivery.id)).where(Delivery.recipient == "bob")) == 0
        )

    # Bob may come back, as a new member with a clean slate.
    assert "Welcome" in bot.text("bob", "join")
    assert "Bob" in bot.text("ann", "members")
    assert "Gemeente Utrecht" not in bot.dm_text("bob", "my-data")


def test_forget_me_cancels_messages_still_waiting(bot: Harness) -> None:
    bot.community(members=("bob",))
    # 23:30 in Amsterdam: the check-in Ann sends now waits for Bob's morning (quiet hours).
    bot.clock.set(datetime(2027, 1, 4, 22, 30, tzinfo=UTC))
    assert "sent" in bot.text("ann", "checkin send")
    assert bot.inbox("bob") == []
    with bot.factory() as session:
        held = session.scalars(
            select(Delivery.id).where(
                Delivery.key.startswith("checkin:"), Delivery.recipient == "bob"
            )
        ).all()
    assert "erased" in bot.text("bob", "forget-me confirm")
    with bot.factory() as session:
        statuses = session.scalars(select(Delivery.status).where(Delivery.id.in_(held))).all()
    assert statuses and set(statuses) == {DeliveryStatus.CANCELLED.value}
    bot.run_due(datetime(2027, 1, 5, 8, 0, tzinfo=UTC))
    assert bot.inbox("bob") == []


def test_forget_me_covers_every_community_and_former_memberships(bot: Harness) -> None:
    bot.community(members=("bob",))
    bot.text("cat", "setup Second CoP", channel="second")
    bot.text("bob", "join", channel="second")
    bot.text("bob", "log A note in the second community", channel="second")
    bot.text("bob", "leave", channel="second")
    # After leaving, the data is still there and still Bob's to see.
    assert "A note in the second community" in bot.dm_text("bob", "my-data")
    assert "2 communities" in bot.dm_text("bob", "forget-me")
    assert "personal data in 2 communities is erased" in bot.dm_text("bob", "forget-me confirm")
    assert "nothing stored" in bot.text("bob", "forget-me")


def test_forget_me_warns_a_sole_organiser(bot: Harness) -> None:
    bot.community(members=("bob",))
    warning = bot.text("ann", "forget-me")
    assert "only organiser of Test CoP" in warning
    bot.text("ann", "role <@bob> organiser")
    assert "only organiser" not in bot.text("ann", "forget-me")


def test_privacy_in_dutch_and_bad_input(bot: Harness) -> None:
    onboard_bob(bot)
    bot.text("ann", "config lang=nl")
    assert "Alles wat ik over je bewaar" in bot.dm_text("bob", "mijn-gegevens")
    assert "Organisatie: Gemeente Utrecht" in bot.dm_text("bob", "mijn-gegevens")
    assert "niet ongedaan" in bot.dm_text("bob", "vergeet-mij")
    assert "niet compleet" in bot.dm_text("bob", "vergeet-mij misschien")
    assert "Klaar" in bot.dm_text("bob", "vergeet-mij bevestig")
    with bot.factory() as session:
        names = session.scalars(
            select(Member.display_name).where(Member.status == Status.FORGOTTEN.value)
        ).all()
    assert names == ["oud-lid"]
    bot.clock.advance(timedelta(minutes=1))
    assert "niets over je opgeslagen" in bot.dm_text("bob", "mijn-gegevens")
