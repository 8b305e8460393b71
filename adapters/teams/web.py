"""``POST /api/messages``: the Bot Framework endpoint, in the same aiohttp app as Slack.

The handler authenticates, translates the activity (``translate.py``), runs the synchronous
core in a worker thread and answers through the connector (``connector.py``), all before it
returns, so the Bot Framework sees a 200 only once the turn is done.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from adapters.delivery import BackgroundTasks, DeliveryKick, DrainLoop, Journal
from adapters.inbound import Inbound, Malformed, call_core, log_malformed, route
from adapters.teams.auth import Endpoints, Unauthorized, validate_request
from adapters.teams.config import (
    DEV_MODE_IGNORED,
    TeamsCredentials,
    TeamsNotConfigured,
    teams_credentials,
)
from adapters.teams.connector import Connector
from adapters.teams.events import EVENT_TYPES, type_of
from adapters.teams.render import activity as render_activity
from adapters.teams.render import consent_activity, file_info_activity
from adapters.teams.sender import TeamsSender
from adapters.teams.translate import PLATFORM, consent, recipient_id, roster_actors
from bot.context import Actor, Change, Reply
from bot.core import Core
from bot.db import DatabaseUnavailable
from bot.i18n import as_lang, t
from bot.messages import File, Message, names_only, plain, split_files
from bot.outbox.sender import DeliveryError, Recipient
from bot.settings import Settings

logger = logging.getLogger(__name__)

ROUTE = "/api/messages"
# How often stored activities an outage cut off are looked for (a cheap indexed query).
DRAIN_EVERY = 5.0
INVOKE_MESSAGE = "application/vnd.microsoft.activity.message"

DEV_MODE_WARNING = """
**********************************************************************************
 copbot Teams endpoint in DEVELOPMENT MODE: COPBOT_TEAMS_DEV_MODE=1 and no
 MICROSOFT_APP_ID. Activities on %s are accepted WITHOUT authentication, and
 anyone who can reach this port can act as any Teams user. Never expose it.
