"""``servicematning report``: the released results as a self-contained HTML page and open data.

Reads only what readers can see: the published release states (never the exact totals) and
the released comment batches, from a deployment (``--stack`` finds the names in the stack's
outputs; or name them) or from the local emulator (``AWS_ENDPOINT_URL`` points boto3 at it).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shared.platform import store
from shared.platform.settings import ANALYTICS_BUCKET, RELEASES_TABLE, TENANTS_TABLE

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


class Unavailable(RuntimeError):
    """What the report cannot read, in one plain sentence (English / Swedish) for the operator."""


STACK_OUTPUTS = {
    "releases": "ReleasesTableName",
    "tenants": "TenantsTableName",
    "bucket": "AnalyticsBucketName",
}
FLAGS = {
    "releases": "--releases-table",
    "tenants": "--tenants-table",
    "bucket": "--analytics-bucket",
}


def _region() -> str:
    from botocore.exceptions import BotoCoreError

    from shared.platform import store

    try:
        return str(store.client("sts").meta.region_name or "?")
    except BotoCoreError:
        return "?"


@contextlib.contextmanager
def _reading(what: str, name: str, hint: str) -> Iterator[None]:
    """Turn the AWS errors an operator can act on into one sentence about ``what``."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        EndpointConnectionError,
        NoCredentialsError,
        NoRegionError,
    )

    try:
        yield
    except ClientError as error:
        code = store.error_code(error)
        message = store.error_message(error)
        region = _region()
        if code in ("ResourceNotFoundException", "NoSuchBucket") or (
            code == "ValidationError" and "does not exist" in message
        ):
            raise Unavailable(
                f"report: the {what} {name} does not exist in {region} ({hint}) / "
                f"{what_sv(what)} {name} finns inte i {region}"
            ) from None
        if "AccessDenied" in code or code in ("UnrecognizedClientException", "ExpiredToken"):
            raise Unavailable(
                f"report: not allowed to read the {what} {name} ({code}): check the operator's "
                f"credentials / saknar behörighet att läsa {what_sv(what)} {name}"
            ) from None
        raise Unavailable(f"report: could not read the {what} {name}: {code}") from None
    except NoCredentialsError:
        raise Unavailable(
            "report: no AWS credentials found (set AWS_PROFILE, or log in with aws sso login) / "
            "inga AWS-inloggningsuppgifter hittades"
        ) from None
    except NoRegionError:
        raise Unavailable(
            "report: no AWS region is set (set AWS_REGION, e.g. eu-north-1) / "
            "ingen AWS-region angiven"
        ) from None
    except EndpointConnectionError as error:
        raise Unavailable(
            f"report: cannot reach AWS at {error.kwargs.get('endpoint_url', '?')} / "
            "AWS går inte att nå"
        ) from None
    except BotoCoreError as error:
        raise Unavailable(
            f"report: could not read the {what} {name}: {type(error).__name__}"
        ) from None


def what_sv(what: str) -> str:
    return {
        "stack": "stacken",
        "releases table": "tabellen",
        "tenants table": "tabellen",
        "analytics bucket": "bucketen",
    }.get(what, what)


