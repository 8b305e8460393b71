"""How the core hands messages to a platform, and the recording sender tests use."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.messages import Message


@dataclass(frozen=True)
class Recipient:
    platform: str
    recipient: str  # platform user id, or channel id when ``to_channel``
    to_channel: bool = False
    address: dict[str, Any] | None = None
    # The workspace (Slack) or team (Teams) of the community the message belongs to: a
    # platform with one installation per workspace sends with that workspace's credentials.
    workspace_id: str | None = None
    # The delivery's idempotency key, for senders that can tag a message with it.
    key: str = ""
    # Taken over from a worker that died mid-send: the message may have arrived already, so
    # a sender that can look (Slack, by the key in the message metadata) checks first.
    resumed: bool = False


class DeliveryError(Exception):
    """Base of delivery failures raised by senders."""


class TransientDeliveryError(DeliveryError):
    """Try again later (rate limit, network); ``retry_after`` in seconds if the platform said."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Never retry: the user left, blocked the bot, or the bot was removed."""


class Sender(Protocol):
    def send(self, recipient: Recipient, message: Message) -> None: ...


@dataclass
class RecordingSender:
    """Stores everything it was asked to send. ``fail_for`` makes chosen recipients fail."""

    sent: list[tuple[Recipient, Message]] = field(default_factory=list)
    fail_for: dict[str, DeliveryError] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, recipient: Recipient, message: Message) -> None:
        error = self.fail_for.get(recipient.recipient)
        if error is not None:
            raise error
        with self._lock:
            self.sent.append((recipient, message))

    def to(self, user_id: str) -> list[Message]:
        return [m for r, m in self.sent if r.recipient == user_id]

    def texts(self, user_id: str | None = None) -> list[str]:
        return [m.text for r, m in self.sent if user_id is None or r.recipient == user_id]

    def clear(self) -> None:
        with self._lock:
            self.sent.clear()
