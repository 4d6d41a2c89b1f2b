import json

import pytest

from shared.cli import main
from shared.platform import store
from shared.platform.tenant_store import TenantStore
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def swedish_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell whose locale names neither language: the commands speak Swedish."""
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_put_stores_every_configured_municipality(aws, deployed_stack, monkeypatch, capsys) -> None:
    deployed_stack()
    monkeypatch.chdir(ROOT)
    assert main(["tenants", "put", "--lang", "en", "--table", aws["TENANTS_TABLE"]]) == 0
    stored = {t.kommunkod for t in TenantStore(store.table(aws["TENANTS_TABLE"])).all()}
    assert {"1980", "0380", "0580", "0180", "0162"} <= stored
    assert "stored" in capsys.readouterr().out


def test_put_refuses_a_municipality_whose_domain_is_not_deployed(
    aws, deployed_stack, monkeypatch, capsys
) -> None:
    """The README once deployed sesDomains=vasteras.se,uppsala.se: three of five municipalities
    would have had every e-mail refused by IAM. Now nothing is stored and each is named."""
    deployed_stack("vasteras.se,uppsala.se")
    monkeypatch.chdir(ROOT)
    assert main(["tenants", "put", "--table", aws["TENANTS_TABLE"]]) == 2
    assert list(TenantStore(store.table(aws["TENANTS_TABLE"])).all()) == []
    err = capsys.readouterr().err
    for refused in ("0162: avsändardomänen danderyd.se", "0180:", "0580:"):
        assert refused in err
    assert "1980:" not in err
    assert "0380:" not in err
    assert err.strip().endswith("inget sparades")
    assert "sender domain" not in err  # one language per run


def test_put_without_a_deployed_stack_stores_nothing(aws, monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["tenants", "put", "--lang", "en", "--table", aws["TENANTS_TABLE"]]) == 2
    err = capsys.readouterr().err
    assert "could not be read" in err
    assert "kunde inte" not in err


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_onboard_prints_every_resource_to_create(capsys, lang: str) -> None:
    assert main(["tenants", "onboard", "--lang", lang, "1980"]) == 0
    out = capsys.readouterr().out
    heading = {"sv": "Ansluta 1980 (avsändardomän vasteras.se)", "en": "Onboarding 1980"}
    assert out.startswith(heading[lang])
    other = {"sv": "Onboarding", "en": "Ansluta"}[lang]
    assert other not in out
    assert "aws sesv2 create-email-identity --email-identity vasteras.se" in out
    assert "._domainkey.vasteras.se  CNAME  <token>.dkim.amazonses.com" in out
    assert "--group-name servicematning-1980" in out
    assert "Key=kommunkod,Value=1980" in out
    assert "sesDomains=" in out
    assert "servicematning preflight" in out


def test_onboard_of_a_new_code_needs_its_domain(capsys) -> None:
    assert main(["tenants", "onboard", "2480"]) == 2
    assert "saknas eller är ogiltig: ange --domain" in capsys.readouterr().err
    assert main(["tenants", "onboard", "2480", "--domain", "Kiruna.se"]) == 0
    assert "--email-identity kiruna.se" in capsys.readouterr().out
    assert main(["tenants", "onboard", "248"]) == 2
    assert "fyra siffror" in capsys.readouterr().err
    assert main(["tenants", "onboard", "--lang", "en", "248"]) == 2
    assert capsys.readouterr().err.strip() == "'248': a kommunkod has four digits, e.g. 2480"


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


def test_put_refuses_an_invalid_settings_file_in_the_runs_language(
    aws, deployed_stack, tmp_path, capsys
) -> None:
    """The issue 22 item: sample_rate 5.0 stopped dispatch, results, purge and watch for every
    municipality once it was in the table. It never gets there: put refuses the whole batch."""
    deployed_stack()
    good = json.loads((ROOT / "config" / "tenants" / "1980.json").read_text(encoding="utf-8"))
    bad = json.loads((ROOT / "config" / "tenants" / "0180.json").read_text(encoding="utf-8"))
    (tmp_path / "1980.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "0180.json").write_text(json.dumps(bad | {"sample_rate": 5.0}), encoding="utf-8")

    code = main(["tenants", "put", "--table", aws["TENANTS_TABLE"], *map(str, tmp_path.iterdir())])

    assert code == 2
    assert list(TenantStore(store.table(aws["TENANTS_TABLE"])).all()) == []
    err = capsys.readouterr().err
    assert "0180.json: inställningarna är ogiltiga:" in err
    assert "sample_rate: Input should be less than or equal to 1 (5.0)" in err
    assert "1980.json" not in err
    assert err.strip().endswith("inget sparades")
    assert "/ the settings" not in err
    code = main(["tenants", "put", "--lang", "en", "--table", aws["TENANTS_TABLE"], str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "the file cannot be read" in err  # a folder is not a settings file
    assert err.strip().endswith("nothing was stored")


def test_check_tells_its_notices_in_one_language(tmp_path, capsys) -> None:
    settings = json.loads((ROOT / "config" / "tenants" / "1980.json").read_text("utf-8"))
    settings.pop("accessibility_contact", None)
    path = tmp_path / "1980.json"
    path.write_text(json.dumps(settings), encoding="utf-8")
    assert main(["tenants", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  språk: svenska (sv, förval)" in out
    assert "ingen accessibility_contact: synpunkter på tillgängligheten går till" in out
    assert "Utkast på suomi (fi) för kommunen att godkänna" in out
    assert "languages:" not in out
    assert "Drafts in" not in out
    assert main(["tenants", "check", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  languages: svenska (sv, default)" in out
    assert "språk:" not in out


def test_all_skips_an_invalid_item_in_the_table_and_get_never_calls_it_unknown(aws) -> None:
    from shared.core.tenants import InvalidTenantSettings, UnknownTenant, load_tenant_file

    tenants = TenantStore(store.table(aws["TENANTS_TABLE"]))
    tenants.put(
        [load_tenant_file(ROOT / "config" / "tenants" / f"{k}.json") for k in ("1980", "0180")]
    )
    table = store.table(aws["TENANTS_TABLE"])
    item = table.get_item(Key={"kommunkod": "0180"})["Item"]
    settings = json.loads(item["settings"]) | {"sample_rate": 5.0}
    table.put_item(Item=item | {"settings": json.dumps(settings)})
    table.put_item(Item={"kommunkod": "0380"})  # no settings at all

    fresh = TenantStore(table)
    assert [t.kommunkod for t in fresh.all()] == ["1980"]
    assert fresh.invalid == {"0180", "0380"}
    with pytest.raises(InvalidTenantSettings):
        fresh.get("0180")
    with pytest.raises(UnknownTenant):
        fresh.get("2480")
