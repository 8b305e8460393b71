"""Which bot token speaks to which Slack workspace.

copbot runs in one of two modes:

- **one workspace**: ``SLACK_BOT_TOKEN`` is the token for everything (``SingleToken``);
- **installable**: with ``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET`` every workspace (or
  Enterprise Grid organisation) that installs copbot through ``GET /slack/install`` gets its
  own installation, kept by slack_sdk's SQLAlchemy installation store in copbot's own database
  (``Installations``). Every Web API call then uses the token of the workspace it concerns.

Tokens that expire (token rotation switched on for the app) are refreshed with slack_sdk's
``TokenRotator`` shortly before they run out, also for the scheduler's sends: the outbox asks
``bot`` before every send, not only requests coming in. A found token is cached in the
process until it nears its expiry (and at most ``CACHE_SECONDS``), so answering a busy
workspace costs no database round trip per request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine, MetaData, desc, select

from bot.db import make_engine
from bot.settings import Settings

logger = logging.getLogger(__name__)

BOTS_TABLE = "slack_bots"
INSTALLATIONS_TABLE = "slack_installations"
STATES_TABLE = "slack_oauth_states"
# How long a found installation is trusted without asking the database again: an uninstall
# seen by another process reaches this one within this time (or at the first refused call).
CACHE_SECONDS = 300.0
# Refresh a rotating token this long before it expires (bolt's default is two hours too).
ROTATE_BEFORE_MINUTES = 120
# An "Add to Slack" click is good for this long (bolt's default).
STATE_SECONDS = 600


def register_tables(metadata: MetaData) -> MetaData:
    """Add slack_sdk's installation, bot and OAuth state tables, exactly as its SQLAlchemy
    stores define them, to ``metadata``: copbot's migration creates them with its own."""
    if BOTS_TABLE not in metadata.tables:
        SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS_TABLE)
    if INSTALLATIONS_TABLE not in metadata.tables:
        SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS_TABLE)
    if STATES_TABLE not in metadata.tables:
        SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, STATES_TABLE)
    return metadata


@dataclass(frozen=True)
class Install:
    """Whose installation a payload or a message belongs to: a workspace (``team_id``), a
    workspace of an Enterprise Grid organisation (both ids) or a whole organisation
    (``is_enterprise_install``: the organisation's id, no workspace)."""

    enterprise_id: str | None
    team_id: str | None
    is_enterprise_install: bool = False

    @property
    def known(self) -> bool:
        return bool(self.enterprise_id or self.team_id)


@dataclass(frozen=True)
class BotToken:
    token: str
    bot_user_id: str | None = None
    # The installation it belongs to, as stored (an org-wide one has no team).
    enterprise_id: str | None = None
    team_id: str | None = None


class Tokens(Protocol):
    """Finds the bot token for an installation; None where copbot is not installed."""

    single: bool

    def bot(self, install: Install) -> BotToken | None: ...

    def cached(self, install: Install) -> BotToken | None: ...

    def forget(self, install: Install) -> None: ...

    def stale(self, install: Install) -> None: ...


# What Slack answers for a token that no longer works: the next use reads the installation
# again (a reinstall gave a new token, or another process rotated it).
TOKEN_ERRORS = frozenset({"invalid_auth", "token_revoked", "token_expired", "not_authed"})


class SingleToken:
    """``SLACK_BOT_TOKEN``: one workspace, one token for every call."""

    single = True

    def __init__(self, token: str) -> None:
        self._bot = BotToken(token)

    def bot(self, install: Install) -> BotToken | None:
        return self._bot

    def cached(self, install: Install) -> BotToken | None:
        return self._bot

    def forget(self, install: Install) -> None:
        """The app was removed from the workspace; the token is the operator's to replace."""

    def stale(self, install: Install) -> None:
        """Nothing to read again: the token is SLACK_BOT_TOKEN."""


