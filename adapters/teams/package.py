"""``make teams-package``: the Teams app package (a zip to sideload) with this bot's app id.

    python -m adapters.teams.package [--app-id GUID] [--app-version 1.2.3] [--domain HOST]

Reads ``teams/manifest/`` (manifest.json, its language files and the two icons), fills in the
app id (``--app-id`` or ``MICROSOFT_APP_ID``) and the version, checks what Teams would
reject on upload, and writes ``dist/copbot-teams.zip``. No botbuilder here: packaging needs
no connection to anything.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

from bot.settings import Settings

APP_ID_SLOT = "{{MICROSOFT_APP_ID}}"
VERSION_SLOT = "{{VERSION}}"
DEFAULT_OUT = Path("dist") / "copbot-teams.zip"
BOT_SCOPES = {"personal", "team", "groupChat"}
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
HOST = re.compile(r"^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The limits of every manifest version since 1.5, so the package uploads wherever it goes.
MAX_COMMANDS = 10
LIMITS = {
    "name.short": 30,
    "name.full": 100,
    "description.short": 80,
    "description.full": 4000,
    "command.title": 32,
    "command.description": 128,
}
ICON_SIZES = {"color": 192, "outline": 32}

NO_APP_ID = """copbot teams-package: no app id, so there is nothing to package yet.

The Teams app must carry your bot's Microsoft App ID (a GUID like
00000000-0000-0000-0000-000000000000: Azure portal -> your Azure Bot -> Configuration, or the
Teams Developer Portal -> Tools -> Bot management). Then run one of:

  MICROSOFT_APP_ID=<your app id> make teams-package
  .venv/bin/python -m adapters.teams.package --app-id <your app id>

