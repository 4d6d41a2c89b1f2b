"""Reading responses and invitations from DynamoDB for the figures (the one AWS read path).

The low-level client is used with a parallel scan and a small hand-written conversion of
attribute values: it is several times faster than the resource layer's ``Decimal`` conversion,
which matters when the whole country (up to a million responses) is read every run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, TypeVar

from shared import store
from shared.results.figures import Invitation, Response

T = TypeVar("T")
KOMMUNKOD = re.compile(r"^\d{4}$")
CHANNELS = frozenset({"sms", "email"})
DEFAULT_SEGMENTS = 4


class MalformedItem(ValueError):
    """A stored item lacks a field the figures need (it is skipped and counted)."""


def _value(attr: dict[str, Any]) -> Any:
    if "S" in attr:
        return attr["S"]
    if "N" in attr:
        number = attr["N"]
        return int(number) if number.lstrip("-").isdigit() else float(number)
    if "NULL" in attr:
        return None
    if "M" in attr:
        return {k: _value(v) for k, v in attr["M"].items()}
    if "BOOL" in attr:
        return attr["BOOL"]
    if "L" in attr:
        return [_value(v) for v in attr["L"]]
    raise MalformedItem(f"unsupported attribute type {next(iter(attr), '?')}")


def response_from_item(item: dict[str, Any]) -> Response:
    """A raw DynamoDB item (attribute-value form) as a Response; MalformedItem if unusable."""
    try:
        tenant, channel = item["tenant"]["S"], item["channel"]["S"]
        answers = {q: _value(v) for q, v in item.get("answers", {}).get("M", {}).items()}
        errand = _value(item["errand"]) if "errand" in item else None
        comment = _value(item["comment"]) if "comment" in item else None
        response = Response(
            tenant=tenant,
            channel=channel,
            campaign=item["campaign"]["S"],
            contact_day=date.fromisoformat(item["contact_day"]["S"]),
            answers=answers,
            errand=errand if isinstance(errand, str) else None,
            comment=comment if isinstance(comment, str) else None,
            response_id=item["response_id"]["S"],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedItem(f"response item unusable: {type(error).__name__}") from None
    if not KOMMUNKOD.match(tenant) or channel not in CHANNELS:
        raise MalformedItem("response item has a bad tenant or channel")
    if any(v is not None and (not isinstance(v, int) or not 1 <= v <= 5) for v in answers.values()):
        raise MalformedItem("response item has an answer outside 1..5")
    return response


def invitation_from_item(item: dict[str, Any]) -> Invitation:
    try:
        return Invitation(
            tenant=item["tenant"]["S"],
            campaign=item["campaign"]["S"],
            channel=item["channel"]["S"],
            status=item["status"]["S"],
        )
    except (KeyError, TypeError) as error:
        raise MalformedItem(f"invitation item unusable: {type(error).__name__}") from None


def _scan_segment(
    client: Any, kwargs: dict[str, Any], convert: Callable[[dict[str, Any]], T]
) -> tuple[list[T], int]:
    """One segment, converted page by page (raw pages are large; they are dropped at once)."""
    converted: list[T] = []
    malformed = 0
    while True:
        page = client.scan(**kwargs)
        for raw in page.get("Items", []):
            try:
                converted.append(convert(raw))
            except MalformedItem:
                malformed += 1
        if "LastEvaluatedKey" not in page:
            return converted, malformed
        kwargs = {**kwargs, "ExclusiveStartKey": page["LastEvaluatedKey"]}


def scan(
    table_name: str,
    convert: Callable[[dict[str, Any]], T],
    segments: int = DEFAULT_SEGMENTS,
    client: Any = None,
    **scan_kwargs: Any,
) -> tuple[list[T], int]:
    """Every item of a table converted; returns (items, number of malformed items skipped)."""
    dynamodb = client or store.client("dynamodb")
    requests = [
        {"TableName": table_name, "Segment": s, "TotalSegments": segments, **scan_kwargs}
        for s in range(segments)
    ]
    with ThreadPoolExecutor(max_workers=segments) as pool:
        parts = list(pool.map(lambda kw: _scan_segment(dynamodb, kw, convert), requests))
    items = list(itertools.chain.from_iterable(p[0] for p in parts))
    return items, sum(p[1] for p in parts)


def read_responses(table_name: str, client: Any = None) -> tuple[list[Response], int]:
    return scan(table_name, response_from_item, client=client)


def read_invitations(table_name: str, client: Any = None) -> tuple[list[Invitation], int]:
    return scan(
        table_name,
        invitation_from_item,
        client=client,
        ProjectionExpression="tenant, campaign, channel, #s",
        ExpressionAttributeNames={"#s": "status"},
    )
