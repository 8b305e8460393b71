"""A fake Slack at its HTTP edge: the Web API methods copbot calls, response_urls, file
uploads and a Socket Mode websocket. It runs on its own thread and event loop on port 0,
records every call, and can fail on demand (429 with Retry-After, or an API error).

Point slack_sdk at it with ``base_url=fake.api_url``; sign inbound requests with ``sign``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.slack.scopes import APP_TOKEN_METHODS, METHOD_SCOPES

JSON = dict[str, Any]
BOT_USER = "UBOT"
TEAM = "T0001"


@dataclass
class Call:
    method: str
    args: JSON
    token: str | None = None
    # The client's (address, port): calls over one pooled connection share it.
    peer: tuple[str, int] | None = None
    # When it arrived (time.perf_counter, the same clock in every process of the machine).
    at: float = field(default_factory=time.perf_counter)


@dataclass
class Failure:
    error: str
    status: int = 200
    retry_after: int | None = None
    times: int = 1


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack adds to every request it sends to an app."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = f"v0:{ts}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class FakeSlack:
    users: dict[str, JSON] = field(default_factory=dict)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    page_size: int = 2  # small, so pagination is exercised
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    # The bot token's scopes; a method needing another answers missing_scope, as Slack does.
    # None grants everything.
    granted: frozenset[str] | None = None
    # files.info reports an uploaded file without its type this many times before it is
    # ready, as Slack does while it processes an upload.
    processing_polls: int = 1
    # Called with every recorded call, on the fake's own thread (a bench awaiting answers).
    on_call: Callable[[Call], None] | None = None
    # OAuth: what oauth.v2.access answers for an authorization code or a refresh token
    # (a published response with the installation's ids), and every bot token Slack issued
    # with the installation it speaks for. Once a token was issued, only issued tokens that
    # were not revoked are accepted (invalid_auth / token_revoked), as Slack does.
    grants: dict[str, JSON] = field(default_factory=dict)
    refreshes: dict[str, JSON] = field(default_factory=dict)
    issued: dict[str, JSON] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._cond = threading.Condition()
        self._failures: dict[str, list[Failure]] = {}
        self._holds: dict[str, threading.Event] = {}
        self._ids = itertools.count(1)
        self._polls: dict[str, int] = {}
        self.completed: dict[str, JSON] = {}  # file id -> its files.completeUploadExternal entry
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.socket_envelopes: asyncio.Queue[JSON] | None = None
        self.socket_acks: list[JSON] = []

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self._serve())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup() if self._runner else asyncio.sleep(0))
            loop.close()

        self._thread = threading.Thread(target=run, name="fake-slack", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Slack did not start")
        return self

    def stop(self) -> None:
        for gate in list(self._holds.values()):
            gate.set()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{hook}", self._respond)
        app.router.add_post("/upload/{file}", self._upload)
        app.router.add_get("/socket", self._socket)
        self.socket_envelopes = asyncio.Queue()
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        return f"{self.base}api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base}respond/{name}"

    # -- programming it ----------------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        tz: str = "Europe/Amsterdam",
        locale: str = "en-US",
        bot: bool = False,
        deleted: bool = False,
        team: str = TEAM,
        enterprise: str | None = None,
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": team,
            "name": name.lower(),
            "real_name": name,
            "tz": tz,
            "locale": locale,
            "is_bot": bot,
            "deleted": deleted,
            "profile": {"display_name": name, "real_name": name},
        }
        if enterprise:
            self.users[user_id]["enterprise_user"] = {"enterprise_id": enterprise, "teams": [team]}

    def fail(
        self,
        method: str,
        error: str,
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail."""
        with self._cond:
            self._failures.setdefault(method, []).append(
                Failure(error, status=status, retry_after=retry_after, times=times)
            )

    def rate_limit(self, method: str, *, retry_after: int = 7, times: int = 1) -> None:
        self.fail(method, "ratelimited", status=429, retry_after=retry_after, times=times)

    def hold(self, method: str) -> threading.Event:
        """Record calls of ``method`` but keep their answers back until the returned event is
        set: a slow Slack, without anyone sleeping."""
        gate = threading.Event()
        with self._cond:
            self._holds[method] = gate
        return gate

    # -- what happened -----------------------------------------------------------------------
    def of(self, method: str, predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._cond:
            return [
                c for c in self.calls if c.method == method and (predicate is None or predicate(c))
            ]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10,
    ) -> list[Call]:
        """Block until ``count`` matching calls were recorded (no sleeping: a condition)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self.of(method, predicate)
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"no {count}x {method} within {timeout}s; saw {seen}")
                self._cond.wait(remaining)

    async def await_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10,
    ) -> list[Call]:
        return await asyncio.to_thread(
            self.wait_for, method, predicate, count=count, timeout=timeout
        )

    def texts(self, method: str = "chat.postMessage", channel: str | None = None) -> list[str]:
        return [
            str(c.args.get("text", ""))
            for c in self.of(method)
            if channel is None or c.args.get("channel") == channel
        ]

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    # -- handlers ----------------------------------------------------------------------------
    def _record(
        self, method: str, args: JSON, token: str | None, request: web.Request | None = None
    ) -> Failure | None:
        peer = None
        if request is not None and request.transport is not None:
            peer = request.transport.get_extra_info("peername")
        with self._cond:
            call = Call(method, args, token, tuple(peer) if peer else None)
            self.calls.append(call)
            self._cond.notify_all()
            if self.on_call is not None:
                self.on_call(call)
            queue = self._failures.get(method)
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: JSON = dict(request.query)
        raw = await request.text()
        if request.content_type == "application/json" and raw:
            args.update(json.loads(raw))
        elif raw:
            args.update(dict(parse_qsl(raw)))
        for key in ("blocks", "view", "files", "metadata"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        auth = request.headers.get("Authorization", "")
        if method == "oauth.v2.access":
            # The app authenticates with its client id and secret (HTTP Basic), no token.
            self._record(method, {**args, "authorization": auth}, None, request)
            return web.json_response(self._oauth(args, auth))
        token = auth.removeprefix("Bearer ") or args.get("token")
        failure = self._record(method, args, token, request)
        gate = self._holds.get(method)
        if gate is not None:
            await asyncio.get_running_loop().run_in_executor(None, gate.wait, 30)
        if failure is not None:
            retry_after = failure.retry_after
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return web.json_response(
                {"ok": False, "error": failure.error}, status=failure.status, headers=headers
            )
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        if token in self.revoked:
            return web.json_response({"ok": False, "error": "token_revoked"})
        if self.issued and token not in self.issued and not str(token).startswith("xapp-"):
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "auth.test" and token in self.issued:
            return web.json_response(self.issued[token])
        refused = self._refuse(method, str(token))
        if refused is not None:
            return web.json_response(refused)
        return web.json_response(self._answer(method, args))

    # -- OAuth ---------------------------------------------------------------------------
    def grant(self, code: str, response: JSON) -> None:
        """``code`` (what Slack gives the installer's browser) is exchanged for ``response``;
        its bot token is issued for the installation it names."""
        self.grants[code] = response
        self._issue(response)

    def refresh(self, refresh_token: str, response: JSON) -> None:
        self.refreshes[refresh_token] = response
        self._issue(response)

    def _issue(self, response: JSON) -> None:
        team = response.get("team") or {}
        enterprise = response.get("enterprise") or {}
        self.issued[str(response["access_token"])] = {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": team.get("name"),
            "user": "copbot",
            "team_id": team.get("id"),
            "user_id": response.get("bot_user_id"),
            "bot_id": "B" + str(response.get("bot_user_id", "")).removeprefix("U"),
            "enterprise_id": enterprise.get("id"),
            "is_enterprise_install": bool(response.get("is_enterprise_install")),
        }

    def revoke(self, token: str) -> None:
        self.revoked.add(token)

    def _oauth(self, args: JSON, auth: str) -> JSON:
        if not auth.startswith("Basic "):
            return {"ok": False, "error": "invalid_client_id"}
        if args.get("grant_type") == "refresh_token":
            found = self.refreshes.pop(str(args.get("refresh_token")), None)
            return found or {"ok": False, "error": "invalid_refresh_token"}
        found = self.grants.pop(str(args.get("code")), None)  # a code is good once
        return found or {"ok": False, "error": "invalid_code"}

    def team_of_token(self, token: str | None) -> str | None:
        return (self.issued.get(token or "") or {}).get("team_id")

    def _refuse(self, method: str, token: str) -> JSON | None:
        """Slack's answer when this token may not call this method."""
        if (method in APP_TOKEN_METHODS) != token.startswith("xapp-"):
            return {"ok": False, "error": "not_allowed_token_type"}
        if self.granted is None or method not in METHOD_SCOPES:
            return None
        missing = METHOD_SCOPES[method] - self.granted
        if missing:
            return {
                "ok": False,
                "error": "missing_scope",
                "needed": ",".join(sorted(missing)),
                "provided": ",".join(sorted(self.granted)),
            }
        return None

    def _answer(self, method: str, args: JSON) -> JSON:
        n = next(self._ids)
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "B0001", "team_id": TEAM}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if method == "conversations.open":
            user = str(args.get("users", "")).split(",")[0]
            return {"ok": True, "channel": {"id": "D" + user.removeprefix("U")}}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": args.get("channel"), "ts": f"1700000000.{n:06d}"}
        if method == "conversations.history":
            return self._history(args)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{n:06d}"}
        if method in ("views.open", "views.publish", "views.update"):
            return {"ok": True, "view": {"id": f"V{n}", **(args.get("view") or {})}}
        if method == "users.info":
            found = self.users.get(str(args.get("user")))
            return (
                {"ok": True, "user": found} if found else {"ok": False, "error": "user_not_found"}
            )
        if method == "conversations.members":
            return self._members(args)
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.base}upload/F{n}", "file_id": f"F{n}"}
        if method == "files.completeUploadExternal":
            files = args.get("files") or []
            for f in files:
                self.completed[str(f["id"])] = {**f, "channel_id": args.get("channel_id")}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "files.info":
            return self._file_info(str(args.get("file")))
        return {"ok": False, "error": "unknown_method"}

    def _file_info(self, file_id: str) -> JSON:
        """An uploaded and completed file: without its type while 'processing'."""
        if file_id not in self.completed or file_id not in self.uploads:
            return {"ok": False, "error": "file_not_found"}
        with self._cond:
            polls = self._polls[file_id] = self._polls.get(file_id, 0) + 1
        ready = polls > self.processing_polls
        data = self.uploads[file_id]
        is_png = data.startswith(b"\x89PNG")
        return {
            "ok": True,
            "file": {
                "id": file_id,
                "title": self.completed[file_id].get("title"),
                "size": len(data),
                "mimetype": ("image/png" if is_png else "text/plain") if ready else "",
                "filetype": ("png" if is_png else "text") if ready else "",
            },
        }

    def _history(self, args: JSON) -> JSON:
        """The channel's messages as posted through chat.postMessage, newest first."""
        channel = str(args.get("channel"))
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._cond:
            posted = [c.args for c in self.calls if c.method == "chat.postMessage"]
        messages = [
            {"type": "message", "text": a.get("text", "")}
            | ({"metadata": a["metadata"]} if with_metadata and a.get("metadata") else {})
            for a in posted
            if str(a.get("channel")) == channel
        ]
        limit = int(args.get("limit") or 100)
        return {"ok": True, "messages": messages[::-1][:limit], "has_more": False}

    def _members(self, args: JSON) -> JSON:
        channel = str(args.get("channel"))
        if channel not in self.channel_members:
            return {"ok": False, "error": "channel_not_found"}
        members = self.channel_members[channel]
        start = int(args.get("cursor") or 0)
        page = members[start : start + self.page_size]
        end = start + self.page_size
        cursor = str(end) if end < len(members) else ""
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": cursor}}

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._record("response_url", {"hook": request.match_info["hook"], **body}, None, request)
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        name = request.match_info["file"]
        self.uploads[name] = await request.read()
        self._record("upload", {"file": name, "size": len(self.uploads[name])}, None)
        return web.Response(text="OK - uploaded")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, push queued envelopes, record the acks."""
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        assert self.socket_envelopes is not None
        queue = self.socket_envelopes

        async def pump() -> None:
            while not ws.closed:
                envelope = await queue.get()
                await ws.send_json(envelope)

        pumping = asyncio.create_task(pump())
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    data = json.loads(msg.data)
                    self._record("socket_ack", data, None)
        finally:
            pumping.cancel()
        return ws

    def push_envelope(self, envelope: JSON) -> None:
        assert self._loop is not None and self.socket_envelopes is not None
        self._loop.call_soon_threadsafe(self.socket_envelopes.put_nowait, envelope)
