"""Names, timezones and languages of Slack users, from users.info, cached per process."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.installs import Install
from adapters.slack.sender import api_error
from adapters.slack.translate import PLATFORM
from bot.context import Actor
from bot.i18n import LANGS

logger = logging.getLogger(__name__)

TTL_SECONDS = 15 * 60


@dataclass(frozen=True)
class Profile:
    user_id: str
    display_name: str | None
    tz: str | None
    lang: str | None
    is_human: bool
    # The person's own workspace and organisation (another one for an external member of
    # a Slack Connect channel).
    team_id: str | None = None
    enterprise_id: str | None = None


def lang_of_locale(locale: str) -> str | None:
    """'nl-NL' -> 'nl'; a language copbot does not speak -> None."""
    lang = locale.split("-")[0].lower() if locale else None
    return lang if lang in LANGS else None


def profile_from(user: dict[str, Any]) -> Profile:
    info = user.get("profile") or {}
    # The profile's names only: ``name`` is the legacy lowercase handle ("farid"), which
    # people do not call each other by. Without a name the core shows the user id.
    name = info.get("display_name") or info.get("real_name") or user.get("real_name")
    lang = lang_of_locale(str(user.get("locale") or ""))
    human = not (
        user.get("is_bot")
        or user.get("deleted")
        or user.get("is_app_user")
        or user.get("id") == "USLACKBOT"
    )
    return Profile(
        user_id=str(user.get("id", "")),
        display_name=str(name or "").strip() or None,
        tz=user.get("tz") or None,
        lang=lang,
        is_human=human,
        team_id=str(user.get("team_id") or "") or None,
        enterprise_id=str((user.get("enterprise_user") or {}).get("enterprise_id") or "") or None,
    )


class UserDirectory:
    """users.info with a TTL cache: a busy channel would otherwise ask for the same people
    on every message and run into Slack's rate limits."""

    def __init__(
        self,
        *,
        ttl: float = TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.monotonic = monotonic
        self._cache: dict[str, tuple[float, Profile]] = {}

    async def profile(self, user_id: str, client: AsyncWebClient) -> Profile:
        """The person's profile, asked with ``client``: the token of the workspace the person
        was seen in (users.info answers for people of other organisations in a shared
        channel too)."""
        cached = self._cache.get(user_id)
        if cached is not None and self.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            response = await client.users_info(user=user_id, include_locale=True)
            profile = profile_from(dict(response.get("user") or {}))
        except SlackApiError as exc:
            # Without a name the core falls back to the user id; the command still works.
            logger.warning("users.info for %s failed: %s", user_id, api_error(exc))
            return Profile(user_id, None, None, None, True)
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("users.info for %s failed: %r", user_id, exc)
            return Profile(user_id, None, None, None, True)
        self._cache[user_id] = (self.monotonic(), profile)
        return profile

    def cached_lang(self, user_id: str) -> str | None:
        """The person's language if their profile is known already (no Slack call)."""
        cached = self._cache.get(user_id)
        return cached[1].lang if cached is not None else None

    def forget(self, user_id: str) -> None:
        """Their profile changed (user_change): the next look-up asks Slack again."""
        self._cache.pop(user_id, None)

    async def actor(
        self,
        user_id: str,
        client: AsyncWebClient,
        *,
        dm_channel: str | None = None,
        where: Where | None = None,
    ) -> Actor:
        profile = await self.profile(user_id, client)
        if where is not None and where.user_team is None:
            # The payload did not say (a person of a Grid organisation is named by their
            # organisation only): users.info knows their workspace.
            where = Where(
                where.install, profile.team_id, where.user_enterprise or profile.enterprise_id
            )
        return actor_from(user_id, profile, dm_channel=dm_channel, where=where)


@dataclass(frozen=True)
class Where:
    """Through which installation copbot met a person, and the person's own workspace when
    it is another one (a member of a Slack Connect channel from another organisation)."""

    install: Install
    user_team: str | None = None
    user_enterprise: str | None = None


def address_of(dm_channel: str | None, where: Where | None) -> dict[str, str] | None:
    """What the sender needs to reach the person again: their DM channel (it saves a
    conversations.open), and with installations, through which one (``team``,
    ``enterprise``: a DM channel belongs to one installation) and their own workspace
    (``user_team``, ``user_enterprise``) when that differs."""
    address: dict[str, str] = {"dm": dm_channel} if dm_channel else {}
    if where is not None:
        install = where.install
        if install.team_id:
            address["team"] = install.team_id
        if install.enterprise_id:
            address["enterprise"] = install.enterprise_id
        if where.user_team and where.user_team != install.team_id:
            address["user_team"] = where.user_team
            if where.user_enterprise:
                address["user_enterprise"] = where.user_enterprise
    return address or None


def actor_from(
    user_id: str,
    profile: Profile,
    *,
    dm_channel: str | None = None,
    where: Where | None = None,
) -> Actor:
    # The DM channel id is stored on the member so the sender can skip conversations.open.
    address = address_of(dm_channel, where)
    return Actor(
        PLATFORM,
        user_id,
        display_name=profile.display_name,
        tz=profile.tz,
        lang=profile.lang,
        address=address,
    )


class DmDirectory:
    """Which DM channel is copbot's own with a person: conversations.open answers it (the
    existing channel, or a new one), asked once per person and process.

    A slash command or a click in a ``D…`` channel may come from a DM between two colleagues:
    copbot is not part of that one, cannot post there, and must never keep it as the person's
    address."""

    def __init__(self) -> None:
        # By workspace and person: each installation has its own bot user, so its own DMs.
        self._own: dict[tuple[str | None, str], str] = {}

    async def own_dm(self, user_id: str, client: AsyncWebClient, team: str | None) -> str | None:
        known = self._own.get((team, user_id))
        if known is not None:
            return known
        try:
            response = await client.conversations_open(users=user_id)
        except SlackApiError as exc:
            logger.warning("conversations.open for %s failed: %s", user_id, api_error(exc))
            return None
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("conversations.open for %s failed: %r", user_id, exc)
            return None
        channel = (response.get("channel") or {}).get("id")
        if not isinstance(channel, str) or not channel:
            return None
        self._own[(team, user_id)] = channel
        return channel

    def remember(self, user_id: str, team: str | None, channel_id: str) -> None:
        """A DM Slack itself vouched for (a message.im event came from it)."""
        self._own[(team, user_id)] = channel_id
