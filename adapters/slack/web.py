"""Slack on one URL, ``POST /slack/events``: events, the ``/cop`` command and interactivity.

Every listener only acknowledges and schedules the work (``SlackAdapter.spawn``), so Slack gets
its answer well within 3 seconds whatever the core does; the core itself is synchronous and runs
in a worker thread. Replies then go out through the Web API or the command's response_url, and
messages the core queued for others are delivered by ``Core.deliver`` in the background.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from functools import partial
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import BackgroundTasks, DeliveryKick
from adapters.roster import is_members_sync
from adapters.slack import translate
from adapters.slack.client import TIMEOUT_SECONDS, make_async_client, make_session
from adapters.slack.home import publish_home
from adapters.slack.render import FORM_CALLBACK
from adapters.slack.replies import Origin, ReplySender
from adapters.slack.sender import SlackSender, api_error
from adapters.slack.users import UserDirectory, actor_from
from bot.context import Actor, Place, Reply
from bot.core import Core
from bot.i18n import t
from bot.settings import Settings

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
Ack = Callable[..., Awaitable[Any]]
ROSTER_CONCURRENCY = 5
# Set while ``handle`` answers a request: the event is set once the answer has been sent.
ACK_SENT: ContextVar[asyncio.Event] = ContextVar("slack_ack_sent")


class SlackAdapter:
    """The bolt app, the background work it starts, and the way back to Slack."""

    def __init__(
        self,
        *,
        core: Core,
        settings: Settings,
    ) -> None:
        self.core = core
        self.settings = settings
        self.client = make_async_client(
            token=settings.slack_bot_token, base_url=settings.slack_api_url
        )
        self._session: aiohttp.ClientSession | None = None
        self.users = UserDirectory(self.client)
        self.replies = ReplySender(self.client)
        secret = settings.slack_signing_secret or ""
        self.verifier = SignatureVerifier(secret) if secret else None
        self._auth: AuthorizeResult | None = None
        self._auth_lock = asyncio.Lock()
        self.tasks = BackgroundTasks()
        self.kick_delivery = DeliveryKick(core, spawn=self.spawn)
        self.bolt = self._build_bolt()

    # -- bolt ----------------------------------------------------------------------------
    def _build_bolt(self) -> AsyncApp:
        # An explicit ``authorize`` keeps bolt on our single bot token: without it bolt switches
        # to an OAuth installation store as soon as SLACK_CLIENT_ID/SECRET are in the environment.
        # The client carries no token; bolt gives each request a copy with ours.
        bolt = AsyncApp(
            # Bolt names its logger after the app and resets that logger's level on the first
            # request: "copbot" would silently change the level of every copbot.* logger.
            name="copbot-slack",
            client=AsyncWebClient(base_url=self.settings.slack_api_url, timeout=TIMEOUT_SECONDS),
            signing_secret=self.settings.slack_signing_secret or "unused-in-socket-mode",
            authorize=lambda: self.authorize(),
            # ``handle`` verifies every request before bolt sees it (Socket Mode needs no
            # signature), so bolt need not check the same signature a second time.
            request_verification_enabled=False,
            # Listeners only ack and schedule work, so running them before the response costs
            # nothing and spares bolt's 10 ms polling for the ack.
            process_before_response=True,
        )
        # bolt injects arguments by parameter name and skips a method's ``self``.
        bolt.command(re.compile(r"^/cop"))(self._on_command)
        bolt.action(re.compile(r".*"))(self._on_action)
        bolt.view(FORM_CALLBACK)(self._on_view)
        bolt.event("message")(self._on_message)
        bolt.event("app_mention")(self._on_mention)
        bolt.event("app_home_opened")(self._on_home)
        return bolt

    async def authorize(self) -> AuthorizeResult:
        """Who the bot is (auth.test), asked once: copbot runs on a single bot token."""
        async with self._auth_lock:
            if self._auth is None:
                response = await self.client.auth_test()
                self._auth = AuthorizeResult.from_auth_test_response(
                    bot_token=self.settings.slack_bot_token, auth_test_response=response
                )
            return self._auth

    @property
    def bot_user_id(self) -> str | None:
        return self._auth.bot_user_id if self._auth is not None else None

    # -- HTTP ----------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        """``POST /slack/events``. Verify first: a forged request is refused before its body
        is even parsed; a genuine one that cannot be parsed is a client error, never a 500."""
        raw = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return web.Response(status=400, text="body is not UTF-8")
        if self.verifier is None or not self.verifier.is_valid_request(body, headers):
            return web.Response(status=401, text="invalid request signature")
        try:
            bolt_request = AsyncBoltRequest(
                body=body,
                query=request.query_string,
                headers=headers,  # type: ignore[arg-type]
            )
        except Exception:  # invalid JSON in the body or in its ``payload`` field
            return web.Response(status=400, text="malformed body")
        if not isinstance(bolt_request.body, dict) or not bolt_request.body:
            return web.Response(status=400, text="malformed body")
        acked = asyncio.Event()
        token = ACK_SENT.set(acked)
        try:
            response = await self.bolt.async_dispatch(bolt_request)
            if response.status >= 500:
                # Our listeners only ack; bolt fails so on payloads it cannot make sense of.
                logger.error("slack request bolt could not handle (%s)", response.body[:200])
                return web.Response(status=400, text="malformed payload")
            answer = await to_aiohttp_response(response)
            await answer.prepare(request)
            await answer.write_eof()
            return answer
        finally:
            ACK_SENT.reset(token)
            acked.set()

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
        """Give the Web API client one pooled HTTP session (it needs the running loop)."""
        if self._session is None:
            self._session = make_session()
            self.client.session = self._session

    async def close(self, _app: web.Application | None = None) -> None:
        await self.tasks.close()
        if self._session is not None:
            self.client.session = None
            await self._session.close()
            self._session = None

    async def _run(
        self, actor: Actor, origin: Origin, call: Callable[[], list[Reply]] | None
    ) -> None:
        """Run one core call in a thread and send its replies. The core turns its own typed
        errors into friendly replies; this is the one place that does the same for ours."""
        try:
            replies = await asyncio.to_thread(call) if call is not None else []
            await self.replies.send(origin, replies)
        except Exception:
            logger.exception("handling slack input from %s failed", actor.user_id)
            await self.replies.apologise(origin, t(actor.lang, "error.internal"))
        finally:
            self.kick_delivery()

    # -- listeners: ack now, work later ---------------------------------------------------
    async def _on_command(self, ack: Ack, body: JSON) -> None:
        await ack()
        self.spawn(self._command(body))

    async def _command(self, body: JSON) -> None:
        channel = str(body.get("channel_id") or "")
        team = translate.team_of(body)
        dm = translate.dm_channel(channel)
        actor = await self.users.actor(translate.user_of(body), dm_channel=dm)
        place = translate.place_for(channel, team)
        text = str(body.get("text") or "")
        origin = Origin(
            user_id=actor.user_id,
            channel_id=channel or None,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
        )
        # A DM has no roster to invite (and reading one needs a scope copbot does not ask
        # for): there the core explains that members sync belongs in a channel.
        if is_members_sync(text) and place.kind != "dm":
            await self._members_sync(actor, place, origin)
            return
        await self._run(actor, origin, lambda: self.core.handle_command(actor, place, text))

    async def _members_sync(self, actor: Actor, place: Place, origin: Origin) -> None:
        try:
            roster = await self._roster(place.conversation_id)
        except SlackApiError as exc:
            logger.info("conversations.members failed: %s", api_error(exc))
            await self.replies.apologise(origin, t(actor.lang, "roster.unavailable"))
            return
        await self._run(actor, origin, lambda: self.core.handle_roster(actor, place, roster))

    async def _roster(self, channel_id: str) -> list[Actor]:
        ids: list[str] = []
        cursor: str | None = None
        while True:
            response = await self.client.conversations_members(
                channel=channel_id, limit=200, cursor=cursor
            )
            ids.extend(str(u) for u in response.get("members") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        limit = asyncio.Semaphore(ROSTER_CONCURRENCY)

        async def look_up(user_id: str) -> Actor | None:
            async with limit:
                profile = await self.users.profile(user_id)
            if not profile.is_human or user_id == self.bot_user_id:
                return None
            return actor_from(user_id, profile)

        found = await asyncio.gather(*(look_up(u) for u in dict.fromkeys(ids)))
        return [a for a in found if a is not None]

    async def _on_action(self, ack: Ack, body: JSON) -> None:
        await ack()
        self.spawn(self._action(body))

    async def _action(self, body: JSON) -> None:
        channel = translate.channel_of_action(body)
        dm = translate.dm_channel(channel)
        actor = await self.users.actor(translate.user_of(body), dm_channel=dm)
        place = translate.clicked_place(channel, translate.team_of(body), actor)
        origin = Origin(
            user_id=actor.user_id,
            channel_id=channel,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
        )
        for action in body.get("actions") or []:
            submission = translate.action_submission(action)
            await self._run(
                actor, origin, partial(self.core.handle_action, actor, place, submission)
            )
            # A trigger id opens one modal only.
            origin = Origin(origin.user_id, origin.channel_id, origin.response_url)

    async def _on_view(self, ack: Ack, body: JSON) -> None:
        # Acknowledging without a response_action closes the modal; the answer follows in chat.
        await ack()
        self.spawn(self._view(body))

    async def _view(self, body: JSON) -> None:
        submission, channel = translate.view_submission(body.get("view") or {})
        dm = translate.dm_channel(channel)
        actor = await self.users.actor(translate.user_of(body), dm_channel=dm)
        place = translate.clicked_place(channel, translate.team_of(body), actor)
        origin = Origin(user_id=actor.user_id, channel_id=channel)
        await self._run(actor, origin, lambda: self.core.handle_action(actor, place, submission))

    async def _on_message(self, body: JSON, event: JSON) -> None:
        # Only people talking to the bot in its DM; edits, joins and bots are not answers.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        if not event.get("user") or event.get("user") == self.bot_user_id:
            return
        self.spawn(self._message(body, event))

    async def _message(self, body: JSON, event: JSON) -> None:
        if await self._seen(body):
            return
        channel = str(event.get("channel") or "")
        actor = await self.users.actor(str(event["user"]), dm_channel=channel)
        place = translate.place_for(channel, translate.team_of(body))
        origin = Origin(user_id=actor.user_id, channel_id=channel)
        text = str(event.get("text") or "")
        await self._run(actor, origin, lambda: self.core.handle_message(actor, place, text))

    async def _on_mention(self, body: JSON, event: JSON) -> None:
        if event.get("user") and not event.get("bot_id"):
            self.spawn(self._mention(body, event))

    async def _mention(self, body: JSON, event: JSON) -> None:
        if await self._seen(body):
            return
        channel = str(event.get("channel") or "")
        actor = await self.users.actor(str(event["user"]))
        place = translate.place_for(channel, translate.team_of(body))
        origin = Origin(user_id=actor.user_id, channel_id=channel)
        text = translate.strip_mention(str(event.get("text") or ""), self.bot_user_id)
        if is_members_sync(text):
            await self._members_sync(actor, place, origin)
            return
        await self._run(actor, origin, lambda: self.core.handle_command(actor, place, text))

    async def _on_home(self, body: JSON, event: JSON) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            self.spawn(publish_home(self, str(event["user"])))

    async def _seen(self, body: JSON) -> bool:
        """Slack retries an event it thinks we missed, with the same event_id. The record is
        written here, when we actually handle it, so a retry of a lost delivery still counts."""
        event_id = body.get("event_id")
        if not event_id:
            return False
        key = f"{translate.team_of(body) or '-'}:{event_id}"
        seen = await asyncio.to_thread(self.core.seen_event, translate.PLATFORM, key)
        if seen:
            logger.info("slack event %s already handled", key)
        return seen


SLACK_KEY = web.AppKey("slack", SlackAdapter)


def install(app: web.Application, *, core: Core, settings: Settings) -> SlackAdapter:
    """The adapter, kept in ``app``, and the Slack sender registered with the core: what the
    HTTP endpoint and Socket Mode both need."""
    adapter = SlackAdapter(core=core, settings=settings)
    core.senders.setdefault(translate.PLATFORM, SlackSender.from_settings(settings))
    app[SLACK_KEY] = adapter
    return adapter


def attach(app: web.Application, *, core: Core, settings: Settings) -> SlackAdapter:
    """Mount ``POST /slack/events`` and register the Slack sender with the core."""
    adapter = install(app, core=core, settings=settings)
    app.router.add_post("/slack/events", adapter.handle)
    app.on_startup.append(adapter.start)
    app.on_cleanup.append(adapter.close)
    logger.info("slack endpoint mounted at /slack/events (Web API at %s)", settings.slack_api_url)
    return adapter