def _names(args: argparse.Namespace) -> dict[str, str]:
    """The resource names to read, from the flags, the environment and the stack's outputs."""
    import os

    names = {
        "releases": args.releases_table or os.environ.get(RELEASES_TABLE, ""),
        "tenants": args.tenants_table or os.environ.get(TENANTS_TABLE, ""),
        "bucket": args.analytics_bucket or os.environ.get(ANALYTICS_BUCKET, ""),
    }
    needed = ["releases"] + (["tenants"] if args.source == "dynamodb" else [])
    needed += ["bucket"] if args.tenant else []  # only a municipality's report has comments
    if args.stack:
        from shared.platform import store

        with _reading("stack", args.stack, "check --stack and AWS_REGION"):
            stacks = store.client("cloudformation").describe_stacks(StackName=args.stack)
        outputs = stacks["Stacks"][0].get("Outputs", [])
        found = {o["OutputKey"]: o["OutputValue"] for o in outputs}
        for key, output in STACK_OUTPUTS.items():
            names[key] = names[key] or found.get(output, "")
        absent = [STACK_OUTPUTS[key] for key in needed if not names[key]]
        if absent:
            raise Unavailable(
                f"report: the stack {args.stack} has no output {', '.join(absent)} (is it the "
                "Servicemätning stack, and has its deploy finished?) / stacken saknar utdata "
                + ", ".join(absent)
            )
    missing = [FLAGS[key] for key in needed if not names[key]]
    if missing:
        raise Unavailable(
            "report: cannot tell where the results are: give --stack NAME, or "
            + ", ".join(missing)
            + " (or their environment variables) / ange --stack eller tabellernas namn"
        )
    return names


def published_themes(bucket: str, campaigns: list[str], client: Any = None) -> list[dict[str, Any]]:
    """The theme shares the results run published (``aggregates/themes/{campaign}.jsonl``), one
    record per campaign, area and theme; a campaign with no released comment batch has none."""
    import json

    from botocore.exceptions import ClientError

    from shared.results import export

    s3 = client or store.client("s3")
    records: list[dict[str, Any]] = []
    for campaign in campaigns:
        try:
            body = s3.get_object(Bucket=bucket, Key=export.themes_key(campaign))["Body"].read()
        except ClientError as error:
            if store.error_code(error) in ("NoSuchKey", "404"):
                continue
            raise
        records += [json.loads(line) for line in body.decode("utf-8").splitlines() if line]
    return records


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except Unavailable as error:
        print(error, file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from shared.cli import report_page as report
    from shared.core.tenants import load_tenant_dir
    from shared.platform import store
    from shared.results import opendata, service
    from shared.results.source import ResultsTables

    names = _names(args)
    if args.source == "config":
        tenants = load_tenant_dir(args.tenants_dir)
    else:
        with _reading("tenants table", names["tenants"], "check --tenants-table or the stack"):
            tenants = service.tenants_from_table(names["tenants"])
    if args.tenant is not None and args.tenant not in tenants:
        print(f"report: no municipality {args.tenant} is configured", file=sys.stderr)
        return 2
    # the published release states only: the exact totals are never read (no totals table)
    campaigns = sorted({c.id for t in tenants.values() for c in t.campaigns})
    with _reading("releases table", names["releases"], "check --releases-table or the stack"):
        db = ResultsTables(totals=None, releases=store.table(names["releases"]), comments=None)
        published = [p for c in campaigns for p in db.campaign(c)]
    comments = {}
    themes: list[dict[str, Any]] = []
    if args.tenant:
        with _reading("analytics bucket", names["bucket"], "check --analytics-bucket"):
            comments = {args.tenant: service.published_comments(names["bucket"], args.tenant)}
            own = sorted(c.id for c in tenants[args.tenant].campaigns)
            themes = published_themes(names["bucket"], own)
    figures = service.compute(published, tenants, comments)
    labels = report.own_labels(tenants.get(args.tenant or ""))
    args.out.mkdir(parents=True, exist_ok=True)
    html_path = args.out / (f"rapport-{args.tenant}.html" if args.tenant else "rapport-riket.html")
    page = report.render(figures, args.tenant, labels, themes=themes)
    html_path.write_text(page, encoding="utf-8")
    csv_path = args.out / OPENDATA_FILE
    csv_path.write_text(opendata.to_csv(figures, labels), encoding="utf-8")
    shown = sum(not r.suppressed for r in figures.rows)
    hidden = len(figures.rows) - shown
    print(f"{len(published)} released streams, {shown} cells shown, {hidden} hidden")
    print(f"report: {html_path}")
    print(f"open data: {csv_path}")
    return 0
