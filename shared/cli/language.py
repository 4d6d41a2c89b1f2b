"""The one language a command run speaks: ``--lang sv|en``, else the environment's locale.

A contact centre reads Swedish; an operator's shell often says ``LANG=en_US.UTF-8``. Every line
of a run is in one language: ``--lang`` when given; otherwise the locale of the environment
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, through
``shared.platform.settings.CliSettings``) when it names English or Swedish; Swedish otherwise
(``C``, ``POSIX``, unset, any other language).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from shared.contacts.reasons import Language
from shared.platform.settings import CliSettings

DEFAULT: Language = "sv"


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        help="the language of the output (default: from LC_ALL/LC_MESSAGES/LANG; Swedish "
        "when they name neither) / utskriftens språk",
    )


def from_locale(locale: str) -> Language:
    """``en_GB.UTF-8`` → ``en``, ``sv_SE`` → ``sv``, ``C.UTF-8``/``fi_FI``/"" → Swedish."""
    code = locale.split(".")[0].split("@")[0].split("_")[0].casefold()
    return "en" if code == "en" else DEFAULT


def choose(flag: str | None, environ: Mapping[str, str] | None = None) -> Language:
    if flag == "en":
        return "en"
    if flag == "sv":
        return "sv"
    return from_locale(CliSettings.from_env(environ).locale)


def say(lang: Language, sv: str, en: str) -> str:
    """One message written in both languages, told in the run's: ``sv`` unless ``lang`` is en."""
    return en if lang == "en" else sv


class Told(Exception):
    """A failure an operator can act on, written in both languages; ``text(lang)`` tells it."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv, self.en = sv, en

    def text(self, lang: Language) -> str:
        return say(lang, self.sv, self.en)
