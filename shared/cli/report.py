"""``servicematning report``: the released results as a self-contained HTML page and open data.

Reads only what readers can see: the published release states (never the exact totals), the
released comment batches and their theme shares, from a deployment (``--stack`` finds the names
in the stack's outputs; or name them) or from the local emulator (``AWS_ENDPOINT_URL`` points
boto3 at it).

It speaks one language per run (``shared.cli.language``: ``--lang``, else the locale; Swedish
by default); the page itself is Swedish. Exit codes: 0 the report and the open data were
written; 1 nothing is released yet (for ``--tenant``: none of its streams), so no report was
written; 2 the results could not be read (which resource, and why, in one line).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shared.cli import language
from shared.contacts.reasons import Language
from shared.platform import store
from shared.platform.settings import ANALYTICS_BUCKET, RELEASES_TABLE, TENANTS_TABLE, CliSettings

DEFAULT_TENANT_DIR = Path("config/tenants")
OPENDATA_FILE = "servicematning-oppna-data.csv"
# exit codes (docs/operations.md): written; nothing released to report on yet; could not read
EXIT_OK, EXIT_NOTHING, EXIT_UNAVAILABLE = 0, 1, 2


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
    language.add_argument(parser)
    parser.set_defaults(func=run)


class Unavailable(language.Told):
    """What the report cannot read, in one plain sentence for the operator (in the run's
    language: ``text(lang)``)."""


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
# what the report reads, in each language ("the releases table" / "releases-tabellen")
WHAT_SV = {
    "stack": "stacken",
    "releases table": "releases-tabellen",
    "tenants table": "kommuntabellen",
    "analytics bucket": "analys-bucketen",
}


def _region() -> str:
    from botocore.exceptions import BotoCoreError

    from shared.platform import store

    try:
        return str(store.client("sts").meta.region_name or "?")
    except BotoCoreError:
        return "?"


@contextlib.contextmanager
def _reading(what: str, name: str, hint: str, hint_sv: str) -> Iterator[None]:
    """Turn the AWS errors an operator can act on into one sentence about ``what``."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        EndpointConnectionError,
        NoCredentialsError,
        NoRegionError,
    )

    sv = WHAT_SV.get(what, what)
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
                f"report: {sv} {name} finns inte i {region} ({hint_sv})",
                f"report: the {what} {name} does not exist in {region} ({hint})",
            ) from None
        if "AccessDenied" in code or code in ("UnrecognizedClientException", "ExpiredToken"):
            raise Unavailable(
                f"report: saknar behörighet att läsa {sv} {name} ({code}): kontrollera "
                "operatörens inloggning",
                f"report: not allowed to read the {what} {name} ({code}): check the operator's "
                "credentials",
            ) from None
        raise Unavailable(
            f"report: {sv} {name} kunde inte läsas: {code}",
            f"report: could not read the {what} {name}: {code}",
        ) from None
    except NoCredentialsError:
        raise Unavailable(
            "report: inga AWS-inloggningsuppgifter hittades (ange AWS_PROFILE, eller logga in "
            "med aws sso login)",
            "report: no AWS credentials found (set AWS_PROFILE, or log in with aws sso login)",
        ) from None
    except NoRegionError:
        raise Unavailable(
            "report: ingen AWS-region angiven (ange AWS_REGION, t.ex. eu-north-1)",
            "report: no AWS region is set (set AWS_REGION, e.g. eu-north-1)",
        ) from None
    except EndpointConnectionError as error:
        where = error.kwargs.get("endpoint_url", "?")
        raise Unavailable(
            f"report: AWS går inte att nå på {where}",
            f"report: cannot reach AWS at {where}",
        ) from None
    except BotoCoreError as error:
        kind = type(error).__name__
        raise Unavailable(
            f"report: {sv} {name} kunde inte läsas: {kind}",
            f"report: could not read the {what} {name}: {kind}",
        ) from None


