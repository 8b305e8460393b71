"""The Slack app manifests: least-privilege scopes derived from what the adapter calls, the
events and features copbot handles, and the limits of Slack's manifest schema."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.web.base_client import BaseClient

import adapters.slack
from adapters.slack.events import EVENT_TYPES
from tests.slack.scopes import (
    COMPOSITE_CALLS,
    EVENT_SCOPES,
    MANIFESTS,
    METHOD_SCOPES,
    granted_bot_scopes,
    manifest,
    needed_bot_scopes,
)

URL = "https://YOUR-HOST/slack/events"


def web_api_methods_called_in(folder: Path) -> dict[str, set[str]]:
    """Web API methods the code calls through slack_sdk clients, with the files calling them.

    A call counts when its attribute name is a Web API method of slack_sdk's client
    (``client.chat_postMessage(...)`` -> ``chat.postMessage``)."""
    api = set(dir(WebClient)) - set(dir(BaseClient))
    found: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            if name not in api:
                continue
            for method in COMPOSITE_CALLS.get(name, (name.replace("_", "."),)):
                found.setdefault(method, set()).add(path.name)
    return found


def test_every_web_api_call_of_the_adapter_has_its_scopes_listed() -> None:
    called = web_api_methods_called_in(Path(adapters.slack.__file__).parent)
    assert {"chat.postMessage", "users.info", "conversations.open"} <= set(called)
    assert set(called) - set(METHOD_SCOPES) == set(), "add these to tests/slack/scopes.py"
    # A method the code no longer calls must not keep a scope alive either.
    assert set(METHOD_SCOPES) - set(called) == set(), "stale entries in METHOD_SCOPES"


@pytest.mark.parametrize("name", MANIFESTS)
def test_the_manifest_asks_for_exactly_the_scopes_copbot_needs(name: str) -> None:
    granted = granted_bot_scopes(name)
    assert sorted(granted - needed_bot_scopes()) == [], "scopes nothing uses (least privilege)"
    assert sorted(needed_bot_scopes() - granted) == [], "scopes copbot needs"
    assert "user" not in manifest(name)["oauth_config"]["scopes"], "copbot has no user token"


@pytest.mark.parametrize("name", MANIFESTS)
def test_the_manifest_has_the_command_events_interactivity_and_home(name: str) -> None:
    data = manifest(name)
    features = data["features"]
    (cop,) = features["slash_commands"]
    assert cop["command"] == "/cop"
    assert "help" in cop["usage_hint"] and "setup" in cop["usage_hint"]
    # Escaped mentions arrive as <@U123|name>, the form copbot resolves.
    assert cop["should_escape"] is True
    assert features["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,  # members answer prompts in the DM
    }
    assert features["bot_user"]["display_name"] == "copbot"
    settings = data["settings"]
    assert sorted(settings["event_subscriptions"]["bot_events"]) == sorted(EVENT_SCOPES)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["token_rotation_enabled"] is False  # copbot keeps one bot token


def test_copbot_subscribes_to_exactly_the_events_it_handles() -> None:
    """Every event in the adapter's table is subscribed to, and nothing else: a subscription
    copbot ignores costs Slack deliveries, a missing one silently loses the event."""
    handled = {
        "message.im" if key == "event message" else key.removeprefix("event ")
        for key in EVENT_TYPES
        if key.startswith("event ")
    }
    assert handled == set(EVENT_SCOPES)


def urls_in(value: Any) -> list[tuple[str, str]]:
    """Every (key, value) pair anywhere in the manifest whose key names a URL."""
    if isinstance(value, dict):
        pairs = [(k, str(v)) for k, v in value.items() if k in ("url", "request_url")]
        return pairs + [p for v in value.values() for p in urls_in(v)]
    if isinstance(value, list):
        return [p for v in value for p in urls_in(v)]
    return []


def test_http_manifest_sends_everything_to_the_one_endpoint() -> None:
    data = manifest("manifest.yml")
    assert data["settings"]["socket_mode_enabled"] is False
    urls = urls_in(data)
    # The slash command, the events and interactivity: the one URL of the running contract.
    assert len(urls) == 3 and {u for _, u in urls} == {URL}


def test_socket_manifest_is_the_same_app_without_urls() -> None:
    http, socket = manifest("manifest.yml"), manifest("manifest-socket.yml")
    assert socket["settings"]["socket_mode_enabled"] is True
    assert urls_in(socket) == []
    # Installing through /slack/install needs copbot's public address: not in Socket Mode.
    assert "redirect_urls" not in socket["oauth_config"]

    def without_transport(data: dict[str, Any]) -> Any:
        def strip(value: Any) -> Any:
            if isinstance(value, dict):
                return {
                    k: strip(v)
                    for k, v in value.items()
                    if k not in ("url", "request_url", "socket_mode_enabled", "redirect_urls")
                }
            if isinstance(value, list):
                return [strip(v) for v in value]
            return value

        return strip(data)

    assert without_transport(http) == without_transport(socket)


@pytest.mark.parametrize("name", MANIFESTS)
def test_the_manifest_keeps_within_slacks_schema_limits(name: str) -> None:
    """The limits of Slack's manifest schema (v1) that a paste would otherwise fail on."""
    data = manifest(name)
    assert set(data) <= {"_metadata", "display_information", "features", "oauth_config", "settings"}
    info = data["display_information"]
    assert 1 <= len(info["name"]) <= 35
    assert 1 <= len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    assert len(info["background_color"]) in (4, 7) and info["background_color"].startswith("#")
    assert set(data["features"]) <= {"app_home", "bot_user", "slash_commands", "shortcuts"}
    assert 1 <= len(data["features"]["bot_user"]["display_name"]) <= 80
    for command in data["features"]["slash_commands"]:
        assert set(command) <= {"command", "url", "description", "usage_hint", "should_escape"}
        assert command["command"].startswith("/") and 2 <= len(command["command"]) <= 32
        assert 1 <= len(command["description"]) <= 2000
        assert 1 <= len(command["usage_hint"]) <= 1000
    assert set(data["settings"]) <= {
        "event_subscriptions",
        "interactivity",
        "org_deploy_enabled",
        "socket_mode_enabled",
        "token_rotation_enabled",
    }
    assert set(data["settings"]["interactivity"]) <= {"is_enabled", "request_url"}
    assert all(len(scope) <= 50 for scope in granted_bot_scopes(name))
