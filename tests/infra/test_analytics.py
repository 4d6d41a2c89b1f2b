"""The analytics stack (ServicematningAnalytics): Glue, Athena, QuickSight and its RLS.

Synthesised with the whole app and cdk-nag (a finding without an acknowledgement fails the
synth); cfn-lint checks the template, including the dashboard's whole definition.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

import pytest

from shared.results import export
from shared.results.figures import Comment, FigureRow, ParticipationRow
from tests.infra.conftest import Synth

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
pytestmark = pytest.mark.xdist_group("cdk")


@pytest.fixture(scope="module")
def template(synth: Synth) -> dict[str, Any]:
    """The ServicematningAnalytics stack as `cdk synth` writes it (cdk-nag ran on it)."""
    return synth.analytics_json


def of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: v["Properties"] for k, v in template["Resources"].items() if v["Type"] == kind}


def glue_table(template: dict[str, Any], name: str) -> dict[str, Any]:
    [table] = [
        p["TableInput"]
        for p in of_type(template, "AWS::Glue::Table").values()
        if p["TableInput"]["Name"] == name
    ]
    return table


def datasets(template: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """DataSetId suffix → (logical id, properties)."""
    return {
        p["DataSetId"].split("-", 1)[1]: (k, p)
        for k, p in of_type(template, "AWS::QuickSight::DataSet").items()
    }


def test_cfn_lint_passes(template) -> None:
    from cfnlint.api import ManualArgs, lint

    # W3005: CDK's own explicit DependsOn next to a GetAtt (the team's one ignored check)
    matches = lint(json.dumps(template), config=ManualArgs(ignore_checks=["W3005"]))
    assert [str(m) for m in matches] == []


def test_no_table_holds_row_level_data(template) -> None:
    """The results issue's rule: nothing a QuickSight author can query holds one answer."""
    names = {t["TableInput"]["Name"] for t in of_type(template, "AWS::Glue::Table").values()}
    assert names == {"comments", "figures", "participation", "themes", "rls_rules"}
    for table in of_type(template, "AWS::Glue::Table").values():
        columns = {c["Name"] for c in table["TableInput"]["StorageDescriptor"]["Columns"]}
        assert not columns & {"response_id", "token_hash", "contact_day", "comment"}


def test_theme_shares_are_a_table_of_their_rows_with_no_text(template) -> None:
    from shared.results.themes.shares import ShareRow

    table = glue_table(template, "themes")
    columns = [c["Name"] for c in table["StorageDescriptor"]["Columns"]]
    assert columns == [f.name for f in dataclasses.fields(ShareRow)]
    assert "text" not in columns
    assert export.THEMES_PREFIX in json.dumps(table["StorageDescriptor"]["Location"])


def test_comments_are_partitioned_by_kommunkod_with_projection(template) -> None:
    table = glue_table(template, "comments")
    assert [k["Name"] for k in table["PartitionKeys"]] == ["kommunkod"]
    params = table["Parameters"]
    assert params["projection.enabled"] == "true"
    template_path = json.dumps(params["storage.location.template"])
    assert "comments/kommunkod=${kommunkod}/" in template_path


def test_aggregate_tables_have_the_exported_columns(template) -> None:
    for name, row_type in (("figures", FigureRow), ("participation", ParticipationRow)):
        columns = [c["Name"] for c in glue_table(template, name)["StorageDescriptor"]["Columns"]]
        assert columns == [f.name for f in dataclasses.fields(row_type)]
    comment_columns = {
        c["Name"] for c in glue_table(template, "comments")["StorageDescriptor"]["Columns"]
    }
    comment = Comment("1980", "2026-var", "sms", "Bra", "bygglov", "2026-03-02")
    assert comment_columns == set(export.comment_record(comment))


def test_athena_workgroup_encrypts_and_enforces_its_results(template) -> None:
    [workgroup] = of_type(template, "AWS::Athena::WorkGroup").values()
    config = workgroup["WorkGroupConfiguration"]
    assert config["EnforceWorkGroupConfiguration"] is True
    result = config["ResultConfiguration"]
    assert result["EncryptionConfiguration"]["EncryptionOption"] == "SSE_S3"
    assert export.ATHENA_RESULTS_PREFIX in json.dumps(result["OutputLocation"])
    assert config["BytesScannedCutoffPerQuery"] > 0


