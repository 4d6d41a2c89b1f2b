"""Why a row or a file is refused, and the one place the words for people live.

Every message the contact reader (and ``servicematning validate``) gives is an entry of
``MESSAGES``: an id, what it means and what to do about it, each in Swedish and English. Row
reasons and file errors are ids; the text is looked up, never written at the raise site. The
English text is the source: the messages an ingest report can carry (``REPORTED``: the row
reasons and the whole-file errors) are in the gettext catalogs with the English as ``msgid``
(``python -m shared.cli.catalogs extract`` takes them from here, ``update`` writes the Swedish of
this
module into the Swedish catalog), so the upload report e-mail reads them in every shipped
language (``Message.text_in``/``fix_in``). Parameters are ``{name}`` fields filled by
``Message.render``. No message takes personal data as a parameter: the callers pass counts,
row numbers and header names that passed ``contains_personal_data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from shared.core import i18n

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")


class Reason(StrEnum):
    """Row-level rejection reasons, in the order reports list them."""

    MISSING_CONTACT = "missing_contact"  # no phone number and no e-mail address on the row
    INVALID_PHONE = "invalid_phone"  # not a valid phone number at all
    EXCEL_NUMBER = "excel_number"  # Excel wrote the number as 4,67012E+10: its digits are gone
    NOT_MOBILE = "not_mobile"  # a valid number that cannot take an SMS (landline, 0771, …)
    FOREIGN_NUMBER = "foreign_number"  # a mobile of a country the tenant does not allow
    INVALID_EMAIL = "invalid_email"  # bad syntax, or a local part SES cannot deliver to
    DUPLICATE = "duplicate"  # a contact of an earlier accepted row of the same file
    INVALID_DATE = "invalid_date"  # a time value in none of the accepted forms
    FUTURE_DATE = "future_date"  # more than an hour after the file was received
    TOO_OLD = "too_old"  # older than the tenant's maximum contact age when received


class FileErrorCode(StrEnum):
    EMPTY_FILE = "empty_file"
    NOT_CSV = "not_csv"
    NO_CONTACT_COLUMN = "no_contact_column"
    OVER_LIMIT = "over_limit"  # a documented work limit (columns, rows, a workbook's cells)


@dataclass(frozen=True)
class Message:
    """One message for people: what happened and what to do, in each language."""

    en: str
    sv: str
    fix_en: str = ""
    fix_sv: str = ""

    def text(self, language: Language, **params: object) -> str:
        return (self.sv if language == "sv" else self.en).format(**params)

    def fix(self, language: Language, **params: object) -> str:
        return (self.fix_sv if language == "sv" else self.fix_en).format(**params)

    def text_in(self, lang: str, **params: object) -> str:
        """The text in any shipped language, through its catalog (``REPORTED`` messages)."""
        return i18n.gettext(lang, self.en).format(**params)

    def fix_in(self, lang: str, **params: object) -> str:
        return i18n.gettext(lang, self.fix_en).format(**params) if self.fix_en else ""

    def render(self, language: Language, **params: object) -> str:
        """The text and, when there is one, what to do, as one sentence pair."""
        text, fix = self.text(language, **params), self.fix(language, **params)
        return f"{text}. {fix}" if fix else text


_SAVE_AS_EN = "Save the sheet as .xlsx, 'CSV UTF-8' or 'CSV (semicolon separated)' and upload that"
_SAVE_AS_SV = (
    "Spara bladet som .xlsx, 'CSV UTF-8' eller 'CSV (semikolonavgränsad)' och ladda upp den"
)
_EXPORT_AS_TEXT_EN = (
    "Format the phone column as Text in Excel before typing or pasting the numbers (or export "
    "straight from the telephony system as CSV without opening it in Excel), then export again"
)
_EXPORT_AS_TEXT_SV = (
    "Formatera telefonkolumnen som Text i Excel innan numren skrivs in eller klistras in (eller "
    "exportera direkt från telefonisystemet som CSV utan att öppna filen i Excel) och exportera "
    "igen"
)

MESSAGES: dict[str, Message] = {
    # --- rows -----------------------------------------------------------------------------
    Reason.MISSING_CONTACT: Message(
        en="no phone number and no e-mail address",
        sv="varken telefonnummer eller e-postadress",
        fix_en="nothing, if the contact had none",
        fix_sv="inget, om kontakten saknade båda",
    ),
    Reason.INVALID_PHONE: Message(
        en="not a valid phone number",
        sv="inget giltigt telefonnummer",
        fix_en="check the export's phone column",
        fix_sv="kontrollera exportens telefonkolumn",
    ),
    Reason.EXCEL_NUMBER: Message(
        en="the phone number was turned into a number by Excel (e.g. 4,67012E+10): its last "
        "digits are lost",
        sv="telefonnumret har gjorts om till ett tal av Excel (t.ex. 4,67012E+10): de sista "
        "siffrorna är borta",
        fix_en=_EXPORT_AS_TEXT_EN,
        fix_sv=_EXPORT_AS_TEXT_SV,
    ),
    Reason.NOT_MOBILE: Message(
        en="not a mobile number (cannot get an SMS) and no usable e-mail",
        sv="inte ett mobilnummer (kan inte få sms) och ingen användbar e-post",
        fix_en="nothing: such contacts cannot be surveyed by SMS",
        fix_sv="inget: sådana kontakter kan inte få enkäten per sms",
    ),
    Reason.FOREIGN_NUMBER: Message(
        en="a mobile number of a country SMS is not sent to",
        sv="mobilnummer från ett land som inte är tillåtet för sms",
        fix_en="ask whoever runs the service to allow the country, if wanted",
        fix_sv="be den som driver tjänsten att tillåta landet, om så önskas",
    ),
    Reason.INVALID_EMAIL: Message(
        en="invalid e-mail address (or non-ASCII letters before the @)",
        sv="ogiltig e-postadress (eller å/ä/ö före @)",
        fix_en="check the export's e-mail column",
        fix_sv="kontrollera exportens e-postkolumn",
    ),
    Reason.DUPLICATE: Message(
        en="the same person as an earlier accepted row",
        sv="samma person som en tidigare godkänd rad",
        fix_en="nothing: one person gets one survey per file",
        fix_sv="inget: en person får en enkät per fil",
    ),
    Reason.INVALID_DATE: Message(
        en="the date or time is in none of the accepted forms (e.g. 2026-03-13 08:02, "
        "13.03.2026, 20260313; a separate time column must hold a clock time such as 08:02)",
        sv="datum eller tid har ingen av de godkända formerna (t.ex. 2026-03-13 08:02, "
        "13.03.2026, 20260313; en separat tidskolumn måste innehålla ett klockslag som 08:02)",
        fix_en="export times as YYYY-MM-DD hh:mm",
        fix_sv="exportera tider som ÅÅÅÅ-MM-DD tt:mm",
    ),
    Reason.FUTURE_DATE: Message(
        en="the contact time is more than an hour after the file was received",
        sv="kontakttiden är mer än en timme efter att filen togs emot",
        fix_en="check the export's date column (and the system's clock)",
        fix_sv="kontrollera exportens datumkolumn (och systemets klocka)",
    ),
    Reason.TOO_OLD: Message(
        en="the contact is older than allowed when the file was received",
        sv="kontakten är äldre än tillåtet när filen togs emot",
        fix_en="upload files daily",
        fix_sv="ladda upp filerna dagligen",
    ),
    # --- whole files ------------------------------------------------------------------------
    "empty_file.zero_bytes": Message(
        en="The file is empty (zero bytes)", sv="Filen är tom (noll byte)"
    ),
    "empty_file.blank": Message(
        en="The file has no header row, only blank lines",
        sv="Filen har ingen rubrikrad, bara tomma rader",
    ),
    "empty_file.workbook": Message(
        en="The workbook has no rows in any sheet", sv="Arbetsboken har inga rader i något blad"
    ),
    "not_csv.utf16_no_bom": Message(
        en="The file holds binary data (NUL bytes), not CSV (UTF-16 text needs its byte-order "
        "mark, as Excel's 'Unicode text' writes it)",
        sv="Filen innehåller binärdata (NUL-byte), inte CSV (UTF-16-text måste ha sin "
        "byte-ordningsmarkering, som Excels 'Unicode-text' skriver den)",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.xls": Message(
        en="The file is an old Excel .xls workbook or a password-protected workbook, which "
        "cannot be read",
        sv="Filen är en gammal Excel-arbetsbok (.xls) eller en lösenordsskyddad arbetsbok, som "
        "inte kan läsas",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.zip": Message(
        en="The file is a ZIP archive, not a contact list",
        sv="Filen är ett ZIP-arkiv, inte en kontaktlista",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.xlsx_unreadable": Message(
        en="The file is a ZIP archive but not an Excel .xlsx workbook that can be opened",
        sv="Filen är ett ZIP-arkiv men ingen Excel-arbetsbok (.xlsx) som går att öppna",
        fix_en="Open it in Excel, save it again as .xlsx or 'CSV UTF-8', and upload that",
        fix_sv="Öppna den i Excel, spara den igen som .xlsx eller 'CSV UTF-8' och ladda upp den",
    ),
    "not_csv.workbook_too_large": Message(
        en="The workbook is larger than {limit} MB",
        sv="Arbetsboken är större än {limit} MB",
        fix_en="Split it into several files, or save it as 'CSV UTF-8'",
        fix_sv="Dela upp den i flera filer, eller spara den som 'CSV UTF-8'",
    ),
    "not_csv.pdf": Message(
        en="The file is a PDF document, not a contact list",
        sv="Filen är ett PDF-dokument, inte en kontaktlista",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.gzip": Message(
        en="The file is a gzip archive, not a contact list",
        sv="Filen är ett gzip-arkiv, inte en kontaktlista",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.binary": Message(
        en="The file holds binary data (NUL bytes), not CSV",
        sv="Filen innehåller binärdata (NUL-byte), inte CSV",
        fix_en=_SAVE_AS_EN,
        fix_sv=_SAVE_AS_SV,
    ),
    "not_csv.long_line": Message(
        en="The file has a line longer than 1 MB: it is not a contact list",
        sv="Filen har en rad som är längre än 1 MB: den är inte en kontaktlista",
    ),
    "not_csv.broken": Message(
        en="The file cannot be read as CSV after data row {row} (a quote that is never closed, "
        "or a field longer than 128 KB)",
        sv="Filen kan inte läsas som CSV efter datarad {row} (ett citattecken som aldrig stängs, "
        "eller ett fält längre än 128 KB)",
        fix_en="Check that row in the export",
        fix_sv="Kontrollera den raden i exporten",
    ),
    "not_csv.broken_header": Message(
        en="The header row cannot be read as CSV (a quote that is never closed, or a field "
        "longer than 128 KB)",
        sv="Rubrikraden kan inte läsas som CSV (ett citattecken som aldrig stängs, eller ett "
        "fält längre än 128 KB)",
        fix_en="Check the first rows of the export",
        fix_sv="Kontrollera exportens första rader",
    ),
    "not_csv.reader_failed": Message(
        en="The file could not be read: the reader stopped on its content (for example a date "
        "cell far outside the calendar)",
        sv="Filen kunde inte läsas: läsaren stannade på innehållet (till exempel en datumcell "
        "långt utanför kalendern)",
        fix_en="Open it in Excel, check that it holds only the contact list, save it again as "
        ".xlsx or 'CSV UTF-8', and upload that",
        fix_sv="Öppna den i Excel, kontrollera att den bara innehåller kontaktlistan, spara den "
        "igen som .xlsx eller 'CSV UTF-8' och ladda upp den",
    ),
    "over_limit.columns": Message(
        en="The header row has {columns} columns; at most {limit} are read",
        sv="Rubrikraden har {columns} kolumner; högst {limit} läses",
        fix_en="Export only the columns needed (date, channel, phone, e-mail)",
        fix_sv="Exportera bara de kolumner som behövs (datum, kanal, telefon, e-post)",
    ),
    "over_limit.row_columns": Message(
        en="Row {row} has more than {limit} columns",
        sv="Rad {row} har fler än {limit} kolumner",
        fix_en="Export only the columns needed (date, channel, phone, e-mail)",
        fix_sv="Exportera bara de kolumner som behövs (datum, kanal, telefon, e-post)",
    ),
    "over_limit.lines": Message(
        en="The file has more than {limit} rows, blank rows included",
        sv="Filen har fler än {limit} rader, tomma rader medräknade",
        fix_en="Remove the blank rows, or split it into several files",
        fix_sv="Ta bort de tomma raderna, eller dela upp den i flera filer",
    ),
    "over_limit.workbook_unpacked": Message(
        en="The workbook unpacks to more than {limit} MB",
        sv="Arbetsboken packas upp till mer än {limit} MB",
        fix_en="Keep only the contact list in it, or save it as 'CSV UTF-8'",
        fix_sv="Behåll bara kontaktlistan i den, eller spara den som 'CSV UTF-8'",
    ),
    "over_limit.workbook_cells": Message(
        en="The workbook's sheets span more than {limit} cells (from A1 to each sheet's last "
        "used cell; the largest reaches {last})",
        sv="Arbetsbokens blad spänner över mer än {limit} celler (från A1 till varje blads "
        "sista använda cell; det största når {last})",
        fix_en="Delete everything but the contact list (cells far down or to the right count "
        "even when they look empty), or save it as 'CSV UTF-8'",
        fix_sv="Ta bort allt utom kontaktlistan (celler långt ned eller till höger räknas även "
        "när de ser tomma ut), eller spara den som 'CSV UTF-8'",
    ),
    "no_contact_column.headers": Message(
        en="No column for phone numbers or e-mail addresses in the first {lines} rows (headers "
        "such as 'telefon', 'e-post', 'kontakt', 'phone', 'email'): the first row has {headers}",
        sv="Ingen kolumn för telefonnummer eller e-postadresser bland de första {lines} raderna "
        "(rubriker som 'telefon', 'e-post', 'kontakt', 'phone', 'email'): första raden har "
        "{headers}",
        fix_en="Name the column with one of those headers, or map the municipality's own header "
        "name in its settings (column_mapping)",
        fix_sv="Ge kolumnen en av de rubrikerna, eller koppla kommunens egen rubrik i dess "
        "inställningar (column_mapping)",
    ),
    "no_contact_column.data": Message(
        en="No header row: the first row looks like data, not column names (headers such as "
        "'telefon', 'e-post', 'kontakt', 'phone', 'email')",
        sv="Ingen rubrikrad: första raden ser ut som data, inte som kolumnnamn (rubriker som "
        "'telefon', 'e-post', 'kontakt', 'phone', 'email')",
        fix_en="Add a header row above the data",
        fix_sv="Lägg till en rubrikrad ovanför datat",
    ),
    "no_contact_column.workbook": Message(
        en="No sheet of the workbook has a column for phone numbers or e-mail addresses in its "
        "first {lines} rows (headers such as 'telefon', 'e-post', 'kontakt', 'phone', 'email')",
        sv="Inget blad i arbetsboken har en kolumn för telefonnummer eller e-postadresser bland "
        "de första {lines} raderna (rubriker som 'telefon', 'e-post', 'kontakt', 'phone', "
        "'email')",
        fix_en="Name the column with one of those headers, or map the municipality's own header "
        "name in its settings (column_mapping)",
        fix_sv="Ge kolumnen en av de rubrikerna, eller koppla kommunens egen rubrik i dess "
        "inställningar (column_mapping)",
    ),
    # --- the validate command's own errors ---------------------------------------------------
    "usage.kommunkod_format": Message(
        en="A kommunkod is four digits, e.g. --tenant 1980",
        sv="En kommunkod är fyra siffror, t.ex. --tenant 1980",
    ),
    "usage.unknown_tenant": Message(
        en="No municipality with kommunkod {kommunkod} "
        "(looked for config/tenants/{kommunkod}.json)",
        sv="Ingen kommun med kommunkod {kommunkod} (letade efter config/tenants/{kommunkod}.json)",
    ),
    "usage.invalid_tenant": Message(
        en="The settings in {path} are not valid: {error}",
        sv="Inställningarna i {path} är inte giltiga: {error}",
    ),
    "usage.invalid_received": Message(
        en="--received must be a date and time, e.g. 2026-03-14 or 2026-03-14T08:00+01:00",
        sv="--received måste vara ett datum och en tid, t.ex. 2026-03-14 eller "
        "2026-03-14T08:00+01:00",
    ),
    "usage.no_such_file": Message(en="{path}: no such file", sv="{path}: filen finns inte"),
    "upload.unsupported_extension": Message(
        en="The file must end in {endings}", sv="Filen måste sluta på {endings}"
    ),
    "upload.no_bucket": Message(
        en="Cannot tell where to upload: no stack {stack} with the output DataBucketName in "
        "this account and region",
        sv="Kan inte avgöra vart filen ska: ingen stack {stack} med utdata DataBucketName i "
        "det här kontot och regionen",
        fix_en="Give --bucket (the DataBucketName your operator gave you) or set {variable}, "
        "or name the stack with --stack",
        fix_sv="Ange --bucket (den DataBucketName som den som driver tjänsten gav er) eller "
        "sätt {variable}, eller ange stacken med --stack",
    ),
    "upload.no_contacts": Message(
        en="The file has no accepted contact and is not uploaded",
        sv="Filen har ingen godkänd kontakt och laddas inte upp",
        fix_en="Run servicematning validate on it to see why each row was rejected",
        fix_sv="Kör servicematning validate på filen för att se varför varje rad avvisades",
    ),
    "usage.unreadable_file": Message(
        en="{path} cannot be read: {error}", sv="{path} kan inte läsas: {error}"
    ),
    "usage.unreadable_table": Message(
        en="The tenants table {table} cannot be read: {error}",
        sv="Tabellen {table} med kommunernas inställningar kan inte läsas: {error}",
        fix_en="Check the table's name and your AWS credentials and region",
        fix_sv="Kontrollera tabellens namn och dina AWS-uppgifter och region",
    ),
}

# The messages an ingest report can carry, in the catalogs (and so in every shipped language).
# Whole files the ingest refuses before reading a row (Swedish, English): the upload report and
# the mail say them in the municipality's language (the catalogs hold the English).
FILE_REFUSALS: dict[str, tuple[str, str]] = {
    "unknown_tenant": (
        "Ingen kommun med kommunkod {kommunkod} är konfigurerad.",
        "No municipality with kommunkod {kommunkod} is configured.",
    ),
    "no_campaign": (
        "{name} har ingen aktiv mätperiod den dag filen lottas ({day}).",
        "{name} has no active campaign on the day the file is drawn ({day}).",
    ),
    "too_large": (
        "Filen är {size} MB; högst {limit} MB tas emot. Dela upp den i flera filer.",
        "The file is {size} MB; at most {limit} MB is accepted. Split it into several files.",
    ),
    "too_many_rows": (
        "Filen har fler än {limit} rader och har inte lästs in alls. Dela upp den i flera filer.",
        "The file has more than {limit} rows and was not read at all. Split it into several files.",
    ),
    "day_full": (
        "Dagens filer har tillsammans fler än {limit} rader; den här filen har inte lästs in.",
        "The day's files have more than {limit} rows together; this file was not read.",
    ),
    "late": (
        "Filen kom när dagens lottning redan hade börjat och har inte lästs in. Ladda upp den "
        "igen.",
        "The file arrived after the day's draw had started and was not read. Upload it again.",
    ),
}

REPORTED: tuple[str, ...] = (
    *Reason,
    *(key for key in MESSAGES if key.split(".")[0] in set(FileErrorCode)),
)

# Compatibility: (Swedish, English) per row reason, as the validate summary used to read it.
REASON_TEXT: dict[Reason, tuple[str, str]] = {
    reason: (MESSAGES[reason].sv, MESSAGES[reason].en) for reason in Reason
}


class FileError(Exception):
    """The whole file is refused. Its words come from ``MESSAGES[detail]``; none is personal data.

    ``message`` is both languages in one line (Swedish first), for reports that carry a single
    string; ``messages`` has each language on its own.
    """

    def __init__(self, code: FileErrorCode, detail: str, **params: object) -> None:
        self.code: str = code.value
        self.detail = detail
        self.params = params
        found = MESSAGES[detail]
        self.messages: dict[Language, str] = {
            language: found.render(language, **params) for language in LANGUAGES
        }
        self.message = f"{self.messages['sv']}. / {self.messages['en']}."
        super().__init__(f"{self.code}: {self.messages['en']}")

    def as_json(self) -> dict[str, object]:
        """``error`` (the code), ``message`` (both languages) and ``messages`` (per language)."""
        return {"error": self.code, "message": self.message, "messages": dict(self.messages)}
