"""Core messages -> Block Kit.

Slack's limits are applied here (header 150 chars, section 3000, 10 fields per section,
50 blocks, modal title 24) so the core never has to know them. A person copbot names becomes
``<@U…>`` wherever Slack reads mrkdwn (the fallback text, sections, fields) and their name in
plain text (headers, buttons, modal labels), where Slack shows a mention as typed.

A community may span two Slack workspaces. A user id means nothing in a workspace that does
not know the person (Slack shows a broken mention), so everything that renders takes the
``workspace`` the message is shown in, and names there whoever joined in another one. A
Slack Connect channel's member from another organisation joined in the channel's workspace,
and stays mentioned there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters.slack.images import image_block
from bot.charts.text import picture_text
from bot.messages import (
    Block,
    Buttons,
    Chart,
    Fields,
    File,
    Form,
    Header,
    Message,
    Network,
    Person,
    Question,
    Text,
    names_only,
    render_people,
)

JSON = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_TEXT = 39000  # chat.postMessage truncates at 40,000 characters
FORM_CALLBACK = "copbot.form"
# Block Kit wants action ids unique within a block; repeated core ids get "#<n>" appended,
# which the inbound side strips again (see ``core_action_id``).
SUFFIX = "#"


PLATFORM = "slack"


def mention(person: Person, *, workspace: str | None = None) -> str:
    return f"<@{person.user_id}>" if person.on(PLATFORM, workspace=workspace) else person.name


def mrkdwn(text: str, *, workspace: str | None = None) -> str:
    """A core text for a place Slack reads as mrkdwn: the people in it mentioned (those
    ``workspace`` knows; the others by name)."""
    return render_people(text, lambda person: mention(person, workspace=workspace))


def _plain(text: str, limit: int) -> JSON:
    return {"type": "plain_text", "text": _cut(names_only(text), limit) or " ", "emoji": True}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(text: str, workspace: str | None) -> JSON:
    body = _cut(mrkdwn(text, workspace=workspace), MAX_SECTION)
    return {"type": "section", "text": {"type": "mrkdwn", "text": body}}


def core_action_id(slack_action_id: str) -> str:
    return slack_action_id.split(SUFFIX, 1)[0]


def code_block(file: File) -> str:
    """A file shown inline, for when it cannot be uploaded."""
    body = file.content.replace("```", "'''")
    room = MAX_SECTION - len(file.name) - 12
    return f"*{file.name}*\n```{_cut(body, room)}```"


def render_block(block: Block, *, workspace: str | None = None) -> list[JSON]:
    if isinstance(block, Header):
        return [{"type": "header", "text": _plain(block.text, 150)}] if block.text else []
    if isinstance(block, Text):
        return [_section(block.text, workspace)] if block.text.strip() else []
    if isinstance(block, Fields):
        cells = [
            {"type": "mrkdwn", "text": _cut(mrkdwn(f"*{k}*\n{v}", workspace=workspace), 2000)}
            for k, v in block.pairs
        ]
        return [{"type": "section", "fields": cells[i : i + 10]} for i in range(0, len(cells), 10)]
    if isinstance(block, Buttons):
        return _actions(block)
    if isinstance(block, File):
        return [_section(code_block(block), workspace)]
    if isinstance(block, Chart | Network):
        # Not uploaded (no files:write, or not ready in time): the picture as text.
        return [_section(f"```{_cut(picture_text(block), MAX_SECTION - 6)}```", workspace)]
    # A form inside a message cannot open by itself (a modal needs a click's trigger id);
    # show what it asks so the member can answer by replying.
    lines = [f"*{block.title}*", *(f"• {q.label}" for q in block.questions)]
    return [_section(names_only("\n".join(lines)), workspace)]


def _actions(block: Buttons) -> list[JSON]:
    seen: dict[str, int] = {}
    elements: list[JSON] = []
    for button in block.buttons[:25]:
        count = seen.get(button.action_id, 0)
        seen[button.action_id] = count + 1
        element: JSON = {
            "type": "button",
            "text": _plain(button.label, 75),
            "action_id": button.action_id if count == 0 else f"{button.action_id}{SUFFIX}{count}",
            "value": button.value[:2000],
        }
        if button.style != "default":
            element["style"] = button.style
        elements.append(element)
    return [{"type": "actions", "elements": elements}] if elements else []


def render_blocks(
    message: Message,
    *,
    skip_forms: bool = False,
    images: Mapping[int, str] | None = None,
    workspace: str | None = None,
) -> list[JSON]:
    """Block Kit for ``message`` shown in ``workspace``; ``images`` maps the index of a chart
    or map block to the uploaded file that shows it (see ``adapters.slack.images``)."""
    blocks: list[JSON] = []
    for index, block in enumerate(message.blocks):
        if skip_forms and isinstance(block, Form):
            continue
        file_id = (images or {}).get(index)
        if file_id is not None and isinstance(block, Chart | Network):
            blocks.append(image_block(file_id, block))
            continue
        blocks.extend(render_block(block, workspace=workspace))
    return blocks[:MAX_BLOCKS]


def fallback_text(message: Message, *, workspace: str | None = None) -> str:
    """The notification text; Slack shows it where blocks cannot be shown."""
    text = message.text.strip()
    if not text:
        parts = [b.text for b in message.blocks if isinstance(b, Header | Text)]
        text = "\n".join(parts) or "copbot"
    return _cut(mrkdwn(text, workspace=workspace), MAX_TEXT)


def message_payload(
    message: Message,
    *,
    skip_forms: bool = False,
    images: Mapping[int, str] | None = None,
    workspace: str | None = None,
) -> JSON:
    """``text`` + ``blocks`` arguments for chat.postMessage / chat.postEphemeral / respond,
    for a message shown in ``workspace`` (None: copbot speaks for one workspace only)."""
    blocks = render_blocks(message, skip_forms=skip_forms, images=images, workspace=workspace)
    return {"text": fallback_text(message, workspace=workspace), "blocks": blocks}


# -- forms as modals -----------------------------------------------------------------------
def modal_view(form: Form, *, channel_id: str | None) -> JSON:
    """A modal whose submission comes back as the form's core action (see ``form_metadata``)."""
    metadata = json.dumps({"a": form.action_id, "v": form.value, "c": channel_id or ""})
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "title": _plain(form.title, 24),
        "submit": _plain(form.submit_label, 24),
        "close": _plain("×", 24),
        "private_metadata": metadata[:3000],
        "blocks": [_input(q) for q in form.questions][:MAX_BLOCKS],
    }


def _input(question: Question) -> JSON:
    element: JSON
    if question.choices:
        options = [
            {"text": _plain(label, 75), "value": value[:150]} for value, label in question.choices
        ]
        kind = "radio_buttons" if len(options) <= 10 else "static_select"
        element = {"type": kind, "action_id": "value", "options": options[:100]}
    else:
        element = {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": question.multiline,
        }
    return {
        "type": "input",
        "block_id": question.id,
        "label": _plain(question.label, 2000),
        "optional": question.optional,
        "element": element,
    }


def home_view(message: Message, *, workspace: str | None = None) -> JSON:
    blocks = render_blocks(message, skip_forms=True, workspace=workspace)
    return {"type": "home", "blocks": blocks}
