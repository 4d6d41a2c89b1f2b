"""``servicematning actions add|list|remove``: what a municipality does about its residents'
answers ("Det här gör vi", shared/platform/actions.py), stored beside its settings in the tenants
table.

    servicematning actions add --table T --tenant 1980 --day 2026-11-20 --answers svarstid \\
        --text "Vi svarar på e-post inom två arbetsdagar." --text-en "We answer e-mail within …"
    servicematning actions list --table T --tenant 1980 [--json]
    servicematning actions remove --table T --tenant 1980 --id 1a2b3c4d

Bad input is refused whole with the reason in Swedish and English (exit 2); nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError

from shared.platform import store
from shared.platform.actions import Action, ActionStore, latest

LANGS = ("en", "fi", "ar")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "actions", help='record what the municipality does about the results ("Det här gör vi")'
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", help="record an action (shown on /om and in the report)")
    _common(add)
    add.add_argument("--day", required=True, help="the day the action began, YYYY-MM-DD")
    add.add_argument(
        "--answers", required=True, help="a theme (e.g. svarstid) or a national question id"
    )
    add.add_argument("--text", required=True, help="the action in Swedish (3-200 characters)")
    for lang in LANGS:
        add.add_argument(f"--text-{lang}", help=f"the action in {lang} (optional)")
    add.set_defaults(func=run_add)
    listing = verbs.add_parser("list", help="the municipality's actions, newest first")
    _common(listing)
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.set_defaults(func=run_list)
    remove = verbs.add_parser("remove", help="remove one action by its id")
    _common(remove)
    remove.add_argument("--id", required=True, help="the action's id (from list)")
    remove.set_defaults(func=run_remove)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--table", required=True, help="the tenants table (stack output)")
    parser.add_argument("--tenant", required=True, help="the municipality's kommunkod")


def _store(args: argparse.Namespace) -> ActionStore:
    from shared.platform import store

    return ActionStore(store.table(args.table))


def _fail(sv: str, en: str) -> int:
    print(f"{sv} / {en}", file=sys.stderr)
    return 2


def run_add(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        return _fail(
            f"--day {args.day!r} är inget datum (ÅÅÅÅ-MM-DD); inget sparades",
            f"--day {args.day!r} is not a date (YYYY-MM-DD); nothing was stored",
        )
    text = {"sv": args.text} | {
        lang: getattr(args, f"text_{lang}") for lang in LANGS if getattr(args, f"text_{lang}")
    }
    try:
        action = Action(day=day, answers=args.answers, text=text)  # type: ignore[arg-type]
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return _fail(
            f"åtgärden är inte giltig ({reasons}); inget sparades",
            f"the action is not valid ({reasons}); nothing was stored",
        )
    try:
        _store(args).add(args.tenant, action)
    except LookupError:
        return _fail(
            f"ingen kommun med kommunkod {args.tenant} i {args.table}; inget sparades",
            f"no municipality with kommunkod {args.tenant} in {args.table}; nothing was stored",
        )
    except (ClientError, BotoCoreError) as error:
        code = store.error_code(error) if isinstance(error, ClientError) else "error"
        return _fail(
            f"tabellen kunde inte skrivas ({code})", f"the table could not be written ({code})"
        )
    print(f"{args.tenant}: action {action.id} stored ({action.day}, {action.answers})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    found = latest(_store(args).for_tenant(args.tenant), count=10_000)
    if args.json:
        print(json.dumps([json.loads(a.model_dump_json(exclude_none=True)) for a in found]))
        return 0
    if not found:
        print(f"{args.tenant}: no actions")
    for action in found:
        print(f"{action.id}  {action.day}  {action.answers:<22}  {action.text.sv}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    if not _store(args).remove(args.tenant, args.id):
        return _fail(
            f"{args.tenant} har ingen åtgärd {args.id}", f"{args.tenant} has no action {args.id}"
        )
    print(f"{args.tenant}: action {args.id} removed")
    return 0
