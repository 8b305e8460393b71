"""Charts and maps in Slack: drawn as PNG, uploaded with the files API (files_upload_v2 is
``files.getUploadURLExternal`` → upload → ``files.completeUploadExternal``) without sharing
them anywhere, and shown in the message by an image block that refers to the file.

An upload completes asynchronously: until Slack has processed the file, a message whose
image block names it is refused (``invalid_blocks``). So each upload waits until
``files.info`` reports the file's type, a few short polls at most; a picture that could not
be uploaded or did not become ready is shown as text instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.charts.draw import png
from bot.charts.text import picture_text
from bot.messages import Chart, Message, Network, Picture

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
# Waits between files.info polls, in seconds: about 3 s in all before giving up.
READY_WAITS = (0.2, 0.4, 0.8, 1.6)
# Upload problems after which the picture is shown as text (the app lacks files:write,
# or the workspace refuses uploads); anything else is the usual delivery error.
TEXT_INSTEAD = frozenset({"missing_scope", "not_allowed", "no_permission", "unknown_method"})


def pictures(message: Message) -> list[tuple[int, Picture]]:
    return [(i, b) for i, b in enumerate(message.blocks) if isinstance(b, Chart | Network)]


def file_name(picture: Picture, index: int) -> str:
    kind = "map" if isinstance(picture, Network) else "chart"
    return f"copbot-{kind}-{index + 1}.png"


def image_block(file_id: str, picture: Picture) -> JSON:
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": picture_text(picture)[:2000],
        "title": {"type": "plain_text", "text": picture.title[:2000] or " ", "emoji": True},
    }


def _ready(info: JSON) -> bool:
    found = info.get("file") or {}
    return bool(found.get("mimetype"))


def _uploaded_id(response: Any) -> str:
    found = response.get("file") or (response.get("files") or [{}])[0]
    return str(found.get("id") or "")


def _refused(exc: SlackApiError) -> bool:
    data = exc.response.data
    return isinstance(data, dict) and data.get("error") in TEXT_INSTEAD


def upload_pictures(
    client: WebClient, message: Message, *, sleep: Callable[[float], None] = time.sleep
) -> dict[int, str]:
    """Upload every picture of ``message``; block index -> file id of those that are ready."""
    found: dict[int, str] = {}
    for index, picture in pictures(message):
        try:
            response = client.files_upload_v2(
                file=png(picture), filename=file_name(picture, index), title=picture.title
            )
            file_id = _uploaded_id(response)
            for wait in (0.0, *READY_WAITS):
                if wait:
                    sleep(wait)
                if file_id and _ready(client.files_info(file=file_id).data):  # type: ignore[arg-type]
                    found[index] = file_id
                    break
            else:
                logger.warning("uploaded picture %s never became ready; shown as text", file_id)
        except SlackApiError as exc:
            if not _refused(exc):
                raise
            logger.info("picture upload refused (%s); shown as text", exc.response.get("error"))
    return found


def blocking_twin(client: AsyncWebClient) -> WebClient:
    """A synchronous client with the same token and address, for uploading pictures from a
    worker thread while an answer is being made (one upload routine for both senders)."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2)],
    )
