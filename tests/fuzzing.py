"""Hypothesis strategies for what reaches copbot's two HTTP endpoints: Slack requests (events,
slash commands, interactivity; signed, unsigned, forged, with odd timestamps) and Teams
activities (every type, every field of the wrong shape, bodies that are not JSON).

Shared by the fuzz suite in ``make test`` (``tests/test_fuzz_endpoints.py``) and the long run
against a live ``copbot serve`` (``scripts/fuzz``). Shapes follow the platforms' payloads closely
enough to reach deep into the adapters; values wander off into everything a field could hold.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

JSON = dict[str, Any]

# -- values -------------------------------------------------------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
odd_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00", "before\x00after", "\ud800", "<@UBOT>", "payload", "é" * 300,
                     "x" * 5000, "<at>copbot</at>", "&amp;", "{{}}", "%s", "'; drop table x;--"]),
)  # fmt: skip
slack_users = st.one_of(
    st.sampled_from(["UANN", "UBOB", "UCAT", "UDAN", "UZED", "UBOT", "USLACKBOT", "W111", ""]),
    odd_text,
    json_values,
)
slack_channels = st.one_of(
    st.sampled_from(["C0COP", "C0OTHER", "DANN", "D0COLLEAGUES", "G0PRIVATE", ""]),
    odd_text,
    json_values,
)
cop_texts = st.one_of(
    st.sampled_from([
        "help", "status", "join", "leave", "members", "members sync", "setup Fuzz CoP",
        "config lang=en start=2027-01-14", "config question=\"why?\"", "log fuzz", "goal fuzz",
        "schedule", "schedule add 2027-03-03 10:00", "schedule cancel 99999999999999999999",
        "role <@UBOB> facilitator", "my-data", "forget-me", "results 0", "swap 1 <@UANN> <@UBOB>",
        "theme 1 \"x\"", "pause 2027-07-10 2027-08-20 Zomer", "language nl", "away until 2099-01-01",
    ]),
    odd_text,
)  # fmt: skip


# -- Slack --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlackRequest:
    body: bytes
    content_type: str
    signing: str  # valid | unsigned | wrong | stale | odd-timestamp

    @property
    def signed(self) -> bool:
        return self.signing == "valid"


SLACK_EVENTS = [
    "message", "app_mention", "app_home_opened", "member_joined_channel", "member_left_channel",
    "channel_archive", "channel_unarchive", "channel_deleted", "channel_id_changed",
    "channel_left", "group_archive", "user_change", "app_uninstalled", "tokens_revoked",
    "reaction_added",
]  # fmt: skip


@st.composite
def slack_event(draw: st.DrawFn) -> JSON:
    event: JSON = {"type": draw(st.sampled_from(SLACK_EVENTS) | odd_text)}
    for key, values in (
        ("user", slack_users | st.builds(lambda u: {"id": u, "deleted": True}, slack_users)),
        ("channel", slack_channels),
        ("text", cop_texts),
        ("channel_type", st.sampled_from(["im", "channel", "group", "mpim", ""]) | json_values),
        ("subtype", st.sampled_from(["file_share", "thread_broadcast", "bot_message"]) | odd_text),
        ("tab", st.sampled_from(["home", "messages"]) | json_values),
        ("bot_id", st.sampled_from(["B1"]) | json_values),
        ("tokens", json_values),
        ("old_channel_id", slack_channels),
        ("new_channel_id", slack_channels),
    ):
        if draw(st.booleans()):
            event[key] = draw(values)
    body: JSON = {"type": draw(st.sampled_from(["event_callback"]) | odd_text),
                  "event": event if draw(st.integers(0, 9)) else draw(json_values)}  # fmt: skip
    for key, values in (
        ("team_id", st.sampled_from(["T0001", "T0002", ""]) | json_values),
        ("event_id", st.text(min_size=1, max_size=12) | json_values),
        ("authorizations", st.lists(st.fixed_dictionaries(
            {"user_id": slack_users, "is_bot": st.booleans()}), max_size=2) | json_values),
    ):  # fmt: skip
        if draw(st.booleans()):
            body[key] = draw(values)
    return body


@st.composite
def slack_command(draw: st.DrawFn, response_url: str) -> JSON:
    fields: JSON = {"command": draw(st.sampled_from(["/cop", "/other"]) | odd_text)}
    for key, values in (
        ("text", cop_texts),
        ("user_id", slack_users),
        ("channel_id", slack_channels),
        ("channel_name", st.sampled_from(["cop", "directmessage", "mpdm-a--b-1", "payload"])
         | odd_text),
        ("team_id", st.sampled_from(["T0001", ""]) | odd_text),
        ("response_url", st.sampled_from([response_url, "not a url", "http://", "ftp://x"])),
        ("trigger_id", odd_text),
    ):  # fmt: skip
        if draw(st.integers(0, 5)):
            fields[key] = draw(values)
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}


@st.composite
def slack_interactive(draw: st.DrawFn, response_url: str) -> JSON:
    kind = draw(st.sampled_from(["block_actions", "view_submission", "shortcut", "view_closed"])
                | odd_text)  # fmt: skip
    payload: JSON = {"type": kind}
    for key, values in (
        ("user", st.builds(lambda u: {"id": u}, slack_users) | json_values),
        ("team", st.builds(lambda t: {"id": t}, st.sampled_from(["T0001", ""])) | json_values),
        ("channel", st.builds(lambda c: {"id": c}, slack_channels) | slack_channels),
        ("container", st.builds(lambda c: {"channel_id": c}, slack_channels) | json_values),
        ("actions", st.lists(st.fixed_dictionaries({
            "action_id": st.sampled_from(["member.join", "prompt.answer", "prompt.form",
                                          "reach.leave", "reach.stay", "swap.confirm"]) | odd_text,
            "value": odd_text | st.integers().map(str)}), max_size=2) | json_values),
        ("view", st.fixed_dictionaries({"callback_id": st.sampled_from(["copbot.form"]) | odd_text,
                                        "private_metadata": odd_text | st.just('{"a":"prompt.submit","v":"1"}'),
                                        "state": json_values}) | json_values),
        ("response_url", st.sampled_from([response_url, "not a url", ""])),
        ("trigger_id", odd_text),
    ):  # fmt: skip
        if draw(st.integers(0, 4)):
            payload[key] = draw(values)
    return payload


@st.composite
def slack_requests(draw: st.DrawFn, response_url: str) -> SlackRequest:
    shape = draw(st.sampled_from(["event", "command", "interactive", "garbage"]))
    if shape == "event":
        body = json.dumps(draw(slack_event())).encode()
        content_type = "application/json"
    elif shape == "command":
        body = urlencode(draw(slack_command(response_url)), errors="surrogatepass").encode()
        content_type = "application/x-www-form-urlencoded"
    elif shape == "interactive":
        payload = draw(slack_interactive(response_url))
        raw = json.dumps(payload) if draw(st.integers(0, 9)) else draw(odd_text)
        body = urlencode({"payload": raw}, errors="surrogatepass").encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        body = draw(st.binary(max_size=300) | st.just(b"[" * 5000) | st.just(b"payload=%7B"))
        content_type = draw(st.sampled_from(["application/json",
                                             "application/x-www-form-urlencoded", "text/plain"]))  # fmt: skip
    signing = draw(st.sampled_from(["valid", "valid", "valid", "unsigned", "wrong", "stale",
                                    "odd-timestamp"]))  # fmt: skip
    return SlackRequest(body, content_type, signing)


# -- Teams --------------------------------------------------------------------------------
TEAMS_TYPES = ["message", "invoke", "conversationUpdate", "installationUpdate", "typing",
               "messageReaction", "event", "endOfConversation"]  # fmt: skip
teams_ids = st.one_of(
    st.sampled_from(["29:ann", "29:bob", "29:zed", "28:copbot-app", "", "a:29:ann",
                     "19:general@thread.tacv2", "19:other@thread.v2", "19:x@thread.skype;messageid=1"]),
    odd_text,
)  # fmt: skip


@st.composite
def teams_activities(draw: st.DrawFn, service_url: str) -> bytes:
    if not draw(st.integers(0, 14)):
        return draw(st.binary(max_size=200) | st.just(b"[" * 5000) | st.just(b"{" * 3000))
    account = st.fixed_dictionaries({"id": teams_ids}, optional={"name": odd_text}) | json_values
    activity: JSON = {"type": draw(st.sampled_from(TEAMS_TYPES) | odd_text)}
    for key, values in (
        ("serviceUrl", st.sampled_from([service_url, "not a url", "http://127.0.0.1:1",
                                        "http://127.0.0.1:abc/", ""]) | json_values),
        ("conversation", st.fixed_dictionaries({"id": teams_ids}, optional={
            "conversationType": st.sampled_from(["personal", "channel", "groupChat"]) | odd_text,
            "isGroup": st.booleans() | json_values, "tenantId": odd_text}) | json_values),
        ("from", account),
        ("recipient", account),
        ("id", odd_text | json_values),
        ("text", cop_texts),
        ("locale", st.sampled_from(["nl-NL", "en-US"]) | json_values),
        ("value", st.fixed_dictionaries({"copbot_action": st.sampled_from(
            ["member.join", "prompt.answer", "reach.leave"]) | odd_text,
            "copbot_value": odd_text}) | json_values),
        ("name", st.sampled_from(["adaptiveCard/action", "fileConsent/invoke"]) | odd_text),
        ("action", st.sampled_from(["add", "remove", "add-upgrade"]) | json_values),
        ("membersAdded", st.lists(account, max_size=3) | json_values),
        ("membersRemoved", st.lists(account, max_size=3) | json_values),
        ("entities", st.lists(st.fixed_dictionaries({"type": st.sampled_from(
            ["mention", "clientInfo"]) | odd_text}, optional={"mentioned": account,
            "text": odd_text, "timezone": odd_text}), max_size=3) | json_values),
        ("channelData", st.fixed_dictionaries({}, optional={
            "team": st.fixed_dictionaries({"id": teams_ids}) | json_values,
            "channel": st.fixed_dictionaries({"id": teams_ids}) | json_values,
            "tenant": json_values,
            "eventType": st.sampled_from(["teamDeleted", "teamArchived", "channelDeleted",
                                          "teamrestored", "channelRestored"]) | odd_text}) | json_values),
    ):  # fmt: skip
        if draw(st.integers(0, 3)):
            activity[key] = draw(values)
    return json.dumps(activity).encode()


def slack_headers(request: SlackRequest, secret: str, now: int) -> dict[str, str]:
    """The signature headers for ``request.signing`` (Slack's scheme: HMAC-SHA256 of
    ``v0:<timestamp>:<body>``)."""
    import hashlib
    import hmac

    def signed(key: str, stamp: str) -> dict[str, str]:
        digest = hmac.new(key.encode(), b"v0:" + stamp.encode() + b":" + request.body,
                          hashlib.sha256).hexdigest()  # fmt: skip
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}

    headers = {"Content-Type": request.content_type}
    if request.signing == "valid":
        headers |= signed(secret, str(now))
    elif request.signing == "wrong":
        headers |= signed("not-the-secret", str(now))
    elif request.signing == "stale":
        headers |= signed(secret, str(now - 400))
    elif request.signing == "odd-timestamp":
        headers |= signed(secret, f"{now}.0")
    return headers


# -- the suite's settings and its log watch ------------------------------------------------
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,  # the same requests every run: a failure in CI is a failure locally
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


class Failures(logging.Handler):
    """Every log record at error level or carrying a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@contextmanager
def failures_logged() -> Iterator[Failures]:
    handler = Failures()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
