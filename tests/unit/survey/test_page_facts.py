"""One truth on every page: every figure /om, the accessibility statement, the infotexts and
docs/privacy.md state is the figure the code enforces, read from the same settings.

The pages are rendered for a municipality with unusual settings (37 hours, cells of 11), in
every shipped language; each figure must appear, the defaults must not, and no other number
may be in the text except the ones listed here with their reason (a law's number, a WCAG
version, the widths the browser test checks, the assessment date)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from shared.cli import infotext
from shared.core import i18n, tenants
from shared.core.questions import COMMENT_MAX_CHARS
from shared.core.tenants import Tenant, load_tenant_dir
from shared.dispatch import tables
from shared.platform import resources
from shared.survey import info
from shared.survey.pages import Frame, about_page, accessibility_page
from tests.conftest import ROOT, TENANT_CONFIG

HOURS, CELLS = 37, 11


def _tenant() -> Tenant:
    vasteras = load_tenant_dir(TENANT_CONFIG)["1980"]
    return vasteras.model_copy(update={"max_holding_hours": HOURS, "min_cell_size": CELLS})


class _Text(HTMLParser):
    """The text a reader sees in <main> (attributes such as href are not read out)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.depth += tag == "main"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "main"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _main_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _numbers(text: str) -> set[str]:
    text = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)  # addresses are not figures
    text = re.sub(r"(\d)[\u00a0\u202f,](\d{3})\b", r"\1\2", text)  # "1 000", "1,000": 1000
    return set(re.findall(r"\d{4}-\d\d-\d\d|\d+(?:[.:]\d+)*", text))


NOT_FIGURES = {
    "2018:1937",  # the accessibility act's number
    "6.1",  # GDPR article 6(1)(e), as Swedish writes it
    "6",  # ... and as Finnish and Arabic write it
    "1",
    "2.1",  # WCAG versions
    "2.2",
    "320",  # the widths the browser test checks
    "390",
    "1280",
    info.ACCESSIBILITY_ASSESSED.isoformat(),
    info.ACCESSIBILITY_UPDATED.isoformat(),
}


@pytest.mark.parametrize("lang", i18n.available())
def test_about_states_the_municipalitys_own_figures_and_no_other(lang: str) -> None:
    tenant = _tenant()
    frame = Frame(lang=lang, path="/om", org=tenant.name, kommunkod="1980")

    text = _main_text(about_page(frame, info.facts(tenant)))

    figures = {str(HOURS), str(CELLS), str(COMMENT_MAX_CHARS), str(info.comment_batch())}
    if lang == "ar" and resources.INBOX_EXPIRY_DAYS == 2:
        assert "يومين" in text  # Arabic says two days in the dual, without the digit
    else:
        figures.add(str(resources.INBOX_EXPIRY_DAYS))
    assert figures <= _numbers(text)
    assert _numbers(text) <= figures | NOT_FIGURES
    assert "72" not in _numbers(text)
    assert "168" not in _numbers(text)
    assert tenant.name in text
    assert tenant.privacy_contact in text
    assert info.PROCESSOR in text  # the processor and where it processes
    assert info.PROCESSING_REGION in text


@pytest.mark.parametrize("lang", i18n.available())
def test_the_general_about_page_states_the_limits_every_municipality_is_held_to(
    lang: str,
) -> None:
    text = _main_text(about_page(Frame(lang=lang, path="/om"), info.facts(None)))

    limits = Tenant.model_fields
    assert str(info.GENERAL_MAX_HOLDING_HOURS) in _numbers(text)
    assert info.GENERAL_MAX_HOLDING_HOURS == 168
    assert limits["max_holding_hours"].default == 72
    assert str(info.GENERAL_MIN_CELL_SIZE) in _numbers(text)


@pytest.mark.parametrize("lang", i18n.available())
def test_the_accessibility_statement_has_its_date_and_the_accessibility_contact(
    lang: str,
) -> None:
    tenant = _tenant().model_copy(update={"accessibility_contact": "tillganglighet@vasteras.se"})
    frame = Frame(lang=lang, path="/tillganglighet", org=tenant.name, kommunkod="1980")

    html = accessibility_page(frame, info.facts(tenant))
    text = _main_text(html)

    assert info.ACCESSIBILITY_ASSESSED.isoformat() in text
    assert 'href="mailto:tillganglighet@vasteras.se"' in html
    assert tenant.privacy_contact not in html  # feedback no longer goes to the DPO
    assert _numbers(text) <= NOT_FIGURES
    assert 'href="https://www.digg.se/tdosanmalan"' in html


@pytest.mark.parametrize("lang", i18n.available())
def test_the_infotexts_state_the_municipalitys_figures(lang: str) -> None:
    texts = infotext.texts(_tenant(), lang, "https://enkat.example.se")

    for name, text in texts.items():
        numbers = _numbers(text) - {"1980"}  # the link's ?k=
        assert numbers <= {str(HOURS), str(CELLS)}, name
    assert str(HOURS) in texts["autoreply"]
    assert str(HOURS) in texts["website"]
    assert str(CELLS) in texts["website"]


PRIVACY_FIGURES = [
    (r"≤ (\d+) h", Tenant.model_fields["max_holding_hours"].default),
    (r"`INBOX_EXPIRY_DAYS` = (\d+) day", resources.INBOX_EXPIRY_DAYS),
    (r"TTL (\d+) days \(`FILE_RECORD_TTL_DAYS`\)", resources.FILE_RECORD_TTL_DAYS),
    (r"`max_holding_hours` \(default (\d+) h", Tenant.model_fields["max_holding_hours"].default),
    (r"`max_holding_hours` \(default \d+ h, max (\d+) h\)", info.GENERAL_MAX_HOLDING_HOURS),
    (r"`CONTACT_TTL_HOURS` = (\d+) h", resources.CONTACT_TTL_HOURS),
    (r"campaign end \+ (\d+) days", tenants.LINK_DAYS_AFTER_CAMPAIGN),
    (r"counts: (\d+) days", tables.COUNTER_DAYS),
    (r"markers: (\d+) days", tables.MARKER_DAYS),
    (r"blocks a second claim for (\d+) days", tables.MARKER_DAYS),
    (r"capped at ([\d,]+) characters", COMMENT_MAX_CHARS),
    (r"minimum cell size \(at least (\d+)\)", info.GENERAL_MIN_CELL_SIZE),
]


@pytest.mark.parametrize(("pattern", "value"), PRIVACY_FIGURES, ids=[p for p, _ in PRIVACY_FIGURES])
def test_docs_privacy_states_the_figures_the_code_enforces(pattern: str, value: int) -> None:
    doc = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    found = re.findall(pattern, doc)
    assert found, f"docs/privacy.md no longer states {pattern}"
    assert {int(f.replace(",", "")) for f in found} == {value}
