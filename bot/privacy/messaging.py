"""my-data as a readable summary (the JSON file holds everything)."""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import t
from bot.messages import File, Header, Message, Text

MAX_ENTRIES_SHOWN = 20
SHOWN_ELSEWHERE = {"community", "members", "logbook"}


def _items(section: Any) -> int:
    """How many records a slice's export holds (the lengths of its lists)."""
    if not isinstance(section, dict):
        return 0
    return sum(len(v) for v in section.values() if isinstance(v, list))


def _membership_text(lang: str, item: dict[str, Any]) -> str:
    member: dict[str, Any] = item.get("members", {})
    name = item["community"]["name"]
    lines = [
        t(
            lang,
            "privacy.membership",
            name=name,
            role=t(lang, f"role.{member.get('role', 'participant')}"),
            status=t(lang, f"privacy.status.{member.get('status', 'active')}"),
            joined=str(member.get("joined_at") or "-")[:10],
        )
    ]
    intake: dict[str, Any] = member.get("intake", {})
    for field, value in intake.items():
        if value:
            lines.append(f"• {t(lang, 'privacy.field.' + field)}: {value}")
    entries: list[dict[str, Any]] = item.get("logbook", {}).get("entries", [])
    if entries:
        lines.append(t(lang, "privacy.logbook", count=len(entries)))
        for entry in entries[-MAX_ENTRIES_SHOWN:]:
            kind = t(lang, "logbook.kind." + entry["kind"])
            said = entry["text"]
            if entry["kind"] == "contact":
                said = t(lang, f"logbook.contact.{said}")
            lines.append(f"  {entry['created_at'][:10]} [{kind}] {said}")
    # A reply copbot keeps until the person says which question it answers.
    kept: list[dict[str, Any]] = item.get("prompts", {}).get("kept_replies", [])
    for reply in kept[-MAX_ENTRIES_SHOWN:]:
        lines.append(t(lang, "privacy.kept_reply", at=reply["kept_at"][:10], text=reply["text"]))
    others = [
        f"{t(lang, 'privacy.slice.' + key)} {count}"
        for key, section in item.items()
        if key not in SHOWN_ELSEWHERE and (count := _items(section))
    ]
    if others:
        lines.append(t(lang, "privacy.also_stored", items=", ".join(others)))
    return "\n".join(lines)


def my_data_message(lang: str, data: dict[str, Any]) -> Message:
    items: list[dict[str, Any]] = data["memberships"]
    admission = _items(data.get("admission"))
    installed: list[dict[str, Any]] = data.get("installations") or []
    if not items and not admission and not installed:
        return Message(text=t(lang, "privacy.nothing"), blocks=(Text(t(lang, "privacy.nothing")),))
    title = t(lang, "privacy.my_data_title")
    parts = [_membership_text(lang, item) for item in items]
    if admission:
        parts.append(t(lang, "privacy.admission", count=admission))
    if installed:
        places = ", ".join(str(i.get("installed_copbot_in") or "-") for i in installed)
        parts.append(t(lang, "privacy.installed", places=places))
    footer = t(lang, "privacy.my_data_footer")
    document = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Message(
        text="\n\n".join([title, *parts, footer]),
        blocks=(
            Header(title),
            *(Text(part) for part in parts),
            Text(footer),
            File("my-data.json", document, "application/json"),
        ),
    )
