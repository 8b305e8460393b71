"""The repository explains itself: its documents point only at files inside it, the Slack
guide puts things in an order Slack accepts, docker-compose works without a `.env` on any
Compose v2, and the settings newcomers ask about are documented."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# A path written in backticks that climbs out of the document's folder: `../x/y.md`.
CLIMBING = re.compile(r"`(\.\./[^`\s]+)`")


def test_documents_point_only_at_files_inside_the_repository() -> None:
    assert (ROOT / "docs" / "DESIGN.md").exists()
    problems = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        targets = [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]
        targets += CLIMBING.findall(text)
        for target in targets:
            path = (document.parent / target).resolve()
            if not path.is_relative_to(ROOT) or not path.exists():
                problems.append(f"{document.relative_to(ROOT)}: {target}")
    assert not problems, problems


def test_the_architecture_page_sends_the_reader_to_the_design_in_docs() -> None:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "](DESIGN.md)" in text and "shared" not in text
    design = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    for section in ("The domain", "Architecture", "Names that stay fixed"):
        assert section in design


def test_the_slack_guide_runs_copbot_and_the_tunnel_before_enabling_events() -> None:
    text = (ROOT / "docs" / "SLACK.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\d+)\. (.+)$", text, flags=re.M)
    order = [title for _, title in headings]
    tunnel = next(i for i, t in enumerate(order) if "public address" in t)
    create = next(i for i, t in enumerate(order) if "Create the Slack app" in t)
    run = next(i for i, t in enumerate(order) if t.startswith("Run copbot"))
    events = next(i for i, t in enumerate(order) if "switch the events on" in t)
    assert tunnel < create < run < events, order
    assert [int(n) for n, _ in headings] == list(range(1, len(headings) + 1))
    assert "That is\nfine" not in text and "is fine; step" not in text


def names_read_by_settings() -> set[str]:
    class Recording(dict[str, str]):
        def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
            self.setdefault(key, "")
            return default or ""

    seen = Recording()
    Settings.from_env(seen)
    return set(seen)


def test_docker_compose_passes_every_setting_without_needing_a_dot_env() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    copbot = compose["services"]["copbot"]
    # `env_file` with `required: false` needs Compose 2.24 or later.
    assert "env_file" not in copbot
    environment = copbot["environment"]
    missing = names_read_by_settings() - set(environment)
    assert not missing, f"settings copbot reads but docker-compose does not pass: {missing}"
    # The rest comes from .env or the shell by name; unset, it arrives empty (= not set),
    # except where the deployment has a default of its own (a handling process on PostgreSQL).
    fixed = {"COPBOT_DATABASE_URL", "COPBOT_HOST", "COPBOT_PORT"}
    defaults = {"COPBOT_HANDLERS": "1"}
    for name in names_read_by_settings() - fixed:
        expected = f"${{{name}:-{defaults.get(name, '')}}}"
        assert environment[name] == expected, (name, environment[name])


def test_the_readme_documents_closed_communities_and_the_core_group() -> None:
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "With `open=no` the community is closed" in text
    assert "**core group**" in text and "the organisers and the facilitators" in text
    assert "Demoting someone to participant takes them out of the core group" in text
