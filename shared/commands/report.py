"""``servicematning report``: the results as a self-contained HTML page and the open-data CSV.

Reads responses and invitations from the environment's DynamoDB tables (``AWS_ENDPOINT_URL``
points it at the local emulator) and computes the figures with the same code as the
scheduled export, so the report and the dashboard cannot disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shared.settings import ResultsSettings, SettingsError

DEFAULT_TENANT_DIR = Path("config/tenants")
OPENDATA_FILE = "servicematning-oppna-data.csv"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="render the results as HTML and write the open-data CSV"
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


def run(args: argparse.Namespace) -> int:
    from shared.results import opendata, report, service
    from shared.tenants import load_tenant_dir

    try:
        settings = ResultsSettings.from_env()
    except SettingsError as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    if args.source == "config":
        tenants = load_tenant_dir(args.tenants_dir)
    else:
        tenants = service.tenants_from_table(settings.tenants_table)
    if args.tenant is not None and args.tenant not in tenants:
        print(f"report: no municipality {args.tenant} is configured", file=sys.stderr)
        return 2
    snapshot = service.load(settings.responses_table, settings.invitations_table, tenants)
    labels = question_labels()
    args.out.mkdir(parents=True, exist_ok=True)
    html_path = args.out / (f"rapport-{args.tenant}.html" if args.tenant else "rapport-riket.html")
    html_path.write_text(report.render(snapshot.figures, args.tenant, labels), encoding="utf-8")
    csv_path = args.out / OPENDATA_FILE
    csv_path.write_text(opendata.to_csv(snapshot.figures, labels), encoding="utf-8")
    shown = sum(not r.suppressed for r in snapshot.figures.rows)
    print(
        f"{len(snapshot.responses)} responses, {shown} cells shown, "
        f"{len(snapshot.figures.rows) - shown} suppressed"
    )
    print(f"report: {html_path}")
    print(f"open data: {csv_path}")
    return 0
