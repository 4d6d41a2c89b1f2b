"""Municipalities (tenants): their validated settings.

A tenant is keyed by its four-digit kommunkod. Settings are stored as one item per tenant in
the tenants table (``shared.platform.tenant_store``), so an operator changes them
(``servicematning tenants put``) without a redeploy; the JSON files under ``config/tenants/``
are the versioned source of those items.
"""

from __future__ import annotations

import functools
import itertools
import json
from datetime import date, timedelta
from datetime import time as clock
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from shared.core import i18n
from shared.core.models import Channel
from shared.core.questions import ALL_QUESTION_IDS, ERRAND_IDS, OTHER_ERRAND

# an invitation's link stays valid through its campaign and this many days more: the last day
# an answer can arrive, which the release calendar and the links' expiry both read
LINK_DAYS_AFTER_CAMPAIGN = 14


class Kommungrupp(StrEnum):
    """SKR's municipality groups (kommungruppsindelning 2017)."""

    A1 = "A1"  # Storstäder
    A2 = "A2"  # Pendlingskommun nära storstad
    A3 = "A3"  # Större stad
    B4 = "B4"  # Pendlingskommun nära större stad
    B5 = "B5"  # Lågpendlingskommun nära större stad
    B6 = "B6"  # Mindre stad/tätort
    B7 = "B7"  # Pendlingskommun nära mindre stad/tätort
    C8 = "C8"  # Landsbygdskommun
    C9 = "C9"  # Landsbygdskommun med besöksnäring


KOMMUNGRUPP_NAMES: dict[Kommungrupp, str] = {
    Kommungrupp.A1: "Storstäder",
    Kommungrupp.A2: "Pendlingskommun nära storstad",
    Kommungrupp.A3: "Större stad",
    Kommungrupp.B4: "Pendlingskommun nära större stad",
    Kommungrupp.B5: "Lågpendlingskommun nära större stad",
    Kommungrupp.B6: "Mindre stad/tätort",
    Kommungrupp.B7: "Pendlingskommun nära mindre stad/tätort",
    Kommungrupp.C8: "Landsbygdskommun",
    Kommungrupp.C9: "Landsbygdskommun med besöksnäring",
}


class PerChannel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sms: int = Field(ge=0)
    email: int = Field(ge=0)

    def __getitem__(self, channel: Channel) -> int:
        return int(getattr(self, channel.value))


