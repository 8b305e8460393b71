"""Answers to the person who just typed or clicked: ephemeral, in their DM, in the channel,
or as a modal when the core replied with a form."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.client import TIMEOUT_SECONDS, retry_handlers
from adapters.slack.images import blocking_twin, pictures, upload_pictures
from adapters.slack.render import code_block, message_payload, modal_view
from adapters.slack.sender import UPLOAD_FALLBACK_ERRORS, api_error
from adapters.slack.translate import dm_channel
from bot.context import Reply, Visibility
from bot.messages import File, Form, Message, plain, split_files

logger = logging.getLogger(__name__)

# The bot cannot post where it was not invited; the command's response_url still can.
NOT_THERE = frozenset({"not_in_channel", "channel_not_found"})


@dataclass(frozen=True)
class Origin:
    """Where an input came from, and the handles Slack gave us to answer it."""

    user_id: str
    channel_id: str | None
    response_url: str | None = None
    trigger_id: str | None = None  # valid once, for 3 seconds: opens a modal
    # The channel is copbot's own DM with this person (confirmed, see users.DmDirectory).
    own_dm: bool = False
    # copbot is part of the channel; not so in a DM between two colleagues, where it answers
    # the caller privately and never posts.
    present: bool = True

    @property
    def in_dm(self) -> bool:
        return self.own_dm and dm_channel(self.channel_id) is not None


class ReplySender:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        workspace: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        # Where the answers are shown (the workspace ``client`` speaks for), so that people
        # of another workspace of the community are named, not mentioned; None: the only one.
        self.workspace = workspace
        self.sleep = sleep  # between polls for an uploaded picture (in a worker thread)

    async def send(self, origin: Origin, replies: list[Reply]) -> None:
        trigger = origin.trigger_id
        for reply in replies:
            rest, files = split_files(reply.message)
            forms = [b for b in rest.blocks if isinstance(b, Form)]
            if forms and trigger:
                view = modal_view(forms[0], channel_id=origin.channel_id)
                await self.client.views_open(trigger_id=trigger, view=view)
                trigger = None
                rest = Message(rest.text, tuple(b for b in rest.blocks if b is not forms[0]))
            if rest.blocks or rest.text.strip():
                await self.post(origin, rest, reply.visibility)
            for file in files:
                await self._file(origin, file)

    async def post(self, origin: Origin, message: Message, visibility: Visibility) -> None:
        images = (
            await asyncio.to_thread(
                upload_pictures, blocking_twin(self.client), message, sleep=self.sleep
            )
            if pictures(message)
            else {}
        )
        payload = message_payload(message, images=images, workspace=self.workspace)
        channel = origin.channel_id
        if origin.in_dm and channel:
            await self.client.chat_postMessage(channel=channel, **payload)
            return
        if visibility == "channel" and channel and origin.present:
            try:
                await self.client.chat_postMessage(channel=channel, **payload)
                return
            except SlackApiError as exc:
                if api_error(exc) not in NOT_THERE or not origin.response_url:
                    raise
            if await self._respond(origin, payload, "in_channel"):
                return
        if origin.response_url and await self._respond(origin, payload, "ephemeral"):
            return
        if channel and origin.present:
            try:
                await self.client.chat_postEphemeral(
                    channel=channel, user=origin.user_id, **payload
                )
                return
            except SlackApiError as exc:
                if api_error(exc) not in NOT_THERE:
                    raise
        # Nowhere else to answer (a modal, the Home tab, a channel without the bot): the DM.
        await self.client.chat_postMessage(channel=await self._dm(origin), **payload)

    async def _respond(self, origin: Origin, payload: dict[str, object], kind: str) -> bool:
        assert origin.response_url is not None
        hook = AsyncWebhookClient(
            origin.response_url,
            timeout=TIMEOUT_SECONDS,
            session=self.client.session,  # the pooled one, when the adapter has started
            retry_handlers=retry_handlers(),
        )
        try:
            response = await hook.send(
                text=str(payload["text"]),
                blocks=payload["blocks"],  # type: ignore[arg-type]
                response_type=kind,
                replace_original=False,
            )
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            logger.warning("response_url unreachable (%r); falling back", exc)
            return False
        if response.status_code != 200:
            # response_urls expire after 30 minutes or five uses.
            logger.info("response_url answered %s; falling back", response.status_code)
            return False
        return True

    async def _dm(self, origin: Origin) -> str:
        if origin.in_dm and origin.channel_id:
            return origin.channel_id
        response = await self.client.conversations_open(users=origin.user_id)
        return str((response.get("channel") or {})["id"])

    async def _file(self, origin: Origin, file: File) -> None:
        """Files go to the person's DM: an ephemeral message cannot carry one, and a report
        is not for the whole channel."""
        channel = await self._dm(origin)
        try:
            await self.client.files_upload_v2(
                channel=channel, filename=file.name, title=file.name, content=file.content
            )
        except SlackApiError as exc:
            if api_error(exc) not in UPLOAD_FALLBACK_ERRORS:
                raise
            await self.client.chat_postMessage(channel=channel, text=code_block(file))

    async def apologise(self, origin: Origin, text: str) -> None:
        """A last, private word when handling failed; never raises."""
        try:
            await self.post(origin, plain(text), "private")
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("could not tell %s that something failed: %r", origin.user_id, exc)
        except Exception:
            logger.exception("could not tell %s that something failed", origin.user_id)
