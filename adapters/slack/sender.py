"""The core's ``Sender`` for Slack: DMs and channel posts from the outbox.

It runs inside ``Core.deliver`` (a worker thread), so it uses slack_sdk's synchronous client.
Errors are mapped to the outbox's vocabulary: rate limits and outages are transient (the
outbox retries later, honouring Retry-After), a user who left or blocked the bot is permanent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from adapters.slack.client import TIMEOUT_SECONDS, retry_after_seconds
from adapters.slack.images import upload_pictures
from adapters.slack.installs import (
    TOKEN_ERRORS,
    BotToken,
    Install,
    SingleToken,
    Tokens,
    tokens_from,
)
from adapters.slack.render import code_block, message_payload
from bot.messages import File, Message, split_files
from bot.outbox.sender import (
    DeliveryError,
    PermanentDeliveryError,
    Recipient,
    TransientDeliveryError,
)
from bot.settings import Settings

logger = logging.getLogger(__name__)

# Errors that will not go away by trying again: the person or channel is gone, the bot was
# removed or blocked, or the message itself is unacceptable.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "account_inactive",
        "user_disabled",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "cannot_dm_bot",
        "user_is_bot",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "team_access_not_granted",
        "missing_scope",
        "no_permission",
        "restricted_action",
        "ekm_access_denied",
        "invalid_blocks",
        "invalid_arguments",
        "msg_too_long",
        "no_text",
    }
)
# Every message carries its outbox key in Slack's message metadata, so that a send resumed
# after a crash can see whether the first attempt arrived before posting again.
METADATA_EVENT = "copbot_delivery"
# How far back a resumed send looks in the DM: the crash was minutes ago, and copbot posts
# few messages to one person in between.
RESUME_LOOKBACK = 20
# Upload problems after which the file is shown inline instead.
UPLOAD_FALLBACK_ERRORS = frozenset(
    {"missing_scope", "not_allowed", "no_permission", "unknown_method"}
)


def make_client(settings: Settings, *, token: str | None = None) -> WebClient:
    return WebClient(
        token=token if token is not None else settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2)],
    )


def with_token(client: WebClient, token: str) -> WebClient:
    """A client like ``client`` (address, timeout, retries) speaking with ``token``."""
    return WebClient(
        token=token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=list(client.retry_handlers or []),
    )


def installation_route(recipient: Recipient) -> list[tuple[Install, bool]]:
    """The installations that may reach ``recipient``, best first, each with whether the DM
    channel stored in its address belongs to it.

    Slack addresses (``users.actor_from``) say through which installation they were learned
    (``team``, ``enterprise``) and, for a member of a Slack Connect channel from another
    organisation, that person's own workspace (``user_team``, ``user_enterprise``). Such a
    person is written to through the installation of their own workspace when copbot has one
    there (Slack lets an app open DMs with its own workspace's people), else through the
    channel's. A channel post goes through the installation of the community's workspace."""
    address = recipient.address or {}
    enterprise = _text(address.get("enterprise"))
    team = _text(address.get("team")) or recipient.workspace_id
    if recipient.to_channel:
        return [(Install(enterprise, recipient.workspace_id or team), False)]
    routes: list[tuple[Install, bool]] = []
    own_team = _text(address.get("user_team"))
    if own_team and own_team != team:
        routes.append((Install(_text(address.get("user_enterprise")), own_team), False))
    routes.append((Install(enterprise, team), True))
    if recipient.workspace_id and recipient.workspace_id != team:
        routes.append((Install(None, recipient.workspace_id), False))
    return routes


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def api_error(exc: SlackApiError) -> str:
    """Slack's error code; empty when the answer was not Slack's JSON (a proxy's error page)."""
    data = exc.response.data
    return str(data.get("error") or "") if isinstance(data, dict) else ""


def delivery_error(exc: SlackApiError) -> DeliveryError:
    response = exc.response
    code = api_error(exc)
    if response.status_code == 429:
        seconds = retry_after_seconds(response.headers)
        return TransientDeliveryError(f"slack rate limited ({code})", retry_after=seconds)
    if code in PERMANENT_ERRORS:
        return PermanentDeliveryError(f"slack: {code}")
    return TransientDeliveryError(f"slack: {code or response.status_code}")


class SlackSender:
    """Sends with the token of the workspace each message concerns (``tokens``); with one
    ``SLACK_BOT_TOKEN`` that is ``client``'s own."""

    def __init__(
        self,
        client: WebClient,
        *,
        tokens: Tokens | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.tokens: Tokens = tokens or SingleToken(str(client.token or ""))
        self.sleep = sleep  # between polls for an uploaded picture; tests pass their own
        self._dm_channels: dict[tuple[str | None, str], str] = {}
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, *, tokens: Tokens | None = None) -> SlackSender:
        return cls(make_client(settings), tokens=tokens or tokens_from(settings))

    def _client(self, bot: BotToken) -> WebClient:
        if self.tokens.single:
            return self.client
        with self._lock:
            client = self._clients.get(bot.token)
            if client is None:
                client = self._clients[bot.token] = with_token(self.client, bot.token)
            return client

    def _route(self, recipient: Recipient) -> tuple[WebClient, str | None, str | None, Install]:
        """The client to send with, the workspace it speaks for, and the DM channel stored
        for it (None: ask conversations.open). No installation at all is permanent: the app
        was removed there, and trying again would not bring it back."""
        for install, own_dm in installation_route(recipient):
            bot = self.tokens.bot(install)
            if bot is not None:
                dm = (recipient.address or {}).get("dm") if own_dm or self.tokens.single else None
                dm = dm if isinstance(dm, str) else None
                return self._client(bot), install.team_id, dm, install
        raise PermanentDeliveryError(
            f"slack: copbot is not installed in workspace {recipient.workspace_id}"
        )

    def send(self, recipient: Recipient, message: Message) -> None:
        client, team, dm, install = self._route(recipient)
        try:
            channel = (
                recipient.recipient
                if recipient.to_channel
                else self._dm_channel(client, team, recipient, dm)
            )
            if (
                recipient.resumed
                and not recipient.to_channel
                and self._arrived(client, channel, recipient)
            ):
                logger.info(
                    "delivery %s had arrived before the crash: not sent again", recipient.key
                )
                return
            message, files = split_files(message)
            metadata = (
                {"event_type": METADATA_EVENT, "event_payload": {"key": recipient.key}}
                if recipient.key
                else None
            )
            images = upload_pictures(client, message, sleep=self.sleep)
            # Shown in the workspace whose installation sends it: people of another
            # workspace of the community are named there, not mentioned.
            shown_in = None if self.tokens.single else team
            payload = message_payload(message, images=images, workspace=shown_in)
            client.chat_postMessage(channel=channel, metadata=metadata, **payload)
            for file in files:
                self._upload(client, channel, file)
        except SlackApiError as exc:
            if api_error(exc) in TOKEN_ERRORS and self._renewed(install, client):
                # Reinstalled or rotated meanwhile (by another process): tried again shortly
                # with the installation's token as it is now, not given up.
                raise TransientDeliveryError(f"slack: {api_error(exc)}") from exc
            raise delivery_error(exc) from exc
        except (URLError, OSError) as exc:  # still failing after the connection retries
            raise TransientDeliveryError(f"slack unreachable: {exc}") from exc

    def _renewed(self, install: Install, client: WebClient) -> bool:
        """Slack refused the token: whether the installation has another one by now."""
        if self.tokens.single:
            return False
        self.tokens.stale(install)
        bot = self.tokens.bot(install)
        return bot is not None and bot.token != client.token

    def _arrived(self, client: WebClient, channel: str, recipient: Recipient) -> bool:
        """Whether the DM already holds a message tagged with this delivery's key. Only DMs
        are checked: reading a channel's history would need one more scope for a rare case,
        so a channel post resumed after a crash may appear twice."""
        try:
            history = client.conversations_history(
                channel=channel, limit=RESUME_LOOKBACK, include_all_metadata=True
            )
        except SlackApiError as exc:
            logger.warning("cannot check %s before resending: %s", recipient.key, api_error(exc))
            return False
        for found in history.get("messages") or []:
            tagged = found.get("metadata") or {}
            if (
                tagged.get("event_type") == METADATA_EVENT
                and (tagged.get("event_payload") or {}).get("key") == recipient.key
            ):
                return True
        return False

    def _dm_channel(
        self, client: WebClient, team: str | None, recipient: Recipient, dm: str | None
    ) -> str:
        if dm is not None:
            return dm
        key = (team, recipient.recipient)
        with self._lock:
            known = self._dm_channels.get(key)
        if known is not None:
            return known
        response = client.conversations_open(users=recipient.recipient)
        channel = str((response.get("channel") or {})["id"])
        with self._lock:
            self._dm_channels[key] = channel
        return channel

    def _upload(self, client: WebClient, channel: str, file: File) -> None:
        try:
            client.files_upload_v2(
                channel=channel, filename=file.name, title=file.name, content=file.content
            )
        except SlackApiError as exc:
            if api_error(exc) not in UPLOAD_FALLBACK_ERRORS:
                raise
            logger.info("file upload refused (%s); sending it inline", api_error(exc))
            client.chat_postMessage(channel=channel, text=code_block(file), mrkdwn=True)
