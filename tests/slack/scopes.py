"""Which OAuth scope each Slack Web API method and event copbot uses needs, and the manifests.

The table is the single place the Slack manifests are checked against: the fake Web API
refuses a method whose scope the manifest does not grant (``missing_scope``, as Slack does),
every test's fake checks at teardown that it saw no method missing from this table, and
``test_manifest`` checks that the manifests declare exactly these scopes (least privilege)
and that every Web API call in ``adapters/slack`` is listed.
Scopes from https://api.slack.com/methods and https://api.slack.com/events.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

import adapters.slack

# Bot-token methods -> the bot scopes copbot needs for its use of them (all of them).
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "auth.test": frozenset(),
    "chat.postMessage": frozenset({"chat:write"}),
    "chat.postEphemeral": frozenset({"chat:write"}),
    # copbot only opens DMs; channels:manage / groups:write / mpim:write are not needed.
    "conversations.open": frozenset({"im:write"}),
    # members sync in a public (channels:read) or private (groups:read) channel.
    "conversations.members": frozenset({"channels:read", "groups:read"}),
    "users.info": frozenset({"users:read"}),
    # only in DMs: a send resumed after a crash looks for its own message first.
    "conversations.history": frozenset({"im:history"}),
    "views.open": frozenset(),
    "views.publish": frozenset(),
    "files.getUploadURLExternal": frozenset({"files:write"}),
    "files.completeUploadExternal": frozenset({"files:write"}),
    # waiting until an uploaded chart or map is processed before showing it.
    "files.info": frozenset({"files:read"}),
}
# Methods called with the app-level token (xapp-), whose scope is chosen when the token is
# generated, not in the manifest.
APP_TOKEN_METHODS: dict[str, str] = {"apps.connections.open": "connections:write"}
EVENT_SCOPES: dict[str, frozenset[str]] = {
    "message.im": frozenset({"im:history"}),
    "app_mention": frozenset({"app_mentions:read"}),
    "app_home_opened": frozenset(),
    # Lifecycle: the app removed, people joining and leaving channels, channels archived,
    # deleted or given a new id, accounts deactivated or changed.
    "app_uninstalled": frozenset(),
    "tokens_revoked": frozenset(),
    "member_joined_channel": frozenset({"channels:read", "groups:read"}),
    "member_left_channel": frozenset({"channels:read", "groups:read"}),
    "channel_left": frozenset({"channels:read"}),
    "group_left": frozenset({"groups:read"}),
    "channel_archive": frozenset({"channels:read"}),
    "group_archive": frozenset({"groups:read"}),
    "channel_unarchive": frozenset({"channels:read"}),
    "group_unarchive": frozenset({"groups:read"}),
    "channel_deleted": frozenset({"channels:read"}),
    "group_deleted": frozenset({"groups:read"}),
    "channel_id_changed": frozenset({"channels:read", "groups:read"}),
    "user_change": frozenset({"users:read"}),
}
SLASH_COMMAND_SCOPE = "commands"
# What the fake records that is not a Web API method.
NOT_WEB_API = frozenset({"response_url", "upload", "socket_ack"})

# slack_sdk client methods that are not one Web API method of the same name.
COMPOSITE_CALLS: dict[str, tuple[str, ...]] = {
    "files_upload_v2": ("files.getUploadURLExternal", "files.completeUploadExternal"),
}

MANIFESTS = ("manifest.yml", "manifest-socket.yml")


def manifest_path(name: str) -> Path:
    return Path(adapters.slack.__file__).parent / name


@cache
def manifest(name: str = "manifest.yml") -> dict[str, Any]:
    data = yaml.safe_load(manifest_path(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def granted_bot_scopes(name: str = "manifest.yml") -> frozenset[str]:
    return frozenset(manifest(name)["oauth_config"]["scopes"]["bot"])


def needed_bot_scopes() -> frozenset[str]:
    """Every bot scope the table says copbot needs, nothing more."""
    needed = {SLASH_COMMAND_SCOPE}
    for scopes in (*METHOD_SCOPES.values(), *EVENT_SCOPES.values()):
        needed |= scopes
    return frozenset(needed)


def uncovered(methods: set[str], granted: frozenset[str]) -> dict[str, str]:
    """The methods among ``methods`` a token with ``granted`` could not call, and why."""
    problems: dict[str, str] = {}
    for method in sorted(methods - NOT_WEB_API - set(APP_TOKEN_METHODS)):
        if method not in METHOD_SCOPES:
            problems[method] = "not in tests/slack/scopes.py METHOD_SCOPES"
        elif missing := METHOD_SCOPES[method] - granted:
            problems[method] = f"manifest lacks {sorted(missing)}"
    return problems
