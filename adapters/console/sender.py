"""The console's Sender: keeps what the bot sent to each person (their inbox) and to channels.

Nothing leaves the process, so delivery never fails; the REPL reads the inboxes and tells the
person at the keyboard when something arrived for them or in the channel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.messages import Message
from bot.outbox.sender import Recipient

Listener = Callable[[Recipient, Message], None]


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)
    read: int = 0

    def unread(self) -> list[Message]:
        fresh = self.messages[self.read :]
        self.read = len(self.messages)
        return fresh

    @property
    def unread_count(self) -> int:
        return len(self.messages) - self.read


@dataclass
class ConsoleSender:
    """Implements ``bot.outbox.sender.Sender`` for the console platform."""

    inboxes: dict[str, Inbox] = field(default_factory=dict)
    channels: dict[str, list[Message]] = field(default_factory=dict)
    listener: Listener | None = None

    def send(self, recipient: Recipient, message: Message) -> None:
        if recipient.to_channel:
            self.channels.setdefault(recipient.recipient, []).append(message)
        else:
            self.inbox(recipient.recipient).messages.append(message)
        if self.listener is not None:
            self.listener(recipient, message)

    def inbox(self, user_id: str) -> Inbox:
        return self.inboxes.setdefault(user_id, Inbox())
