"""Slack on one URL, ``POST /slack/events``: events, the ``/cop`` command and interactivity.

A request is verified, parsed, translated through ``events.EVENT_TYPES``, stored and
acknowledged at once; the work (``work.py``: the person's profile, the core in a worker
thread, the replies) runs in the background (``SlackAdapter.spawn``), so Slack gets its
answer well within 3 seconds whatever the core does. Inputs stored and not yet handled are
``stored.py``'s. Socket Mode (``socket.py``) hands its envelopes to the same
``receive``.

With ``copbot serve --handlers N`` the work leaves the serving process: it stores, announces
and acknowledges (``Role.ACKNOWLEDGE``), and the handling processes claim the stored inputs
and do the rest (``Role.HANDLE``, mounted by ``handle``). An acknowledgement then never waits
for the core's share of the interpreter, and the kernel, not the GIL, gives it the CPU first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import aiohttp
from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import BackgroundTasks, DeliveryKick, DrainLoop, Journal
from adapters.inbound import Inbound, Malformed, log_malformed, route
from adapters.slack import translate
from adapters.slack.client import make_async_client, make_session
from adapters.slack.events import EVENT_TYPES
from adapters.slack.installer import InstallerRecords
from adapters.slack.installs import (
    TOKEN_ERRORS,
    BotToken,
    Install,
    Installations,
    Tokens,
    tokens_from,
)
from adapters.slack.sender import SlackSender, api_error
from adapters.slack.stored import drain
from adapters.slack.users import DmDirectory, UserDirectory
from adapters.slack.work import Speaker, Work, handle_input, prepare
from bot.context import Reply
from bot.core import Core
from bot.db import DatabaseUnavailable, is_outage
from bot.i18n import LANGS, t
from bot.journal.wakeup import listen
from bot.settings import Settings

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
T = TypeVar("T")
# How often stored inputs an outage cut off are looked for (a cheap indexed query).
DRAIN_EVERY = 5.0
# Set while ``handle`` answers a request: the event is set once the answer has been sent.
ACK_SENT: ContextVar[asyncio.Event] = ContextVar("slack_ack_sent")
# Threads that run the core for people's inputs. The core is CPU-bound under the GIL: more
# threads do not answer faster, they only take turns with the event loop, which then has
# less time to acknowledge (at 50 requests at once, 6 threads made acknowledgements wait
# behind core work). On PostgreSQL a thread also waits for the server's round trips, so a
# few more overlap those waits. A handling process (``Role.HANDLE``) runs one core call at a
# time: the database server does not know the handler's lower CPU priority, and one
# transaction at a time keeps the handler's share of it small beside the acknowledgements'
# inserts (at 50 clicks at once, 4 threads doubled the acknowledgements' p99). More
# throughput is more handlers.
CORE_THREADS = {"sqlite": 2, "other": 4, "handling": 1}


class Role(Enum):
    """What a process does with Slack's inputs."""

    SERVE = "serve"  # store, acknowledge and handle them (one process, or --processes)
    ACKNOWLEDGE = "acknowledge"  # store, announce and acknowledge; handlers do the rest
    HANDLE = "handle"  # no endpoint: claim the stored inputs and handle them (--handlers)


@dataclass(frozen=True)
class Ack:
    """What Slack gets back for a payload, over HTTP or on the socket."""

    status: int = 200
    body: JSON | None = None

    def response(self) -> web.Response:
        if self.body is not None:
            return web.json_response(self.body, status=self.status)
        return web.Response(status=self.status)


