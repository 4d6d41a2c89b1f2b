"""The municipality on every page: its logo (validated as a file), website and contact options,
its own errand list; one language order everywhere; numbers as each language writes them."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from shared.core import i18n
from shared.core.models import Channel
from shared.core.tenants import LOGO_MAX_BYTES, Logo, Tenant, load_tenant_file
from shared.survey.pages import Brand, Frame, form_page, message_page
from shared.survey.texts import number
from tests.conftest import TENANT_CONFIG

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
)


def _logo(raw: bytes, kind: str = "image/svg+xml") -> Logo:
    return Logo(media_type=kind, data=base64.b64encode(raw).decode())  # type: ignore[arg-type]


def _vasteras(**changes: Any) -> Tenant:
    return load_tenant_file(TENANT_CONFIG / "1980.json").model_copy(update=changes)


def test_a_png_and_a_plain_svg_are_accepted_and_named_by_their_content() -> None:
    png, svg = _logo(PNG, "image/png"), _logo(SVG)

    assert png.content() == PNG
    assert svg.digest != _logo(SVG.replace(b"4", b"5")).digest


@pytest.mark.parametrize(
    ("raw", "kind", "reason"),
    [
        (SVG, "image/png", "not a PNG file"),
        (b"x" * (LOGO_MAX_BYTES + 1), "image/svg+xml", "a logo is 1 byte to 32 KB"),
        (b"<html/>", "image/svg+xml", "root element is not <svg>"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>", "image/svg+xml",
         "may not contain <script>"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>", "image/svg+xml",
         "event attributes"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><image href='https://evil.example/x.png'/></svg>",
         "image/svg+xml", "link only within itself"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><style>a{background:url(https://e.x/)}</style>"
         b"</svg>", "image/svg+xml", "may not load anything"),
        (b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
         "image/svg+xml", "DOCTYPE"),
        (b"<svg", "image/svg+xml", "not well-formed"),
    ],
)  # fmt: skip
def test_a_logo_that_is_not_a_small_inert_image_is_refused_with_the_reason(
    raw: bytes, kind: str, reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason):
        _logo(raw, kind)


def test_a_config_file_may_name_its_logo_file(tmp_path: Path) -> None:
    settings = json.loads((TENANT_CONFIG / "1980.json").read_text(encoding="utf-8"))
    (tmp_path / "logo.svg").write_bytes(SVG)
    (tmp_path / "1980.json").write_text(json.dumps(settings | {"logo": "logo.svg"}), "utf-8")

    tenant = load_tenant_file(tmp_path / "1980.json")

    assert tenant.logo is not None
    assert tenant.logo.content() == SVG
    assert tenant.logo.media_type == "image/svg+xml"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"website": "http://www.vasteras.se"}, "not an https:// address"),
        ({"support_url": "javascript:alert(1)"}, "not an https:// address"),
        ({"support_phone": "ring oss"}, "support_phone"),
        ({"errands": ["vatten", "skola"]}, "must include 'annat'"),
        ({"errands": ["vatten", "badhus", "annat"]}, "not a national errand kind: badhus"),
        ({"errands": ["vatten", "vatten", "annat"]}, "names a kind twice"),
    ],
)
def test_branding_and_errand_settings_are_checked(changes: dict[str, Any], reason: str) -> None:
    settings = json.loads((TENANT_CONFIG / "1980.json").read_text(encoding="utf-8"))

    with pytest.raises(ValidationError, match=reason):
        Tenant.model_validate(settings | changes)


def test_the_form_offers_the_municipalitys_errands_in_its_order() -> None:
    frame = Frame(lang="sv", path="/s/x")

    html = form_page(frame, "x" * 22, Channel.SMS, errands=("vatten", "gator", "annat"))

    offered = [i for i in ("errand-vatten", "errand-gator", "errand-annat", "errand-skola")
               if f'id="{i}"' in html]  # fmt: skip
    assert offered == ["errand-vatten", "errand-gator", "errand-annat"]
    assert html.index("errand-vatten") < html.index("errand-gator") < html.index("errand-annat")


def test_every_page_carries_the_logo_the_site_and_the_contact_options() -> None:
    brand = Brand.of(_vasteras())
    frame = Frame(lang="sv", path="/s/x", org="Västerås stad", kommunkod="1980", brand=brand)

    form = form_page(frame, "x" * 22, Channel.SMS)
    problem = message_page(frame, "expired")

    assert brand.logo_url is not None
    for html in (form, problem):
        assert f'<link rel="icon" href="{brand.logo_url}">' in html
        assert f'<img src="{brand.logo_url}" alt="" width="40" height="40">' in html
        assert '<a href="https://www.vasteras.se"><img' in html  # the name links to its site
        assert 'href="tel:021390000"' in html
    assert 'href="https://www.vasteras.se/kontakt"' in problem
    assert "Kommentaren är anonym och kommunen kan inte svara på den." in form
    assert 'href="https://www.vasteras.se/kontakt"' in form  # where to get help instead


def test_a_page_without_a_municipality_has_the_services_own_icon() -> None:
    html = message_page(Frame(lang="sv", path="/x"), "not_found")

    assert '<link rel="icon" href="/favicon.svg">' in html
    assert "<img" not in html


def test_every_page_lists_the_languages_in_one_order() -> None:
    assert i18n.ordered(("ar", "fi", "en", "sv")) == ("sv", "en", "fi", "ar")
    general = Frame(lang="sv", path="/om").offered()
    vasteras = Frame(lang="sv", path="/om", languages=("sv", "ar", "fi", "en")).offered()

    assert general == vasteras == ("sv", "en", "fi", "ar")


@pytest.mark.parametrize(
    ("lang", "written"),
    [("sv", "1\u00a0000"), ("fi", "1\u00a0000"), ("en", "1,000"), ("ar", "1000")],
)
def test_numbers_are_written_as_the_language_writes_them(lang: str, written: str) -> None:
    assert number(1000, lang) == written
    assert number(72, lang) == "72"
