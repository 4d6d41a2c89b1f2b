"""The national core questions per channel, the errand kinds, and their texts.

Each text is written here in Swedish, the source language, and translated by the language's
catalog (``shared/locale/``): ``Text("…")`` is a gettext keyword Babel extracts.

Question ids are stable: they are the keys of ``ResponseItem.answers`` and the results read
them. Phone contacts (SMS invitations) get the phone questions, e-mail contacts the e-mail ones:
first SKR's validation question (did a colleague reply?), then the scored questions for "ja" or
the response-time question for "nej" (``shared.survey.form``: two steps, no JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.core import i18n
from shared.core.i18n import N_
from shared.core.models import Channel

# Translators: how long answering takes (measured: under a minute); the e-mail and the form
# both say it.
DURATION = N_("under en minut")

DEFAULT_LANGUAGE = i18n.SOURCE_LANGUAGE
SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = "vet_ej"  # the form value for "vet ej"; stored as None, not counted in the index
COMMENT_MAX_CHARS = 1000


@dataclass(frozen=True)
class Text:
    """A resident-facing text: the Swedish source, translated by ``lang``'s catalog."""

    sv: str

    def __call__(self, lang: str) -> str:
        return i18n.gettext(lang, self.sv)


@dataclass(frozen=True)
class ScaleQuestion:
    id: str
    text: Text
    low: Text  # label of 1
    high: Text  # label of 5


@dataclass(frozen=True)
class Errand:
    id: str
    text: Text


# SKR's national questions. Phone: the two questions in the wording of SKR's method. E-mail:
# SKR's method opens with a validation question; only a resident who got a reply is asked the
# two scored questions (enkelhet, tydlighet), the others are asked which response time they
# would find reasonable. Both answers are kept on the response (``ResponseItem.email_reply``,
# ``ResponseItem.response_time``) so the results can count them as figures of their own.
PHONE_QUESTIONS = (
    ScaleQuestion(
        id="tel_bemotande",
        text=Text(
            "I din senaste kontakt med kommunens medarbetare, hur nöjd är du med bemötandet?"
        ),
        low=Text("Mycket missnöjd"),
        high=Text("Mycket nöjd"),
    ),
    ScaleQuestion(
        id="tel_enkelhet",
        text=Text("Hur enkelt var det att få hjälp av kommunen med din fråga?"),
        low=Text("Mycket svårt"),
        high=Text("Mycket enkelt"),
    ),
)

EMAIL_QUESTIONS = (
    ScaleQuestion(
        id="epost_enkelhet",
        text=Text("Hur enkelt var det att få hjälp av kommunen med din fråga via e-post?"),
        low=Text("Mycket svårt"),
        high=Text("Mycket enkelt"),
    ),
    ScaleQuestion(
        id="epost_tydlighet",
        text=Text("Hur tydligt var svaret du fick från kommunens medarbetare?"),
        low=Text("Mycket otydligt"),
        high=Text("Mycket tydligt"),
    ),
)


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text


@dataclass(frozen=True)
class ChoiceQuestion:
    id: str
    text: Text
    options: tuple[Choice, ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


# The e-mail form's first question (SKR's validation question). Its answer decides which
# questions follow: "ja" → EMAIL_QUESTIONS, "nej" → RESPONSE_TIME.
REPLY_YES, REPLY_NO = "ja", "nej"
EMAIL_REPLY = ChoiceQuestion(
    id="epost_aterkoppling",
    text=Text("Har du fått återkoppling eller svar från en av kommunens medarbetare på din fråga?"),
    options=(Choice(REPLY_YES, Text("Ja")), Choice(REPLY_NO, Text("Nej"))),
)
RESPONSE_TIME = ChoiceQuestion(
    id="epost_svarstid",
    text=Text("Vilken svarstid tycker du är rimlig för en fråga till kommunen via e-post?"),
    options=(
        Choice("samma_dag", Text("Samma dag")),
        Choice("en_dag", Text("Inom en arbetsdag")),
        Choice("tva_dagar", Text("Inom två arbetsdagar")),
        Choice("en_vecka", Text("Inom en vecka")),
        Choice("langre", Text("Mer än en vecka går bra")),
    ),
)

ERRAND_QUESTION = Text("Vad gällde ditt ärende?")
# The national errand kinds, in the order a resident looks for them (the most asked about
# first, "Annat" last). A municipality may show a subset in its own order (Tenant.errands):
# the ids are national, so its figures stay comparable.
ERRANDS = (
    Errand("skola", Text("Skola och förskola")),
    Errand("omsorg", Text("Socialtjänst och omsorg")),
    Errand("bistand", Text("Ekonomiskt bistånd")),
    Errand("avfall", Text("Avfall och återvinning")),
    Errand("vatten", Text("Vatten och avlopp")),
    Errand("gator", Text("Gator och snöröjning")),
    Errand("trafik", Text("Parkering och trafik")),
    Errand("bygglov", Text("Bygglov")),
    Errand("avgifter", Text("Avgifter och fakturor")),
    Errand("fritid", Text("Kultur och fritid")),
    Errand("annat", Text("Annat")),
)
ERRAND_IDS = frozenset(e.id for e in ERRANDS)
OTHER_ERRAND = "annat"

COMMENT_QUESTION = Text("Vad är den viktigaste feedbacken du vill ge kommunen?")

ALL_QUESTION_IDS = frozenset(
    q.id for q in PHONE_QUESTIONS + EMAIL_QUESTIONS + (EMAIL_REPLY, RESPONSE_TIME)
)


def errands_for(chosen: tuple[str, ...] = ()) -> tuple[Errand, ...]:
    """The errand kinds a municipality shows: its own choice and order of the national ids
    (``Tenant.errands``), or all of them in the national order."""
    if not chosen:
        return ERRANDS
    by_id = {e.id: e for e in ERRANDS}
    return tuple(by_id[i] for i in chosen)


def questions_for(channel: Channel) -> tuple[ScaleQuestion, ...]:
    """The national core scale questions for an invitation's channel."""
    return PHONE_QUESTIONS if channel is Channel.SMS else EMAIL_QUESTIONS
