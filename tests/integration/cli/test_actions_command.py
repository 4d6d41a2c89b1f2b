"""``servicematning actions`` on moto: an action is validated, stored beside the municipality's
settings (kept by ``tenants put``), listed, shown on /om in the page's language and handed to
the report by ``actions_for``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shared.cli import main as cli
from shared.platform import settings
from tests.conftest import TENANT_CONFIG


@pytest.fixture
def table(aws: dict[str, str]) -> str:
    from shared.core.tenants import load_tenant_dir
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    name = aws[settings.TENANTS_TABLE]
    TenantStore(store.table(name)).put(load_tenant_dir(TENANT_CONFIG).values())
    return name


def _add(table: str, *extra: str, tenant: str = "1980") -> int:
    return cli(["actions", "add", "--table", table, "--tenant", tenant, *extra])


def _list(table: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert cli(["actions", "list", "--table", table, "--tenant", "1980", "--json"]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_an_action_is_stored_listed_and_kept_when_the_settings_are_put_again(
    table: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.core.tenants import load_tenant_dir
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    code = _add(
        table,
        "--day",
        "2026-11-02",
        "--answers",
        "svarstid",
        "--text",
        "Vi svarar på e-post inom två arbetsdagar.",
        "--text-en",
        "We answer e-mail within two working days.",
    )
    assert code == 0
    TenantStore(store.table(table)).put(load_tenant_dir(TENANT_CONFIG).values())

    [action] = _list(table, capsys)
    assert action["day"] == "2026-11-02"
    assert action["answers"] == "svarstid"
    assert action["text"] == {
        "sv": "Vi svarar på e-post inom två arbetsdagar.",
        "en": "We answer e-mail within two working days.",
    }
    # the settings still validate and serve: the actions live beside them
    assert TenantStore(store.table(table)).get("1980").name == "Västerås stad"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--day", "2026-13-01", "--answers", "svarstid", "--text", "Något"], "är inget datum"),
        (["--day", "2026-11-02", "--answers", "vadsomhelst", "--text", "Något"], "answers"),
        (["--day", "2026-11-02", "--answers", "svarstid", "--text", "x"], "text.sv"),
        (["--day", "2026-11-02", "--answers", "svarstid", "--text", "y" * 201], "text.sv"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_english_and_stores_nothing(
    table: str, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    capsys.readouterr()
    code = _add(table, *args)

    err = capsys.readouterr().err
    assert code == 2
    assert "inget sparades / " in err
    assert "nothing was stored" in err
    assert reason in err
    assert _list(table, capsys) == []


def test_an_unknown_municipality_is_refused(table: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = _add(
        table, "--day", "2026-11-02", "--answers", "bemotande", "--text", "Ny rutin", tenant="9999"
    )

    assert code == 2
    assert "ingen kommun med kommunkod 9999" in capsys.readouterr().err


def test_om_lists_the_latest_actions_in_the_page_language_and_the_report_gets_them_all(
    table: str, aws: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.platform import store
    from shared.platform.actions import SHOWN_ON_ABOUT, actions_for
    from shared.survey import service
    from tests.integration.survey.conftest import Survey

    for n in range(SHOWN_ON_ABOUT + 1):
        assert (
            _add(
                table,
                "--day",
                f"2026-10-{n + 1:02d}",
                "--answers",
                "epost_svarstid" if n == 0 else "bemotande",
                "--text",
                f"Åtgärd nummer {n}",
                *(["--text-en", f"Action number {n}"] if n == SHOWN_ON_ABOUT else []),
            )
            == 0
        )
    service.service.cache_clear()
    survey = Survey(aws)

    sv = survey.call("GET", "/om?k=1980&lang=sv").text
    en = survey.call("GET", "/about?k=1980").text

    assert "Det här gör vi" in sv
    assert "Åtgärd nummer 5" in sv
    assert "Åtgärd nummer 1" in sv
    assert "Åtgärd nummer 0" not in sv  # the oldest beyond the latest five
    assert sv.index("Åtgärd nummer 5") < sv.index("Åtgärd nummer 1")  # newest first
    assert "What we are doing" in en
    assert "Action number 5" in en
    assert '<span lang="sv">Åtgärd nummer 4</span>' in en  # no English given: Swedish, marked
    assert "Treatment" in en
    report = actions_for("1980", store.table(table))
    assert [a["day"] for a in report] == [f"2026-10-{n + 1:02d}" for n in range(6)]
    assert report[0]["question"] == "epost_svarstid"
    assert report[0]["theme"] == "svarstid"
    assert report[1]["question"] is None
    service.service.cache_clear()