**********************************************************************************"""


@dataclass
class TeamsEndpoint:
    core: Core
    sender: TeamsSender
    credentials: TeamsCredentials
    endpoints: Endpoints
    tasks: BackgroundTasks = field(default_factory=BackgroundTasks)
    installed_teams: set[str] = field(default_factory=set)
    kick_delivery: DeliveryKick = field(init=False)
    journal: Journal = field(init=False)
    drainer: DrainLoop = field(init=False)

    def __post_init__(self) -> None:
        self.kick_delivery = DeliveryKick(self.core, spawn=self.tasks.spawn)
        self.journal = Journal(self.core)
        self.drainer = DrainLoop(self.drain, tasks=self.tasks, every=DRAIN_EVERY, name="teams")

    @property
    def authenticated(self) -> bool:
        return self.credentials.authenticated

    @property
    def connector(self) -> Connector:
        return self.sender.connector

    async def handle(self, request: web.Request) -> web.StreamResponse:
        auth_header = request.headers.get("Authorization")
        if self.authenticated and not (auth_header or "").startswith("Bearer "):
            return _status(401, "missing Bot Framework token")
        # In dev mode a stray Authorization header is ignored, never validated: botbuilder's
        # own adapter turns it into a 500 when authentication is off.
        body = _activity_or_none(await request.read())
        if self.authenticated:
            # The token is checked before the body is judged, so an unauthenticated caller
            # learns nothing about what copbot would accept. The serviceurl claim must match
            # the activity's, which a body that is not an activity never does.
            fields = body or {}
            try:
                await asyncio.to_thread(
                    validate_request,
                    auth_header,
                    app_id=str(self.credentials.app_id),
                    app_password=self.credentials.app_password,
                    service_url=_field(fields, "serviceUrl"),
                    channel_id=_field(fields, "channelId"),
                    endpoints=self.endpoints,
                )
            except Unauthorized as exc:
                logger.warning("rejected a Teams request: %s", exc)
                return _status(401, "invalid Bot Framework token")
        if body is None:
            return _status(400, "the body is not an activity")
        try:
            inbound = route(EVENT_TYPES, type_of(body), body)
        except Malformed as exc:
            log_malformed("teams", exc)
            return _status(400, str(exc))
        if inbound.ignored:
            logger.debug("ignored Teams %s", inbound.reason)
            return web.Response(status=200)
        # Stored before Teams hears 200: an outage after this only delays the answer.
        try:
            receipt = await self.journal.record(PLATFORM, inbound.key, body)
        except DatabaseUnavailable:
            logger.warning("teams: the database is away; %s not stored", inbound.kind)
            await asyncio.to_thread(self._tell, inbound, "error.unavailable")
            return _done(body, "")
        if receipt is None:
            logger.info("Teams activity %s delivered again; already handled", inbound.key)
            return _done(body, "")
        try:
            answer = await asyncio.to_thread(self.run_turn, inbound, receipt)
        except Malformed as exc:
            # Found only while running the turn (a roster entry, say): still the sender's fault.
            log_malformed("teams", exc)
            await asyncio.to_thread(self.core.finish, receipt, failed=True)
            return _status(400, str(exc))
        except DatabaseUnavailable:
            # Stored: handled once the database is back (``drain``).
            logger.warning("teams: the database is away; input %s waits", receipt)
            await asyncio.to_thread(self._tell, inbound, "error.deferred")
            return _done(body, "")
        finally:
            self.kick_delivery()
        if inbound.kind == "file":
            return web.Response(status=200)
        return _done(body, answer)

    # -- inputs an outage cut off ---------------------------------------------------------
    async def drain(self) -> int:
        """Handle the stored activities whose handling was cut off (an outage, a crash); the
        core runs each once. Returns how many were handed out."""
        try:
            items = await asyncio.to_thread(self.core.cut_off, PLATFORM)
        except DatabaseUnavailable:
            return 0
        for receipt, payload in items:
            try:
                inbound = route(EVENT_TYPES, type_of(payload), payload)
                await asyncio.to_thread(self.run_turn, inbound, receipt)
            except Malformed:
                await asyncio.to_thread(self.core.finish, receipt, failed=True)
            except DatabaseUnavailable:
                return len(items)
        if items:
            self.kick_delivery()
        return len(items)

    async def start(self, _app: web.Application) -> None:
        self.drainer.start()

    async def close(self, _app: web.Application) -> None:
        await self.drainer.stop()
        await self.tasks.close()
        self.journal.close()

    async def idle(self) -> None:
        """Wait until the background work so far (deliveries, a drain pass) has finished."""
        await self.tasks.idle()

    def _tell(self, inbound: Inbound, key: str) -> None:
        """A word to the person that needs no database: in the activity's own conversation
        when it is their 1:1 chat, else in their 1:1 chat."""
        if inbound.actor is None:
            return
        reply = Reply(plain(t(as_lang(inbound.actor.lang), key)))
        self._deliver(inbound, reply)

    # -- the turn, in a worker thread -------------------------------------------------------
    def run_turn(self, inbound: Inbound, receipt: int | None = None) -> str:
        self._installed(inbound)
        for change in inbound.changes:
            if change.kind == "workspace_removed" and change.workspace_id:
                self.installed_teams.discard(change.workspace_id)
        if inbound.kind == "file":
            self._consented(inbound)
            self.core.finish(receipt)
            return ""
        replies = (
            self._members_sync(inbound, receipt)
            if inbound.kind == "roster"
            else call_core(self.core, inbound, receipt=receipt)
        )
        for reply in replies:
            self._deliver(inbound, reply)
        return names_only("\n".join(r.message.text for r in replies))[:1000]

    def _installed(self, inbound: Inbound) -> None:
        """Someone used copbot in this team, so the app is installed there: what waited while
        it was removed is released (once per team and process)."""
        team = inbound.place.team_id if inbound.place is not None else None
        if inbound.kind == "change" or not team or team in self.installed_teams:
            return
        self.installed_teams.add(team)
        try:
            self.core.handle_change(Change("workspace_restored", PLATFORM, workspace_id=team))
        except DatabaseUnavailable:
            self.installed_teams.discard(team)  # asked again with the next input
            raise

    def _members_sync(self, inbound: Inbound, receipt: int | None) -> list[Reply]:
        actor, place = inbound.actor, inbound.place
        assert actor is not None and place is not None
        # A refused sync costs no roster call.
        refusal = self.core.refusal(actor, place, inbound.text)
        if refusal:
            self.core.finish(receipt)
            return refusal
        activity = inbound.payload
        # A channel's people are the team's members; a group chat's are the chat's.
        roster_of = place.team_id or place.conversation_id
        try:
            people = self.connector.members(str(activity["serviceUrl"]), roster_of)
        except DeliveryError as exc:
            logger.warning("could not read the Teams roster of %s: %s", roster_of, exc)
            self.core.finish(receipt)
            return [Reply(plain(t(as_lang(actor.lang), "roster.unreadable")))]
        bot_id = recipient_id(activity)
        others = [p for p in people if p.get("id") and p["id"] not in (bot_id, actor.user_id)]
        roster = roster_actors(others, activity=activity)
        return call_core(self.core, inbound, roster=roster, receipt=receipt)

    def _deliver(self, inbound: Inbound, reply: Reply) -> None:
        place, actor = inbound.place, inbound.actor
        message, files = split_files(reply.message)
        try:
            if (place is not None and place.kind == "dm") or reply.visibility == "channel":
                self._post(inbound.payload, message, thread=reply.visibility == "channel")
            elif actor is not None:
                # Teams has no ephemeral messages: a private answer goes to the 1:1 chat.
                recipient = Recipient(PLATFORM, actor.user_id, address=actor.address)
                self.sender.send(recipient, message)
            for file in files:
                self._offer(inbound, file)
        except DeliveryError as exc:
            logger.warning("could not answer in Teams: %s", exc)

    # -- files: Teams' consent flow in the 1:1 chat --------------------------------------------
    def _offer(self, inbound: Inbound, file: File) -> None:
        """A file goes as a file, whole: held by the core, offered with a consent card in the
        person's 1:1 chat (bots may only upload there), uploaded once they accept."""
        actor, place = inbound.actor, inbound.place
        if actor is None or place is None:
            return
        lang = self.core.lang(actor, place)
        token = self.core.hold_file(actor, file)
        description = t(lang, "files.offer", name=file.name, size=_size(file))
        body = consent_activity(file, token=token, description=description)
        if place.kind == "dm":
            activity = inbound.payload
            self.connector.send(
                str(activity["serviceUrl"]), str(activity["conversation"]["id"]), body
            )
        else:
            recipient = Recipient(PLATFORM, actor.user_id, address=actor.address)
            self.sender.send_activity(recipient, body)

    def _consented(self, inbound: Inbound) -> None:
        actor, place, activity = inbound.actor, inbound.place, inbound.payload
        assert actor is not None and place is not None
        answer = consent(activity)
        assert answer is not None  # the translator let only readable answers through
        lang = self.core.lang(actor, place)
        file = self.core.take_file(actor, answer.token)
        if file is None:
            self._post(activity, plain(t(lang, "files.gone")), thread=False)
            return
        if not answer.accepted:
            self._post(activity, plain(t(lang, "files.declined", name=file.name)), thread=False)
            return
        try:
            self.connector.upload(answer.upload_url, file.content.encode("utf-8"))
        except DeliveryError as exc:
            logger.warning("upload of %s failed: %s", file.name, exc)
            # Offered again, so the person can accept a fresh card.
            self._offer(inbound, file)
            self._post(activity, plain(t(lang, "files.failed", name=file.name)), thread=False)
            return
        self.connector.send(
            str(activity["serviceUrl"]),
            str(activity["conversation"]["id"]),
            file_info_activity(
                name=answer.name or file.name,
                content_url=answer.content_url,
                unique_id=answer.unique_id,
                file_type=answer.file_type or file.name.rsplit(".", 1)[-1],
            ),
        )

    def _post(self, activity: dict[str, Any], message: Message, *, thread: bool) -> None:
        service_url = _field(activity, "serviceUrl")
        conversation = activity.get("conversation")
        conversation_id = _field(conversation, "id") if isinstance(conversation, dict) else ""
        if not service_url or not conversation_id:
            logger.warning("a Teams activity without serviceUrl or conversation: not answered")
            return
        body = render_activity(message)
        if thread and activity.get("id"):
            body["replyToId"] = activity["id"]
            self.connector.reply(service_url, conversation_id, str(activity["id"]), body)
        else:
            self.connector.send(service_url, conversation_id, body)


