"""Comment themes and tone: what released comments are about, counted without a text leaving
the deployment's region.

Protocol (issue 26; definitions in docs/results.md, "Comment themes"):

1. Only a *released* batch is classified (``shares.publish_batch``, called by the results run
   once the batch's comments are written): the texts are the ones the municipality already
   reads, redacted twice, so a theme count costs no privacy budget (docs/privacy.md).
2. A ``Classifier`` gives each text one ``Labels``: one or more of ``THEMES`` (``annat`` alone
   when none fits) and one of ``TONES``. Two backends share the protocol:

   - ``embedded.LexiconClassifier``: stemmed word lists with negation rules, pure Python with
     no network, the default (demo, tests, any deployment that opts out);
   - ``bedrock.BedrockClassifier``: a model served by Amazon Bedrock in the deployment's own
     region (``ThemeSettings``), called only from the results function; neither its request
     nor its answer is ever logged, and an answer that breaks the protocol is an error, never
     guessed at.

3. ``shares`` counts a batch's labels (one object per batch, written once, like the batch) and
   sums the batches of a campaign per municipality, kommungrupp and nation.

``python -m shared.results.themes.evaluate`` measures a backend on the labelled comments in
tests/data/themes (bench/results.md, "Comment themes").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

SVAR = "svar"
BEMOTANDE = "bemotande"
SVARSTID = "svarstid"
SERVICE = "service"
MEDARBETARE = "medarbetare"
TELEFON = "telefon"
ENKELHET = "enkelhet"
DIGITALT = "digitalt"
ANNAT = "annat"

# SKR's themes in the order SKR reports them, then "annat" (a comment none of them fits)
THEMES: tuple[str, ...] = (
    SVAR,
    BEMOTANDE,
    SVARSTID,
    SERVICE,
    MEDARBETARE,
    TELEFON,
    ENKELHET,
    DIGITALT,
    ANNAT,
)
THEME_NAMES: dict[str, str] = {
    SVAR: "Svar och återkoppling",
    BEMOTANDE: "Bemötande",
    SVARSTID: "Svarstid",
    SERVICE: "Service",
    MEDARBETARE: "Medarbetare",
    TELEFON: "Telefonkontakt",
    ENKELHET: "Enkelhet",
    DIGITALT: "Digitala tjänster",
    ANNAT: "Annat",
}
POSITIV, NEUTRAL, NEGATIV = "positiv", "neutral", "negativ"
TONES: tuple[str, ...] = (POSITIV, NEUTRAL, NEGATIV)


class ThemeError(RuntimeError):
    """The themes of a batch could not be had (the batch itself is unaffected)."""


class ThemeServiceError(ThemeError):
    """The model service refused or failed the call (access, throttling, a network error)."""


class ThemeOutputError(ThemeError):
    """The model's answer broke the protocol (not JSON, a theme or tone outside the set, a
    comment missing): nothing of it is used."""


@dataclass(frozen=True)
class Labels:
    themes: tuple[str, ...]  # in THEMES order; (ANNAT,) alone when none fits
    tone: str

    def __post_init__(self) -> None:
        unknown = set(self.themes) - set(THEMES)
        if not self.themes or unknown or self.tone not in TONES:
            raise ValueError(f"not a theme label: {self.themes!r} / {self.tone!r}")
        if ANNAT in self.themes and len(self.themes) > 1:
            raise ValueError("'annat' is only ever alone")

    @classmethod
    def of(cls, themes: Sequence[str], tone: str) -> Labels:
        """Labels in canonical order; no theme at all becomes ``annat``."""
        chosen = [t for t in THEMES if t in set(themes) and t != ANNAT]
        return cls(tuple(chosen) or (ANNAT,), tone)


class Classifier(Protocol):
    """Gives every text its labels, in order. ``name`` says which backend and model counted
    (written beside the counts, so a reader knows what made them)."""

    name: str

    def classify(self, texts: Sequence[str]) -> list[Labels]: ...
