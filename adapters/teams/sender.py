"""The core's ``Sender`` for Teams: proactive 1:1 messages and channel posts.

A member who wrote to the bot has a stored 1:1 reference; anyone else (joined in a channel,
invited from the roster) is reached by creating the 1:1 chat first, which Teams allows for
any user of a tenant where the app is installed. Nobody is skipped for not speaking first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from adapters.teams.auth import Endpoints, TokenProvider
from adapters.teams.config import TeamsCredentials, teams_credentials
from adapters.teams.connector import Connector, TokenSource
from adapters.teams.render import activity as render_activity
from adapters.teams.render import consent_activity
from bot.messages import File, Message, split_files
from bot.outbox.sender import PermanentDeliveryError, Recipient
from bot.settings import Settings

logger = logging.getLogger(__name__)


class TeamsSender:
    def __init__(self, connector: Connector, *, bot_id: str | None = None) -> None:
        self.connector = connector
        self.bot_id = bot_id
        # Created 1:1 chats, so a fan-out does not create the same chat for every message.
        self._chats: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        # Keeps a file for its recipient until they accept it (the core's hold_file): set, a
        # DM's files go as files through Teams' consent flow instead of as text in the card.
        self.hold: Callable[[Recipient, File], str] | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, endpoints: Endpoints | None = None
    ) -> TeamsSender:
        """A sender for a process without the web endpoint (``copbot scheduler``).

        Everything else it needs travels with each recipient: the stored conversation
        reference (service URL, tenant, bot and user). Raises ``TeamsNotConfigured`` with
        what to set when the settings cannot send to Teams.
        """
        credentials = teams_credentials(settings)
        if not credentials.authenticated:
            logger.warning("Teams deliveries WITHOUT authentication (COPBOT_TEAMS_DEV_MODE=1)")
        return cls.from_credentials(credentials, endpoints=endpoints or Endpoints())

    @classmethod
    def from_credentials(
        cls, credentials: TeamsCredentials, *, endpoints: Endpoints
    ) -> TeamsSender:
        token: TokenSource
        if credentials.app_id and credentials.app_password:
            token = TokenProvider(
                app_id=credentials.app_id,
                app_password=credentials.app_password,
                tenant_id=credentials.tenant_id,
                endpoints=endpoints,
            )
        else:
            token = _no_token
        return cls(Connector(token), bot_id=credentials.bot_id)

    def send(self, recipient: Recipient, message: Message) -> None:
        message, files = split_files(message) if self.hold else (message, [])
        if files and recipient.to_channel:  # bots upload only into a 1:1 chat
            message, files = Message(message.text, (*message.blocks, *files)), []
        self.send_activity(recipient, render_activity(message))
        for file in files:
            assert self.hold is not None
            token = self.hold(recipient, file)
            description = f"{file.name} ({len(file.content.encode('utf-8')) // 1024 + 1} KB)"
            self.send_activity(
                recipient, consent_activity(file, token=token, description=description)
            )

    def send_activity(self, recipient: Recipient, body: dict[str, Any]) -> None:
        """An activity already rendered (a file consent card, say) to the recipient's chat or
        channel."""
        service_url, conversation = self.conversation_of(recipient)
        self.connector.send(service_url, conversation, body)

    def conversation_of(self, recipient: Recipient) -> tuple[str, str]:
        """(service URL, conversation id) that reaches ``recipient``: the channel, the stored
        1:1 chat, or one created for them."""
        address = recipient.address or {}
        service_url = address.get("serviceUrl")
        reference = address.get("reference") or {}
        if not service_url or not isinstance(reference, dict):
            raise PermanentDeliveryError(f"no Teams address for {recipient.recipient}")
        conversation = reference.get("conversation") or {}
        if recipient.to_channel or address.get("kind") == "personal":
            if not conversation.get("id"):
                raise PermanentDeliveryError(f"no conversation for {recipient.recipient}")
            return str(service_url), str(conversation["id"])
        return str(service_url), self.personal_chat(address, user_id=recipient.recipient)

    def personal_chat(self, address: dict[str, Any], *, user_id: str) -> str:
        """The id of the 1:1 chat with ``user_id`` when no stored reference names it (``send``
        uses a personal reference directly): created once, then remembered."""
        service_url = str(address.get("serviceUrl"))
        reference = address.get("reference") or {}
        key = (service_url, user_id)
        with self._lock:
            known = self._chats.get(key)
        if known:
            return known
        bot = reference.get("bot") or ({"id": self.bot_id} if self.bot_id else None)
        if not bot:
            raise PermanentDeliveryError(f"no bot id to open a chat with {user_id}")
        chat = self.connector.create_conversation(
            service_url,
            bot={"id": bot["id"], **({"name": bot["name"]} if bot.get("name") else {})},
            member={"id": user_id},
            tenant_id=address.get("tenantId"),
        )
        logger.info("opened a 1:1 chat with %s", user_id)
        with self._lock:
            self._chats[key] = chat
        return chat


def _no_token() -> str | None:
    # Development mode: the Emulator and local fakes take unauthenticated calls.
    return None