def holder(core: Core) -> Callable[[Recipient, File], str]:
    """How the outbox's DMs hand a file to Teams' consent flow: the core keeps it for the
    recipient, and their answer comes back here (``_consented``) like a reply's."""
    return lambda recipient, file: core.hold_file(Actor(PLATFORM, recipient.recipient), file)


def _size(file: File) -> str:
    size = len(file.content.encode("utf-8"))
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def _done(body: dict[str, Any], answer: str) -> web.Response:
    if body.get("type") == "invoke":
        # Action.Execute: the HTTP response is the invoke response itself.
        return web.json_response(
            {"statusCode": 200, "type": INVOKE_MESSAGE, "value": answer or "OK"}
        )
    return web.Response(status=200)


def _activity_or_none(raw: bytes) -> dict[str, Any] | None:
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: thousands of nested brackets, which the JSON parser gives up on.
        return None
    return body if isinstance(body, dict) else None


def _field(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    return value if isinstance(value, str) else ""


def _status(code: int, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=code)


TEAMS_KEY = web.AppKey("teams", TeamsEndpoint)


def attach(
    app: web.Application,
    *,
    core: Core,
    settings: Settings,
    endpoints: Endpoints | None = None,
) -> TeamsEndpoint | None:
    """Serve ``POST /api/messages`` and register the Teams sender with the core.

    Returns None (and says why in the log) when Teams cannot run safely with these settings.
    """
    try:
        credentials = teams_credentials(settings)
    except TeamsNotConfigured as exc:
        logger.error("%s", exc)
        return None
    endpoints = endpoints or Endpoints()
    if credentials.authenticated:
        if settings.teams_dev_mode:
            logger.warning(DEV_MODE_IGNORED)
    else:
        logger.warning(DEV_MODE_WARNING, ROUTE)
    sender = TeamsSender.from_credentials(credentials, endpoints=endpoints)
    sender.hold = holder(core)
    core.senders[PLATFORM] = sender
    endpoint = TeamsEndpoint(core=core, sender=sender, credentials=credentials, endpoints=endpoints)
    app[TEAMS_KEY] = endpoint
    app.router.add_post(ROUTE, endpoint.handle)
    app.on_startup.append(endpoint.start)
    app.on_cleanup.append(endpoint.close)
    logger.info(
        "Teams endpoint on %s (%s)",
        ROUTE,
        "authenticated" if credentials.authenticated else "DEV MODE, no auth",
    )
    return endpoint
