"""Writing the figures and the anonymous responses to the analytics bucket for Athena.

Layout (JSON Lines, which Athena reads with its built-in JSON SerDe; Parquet would need
pyarrow, too large for the Lambda asset):

- ``responses/kommunkod=K/month=YYYY-MM/part.jsonl``  one anonymous response per line: its
  random id, campaign, channel, ISO week (never the day), errand kind and answers; no comment
- ``comments/kommunkod=K/part.jsonl``                 redacted comments, own municipality only
- ``aggregates/figures/part.jsonl``                   every FigureRow (suppressed ones empty)
- ``aggregates/participation/part.jsonl``             every ParticipationRow
- ``opendata/servicematning.csv``                      the open-data file (Kolada's shape)
- ``rls/rules.csv``                                    QuickSight row-level security rules

An object is only rewritten when its bytes changed (compared by MD5 with the stored ETag), so
a run over an unchanged month costs a HEAD, not a PUT.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shared import store
from shared.redaction import redact
from shared.results import opendata
from shared.results.figures import EVERYONE, Comment, Figures, Response, iso_week
from shared.tenants import Tenant

RESPONSES_PREFIX = "responses/"
COMMENTS_PREFIX = "comments/"
FIGURES_KEY = "aggregates/figures/part.jsonl"
PARTICIPATION_KEY = "aggregates/participation/part.jsonl"
OPENDATA_KEY = "opendata/servicematning.csv"
RLS_KEY = "rls/rules.csv"
ATHENA_RESULTS_PREFIX = "athena-results/"
PART = "part.jsonl"

# QuickSight groups: one per municipality, and the operators who see every row.
GROUP_PREFIX = "servicematning-"
OPERATORS_GROUP = "servicematning-operatorer"


def municipality_group(kommunkod: str) -> str:
    return f"{GROUP_PREFIX}{kommunkod}"


def _jsonl(records: Iterable[Mapping[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def response_record(r: Response) -> dict[str, Any]:
    """The exported form of a response: no day (only the ISO week), no comment."""
    return {
        "response_id": r.response_id,
        "audience": r.tenant,
        "campaign": r.campaign,
        "channel": r.channel,
        "week": iso_week(r.contact_day),
        "errand": r.errand,
        "answers": dict(r.answers),
    }


def _comment_record(c: Comment) -> dict[str, Any]:
    # redacted when stored; redacted again here because this copy leaves the product
    return {
        "audience": c.tenant,
        "campaign": c.campaign,
        "channel": c.channel,
        "text": redact(c.text),
    }


def rls_rules(tenants: Iterable[str]) -> str:
    """GroupName,audience: each municipality's group sees its own rows and everyone's national
    and group rows; an empty audience (the operators) means every row."""
    lines = ["GroupName,audience", f"{OPERATORS_GROUP},"]
    for kommunkod in sorted(tenants):
        group = municipality_group(kommunkod)
        lines += [f"{group},{kommunkod}", f"{group},{EVERYONE}"]
    return "\n".join(lines) + "\n"


def objects(
    figures: Figures, responses: Iterable[Response], tenants: Mapping[str, Tenant]
) -> dict[str, bytes]:
    """Every object of the export, by key (pure: the same input gives the same bytes)."""
    out: dict[str, bytes] = {}
    partitions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in responses:
        if r.tenant in tenants:
            month = r.contact_day.strftime("%Y-%m")
            key = f"{RESPONSES_PREFIX}kommunkod={r.tenant}/month={month}/{PART}"
            partitions[key].append(response_record(r))
    for key, records in partitions.items():
        records.sort(key=lambda rec: rec["response_id"])
        out[key] = _jsonl(records)
    for tenant, comments in figures.comments.items():
        out[f"{COMMENTS_PREFIX}kommunkod={tenant}/{PART}"] = _jsonl(
            _comment_record(c) for c in comments
        )
    out[FIGURES_KEY] = _jsonl(r.record() for r in figures.rows)
    out[PARTICIPATION_KEY] = _jsonl(p.record() for p in figures.participation)
    out[OPENDATA_KEY] = opendata.to_csv(figures).encode("utf-8")
    out[RLS_KEY] = rls_rules(tenants).encode("utf-8")
    return out


@dataclass(frozen=True)
class ExportReport:
    written: int
    unchanged: int
    removed: int = 0


# Prefixes the export owns completely: an object there that the new export lacks is stale
# (e.g. comments of a channel that a raised minimum cell size now suppresses) and is deleted.
OWNED_PREFIXES = (RESPONSES_PREFIX, COMMENTS_PREFIX)


def write(bucket: str, contents: Mapping[str, bytes], client: Any = None) -> ExportReport:
    """Put each object whose bytes differ from the stored one (idempotent on a retried run),
    then delete stale objects under the prefixes the export owns."""
    s3 = client or store.client("s3")
    written = unchanged = 0
    for key, body in contents.items():
        digest = hashlib.md5(body, usedforsecurity=False).hexdigest()
        try:
            etag = s3.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
        except s3.exceptions.ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
                raise
            etag = None
        if etag == digest:
            unchanged += 1
            continue
        content_type = "text/csv" if key.endswith(".csv") else "application/x-ndjson"
        s3.put_object(
            Bucket=bucket, Key=key, Body=body, ContentType=f"{content_type}; charset=utf-8"
        )
        written += 1
    stale = [
        obj["Key"]
        for prefix in OWNED_PREFIXES
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        for obj in page.get("Contents", [])
        if obj["Key"] not in contents
    ]
    for start in range(0, len(stale), 1000):  # DeleteObjects takes at most 1000 keys
        batch = [{"Key": key} for key in stale[start : start + 1000]]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    return ExportReport(written, unchanged, len(stale))
