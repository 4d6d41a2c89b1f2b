"""``servicematning results backfill``: fold stored answers, invitations and declines into the
running totals once (shared/cli/backfill.py says why it is safe to run again). Its lines are in
the run's language (``--lang``, else the locale; Swedish by default)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from shared.cli import language
from shared.platform.settings import BackfillSettings, SettingsError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("results", help="maintain the results' running totals")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    backfill = actions.add_parser(
        "backfill", help="fold answers stored before the running totals existed (idempotent)"
    )
    language.add_argument(backfill)
    backfill.set_defaults(func=run_backfill)


def run_backfill(args: argparse.Namespace) -> int:
    from shared.cli import backfill
    from shared.platform import store
    from shared.results import service

    lang = language.choose(getattr(args, "lang", None))
    try:
        settings = BackfillSettings.from_env()
    except SettingsError as error:
        # the settings' own message names the missing variables (the same in both languages)
        head = language.say(lang, "miljön saknar inställningar", "the environment lacks settings")
        print(f"results backfill: {head}: {error}", file=sys.stderr)
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
        language.say(
            lang,
            f"räknade in {answers.answers} svar ({answers.already} redan inräknade, "
            f"{answers.unknown} från okända kommuner); deltagandet i {participation.streams} "
            f"strömmar ({participation.already} redan inräknade)",
            f"folded {answers.answers} answers ({answers.already} already, "
            f"{answers.unknown} of unknown municipalities); "
            f"participation of {participation.streams} streams ({participation.already} already)",
        )
    )
    return 0
