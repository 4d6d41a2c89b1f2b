from datetime import date

import pytest
from pydantic import ValidationError

from shared.core.tenants import Tenant, UnknownTenant, load_tenant_dir
from shared.platform.tenant_store import TenantStore
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
    from shared.platform import store

    tenants = TenantStore(store.table(aws["TENANTS_TABLE"]), cache_seconds=0)
    tenants.put([_tenant(name="Västerås stad")])
    assert tenants.get("1980").name == "Västerås stad"
    tenants.put([_tenant(name="Västerås kommun")])
    assert tenants.get("1980").name == "Västerås kommun"
    with pytest.raises(UnknownTenant):
        tenants.get("0114")


# A municipality's own questions


def _scale(qid: str = "oppettider", **changes: object) -> dict[str, object]:
    return {
        "id": qid,
        "text": {"sv": "Hur nöjd är du med öppettiderna?"},
        "kind": "scale",
        "low": {"sv": "Mycket missnöjd"},
        "high": {"sv": "Mycket nöjd"},
    } | changes


def _choice(qid: str = "kanal", options: int = 3, **changes: object) -> dict[str, object]:
    return {
        "id": qid,
        "text": {"sv": "Hur hittade du oss?", "en": "How did you find us?"},
        "kind": "choice",
        "options": [{"id": f"o{i}", "label": {"sv": f"Val {i}"}} for i in range(options)],
    } | changes


def test_own_questions_are_kept_and_chosen_per_channel() -> None:
    from shared.core.models import Channel

    tenant = _tenant(extra_questions=[_scale(), _choice(channels=["email"])])

    assert [q.id for q in tenant.extra_questions_for(Channel.SMS)] == ["oppettider"]
    assert [q.id for q in tenant.extra_questions_for(Channel.EMAIL)] == ["oppettider", "kanal"]
    assert tenant.extra_questions[0].values() == ("1", "2", "3", "4", "5", "vet_ej")
    assert tenant.extra_questions[1].values() == ("o0", "o1", "o2")
    assert Tenant.model_validate_json(tenant.model_dump_json()) == tenant


def test_uppsala_asks_one_question_of_its_own() -> None:
    uppsala = load_tenant_dir(TENANT_CONFIG)["0380"]

    [question] = uppsala.extra_questions
    assert question.kind == "choice"
    assert question.text.en is not None
    assert load_tenant_dir(TENANT_CONFIG)["1980"].extra_questions == ()


@pytest.mark.parametrize(
    "qid",
    ["tel_bemotande", "tel_enkelhet", "epost_enkelhet", "epost_tydlighet", "errand", "comment"],
)
def test_own_question_ids_cannot_take_the_national_forms_fields(qid: str) -> None:
    with pytest.raises(ValidationError, match="taken by the national form"):
        _tenant(extra_questions=[_scale(qid)])


def test_at_most_three_own_questions() -> None:
    _tenant(extra_questions=[_scale("a1"), _scale("a2"), _choice("a3")])
    with pytest.raises(ValidationError, match="at most 3"):
        _tenant(extra_questions=[_scale("a1"), _scale("a2"), _choice("a3"), _choice("a4")])


def test_own_question_ids_are_unique() -> None:
    with pytest.raises(ValidationError, match="unique"):
        _tenant(extra_questions=[_scale("samma"), _choice("samma")])


