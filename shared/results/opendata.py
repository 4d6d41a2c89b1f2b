"""The open-data file: key figures per municipality and campaign in Kolada's shape.

One row per KPI × municipality × period with gender "T" (total), like Kolada's API
(``kpi, municipality, period, values[{gender, value, count, status}]``), flattened to CSV.
The nation is municipality "0000" as in Kolada. A suppressed cell has empty value and count
and the status "suppressed". Comments never appear here; their theme shares and tone do, in
a file of their own (``themes_to_csv``, rows from shared/results/themes/shares.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from shared.core.spreadsheet import safe_cell
from shared.results.figures import KOMMUN, RIKET, TOTAL_BREAKDOWN, Figures

COLUMNS = (
    "kpi",
    "kpi_title",
    "municipality",
    "municipality_name",
    "period",
    "campaign",
    "campaign_name",
    "gender",
    "value",
    "count",
    "status",
)
NATION_ID = "0000"
SUPPRESSED = "suppressed"
MISSING = "missing"  # not suppressed, but undefined (a response rate without invitations)
RESPONSE_RATE = "svarsfrekvens"
CHANNEL_NAMES = {"sms": "telefon", "email": "e-post"}  # in Swedish, as every label here


def kpi_id(channel: str, measure: str) -> str:
    return f"SM_{channel.upper()}_{re.sub(r'[^A-Za-z0-9]+', '_', measure).upper()}"


def _period(campaign: str, periods: dict[str, str]) -> str:
    """Kolada's period is a year: the campaign's start year (from the tenants' settings)."""
    if campaign in periods:
        return periods[campaign]
    year = re.match(r"\d{4}", campaign)
    return year.group(0) if year else campaign


def _status(suppressed: bool, value: float | None) -> str:
    if suppressed:
        return SUPPRESSED
    return MISSING if value is None else ""


def rows(figures: Figures, labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    labels = labels or {}
    out = []
    for r in figures.rows:
        if r.breakdown != TOTAL_BREAKDOWN or r.scope not in (KOMMUN, RIKET):
            continue
        out.append(
            {
                "kpi": kpi_id(r.channel, r.question),
                "kpi_title": f"Nöjdhetsindex, {CHANNEL_NAMES.get(r.channel, r.channel)}: "
                f"{labels.get(r.question, r.question)}",
                "municipality": NATION_ID if r.scope == RIKET else r.area,
                "municipality_name": r.area_name,
                "period": _period(r.campaign, figures.periods),
                "campaign": r.campaign,
                "campaign_name": r.campaign_name,
                "gender": "T",
                "value": "" if r.index is None else f"{r.index:.1f}",
                "count": "" if r.n is None else str(r.n),
                "status": SUPPRESSED if r.suppressed else "",
            }
        )
    for p in figures.participation:
        if p.scope not in (KOMMUN, RIKET):
            continue
        out.append(
            {
                "kpi": kpi_id(p.channel, RESPONSE_RATE),
                "kpi_title": f"Svarsfrekvens (%), {CHANNEL_NAMES.get(p.channel, p.channel)}",
                "municipality": NATION_ID if p.scope == RIKET else p.area,
                "municipality_name": p.area_name,
                "period": _period(p.campaign, figures.periods),
                "campaign": p.campaign,
                "campaign_name": p.campaign_name,
                "gender": "T",
                "value": "" if p.response_rate is None else f"{p.response_rate:.1f}",
                "count": "" if p.answers is None else str(p.answers),
                "status": _status(p.suppressed, p.response_rate),
            }
        )
    out.sort(key=lambda row: (row["kpi"], row["municipality"], row["campaign"]))
    return out


def to_csv(figures: Figures, labels: dict[str, str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows(figures, labels))
    return buffer.getvalue()


TONES = ("positiv", "neutral", "negativ")
ALL_COMMENTS = "alla"


def theme_rows(shares: Iterable[Mapping[str, Any]], period: str) -> list[dict[str, str]]:
    """The theme KPIs of released comments: per theme the share (%) of the area's comments
    that have it, and per tone its share (%) of all comments; municipalities and the nation."""
    out = []
    for r in shares:
        if r["scope"] not in (KOMMUN, RIKET):
            continue
        base = {
            "municipality": NATION_ID if r["scope"] == RIKET else r["area"],
            "municipality_name": r["area_name"],
            "period": period,
            "campaign": r["campaign"],
            "campaign_name": r["campaign_name"],
            "gender": "T",
            "status": SUPPRESSED if r["suppressed"] else "",
        }
        if r["theme"] != ALL_COMMENTS:
            out.append(
                base
                | {
                    "kpi": f"SM_KOMMENTAR_TEMA_{r['theme'].upper()}",
                    "kpi_title": f"Andel kommentarer om tema: {r['theme_name']} (%)",
                    "value": "" if r["share"] is None else f"{r['share']:.1f}",
                    "count": "" if r["count"] is None else str(r["count"]),
                }
            )
            continue
        for tone in TONES:
            n, comments = r[tone], r["comments"]
            out.append(
                base
                | {
                    "kpi": f"SM_KOMMENTAR_TON_{tone.upper()}",
                    "kpi_title": f"Andel kommentarer med ton: {tone} (%)",
                    "value": "" if n is None or not comments else f"{100 * n / comments:.1f}",
                    "count": "" if n is None else str(n),
                }
            )
    out.sort(key=lambda row: (row["kpi"], row["municipality"], row["campaign"]))
    return out


def themes_to_csv(shares: Iterable[Mapping[str, Any]], period: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {k: safe_cell(v) for k, v in row.items()} for row in theme_rows(shares, period)
    )
    return buffer.getvalue()
