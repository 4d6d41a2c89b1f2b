"""One poisoned municipality, every other one drawn (issue 22): a workbook that makes the native
reader panic, a tenant-day that raises a ``BaseException``, a tenants item that does not
validate. Each is recorded for that municipality alone (a metric with service and stage, a log
line without the file's name or the error's text) and the others complete."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shared.core.tenants import Tenant, load_tenant_file
from shared.ingest import service as ingest_service
from shared.platform import isolation, store
from shared.platform.metric_names import Metric
from tests import hostile
from tests.conftest import TENANT_CONFIG
from tests.integration.ingest.test_ingest_handler import (
    VASTERAS_FILE,
    _contacts,
    _keys,
    _reports,
    _store_tenant,
    _tenant,
    _upload,
)


class PanicException(BaseException):
    """What pyo3 raises for a Rust panic: not an ``Exception``."""


def _stockholm() -> Tenant:
    return load_tenant_file(TENANT_CONFIG / "0180.json").model_copy(update={"sample_rate": 1.0})


def _emitted(out: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return lines


def _failures(out: str) -> list[dict[str, Any]]:
    return [e for e in _emitted(out) if Metric.MUNICIPALITY_FAILED in e]


def test_a_workbook_that_makes_the_reader_panic_is_refused_alone(
    aws, run_handler, draw, capsys, log_output
) -> None:
    # Given Stockholm's day of a panicking workbook and a good file, and Västerås' good file
    _store_tenant(aws, _tenant(sample_rate=1.0))
    _store_tenant(aws, _stockholm())
    run_handler(_upload(aws, "inbox/0180/trasig \x1b[31m\u202ekontakter.xlsx", hostile.far_date()))
    run_handler(_upload(aws, "inbox/0180/bra.csv", VASTERAS_FILE.read_bytes()))
    run_handler(_upload(aws, "inbox/1980/bra.csv", VASTERAS_FILE.read_bytes()))
    capsys.readouterr()

    # When the day is drawn
    summary = draw()

    # Then both municipalities' good files are drawn, and nothing waits in the inbox
    assert summary["days"] == 2
    assert {c["tenant"] for c in _contacts(aws)} == {"0180", "1980"}
    assert _keys(aws, "inbox/") == []
    # and the workbook alone is refused, with a report in both languages (and its e-mail)
    reports = _reports(aws)
    (refused,) = [r for r in reports if r["outcome"] == "file_error"]
    assert (refused["error"], refused["detail"]) == ("not_csv", "not_csv.reader_failed")
    assert "läsaren stannade" in refused["message"]
    assert "reader stopped" in refused["message"]
    # its name as the report shows it: no ESC sequence, no bidi override
    assert refused["file"] == "trasig [31mkontakter.xlsx"
    # and the operator sees one failure of the read stage, service and stage its only dimensions
    out = capsys.readouterr().out
    (metric,) = _failures(out)
    assert metric["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["service", "stage"]]
    assert metric["stage"] == "read"
    logged = log_output.getvalue()
    (line,) = [e for e in _emitted(logged) if e.get("message") == isolation.FAILED_LOG]
    assert (line["kommunkod"], line["stage"], line["error"]) == ("0180", "read", "PanicException")
    for text in (out, logged):  # no file name, no error text
        assert "trasig" not in text
        assert "TimeDelta" not in text


def test_a_tenant_day_that_raises_a_base_exception_stops_no_one_else(
    aws, run_handler, draw, monkeypatch, capsys
) -> None:
    from shared.ingest import draw as ingest_module

    # Given two municipalities' files, and a draw that panics for Stockholm's day
    _store_tenant(aws, _tenant(sample_rate=1.0))
    _store_tenant(aws, _stockholm())
    run_handler(_upload(aws, "inbox/0180/a.csv", VASTERAS_FILE.read_bytes()))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    real = ingest_module._draw_claimed

    def panics_for_0180(ports: Any, tenant: Tenant, *args: Any) -> Any:
        if tenant.kommunkod == "0180":
            raise PanicException("TimeDelta::milliseconds out of bounds")
        return real(ports, tenant, *args)

    monkeypatch.setattr(ingest_module, "_draw_claimed", panics_for_0180)
    capsys.readouterr()

    # When the day is drawn, the run fails naming Stockholm's day only
    with pytest.raises(ingest_module.DrawFailedError, match="0180/2026-03-14") as failed:
        draw()
    assert failed.value.failed == ["0180/2026-03-14"]

    # Then Västerås is drawn and Stockholm's file waits for the next run
    assert {c["tenant"] for c in _contacts(aws)} == {"1980"}
    assert _keys(aws, "inbox/") == ["inbox/0180/a.csv"]
    (metric,) = _failures(capsys.readouterr().out)
    assert metric["stage"] == "draw"

    # and once the cause is gone the next run draws it (the lease was given back)
    monkeypatch.setattr(ingest_module, "_draw_claimed", real)
    draw()
    assert {c["tenant"] for c in _contacts(aws)} == {"0180", "1980"}


def test_a_keyboard_interrupt_is_never_swallowed(aws, run_handler, draw, monkeypatch) -> None:
    from shared.ingest import draw as ingest_module

    _store_tenant(aws, _tenant(sample_rate=1.0))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))

    def interrupted(*_: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_module, "_draw_claimed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        draw()


def test_an_invalid_tenants_item_is_skipped_and_the_others_are_drawn(
    aws, run_handler, draw, capsys, log_output
) -> None:
    # Given Västerås' file, and Stockholm's file whose settings item was edited to sample_rate 5
    _store_tenant(aws, _tenant(sample_rate=1.0))
    _store_tenant(aws, _stockholm())
    run_handler(_upload(aws, "inbox/0180/a.csv", VASTERAS_FILE.read_bytes()))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    table = store.table(aws["TENANTS_TABLE"])
    item = table.get_item(Key={"kommunkod": "0180"})["Item"]
    settings = json.loads(item["settings"]) | {"sample_rate": 5.0}
    table.put_item(Item=item | {"settings": json.dumps(settings)})
    capsys.readouterr()

    # When the day is drawn

    ingest_service.ports.cache_clear()  # the store's cache: the item as it is now
    summary = draw()

    # Then Västerås is drawn; Stockholm's file is kept (not refused as unknown) for the fix
    assert summary["days"] == 1
    assert {c["tenant"] for c in _contacts(aws)} == {"1980"}
    assert _keys(aws, "inbox/") == ["inbox/0180/a.csv"]
    out = capsys.readouterr().out
    logged = log_output.getvalue()
    (invalid,) = [e for e in _emitted(logged) if e.get("message") == isolation.INVALID_SETTINGS_LOG]
    assert (invalid["kommunkod"], invalid["fields"]) == ("0180", ["sample_rate"])
    assert "5.0" not in json.dumps(invalid)
    assert any(Metric.TENANT_SETTINGS_INVALID in e for e in _emitted(out))
    assert _failures(out) == []  # one cause, one alarm: not also a failed draw

    # and once the item is fixed, the next run draws Stockholm's file
    table.put_item(Item=item)
    ingest_service.ports.cache_clear()
    draw()
    assert {c["tenant"] for c in _contacts(aws)} == {"0180", "1980"}