@pytest.mark.parametrize(
    "qid", ["", "a", "1fel", "_fel", "Versal", "med-streck", "med mellanslag", "å_ä", "x" * 31]
)
def test_own_question_ids_are_short_lower_case_slugs(qid: str) -> None:
    with pytest.raises(ValidationError, match="pattern"):
        _tenant(extra_questions=[_scale(qid)])


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (_scale(low=None), "needs labels"),
        (_scale(options=[{"id": "a", "label": {"sv": "A"}}]), "takes no options"),
        (_choice(options=1), "needs 2-8 options"),
        (_choice(options=9), "needs 2-8 options"),
        (_choice(low={"sv": "Låg"}), "not low/high"),
        (
            _choice(options=0) | {"options": [{"id": "a", "label": {"sv": "A"}}] * 2},
            "option id twice",
        ),
        (_choice(options=0) | {"options": [{"id": "A", "label": {"sv": "A"}}] * 2}, "pattern"),
        (_choice(channels=[]), "at least one channel"),
        (_choice(channels=["sms", "sms"]), "channel twice"),
        (_choice(channels=["fax"]), "sms"),
        (_scale(text={"sv": "x" * 201}), "at most 200"),
        (_scale(text={"sv": "Fråga?", "en": " "}), "at least 2"),
        (_scale(text={"en": "English only?"}), "sv"),
        (_choice(options=0) | {"options": [{"id": "a", "label": {"sv": "y" * 61}}] * 2}, "60"),
        (_scale(kind="text"), "'scale' or 'choice'"),
        (_scale(free_text=True), "Extra inputs"),
    ],
)
def test_own_questions_are_validated_strictly(question: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _tenant(extra_questions=[question])


# A municipality's own header names for its contact files


def test_column_mapping_is_optional_and_kept() -> None:
    assert Tenant.default().column_mapping == {}
    tenant = _tenant(column_mapping={"Kundens nr": "phone", "Tid": "ignore"})
    assert tenant.column_mapping == {"Kundens nr": "phone", "Tid": "ignore"}
    assert Tenant.model_validate_json(tenant.model_dump_json()) == tenant
    hash(tenant)  # settings stay hashable (frozen)
    with pytest.raises(TypeError):
        tenant.column_mapping["Ny"] = "email"  # type: ignore[index]


@pytest.mark.parametrize(
    "mapping",
    [
        {"Kundens nr": "telefonnummer"},  # not a kind of column
        {"  ": "phone"},
        {"Kundens nr": "phone", "kundens  NR": "email"},  # the same header to the reader
        {f"kolumn {n}": "ignore" for n in range(31)},
    ],
)
def test_column_mapping_is_validated(mapping: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        _tenant(column_mapping=mapping)


def test_column_mapping_survives_the_store(aws: dict[str, str]) -> None:
    from shared.platform import store

    tenants = TenantStore(store.table(aws["TENANTS_TABLE"]), cache_seconds=0)
    tenants.put([_tenant(column_mapping={"Kundens nr": "phone"})])
    assert tenants.get("1980").column_mapping == {"Kundens nr": "phone"}


def test_column_kinds_are_the_readers_columns() -> None:
    from typing import get_args

    from shared.contacts.headers import Column
    from shared.core.tenants import ContactColumn

    assert set(get_args(ContactColumn)) == {c.value for c in Column}


def test_upload_reports_go_to_the_contact_centres_mailboxes() -> None:
    tenant = _tenant(report_contacts=("Kontaktcenter@Vasteras.se",), report_language="en")
    assert tenant.report_contacts == ("Kontaktcenter@vasteras.se",)
    assert tenant.report_language == "en"
    assert "Kontaktcenter@vasteras.se" in tenant.municipal_addresses
    assert load_tenant_dir(TENANT_CONFIG)["1980"].report_contacts == ("kontaktcenter@vasteras.se",)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"report_contacts": ("not-an-address",)}, "not a valid e-mail address"),
        ({"report_contacts": ("a@b.se", "a@b.se")}, "names an address twice"),
        ({"report_contacts": tuple(f"k{i}@b.se" for i in range(6))}, "at most 5"),
        ({"report_language": "de"}, "no catalog for report_language de"),
    ],
)
def test_report_settings_are_validated(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _tenant(**changes)


def test_a_campaign_reads_by_name_and_days() -> None:
    campaigns = load_tenant_dir(TENANT_CONFIG)["1980"].campaigns
    autumn = next(c for c in campaigns if c.id == "2026-host")
    assert autumn.title == "Hösten 2026 (2026-09-01–2026-12-31)"
    unnamed = _tenant(campaigns=({"id": "x", "start": "2026-01-01", "end": "2026-01-31"},))
    assert unnamed.campaigns[0].title == "x (2026-01-01–2026-01-31)"
