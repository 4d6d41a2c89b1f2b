"""``servicematning backup copy --from RESTORED --to LIVE``: the last step of a restore.

AWS Backup keeps a daily backup of the tables that hold answers and totals (infra/constructs/
backup.py). A backup is restored into a *new* table (`aws dynamodb restore-table-from-backup`,
docs/operations.md), since the stack's tables keep their names; this command then puts every
item of that restored table into the live one:

1. Both tables must exist and have the same key schema (a restore into the wrong table is
   refused before anything is written).
2. Every item of ``--from`` is read (a paginated Scan) and put into ``--to`` in batches of 25:
   an item with the same key takes the backup's version, an item the live table gained since
   the backup stays. ``--dry-run`` only counts what would be put and how many live items
   differ.

Safe to repeat: putting the same items again changes nothing. It prints counts only, never an
item (the tables hold no personal data, but comments are free text), in the run's language
(``--lang``, else the locale; Swedish by default). Exit codes: 0 copied (or counted), 2 nothing
was copied (a table could not be read, or their keys differ), the reason on stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from shared.cli import language
from shared.platform import store

EXIT_OK, EXIT_ERROR = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="restore helper: copy a restored table's items into the live table",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    copy = actions.add_parser("copy", help="put every item of a restored table into the live one")
    copy.add_argument("--from", dest="source", required=True, help="the restored table")
    copy.add_argument("--to", dest="target", required=True, help="the live table")
    copy.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    language.add_argument(copy)
    copy.set_defaults(func=run)


def _keys(client: Any, table: str) -> list[dict[str, str]]:
    return list(client.describe_table(TableName=table)["Table"]["KeySchema"])


def run(args: argparse.Namespace, client: Any = None) -> int:
    lang = language.choose(getattr(args, "lang", None))

    dynamodb = client or store.client("dynamodb")
    try:
        source_keys, target_keys = _keys(dynamodb, args.source), _keys(dynamodb, args.target)
    except (ClientError, BotoCoreError) as error:
        code = store.error_code(error) or "error"
        print(
            language.say(
                lang,
                f"tabellen kunde inte läsas ({code}); inget kopierades",
                f"the table could not be read ({code}); nothing was copied",
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR
    if source_keys != target_keys:
        print(
            language.say(
                lang,
                "tabellerna har olika nycklar: fel tabell? inget kopierades",
                "the tables' keys differ: the wrong table? nothing was copied",
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR
    names = [k["AttributeName"] for k in source_keys]
    put = differ = 0
    batch: list[dict[str, Any]] = []
    for item in store.items(dynamodb.scan, TableName=args.source):
        put += 1
        if args.dry_run:
            key = {n: item[n] for n in names}
            live = dynamodb.get_item(TableName=args.target, Key=key, ConsistentRead=True)
            differ += live.get("Item") != item
            continue
        batch.append({"PutRequest": {"Item": item}})
        if len(batch) == 25:
            _write(dynamodb, args.target, batch)
            batch = []
    if batch:
        _write(dynamodb, args.target, batch)
    if args.dry_run:
        print(
            language.say(
                lang,
                f"skulle skriva {put} poster till {args.target}; {differ} skiljer sig från den "
                "levande tabellen",
                f"would put {put} items into {args.target}; {differ} differ from the live table",
            )
        )
    else:
        print(
            language.say(
                lang,
                f"skrev {put} poster från {args.source} till {args.target}",
                f"put {put} items from {args.source} into {args.target}",
            )
        )
    return EXIT_OK


def _write(dynamodb: Any, table: str, batch: list[dict[str, Any]]) -> None:
    request = {table: batch}
    while request:
        request = dynamodb.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}