class Installations:
    """Installations in copbot's database (slack_sdk's SQLAlchemy stores), with rotation."""

    single = False

    def __init__(
        self,
        *,
        engine: Engine,
        client_id: str,
        client_secret: str,
        api_url: str,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.store = SQLAlchemyInstallationStore(
            client_id=client_id,
            engine=engine,
            bots_table_name=BOTS_TABLE,
            installations_table_name=INSTALLATIONS_TABLE,
        )
        self.state_store = SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_SECONDS, engine=engine, table_name=STATES_TABLE
        )
        self.rotator = TokenRotator(
            client_id=client_id,
            client_secret=client_secret,
            client=WebClient(base_url=api_url, timeout=15),
        )
        # Looked up at each call (not bound here), so freezegun's frozen time reaches it.
        self.clock = clock or (lambda: time.time())
        self._cache: dict[Install, tuple[float, BotToken]] = {}
        self._lock = threading.Lock()

    # -- finding --------------------------------------------------------------------------
    def cached(self, install: Install) -> BotToken | None:
        """The token if this process found it recently and it is not about to expire."""
        with self._lock:
            found = self._cache.get(install)
        if found is None or found[0] <= self.clock():
            return None
        return found[1]

    def bot(self, install: Install) -> BotToken | None:
        """The installation's bot token, refreshed first when it expires within two hours."""
        known = self.cached(install)
        if known is not None:
            return known
        bot = self._find(install)
        if bot is None or not bot.bot_token:
            return None
        if bot.bot_refresh_token:
            bot = self._rotated(bot)
            if bot is None:
                return None
        token = BotToken(
            str(bot.bot_token),
            bot.bot_user_id,
            enterprise_id=bot.enterprise_id,
            team_id=bot.team_id,
        )
        until = self.clock() + CACHE_SECONDS
        if bot.bot_token_expires_at is not None:
            # Asked again (and so rotated) once it enters the last two hours of its life.
            until = min(until, bot.bot_token_expires_at - ROTATE_BEFORE_MINUTES * 60)
        with self._lock:
            self._cache[install] = (until, token)
        return token

    def _find(self, install: Install) -> Bot | None:
        """The newest bot of the workspace, else of its organisation's org-wide install."""
        store = self.store
        if install.team_id and not install.is_enterprise_install:
            bot = store.find_bot(enterprise_id=install.enterprise_id, team_id=install.team_id)
            if bot is not None:
                return bot
            if install.enterprise_id is None:
                # A workspace of a Grid organisation, known here by its team alone (an
                # outbox row keeps only the workspace).
                bot = self._by_team(install.team_id)
                if bot is not None:
                    return bot
        if install.enterprise_id:
            return store.find_bot(
                enterprise_id=install.enterprise_id, team_id=None, is_enterprise_install=True
            )
        return None

    def _by_team(self, team_id: str) -> Bot | None:
        bots = self.store.bots
        query = (
            select(bots)
            .where(
                bots.c.client_id == self.store.client_id,
                bots.c.team_id == team_id,
                bots.c.bot_token.is_not(None),
            )
            .order_by(desc(bots.c.installed_at))
            .limit(1)
        )
        with self.store.engine.connect() as conn:
            row: Any = conn.execute(query).mappings().first()
        return None if row is None else SQLAlchemyInstallationStore.build_bot_entity(row)

    def _rotated(self, bot: Bot) -> Bot | None:
        try:
            refreshed = self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_BEFORE_MINUTES
            )
        except SlackTokenRotationError as exc:
            # A refresh token Slack no longer accepts: the installation is gone in effect.
            logger.error(
                "slack: refreshing the token of %s/%s failed: %s",
                bot.enterprise_id,
                bot.team_id,
                exc,
            )
            return None
        if refreshed is None:
            return bot
        self.store.save_bot(refreshed)
        logger.info("slack: rotated the bot token of %s/%s", bot.enterprise_id, bot.team_id)
        return refreshed

    def stale(self, install: Install) -> None:
        """Slack refused the cached token: read the installation again at the next use."""
        with self._lock:
            for key in [k for k, (_, v) in self._cache.items() if _same(k, v, install)]:
                del self._cache[key]

    # -- removing -------------------------------------------------------------------------
    def forget(self, install: Install) -> None:
        """The app was uninstalled or its tokens revoked: the installation's tokens go."""
        team = None if install.is_enterprise_install else install.team_id
        self.store.delete_bot(enterprise_id=install.enterprise_id, team_id=team)
        self.store.delete_installation(enterprise_id=install.enterprise_id, team_id=team)
        self.stale(install)
        logger.info("slack: removed the installation of %s/%s", install.enterprise_id, team)


def tokens_from(settings: Settings, *, engine: Engine | None = None) -> Tokens:
    """The mode ``settings`` ask for: installations when the app's client id and secret are
    set, else the one ``SLACK_BOT_TOKEN``."""
    if settings.slack_client_id and settings.slack_client_secret:
        if settings.slack_bot_token:
            logger.warning(
                "slack: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set, so every workspace uses "
                "the token of its own installation; SLACK_BOT_TOKEN is not used"
            )
        return Installations(
            engine=engine or make_engine(settings.database_url),
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            api_url=settings.slack_api_url,
        )
    return SingleToken(settings.slack_bot_token or "")


def _same(key: Install, token: BotToken, gone: Install) -> bool:
    if key == gone:
        return True
    if gone.is_enterprise_install or not gone.team_id:
        return token.enterprise_id == gone.enterprise_id and token.team_id is None
    return token.team_id == gone.team_id
