import json

import pytest

from shared import store
from shared.cli import main
from shared.tenants import TenantStore
from tests.conftest import ROOT


def test_put_stores_every_configured_municipality(aws, monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["tenants", "put", "--table", aws["TENANTS_TABLE"]]) == 0
    stored = {t.kommunkod for t in TenantStore(store.table(aws["TENANTS_TABLE"])).all()}
    assert {"1980", "0380", "0580", "0180", "0162"} <= stored
    assert "stored" in capsys.readouterr().out


def test_an_invalid_file_stores_nothing_and_says_why(aws, tmp_path, capsys) -> None:
    bad = tmp_path / "9999.json"
    bad.write_text(json.dumps({"kommunkod": "9999", "name": "X", "sms_sender_id": "Västerås"}))
    assert main(["tenants", "put", str(bad), "--table", aws["TENANTS_TABLE"]]) == 2
    assert list(TenantStore(store.table(aws["TENANTS_TABLE"])).all()) == []
    assert "sms_sender_id" in capsys.readouterr().err


def test_check_needs_no_aws(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["tenants", "launch"])
    assert main(["tenants", "check", str(ROOT / "config" / "tenants" / "1980.json")]) == 0
    assert "1980 Västerås stad: ok" in capsys.readouterr().out
