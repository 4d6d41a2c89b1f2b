"""The asset's precompiled templates (infra/packaging.py) render every page exactly as the
templates in the checkout do: a cold start saves their compilation, nothing else changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shared.core.models import Channel
from shared.survey import info, pages
from shared.survey.pages import Frame
from tests.unit.survey.test_extra_questions import CHOICE, SCALE

LANGUAGES = ("sv", "en", "ar")


def _every_page(lang: str) -> dict[str, str]:
    frame = Frame(lang=lang, path="/s/x", org="Uppsala kommun", kommunkod="0380")
    token = "x" * 22
    rendered = {
        "form sms": pages.form_page(frame, token, Channel.SMS, extra=(SCALE, CHOICE)),
        "form email with errors": pages.form_page(
            frame,
            token,
            Channel.EMAIL,
            {"kanal": "annat", "comment": "<b>hej</b>"},
            {"kanal": "invalid", "epost_enkelhet": "missing"},
            (CHOICE,),
        ),
        "decline": pages.decline_page(frame, token),
        "thanks": pages.thanks_page(frame),
        "about": pages.about_page(Frame(lang=lang, path="/om"), info.facts(None)),
        "accessibility": pages.accessibility_page(Frame(lang=lang, path="/om"), info.facts(None)),
    }
    for kind in pages.MESSAGE_PAGES:
        rendered[kind] = pages.message_page(Frame(lang=lang, path="/om"), kind)
    return rendered


@pytest.fixture
def loaders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[[bool], None]]:
    """Switch the pages between the compiled modules (in tmp_path) and the templates."""
    compiled = tmp_path / pages.COMPILED_TEMPLATES.name
    names = pages.compile_templates(compiled)
    assert names
    assert len(list(compiled.glob("tmpl_*.py"))) == len(names)

    def use(precompiled: bool) -> None:
        monkeypatch.setattr(
            pages, "COMPILED_TEMPLATES", compiled if precompiled else tmp_path / "absent"
        )
        pages._env.cache_clear()

    yield use
    pages._env.cache_clear()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_precompiled_templates_render_every_page_byte_for_byte(
    loaders: Callable[[bool], None], lang: str
) -> None:
    loaders(False)
    from_templates = _every_page(lang)
    loaders(True)
    assert type(pages._env().loader).__name__ == "ModuleLoader"

    from_modules = _every_page(lang)

    assert from_modules == from_templates


def test_without_compiled_templates_the_checkout_renders_from_its_sources(
    loaders: Callable[[bool], None],
) -> None:
    loaders(False)

    assert type(pages._env().loader).__name__ == "FileSystemLoader"
    assert not pages.COMPILED_TEMPLATES.exists()
