"""Files in Teams go as files, whole: a consent card in the 1:1 chat, the upload into the
OneDrive session Teams hands over when the person accepts, then a file card.

The invoke payloads follow the published ones: MicrosoftDocs/msteams-docs,
msteams-platform/bots/how-to/bots-filesv4.md ("Invoke activity when the user accepts the
file" and the decline variant, and the FileConsentCard / FileInfoCard attachments).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.files.models import HeldFile
from tests.teams.conftest import TeamsClient, uid
from tests.teams.test_commands import community

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"


def consent_cards(teams: TeamsClient, user: str) -> dict[str, dict[str, Any]]:
    """The files offered to ``user``, but for the calendar every member is offered when the
    schedule changes."""
    return {
        a["name"]: a
        for body in teams.fake.to(f"a:{uid(user)}")
        for a in body.get("attachments", [])
        if a["contentType"] == CONSENT and not a["name"].endswith(".ics")
    }


def answer(teams: TeamsClient, user: str, card: dict[str, Any], action: str) -> tuple[int, Any]:
    """The invoke Teams sends when the person accepts or declines a consent card."""
    name = card["name"]
    value: dict[str, Any] = {
        "type": "fileUpload",
        "action": action,
        "context": card["content"]["acceptContext" if action == "accept" else "declineContext"],
    }
    if action == "accept":
        value["uploadInfo"] = {
            "contentUrl": f"https://contoso.sharepoint.com/personal/{user}/Documents/Applications/{name}",
            "name": name,
            "uploadUrl": teams.fake.upload_url(name),
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
            "fileType": name.rsplit(".", 1)[-1],
            "etag": "123",
        }
    return teams.post(
        teams.activity(
            user,
            conversation=teams.personal_conversation(user),
            type="invoke",
            name="fileConsent/invoke",
            value=value,
        )
    )


def test_a_report_asked_in_the_channel_arrives_whole_as_files(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.run_due(datetime(2027, 1, 12, 9, 0, tzinfo=UTC))  # meeting 1's check-in
    teams.run_due(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))  # two meetings held: charts
    teams.command("ann", "report")
    cards = consent_cards(teams, "ann")
    assert set(cards) == {"report.md", "meetings.csv", "report.html"}
    html = cards["report.html"]
    assert html["content"]["sizeInBytes"] > 20_000  # more than a card could ever carry
    assert "report.html" in html["content"]["description"]
    # The report's text no longer travels cut into a card.
    for body in teams.fake.to(f"a:{uid('ann')}"):
        for attachment in body.get("attachments", []):
            if attachment["contentType"] == "application/vnd.microsoft.card.adaptive":
                assert "```" not in str(attachment["content"])

    status, _ = answer(teams, "ann", html, "accept")
    assert status == 200
    uploaded = teams.fake.uploads["report.html"]
    assert uploaded.startswith(b"<!DOCTYPE html>") and uploaded.endswith(b"</html>\n")
    assert len(uploaded) == html["content"]["sizeInBytes"]
    headers = teams.fake.upload_headers["report.html"]
    assert headers["Content-Range"] == f"bytes 0-{len(uploaded) - 1}/{len(uploaded)}"
    assert "Authorization" not in headers
    [info] = [
        a
        for body in teams.fake.to(f"a:{uid('ann')}")
        for a in body.get("attachments", [])
        if a["contentType"] == FILE_INFO
    ]
    assert info["name"] == "report.html" and info["content"]["fileType"] == "html"
    assert info["contentUrl"].endswith("/Documents/Applications/report.html")

    # Accepting the same card twice uploads nothing more.
    answer(teams, "ann", html, "accept")
    assert "no longer waiting" in teams.dm_last("ann")

    # Declining says so and keeps nothing; someone else cannot take Ann's file.
    status, _ = answer(teams, "bob", cards["meetings.csv"], "accept")
    assert status == 200 and "meetings.csv" not in teams.fake.uploads
    answer(teams, "ann", cards["meetings.csv"], "decline")
    assert "not sent meetings.csv" in teams.dm_last("ann")
    with teams.bot.factory() as session:
        left = sorted(f.name for f in session.scalars(select(HeldFile)))
    assert left == ["report.md"]


def test_my_data_in_the_one_to_one_chat_is_offered_as_a_file(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.chat("bob", "my-data")
    [card] = consent_cards(teams, "bob").values()
    assert card["name"].endswith(".json")
    answer(teams, "bob", card, "accept")
    assert b'"memberships"' in teams.fake.uploads[card["name"]]


def test_forget_me_erases_files_still_waiting_for_consent(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.chat("bob", "my-data")
    teams.chat("bob", "forget-me confirm")
    with teams.bot.factory() as session:
        assert list(session.scalars(select(HeldFile).where(HeldFile.user_id == uid("bob")))) == []


def test_a_consent_for_no_file_of_copbots_is_ignored(teams: TeamsClient) -> None:
    community(teams, "bob")
    teams.fake.clear()
    status, _ = teams.post(
        teams.activity(
            "bob",
            conversation=teams.personal_conversation("bob"),
            type="invoke",
            name="fileConsent/invoke",
            value={"type": "fileUpload", "action": "accept", "context": {}},
        )
    )
    assert status == 200 and teams.fake.calls == [] and teams.fake.uploads == {}
