import pytest

from shared.redaction import EMAIL_MARK, PERSONNUMMER_MARK, PHONE_MARK, luhn_ok, redact


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "+46 70 123 45 67",
        "+46 (0)70 123 45 67",
        "0046701234567",
        "46701234567",
        "08-123 456 78",
        "+358 40 1234567",
    ],
)
def test_phone_numbers_are_redacted(phone: str) -> None:
    assert redact(f"ring mig på {phone} tack") == f"ring mig på {PHONE_MARK} tack"


@pytest.mark.parametrize("pnr", ["19811218-9876", "811218-9876", "811218+9876", "198112189876"])
def test_luhn_valid_personnummer_is_redacted(pnr: str) -> None:
    assert redact(f"mitt pnr {pnr}") == f"mitt pnr {PERSONNUMMER_MARK}"


def test_email_with_international_domain_is_redacted() -> None:
    assert redact("skriv till björn.åkesson@västerås.se.") == f"skriv till {EMAIL_MARK}."


@pytest.mark.parametrize(
    "text",
    [
        "datum 2026-03-13 kl 08:02",
        "2026-11-23T19:41:44.123+00:00",
        "rad 12 av 200000",
        "expires_at 1773469800",
    ],
)
def test_dates_times_and_counts_survive(text: str) -> None:
    assert redact(text) == text


def test_a_number_right_after_a_date_is_still_found() -> None:
    assert redact("2026-03-13 0701234567") == f"2026-03-13 {PHONE_MARK}"


def test_luhn() -> None:
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("811218 9876", PERSONNUMMER_MARK),  # a space before the last four
        ("811218\u20139876", PERSONNUMMER_MARK),  # en dash from a word processor
        ("19811218 9876", PERSONNUMMER_MARK),
        ("070\u2013123 45 67", PHONE_MARK),
        ("070\u22121234567", PHONE_MARK),  # minus sign
        ("070\u2011123\u00a045\u00a067", PHONE_MARK),  # non-breaking hyphen and spaces
    ],
)
def test_typographic_dashes_and_spaces_do_not_hide_identifiers(text: str, mark: str) -> None:
    assert redact(f"se {text} tack") == f"se {mark} tack"


@pytest.mark.parametrize(
    "identifier", ["01484783-106a-3dab-84d4-78e301186059", "9f0e4d1c-0701-2345-6789-012345678901"]
)
def test_uuid_like_ids_are_not_phone_numbers(identifier: str) -> None:
    assert redact(f'"response_id": "{identifier}"') == f'"response_id": "{identifier}"'


def test_a_phone_number_with_a_word_after_a_dash_is_still_found() -> None:
    assert redact("070-1234567-mobil") != "070-1234567-mobil"


def test_random_uuids_never_look_personal() -> None:
    import uuid

    from shared.redaction import contains_personal_data

    # about one random UUID in 3,000 holds a Luhn-valid personnummer shape or a 0-led digit run
    assert not any(contains_personal_data(str(uuid.uuid4())) for _ in range(50_000))
