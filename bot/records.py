"""What a platform's adapter keeps about a person outside the core's tables, for my-data and
forget-me: Slack's installation record names whoever installed copbot in a workspace.

The core knows no platform's tables; an adapter that keeps such records registers them with
the core (``Core.records``) under its platform's name, and they run in the same transaction
as the rest of forget-me, so the person is erased everywhere or nowhere.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session


class PlatformRecords(Protocol):
    def export(self, session: Session, *, user_id: str) -> list[dict[str, Any]]:
        """One entry per record that names the person; empty: none."""
        ...

    def forget(self, session: Session, *, user_id: str) -> int:
        """Erase the person from the records; returns how many named them."""
        ...