class Campaign(BaseModel):
    """A measurement period (about two months); both ends are inclusive days."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    start: date
    end: date
    name: str | None = Field(
        default=None,
        min_length=2,
        max_length=60,
        description="what readers call it, e.g. 'Hösten 2026' (reports fall back to the dates)",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if self.end < self.start:
            raise ValueError(
                f"campaign {self.id} ends ({self.end}) before it starts ({self.start})"
            )
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def answers_until(self) -> date:
        """The last day an answer of this campaign can arrive (its links' last valid day)."""
        return self.end + timedelta(days=LINK_DAYS_AFTER_CAMPAIGN)

    @property
    def title(self) -> str:
        """The campaign as a reader sees it: its name (or id) and its days, e.g.
        "Hösten 2026 (2026-09-01–2026-12-31)"."""
        return f"{self.name or self.id} ({self.start.isoformat()}–{self.end.isoformat()})"


class SendingWindow(BaseModel):
    """Local (Europe/Stockholm) hours in which invitations may be sent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: clock = clock(9, 0)
    end: clock = clock(19, 0)

    @model_validator(mode="after")
    def _ordered(self) -> SendingWindow:
        if self.end <= self.start:
            raise ValueError("the sending window must end after it starts")
        return self


# A tenant's own questions, asked after the national ones (DESIGN: "a tenant may add a few of
# its own"). Their answers go to ResponseItem.extra as option ids, never as free text.
EXTRA_QUESTIONS_MAX = 3
EXTRA_ID_PATTERN = r"^[a-z][a-z0-9_]{1,29}$"
EXTRA_OPTIONS_MIN, EXTRA_OPTIONS_MAX = 2, 8
Wording = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class TenantText(BaseModel):
    """A question's text in Swedish and, if the municipality gives them, in its other languages:
    ``{"sv": "…", "en": "…", "fi": "…", "ar": "…"}`` (any language code with a catalog)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    sv: Wording
    en: Wording | None = None
    __pydantic_extra__: dict[str, Wording] = Field(init=False)  # the other languages

    @model_validator(mode="after")
    def _language_codes(self) -> TenantText:
        unknown = sorted(k for k in (self.__pydantic_extra__ or {}) if k not in i18n.available())
        if unknown:
            raise ValueError(
                f"no catalog for language {', '.join(unknown)} "
                f"(shipped: {', '.join(i18n.available())})"
            )
        return self

    def _text(self, lang: str) -> str | None:
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        return (self.__pydantic_extra__ or {}).get(lang)

    def __call__(self, lang: str) -> str:
        return self._text(lang) or self.sv

    def language(self, lang: str) -> str:
        """The language the text is shown in for a page in ``lang`` (Swedish if not given)."""
        return lang if self._text(lang) else "sv"


class TenantLabel(TenantText):
    sv: Label
    en: Label | None = None
    __pydantic_extra__: dict[str, Label] = Field(init=False)


class ExtraOption(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]{0,29}$")
    label: TenantLabel


class ExtraQuestion(BaseModel):
    """One of the tenant's own questions: a 1-5 scale (labelled ends, plus "vet ej") or one
    choice among 2-8 options; optional for the resident, on the channels it names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=EXTRA_ID_PATTERN, description="form field and key in responses' extra")
    text: TenantText
    kind: Literal["scale", "choice"]
    low: TenantLabel | None = Field(default=None, description="scale: the label of 1")
    high: TenantLabel | None = Field(default=None, description="scale: the label of 5")
    options: tuple[ExtraOption, ...] = Field(default=(), description="choice: 2-8 options")
    channels: tuple[Channel, ...] = (Channel.SMS, Channel.EMAIL)

    @model_validator(mode="after")
    def _shape(self) -> ExtraQuestion:
        if self.kind == "scale":
            if self.low is None or self.high is None:
                raise ValueError(f"scale question {self.id} needs labels for 1 (low) and 5 (high)")
            if self.options:
                raise ValueError(f"scale question {self.id} takes no options")
        else:
            if self.low is not None or self.high is not None:
                raise ValueError(f"choice question {self.id} takes options, not low/high labels")
            if not EXTRA_OPTIONS_MIN <= len(self.options) <= EXTRA_OPTIONS_MAX:
                raise ValueError(
                    f"choice question {self.id} needs {EXTRA_OPTIONS_MIN}-{EXTRA_OPTIONS_MAX} "
                    f"options, not {len(self.options)}"
                )
            ids = [o.id for o in self.options]
            if len(set(ids)) != len(ids):
                raise ValueError(f"choice question {self.id} has an option id twice")
        if not self.channels:
            raise ValueError(f"question {self.id} must apply to at least one channel")
        if len(set(self.channels)) != len(self.channels):
            raise ValueError(f"question {self.id} names a channel twice")
        return self

    def values(self) -> tuple[str, ...]:
        """The answers the form accepts (and ResponseItem.extra stores)."""
        if self.kind == "scale":
            return ("1", "2", "3", "4", "5", "vet_ej")
        return tuple(o.id for o in self.options)


RESERVED_QUESTION_IDS = ALL_QUESTION_IDS | {"errand", "comment"}  # the national form's fields

# What a column of a contact file can be (shared.contacts.headers.Column has the same values):
# a phone number, an e-mail address, either of the two, the channel, the contact time; or a
# column to leave unread ("ignore"), e.g. a "Tid" column that holds call durations.
ContactColumn = Literal["phone", "email", "contact", "channel", "time", "ignore"]
COLUMN_MAPPING_MAX = 30
REPORT_CONTACTS_MAX = 5


# phonenumbers' region codes, written into each Lambda asset by infra/packaging.py from the
# vendored phonenumbers: importing the library costs a cold start ~60 ms for this one set.
PHONE_REGIONS_FILE = Path(__file__).with_name("phone_regions.json")


@functools.cache
def supported_sms_regions() -> frozenset[str]:
    """``phonenumbers.SUPPORTED_REGIONS``, from the asset's copy when it carries one."""
    if PHONE_REGIONS_FILE.is_file():
        return frozenset(json.loads(PHONE_REGIONS_FILE.read_text(encoding="utf-8")))
    import phonenumbers

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


def _valid_email(value: str) -> str:
    # imported here: ~25 ms at a cold start that validates no tenant
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(f"not a valid e-mail address: {error}") from None


# The municipality's logo on every survey page (and as their icon): a small PNG or SVG, kept
# in the tenant's item as base64 and served by the survey function under a name that changes
# with its content (so it is cached for a year). An SVG may hold nothing that runs or fetches.
LOGO_MAX_BYTES = 32 * 1024
LOGO_TYPES = ("image/png", "image/svg+xml")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}


