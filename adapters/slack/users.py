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
    )


class UserDirectory:
    """users.info with a TTL cache: a busy channel would otherwise ask for the same people
    on every message and run into Slack's rate limits."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        ttl: float = TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.ttl = ttl
        self.monotonic = monotonic
        self._cache: dict[str, tuple[float, Profile]] = {}

    async def profile(self, user_id: str) -> Profile:
        cached = self._cache.get(user_id)
        if cached is not None and self.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
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

    async def actor(self, user_id: str, *, dm_channel: str | None = None) -> Actor:
        return actor_from(user_id, await self.profile(user_id), dm_channel=dm_channel)


def actor_from(user_id: str, profile: Profile, *, dm_channel: str | None = None) -> Actor:
    # The DM channel id is stored on the member so the sender can skip conversations.open.
    address = {"dm": dm_channel} if dm_channel else None
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

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._own: dict[str, str] = {}

    async def own_dm(self, user_id: str) -> str | None:
        known = self._own.get(user_id)
        if known is not None:
            return known
        try:
            response = await self.client.conversations_open(users=user_id)
        except SlackApiError as exc:
            logger.warning("conversations.open for %s failed: %s", user_id, api_error(exc))
            return None
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("conversations.open for %s failed: %r", user_id, exc)
            return None
        channel = (response.get("channel") or {}).get("id")
        if not isinstance(channel, str) or not channel:
            return None
        self._own[user_id] = channel
        return channel

    def remember(self, user_id: str, channel_id: str) -> None:
        """A DM Slack itself vouched for (a message.im event came from it)."""
        self._own[user_id] = channel_id
