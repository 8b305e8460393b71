"""What the buddy tests share: the harness community's timeline, its members and
organisations, and helpers to set it up and read the pairing DMs and channel posts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bot.context import Reply
from bot.messages import Message, names_only
from tests.harness import Harness, buttons

# The harness community meets every six weeks from 2027-01-14 14:00 Amsterdam (13:00 UTC), two
# hours long. The buddy groups are made when meeting 1 ends; the nudge comes halfway to
# meeting 2 (2027-02-25 13:00 UTC); meeting 2's check-in three days and its brief one day
# before it.
PAIRING_AT = datetime(2027, 1, 14, 15, 0, tzinfo=UTC)
NUDGE_AT = datetime(2027, 2, 4, 14, 0, tzinfo=UTC)
CHECKIN_2_AT = datetime(2027, 2, 22, 13, 0, tzinfo=UTC)
BRIEF_2_AT = datetime(2027, 2, 24, 13, 0, tzinfo=UTC)
PAIRING_2_AT = datetime(2027, 2, 25, 15, 0, tzinfo=UTC)

PEOPLE = ("ann", "bob", "cat", "dan", "eve")
# Ann made the community: the intake (and so an organisation) is for those who join.
ORGS = {"bob": "Gemeente", "cat": "Gemeente", "dan": "GGD", "eve": "Welzijn"}


def intake(bot: Harness, user: str, organisation: str) -> None:
    """Answer the intake's form (only the organisation), as a member would after joining."""
    asked = [m for m in bot.all_to(user) if "(1/4)" in m.text]
    prompt_id = next(v for _, a, v in buttons(asked[-1]) if a == "prompt.form")
    done = bot.click(user, "prompt.submit", prompt_id, {"organisation": organisation})
    assert "Thank you" in done[0].message.text or "Dank je" in done[0].message.text


def community(bot: Harness, orgs: dict[str, str] = ORGS, *, away: tuple[str, ...] = ()) -> None:
    """Ann's community with these members (who answer the intake) and who is away."""
    bot.community(members=tuple(orgs))
    for user, organisation in orgs.items():
        intake(bot, user, organisation)
    for user in away:
        assert "away" in bot.text(user, "away")
    for user in ("ann", *orgs, "general"):
        bot.inbox(user)


def introduced(user: str) -> str:
    """How a buddy is introduced: with their organisation, or by name alone (Ann has none)."""
    name = user.capitalize()
    return f"{name}: {ORGS[user]}" if user in ORGS else name


def pairing_dms(messages: list[Message]) -> list[Message]:
    return [m for m in messages if "Your buddy until" in m.text or "Je buddy tot" in m.text]


def announced_groups(bot: Harness) -> list[set[str]]:
    """The groups of the newest buddy round announced in the channel (pops its posts)."""
    posted = [m.text for m in bot.inbox("general")]  # read once: inbox pops what it returns
    posts = [t for t in posted if "buddy round" in t.lower() or "buddyronde" in t.lower()]
    assert len(posts) == 1, posts
    groups = []
    for line in posts[0].splitlines():
        if line.startswith("• "):
            names = line[2:].replace(" and ", ", ").replace(" en ", ", ").split(", ")
            groups.append({name.lower() for name in names})
    return groups


def group_with(groups: list[set[str]], user: str) -> set[str]:
    return next(g for g in groups if user in g)


def texts(replies: Sequence[Reply]) -> str:
    """The replies' texts as the console shows them (people by name)."""
    return names_only("\n".join(r.message.text for r in replies))
