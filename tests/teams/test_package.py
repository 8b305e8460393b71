"""The Teams app package: ``python -m adapters.teams.package`` (``make teams-package``)."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from adapters.teams.package import PackageError, build, default_manifest_dir, main
from bot.commands.registry import verbs

APP_ID = "0f3c2a9e-5b7d-4e21-9c6a-1d2e3f4a5b6c"
MANIFEST_DIR = Path(__file__).resolve().parents[2] / "teams" / "manifest"


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGBA rows of an 8-bit RGBA PNG (what make_icons.py writes)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour) == (8, 6), "8-bit RGBA"
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows), "unfiltered rows"
    return width, height, [row[1:] for row in rows]


@pytest.fixture
def package(tmp_path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    out = tmp_path / "dist" / "copbot-teams.zip"
    built = build(
        app_id=APP_ID,
        app_version="1.4.2",
        manifest_dir=MANIFEST_DIR,
        out=out,
        domains=("copbot.example.org",),
    )
    assert built.path == out and out.is_file()
    files = read_zip(out)
    return json.loads(files["manifest.json"]), files


def test_the_zip_holds_the_manifest_and_icons_at_its_root(
    package: tuple[dict[str, Any], dict[str, bytes]],
) -> None:
    _, files = package
    assert sorted(files) == ["color.png", "manifest.json", "nl.json", "outline.png"]


def test_the_app_id_and_version_are_filled_in(
    package: tuple[dict[str, Any], dict[str, bytes]],
) -> None:
    manifest, files = package
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["version"] == "1.4.2"
    assert b"{{" not in files["manifest.json"]
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    assert manifest["validDomains"] == ["token.botframework.com", "copbot.example.org"]
    assert manifest["manifestVersion"] in manifest["$schema"]


def test_the_icons_have_the_sizes_teams_wants(
    package: tuple[dict[str, Any], dict[str, bytes]],
) -> None:
    _, files = package
    width, height, _ = pixels(files["color.png"])
    assert (width, height) == (192, 192)
    width, height, rows = pixels(files["outline.png"])
    assert (width, height) == (32, 32)
    quads = [row[i : i + 4] for row in rows for i in range(0, len(row), 4)]
    # White on transparent: every pixel white, some fully transparent, some opaque.
    assert all(q[:3] == b"\xff\xff\xff" for q in quads)
    alphas = {q[3] for q in quads}
    assert 0 in alphas and 255 in alphas


def test_every_command_in_the_menus_is_a_copbot_verb(
    package: tuple[dict[str, Any], dict[str, bytes]],
) -> None:
    manifest, files = package
    known = verbs()
    lists = manifest["bots"][0]["commandLists"]
    titles = [c["title"] for cl in lists for c in cl["commands"]]
    dutch = json.loads(files["nl.json"])
    titles += [v for k, v in dutch.items() if k.endswith(".title")]
    assert {t.split()[0] for t in titles} <= set(known), titles
    # The Dutch file translates every command of the English lists, and nothing else.
    english = {
        f"bots[0].commandLists[{i}].commands[{j}].{key}"
        for i, cl in enumerate(lists)
        for j, _ in enumerate(cl["commands"])
        for key in ("title", "description")
    }
    assert {k for k in dutch if k.startswith("bots[")} == english
    assert {"name.short", "name.full", "description.short", "description.full"} <= set(dutch)


def test_main_refuses_kindly_without_an_app_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    out = tmp_path / "copbot-teams.zip"
    assert main(["--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no app id" in err and "MICROSOFT_APP_ID" in err and "--app-id" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_main_takes_the_app_id_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    out = tmp_path / "copbot-teams.zip"
    assert main(["--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    manifest = json.loads(read_zip(out)["manifest.json"])
    assert manifest["id"] == APP_ID
    assert manifest["version"].count(".") == 2


def test_main_prefers_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    out = tmp_path / "x.zip"
    assert main(["--app-id", other, "--app-version", "2.0.0", "--out", str(out)]) == 0
    manifest = json.loads(read_zip(out)["manifest.json"])
    assert (manifest["id"], manifest["version"]) == (other, "2.0.0")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--app-id", "copbot-app"], "is not a GUID"),
        (["--app-id", APP_ID, "--app-version", "1.0"], "must look like 1.2.3"),
        (["--app-id", APP_ID, "--domain", "https://copbot.example.org/"], "host name"),
    ],
)
def test_main_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "x.zip"
    assert main([*args, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def broken_copy(tmp_path: Path, change: Any) -> Path:
    target = tmp_path / "manifest"
    shutil.copytree(MANIFEST_DIR, target)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    change(manifest, target)
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def _too_many_commands(m: dict[str, Any], _: Path) -> None:
    m["bots"][0]["commandLists"][0]["commands"].append({"title": "x", "description": "y"})


def _long_title(m: dict[str, Any], _: Path) -> None:
    m["bots"][0]["commandLists"][1]["commands"][0]["title"] = "x" * 33


def _no_privacy(m: dict[str, Any], _: Path) -> None:
    del m["developer"]["privacyUrl"]


def _short_name(m: dict[str, Any], _: Path) -> None:
    m["name"]["short"] = "c" * 31


def _hard_coded_bot(m: dict[str, Any], _: Path) -> None:
    m["bots"][0]["botId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


def _missing_scope(m: dict[str, Any], _: Path) -> None:
    m["bots"][0]["scopes"] = ["personal", "team"]


def _big_outline(m: dict[str, Any], target: Path) -> None:
    shutil.copy(target / "color.png", target / "outline.png")


def _no_icon(m: dict[str, Any], target: Path) -> None:
    (target / "color.png").unlink()


def _long_dutch(m: dict[str, Any], target: Path) -> None:
    strings = json.loads((target / "nl.json").read_text(encoding="utf-8"))
    strings["description.short"] = "x" * 81
    (target / "nl.json").write_text(json.dumps(strings), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_too_many_commands, "1 to 10 commands"),
        (_long_title, "Teams allows 32"),
        (_no_privacy, "developer.privacyUrl is missing"),
        (_short_name, "Teams allows 30"),
        (_hard_coded_bot, "botId must be {{MICROSOFT_APP_ID}}"),
        (_missing_scope, "scopes must be"),
        (_big_outline, "outline icon must be 32x32"),
        (_no_icon, "color icon"),
        (_long_dutch, "nl.json: 'description.short'"),
    ],
)
def test_what_teams_would_reject_is_caught_before_upload(
    tmp_path: Path, change: Any, message: str
) -> None:
    manifest_dir = broken_copy(tmp_path, change)
    with pytest.raises(PackageError) as raised:
        build(app_id=APP_ID, app_version="1.0.0", manifest_dir=manifest_dir, out=tmp_path / "x.zip")
    assert message in str(raised.value)


def test_the_manifest_is_found_from_the_source_tree() -> None:
    assert default_manifest_dir() == MANIFEST_DIR
