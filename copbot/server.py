"""``copbot serve``: one aiohttp process with the chat platforms' endpoints and the scheduler.

No platform is named here: each declares itself in ``adapters/<name>/platform.py`` and
``adapters.platforms.NAMES`` lists them."""

from __future__ import annotations

import asyncio
import logging
import sys

from aiohttp import web

from adapters import platforms
from bot.core import Core
from bot.settings import Settings
from copbot import processes as several
from copbot.calendar_feed import attach as attach_calendar
from copbot.memory import settle
from copbot.wiring import build_core

logger = logging.getLogger(__name__)

CORE_KEY = web.AppKey("core", Core)


# A readiness probe must answer fast; a database that takes longer than this is not ready.
READY_TIMEOUT = 3.0


async def healthz(request: web.Request) -> web.Response:
    """Liveness: the process answers (no database involved)."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: 200 only while the database answers. Inputs that arrive while it does not
    are refused so the platform retries, or the person is asked to try again."""
    core = request.app[CORE_KEY]
    try:
        ready = await asyncio.wait_for(asyncio.to_thread(core.ready), READY_TIMEOUT)
    except TimeoutError:
        ready = False
    if ready:
        return web.json_response({"status": "ready", "database": "ok"})
    return web.json_response({"status": "not ready", "database": "unavailable"}, status=503)


def build_web_app(
    settings: Settings, core: Core, *, scheduler: bool = True, **http: bool
) -> web.Application:
    """Everything ``serve`` listens on: each platform's endpoint when its settings ask for it
    (``adapters.platforms``). ``<platform>_http=False`` leaves out that platform's endpoint:
    in Socket Mode Slack comes over the websocket instead (``slack_http=False``)."""
    unknown = set(http) - {f"{p.name}_http" for p in platforms.installed()}
    if unknown:
        raise TypeError(f"build_web_app: no platform for {sorted(unknown)}")
    app = web.Application(client_max_size=1024 * 1024)
    app[CORE_KEY] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    attach_calendar(app, core=core)
    for platform in platforms.installed():
        if platform.attach is None or not http.get(f"{platform.name}_http", True):
            continue
        if platform.requested(settings):
            platform.attach(app, core=core, settings=settings)
        elif platform.not_requested:
            logger.info("%s", platform.not_requested)
    if scheduler:
        from scheduler.service import attach as attach_scheduler

        attach_scheduler(app, core=core, settings=settings)
    return app


async def settle_memory(_app: web.Application) -> None:
    """Once the app has started: ``copbot.memory.settle``."""
    settle()


def serving_app(settings: Settings, core: Core, *, scheduler: bool) -> web.Application:
    """The app a serving process runs (``copbot serve``, each of ``--processes``, the
    benches): ``build_web_app``, its memory settled once it has started."""
    app = build_web_app(settings, core, scheduler=scheduler)
    app.on_startup.append(settle_memory)
    return app


def handling_app(settings: Settings, core: Core) -> web.Application:
    """The app a handling process runs (``copbot serve --handlers``), served on no port: each
    requested platform that can hand its inputs on handles them here (``Platform.handle``),
    and every configured platform's sender is registered, so what an input queues for another
    platform goes out from here too."""
    from scheduler.service import platform_senders

    app = web.Application()
    app[CORE_KEY] = core
    for platform in platforms.installed():
        if platform.handle is not None and platform.requested(settings):
            platform.handle(app, core=core, settings=settings)
    senders = platform_senders(settings)
    for platform in platforms.installed():
        sender = senders.get(platform.name)
        if sender is None or platform.name in core.senders:
            continue
        core.senders[platform.name] = sender
        if platform.bind is not None:
            platform.bind(sender, core)
    app.on_startup.append(settle_memory)
    return app


NOTHING_CONFIGURED = """copbot serve: no chat platform is configured, so there is nothing to serve.

Set at least one of:
{platforms}

To try copbot without any platform: `copbot chat` (terminal) or `copbot demo`.
"""


def nothing_configured() -> str:
    return NOTHING_CONFIGURED.format(
        platforms="\n".join(p.how_to_configure for p in platforms.installed() if p.how_to_configure)
    )


def run_server(
    settings: Settings, *, mode: str | None = None, scheduler: bool = True, processes: int = 1
) -> int:
    """``copbot serve``: every platform the settings configure, over HTTP, or one platform
    in another way (``mode``, a flag a platform declares: ``socket-mode``); with ``processes``
    more than one, that many serving processes on one port, and with ``settings.handlers``,
    that many handling processes beside them (``copbot.processes``)."""
    declared = platforms.installed()
    if not any(p.ready(settings) for p in declared):
        print(nothing_configured(), file=sys.stderr)
        for p in declared:
            refused = p.refusal(settings)
            if refused:
                print(refused, file=sys.stderr)
        return 2
    refused = several.refusal(settings, processes=processes, mode=mode)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    core = build_core(settings, deliver_inline=False)
    if mode is not None:
        _, chosen = platforms.modes()[mode]
        return chosen.run(settings, core=core, scheduler=scheduler)
    for p in declared:
        said = p.warning(settings)
        if said:
            logger.warning("%s", said)
    app = serving_app(settings, core, scheduler=scheduler)
    several.start_others(app, settings, processes=processes)
    logger.info(
        "copbot listening on http://%s:%d (%d process%s, %d handling)",
        settings.host, settings.port, processes, "" if processes == 1 else "es",
        settings.handlers,
    )  # fmt: skip
    web.run_app(app, host=settings.host, port=settings.port, print=None, reuse_port=processes > 1)
    return 0
