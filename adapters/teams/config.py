"""Which Teams mode the settings allow: authenticated, development, or none (and why).

Deliberately free of botbuilder imports: ``copbot serve`` asks this before it decides to load
the adapter, and the answer must be the same for the web endpoint and a standalone scheduler.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings

NOT_CONFIGURED = (
    "Teams endpoint NOT enabled: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (and "
    "MICROSOFT_APP_TENANT_ID for a single-tenant bot), or COPBOT_TEAMS_DEV_MODE=1 to try it "
    "locally without authentication. See docs/TEAMS.md."
)
NO_APP_ID = (
    "Teams endpoint NOT enabled: {present} set but MICROSOFT_APP_ID is not. Without the app id "
    "copbot cannot check that requests really come from the Bot Framework, so it will not accept "
    "them. Set MICROSOFT_APP_ID (or, for local testing only, COPBOT_TEAMS_DEV_MODE=1)."
)
NO_PASSWORD = (
    "Teams endpoint NOT enabled: MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not. "
    "copbot needs the app's client secret to answer in Teams; see docs/TEAMS.md."
)
DEV_MODE_IGNORED = (
    "COPBOT_TEAMS_DEV_MODE is ignored: MICROSOFT_APP_ID is set, so every Teams request is "
    "authenticated."
)


class TeamsNotConfigured(RuntimeError):
    """Teams cannot run safely with these settings; the message says what to set."""


@dataclass(frozen=True)
class TeamsCredentials:
    """What the adapter runs with. No app id means development mode (no authentication)."""

    app_id: str | None
    app_password: str | None
    tenant_id: str | None

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    @property
    def bot_id(self) -> str | None:
        # Teams addresses a bot as '28:<app id>'; needed to open 1:1 chats nobody started.
        return f"28:{self.app_id}" if self.app_id else None


def teams_requested(settings: Settings) -> bool:
    """True when any Teams setting is present: then a refusal must be explained loudly."""
    return bool(
        settings.microsoft_app_id
        or settings.microsoft_app_password
        or settings.microsoft_app_tenant_id
        or settings.teams_dev_mode
    )


def teams_credentials(settings: Settings) -> TeamsCredentials:
    """The credentials to run Teams with, or ``TeamsNotConfigured`` saying what is missing."""
    app_id = settings.microsoft_app_id
    if app_id:
        if not settings.microsoft_app_password:
            raise TeamsNotConfigured(NO_PASSWORD)
        return TeamsCredentials(
            app_id, settings.microsoft_app_password, settings.microsoft_app_tenant_id
        )
    if settings.teams_dev_mode:
        return TeamsCredentials(None, None, None)
    present = [
        name
        for name, value in (
            ("MICROSOFT_APP_PASSWORD", settings.microsoft_app_password),
            ("MICROSOFT_APP_TENANT_ID", settings.microsoft_app_tenant_id),
        )
        if value
    ]
    if present:
        verb = "is" if len(present) == 1 else "are"
        raise TeamsNotConfigured(NO_APP_ID.format(present=f"{' and '.join(present)} {verb}"))
    raise TeamsNotConfigured(NOT_CONFIGURED)


def teams_refusal(settings: Settings) -> str | None:
    """Why Teams will not run with these settings, or None when it will."""
    try:
        teams_credentials(settings)
    except TeamsNotConfigured as exc:
        return str(exc)
    return None
