"""``servicematning report``: the released results as a self-contained HTML page and open data.

Reads only what readers can see: the published release states (never the exact totals) and
the released comment batches, from a deployment (``--stack`` finds the names in the stack's
outputs; or name them) or from the local emulator (``AWS_ENDPOINT_URL`` points boto3 at it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shared.settings import ANALYTICS_BUCKET, RELEASES_TABLE, TENANTS_TABLE

DEFAULT_TENANT_DIR = Path("config/tenants")
OPENDATA_FILE = "servicematning-oppna-data.csv"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="render the released results as HTML and write the open-data CSV"
    )
    parser.add_argument("--tenant", metavar="KOMMUNKOD", help="one municipality (with comments)")
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (default .)")
    parser.add_argument(
        "--source",
        choices=("config", "dynamodb"),
        default="dynamodb",
        help="where the municipalities' settings come from (default: the tenants table)",
    )
    parser.add_argument(
        "--tenants-dir", type=Path, default=DEFAULT_TENANT_DIR, help="for --source config"
    )
    parser.add_argument("--stack", help="read the table and bucket names from this stack's outputs")
    parser.add_argument("--releases-table", help=f"the releases table (or ${RELEASES_TABLE})")
    parser.add_argument("--tenants-table", help=f"the tenants table (or ${TENANTS_TABLE})")
    parser.add_argument("--analytics-bucket", help=f"the analytics bucket (or ${ANALYTICS_BUCKET})")
    parser.set_defaults(func=run)


def question_labels() -> dict[str, str]:
    """Swedish texts of the survey's questions and errand kinds, keyed by id (ids if unknown)."""
    try:
        from shared.survey import questions
    except ImportError:
        return {}
    labels = {q.id: q.text.sv for q in (*questions.PHONE_QUESTIONS, *questions.EMAIL_QUESTIONS)}
    labels |= {e.id: e.text.sv for e in questions.ERRANDS}
    return labels


def _names(args: argparse.Namespace) -> dict[str, str] | str:
    """The resource names to read, or a sentence saying in plain words what is missing."""
    import os

    from botocore.exceptions import BotoCoreError, ClientError

    names = {
        "releases": args.releases_table or os.environ.get(RELEASES_TABLE, ""),
        "tenants": args.tenants_table or os.environ.get(TENANTS_TABLE, ""),
        "bucket": args.analytics_bucket or os.environ.get(ANALYTICS_BUCKET, ""),
    }
    if args.stack:
        from shared import store

        try:
            outputs = store.client("cloudformation").describe_stacks(StackName=args.stack)
        except (ClientError, BotoCoreError) as error:
            return f"could not read stack {args.stack}: {type(error).__name__}"
        found = {o["OutputKey"]: o["OutputValue"] for o in outputs["Stacks"][0].get("Outputs", [])}
        names["releases"] = names["releases"] or found.get("ReleasesTableName", "")
        names["tenants"] = names["tenants"] or found.get("TenantsTableName", "")
        names["bucket"] = names["bucket"] or found.get("AnalyticsBucketName", "")
    needed = {"releases": "--releases-table", "bucket": "--analytics-bucket"}
    if args.source == "dynamodb":
        needed["tenants"] = "--tenants-table"
    missing = [flag for key, flag in needed.items() if not names[key]]
    if missing:
        return (
            "report: cannot tell where the results are: give --stack NAME, or "
            + ", ".join(missing)
            + " (or their environment variables)"
        )
    return names


def run(args: argparse.Namespace) -> int:
    from shared import store
    from shared.results import opendata, report, service
    from shared.results.source import ResultsTables
    from shared.tenants import load_tenant_dir

    names = _names(args)
    if isinstance(names, str):
        print(names, file=sys.stderr)
        return 2
    if args.source == "config":
        tenants = load_tenant_dir(args.tenants_dir)
    else:
        tenants = service.tenants_from_table(names["tenants"])
    if args.tenant is not None and args.tenant not in tenants:
        print(f"report: no municipality {args.tenant} is configured", file=sys.stderr)
        return 2
    db = ResultsTables(totals=None, releases=store.table(names["releases"]), comments=None)
    campaigns = sorted({c.id for t in tenants.values() for c in t.campaigns})
    published = [p for c in campaigns for p in db.campaign(c)]
    comments = (
        {args.tenant: service.published_comments(names["bucket"], args.tenant)}
        if args.tenant
        else {}
    )
    figures = service.compute(published, tenants, comments)
    labels = question_labels()
    args.out.mkdir(parents=True, exist_ok=True)
    html_path = args.out / (f"rapport-{args.tenant}.html" if args.tenant else "rapport-riket.html")
    html_path.write_text(report.render(figures, args.tenant, labels), encoding="utf-8")
    csv_path = args.out / OPENDATA_FILE
    csv_path.write_text(opendata.to_csv(figures, labels), encoding="utf-8")
    shown = sum(not r.suppressed for r in figures.rows)
    hidden = len(figures.rows) - shown
    print(f"{len(published)} released streams, {shown} cells shown, {hidden} hidden")
    print(f"report: {html_path}")
    print(f"open data: {csv_path}")
    return 0
