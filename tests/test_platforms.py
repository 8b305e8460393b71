"""Each chat platform declares itself once (``adapters/<name>/platform.py``) and
``adapters.platforms.NAMES`` is the only list of them: serve, the scheduler, the schema and the
command line read the declarations, so a new platform is one folder plus one name."""

from __future__ import annotations

import ast
import asyncio
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

import adapters
from adapters import platforms
from bot.core import Core
from bot.db import Base, make_engine, make_session_factory
from bot.settings import Settings
from copbot.cli import main
from copbot.schema import metadata
from copbot.server import build_web_app, nothing_configured
from scheduler.service import platform_senders
from tests.harness import FakeClock

ROOT = Path(__file__).resolve().parents[1]
SDKS = ("slack_sdk", "slack_bolt", "botbuilder", "botframework", "aiohttp", "sqlalchemy")


def test_the_list_names_every_platform_folder_and_each_declares_itself() -> None:
    folders = {p.parent.name for p in (ROOT / "adapters").glob("*/platform.py")}
    assert folders == set(platforms.NAMES)
    declared = platforms.installed()
    assert [p.name for p in declared] == list(platforms.NAMES)
    for p in declared:
        # An endpoint is mounted only when asked for, and a platform serve can run has a way
        # to be served: its endpoint or one of its modes.
        assert (p.attach is None) == (p.requested is platforms_never())
        assert (p.ready is platforms_never()) == (p.attach is None and not p.modes)
        if p.ready is not platforms_never():
            assert p.how_to_configure.strip(), f"{p.name}: serve cannot say how to set it up"
    flags = [m.flag for p in declared for m in p.modes]
    assert len(flags) == len(set(flags)) and "no-scheduler" not in flags
    commands = [c.name for p in declared for c in p.commands]
    assert len(commands) == len(set(commands))
    assert not set(commands) & {"serve", "demo", "migrate", "scheduler"}


def platforms_never() -> object:
    from adapters.platform import never

    return never


def test_reading_the_declarations_imports_no_platform_sdk() -> None:
    """A platform whose SDK is not configured is not imported to start another: the
    declarations import their adapters only when a function of theirs is called."""
    code = (
        "import sys\n"
        "from adapters import platforms\n"
        "platforms.installed(); platforms.modes(); platforms.commands()\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {SDKS!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


def test_no_module_outside_a_platform_folder_names_a_platform() -> None:
    """serve, the scheduler, the schema and the command line name no platform: no import of
    ``adapters.<name>`` and no platform name as a string (the demo is the console's own)."""
    offenders = []
    paths = [*(ROOT / "copbot").rglob("*.py"), *(ROOT / "scheduler").rglob("*.py")]
    paths += [p for p in (ROOT / "adapters").glob("*.py")]
    for path in sorted(paths):
        if "demo" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = ""
            if isinstance(node, ast.ImportFrom) and node.module:
                named = node.module
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = node.value
            platform = named in platforms.NAMES or any(
                named.startswith(f"adapters.{n}") for n in platforms.NAMES
            )
            if platform and path.name != "platforms.py":
                offenders.append(f"{path.relative_to(ROOT)}: {named}")
    assert offenders == []


# -- one more platform: a folder and one name -----------------------------------------------------
FAKE_PLATFORM = '''
"""A chat platform that exists only in this test: one JSON endpoint, a sender that keeps
what it was given, one table of its own and one command."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import Column, MetaData, String, Table

from adapters.platform import Command, Platform
from bot.context import Actor, Place
from bot.core import Core
from bot.messages import Message
from bot.outbox.sender import Recipient
from bot.settings import Settings

SENT: list[tuple[str, str]] = []


class Sender:
    def send(self, recipient: Recipient, message: Message) -> Any:
        SENT.append((recipient.recipient, message.text))


def attach(app: web.Application, *, core: Core, settings: Settings) -> object:
    core.senders["fakechat"] = Sender()

    async def messages(request: web.Request) -> web.Response:
        body = await request.json()
        actor = Actor("fakechat", body["user"], display_name=body["user"].capitalize())
        place = Place("fakechat", "town-square", "channel")
        replies = core.handle_command(actor, place, body["text"])
        return web.json_response([r.message.text for r in replies])

    app.router.add_post("/fakechat/messages", messages)
    return None


def tables(metadata: MetaData) -> object:
    if "fakechat_accounts" in metadata.tables:
        return metadata
    return Table("fakechat_accounts", metadata, Column("id", String(40), primary_key=True))


def hello(settings: Settings) -> int:
    SENT.append(("cli", "hello"))
    return 0


PLATFORM = Platform(
    "fakechat",
    requested=lambda settings: True,
    attach=attach,
    ready=lambda settings: True,
    how_to_configure="  Fakechat: nothing to set, it is always there",
    sender=lambda settings: Sender(),
    tables=tables,
    commands=(Command("fakechat-hello", "say hello from fakechat", hello),),
)
'''


@pytest.fixture
def fakechat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``adapters/fakechat/platform.py`` (in a folder of the test's own) and its one line."""
    folder = tmp_path / "fakechat"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "platform.py").write_text(textwrap.dedent(FAKE_PLATFORM))
    monkeypatch.setattr(adapters, "__path__", [*adapters.__path__, str(tmp_path)])
    monkeypatch.setattr(platforms, "NAMES", (*platforms.NAMES, "fakechat"))
    monkeypatch.delitem(sys.modules, "adapters.fakechat", raising=False)
    monkeypatch.delitem(sys.modules, "adapters.fakechat.platform", raising=False)
    import adapters.fakechat.platform as declared  # type: ignore[import-not-found]

    yield declared
    table = Base.metadata.tables.get("fakechat_accounts")
    if table is not None:
        Base.metadata.remove(table)  # the other tests compare the metadata with the migration
    sys.modules.pop("adapters.fakechat.platform", None)
    sys.modules.pop("adapters.fakechat", None)


def test_a_platform_added_by_one_name_is_served_sent_to_and_its_tables_kept(
    fakechat: Any, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(database_url=sqlite_url)
    clock = FakeClock(datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    factory = make_session_factory(make_engine(sqlite_url))
    web_core = Core(session_factory=factory, clock=clock, deliver_inline=False)
    app = build_web_app(settings, web_core, scheduler=False)

    async def talk() -> list[list[str]]:
        said = []
        async with TestClient(TestServer(app)) as client:
            for user, text in (
                ("ann", "setup Fake CoP"),
                ("ann", 'config lang=en start=2027-01-14 time=14:00 question="Q?"'),
                ("bob", "join"),
            ):
                response = await client.post(
                    "/fakechat/messages", json={"user": user, "text": text}
                )
                assert response.status == 200
                said.append(await response.json())
        return said

    setup, config, join = asyncio.run(talk())
    assert "Fake CoP" in setup[0] and "Saved" in config[0] and "Welcome" in join[0]

    # The standalone scheduler finds its sender in the declaration and sends the check-ins.
    senders = platform_senders(settings)
    assert "fakechat" in senders
    scheduler_core = Core(session_factory=factory, clock=clock, senders=senders)
    fakechat.SENT.clear()
    report = scheduler_core.run_due(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    assert report.jobs_done >= 1
    checkins = [to for to, text in fakechat.SENT if text.startswith("Check-in for meeting 1")]
    assert sorted(checkins) == ["ann", "bob"]

    assert "fakechat_accounts" in metadata().tables  # the migration would create it
    assert "Fakechat: nothing to set" in nothing_configured()
    assert main(["--database-url", sqlite_url, "fakechat-hello"]) == 0
    assert fakechat.SENT[-1] == ("cli", "hello")