def _svg_problem(data: bytes) -> str | None:
    import re
    from xml.etree import ElementTree

    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return "an SVG logo may not declare a DOCTYPE or entities"
    if re.search(rb"@import|url\(\s*['\"]?(?!#)", data, re.IGNORECASE):
        return "an SVG logo may not load anything (url(...) or @import)"
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - no DOCTYPE/entities (checked above)
    except ElementTree.ParseError as error:
        return f"the SVG logo is not well-formed XML ({error})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "the logo's root element is not <svg>"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _SVG_FORBIDDEN_TAGS:
            return f"an SVG logo may not contain <{tag}>"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"an SVG logo may not carry event attributes ({local})"
            if local == "href" and not value.startswith("#"):
                return 'an SVG logo may link only within itself (href="#…")'
    return None


class Logo(BaseModel):
    """A logo file, validated for type (by its content) and size."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    media_type: Literal["image/png", "image/svg+xml"]
    data: str = Field(description="the file, base64", repr=False)

    def content(self) -> bytes:
        import base64

        return base64.b64decode(self.data, validate=True)

    @property
    def digest(self) -> str:
        """A short hash of the content: the logo's URL changes whenever the file does."""
        import hashlib

        return hashlib.sha256(self.data.encode("ascii")).hexdigest()[:16]

    @model_validator(mode="after")
    def _valid_file(self) -> Logo:
        import binascii

        try:
            raw = self.content()
        except (binascii.Error, ValueError):
            raise ValueError("the logo's data is not base64") from None
        if not raw or len(raw) > LOGO_MAX_BYTES:
            raise ValueError(f"a logo is 1 byte to {LOGO_MAX_BYTES // 1024} KB, not {len(raw)} B")
        if self.media_type == "image/png":
            if not raw.startswith(_PNG_SIGNATURE):
                raise ValueError("the logo says image/png but is not a PNG file")
        elif problem := _svg_problem(raw):
            raise ValueError(problem)
        return self

    @classmethod
    def from_file(cls, path: Path) -> Logo:
        """A logo from a .png or .svg file (its type is read from its content)."""
        import base64

        raw = path.read_bytes()
        kind: Literal["image/png", "image/svg+xml"] = (
            "image/png" if raw.startswith(_PNG_SIGNATURE) else "image/svg+xml"
        )
        return cls(media_type=kind, data=base64.b64encode(raw).decode("ascii"))


def _https_url(value: str | None) -> str | None:
    if value and not (value.startswith("https://") and "." in value):
        raise ValueError(f"not an https:// address: {value!r}")
    return value


