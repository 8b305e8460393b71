"""The ``copbot`` command: serve, chat, demo, migrate, scheduler."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace

from adapters import platforms
from bot.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="copbot", description="copbot: a Community of Practice bot"
    )
    parser.add_argument("--database-url", help="overrides COPBOT_DATABASE_URL")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the chat platforms' endpoints and the scheduler")
    # Each platform's other ways to serve (Slack's --socket-mode) and its own commands (the
    # console's chat) come from its declaration (adapters/<name>/platform.py).
    for flag, (_, mode) in platforms.modes().items():
        serve.add_argument(
            f"--{flag}", dest="mode", action="store_const", const=flag, help=mode.help
        )
    serve.add_argument("--no-scheduler", action="store_true", help="do not run timed work here")
    serve.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="serve from N processes on one port (PostgreSQL only; the scheduler runs in one)",
    )
    serve.add_argument(
        "--handlers",
        type=int,
        default=None,
        metavar="N",
        help="handle Slack's inputs in N processes of their own, the serving ones only store "
        "and acknowledge them (PostgreSQL only; default COPBOT_HANDLERS, else 0)",
    )
    for own in platforms.commands().values():
        sub.add_parser(own.name, help=own.help)
    demo = sub.add_parser("demo", help="play an 18-month sample programme")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--out", default="demo-output")
    demo.add_argument("--quiet", action="store_true")
    sub.add_parser(
        "migrate",
        help="create or upgrade the database schema, and replan every community by this "
        "release's rules",
    )
    sub.add_parser("scheduler", help="run only the scheduler, as its own process")

    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command != "migrate" and not args.verbose:
        # Every other command migrates (or imports Alembic) on the way to its real work;
        # Alembic's INFO lines would bury what matters: the demo's output, the conversation,
        # or what `serve` needs to be told. `copbot migrate` keeps them: there they are the news.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    settings = Settings.from_env()
    if args.database_url:
        settings = replace(settings, database_url=args.database_url)

    if args.command == "migrate":
        from copbot.migrate import replan, upgrade

        upgrade(settings.database_url)
        planned = replan(settings.database_url)
        print(
            f"database at {settings.database_url} is up to date; "
            f"{planned} {'community' if planned == 1 else 'communities'} replanned"
        )
        return 0
    own_command = platforms.commands().get(args.command)
    if own_command is not None:
        return own_command.run(settings)
    if args.command == "demo":
        from copbot.demo import run_demo

        return run_demo(settings, seed=args.seed, out_dir=args.out, quiet=args.quiet)
    if args.command == "serve":
        from copbot.server import run_server

        if args.handlers is not None:
            settings = replace(settings, handlers=args.handlers)
        return run_server(
            settings, mode=args.mode, scheduler=not args.no_scheduler, processes=args.processes
        )
    if args.command == "scheduler":
        from copbot.memory import settle
        from scheduler.service import run_standalone

        return run_standalone(settings, started=settle)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
