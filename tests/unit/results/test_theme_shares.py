"""Theme shares: a batch's counts, and the sums per municipality, kommungrupp and nation."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import pytest

from shared.core.tenants import load_tenant_dir
from shared.results import export, opendata
from shared.results.figures import Comment
from shared.results.themes import Labels
from shared.results.themes import shares as sh
from tests.conftest import TENANT_CONFIG

CAMPAIGN = "2026-var"
TENANTS = load_tenant_dir(TENANT_CONFIG)  # 0380, 0580 and 1980 are kommungrupp A3


class Fixed:
    """A classifier whose labels the test chooses (one per text, in order)."""

    name = "fixed"

    def __init__(self, labels: Sequence[Labels]) -> None:
        self.labels = list(labels)

    def classify(self, texts: Sequence[str]) -> list[Labels]:
        assert len(texts) == len(self.labels)
        return self.labels


def batch(tenant: str, labels: Sequence[Labels], number: int = 1) -> dict:
    comments = [
        Comment(tenant, CAMPAIGN, "", f"Hemlig text {i}", "", "2026-03-23")
        for i in range(len(labels))
    ]
    objects = sh.batch_object(comments, number, Fixed(labels))
    (key, body) = next(iter(objects.items()))
    assert key == export.theme_batch_key(tenant, CAMPAIGN, "2026-03-23", number)
    assert b"Hemlig" not in body  # counts only, never a text
    return json.loads(body)


NEG_QUEUE = Labels(("svarstid", "telefon"), "negativ")
POS_STAFF = Labels(("bemotande",), "positiv")
OTHER = Labels(("annat",), "neutral")


def test_a_batch_counts_each_theme_once_per_comment_and_tone_within_it() -> None:
    record = batch("1980", [NEG_QUEUE, NEG_QUEUE, POS_STAFF, OTHER])
    assert record["comments"] == 4
    assert record["themes"] == {"svarstid": 2, "bemotande": 1, "telefon": 2, "annat": 1}
    assert record["tones"] == {"positiv": 1, "neutral": 1, "negativ": 2}
    assert record["theme_tones"]["telefon"] == {"negativ": 2}
    assert record["classifier"] == "fixed"


def row(rows: list[sh.ShareRow], area: str, theme: str) -> sh.ShareRow:
    return next(r for r in rows if r.area == area and r.theme == theme)


def test_municipality_group_and_nation_sum_their_members() -> None:
    batches = [
        batch("1980", [NEG_QUEUE, POS_STAFF]),
        batch("1980", [NEG_QUEUE, NEG_QUEUE], number=2),
        batch("0380", [POS_STAFF, OTHER]),
        batch("0180", [OTHER, OTHER]),
    ]
    rows = sh.rows(CAMPAIGN, batches, TENANTS)
    own = row(rows, "1980", "svarstid")
    assert (own.comments, own.count, own.share, own.negativ) == (4, 3, 75.0, 3)
    assert own.audience == "1980"
    assert row(rows, "1980", "alla").positiv == 1
    nation = row(rows, "riket", "annat")
    assert (nation.municipalities, nation.comments, nation.count) == (3, 8, 3)
    assert nation.share == 37.5
    assert nation.audience == "alla"


def test_a_group_of_fewer_than_three_municipalities_is_suppressed() -> None:
    batches = [batch("1980", [NEG_QUEUE]), batch("0380", [POS_STAFF])]
    rows = sh.rows(CAMPAIGN, batches, TENANTS)
    group = row(rows, "KG-A3", "svarstid")
    assert group.suppressed
    assert (group.comments, group.count, group.share, group.negativ) == (None, None, None, None)
    assert not row(rows, "1980", "svarstid").suppressed  # a municipality reads its own
    batches.append(batch("0580", [OTHER]))
    assert row(sh.rows(CAMPAIGN, batches, TENANTS), "KG-A3", "svarstid").count == 1


def test_other_campaigns_and_unknown_municipalities_are_left_out() -> None:
    other = batch("1980", [NEG_QUEUE]) | {"campaign": "2025-host"}
    stranger = batch("1980", [NEG_QUEUE]) | {"audience": "9999"}
    assert sh.rows(CAMPAIGN, [other, stranger], TENANTS) == []


def test_a_batch_record_with_an_unknown_theme_is_refused() -> None:
    record = batch("1980", [NEG_QUEUE]) | {"themes": {"väder": 1}}
    with pytest.raises(ValueError, match="unknown theme"):
        sh.rows(CAMPAIGN, [record], TENANTS)


def test_open_data_has_a_kpi_per_theme_and_tone_for_municipalities_and_the_nation() -> None:
    batches = [
        batch("1980", [NEG_QUEUE, POS_STAFF]),
        batch("0380", [POS_STAFF]),
        batch("0180", [OTHER]),
    ]
    objects = sh.campaign_objects(CAMPAIGN, batches, TENANTS, "2026")
    table = list(
        csv.DictReader(io.StringIO(objects[export.opendata_themes_key(CAMPAIGN)].decode()))
    )
    assert {r["municipality"] for r in table} == {"1980", "0380", "0180", "0000"}
    queue = next(
        r for r in table if r["kpi"] == "SM_KOMMENTAR_TEMA_SVARSTID" and r["municipality"] == "1980"
    )
    assert (queue["value"], queue["count"], queue["period"]) == ("50.0", "1", "2026")
    tone = next(
        r for r in table if r["kpi"] == "SM_KOMMENTAR_TON_POSITIV" and r["municipality"] == "0000"
    )
    assert (tone["value"], tone["count"]) == ("50.0", "2")
    assert list(table[0]) == list(opendata.COLUMNS)
    lines = objects[export.themes_key(CAMPAIGN)].decode().splitlines()
    assert {json.loads(x)["scope"] for x in lines} == {"kommun", "kommungrupp", "riket"}


def test_the_report_section_shows_own_shares_beside_group_and_nation() -> None:
    from shared.results.themes.view import TOO_FEW, report_section

    batches = [batch("1980", [NEG_QUEUE, POS_STAFF]), batch("0380", [POS_STAFF])]
    batches.append(batch("0180", [OTHER]))
    html = report_section(sh.rows(CAMPAIGN, batches, TENANTS), "1980")
    row = next(line for line in html.splitlines() if "Telefonkontakt" in line)
    # own 1 of 2 comments; the group (A3: 1980, 0380) is too few; the nation 1 of 4
    assert row.count("<td>") == 3
    assert "50 %" in row
    assert TOO_FEW in row
    assert "25 %" in row
    assert "Hemlig" not in html
    assert report_section(sh.rows(CAMPAIGN, batches, TENANTS), "0580") == ""


def test_the_report_section_escapes_names() -> None:
    from shared.results.themes.view import report_section

    rows = [r.record() for r in sh.rows(CAMPAIGN, [batch("1980", [OTHER])], TENANTS)]
    rows = [r | {"area_name": "<script>x</script>"} for r in rows]
    html = report_section(rows, "1980")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_quicksight_shows_a_municipality_its_own_its_groups_and_the_nations_shares() -> None:
    from tests.unit.results.test_rls import rules_as_athena_reads, visible

    batches = [batch(code, [NEG_QUEUE, OTHER]) for code in ("1980", "0380", "0580", "0180")]
    objects = sh.campaign_objects(CAMPAIGN, batches, TENANTS, "2026")
    rows = [json.loads(x) for x in objects[export.themes_key(CAMPAIGN)].decode().splitlines()]
    rules = rules_as_athena_reads(export.rls_rules(TENANTS.values()))
    seen = visible(rules, export.municipality_group("1980"), rows)
    assert {r["area"] for r in seen} == {"1980", "KG-A3", "riket"}
    assert {r["area"] for r in rows} - {r["area"] for r in seen} >= {"0380", "0580", "0180"}