class SlackAdapter:
    """Acknowledges Slack's payloads, runs them through the core, answers."""

    def __init__(
        self,
        *,
        core: Core,
        settings: Settings,
        tokens: Tokens | None = None,
        role: Role = Role.SERVE,
    ) -> None:
        self.core = core
        self.settings = settings
        self.role = role
        self.tokens = tokens or tokens_from(settings)
        # With one SLACK_BOT_TOKEN, the client for everything; with installations, the
        # model the workspaces' clients are made from (one per token, one pooled session).
        self.client = make_async_client(
            token=settings.slack_bot_token if self.tokens.single else None,
            base_url=settings.slack_api_url,
        )
        self._clients: dict[str, AsyncWebClient] = {}
        self._session: aiohttp.ClientSession | None = None
        self.users = UserDirectory()
        self.dms = DmDirectory()
        secret = settings.slack_signing_secret or ""
        self.verifier = SignatureVerifier(secret) if secret else None
        self._bot_user: str | None = None
        self.installed_teams: set[str] = set()
        self._auth_lock = asyncio.Lock()
        kind = "sqlite" if settings.database_url.startswith("sqlite") else "other"
        if role is Role.HANDLE:
            kind = "handling"
        self.core_threads = ThreadPoolExecutor(CORE_THREADS[kind], thread_name_prefix="core")
        self.tasks = BackgroundTasks()
        self.kick_delivery = DeliveryKick(core, spawn=self.spawn)
        self.journal = Journal(core, handed_on=role is Role.ACKNOWLEDGE)
        self.drainer = DrainLoop(self.drain, tasks=self.tasks, every=DRAIN_EVERY, name="slack")
        self._listener: asyncio.Task[None] | None = None
        # Per person, the last answer ``drain`` sends in the background: the next waits for it.
        self._answering: dict[str, asyncio.Future[None]] = {}

    async def authorize(self) -> str | None:
        """copbot's own user id with SLACK_BOT_TOKEN (auth.test), asked once."""
        async with self._auth_lock:
            if self._bot_user is None:
                response = await self.client.auth_test()
                self._bot_user = str(response.get("user_id") or "") or None
            return self._bot_user

    async def speaker(self, install: Install) -> Speaker | None:
        """copbot in the workspace of ``install``: its client and bot user. With
        installations the token comes from the database once and then from the process's
        cache (refreshed when it nears expiry); None where copbot is not installed."""
        if self.tokens.single:
            # Its bot user is asked (auth.test) only where it is needed: the roster, changes.
            return Speaker(install, self.client, self._bot_user)
        bot = self.tokens.cached(install)
        if bot is None:
            try:
                bot = await asyncio.to_thread(self.tokens.bot, install)
            except Exception as exc:
                if not is_outage(exc):
                    raise
                raise DatabaseUnavailable(str(exc)) from exc
        if bot is None:
            logger.warning(
                "slack: no installation for %s/%s; nothing answered",
                install.enterprise_id,
                install.team_id,
            )
            return None
        return Speaker(install, self._client_of(bot), bot.bot_user_id)

    def _client_of(self, bot: BotToken) -> AsyncWebClient:
        client = self._clients.get(bot.token)
        if client is None:
            client = make_async_client(
                token=bot.token, base_url=self.settings.slack_api_url, session=self._session
            )
            self._clients[bot.token] = client
        return client

    def shown_in(self, install: Install) -> str | None:
        """The workspace a message sent through ``install`` is shown in, for the renderer:
        None with one SLACK_BOT_TOKEN, where copbot speaks for one workspace only."""
        return None if self.tokens.single else install.team_id

    @property
    def bot_user_id(self) -> str | None:
        return self._bot_user

    # -- HTTP ----------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        """``POST /slack/events``. Verify first: a forged request is refused before its body
        is even parsed; a genuine one that cannot be parsed is a client error, never a 500."""
        raw = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return web.Response(status=400, text="body is not UTF-8")
        if not self.verified(text, headers):
            return web.Response(status=401, text="invalid request signature")
        try:
            body = translate.parse_body(text, request.content_type)
        except Malformed as exc:
            log_malformed("slack", exc)
            return web.Response(status=400, text="malformed body")
        if body.get("type") == "url_verification":
            return web.json_response({"challenge": translate.text_of(body.get("challenge"))})
        if body.get("ssl_check"):
            return web.Response(status=200)
        acked = asyncio.Event()
        token = ACK_SENT.set(acked)
        try:
            signature = headers.get("x-slack-signature")
            answer = (await self.receive(body, signature=signature)).response()
            await answer.prepare(request)
            await answer.write_eof()
            return answer
        finally:
            ACK_SENT.reset(token)
            acked.set()

    def verified(self, body: str, headers: dict[str, str]) -> bool:
        """Slack's signature, and a timestamp within five minutes. A timestamp that is not a
        whole number of seconds (``abc``, ``1796572025.0``) is simply not Slack's."""
        stamp = headers.get("x-slack-request-timestamp", "")
        valid = (
            self.verifier is not None
            and stamp.isascii()
            and stamp.isdigit()
            and self.verifier.is_valid_request(body, headers)
        )
        if not valid:
            logger.warning("slack: refused a request without a valid signature")
        return valid

    async def receive(self, body: JSON, *, signature: str | None = None) -> Ack:
        """The one way in for HTTP and Socket Mode: translate, store, acknowledge, work later.

        The input is in the inbound journal before Slack hears 200: an outage after that only
        delays it. Its key makes it once: an event's id (Slack's retries), or else the request
        signature, so a captured signed command or click replayed within Slack's five minutes
        is acknowledged and ignored."""
        try:
            inbound = route(EVENT_TYPES, translate.type_of(body), body)
        except Malformed as exc:
            log_malformed("slack", exc)
            return Ack(400)
        if inbound.ignored:
            logger.debug("slack: ignored (%s)", inbound.reason)
            return Ack()
        key = inbound.key or (f"sig:{signature}" if signature else None)
        try:
            receipt = await self.journal.record(translate.PLATFORM, key, body)
        except DatabaseUnavailable:
            return self._cannot_store(inbound)
        if receipt is None:
            logger.info("slack: %s was received before; not handled again", key)
            return Ack()
        if self.role is not Role.ACKNOWLEDGE:
            self.spawn(handle_input(self, inbound, receipt))
        return Ack()

    def _cannot_store(self, inbound: Inbound) -> Ack:
        """The database is away before the input could be stored. Slack delivers an event
        again when it is refused; a command or click it does not, so the person is told."""
        logger.warning("slack: the database is away; %s not stored", inbound.kind)
        if inbound.payload.get("type") == "event_callback":
            return Ack(503)
        if inbound.payload.get("type") == "view_submission":
            # Keeps the form open with the person's answers, to submit again in a minute.
            return Ack(200, translate.form_error(inbound.payload, self._unavailable_text(inbound)))
        self.spawn(self._tell_unavailable(inbound))
        return Ack()

    def _unavailable_text(self, inbound: Inbound) -> str:
        lang = self.users.cached_lang(inbound.actor.user_id) if inbound.actor else None
        if lang is not None:
            return t(lang, "error.unavailable")
        return " / ".join(t(each, "error.unavailable") for each in LANGS)

    async def _tell_unavailable(self, inbound: Inbound) -> None:
        try:
            work = await prepare(self, inbound)
        except DatabaseUnavailable:
            # With installations the token is in the database too: nothing can be said.
            logger.warning("slack: the database is away; cannot tell anyone")
            return
        if work is not None:
            await work.replies.apologise(work.origin, t(work.actor.lang, "error.unavailable"))

    # -- background work ------------------------------------------------------------------
    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Start work in the background. Work started while a request is being answered
        waits until the answer has been written: otherwise a worker thread busy with the core
        holds the GIL while the event loop still has Slack's acknowledgement to send."""
        acked = ACK_SENT.get(None)
        if acked is not None and not acked.is_set():
            work = self._after(acked, work)
        self.tasks.spawn(work)

    @staticmethod
    async def _after(acked: asyncio.Event, work: Coroutine[Any, Any, None]) -> None:
        try:
            await acked.wait()
        except asyncio.CancelledError:
            work.close()  # never started; closing it spares a "never awaited" warning
            raise
        await work

    async def idle(self) -> None:
        """Wait until every piece of started work (and what it started) has finished."""
        await self.tasks.idle()

    async def start(self, _app: web.Application | None = None) -> None:
        """Give the Web API client one pooled HTTP session (it needs the running loop), and
        start handling inputs an outage or a crash cut off; a handling process also listens
        for the inputs the serving processes announce. A serving process that hands its
        inputs on leaves all of that to the handlers."""
        if self._session is None:
            self._session = make_session()
            self.client.session = self._session
            for client in self._clients.values():
                client.session = self._session
        if self.role is Role.ACKNOWLEDGE:
            return
        self.drainer.start()
        # Announcements are PostgreSQL's (``--handlers`` refuses SQLite).
        postgres = not self.settings.database_url.startswith("sqlite")
        if self.role is Role.HANDLE and postgres and self._listener is None:
            self._listener = asyncio.get_running_loop().create_task(
                listen(self.settings.database_url, self._announced)
            )

    def _announced(self, platform: str) -> None:
        if platform in ("", translate.PLATFORM):
            self.drainer.wake()

    async def close(self, _app: web.Application | None = None) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
        await self.drainer.stop()
        await self.tasks.close()
        self.journal.close()
        self.core_threads.shutdown(wait=False, cancel_futures=True)
        if self._session is not None:
            self.client.session = None
            self._clients.clear()
            await self._session.close()
            self._session = None

    async def in_core_thread(self, call: Callable[[], T]) -> T:
        """Run a core call on the core's threads (``CORE_THREADS``)."""
        return await asyncio.get_running_loop().run_in_executor(self.core_threads, call)

    async def drain(self) -> int:
        """Handle the stored inputs whose claim has lapsed (``stored.drain``)."""
        return await drain(self)

    @property
    def handles_only(self) -> bool:
        """A handling process: every input it handles was stored by another."""
        return self.role is Role.HANDLE

    async def finish(self, receipt: int | None) -> None:
        try:
            await asyncio.to_thread(self.core.finish, receipt)
        except DatabaseUnavailable:
            logger.warning("slack: input %s handled, not yet marked so", receipt)

    async def run(
        self, work: Work, call: Callable[[], list[Reply]] | None, *, answer_later: bool = False
    ) -> None:
        """Run one core call in a thread and send its replies: the one error handler. The core
        turns its own typed errors into friendly replies; Slack refusing an answer is one
        warning line; anything else is copbot's bug, logged with its traceback.
        ``answer_later``: the replies are sent in the background (``drain``'s next input
        need not wait for Slack)."""
        origin = work.origin
        try:
            replies = await self.in_core_thread(call) if call is not None else []
        except DatabaseUnavailable:
            # Stored in the journal: handled once the database is back (``drain``).
            logger.warning("slack: the database is away; input from %s waits", origin.user_id)
            await work.replies.apologise(origin, t(work.actor.lang, "error.deferred"))
            self.kick_delivery()
            return
        except Exception:
            logger.exception("handling slack input from %s failed", origin.user_id)
            await work.replies.apologise(origin, t(work.actor.lang, "error.internal"))
            self.kick_delivery()
            return
        if not answer_later:
            await self.answer(work, replies)
            return
        # In the background, after the same person's answer before it (their order kept).
        previous = self._answering.get(origin.user_id)
        done = asyncio.get_running_loop().create_future()
        self._answering[origin.user_id] = done
        self.spawn(self._answer_in_turn(previous, done, work, replies))

    async def _answer_in_turn(
        self,
        previous: asyncio.Future[None] | None,
        done: asyncio.Future[None],
        work: Work,
        replies: list[Reply],
    ) -> None:
        try:
            if previous is not None:
                await previous
            await self.answer(work, replies)
        finally:
            done.set_result(None)
            if self._answering.get(work.origin.user_id) is done:
                del self._answering[work.origin.user_id]

    async def answer(self, work: Work, replies: list[Reply]) -> None:
        """Send the replies of a core call, then deliver what it queued (the person hears the
        answer to what they did before the DMs it sets off)."""
        origin = work.origin
        try:
            await work.replies.send(origin, replies)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            # Slack refused or did not take the answer (a long rate limit, say): one line, and
            # a last private word where one still gets through.
            detail = api_error(exc) if isinstance(exc, SlackApiError) else repr(exc)
            logger.warning("could not answer %s in Slack: %s", origin.user_id, detail)
            if detail in TOKEN_ERRORS:
                self.tokens.stale(work.speaker.install)
            await work.replies.apologise(origin, t(work.actor.lang, "error.internal"))
        except Exception:
            logger.exception("answering slack input from %s failed", origin.user_id)
            await work.replies.apologise(origin, t(work.actor.lang, "error.internal"))
        finally:
            self.kick_delivery()