See docs/TEAMS.md."""


class PackageError(Exception):
    """Something Teams would reject; the message says what and where."""


@dataclass(frozen=True)
class Package:
    path: Path
    manifest: dict[str, Any]
    files: tuple[str, ...]
    notes: tuple[str, ...]


def default_manifest_dir() -> Path:
    """``teams/manifest`` of the source tree, or of the current directory when installed."""
    here = Path(__file__).resolve().parents[2] / "teams" / "manifest"
    return here if here.is_dir() else Path.cwd() / "teams" / "manifest"


def default_version() -> str:
    try:
        return installed_version("copbot")
    except PackageNotFoundError:
        return "0.1.0"


def build(
    *,
    app_id: str,
    app_version: str,
    manifest_dir: Path,
    out: Path,
    domains: tuple[str, ...] = (),
) -> Package:
    """Fill in, check and zip the manifest. Raises ``PackageError`` for anything Teams rejects."""
    if not GUID.match(app_id):
        raise PackageError(
            f"the app id {app_id!r} is not a GUID; use the Microsoft App ID of your Azure Bot"
        )
    if not SEMVER.match(app_version):
        raise PackageError(f"the version {app_version!r} must look like 1.2.3")
    source = manifest_dir / "manifest.json"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackageError(f"cannot read {source}: {exc.strerror}") from None
    # Filled in as text, so every place the template names the id gets it (id and botId).
    text = text.replace(APP_ID_SLOT, app_id).replace(VERSION_SLOT, app_version)
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise PackageError(f"{source} is not valid JSON: {exc}") from None
    if not isinstance(manifest, dict):
        raise PackageError(f"{source} is not a JSON object")
    for domain in domains:
        if domain not in manifest.setdefault("validDomains", []):
            manifest["validDomains"].append(domain)
    notes = check_manifest(manifest, app_id=app_id)
    languages = language_files(manifest, manifest_dir)
    icons = {kind: manifest["icons"][kind] for kind in ICON_SIZES}
    for kind, name in icons.items():
        check_icon(manifest_dir / name, kind=kind)
    out.parent.mkdir(parents=True, exist_ok=True)
    members = ["manifest.json", *icons.values(), *languages]
    # Teams wants the files at the root of the zip, not in a folder.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in (*icons.values(), *languages):
            archive.write(manifest_dir / name, arcname=name)
    return Package(out, manifest, tuple(members), tuple(notes))


def check_manifest(manifest: dict[str, Any], *, app_id: str) -> list[str]:
    """The fields Teams requires, with its limits. Returns notes that do not block upload."""
    left = sorted(_slots(manifest))
    if left:
        raise PackageError(f"placeholders left in manifest.json: {', '.join(left)}")
    for key in ("$schema", "manifestVersion", "version", "id", "accentColor"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise PackageError(f"manifest.json: '{key}' is missing")
    if manifest["id"] != app_id:
        raise PackageError(f"manifest.json: 'id' must be {APP_ID_SLOT}, filled in here")
    if not COLOR.match(manifest["accentColor"]):
        raise PackageError("manifest.json: 'accentColor' must look like #RRGGBB")
    developer = _object(manifest, "developer")
    _text(developer, "name", where="developer", limit=32)
    placeholders = []
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        url = _text(developer, key, where="developer", limit=2048)
        if not url.startswith("https://"):
            raise PackageError(f"manifest.json: developer.{key} must be an https:// URL")
        if "example.org" in url:
            placeholders.append(key)
    notes = []
    if placeholders:
        notes.append(
            f"developer {', '.join(placeholders)} still point at example.org: fine to sideload "
            "in your own tenant; put your organisation's pages there before publishing wider"
        )
    for group in ("name", "description"):
        fields = _object(manifest, group)
        for part in ("short", "full"):
            _text(fields, part, where=group, limit=LIMITS[f"{group}.{part}"])
    icons = _object(manifest, "icons")
    for kind in ICON_SIZES:
        _text(icons, kind, where="icons", limit=2048)
    bots = manifest.get("bots")
    if not isinstance(bots, list) or len(bots) != 1 or not isinstance(bots[0], dict):
        raise PackageError("manifest.json: 'bots' must hold exactly one bot")
    check_bot(bots[0], app_id=app_id)
    for domain in manifest.get("validDomains", []):
        if not isinstance(domain, str) or not HOST.match(domain):
            raise PackageError(
                f"manifest.json: valid domain {domain!r} must be a host name, "
                "without https:// or a path"
            )
    return notes


def check_bot(bot: dict[str, Any], *, app_id: str) -> None:
    if bot.get("botId") != app_id:
        raise PackageError(f"manifest.json: bots[0].botId must be {APP_ID_SLOT}, filled in here")
    scopes = bot.get("scopes")
    if not isinstance(scopes, list) or set(scopes) != BOT_SCOPES:
        raise PackageError(f"manifest.json: bots[0].scopes must be {sorted(BOT_SCOPES)}")
    lists = bot.get("commandLists", [])
    if not isinstance(lists, list) or len(lists) > 3:
        raise PackageError("manifest.json: bots[0].commandLists holds at most three lists")
    for n, command_list in enumerate(lists):
        where = f"bots[0].commandLists[{n}]"
        if not isinstance(command_list, dict):
            raise PackageError(f"manifest.json: {where} must be an object")
        list_scopes = command_list.get("scopes")
        if not isinstance(list_scopes, list) or not set(list_scopes) <= set(scopes):
            raise PackageError(f"manifest.json: {where}.scopes must be scopes of the bot")
        commands = command_list.get("commands")
        if not isinstance(commands, list) or not 1 <= len(commands) <= MAX_COMMANDS:
            raise PackageError(f"manifest.json: {where} needs 1 to {MAX_COMMANDS} commands")
        for i, command in enumerate(commands):
            if not isinstance(command, dict):
                raise PackageError(f"manifest.json: {where}.commands[{i}] must be an object")
            for key in ("title", "description"):
                _text(command, key, where=f"{where}.commands[{i}]", limit=LIMITS[f"command.{key}"])


def language_files(manifest: dict[str, Any], manifest_dir: Path) -> list[str]:
    """The additional language files: present, valid and within the same limits."""
    info = manifest.get("localizationInfo")
    if info is None:
        return []
    if not isinstance(info, dict):
        raise PackageError("manifest.json: 'localizationInfo' must be an object")
    names = []
    for language in info.get("additionalLanguages", []):
        name = language.get("file") if isinstance(language, dict) else None
        if not isinstance(name, str) or not name:
            raise PackageError("manifest.json: every additional language needs a file")
        try:
            strings = json.loads((manifest_dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PackageError(f"cannot use language file {name}: {exc}") from None
        for key, value in strings.items():
            if key == "$schema":
                continue
            limit = LIMITS.get(key) or LIMITS.get(f"command.{key.rsplit('.', 1)[-1]}")
            if not isinstance(value, str) or not value or (limit and len(value) > limit):
                raise PackageError(f"{name}: '{key}' must be a text of at most {limit} characters")
        names.append(name)
    return names


def check_icon(path: Path, *, kind: str) -> None:
    size = ICON_SIZES[kind]
    try:
        head = path.read_bytes()[:33]
    except OSError:
        raise PackageError(f"the {kind} icon {path} is missing") from None
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        raise PackageError(f"the {kind} icon {path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    if (width, height) != (size, size):
        raise PackageError(f"the {kind} icon must be {size}x{size} pixels, not {width}x{height}")
    # The outline icon is white on transparent: it needs an alpha channel (colour type 6).
    if kind == "outline" and head[25] != 6:
        raise PackageError("the outline icon must be an RGBA PNG (white on transparent)")


def _slots(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(re.findall(r"\{\{[A-Z_]+\}\}", value))
    if isinstance(value, dict):
        return set().union(*(_slots(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_slots(v) for v in value)) if value else set()
    return set()


def _object(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise PackageError(f"manifest.json: '{key}' is missing")
    return value


def _text(parent: dict[str, Any], key: str, *, where: str, limit: int) -> str:
    value = parent.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackageError(f"manifest.json: {where}.{key} is missing")
    if len(value) > limit:
        raise PackageError(
            f"manifest.json: {where}.{key} has {len(value)} characters; Teams allows {limit}"
        )
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m adapters.teams.package",
        description="Build the Teams app package (manifest + icons) to sideload.",
    )
    parser.add_argument("--app-id", help="the bot's Microsoft App ID (default: MICROSOFT_APP_ID)")
    parser.add_argument(
        "--app-version", help="the app version, like 1.2.3 (default: copbot's version)"
    )
    parser.add_argument(
        "--domain",
        action="append",
        default=[],
        help="a host name to add to validDomains, e.g. copbot.example.org (repeatable)",
    )
    parser.add_argument("--manifest-dir", type=Path, help="default: teams/manifest")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)
    app_id = (args.app_id or Settings.from_env().microsoft_app_id or "").strip()
    if not app_id:
        print(NO_APP_ID, file=sys.stderr)
        return 2
    try:
        package = build(
            app_id=app_id,
            app_version=args.app_version or default_version(),
            manifest_dir=args.manifest_dir or default_manifest_dir(),
            out=args.out,
            domains=tuple(args.domain),
        )
    except PackageError as exc:
        print(f"copbot teams-package: {exc}", file=sys.stderr)
        return 2
    for note in package.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {package.path} ({', '.join(package.files)})")
    print("Upload it in Teams: Apps -> Manage your apps -> Upload an app (see docs/TEAMS.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
