"""``servicematning infotext``: the texts for voice response, auto-reply and website."""

from __future__ import annotations

import json

import pytest

from shared.cli import main
from shared.core.tenants import load_tenant_file
from tests.conftest import TENANT_CONFIG


def test_three_swedish_texts_with_the_tenants_facts(capsys: pytest.CaptureFixture[str]) -> None:
    tenant = load_tenant_file(TENANT_CONFIG / "0180.json")

    code = main(
        ["infotext", "--tenant", "0180", "--json", "--base-url", "https://enkat.example.se/"]
    )

    texts = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(texts) == {"voice", "autoreply", "website"}
    assert all(tenant.name in text for text in texts.values())
    assert "https://" not in texts["voice"]  # spoken aloud: no URL scheme
    assert "www.stockholm.se" in texts["voice"]
    assert f"senast efter {tenant.max_holding_hours} timmar" in texts["autoreply"]
    assert "https://enkat.example.se/om?k=0180" in texts["autoreply"]
    assert tenant.privacy_contact in texts["website"]
    assert "anonym" in texts["website"]


def test_english_and_one_text_only(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["infotext", "--tenant", "1980", "--lang", "en", "--only", "autoreply"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Thank you for your e-mail.")
    assert "Read more" not in out  # no base URL given, no link


def test_finnish_and_arabic_from_their_catalogs(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--tenant", "1980", "--base-url", "https://enkat.example.se"]

    assert main(["infotext", *base, "--lang", "fi"]) == 0
    finnish = capsys.readouterr().out
    assert main(["infotext", *base, "--lang", "ar", "--only", "autoreply"]) == 0
    arabic = capsys.readouterr().out

    assert "== Puhevastaus ==" in finnish
    assert "viimeistään 72 tunnin kuluttua" in finnish
    assert "https://enkat.example.se/om?k=1980&lang=fi" in finnish
    assert arabic.startswith("شكرًا على رسالتك.")
    assert "https://enkat.example.se/om?k=1980&lang=ar" in arabic


def test_unknown_tenant_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["infotext", "--tenant", "9999"])

    assert code == 2
    assert "9999" in capsys.readouterr().err


def test_reads_the_tenants_table_too(
    aws: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.platform import settings, store
    from shared.platform.tenant_store import TenantStore

    table = aws[settings.TENANTS_TABLE]
    TenantStore(store.table(table)).put([load_tenant_file(TENANT_CONFIG / "0580.json")])

    code = main(["infotext", "--tenant", "0580", "--table", table, "--only", "voice"])

    assert code == 0
    assert "Linköping" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["sv", "en", "fi", "ar"])
def test_every_text_names_what_a_resident_can_check_a_message_by(lang: str) -> None:
    from shared.cli import infotext

    vasteras = load_tenant_file(TENANT_CONFIG / "1980.json")

    texts = infotext.texts(vasteras, lang, "https://enkat.vasteras.se")
    without_link = infotext.texts(vasteras, lang, "")

    assert "Vasteras" in texts["voice"]  # the SMS sender ID
    assert "enkat.vasteras.se" in texts["voice"]  # the link's domain
    assert "servicematning@vasteras.se" in texts["autoreply"]
    assert "enkat.vasteras.se" in texts["autoreply"]
    assert all(w in texts["website"] for w in ("Vasteras", "servicematning@vasteras.se"))
    assert "enkat" not in " ".join(without_link.values())  # no domain made up
