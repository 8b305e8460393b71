"""Process settings from the environment (DESIGN.md §4). Read once, in ``from_env``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///copbot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 3000
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    # Installable in any workspace (OAuth v2): the app's credentials from "Basic Information".
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = None
    microsoft_app_tenant_id: str | None = None
    teams_dev_mode: bool = False
    tick_seconds: int = 30
    worker_id: str = "copbot"
    # Where people reach this copbot from outside (its calendar feeds): https://cop.example.org
    public_url: str | None = None
    # Processes that handle stored inputs beside ``copbot serve`` (PostgreSQL): the serving
    # processes then only store and acknowledge what they can hand on (``--handlers``).
    handlers: int = 0

    @property
    def slack_installable(self) -> bool:
        """Each workspace installs copbot through /slack/install and has its own token in the
        database; SLACK_BOT_TOKEN is then not used. (Sending needs only these two.)"""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def slack_oauth_enabled(self) -> bool:
        """The install pages and /slack/events in installable mode."""
        return self.slack_installable and bool(self.slack_signing_secret)

    @property
    def slack_enabled(self) -> bool:
        return bool(
            self.slack_signing_secret and (self.slack_bot_token or self.slack_oauth_enabled)
        )

    @property
    def teams_enabled(self) -> bool:
        return bool(self.microsoft_app_id) or self.teams_dev_mode

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def opt(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        return cls(
            database_url=opt("COPBOT_DATABASE_URL") or DEFAULT_DATABASE_URL,
            host=opt("COPBOT_HOST") or "127.0.0.1",
            port=int(opt("COPBOT_PORT") or 3000),
            slack_bot_token=opt("SLACK_BOT_TOKEN"),
            slack_signing_secret=opt("SLACK_SIGNING_SECRET"),
            slack_app_token=opt("SLACK_APP_TOKEN"),
            slack_client_id=opt("SLACK_CLIENT_ID"),
            slack_client_secret=opt("SLACK_CLIENT_SECRET"),
            slack_api_url=opt("SLACK_API_URL") or DEFAULT_SLACK_API_URL,
            microsoft_app_id=opt("MICROSOFT_APP_ID"),
            microsoft_app_password=opt("MICROSOFT_APP_PASSWORD"),
            microsoft_app_tenant_id=opt("MICROSOFT_APP_TENANT_ID"),
            teams_dev_mode=opt("COPBOT_TEAMS_DEV_MODE") in ("1", "true", "yes"),
            tick_seconds=int(opt("COPBOT_TICK_SECONDS") or 30),
            worker_id=opt("COPBOT_WORKER_ID") or f"copbot-{os.getpid()}",
            public_url=opt("COPBOT_PUBLIC_URL"),
            handlers=int(opt("COPBOT_HANDLERS") or 0),
        )
