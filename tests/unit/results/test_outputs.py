"""The open-data CSV, the export layout and the HTML report on a small known data set."""

from __future__ import annotations

import csv
import io
import json

from shared.results import export, opendata, report
from shared.results.figures import compute

from .conftest import MONDAY_W10, answers, invitations


def figures_and_responses(tenants):
    data = (
        answers("1980", [5, 4, 4, 3, 1], comment="Ring mig på 070-123 45 67")
        + answers("0380", [2, 2], comment="Hemlig kommentar")
        + answers("1980", [4, 4, 4, 4, 4], channel="email", question="q2", day=MONDAY_W10)
    )
    invited = invitations("1980", answered=5, sent=15) + invitations("0380", answered=2, sent=3)
    return compute(data, invited, tenants), data


def test_open_data_has_kolada_columns_and_empty_suppressed_cells(tenants) -> None:
    figures, _ = figures_and_responses(tenants)
    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(figures, {"q1": "Bemötande"}))))
    assert tuple(rows[0]) == opendata.COLUMNS
    by_key = {(r["kpi"], r["municipality"]): r for r in rows}
    vasteras = by_key[("SM_SMS_Q1", "1980")]
    assert (vasteras["value"], vasteras["count"], vasteras["gender"]) == ("60.0", "5", "T")
    assert vasteras["period"] == "2026"
    assert "Bemötande" in vasteras["kpi_title"]
    uppsala = by_key[("SM_SMS_Q1", "0380")]
    assert (uppsala["value"], uppsala["count"], uppsala["status"]) == ("", "", "suppressed")
    # the nation holds Västerås alone (5 answers) but its minimum is Stockholm's 10
    assert by_key[("SM_SMS_Q1", "0000")]["status"] == "suppressed"
    assert by_key[("SM_SMS_SVARSFREKVENS", "1980")]["value"] == "25.0"  # 5 of 20
    assert not any("kommentar" in line.lower() for line in opendata.to_csv(figures).splitlines())


def test_export_layout_partitions_by_municipality_and_month(tenants) -> None:
    figures, responses = figures_and_responses(tenants)
    objects = export.objects(figures, responses, tenants)
    assert "responses/kommunkod=1980/month=2026-03/part.jsonl" in objects
    assert "responses/kommunkod=0380/month=2026-03/part.jsonl" in objects
    record = json.loads(
        objects["responses/kommunkod=1980/month=2026-03/part.jsonl"].splitlines()[0]
    )
    assert set(record) == {
        "response_id",
        "audience",
        "campaign",
        "channel",
        "week",
        "errand",
        "answers",
    }
    assert record["week"] == "2026-W10"  # never the contact day
    comments = objects["comments/kommunkod=1980/part.jsonl"].decode()
    assert "070-123" not in comments
    assert "comments/kommunkod=0380/part.jsonl" not in objects  # a suppressed channel
    figures_lines = objects[export.FIGURES_KEY].decode().splitlines()
    assert all("kommentar" not in line for line in figures_lines)
    assert {json.loads(line)["audience"] for line in figures_lines} == {"1980", "0380", "alla"}


def test_rls_rules_give_each_municipality_its_rows_and_the_shared_ones() -> None:
    rules = list(csv.DictReader(io.StringIO(export.rls_rules(["1980", "0380"]))))
    assert {"GroupName": "servicematning-1980", "audience": "1980"} in rules
    assert {"GroupName": "servicematning-1980", "audience": "alla"} in rules
    assert {"GroupName": "servicematning-1980", "audience": "0380"} not in rules
    assert {"GroupName": export.OPERATORS_GROUP, "audience": ""} in rules


def test_report_for_a_municipality_has_charts_tables_and_only_its_comments(tenants) -> None:
    figures, _ = figures_and_responses(tenants)
    html = report.render(figures, "1980", {"q1": "Bemötande"})
    assert '<html lang="sv">' in html
    assert html.count('role="img"') >= 2  # index and distribution charts, each with a text
    assert "aria-label=" in html
    assert "Bemötande" in html
    assert "Ring mig på [telefon]" in html
    assert "070-123" not in html
    assert "Hemlig kommentar" not in html  # another municipality's comment
    assert "Kommun 0380" not in html  # another municipality's figures
    assert "färre än 10 svar" in html  # the nation, suppressed by Stockholm's minimum


def test_national_report_has_no_comments(tenants) -> None:
    figures, _ = figures_and_responses(tenants)
    html = report.render(figures, None)
    assert "Ring mig" not in html
    assert "Kommun 1980" in html  # the municipalities' table, like the open data
    assert "Kommentarer" not in html


def test_open_data_period_is_the_campaigns_start_year(tenants) -> None:
    from datetime import date

    from shared.tenants import Campaign

    tenants["1980"] = tenants["1980"].model_copy(
        update={"campaigns": (Campaign(id="host", start=date(2027, 9, 1), end=date(2027, 10, 31)),)}
    )
    figures = compute(answers("1980", [4] * 5, campaign="host"), [], tenants)
    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(figures))))
    assert {r["period"] for r in rows} == {"2027"}
