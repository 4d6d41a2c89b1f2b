"""``servicematning results backfill``: fold stored answers, invitations and declines into the
running totals once (shared/cli/backfill.py says why it is safe to run again)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from shared.platform.settings import BackfillSettings, SettingsError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("results", help="maintain the results' running totals")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    backfill = actions.add_parser(
        "backfill", help="fold answers stored before the running totals existed (idempotent)"
    )
    backfill.set_defaults(func=run_backfill)


def run_backfill(args: argparse.Namespace) -> int:
    from shared.cli import backfill
    from shared.platform import store
    from shared.results import service

    try:
        settings = BackfillSettings.from_env()
    except SettingsError as error:
        print(f"results backfill: {error}", file=sys.stderr)
        return 2
    tenants = service.tenants_from_table(settings.tenants_table)
    keep_until = int((datetime.now(UTC) + timedelta(days=180)).timestamp())
    answers = backfill.fold_answers(
        store.table(settings.responses_table),
        store.table(settings.totals_table),
        store.table(settings.comments_table),
        tenants,
        keep_until,
    )
    participation = backfill.fold_participation(
        store.table(settings.invitations_table),
        store.table(settings.counters_table),
        store.table(settings.totals_table),
        tenants,
    )
    print(
        f"folded {answers.answers} answers ({answers.already} already, "
        f"{answers.unknown} of unknown municipalities); "
        f"participation of {participation.streams} streams ({participation.already} already)"
    )
    return 0
