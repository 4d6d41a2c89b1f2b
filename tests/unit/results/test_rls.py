"""QuickSight row-level security over the exported rows: who sees what.

The evaluator below reads ``rls/rules.csv`` as the Glue table does (LazySimpleSerDe, a header
line skipped, "," between fields, only ``\\N`` is NULL) and applies the rules as the QuickSight
User Guide states them ("Using row-level security with user-based rules"): a group sees a row
when one of its rules matches it; a rule matches when each of its fields is NULL (every value)
or holds the row's value (a comma separates several values). It runs over the very objects the
export writes for a fixture of four municipalities in three kommungrupper.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from shared.core import totals
from shared.core.tenants import (
    ExtraOption,
    ExtraQuestion,
    Kommungrupp,
    Tenant,
    TenantLabel,
    TenantText,
)
from shared.results import export, figures
from shared.results.disclosure.release import State
from shared.results.figures import Comment, Published, compute
from shared.results.themes import shares
from tests.unit.results.helpers import CAMPAIGN, exact, random_answers, tenant

NULL = "\\N"  # the rules table's serialization.null.format (tests/infra/test_analytics.py)
GLUE_COLUMNS = ("groupname", export.RLS_COLUMN)  # the rls_rules table's columns, in order
RENAMES = {"groupname": "GroupName"}  # the rules dataset's transform
COMMENT_RENAMES = {"audience": export.RLS_COLUMN}  # the comments dataset's transform

OWN_QUESTION = ExtraQuestion(
    id="kanal",
    text=TenantText(sv="Hur hittade du rätt kontaktväg?"),
    kind="choice",
    options=(
        ExtraOption(id="webb", label=TenantLabel(sv="Webben")),
        ExtraOption(id="vaxel", label=TenantLabel(sv="Växeln")),
    ),
)
OWN_ANSWERS = {"webb": 35, "vaxel": 25}  # Uppsala's published counts of its own question

TENANTS = {
    "0380": tenant("0380", Kommungrupp.A3, extra_questions=(OWN_QUESTION,)),  # Uppsala
    "1980": tenant("1980", Kommungrupp.A3),  # Västerås: same group as Uppsala
    "0180": tenant("0180", Kommungrupp.A1),  # Stockholm
    "2584": tenant("2584", Kommungrupp.B6),  # Kiruna
}


def rules_as_athena_reads(body: str) -> list[dict[str, str | None]]:
    rows = []
    for line in body.splitlines()[1:]:  # skip.header.line.count = 1
        fields = line.split(",")
        assert len(fields) == len(GLUE_COLUMNS), line  # an extra comma would shift a column
        rows.append(
            {
                RENAMES.get(c, c): (None if v == NULL else v)
                for c, v in zip(GLUE_COLUMNS, fields, strict=True)
            }
        )
    return rows


def visible(
    rules: list[dict[str, str | None]], group: str, rows: Iterable[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The rows QuickSight shows a member of ``group`` (GRANT_ACCESS, VERSION_1 rules)."""
    mine = [r for r in rules if r["GroupName"] == group]

    def matches(rule: Mapping[str, str | None], row: Mapping[str, Any]) -> bool:
        return all(
            value is None or row.get(column) in value.split(",")
            for column, value in rule.items()
            if column != "GroupName"
        )

    return [row for row in rows if any(matches(rule, row) for rule in mine)]


def _published(code: str, seed: int) -> Published:
    # Uppsala's 100 answers leave some errand cells too uncertain to show (figures.MAX_HALF_WIDTH)
    # and others shown; the others' 300 show every one
    answers = 100 if code == "0380" else 300
    cells = exact(random_answers(answers, seed=seed), i=5 * answers, d=2)
    for option, count in OWN_ANSWERS.items() if code == "0380" else ():
        cells[totals.TOTAL][totals.choice(OWN_QUESTION.id, option)] = count
    state = State(
        f"{code}#{CAMPAIGN.id}#sms", published=cells, released_on="2026-03-20", sequence=2
    )
    return Published(code, CAMPAIGN.id, "sms", state)


