"""A municipality chooses its languages, its default, its accessibility contact and its own
questions' wording per language; ``servicematning tenants check`` lists what it must approve."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from shared.cli import main
from shared.core.tenants import Tenant, TenantText
from tests.conftest import TENANT_CONFIG


def _settings(**changes: Any) -> dict[str, Any]:
    base = json.loads((TENANT_CONFIG / "1980.json").read_text(encoding="utf-8"))
    return base | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"languages": ["sv", "so"]}, "no catalog for language so"),
        ({"languages": ["en", "fi"], "default_language": "en"}, r"Swedish \(sv\) must be one"),
        ({"languages": ["sv", "fi", "sv"]}, "named twice"),
        ({"languages": ["sv", "fi"], "default_language": "ar"}, "default_language ar is not"),
        ({"accessibility_contact": "not an address"}, "not a valid e-mail address"),
    ],
)
def test_languages_and_contacts_are_checked_with_a_reason(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Tenant.model_validate(_settings(**changes))


def test_existing_settings_without_the_new_fields_keep_swedish_and_english() -> None:
    settings = _settings()
    for key in ("languages", "default_language", "accessibility_contact"):
        settings.pop(key)
    tenant = Tenant.model_validate(settings)
    assert tenant.languages == ("sv", "en")
    assert tenant.default_language == "sv"
    assert tenant.accessibility_contact is None


def test_own_wording_per_language_falls_back_to_swedish() -> None:
    text = TenantText.model_validate({"sv": "Hur nöjd är du?", "fi": "Kuinka tyytyväinen olet?"})

    assert text("fi") == "Kuinka tyytyväinen olet?"
    assert text.language("fi") == "fi"
    assert text("ar") == "Hur nöjd är du?"
    assert text.language("ar") == "sv"  # the page marks it lang="sv"
    assert text("en") == "Hur nöjd är du?"
    with pytest.raises(ValidationError, match="no catalog for language xx"):
        TenantText.model_validate({"sv": "Hur nöjd är du?", "xx": "Hmm?"})
    with pytest.raises(ValidationError):
        TenantText.model_validate({"sv": "Hur nöjd är du?", "fi": ""})  # too short


def test_tenants_check_lists_the_drafts_to_approve(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(TENANT_CONFIG / "1980.json"), str(TENANT_CONFIG / "0162.json")]
    code = main(["tenants", "check", "--lang", "en", *files])
    out = capsys.readouterr().out

    assert code == 0
    assert "1980 Västerås stad: ok" in out
    assert "languages: svenska (sv, default), English (en), suomi (fi), العربية (ar)" in out
    assert "drafts to approve (legal texts, translated without review): fi 53, ar 53" in out
    assert "Drafts in suomi (fi) for the municipality to approve, marked UTKAST" in out
    assert "Drafts in العربية (ar)" in out
    assert "  about.html:" in out
    assert "  accessibility.html:" in out
    danderyd = out.split("0162 Danderyds kommun: ok")[1].split("1980")[0]
    assert "drafts" not in danderyd  # Swedish and English only: nothing to approve


def test_tenants_check_names_a_missing_accessibility_contact(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = _settings()
    settings.pop("accessibility_contact")
    path = tmp_path / "1980.json"
    path.write_text(json.dumps(settings), encoding="utf-8")

    assert main(["tenants", "check", "--lang", "en", str(path)]) == 0
    assert "no accessibility_contact: accessibility feedback goes to privacy_contact" in (
        capsys.readouterr().out
    )