def _fields(props: dict[str, Any]) -> set[str]:
    """The field names a dataset shows (its input columns after its renames): the names its
    row-level security rules are matched against."""
    [physical] = props["PhysicalTableMap"].values()
    names = {c["Name"] for c in physical["RelationalTable"]["InputColumns"]}
    [logical] = props["LogicalTableMap"].values()
    for transform in logical.get("DataTransforms", []):
        rename = transform.get("RenameColumnOperation")
        if rename:
            names = (names - {rename["ColumnName"]}) | {rename["NewColumnName"]}
    return names


def test_every_dataset_but_the_rules_has_row_level_security_on_area(template) -> None:
    found = datasets(template)
    rules_id, rules = found.pop("rules")
    assert "RowLevelPermissionDataSet" not in rules
    # the rules dataset shows exactly the rules file's columns, under QuickSight's names
    assert _fields(rules) == {"GroupName", export.RLS_COLUMN}
    assert export.RLS_HEADER.split(",") == ["GroupName", export.RLS_COLUMN]
    assert set(found) == {"figures", "participation", "comments", "themes"}
    for name, (_, props) in found.items():
        rls = props["RowLevelPermissionDataSet"]
        assert rls["Arn"] == {"Fn::GetAtt": [rules_id, "Arn"]}
        assert (rls["PermissionPolicy"], rls["Status"]) == ("GRANT_ACCESS", "ENABLED")
        assert rls["FormatVersion"] == "VERSION_1"  # GroupName, not GroupARN
        # every rule column but GroupName is a field of the dataset, or QuickSight refuses it
        assert export.RLS_COLUMN in _fields(props), name
    # the comments' kommunkod (audience) is shown as area, so the same rules apply
    [logical] = found["comments"][1]["LogicalTableMap"].values()
    assert {"ColumnName": "audience", "NewColumnName": "area"} in [
        t["RenameColumnOperation"] for t in logical["DataTransforms"]
    ]


def test_rules_give_a_municipality_its_own_its_groups_and_the_nations_area() -> None:
    from shared.core.tenants import Kommungrupp
    from tests.unit.results.helpers import tenant

    lines = export.rls_rules([tenant("1980", Kommungrupp.A3)]).splitlines()
    assert lines[0] == "GroupName,area"
    mine = [line for line in lines if line.startswith("servicematning-1980,")]
    assert mine == [
        "servicematning-1980,1980",
        "servicematning-1980,KG-A3",
        "servicematning-1980,riket",
    ]
    assert {"servicematning-operatorer,1980", "servicematning-operatorer,KG-C9",
            "servicematning-operatorer,riket"} <= set(lines)  # fmt: skip
    assert all(line.split(",")[1] for line in lines)


def test_principals_are_deploy_time_parameters(template) -> None:
    params = template["Parameters"]
    # stable names: exactly what docs/deploy.md passes with --parameters
    owner, viewers = "QuickSightOwnerArn", "QuickSightViewerGroupArn"
    assert "Default" not in params[owner]
    assert "Default" not in params[viewers]
    [dashboard] = of_type(template, "AWS::QuickSight::Dashboard").values()
    grants = {p["Principal"]["Ref"]: p["Actions"] for p in dashboard["Permissions"]}
    assert all(a.startswith(("quicksight:Describe", "quicksight:List", "quicksight:Query"))
               for a in grants[viewers])  # fmt: skip
    assert "quicksight:UpdateDashboard" in grants[owner]
    # the viewers cannot open any dataset, least of all the rules
    for _, props in datasets(template).values():
        assert [p["Principal"] for p in props["Permissions"]] == [{"Ref": owner}]


def _definition(template: dict[str, Any]) -> dict[str, Any]:
    [dashboard] = of_type(template, "AWS::QuickSight::Dashboard").values()
    return dashboard["Definition"]


