"""Typed errors of the core. Each carries a text key, so adapters can answer in the member's language."""

from __future__ import annotations

from typing import Any


class CopError(Exception):
    """A problem the user can fix; rendered as a friendly private reply, never a traceback."""

    key = "error.generic"

    def __init__(self, text_key: str | None = None, /, **params: Any) -> None:
        self.key = text_key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)


class UsageError(CopError):
    """Missing or malformed argument; the reply shows the verb's usage."""

    key = "error.usage"


class InvalidInput(CopError):
    key = "error.invalid"


class NotFound(CopError):
    key = "error.not_found"


class PermissionDenied(CopError):
    key = "error.permission"


class NoCommunity(CopError):
    key = "error.no_community"


class Conflict(CopError):
    key = "error.conflict"
