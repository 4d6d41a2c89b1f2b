"""Writing released figures and comment batches to the analytics bucket for Athena.

Layout (JSON Lines, which Athena reads with its built-in JSON SerDe):

- ``aggregates/figures/{campaign}.jsonl``        every FigureRow of a campaign
- ``aggregates/participation/{campaign}.jsonl``  every ParticipationRow of a campaign
- ``comments/kommunkod=K/{day}-{campaign}-{n}.jsonl``  one released comment batch; never changed
- ``opendata/{campaign}.csv``                     the open-data file (Kolada's shape)
- ``themes/batches/campaign=C/kommunkod=K/{day}-{n}.json``  one batch's theme counts (no text)
- ``aggregates/themes/{campaign}.jsonl``          theme shares and tone per area (themes.shares)
- ``opendata/themes-{campaign}.csv``              the same for municipalities and the nation
- ``rls/rules.csv``                               QuickSight row-level security rules

Nothing row-level: no response, no response id, no day finer than a release's. A campaign's
objects change only when one of its streams releases, so between releases nothing a reader
can query changes. The bucket keeps no object versions (infra/constructs/storage.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shared.core.tenants import Kommungrupp, Tenant
from shared.platform import store
from shared.results import opendata
from shared.results.figures import RIKET_AREA, Comment, Figures, group_area

FIGURES_PREFIX = "aggregates/figures/"
PARTICIPATION_PREFIX = "aggregates/participation/"
COMMENTS_PREFIX = "comments/"
OPENDATA_PREFIX = "opendata/"
THEME_BATCHES_PREFIX = "themes/batches/"
THEMES_PREFIX = "aggregates/themes/"
RLS_KEY = "rls/rules.csv"
ATHENA_RESULTS_PREFIX = "athena-results/"

# QuickSight groups: one per municipality, and the operators who see every row.
GROUP_PREFIX = "servicematning-"
OPERATORS_GROUP = "servicematning-operatorer"
# The column row-level security matches: every figure and participation row has an ``area`` (a
# kommunkod, ``KG-<kommungrupp>`` or ``riket``); a comment's ``audience`` (its kommunkod) is
# renamed to ``area`` in its QuickSight dataset (infra/analytics/stack.py).
RLS_COLUMN = "area"
RLS_HEADER = f"GroupName,{RLS_COLUMN}"


def municipality_group(kommunkod: str) -> str:
    return f"{GROUP_PREFIX}{kommunkod}"


def figures_key(campaign: str) -> str:
    return f"{FIGURES_PREFIX}{campaign}.jsonl"


def participation_key(campaign: str) -> str:
    return f"{PARTICIPATION_PREFIX}{campaign}.jsonl"


def opendata_key(campaign: str) -> str:
    return f"{OPENDATA_PREFIX}{campaign}.csv"


def theme_batch_key(tenant: str, campaign: str, released_on: str, number: int) -> str:
    return (
        f"{THEME_BATCHES_PREFIX}campaign={campaign}/kommunkod={tenant}/{released_on}-{number}.json"
    )


def themes_key(campaign: str) -> str:
    return f"{THEMES_PREFIX}{campaign}.jsonl"


def opendata_themes_key(campaign: str) -> str:
    return f"{OPENDATA_PREFIX}themes-{campaign}.csv"


def comments_key(tenant: str, campaign: str, released_on: str, number: int) -> str:
    return f"{COMMENTS_PREFIX}kommunkod={tenant}/{released_on}-{campaign}-{number}.jsonl"


# One encoder for every record (``json.dumps`` with an argument builds one per call: a third of
# the export's CPU at 37,000 rows a campaign, bench/results.py)
_JSON = json.JSONEncoder(ensure_ascii=False)


def _jsonl(records: Iterable[Mapping[str, Any]]) -> bytes:
    return "".join(_JSON.encode(r) + "\n" for r in records).encode("utf-8")


def comment_record(c: Comment) -> dict[str, Any]:
    return {
        "audience": c.tenant,
        "campaign": c.campaign,
        "channel": c.channel,
        "errand": c.errand,
        "released_on": c.released_on,
        "text": c.text,
    }


def comment_from_record(tenant: str, record: Mapping[str, Any]) -> Comment:
    """The inverse of ``comment_record``: a released comment read back from its batch."""
    return Comment(
        tenant,
        record["campaign"],
        record.get("channel", ""),
        record["text"],
        record.get("errand", ""),
        record.get("released_on", ""),
    )


def reader_areas(tenant: Tenant) -> list[str]:
    """The areas a municipality's readers see: its own, its kommungrupp's and the nation's
    rows, and nothing of another municipality or another group."""
    return [tenant.kommunkod, group_area(tenant.kommungrupp), RIKET_AREA]


def rls_rules(tenants: Iterable[Tenant]) -> str:
    """GroupName,area: one rule a line, one value a rule, no empty field (QuickSight reads an
    empty value as "every value"; see infra/analytics/stack.py). Each municipality's group
    gets its ``reader_areas``; the operators get every area there can be: each municipality,
    each of the nine kommungrupper and the nation."""
    lines = [RLS_HEADER]
    codes = []
    for tenant in sorted(tenants, key=lambda t: t.kommunkod):
        group = municipality_group(tenant.kommunkod)
        lines += [f"{group},{area}" for area in reader_areas(tenant)]
        codes.append(tenant.kommunkod)
    every = [*codes, *(group_area(g) for g in Kommungrupp), RIKET_AREA]
    lines += [f"{OPERATORS_GROUP},{area}" for area in every]
    return "\n".join(lines) + "\n"


def rls_object(tenants: Iterable[Tenant]) -> dict[str, bytes]:
    return {RLS_KEY: rls_rules(tenants).encode("utf-8")}


def campaign_objects(
    campaign: str, figures: Figures, labels: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """The objects of one campaign (pure: the same figures give the same bytes)."""
    rows = [r for r in figures.rows if r.campaign == campaign]
    participation = [p for p in figures.participation if p.campaign == campaign]
    only = Figures(rows, participation, {}, figures.periods)
    return {
        figures_key(campaign): _jsonl(r.record() for r in rows),
        participation_key(campaign): _jsonl(p.record() for p in participation),
        opendata_key(campaign): opendata.to_csv(only, dict(labels or {})).encode("utf-8"),
    }


def comment_batch(comments: list[Comment], number: int) -> dict[str, bytes]:
    if not comments:
        return {}
    first = comments[0]
    key = comments_key(first.tenant, first.campaign, first.released_on, number)
    return {key: _jsonl(comment_record(c) for c in comments)}


@dataclass(frozen=True)
class ExportReport:
    written: int


def write(bucket: str, contents: Mapping[str, bytes], client: Any = None) -> ExportReport:
    """Put every object (a release changes each of them; a retried release writes the same
    bytes again)."""
    s3 = client or store.client("s3")
    for key, body in contents.items():
        content_type = "text/csv" if key.endswith(".csv") else "application/x-ndjson"
        s3.put_object(
            Bucket=bucket, Key=key, Body=body, ContentType=f"{content_type}; charset=utf-8"
        )
    return ExportReport(len(contents))