class ColumnMapping(dict[str, ContactColumn]):
    """A tenant's own header names (``{"Kundens nr": "phone"}``); read-only, so hashable."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("a tenant's column mapping is read-only")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only  # type: ignore[assignment]


class Tenant(BaseModel):
    """One municipality's settings, validated whole before they are stored or used."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kommunkod: str = Field(pattern=r"^\d{4}$", description="SCB's four-digit municipality code")
    name: str = Field(min_length=2, max_length=40, description="e.g. 'Västerås stad'")
    sms_sender_id: str = Field(
        pattern=r"^[A-Za-z0-9]{3,11}$",
        description="alphanumeric SMS sender ID: 3-11 ASCII letters/digits, one letter at least",
    )
    email_sender: str = Field(description="From address on a verified SES identity")
    privacy_contact: str = Field(description="where residents ask about their data (e-mail)")
    website: str = Field(default="", max_length=200)
    logo: Logo | None = Field(
        default=None,
        description="PNG or SVG, at most 32 KB; in a config file the file's name next to it",
    )
    support_phone: str | None = Field(
        default=None,
        pattern=r"^\+?[0-9][0-9 ()-]{4,22}$",
        description="the contact centre's number as residents dial it, with its area code",
    )
    support_url: str | None = Field(
        default=None, max_length=200, description="the municipality's contact page (https://)"
    )
    errands: tuple[str, ...] = Field(
        default=(),
        description="the national errand kinds to offer, in this order (all, if empty); "
        "'annat' always among them",
    )
    kommungrupp: Kommungrupp
    sample_rate: float = Field(default=1.0, gt=0, le=1)
    daily_cap: PerChannel = PerChannel(sms=50, email=50)
    campaign_target: PerChannel = Field(
        default=PerChannel(sms=100, email=100),
        description="answers wanted per channel and campaign (100 enters the national comparison)",
    )
    max_answers: int = Field(default=400, ge=1, description="the national cap per municipality")
    target_mode: bool = Field(
        default=False, description="adapt the invited share to the observed response rate"
    )
    allowed_sms_countries: tuple[str, ...] = ("SE",)
    campaigns: tuple[Campaign, ...] = ()
    sending_window: SendingWindow = SendingWindow()
    draw_cutoff: clock = Field(
        default=clock(8, 0),
        description=(
            "Europe/Stockholm: files received before it are drawn together at it that day, "
            "later ones at the next day's (the daily draw, docs/privacy.md)"
        ),
    )
    min_cell_size: int = Field(default=5, ge=5, le=100)
    max_contact_age_days: int = Field(default=7, ge=1, le=60)
    max_holding_hours: int = Field(default=72, ge=1, le=168)
    no_repeat_days: int | None = Field(
        default=None, ge=1, le=365, description="opt-in: do not survey one person twice in N days"
    )
    extra_questions: tuple[ExtraQuestion, ...] = Field(
        default=(),
        max_length=EXTRA_QUESTIONS_MAX,
        description="the municipality's own questions (at most 3), after the national ones",
    )
    column_mapping: dict[str, ContactColumn] = Field(
        default_factory=ColumnMapping,
        max_length=COLUMN_MAPPING_MAX,
        description="the municipality's own header names of its contact files → what the column "
        "holds (phone, email, contact, channel, time, ignore); on top of the built-in names",
    )
    languages: tuple[str, ...] = Field(
        default=("sv", "en"),
        description="the languages residents may choose (each needs a catalog; Swedish always)",
    )
    default_language: str = Field(
        default="sv", description="when neither ?lang= nor the browser names one of them"
    )
    accessibility_contact: str | None = Field(
        default=None,
        description="where residents report accessibility problems (e-mail); the statement "
        "falls back to privacy_contact",
    )
    report_contacts: tuple[str, ...] = Field(
        default=(),
        max_length=REPORT_CONTACTS_MAX,
        description="the contact centre's functional mailboxes told about every uploaded file "
        "(e-mail; never a resident's)",
    )
    report_language: str = Field(
        default="sv", description="the language of the upload reports (needs a catalog)"
    )
    service_contact: str | None = Field(
        default=None,
        min_length=3,
        max_length=120,
        description="whom the contact centre asks about the service and its settings (the "
        "operator's mailbox or phone), named in every upload report",
    )
    public_contacts: tuple[Annotated[str, Field(min_length=3, max_length=120)], ...] = Field(
        default=(),
        max_length=50,
        description="published phone numbers, shared mailboxes and addresses (and streets named "
        "as places) that comment redaction leaves as written; the sender, privacy, accessibility "
        "and report addresses above are added (shared.platform.redaction.allow.tenant_allow)",
    )

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [lang for lang in value if lang not in i18n.available()]
        if unknown:
            raise ValueError(
                f"no catalog for language {', '.join(unknown)} "
                f"(shipped: {', '.join(i18n.available())}; docs/languages.md adds one)"
            )
        if "sv" not in value:
            raise ValueError("Swedish (sv) must be one of the languages")
        if len(set(value)) != len(value):
            raise ValueError("a language is named twice")
        return value

    @model_validator(mode="after")
    def _default_is_offered(self) -> Tenant:
        if self.default_language not in self.languages:
            raise ValueError(
                f"default_language {self.default_language} is not one of the languages "
                f"({', '.join(self.languages)})"
            )
        return self

    @field_validator("website", "support_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        return _https_url(value)

    @field_validator("errands")
    @classmethod
    def _errands(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [e for e in value if e not in ERRAND_IDS]
        if unknown:
            raise ValueError(
                f"not a national errand kind: {', '.join(unknown)} "
                f"(the kinds: {', '.join(sorted(ERRAND_IDS))})"
            )
        if len(set(value)) != len(value):
            raise ValueError("errands names a kind twice")
        if value and OTHER_ERRAND not in value:
            raise ValueError(f"errands must include '{OTHER_ERRAND}' (Annat)")
        return value

    @field_validator("sms_sender_id")
    @classmethod
    def _sender_has_letter(cls, value: str) -> str:
        # an all-digit sender would be taken for a phone number by operators
        if not any(c.isalpha() for c in value):
            raise ValueError("an SMS sender ID needs at least one letter")
        return value

    @field_validator("email_sender", "privacy_contact", "accessibility_contact")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else _valid_email(value)

    @field_validator("report_contacts")
    @classmethod
    def _report_contacts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        addresses = tuple(_valid_email(a) for a in value)
        if len(set(addresses)) != len(addresses):
            raise ValueError("report_contacts names an address twice")
        return addresses

    @field_validator("report_language")
    @classmethod
    def _report_language(cls, value: str) -> str:
        if value not in i18n.available():
            raise ValueError(
                f"no catalog for report_language {value} (shipped: {', '.join(i18n.available())})"
            )
        return value

    @field_validator("allowed_sms_countries")
    @classmethod
    def _countries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = supported_sms_regions()
        unknown = [c for c in value if c not in known]
        if unknown:
            raise ValueError(f"unknown country codes: {', '.join(unknown)}")
        if not value:
            raise ValueError("at least one country must be allowed")
        return value

    @model_validator(mode="after")
    def _campaigns_do_not_overlap(self) -> Tenant:
        ordered = sorted(self.campaigns, key=lambda c: c.start)
        for earlier, later in itertools.pairwise(ordered):
            if later.start <= earlier.end:
                raise ValueError(f"campaigns {earlier.id} and {later.id} overlap")
        if len({c.id for c in self.campaigns}) != len(self.campaigns):
            raise ValueError("campaign ids must be unique")
        return self

    @field_validator("extra_questions")
    @classmethod
    def _extra_ids(cls, value: tuple[ExtraQuestion, ...]) -> tuple[ExtraQuestion, ...]:
        ids = [q.id for q in value]
        if len(set(ids)) != len(ids):
            raise ValueError("the municipality's own question ids must be unique")
        taken = sorted(set(ids) & RESERVED_QUESTION_IDS)
        if taken:
            raise ValueError(f"question ids taken by the national form: {', '.join(taken)}")
        return value

    @field_validator("column_mapping")
    @classmethod
    def _column_mapping(cls, value: dict[str, ContactColumn]) -> dict[str, ContactColumn]:
        # the reader matches headers ignoring case and runs of white space: so does this check
        seen: dict[str, str] = {}
        for name in value:
            key = " ".join(name.replace("\ufeff", " ").split()).casefold()
            if not key or len(key) > 80:
                raise ValueError("a column_mapping header is 1-80 characters (not only spaces)")
            if key in seen:
                raise ValueError(f"column_mapping names one header twice: {seen[key]!r}, {name!r}")
            seen[key] = name
        return ColumnMapping(value)

    @property
    def municipal_addresses(self) -> tuple[str, ...]:
        """The municipality's own functional addresses (its contact centre's number too, and
        the service's contact the upload report names): public, never a resident's."""
        addresses = (self.email_sender, self.privacy_contact, self.accessibility_contact)
        own = (*addresses, self.support_phone, self.service_contact)
        return tuple(a for a in own if a) + self.report_contacts

    def extra_questions_for(self, channel: Channel) -> tuple[ExtraQuestion, ...]:
        """The municipality's own questions asked of residents invited on ``channel``."""
        return tuple(q for q in self.extra_questions if channel in q.channels)

    def active_campaign(self, day: date) -> Campaign | None:
        return next((c for c in self.campaigns if c.covers(day)), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        """The campaign with this id, or None if the municipality no longer has it."""
        return next((c for c in self.campaigns if c.id == campaign_id), None)

    @property
    def max_contact_age(self) -> timedelta:
        return timedelta(days=self.max_contact_age_days)

    @classmethod
    def default(cls, kommunkod: str = "0000") -> Tenant:
        """Settings used by ``validate`` when no tenant is named: Swedish numbers, 7 days."""
        return cls(
            kommunkod=kommunkod,
            name="Kommunen",
            sms_sender_id="Kommunen",
            email_sender="noreply@example.se",
            privacy_contact="dataskydd@example.se",
            kommungrupp=Kommungrupp.B6,
        )


class UnknownTenant(LookupError):
    def __init__(self, kommunkod: str) -> None:
        super().__init__(f"no municipality with kommunkod {kommunkod} is configured")
        self.kommunkod = kommunkod


class InvalidTenantSettings(LookupError):
    """The tenants table holds an item for this kommunkod that does not validate (stored by
    hand, or by an older version): the municipality is skipped, never taken for unknown, so
    its files wait and its contacts are kept until the item is fixed (``tenants put``)."""

    def __init__(self, kommunkod: str) -> None:
        super().__init__(f"the settings item of kommunkod {kommunkod} is not valid")
        self.kommunkod = kommunkod


def load_tenant_file(path: Path) -> Tenant:
    """A tenant from its JSON file; a ``"logo"`` given as a file name is read from beside it."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("logo"), str):
        return Tenant.model_validate_json(text)
    logo = Logo.from_file(path.parent / data["logo"])
    return Tenant.model_validate_json(json.dumps(data | {"logo": logo.model_dump()}))


def load_tenant_dir(folder: Path) -> dict[str, Tenant]:
    tenants = (load_tenant_file(p) for p in sorted(folder.glob("*.json")))
    return {t.kommunkod: t for t in tenants}


def as_json(tenant: Tenant) -> dict[str, Any]:
    return json.loads(tenant.model_dump_json())