def _jsonl(body: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in body.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def exported() -> dict[str, list[dict[str, Any]]]:
    return exported_rows()


@functools.cache
def exported_rows() -> dict[str, list[dict[str, Any]]]:
    """Each dataset's rows as QuickSight reads them from the objects the export writes (also
    read by tests/infra/test_analytics.py, which runs the dashboard's filters over them)."""
    result = compute([_published(k, i) for i, k in enumerate(TENANTS)], TENANTS)
    objects = export.campaign_objects(CAMPAIGN.id, result)
    for code in TENANTS:
        batch = [Comment(code, CAMPAIGN.id, "sms", f"Bra service i {code}", "", "2026-03-20")]
        objects |= export.comment_batch(batch, 1)
    comments = [
        {COMMENT_RENAMES.get(k, k): v for k, v in record.items()}
        for key, body in objects.items()
        if key.startswith(export.COMMENTS_PREFIX)
        for record in _jsonl(body)
    ]
    batches = [
        {"audience": code, "campaign": CAMPAIGN.id, "comments": 20, "classifier": "inbyggd",
         "themes": {shares.THEMES[0]: 5 + i}, "tones": {"positiv": 20}}
        for i, code in enumerate(TENANTS)
    ]  # fmt: skip
    return {
        "figures": _jsonl(objects[export.figures_key(CAMPAIGN.id)]),
        "participation": _jsonl(objects[export.participation_key(CAMPAIGN.id)]),
        "comments": comments,
        "themes": [r.record() for r in shares.rows(CAMPAIGN.id, batches, TENANTS)],
    }


@pytest.fixture(scope="module")
def rules() -> list[dict[str, str | None]]:
    return rules_as_athena_reads(export.rls_rules(TENANTS.values()))


def _areas(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    return {r[export.RLS_COLUMN] for r in rows}


def test_a_reader_of_0380_sees_its_own_rows_its_groups_and_the_nations(exported, rules) -> None:
    group = export.municipality_group("0380")
    seen = visible(rules, group, exported["figures"])
    assert _areas(seen) == {"0380", "KG-A3", "riket"}
    assert {r["scope"] for r in seen} == {figures.KOMMUN, figures.KOMMUNGRUPP, figures.RIKET}
    # every one of those rows, not a sample: own, own group and nation in full
    wanted = [r for r in exported["figures"] if r["area"] in {"0380", "KG-A3", "riket"}]
    assert seen == wanted
    # Västerås is in the same group: its own rows stay hidden; so do the other groups
    assert not {"1980", "0180", "2584", "KG-A1", "KG-B6"} & _areas(seen)
    assert {r["kommungrupp"] for r in seen if r["scope"] != figures.RIKET} == {"A3"}
    assert _areas(visible(rules, group, exported["participation"])) == {"0380", "KG-A3", "riket"}
    [comment] = visible(rules, group, exported["comments"])
    assert comment["text"] == "Bra service i 0380"


@pytest.mark.parametrize("code", sorted(TENANTS))
def test_every_reader_sees_exactly_own_group_and_nation(exported, rules, code: str) -> None:
    t: Tenant = TENANTS[code]
    group = export.municipality_group(code)
    expected = {code, f"KG-{t.kommungrupp.value}", figures.RIKET_AREA}
    for name in ("figures", "participation"):
        seen = visible(rules, group, exported[name])
        assert seen == [r for r in exported[name] if r["area"] in expected], name
        assert _areas(seen) == expected, name
    assert [c["text"] for c in visible(rules, group, exported["comments"])] == [
        f"Bra service i {code}"
    ]


def test_the_operators_see_every_row_of_every_dataset(exported, rules) -> None:
    for name, rows in exported.items():
        assert visible(rules, export.OPERATORS_GROUP, rows) == rows, name


def test_a_group_without_rules_sees_nothing(exported, rules) -> None:
    # a municipality not (yet) in the tenant list, or a mistyped group name
    for rows in exported.values():
        assert visible(rules, export.municipality_group("0114"), rows) == []


def test_the_nations_rows_carry_no_kommungrupp(exported) -> None:
    """Why the rules match ``area`` and not ``kommungrupp``: the nation's rows carry "", which a
    rule cannot name without an empty field (and an empty field is one setting from NULL)."""
    nation = [r for r in exported["figures"] if r["scope"] == figures.RIKET]
    assert nation
    assert {r["kommungrupp"] for r in nation} == {""}
    assert {r["area"] for r in nation} == {figures.RIKET_AREA}


def test_rules_are_single_plain_values_without_duplicates() -> None:
    """No empty field, no comma inside a value, no duplicate (QuickSight ignores duplicates),
    and far under the 999 rules that may apply to one user."""
    body = export.rls_rules(TENANTS.values())
    lines = body.splitlines()
    assert lines[0] == export.RLS_HEADER
    parsed = list(csv.reader(io.StringIO(body)))[1:]
    assert all(len(fields) == 2 and all(fields) for fields in parsed)
    assert len(lines) == len(set(lines))
    per_group: dict[str, int] = {}
    for group, _ in parsed:
        per_group[group] = per_group.get(group, 0) + 1
    assert max(per_group.values()) < 999
    assert per_group[export.municipality_group("0380")] == 3
    # operators: four municipalities, the nine groups (a group's rows appear once it has a
    # member, whichever the tenant list holds at the time) and the nation
    assert per_group[export.OPERATORS_GROUP] == 4 + len(Kommungrupp) + 1


def test_the_rules_follow_a_municipality_that_changes_group() -> None:
    moved = {**TENANTS, "0380": tenant("0380", Kommungrupp.A2)}
    rules = rules_as_athena_reads(export.rls_rules(moved.values()))
    areas = {r["area"] for r in rules if r["GroupName"] == export.municipality_group("0380")}
    assert areas == {"0380", "KG-A2", "riket"}


class _Releases:
    """The one read ``service.export_campaigns`` makes of the releases table."""

    def campaign(self, campaign: str) -> list[Published]:
        return [_published(k, i) for i, k in enumerate(TENANTS)]


def test_the_results_export_writes_rules_that_know_each_kommungrupp(monkeypatch) -> None:
    from moto import mock_aws

    from shared.platform import store
    from shared.results import service

    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)  # tests/conftest.py faked the rest
    with mock_aws():
        store.reset_clients()
        s3 = store.client("s3")
        s3.create_bucket(
            Bucket="analytics", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        service.export_campaigns([CAMPAIGN.id], TENANTS, _Releases(), "analytics")  # type: ignore[arg-type]
        body = s3.get_object(Bucket="analytics", Key=export.RLS_KEY)["Body"].read().decode()
    store.reset_clients()
    assert body == export.rls_rules(TENANTS.values())
    assert "servicematning-2584,KG-B6" in body.splitlines()
