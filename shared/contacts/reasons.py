"""Why a row or a file is refused: the exact words reports and the ``validate`` command use."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Row-level rejection reasons, in the order reports list them."""

    MISSING_CONTACT = "missing_contact"  # no phone number and no e-mail address on the row
    INVALID_PHONE = "invalid_phone"  # not a valid phone number at all
    NOT_MOBILE = "not_mobile"  # a valid number that cannot take an SMS (landline, 0771, …)
    FOREIGN_NUMBER = "foreign_number"  # a mobile of a country the tenant does not allow
    INVALID_EMAIL = "invalid_email"  # bad syntax, or a local part SES cannot deliver to
    DUPLICATE = "duplicate"  # a contact of an earlier accepted row of the same file
    INVALID_DATE = "invalid_date"  # a time value that is not ISO 8601
    TOO_OLD = "too_old"  # older than the tenant's maximum contact age when received


class FileErrorCode(StrEnum):
    EMPTY_FILE = "empty_file"
    NOT_CSV = "not_csv"
    NO_CONTACT_COLUMN = "no_contact_column"


class FileError(Exception):
    """The whole file is refused. ``message`` is for people and never holds personal data."""

    def __init__(self, code: FileErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code: str = code.value
        self.message = message


# For people (the validate command's summary): what each reason means, in Swedish and English.
REASON_TEXT: dict[Reason, tuple[str, str]] = {
    Reason.MISSING_CONTACT: (
        "varken telefonnummer eller e-postadress",
        "no phone number and no e-mail address",
    ),
    Reason.INVALID_PHONE: ("inget giltigt telefonnummer", "not a valid phone number"),
    Reason.NOT_MOBILE: (
        "inte ett mobilnummer (kan inte få sms) och ingen användbar e-post",
        "not a mobile number (cannot get an SMS) and no usable e-mail",
    ),
    Reason.FOREIGN_NUMBER: (
        "mobilnummer från ett land som inte är tillåtet för sms",
        "a mobile number of a country SMS is not sent to",
    ),
    Reason.INVALID_EMAIL: (
        "ogiltig e-postadress (eller å/ä/ö före @)",
        "invalid e-mail address (or non-ASCII letters before the @)",
    ),
    Reason.DUPLICATE: (
        "samma person som en tidigare godkänd rad",
        "the same person as an earlier accepted row",
    ),
    Reason.INVALID_DATE: (
        "tiden är inte ISO 8601 (t.ex. 2026-03-13 08:02)",
        "the time is not ISO 8601 (e.g. 2026-03-13 08:02)",
    ),
    Reason.TOO_OLD: (
        "kontakten är äldre än tillåtet när filen togs emot",
        "the contact is older than allowed when the file was received",
    ),
}