def _visuals(definition: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Visual id → (kind, body) of the one sheet's visuals."""
    out = {}
    for visual in definition["Sheets"][0]["Visuals"]:
        [(kind, body)] = visual.items()
        out[body["VisualId"]] = (kind, body)
    return out


def _wells(body: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Field well → [(dataset, column)] of an aggregated chart or table."""
    [wells] = body["ChartConfiguration"]["FieldWells"].values()
    return {
        name: [(c["Column"]["DataSetIdentifier"], c["Column"]["ColumnName"])
               for field in fields for c in field.values()]
        for name, fields in wells.items()
    }  # fmt: skip


def _filters(definition: dict[str, Any], visual_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, column, filter) of every enabled filter whose scope names the visual."""
    out = []
    for group in definition["FilterGroups"]:
        scopes = group["ScopeConfiguration"]["SelectedSheets"]["SheetVisualScopingConfigurations"]
        if group["Status"] != "ENABLED" or not any(visual_id in s["VisualIds"] for s in scopes):
            continue
        for item in group["Filters"]:
            [(kind, body)] = item.items()
            out.append((kind, body["Column"]["ColumnName"], body))
    return out


def _passes(kind: str, column: str, body: dict[str, Any], row: dict[str, Any]) -> bool:
    """QuickSight's reading of the filter kinds the dashboard uses, over one exported row."""
    value = row.get(column)
    if kind == "NumericEqualityFilter":
        assert body["MatchOperator"] == "EQUALS"
        return value is not None and int(value) == body["Value"]  # a boolean is 0/1
    assert kind == "CategoryFilter", kind
    config = body["Configuration"]["FilterListConfiguration"]
    if config.get("SelectAllOptions") == "FILTER_ALL_VALUES":
        return True  # the campaign picker before the reader picks
    listed = value in config["CategoryValues"]
    return {"CONTAINS": listed, "DOES_NOT_CONTAIN": not listed}[config["MatchOperator"]]


def _rows_of(definition: dict[str, Any], visual_id: str, rows: list[dict[str, Any]]):
    filters = _filters(definition, visual_id)
    return [r for r in rows if all(_passes(k, c, b, r) for k, c, b in filters)]


def test_dashboard_visuals_read_columns_the_datasets_have(template) -> None:
    definition = _definition(template)
    columns = {name: _dataset_fields(p) for name, (_, p) in datasets(template).items()}

    def referenced(node: Any) -> list[dict[str, str]]:
        if isinstance(node, dict):
            found = [node] if set(node) == {"DataSetIdentifier", "ColumnName"} else []
            return found + [c for v in node.values() for c in referenced(v)]
        if isinstance(node, list):
            return [c for v in node for c in referenced(v)]
        return []

    refs = referenced(definition)
    assert len(refs) > 30
    for ref in refs:
        assert ref["ColumnName"] in columns[ref["DataSetIdentifier"]], ref
    declared = {d["Identifier"] for d in definition["DataSetIdentifierDeclarations"]}
    assert {ref["DataSetIdentifier"] for ref in refs} == declared


def _dataset_fields(props: dict[str, Any]) -> set[str]:
    return _fields(props)


def test_the_dashboard_has_the_visuals_a_manager_reads(template) -> None:
    from infra.analytics import dashboard as a

    visuals = _visuals(_definition(template))
    kinds = {vid: kind for vid, (kind, _) in visuals.items()}
    assert kinds == {
        a.COMPARISON: "BarChartVisual", a.TREND_WEEK: "LineChartVisual",
        a.TREND_MONTH: "LineChartVisual", a.TREND_CAMPAIGN: "LineChartVisual",
        a.OWN_QUESTIONS: "BarChartVisual", a.ERRANDS: "BarChartVisual",
        a.ERRAND_SHARES: "BarChartVisual", a.RANKING: "TableVisual",
        a.DISTRIBUTION: "BarChartVisual", a.PARTICIPATION_TABLE: "TableVisual",
        a.COMMENTS_TABLE: "TableVisual", a.COMMENT_THEMES: "BarChartVisual",
    }  # fmt: skip
    f = "figures"
    wells = {vid: _wells(body) for vid, (kind, body) in visuals.items() if vid != a.COMMENTS_TABLE}
    # own municipality vs own kommungrupp vs nation, per question: one bar per area
    assert wells[a.COMPARISON] == {
        "Category": [(f, "question_label")], "Values": [(f, "index")], "Colors": [(f, "area_name")]
    }  # fmt: skip
    # the trends: one line per area, one panel per question, over weeks, months or campaigns
    for vid, axis in ((a.TREND_WEEK, "value"), (a.TREND_MONTH, "value"),
                      (a.TREND_CAMPAIGN, "campaign_name")):  # fmt: skip
        assert wells[vid] == {
            "Category": [(f, axis)], "Values": [(f, "index")], "Colors": [(f, "area_name")],
            "SmallMultiples": [(f, "question_label")],
        }, vid  # fmt: skip
    # campaigns in the order they ran, not by name
    [sort] = visuals[a.TREND_CAMPAIGN][1]["ChartConfiguration"]["SortConfiguration"]["CategorySort"]
    assert sort["ColumnSort"]["SortBy"]["ColumnName"] == "campaign_start"
    # the municipality's own questions: each option's share, one panel per question
    assert wells[a.OWN_QUESTIONS] == {
        "Category": [(f, "value_label")], "Values": [(f, "share")], "Colors": [],
        "SmallMultiples": [(f, "question_label")],
    }  # fmt: skip
    # the errands: index per errand kind beside the group and the nation, and their spread
    assert wells[a.ERRANDS]["Category"] == [(f, "value_label")]
    assert wells[a.ERRANDS]["Values"] == [(f, "index")]
    assert wells[a.ERRANDS]["Colors"] == [(f, "area_name")]
    assert wells[a.ERRAND_SHARES]["Values"] == [(f, "share")]
    assert wells[a.ERRAND_SHARES]["Colors"] == [(f, "area_name")]
    assert (f, "rank") in wells[a.RANKING]["Values"]
    assert (f, "campaign_name") in wells[a.RANKING]["GroupBy"]
    assert ("participation", "campaign_name") in wells[a.PARTICIPATION_TABLE]["GroupBy"]
    # what the released comments are about: each theme's share beside the group and the nation
    assert wells[a.COMMENT_THEMES] == {
        "Category": [("themes", "theme_name")], "Values": [("themes", "share")],
        "Colors": [("themes", "area_name")],
    }  # fmt: skip


def test_every_figure_visual_leaves_out_suppressed_rows(template) -> None:
    from infra.analytics import dashboard as a

    definition = _definition(template)
    for vid, (_, body) in _visuals(definition).items():
        datasets_read = {d for cols in _wells(body).values() for d, _ in cols} if vid != (
            a.COMMENTS_TABLE) else {"comments"}  # fmt: skip
        if datasets_read & {"figures", "participation", "themes"}:
            hiding = [b for k, c, b in _filters(definition, vid)
                      if k == "NumericEqualityFilter" and c == "suppressed"]  # fmt: skip
            assert [(b["Value"], b["NullOption"]) for b in hiding] == [(0, "NON_NULLS_ONLY")], vid


def test_what_a_reader_of_0380_sees_in_each_visual(template) -> None:
    """The dashboard's own filters, run over the rows row-level security leaves a reader of
    Uppsala (0380, kommungrupp A3) in the fixture of tests/unit/results/test_rls.py."""
    from infra.analytics import dashboard as a
    from tests.unit.results import test_rls

    definition = _definition(template)
    rules = test_rls.rules_as_athena_reads(export.rls_rules(test_rls.TENANTS.values()))
    exported = test_rls.exported_rows()
    rows = test_rls.visible(rules, export.municipality_group("0380"), exported["figures"])
    areas = {"Kommun 0380", "Kommungrupp A3 Större stad", "Riket"}

    def shown(vid: str) -> list[dict[str, Any]]:
        return _rows_of(definition, vid, rows)

    hidden = [r for r in rows if r["suppressed"]]
    assert hidden  # the fixture has hidden cells (errand cells under the minimum)
    for vid in a.FIGURE_VISUALS:
        assert not any(r["suppressed"] for r in shown(vid)), vid
    comparison = shown(a.COMPARISON)
    assert {r["area_name"] for r in comparison} == areas
    assert {r["breakdown"] for r in comparison} == {"total"}
    assert {r["breakdown"] for r in shown(a.TREND_WEEK)} == {"week"}
    assert {r["area_name"] for r in shown(a.TREND_WEEK)} == areas
    assert {r["breakdown"] for r in shown(a.TREND_MONTH)} == {"month"}
    assert {r["area_name"] for r in shown(a.TREND_CAMPAIGN)} == areas
    errands = shown(a.ERRANDS)
    assert {r["area_name"] for r in errands} == areas
    assert {r["breakdown"] for r in errands} == {"errand"}
    # a hidden errand cell of Uppsala's is in the rows, and not in the visual
    assert any(r["breakdown"] == "errand" and r["area"] == "0380" for r in hidden)
    own = shown(a.OWN_QUESTIONS)
    assert {(r["question"], r["value"], r["share"]) for r in own} == {
        ("kanal", "webb", 58.3), ("kanal", "vaxel", 41.7)
    }  # fmt: skip
    assert {r["question"] for r in shown(a.ERRAND_SHARES)} == {"errand"}
    assert {r["area_name"] for r in shown(a.ERRAND_SHARES)} == areas
    # the comment themes: its own shares, and its group's and the nation's where they sum at
    # least three municipalities' batches (hidden otherwise), never the row of all comments
    theme_rows = test_rls.visible(rules, export.municipality_group("0380"), exported["themes"])
    themes = _rows_of(definition, a.COMMENT_THEMES, theme_rows)
    assert {r["area"] for r in theme_rows} == {"0380", "KG-A3", "riket"}
    assert (
        {r["area"] for r in themes}
        == {r["area"] for r in theme_rows if not r["suppressed"]}
        >= {"0380", "riket"}
    )
    assert all(r["theme"] != "alla" and r["share"] is not None for r in themes)


def test_the_ranking_shows_only_comparable_municipalities(template) -> None:
    from infra.analytics import dashboard as a

    definition = _definition(template)
    fixture = [
        {"scope": "kommun", "breakdown": "total", "suppressed": False, "comparable": True},
        {"scope": "kommun", "breakdown": "total", "suppressed": False, "comparable": False},
        {"scope": "kommun", "breakdown": "total", "suppressed": False, "comparable": None},
        {"scope": "riket", "breakdown": "total", "suppressed": False, "comparable": None},
    ]
    assert _rows_of(definition, a.RANKING, fixture) == fixture[:1]


def test_a_campaign_picker_narrows_all_but_the_campaign_trend(template) -> None:
    from infra.analytics import dashboard as a

    definition = _definition(template)
    [control] = definition["Sheets"][0]["FilterControls"]
    source = control["Dropdown"]["SourceFilterId"]
    picked = {
        vid
        for vid in _visuals(definition)
        if any(b["FilterId"] == source for _, _, b in _filters(definition, vid))
    }
    assert picked == set(a.FIGURE_VISUALS) - {a.TREND_CAMPAIGN} | {a.COMMENT_THEMES}
    # declared on the figures, applied to the themes' column of the same name too
    [group] = [
        g
        for g in definition["FilterGroups"]
        if any(f.get("CategoryFilter", {}).get("FilterId") == source for f in g["Filters"])
    ]
    assert group["CrossDataset"] == "ALL_DATASETS"
    [(_, column, _)] = [f for f in _filters(definition, a.COMPARISON) if f[2]["FilterId"] == source]
    assert column == "campaign_name"


def test_no_row_level_table_or_dataset_exists(template) -> None:
    """Only aggregates and comment batches are queryable: no table of single answers."""
    names = {p["TableInput"]["Name"] for p in of_type(template, "AWS::Glue::Table").values()}
    assert names == {"comments", "figures", "participation", "themes", "rls_rules"}
    assert set(datasets(template)) == {"rules", "figures", "participation", "comments", "themes"}
    assert "responses" not in json.dumps(template)


def test_an_empty_rule_field_is_not_null_so_it_grants_nothing(template) -> None:
    """QuickSight reads a NULL rule value as "every value". The rules table keeps Hive's own
    NULL marker (\\N), so an empty field reads as "" — which no row's area is — and a broken
    rules line hides rows instead of showing every municipality's (fail closed). The unit
    tests' evaluator (tests/unit/results/test_rls.py) reads the file the same way."""
    from infra.analytics.catalog import NULL_FORMAT
    from tests.unit.results import test_rls

    table = glue_table(template, "rls_rules")
    serde = table["StorageDescriptor"]["SerdeInfo"]
    assert serde["Parameters"][NULL_FORMAT] == test_rls.NULL == "\\N"
    assert serde["Parameters"]["field.delim"] == ","
    assert table["Parameters"]["skip.header.line.count"] == "1"
    columns = [c["Name"] for c in table["StorageDescriptor"]["Columns"]]
    assert tuple(columns) == test_rls.GLUE_COLUMNS
    broken = export.RLS_HEADER + "\nservicematning-0380,\n"
    rules = test_rls.rules_as_athena_reads(broken)
    assert (
        test_rls.visible(rules, "servicematning-0380", [{"area": "0380"}, {"area": "1980"}]) == []
    )


def _statements(template: dict[str, Any]) -> list[dict[str, Any]]:
    [role] = [k for k in of_type(template, "AWS::IAM::Role") if "QuickSightAthenaRole" in k]
    return [
        s
        for p in of_type(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement["Action"]
    return [actions] if isinstance(actions, str) else list(actions)


def test_quicksight_role_has_the_reference_policys_reads_and_nothing_wider(template) -> None:
    granted = {a for s in _statements(template) for a in _actions(s)}
    # AWS's reference (AWSQuicksightAthenaAccess) actions QuickSight needs to read via Athena
    needed = {
        "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
        "athena:GetQueryResultsStream", "athena:StopQueryExecution", "athena:GetWorkGroup",
        "athena:GetDataCatalog", "athena:GetDatabase", "athena:GetTableMetadata",
        "athena:ListDatabases", "athena:ListTableMetadata", "athena:ListWorkGroups",
        "athena:ListDataCatalogs", "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable",
        "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition",
        "s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads",
        "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
    }  # fmt: skip
    assert granted == needed
    assert not any("*" in a for a in granted)
    for statement in _statements(template):
        if statement["Resource"] == "*":  # only the two listings that take no resource
            assert sorted(_actions(statement)) == [
                "athena:ListDataCatalogs",
                "athena:ListWorkGroups",
            ]
        if "s3:PutObject" in statement["Action"]:
            assert export.ATHENA_RESULTS_PREFIX in json.dumps(statement["Resource"])


def test_datasets_are_spice_refreshed_weekly_after_the_release(synth: Synth) -> None:
    """A dashboard load reads QuickSight's copy (no Athena query), and a release becomes visible
    at the refresh only: weekly, Monday 07:00 Stockholm, an hour after the release."""
    from infra.analytics.stack import REFRESH_SCHEDULE

    resources = synth.analytics_json["Resources"]
    datasets = {
        v["Properties"]["DataSetId"]: v["Properties"]
        for v in resources.values()
        if v["Type"] == "AWS::QuickSight::DataSet"
    }
    assert {d["ImportMode"] for d in datasets.values()} == {"SPICE"}
    refreshed = {
        v["Properties"]["DataSetId"]: v["Properties"]["Schedule"]
        for v in resources.values()
        if v["Type"] == "AWS::QuickSight::RefreshSchedule"
    }
    assert set(refreshed) == set(datasets)
    for schedule in refreshed.values():
        frequency = schedule["ScheduleFrequency"]
        assert schedule["RefreshType"] == "FULL_REFRESH"
        assert frequency["Interval"] == "WEEKLY"
        assert frequency["RefreshOnDay"] == {"DayOfWeek": REFRESH_SCHEDULE["day_of_week"]}
        assert (frequency["TimeOfTheDay"], frequency["TimeZone"]) == ("07:00", "Europe/Stockholm")
