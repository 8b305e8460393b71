"""``GET /calendar/<token>.ics``: a member's personal calendar feed, for calendar apps that
subscribe to an address (Outlook, Google Calendar, Apple Calendar). The token is the secret;
an unknown, reset or switched-off one is a plain 404."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.core import Core
from bot.invites.service import feed


def attach(app: web.Application, *, core: Core) -> None:
    async def calendar_feed(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body = await asyncio.to_thread(feed, core.session_factory, token=token, now=core.clock())
        if body is None:
            return web.Response(status=404, text="Not found")
        return web.Response(
            text=body,
            content_type="text/calendar",
            charset="utf-8",
            # Personal: never in a shared cache; calendar apps poll, a few minutes is fresh.
            headers={"Cache-Control": "private, max-age=300"},
        )

    app.router.add_get("/calendar/{token}.ics", calendar_feed)
