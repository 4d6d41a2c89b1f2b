"""The pricing arithmetic of `make cost` (bench/cost/): no AWS, no emulator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.cost import model, report
from bench.cost.prices import PRICES_FILE, load_prices


def measured() -> model.Measured:
    return model.Measured(
        activities={
            "file": model.Activity({"lambda_requests": 2, "s3_put_requests": 3}),
            "sms_invitation": model.Activity(
                {"sms_segment_se": 1, "dynamodb_write_request_units": 8}
            ),
            "email_invitation": model.Activity({"ses_messages": 1}),
            "answer": model.Activity(
                {"lambda_requests": 2, "http_api_requests": 2},
                {"cloudfront_https_requests": 4, "waf_requests": 4},
            ),
        },
        releases={
            5: model.Activity({"dynamodb_read_request_units": 10}),
            290: model.Activity({"dynamodb_read_request_units": 580}),
        },
        releases_per_answer=1 / 30,
        runs={"dispatch": model.Activity({"lambda_requests": 1, "lambda_arm_gb_seconds": 0.1})},
        runs_per_day={"dispatch": 288},
        fixed_per_month={"waf_web_acl": 1, "waf_rule": 1, "cloudwatch_alarm": 20},
        storage=model.Storage(
            dynamodb_bytes_per_answer=300,
            dynamodb_bytes_per_stream=4000,
            s3_bytes_per_municipality_campaign=20_000,
            s3_bytes_shared_per_campaign=50_000,
            athena_bytes_per_municipality_campaign={"figures": 20_000},
            athena_bytes_shared_per_campaign={"figures": 50_000},
        ),
    )


PROFILE = model.Profile()


def _without(tmp_path: Path, key: str) -> Path:
    text = PRICES_FILE.read_text(encoding="utf-8")
    block = re.compile(rf"\n\[prices\.{key}\]\n(?:[^\[\n][^\n]*\n|\n)*?(?=\n\[|\Z)", re.S)
    assert block.search(text), key
    path = tmp_path / "prices.toml"
    path.write_text(block.sub("\n", text), encoding="utf-8")
    return path


def test_every_price_comes_from_the_data_file_with_its_source_and_status() -> None:
    prices = load_prices()
    assert prices.region == "eu-north-1"
    assert prices.table, "the price file has prices"
    for key, price in prices.table.items():
        assert price.official.startswith("http"), key
        assert price.status in ("confirmed", "unconfirmed"), key
    assert prices.get("sms_segment_se").unit


def test_a_price_changed_in_the_file_changes_the_bill_in_proportion(tmp_path: Path) -> None:
    text = PRICES_FILE.read_text(encoding="utf-8")
    doubled = re.sub(
        r"(\[prices\.sms_segment_se\]\nusd = )([0-9.]+)",
        lambda m: m.group(1) + str(2 * float(m.group(2))),
        text,
    )
    path = tmp_path / "prices.toml"
    path.write_text(doubled, encoding="utf-8")
    before = model.bill(measured(), PROFILE, 50, 1, load_prices())
    after = model.bill(measured(), PROFILE, 50, 1, load_prices(path))
    assert after.usd(after.where(sms=True)) == pytest.approx(2 * before.usd(before.where(sms=True)))
    assert after.usd(after.everything_else) == pytest.approx(before.usd(before.everything_else))


def test_a_missing_price_is_marked_beside_the_figures_it_feeds(tmp_path: Path) -> None:
    prices = load_prices(_without(tmp_path, "waf_web_acl"))
    assert prices.get("waf_web_acl").usd is None
    (acl_row,) = [r for r in report.fixed_table(measured(), prices) if "waf_web_acl" in r]
    assert report.MISSING_MARK in acl_row
    assert report.MARK in acl_row
    text = report.render(measured(), PROFILE, prices, {"when": "now", "seconds": 1})
    assert "waf_web_acl (missing)" in text  # the component table names the gap
    summary = report.summary_table(measured(), PROFILE, prices)
    assert all(report.MISSING_MARK in row for row in summary[2:]), "the fixed column is marked"


def test_a_figure_on_confirmed_prices_only_carries_no_mark(tmp_path: Path) -> None:
    text = PRICES_FILE.read_text(encoding="utf-8").replace('"unconfirmed"', '"confirmed"')
    path = tmp_path / "prices.toml"
    path.write_text(text, encoding="utf-8")
    prices = load_prices(path)
    b = model.bill(measured(), PROFILE, 290, 1, prices)
    assert report.marked(b, b.where(sms=True), 12.0) == "12.0"
    unconfirmed = load_prices()
    b = model.bill(measured(), PROFILE, 290, 1, unconfirmed)
    assert report.marked(b, b.where(sms=True), 12.0).endswith(report.MARK)


def test_per_use_costs_scale_with_municipalities_and_fixed_ones_do_not() -> None:
    prices = load_prices()
    one = model.bill(measured(), PROFILE, 1, 1, prices)
    many = model.bill(measured(), PROFILE, 290, 1, prices)
    # invitations, files and answers: linear in the municipalities
    for meter in ("sms_segment_se", "ses_messages", "s3_put_requests", "http_api_requests"):
        q1 = sum(ln.quantity for ln in one.lines if ln.meter == meter)
        q290 = sum(ln.quantity for ln in many.lines if ln.meter == meter)
        assert q290 == pytest.approx(290 * q1), meter
    # fixed fees and the deployment's idle schedules: the same for 1 and for 290 (the SPICE
    # refresh is per deployment too, but reads every municipality's export: apart)
    for scope in (model.FIXED, model.DEPLOYMENT):

        def usd(b: model.Bill, scope: str = scope) -> float:
            return b.usd([ln for ln in b.where(scope=scope) if ln.what != "SPICE refreshes"])

        assert usd(one) == pytest.approx(usd(many))
        assert usd(one) > 0
    fixed = [ln for ln in one.where(scope=model.FIXED)]
    assert {ln.meter for ln in fixed} == {"waf_web_acl", "waf_rule", "cloudwatch_alarm"}
    assert many.sek_per_municipality(many.where(scope=model.FIXED)) == pytest.approx(
        one.sek_per_municipality(one.where(scope=model.FIXED)) / 290
    )
    assert sum(ln.quantity for ln in one.lines if ln.meter == "waf_web_acl") == 12  # a year


def test_a_release_re_pools_every_municipality_so_its_reads_grow_with_the_deployment() -> None:
    m = measured()
    assert model.release_at(m, 5).measured["dynamodb_read_request_units"] == 10
    assert model.release_at(m, 290).measured["dynamodb_read_request_units"] == 580
    assert model.release_at(m, 50).measured["dynamodb_read_request_units"] == pytest.approx(100)


def test_a_dashboard_load_on_spice_scans_nothing_and_a_refresh_reads_each_dataset_once() -> None:
    storage, minimum = measured().storage, 10 * model.MB
    assert PROFILE.import_mode == "SPICE"
    assert model.athena_bytes_per_load(storage, PROFILE, 290, 10, minimum) == 0
    small = model.athena_bytes_per_refresh(storage, PROFILE, 1, 1, minimum)
    assert small == len(PROFILE.refreshed_datasets) * minimum  # tiny datasets: the minimum
    today = model.athena_bytes_per_refresh(storage, PROFILE, 290, 1, minimum)
    later = model.athena_bytes_per_refresh(storage, PROFILE, 290, 10, minimum)
    assert later > today
    figures = 2 * 10 * (290 * 20_000 + 50_000)  # once, not once per visual
    assert later == pytest.approx(figures + (len(PROFILE.refreshed_datasets) - 1) * minimum)


def test_the_refresh_is_a_deployment_cost_not_one_per_reader() -> None:
    from dataclasses import replace

    lines = model.lines(measured(), PROFILE, 290, 10)
    (athena,) = [ln for ln in lines if ln.meter == "athena_scanned"]
    assert (athena.scope, athena.what) == (model.DEPLOYMENT, "SPICE refreshes")
    more_readers = replace(PROFILE, readers_per_municipality=30.0)
    (same,) = [
        ln for ln in model.lines(measured(), more_readers, 290, 10) if ln.meter == "athena_scanned"
    ]
    assert same.quantity == athena.quantity
    # the old live queries grow with every reader's load
    live = replace(PROFILE, import_mode="DIRECT_QUERY")
    (direct,) = [
        ln for ln in model.lines(measured(), live, 290, 10) if ln.meter == "athena_scanned"
    ]
    assert direct.quantity > 100 * athena.quantity


def test_the_model_refreshes_as_often_as_the_stack_schedules() -> None:
    from infra.analytics.stack import IMPORT_MODE, REFRESH_SCHEDULE

    assert PROFILE.import_mode == IMPORT_MODE
    assert REFRESH_SCHEDULE["day_of_week"] == "MONDAY"  # weekly
    assert PROFILE.spice_refreshes_per_year == 52


def test_quicksight_options_are_priced_from_the_file_and_the_cheapest_offered_is_chosen() -> None:
    prices = load_prices()
    options = model.quicksight_options(prices, PROFILE, 290)
    per_reader = next(o for o in options if o.name.startswith("per reader"))
    readers = 290 * PROFILE.readers_per_municipality
    authors = PROFILE.quicksight_authors * 12 * prices.get("quicksight_author").usd
    assert per_reader.usd_per_year == pytest.approx(
        authors + readers * 12 * prices.get("quicksight_reader").usd
    )
    best = model.best_quicksight(options)
    assert "only" not in best.name
    assert best.usd_per_year == min(o.usd_per_year for o in options if "only" not in o.name)


def test_the_generated_section_replaces_only_what_is_between_its_markers() -> None:
    text = f"before\n{report.BEGIN}\nold table\n{report.END}\nafter\n"
    new = report.replace_section(text, f"{report.BEGIN}\nnew\n{report.END}")
    assert new == f"before\n{report.BEGIN}\nnew\n{report.END}\nafter\n"
    with pytest.raises(ValueError, match="no cost markers"):
        report.replace_section("no markers", "x")


def test_sms_segments_are_counted_as_the_network_bills_them() -> None:
    from bench.cost.meter import segments

    assert segments("Hej! Västerås stad undrar hur du blev bemött: https://e.se/s/x") == (
        1,
        "GSM-7",
    )
    assert segments("a" * 160) == (1, "GSM-7")
    assert segments("a" * 161) == (2, "GSM-7")  # 153 septets a part once concatenated
    assert segments("€" * 80) == (1, "GSM-7")  # the extension table: two septets each
    assert segments("ش" * 70) == (1, "UCS-2")
    assert segments("ش" * 71) == (2, "UCS-2")  # 67 characters a part


def test_dynamodb_item_sizes_follow_the_documented_rule() -> None:
    from bench.cost.meter import item_size

    assert item_size({"kommun": {"S": "Västerås"}}) == len("kommun") + len("Västerås".encode())
    assert item_size({"n": {"N": "12345"}}) == 1 + 4  # (5 digits + 1) / 2 + 1
    assert item_size({"ok": {"BOOL": True}, "l": {"L": [{"S": "ab"}]}}) == 2 + 1 + 1 + 3 + 1 + 2


def test_schedules_are_read_as_runs_a_day() -> None:
    from bench.cost.template import runs_per_day

    assert runs_per_day("rate(5 minutes)") == 288
    assert runs_per_day("rate(10 minutes)") == 144
    assert runs_per_day("rate(1 hour)") == 24
    assert runs_per_day("cron(0 4 * * ? *)") == 1
    with pytest.raises(ValueError, match="unknown schedule"):
        runs_per_day("at(2026-12-01T00:00:00)")


def test_the_year_comes_from_the_configuration_and_stops_at_the_campaign_targets() -> None:
    from bench.cost.derive import profile_from_config
    from shared.core.tenants import load_tenant_file

    profile, notes = profile_from_config()
    tenant = load_tenant_file(
        Path(__file__).resolve().parents[3] / "config" / "tenants" / "1980.json"
    )
    assert profile.campaigns_per_year >= 1
    assert "1980" in notes[0]
    for channel in ("sms", "email"):
        per_campaign = profile.answers_per_year[channel] / profile.campaigns_per_year
        assert per_campaign >= getattr(tenant.campaign_target, channel)  # the target is reached
        sent = profile.invitations_per_year[channel] / profile.campaigns_per_year
        assert sent * profile.response_rate[channel] == pytest.approx(per_campaign)
    assert profile.response_rate["sms"] == 0.18
