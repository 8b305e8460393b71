"""One community across two Slack workspaces and Teams, end to end through copbot serve's real
endpoints: copbot installed in workspace A and workspace B with the OAuth flow against the fake
Slack Web API (oauth.v2.access answers as bolt publishes them), the community set up in A's
channel and linked into B's channel and a Teams channel, members joining in all three places,
facilitators, buddies across platforms and workspaces, a check-in and an evaluation, buddies
writing each other both ways (Slack A and Slack B, Slack and Teams), the weekly digest, and one
place unlinked. At the HTTP edge: every Slack Web API call carries the token of the workspace
it concerns, and each place shows people as it can (a mention where Slack knows them, their
name elsewhere)."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import select

from bot.buddies.models import BuddyGroup, BuddyGroupMember
from bot.members.models import Member
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.installs import CLIENT_ID, CLIENT_SECRET, GRANT_A, GRANT_B, A, B, Team, web_api
from tests.slack.scopes import granted_bot_scopes
from tests.slack.workspace import SECRET, dm_of, event_callback, slash_command
from tests.two_platforms import Served, serving

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")
CONFIG = 'lang=en start=2027-01-14 time=14:00 question="How do we keep elderly people home?"'
CHECKIN = datetime(2027, 1, 11, 13, 5, tzinfo=UTC)  # three days before the first meeting
AFTER_MEETING = datetime(2027, 1, 14, 16, 5, tzinfo=UTC)  # evaluation asked, buddies paired
DIGEST = datetime(2027, 1, 18, 8, 5, tzinfo=UTC)  # Monday 09:00 in Amsterdam

SLACK_PEOPLE = {"UANN": (A, "Ann"), "UBOB": (A, "Bob"), "UBEA": (B, "Bea"), "UBAS": (B, "Bas")}
TEAMS_PEOPLE = {"cas": "Cas", "dee": "Dee"}
# Each place its own organisation: pairing never pairs two colleagues, so the three pairs of
# six people are one A and B, one A and Teams, one B and Teams.
ORGANISATIONS = {
    "UANN": "Gemeente Leiden",
    "UBOB": "Gemeente Leiden",
    "UBEA": "Buurtzorg Oost",
    "UBAS": "Buurtzorg Oost",
    "cas": "Zorggroep Zuid",
    "dee": "Zorggroep Zuid",
}


@dataclass
class World(Served):
    """copbot serving two Slack workspaces (installed through OAuth) and Teams from one
    process and one database; every input goes to its real HTTP endpoints."""

    def run_due(self, at: datetime) -> None:
        self.settle()
        self.bot.run_due(at)
        self.settle()

    # -- Slack: installing -----------------------------------------------------------------
    def install(self, grant: dict[str, Any], *, code: str) -> str:
        """An admin clicks Add to Slack, approves in Slack, and comes back to copbot."""
        self.slack.grant(code, grant)
        with urllib.request.urlopen(f"{self.url}/slack/install", timeout=30) as page:
            html = page.read().decode()
            cookie = SimpleCookie(page.headers["Set-Cookie"])
        link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', html)
        assert link is not None, html
        state = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)["state"][0]
        name = next(iter(cookie))
        request = urllib.request.Request(
            f"{self.url}/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}",
            headers={"Cookie": f"{name}={cookie[name].value}"},
        )
        with urllib.request.urlopen(request, timeout=30) as back:
            return f"{back.status} {back.read().decode()}"

    # -- Slack: people typing --------------------------------------------------------------
    def say(self, user: str, text: str) -> str:
        """``/cop <text>`` in the channel of the person's workspace: every answer, joined."""
        team = SLACK_PEOPLE[user][0]
        fields = slash_command(
            self.slack, user, text, channel=team.channel, tag=str(next(self._ids))
        )
        fields["team_id"] = team.team_id
        if team.enterprise_id:
            fields["enterprise_id"] = team.enterprise_id
            fields["is_enterprise_install"] = "false"
        calls = self.slack_post(urlencode(fields), "application/x-www-form-urlencoded")
        return texts(calls)

    def dm(self, user: str, text: str) -> str:
        """``text`` in the person's DM with copbot (a message.im event)."""
        team = SLACK_PEOPLE[user][0]
        event = {
            "type": "message",
            "channel": dm_of(user),
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": f"1700000{next(self._ids)}.000100",
        }
        body = event_callback(event, event_id=f"Ev{next(self._ids):08d}")
        body["team_id"] = team.team_id
        body["authorizations"] = [
            {
                "enterprise_id": team.enterprise_id,
                "team_id": team.team_id,
                "user_id": team.bot_user,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ]
        if team.enterprise_id:
            body["enterprise_id"] = team.enterprise_id
        return texts(self.slack_post(json.dumps(body), "application/json"))

    # -- what people saw ---------------------------------------------------------------------
    def posts_in(self, team: Team) -> list[str]:
        return [
            str(c.args.get("text", ""))
            for c in self.slack.of("chat.postMessage", lambda c: c.args["channel"] == team.channel)
        ]

    def dms_of(self, user: str) -> list[str]:
        return [
            str(c.args.get("text", ""))
            for c in self.slack.of("chat.postMessage", lambda c: c.args["channel"] == dm_of(user))
        ]

    def member_ids(self) -> dict[int, str]:
        with self.bot.factory() as session:
            # Teams ids as the tests name Teams people (``29:cas`` is cas).
            return {m.id: m.user_id.removeprefix("29:") for m in session.scalars(select(Member))}


def texts(calls: list[Call]) -> str:
    kinds = ("chat.postMessage", "chat.postEphemeral", "response_url")
    return "\n".join(str(c.args.get("text", "")) for c in calls if c.method in kinds)


def workspaces_of(call: Call) -> set[str]:
    """The workspaces of the channels and people a call is about (a DM channel is 'D' + the
    person's id in the fake)."""
    about: set[str] = set()
    for name in ("channel", "user", "users", "channel_id"):
        value = call.args.get(name)
        for found in value.split(",") if isinstance(value, str) else []:
            user = "U" + found[1:] if found.startswith("D") else found
            if user in SLACK_PEOPLE:
                about.add(SLACK_PEOPLE[user][0].team_id)
            for team in (A, B):
                if found == team.channel:
                    about.add(team.team_id)
    return about


@pytest.fixture
def world(any_db_url: str) -> Iterator[World]:
    slack = FakeSlack(granted=granted_bot_scopes()).start()
    for user, (team, name) in SLACK_PEOPLE.items():
        slack.add_user(user, name, team=team.team_id)
    for team in (A, B):
        slack.channel_members[team.channel] = [
            *(u for u, (t, _) in SLACK_PEOPLE.items() if t == team),
            team.bot_user,
        ]
    with serving(
        World,
        slack,
        any_db_url,
        slack_signing_secret=SECRET,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
    ) as world:
        yield world


def link(world: World, code_from: str) -> str:
    given = world.say(code_from, "link")
    found = CODE.search(given)
    assert found, given
    return found.group(0)


def intake(world: World) -> None:
    for user in SLACK_PEOPLE:
        for answer in (ORGANISATIONS[user], "Nurse", "Mrs J. at home", "Listening", "-"):
            world.dm(user, answer)
    for user in TEAMS_PEOPLE:
        for answer in (ORGANISATIONS[user], "Social worker", "Mr K. alone", "Asking", "-"):
            assert world.teams.dm(user, answer) == 200


def buddy_pairs(world: World) -> list[frozenset[str]]:
    ids = world.member_ids()
    with world.bot.factory() as session:
        groups: dict[int, set[str]] = {}
        rows = session.execute(
            select(BuddyGroupMember.group_id, BuddyGroupMember.member_id).join(
                BuddyGroup, BuddyGroup.id == BuddyGroupMember.group_id
            )
        )
        for group_id, member_id in rows:
            groups.setdefault(group_id, set()).add(ids[member_id])
    return [frozenset(g) for g in groups.values()]


def place_of(user: str) -> str:
    return SLACK_PEOPLE[user][0].team_id if user in SLACK_PEOPLE else "teams"


def test_one_community_in_two_slack_workspaces_and_teams(world: World) -> None:
    slack, teams = world.slack, world.teams

    # An admin of each organisation installs copbot in their own workspace with one click.
    assert world.install(GRANT_A, code="code-a").startswith("200")
    assert world.install(GRANT_B, code="code-b").startswith("200")
    assert {c.args["code"] for c in slack.of("oauth.v2.access")} == {"code-a", "code-b"}

    # The community starts in A's channel; Bob joins there.
    assert "Test CoP" in world.say("UANN", "setup Test CoP")
    assert "Saved" in world.say("UANN", f"config {CONFIG}")
    assert "Welcome" in world.say("UBOB", "join")

    # Ann's code brings B's channel in (Bea types it there), another one the Teams channel.
    linked = world.say("UBEA", f"link {link(world, 'UANN')}")
    assert "This channel is now part of *Test CoP*" in linked, linked
    linked = teams.command("cas", f"link {link(world, 'UANN')}")
    assert "This channel is now part of *Test CoP*" in linked, linked

    # Members join from all three places: one roster.
    assert "Welcome" in world.say("UBAS", "join")
    assert "Welcome" in teams.command("dee", "join")
    # Each welcome is announced everywhere; A and B each mention only their own people.
    assert any("Welcome <@UBAS>" in p for p in world.posts_in(B))
    assert any("Welcome Bas" in p for p in world.posts_in(A))
    assert any("Welcome Dee" in p for p in world.posts_in(A) + world.posts_in(B))
    assert any("Welcome Bas" in p for p in teams.channel_texts())
    roster_a = world.say("UANN", "members")
    for shown in ("<@UANN>", "<@UBOB>", "Bea", "Bas", "Cas", "Dee"):
        assert shown in roster_a, roster_a
    roster_b = world.say("UBEA", "members")
    for shown in ("Ann", "Bob", "<@UBEA>", "<@UBAS>", "Cas", "Dee"):
        assert shown in roster_b, roster_b
    assert "<@UANN>" not in roster_b and "<@UBOB>" not in roster_b
    intake(world)

    # Facilitators, rotated in A, are announced in all three places.
    marks = (len(world.posts_in(A)), len(world.posts_in(B)), len(teams.channel_texts()))
    world.say("UANN", "rotate")
    for posted in (world.posts_in(A)[marks[0] :], world.posts_in(B)[marks[1] :]):
        assert any("facilitat" in p.lower() for p in posted), posted
    assert any("facilitat" in p.lower() for p in teams.channel_texts()[marks[2] :])

    # The check-in reaches everyone on their own platform, and is answered from each.
    world.run_due(CHECKIN)
    for user in SLACK_PEOPLE:
        assert any("Check-in for meeting 1" in d for d in world.dms_of(user)), user
    for user in TEAMS_PEOPLE:
        assert any("Check-in for meeting 1" in d for d in teams.dm_texts(user)), user
    assert "Thanks for checking in" in world.dm("UBEA", "Our intake method")
    assert "Thanks for checking in" in teams.chat("dee", "A family conversation")
    summary = world.say("UANN", "checkin summary")
    assert "Bea: Our intake method" in summary and "Dee: A family conversation" in summary

    # After the meeting: the evaluation, answered in B and in Teams, and buddies paired.
    world.run_due(AFTER_MEETING)
    asked = [d for d in world.dms_of("UBAS") if "How was meeting 1" in d]
    assert asked, world.dms_of("UBAS")
    assert "valuable" in world.dm("UBAS", "4").lower()
    pairs = buddy_pairs(world)
    assert len(pairs) == 3, pairs
    crossings = {frozenset(place_of(u) for u in pair) for pair in pairs}
    assert crossings == {
        frozenset({A.team_id, B.team_id}),
        frozenset({A.team_id, "teams"}),
        frozenset({B.team_id, "teams"}),
    }, pairs
    buddy_of = {u: next(iter(p - {u})) for p in pairs for u in p}
    names = {u: n for u, (_, n) in SLACK_PEOPLE.items()} | TEAMS_PEOPLE
    for user in SLACK_PEOPLE:
        buddy = buddy_of[user]
        told = "\n".join(world.dms_of(user))
        # Named, never a mention of someone from the other workspace.
        assert names[buddy] in told, told
        assert f"<@{buddy}>" not in told

    # Buddies write each other through copbot: Slack A and Slack B, both ways.
    a_user = next(u for u, b in buddy_of.items() if place_of(u) == A.team_id and b in SLACK_PEOPLE)
    b_user = buddy_of[a_user]
    before = len(slack.calls)
    assert "Passed on to" in world.say(a_user, "buddy Coffee on Thursday?")
    relayed = world.dms_of(b_user)[-1]
    assert f"{names[a_user]}, your buddy, writes:" in relayed and "Coffee on Thursday?" in relayed
    assert "Passed on to" in world.dm(b_user, "buddy Yes, 10:00 works")
    back = world.dms_of(a_user)[-1]
    assert f"{names[b_user]}, your buddy, writes:" in back and "Yes, 10:00 works" in back
    relay_calls = web_api(slack.calls[before:])
    assert {c.token for c in relay_calls} == {A.token, B.token}

    # Slack and Teams, both ways.
    s_user = next(u for u, b in buddy_of.items() if u in SLACK_PEOPLE and b in TEAMS_PEOPLE)
    t_user = buddy_of[s_user]
    assert "Passed on to" in world.say(s_user, "buddy I tried the kitchen table.")
    note = teams.dm_last(t_user)
    assert f"{names[s_user]}, your buddy, writes:" in note and "kitchen table" in note, note
    assert "Passed on to" in teams.chat(t_user, "buddy Tell me more")
    answer = world.dms_of(s_user)[-1]
    assert f"{names[t_user]}, your buddy, writes:" in answer and "Tell me more" in answer

    # The weekly digest goes to the three organisers (Ann in A, Bea in B, Cas in Teams) and
    # counts everyone; each copy names people as its reader's place can show them.
    world.run_due(DIGEST)
    digests = {
        user: next(d for d in reversed(world.dms_of(user)) if "Weekly digest" in d)
        for user in ("UANN", "UBEA")
    }
    digests["cas"] = next(d for d in reversed(teams.dm_texts("cas")) if "Weekly digest" in d)
    for digest in digests.values():
        assert "Members: 6 (target 20)" in digest, digest
    assert "<@UBEA>" not in digests["UANN"] and "<@UBAS>" not in digests["UANN"]
    assert "<@UANN>" not in digests["UBEA"] and "<@UBOB>" not in digests["UBEA"]
    assert "<@U" not in digests["cas"]

    # Bea unlinks B's channel: its members stay, and it hears no more of the community.
    said = world.say("UBEA", "unlink")
    assert "no longer part of *Test CoP*" in said, said
    assert any("no longer lives in" in p for p in world.posts_in(A))
    roster = world.say("UANN", "members")
    assert "Bea" in roster and "Bas" in roster, roster
    quiet = len(world.posts_in(B))
    world.say("UANN", "rotate")
    assert len(world.posts_in(B)) == quiet

    # Throughout, every Web API call spoke with the token of the workspace it was about, and
    # Slack's mention syntax never reached Teams.
    calls = web_api(slack.calls)
    assert {c.token for c in calls} == {A.token, B.token}
    for call in calls:
        own = slack.team_of_token(call.token)
        assert workspaces_of(call) <= {own}, f"{call.method} {call.args} with {own}'s token"
    mentioned: dict[str, set[str]] = {A.team_id: set(), B.team_id: set()}
    for call in calls:
        own = str(slack.team_of_token(call.token))
        # Text and blocks alike: whoever is mentioned must be someone this workspace knows.
        people = set(re.findall(r"<@(U[A-Z0-9]+)>", json.dumps(call.args)))
        assert {SLACK_PEOPLE[u][0].team_id for u in people} <= {own}, (call.method, call.args)
        mentioned[own] |= people
    assert mentioned == {A.team_id: {"UANN", "UBOB"}, B.team_id: {"UBEA", "UBAS"}}
    assert not any("<@U" in text for text in teams.channel_texts())