def _names(args: argparse.Namespace) -> dict[str, str]:
    """The resource names to read, from the flags, the environment and the stack's outputs."""
    env = CliSettings.from_env()
    names = {
        "releases": args.releases_table or env.releases_table,
        "tenants": args.tenants_table or env.tenants_table,
        "bucket": args.analytics_bucket or env.analytics_bucket,
    }
    needed = ["releases"] + (["tenants"] if args.source == "dynamodb" else [])
    needed += ["bucket"] if args.tenant else []  # only a municipality's report has comments
    if args.stack:
        from shared.platform import store

        with _reading(
            "stack",
            args.stack,
            "check --stack and AWS_REGION",
            "kontrollera --stack och AWS_REGION",
        ):
            stacks = store.client("cloudformation").describe_stacks(StackName=args.stack)
        outputs = stacks["Stacks"][0].get("Outputs", [])
        found = {o["OutputKey"]: o["OutputValue"] for o in outputs}
        for key, output in STACK_OUTPUTS.items():
            names[key] = names[key] or found.get(output, "")
        absent = ", ".join(STACK_OUTPUTS[key] for key in needed if not names[key])
        if absent:
            raise Unavailable(
                f"report: stacken {args.stack} saknar utdata {absent} (är det "
                "Servicemätnings stack, och är driftsättningen klar?)",
                f"report: the stack {args.stack} has no output {absent} (is it the "
                "Servicemätning stack, and has its deploy finished?)",
            )
    missing = ", ".join(FLAGS[key] for key in needed if not names[key])
    if missing:
        raise Unavailable(
            "report: det går inte att veta var resultaten finns: ange --stack NAMN, eller "
            f"{missing} (eller deras miljövariabler)",
            "report: cannot tell where the results are: give --stack NAME, or "
            f"{missing} (or their environment variables)",
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
    lang = language.choose(getattr(args, "lang", None))
    try:
        return _run(args, lang)
    except Unavailable as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_UNAVAILABLE


def _run(args: argparse.Namespace, lang: Language) -> int:
    from shared.cli import report_page as report
    from shared.core.tenants import load_tenant_dir
    from shared.platform import store
    from shared.results import opendata, service
    from shared.results.source import ResultsTables

    names = _names(args)
    if args.source == "config":
        tenants = load_tenant_dir(args.tenants_dir)
    else:
        with _reading(
            "tenants table",
            names["tenants"],
            "check --tenants-table or the stack",
            "kontrollera --tenants-table eller stacken",
        ):
            tenants = service.tenants_from_table(names["tenants"])
    if args.tenant is not None and args.tenant not in tenants:
        print(
            language.say(
                lang,
                f"report: kommunen {args.tenant} finns inte bland inställningarna",
                f"report: no municipality {args.tenant} is configured",
            ),
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    # the published release states only: the exact totals are never read (no totals table)
    own = tenants[args.tenant].campaigns if args.tenant else ()
    campaigns = sorted({c.id for t in tenants.values() for c in t.campaigns})
    with _reading(
        "releases table",
        names["releases"],
        "check --releases-table or the stack",
        "kontrollera --releases-table eller stacken",
    ):
        db = ResultsTables(totals=None, releases=store.table(names["releases"]), comments=None)
        published = [p for c in campaigns for p in db.campaign(c)]
    mine = [p for p in published if p.tenant == args.tenant] if args.tenant else published
    if not mine:
        # an empty page would look like a report; a scheduled job must see that none was made
        print(
            language.say(
                lang,
                "report: inga släppta siffror ännu"
                + (f" för {args.tenant}" if args.tenant else "")
                + ": ingen rapport skrevs (siffrorna släpps på kalenderns släppdagar)",
                "report: nothing released yet"
                + (f" for {args.tenant}" if args.tenant else "")
                + ": no report was written (figures are released on the calendar's days)",
            ),
            file=sys.stderr,
        )
        return EXIT_NOTHING
    comments = {}
    themes: list[dict[str, Any]] = []
    if args.tenant:
        with _reading(
            "analytics bucket",
            names["bucket"],
            "check --analytics-bucket",
            "kontrollera --analytics-bucket",
        ):
            comments = {args.tenant: service.published_comments(names["bucket"], args.tenant)}
            themes = published_themes(names["bucket"], sorted(c.id for c in own))
    figures = service.compute(published, tenants, comments)
    labels = report.own_labels(tenants.get(args.tenant or ""))
    args.out.mkdir(parents=True, exist_ok=True)
    html_path = args.out / (f"rapport-{args.tenant}.html" if args.tenant else "rapport-riket.html")
    actions: list[dict[str, Any]] = []
    if args.tenant and args.source == "dynamodb":  # what it does about them, on its trends
        from shared.platform import store
        from shared.platform.actions import actions_for

        with _reading(
            "tenants table",
            names["tenants"],
            "check --tenants-table or the stack",
            "kontrollera --tenants-table eller stacken",
        ):
            actions = actions_for(args.tenant, store.table(names["tenants"]))
    page = report.render(figures, args.tenant, labels, themes=themes, actions=actions)
    html_path.write_text(page, encoding="utf-8")
    csv_path = args.out / OPENDATA_FILE
    csv_path.write_text(opendata.to_csv(figures, labels), encoding="utf-8")
    shown = sum(not r.suppressed for r in figures.rows)
    hidden = len(figures.rows) - shown
    print(
        language.say(
            lang,
            f"{len(published)} släppta strömmar, {shown} celler visas, {hidden} dolda",
            f"{len(published)} released streams, {shown} cells shown, {hidden} hidden",
        )
    )
    print(language.say(lang, f"rapport: {html_path}", f"report: {html_path}"))
    print(language.say(lang, f"öppna data: {csv_path}", f"open data: {csv_path}"))
    return EXIT_OK
