from datetime import date

import pytest
from pydantic import ValidationError

from shared.tenants import Tenant, TenantStore, UnknownTenant, load_tenant_dir
from tests.conftest import TENANT_CONFIG


def _tenant(**changes: object) -> Tenant:
    data = Tenant.default("1980").model_dump() | changes
    return Tenant.model_validate(data)


def test_every_configured_municipality_is_valid() -> None:
    tenants = load_tenant_dir(TENANT_CONFIG)
    assert "1980" in tenants
    assert tenants["1980"].name == "Västerås stad"


@pytest.mark.parametrize("sender", ["Vasteras", "SM1", "Kommun12345"])
def test_sender_id_accepts_alphanumeric_names(sender: str) -> None:
    assert _tenant(sms_sender_id=sender).sms_sender_id == sender


@pytest.mark.parametrize("sender", ["Västerås", "AB", "Kommunen1234", "12345", "Vast eras", ""])
def test_sender_id_rejects_what_operators_refuse(sender: str) -> None:
    with pytest.raises(ValidationError):
        _tenant(sms_sender_id=sender)


def test_kommunkod_is_four_digits() -> None:
    with pytest.raises(ValidationError):
        _tenant(kommunkod="198")


def test_min_cell_size_cannot_drop_below_five() -> None:
    with pytest.raises(ValidationError):
        _tenant(min_cell_size=3)


def test_overlapping_campaigns_are_refused() -> None:
    with pytest.raises(ValidationError, match="overlap"):
        _tenant(
            campaigns=[
                {"id": "a", "start": "2026-03-01", "end": "2026-04-30"},
                {"id": "b", "start": "2026-04-15", "end": "2026-05-30"},
            ]
        )


def test_active_campaign_covers_both_ends() -> None:
    tenant = _tenant(campaigns=[{"id": "var", "start": "2026-03-01", "end": "2026-04-30"}])
    assert tenant.active_campaign(date(2026, 3, 1)).id == "var"
    assert tenant.active_campaign(date(2026, 4, 30)).id == "var"
    assert tenant.active_campaign(date(2026, 5, 1)) is None


def test_unknown_sms_country_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown country"):
        _tenant(allowed_sms_countries=["SE", "XX"])


def test_store_round_trip_and_change_without_redeploy(aws: dict[str, str]) -> None:
    from shared import store

    tenants = TenantStore(store.table(aws["TENANTS_TABLE"]), cache_seconds=0)
    tenants.put([_tenant(name="Västerås stad")])
    assert tenants.get("1980").name == "Västerås stad"
    tenants.put([_tenant(name="Västerås kommun")])
    assert tenants.get("1980").name == "Västerås kommun"
    with pytest.raises(UnknownTenant):
        tenants.get("0114")