SLACK_KEY = web.AppKey("slack", SlackAdapter)


def install(
    app: web.Application, *, core: Core, settings: Settings, role: Role = Role.SERVE
) -> SlackAdapter:
    """The adapter, kept in ``app``, and the Slack sender registered with the core: what the
    HTTP endpoint, Socket Mode and a handling process all need."""
    # One set of tokens for answering and for the outbox: a token refreshed by one is the
    # other's too. Installations live in the core's database.
    tokens = tokens_from(settings, engine=core.session_factory.kw.get("bind"))
    adapter = SlackAdapter(core=core, settings=settings, tokens=tokens, role=role)
    core.senders.setdefault(translate.PLATFORM, SlackSender.from_settings(settings, tokens=tokens))
    if isinstance(tokens, Installations):
        # The installation records name their installer: forget-me erases them there too.
        core.records.setdefault(translate.PLATFORM, InstallerRecords())
    app[SLACK_KEY] = adapter
    return adapter


def attach(app: web.Application, *, core: Core, settings: Settings) -> SlackAdapter:
    """Mount ``POST /slack/events`` and register the Slack sender with the core. With
    handlers (``settings.handlers``) the endpoint stores and acknowledges only."""
    role = Role.ACKNOWLEDGE if settings.handlers > 0 else Role.SERVE
    adapter = install(app, core=core, settings=settings, role=role)
    app.router.add_post("/slack/events", adapter.handle)
    if isinstance(adapter.tokens, Installations):
        from adapters.slack.oauth import attach_install_pages

        attach_install_pages(app, adapter=adapter, installations=adapter.tokens)
    app.on_startup.append(adapter.start)
    app.on_cleanup.append(adapter.close)
    logger.info("slack endpoint mounted at /slack/events (Web API at %s)", settings.slack_api_url)
    return adapter


def handle(app: web.Application, *, core: Core, settings: Settings) -> SlackAdapter:
    """A handling process (``copbot serve --handlers``): no endpoint; the stored inputs the
    serving processes announce are claimed and handled here, and answered from here."""
    adapter = install(app, core=core, settings=settings, role=Role.HANDLE)
    app.on_startup.append(adapter.start)
    app.on_cleanup.append(adapter.close)
    return adapter
