"""One community in several places: `link` gives an organiser a one-time code, `link <code>`
in a channel of another platform adds that channel; announcements go to every place, people
who join anywhere are one roster, and `unlink` takes a place out (its members stay). Here in
the core with two platforms side by side (the console and a second one, each with its own
recording sender); tests/test_places_platforms.py does it through the Slack and Teams
endpoints."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.buddies.models import BuddyGroupMember
from bot.context import Actor, Place, Reply, Submission
from bot.logbook.models import LogEntry
from bot.members.models import Member
from bot.messages import Form, Message, names_only
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.sender import PermanentDeliveryError, RecordingSender, TransientDeliveryError
from bot.places.models import CommunityPlace, LinkCode
from tests.harness import CHANNEL, Harness, buttons

OTHER = "other"  # the second platform
ROOM = "19:room@thread"  # its channel
TEAM = "team-b"

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def on_other(bot: Harness) -> RecordingSender:
    sender = RecordingSender()
    bot.core.senders[OTHER] = sender
    return sender


def other_actor(user: str) -> Actor:
    return Actor(OTHER, f"29:{user}", display_name=user.capitalize(), lang="en")


def room(channel: str = ROOM) -> Place:
    return Place(OTHER, channel, "channel", team_id=TEAM, tenant_id="tenant-b")


def say_other(bot: Harness, user: str, text: str, *, channel: str = ROOM) -> list[Reply]:
    return bot.core.handle_command(other_actor(user), room(channel), text)


def dm_other(bot: Harness, user: str, text: str) -> list[Reply]:
    place = Place(OTHER, f"a:{user}", "dm", tenant_id="tenant-b")
    return bot.core.handle_message(other_actor(user), place, text)


def shown(replies: list[Reply]) -> str:
    return names_only("\n".join(r.message.text for r in replies))


def code_from(text: str) -> str:
    found = CODE.search(text)
    assert found, text
    return found.group(0)


def buttons_of(message: Message) -> list[tuple[str, str, str]]:
    return buttons(message)


def channel_posts(sender: RecordingSender, channel: str) -> list[str]:
    return [names_only(m.text) for r, m in sender.sent if r.to_channel and r.recipient == channel]


def linked(bot: Harness) -> RecordingSender:
    """Ann's community in the console channel, linked to the other platform's room by Tina."""
    other = on_other(bot)
    bot.community(members=("bob",))
    code = code_from(bot.text("ann", "link"))
    replies = say_other(bot, "tina", f"link {code}")
    assert [r.visibility for r in replies] == ["channel"], replies
    assert "now part of *Test CoP*" in shown(replies), shown(replies)
    return other


def test_link_adds_a_place_on_another_platform_and_both_hear_everything(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    # The home channel heard that the community now also lives there, linked by Tina.
    assert any("linked by Tina" in p for p in channel_posts(bot.sender, CHANNEL))
    with bot.factory() as session:
        places = session.scalars(select(CommunityPlace).order_by(CommunityPlace.number)).all()
        assert [(p.platform, p.channel_id, p.home) for p in places] == [
            ("console", CHANNEL, True),
            (OTHER, ROOM, False),
        ]
        # Only the code's hash is kept, and it is spent.
        [code] = session.scalars(select(LinkCode)).all()
        assert len(code.code_hash) == 64 and code.used_at is not None
        tina = session.scalars(select(Member).where(Member.platform == OTHER)).one()
        assert (tina.role, tina.team_id) == ("organiser", TEAM)
    # Tina joined as organiser: the welcome and the intake reach her on her own platform.
    assert any("Welcome" in names_only(m.text) for m in other.to("29:tina"))

    # Someone joins in the other room: one roster, announced in both places.
    said = shown(say_other(bot, "tom", "join"))
    assert "Welcome Tom" in said, said
    assert any("Welcome Tom" in p for p in channel_posts(bot.sender, CHANNEL))
    members = bot.text("ann", "members")
    for name in ("Ann", "Bob", "Tina", "Tom"):
        assert name in members, members
    # An announcement made in the home channel is posted in the room, once.
    mark = len(other.sent)
    bot.text("ann", "rotate")
    posted = channel_posts(RecordingSender(other.sent[mark:]), ROOM)
    assert len(posted) == 1 and "facilitat" in posted[0].lower(), posted
    # `places` and `status` list both.
    listed = shown(say_other(bot, "tom", "places"))
    assert "lives in 2 channels" in listed and "home" in listed and "this channel" in listed
    assert "Lives in 2 channels" in bot.text("bob", "status")


def test_buddies_dms_and_digest_cover_every_place(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    say_other(bot, "tom", "join")
    bot.text("ann", "config size=4")
    bot.run_due(datetime(2027, 1, 14, 15, 0, tzinfo=UTC))  # the first pairing after meeting 1
    # Everyone gets their buddy DM on their own platform.
    for user in ("bob", "ann"):
        assert any("buddy" in names_only(m.text).lower() for m in bot.sender.to(user)), user
    for user in ("29:tom", "29:tina"):
        assert any("buddy" in names_only(m.text).lower() for m in other.to(user)), user
    # The check-ins of meeting 2 reach both platforms, and the digest counts all four.
    bot.run_due(datetime(2027, 2, 22, 13, 5, tzinfo=UTC))
    assert any("check-in" in names_only(m.text).lower() for m in other.to("29:tom"))
    digest = bot.text("ann", "digest")
    # The digest's lists name everyone, wherever they joined.
    assert "Ann, Bob, Tina, Tom" in digest, digest
    assert "Facilitators: " in digest
    with bot.factory() as session:
        platforms = {
            (d.platform, d.to_channel)
            for d in session.scalars(select(Delivery).where(Delivery.key.like("checkin:%")))
        }
    assert {("console", False), (OTHER, False)} <= platforms


def test_an_unreachable_place_does_not_hold_up_the_others(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    other.fail_for[ROOM] = TransientDeliveryError("down", retry_after=60)
    say_other_ok = shown(say_other(bot, "tom", "join"))
    assert "Welcome Tom" in say_other_ok
    # The home channel got Tom's welcome although the room's own sends keep failing.
    assert any("Welcome Tom" in p for p in channel_posts(bot.sender, CHANNEL))
    other.fail_for[ROOM] = PermanentDeliveryError("channel_not_found")
    bot.text("ann", "pair")
    with bot.factory() as session:
        rows = session.scalars(
            select(Delivery).where(Delivery.to_channel.is_(True), Delivery.recipient == ROOM)
        ).all()
    assert rows and all(r.status != DeliveryStatus.SENT.value for r in rows)


def test_unlink_takes_the_place_out_and_its_members_stay(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    say_other(bot, "tom", "join")
    # A participant may not; the home channel cannot go.
    assert "Only an organiser" in shown(say_other(bot, "tom", "unlink"))
    assert "stays" in bot.text("ann", "unlink 1")
    assert "no channel 7" in bot.text("ann", "unlink 7")
    said = shown(say_other(bot, "tina", "unlink"))
    assert "no longer part of *Test CoP*" in said, said
    assert any("no longer lives in" in p for p in channel_posts(bot.sender, CHANNEL))
    # Tom is still a member, and the room hears nothing more.
    assert "Tom" in bot.text("ann", "members")
    mark = len(other.sent)
    assert "Welcome" in bot.text("cas", "join")
    assert channel_posts(RecordingSender(other.sent[mark:]), ROOM) == []
    # The room is an ordinary channel again: no community here.
    assert "no community here" in shown(say_other(bot, "tim", "join")).replace(
        "Hier is nog geen community", "no community here"
    )
    # Linked again with a new code, it is a place again.
    code = code_from(bot.text("ann", "link"))
    assert "now part of" in shown(say_other(bot, "tina", f"link {code}"))
    assert "2. Other · team-b · 19:room@thread" in bot.text("ann", "places")


def test_unlink_from_the_home_channel_by_number(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    said = bot.text("ann", "unlink 2")
    assert "no longer lives in Other" in said, said
    assert any("no longer part of" in p for p in channel_posts(other, ROOM))


def test_link_codes_expire_work_once_and_are_checked(any_bot: Harness) -> None:
    bot = any_bot
    on_other(bot)
    bot.community(members=("bob",))
    # Only an organiser gets a code, and only in a channel of the community.
    assert "Only an organiser" in bot.text("bob", "link")
    assert "one of the channels" in bot.dm_text("ann", "link")
    code = code_from(bot.text("ann", "link"))
    # Typed in a DM it links nothing.
    assert "in the channel you want to link" in shown(dm_other(bot, "tina", f"link {code}"))
    # A mistyped, an unknown and a malformed code.
    assert "I do not know that code" in shown(say_other(bot, "tina", "link ABCD-EFGH"))
    assert "not a code of copbot" in shown(say_other(bot, "tina", "link hello"))
    # Expired after 24 hours.
    bot.clock.advance(timedelta(hours=24, minutes=1))
    assert "expired" in shown(say_other(bot, "tina", f"link {code}"))
    # A new one, typed in lower case without the dash, works once.
    code = code_from(bot.text("ann", "link"))
    assert "now part of" in shown(say_other(bot, "tina", f"link {code.lower().replace('-', '')}"))
    assert "used already" in shown(say_other(bot, "tina", f"link {code}", channel="19:second"))
    # A channel that is a community's place already cannot be linked again.
    code = code_from(bot.text("ann", "link"))
    assert "already part of *Test CoP*" in shown(say_other(bot, "tina", f"link {code}"))
    assert "Other CoP" in shown(say_other(bot, "tina", "setup Other CoP", channel="19:own"))
    assert "already hosts the community *Other CoP*" in shown(
        say_other(bot, "tina", f"link {code}", channel="19:own")
    )
    # A newer code replaces the older one that was not used.
    older = code_from(bot.text("ann", "link"))
    newer = code_from(bot.text("ann", "link"))
    assert "expired" in shown(say_other(bot, "tina", f"link {older}", channel="19:third"))
    assert "now part of" in shown(say_other(bot, "tina", f"link {newer}", channel="19:third"))


def test_a_participant_elsewhere_may_not_link(any_bot: Harness) -> None:
    bot = any_bot
    on_other(bot)
    bot.community()
    code = code_from(bot.text("ann", "link"))
    assert "now part of" in shown(say_other(bot, "tina", f"link {code}"))
    say_other(bot, "tom", "join")
    # Tom is a participant of the community: a code handed to him does not make him more.
    code = code_from(bot.text("ann", "link"))
    assert "Only an organiser of the community" in shown(
        say_other(bot, "tom", f"link {code}", channel="19:elsewhere")
    )
    # The code was not spent by the refusal.
    assert "now part of" in shown(say_other(bot, "tina", f"link {code}", channel="19:elsewhere"))


def test_dutch(any_bot: Harness) -> None:
    bot = any_bot
    on_other(bot)
    bot.community(settings="lang=nl start=2027-01-14")
    given = bot.text("ann", "link")
    assert "Typ `link" in given and "werkt één keer" in given, given
    code = code_from(given)
    said = shown(say_other(bot, "tina", f"link {code}"))
    assert "hoort nu bij *Test CoP*" in said, said
    assert "Die code ken ik niet" in bot.text("ann", "link ABCD-EFGH")
    assert "Dit kanaal hoort al bij *Test CoP*" in bot.text(
        "ann", f"link {code_from(bot.text('ann', 'link'))}"
    )


# -- buddies across platforms ----------------------------------------------------------------
def intake(bot: Harness, *, console: dict[str, str], other: dict[str, str]) -> None:
    for user, organisation in console.items():
        for answer in (organisation, "Nurse", "Mrs J. at home", "Listening", "-"):
            bot.dm(user, answer)
    for user, organisation in other.items():
        for answer in (organisation, "Social worker", "Mr K. alone", "Asking", "-"):
            dm_other(bot, user, answer)


def paired_across(bot: Harness) -> tuple[RecordingSender, dict[str, str]]:
    """Ann and Bob (console, one organisation) and Tina and Tom (the other platform, another
    organisation) after the first pairing: each pair crosses organisations, so platforms.
    Returns the other platform's sender and each console person's buddy there."""
    other = linked(bot)
    say_other(bot, "tom", "join")
    intake(bot, console={"ann": "Gemeente", "bob": "Gemeente"},
           other={"tina": "Zorggroep", "tom": "Zorggroep"})  # fmt: skip
    bot.run_due(datetime(2027, 1, 14, 15, 5, tzinfo=UTC))
    buddies = {}
    for user in ("ann", "bob"):
        dm = names_only(bot.sender.to(user)[-1].text)
        found = [who for who in ("Tina", "Tom") if who in dm]
        assert len(found) == 1, dm
        buddies[user] = f"29:{found[0].lower()}"
    return other, buddies


def test_buddies_write_each_other_across_platforms(any_bot: Harness) -> None:
    bot = any_bot
    other, buddies = paired_across(bot)
    buddy = buddies["bob"]
    # The buddy DM offers to write; `buddy <text>` relays it to the other platform.
    assert any(b[1] == "buddy.write" for b in buttons_of(bot.sender.to("bob")[-1]))
    said = bot.dm_text("bob", "buddy Shall we call on Thursday? I tried the kitchen table.")
    assert "Passed on to" in said and "not what you wrote" in said, said
    [note] = [m for m in other.to(buddy) if "your buddy, writes" in names_only(m.text)]
    assert "Bob, your buddy, writes:" in names_only(note.text)
    assert "> Shall we call on Thursday?" in note.text
    # Bob is named as a person element: the other platform cannot mention him, so his name.
    assert "<@" not in note.text
    # The buddy answers with the Reply button: a form, relayed back to Bob's platform.
    [(_, action, value)] = [b for b in buttons_of(note) if b[1] == "buddy.write"]
    name = buddy.removeprefix("29:")
    place = Place(OTHER, f"a:{name}", "dm", tenant_id="tenant-b")
    [form] = [
        b
        for r in bot.core.handle_action(other_actor(name), place, Submission(action, value))
        for b in r.message.blocks
        if isinstance(b, Form)
    ]
    sent = bot.core.handle_action(
        other_actor(name), place, Submission(form.action_id, form.value, {"text": "Yes, 10:00!"})
    )
    assert "Passed on to Bob" in shown(sent), shown(sent)
    back = [m for m in bot.inbox("bob") if "your buddy, writes" in m.text]
    assert back and "> Yes, 10:00!" in back[-1].text, back
    # Both logbooks say they were in touch, never what they wrote.
    log = bot.dm_text("bob", "log")
    assert "wrote to your buddy through copbot" in log and "your buddy wrote to you" in log
    assert "kitchen table" not in log and "10:00" not in log
    with bot.factory() as session:
        texts = {
            e.text for e in session.scalars(select(LogEntry).where(LogEntry.kind == "contact"))
        }
    assert texts == {"sent", "received"}


def test_buddies_see_an_email_address_only_when_shared(any_bot: Harness) -> None:
    bot = any_bot
    _, buddies = paired_across(bot)
    buddy = buddies["bob"].removeprefix("29:")
    assert "@" not in names_only(bot.dm_text("bob", "buddy").split("Write to your buddy")[0])
    assert "look like an e-mail" in shown(dm_other(bot, buddy, "share email nope"))
    assert "are shown" in shown(dm_other(bot, buddy, f"share email {buddy}@zorggroep.nl"))
    assert f"Zorggroep · Social worker · {buddy}@zorggroep.nl" in bot.dm_text("bob", "buddy")
    assert "no longer shown" in shown(dm_other(bot, buddy, "share email off"))
    assert f"{buddy}@zorggroep.nl" not in bot.dm_text("bob", "buddy")
    assert "You share no e-mail address" in shown(dm_other(bot, buddy, "share email"))


# -- one person, two accounts --------------------------------------------------------------
def test_link_me_makes_two_accounts_one_member(any_bot: Harness) -> None:
    bot = any_bot
    other = linked(bot)
    say_other(bot, "bob", "join")  # Bob again, with his account on the other platform
    say_other(bot, "tom", "join")
    bot.dm("bob", "Gemeente")  # his console account answers the intake's first question
    assert "5 / 20" in bot.text("ann", "status")
    # His console account asks; the code arrives in that account's DM, not in the reply.
    said = bot.dm_text("bob", "link me")
    assert "I sent you a code" in said and not CODE.search(said), said
    code = code_from(names_only(bot.sender.to("bob")[-1].text))
    # Wrong ways first: the same account, a place code, someone who is not a member.
    assert "from your other account" in bot.dm_text("bob", f"link me {code}")
    assert "not a member of *Test CoP*" in shown(dm_other(bot, "zoe", f"link me {code}"))
    place_code = code_from(bot.text("ann", "link"))
    assert "I do not know that code" in shown(dm_other(bot, "bob", f"link me {place_code}"))
    done = shown(dm_other(bot, "bob", f"link me {code}"))
    assert "one member of *Test CoP*" in done, done
    assert "used already" in shown(dm_other(bot, "bob", f"link me {code}"))
    # One Bob: in the roster, the size, the rotation and the pairing.
    members = bot.text("ann", "members")
    assert members.count("Bob") == 1, members
    assert "4 / 20" in bot.text("ann", "status")
    # Either account acts as the one member: the other platform's account sees his answer.
    assert "Gemeente" in shown(dm_other(bot, "bob", "my-data"))
    bot.run_due(datetime(2027, 1, 14, 15, 5, tzinfo=UTC))
    with bot.factory() as session:
        bobs = session.scalars(
            select(Member.id).where(Member.display_name == "Bob", Member.status == "active")
        ).all()
        assert len(bobs) == 1
        in_groups = session.scalars(
            select(BuddyGroupMember.member_id).where(BuddyGroupMember.member_id == bobs[0])
        ).all()
        assert len(in_groups) == 1
    # His DMs keep going to the account that asked for the code.
    assert any("buddies" in names_only(m.text) for m in bot.sender.to("bob"))
    assert not any("buddies" in names_only(m.text) for m in other.to("29:bob"))
    digest = bot.text("ann", "digest")
    assert "Members: 4 (target 20)" in digest, digest


def test_link_me_merges_roles_answers_and_buddies(any_bot: Harness) -> None:
    bot = any_bot
    linked(bot)
    # Tina (organiser, other platform) also joined in the console channel as a participant.
    assert "Welcome" in bot.text("tina", "join")
    bot.dm("tina", "Zorggroep")
    said = bot.dm_text("tina", "link me")
    assert "I sent you a code" in said
    code = code_from(names_only(bot.sender.to("tina")[-1].text))
    assert "one member" in shown(dm_other(bot, "tina", f"link me {code}"))
    with bot.factory() as session:
        rows = session.scalars(select(Member).where(Member.display_name == "Tina")).all()
        keeper = next(m for m in rows if m.status == "active")
        merged = next(m for m in rows if m.status == "merged")
        # The console account asked, so it stays; it keeps the higher role and the answer.
        assert (keeper.platform, keeper.role, keeper.organisation) == (
            "console",
            "organiser",
            "Zorggroep",
        )
        assert merged.merged_into_id == keeper.id
    # Her console account now may do what an organiser does.
    assert "Saved" in bot.text("tina", "config size=12")
