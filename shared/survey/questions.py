"""The national core questions per channel, the errand kinds, and their Swedish/English texts.

Question ids are stable: they are the keys of ``ResponseItem.answers`` and the results read
them. Phone contacts (SMS invitations) get the phone questions, e-mail contacts the e-mail ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.models import Channel

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = "vet_ej"  # the form value for "vet ej"; stored as None, not counted in the index
COMMENT_MAX_CHARS = 1000


@dataclass(frozen=True)
class Text:
    sv: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


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


PHONE_QUESTIONS = (
    ScaleQuestion(
        id="tel_bemotande",
        text=Text(
            "I din senaste kontakt med kommunens medarbetare via telefoni, hur nöjd var du "
            "med bemötandet?",
            "In your latest contact with the municipality's staff by phone, how satisfied "
            "were you with the way you were treated?",
        ),
        low=Text("Mycket missnöjd", "Very dissatisfied"),
        high=Text("Mycket nöjd", "Very satisfied"),
    ),
    ScaleQuestion(
        id="tel_enkelhet",
        text=Text(
            "Hur enkelt var det att få hjälp av kommunen med din fråga via telefoni?",
            "How easy was it to get help from the municipality with your question by phone?",
        ),
        low=Text("Mycket svårt", "Very difficult"),
        high=Text("Mycket enkelt", "Very easy"),
    ),
)

EMAIL_QUESTIONS = (
    ScaleQuestion(
        id="epost_enkelhet",
        text=Text(
            "Var det enkelt att få hjälp från kommunen med din fråga via e-post?",
            "Was it easy to get help from the municipality with your question by e-mail?",
        ),
        low=Text("Mycket svårt", "Very difficult"),
        high=Text("Mycket enkelt", "Very easy"),
    ),
    ScaleQuestion(
        id="epost_tydlighet",
        text=Text(
            "Upplevde du svaret från kommunens medarbetare som tydligt via e-post?",
            "Did you find the answer from the municipality's staff clear, by e-mail?",
        ),
        low=Text("Mycket otydligt", "Very unclear"),
        high=Text("Mycket tydligt", "Very clear"),
    ),
)

ERRAND_QUESTION = Text("Vad gällde ditt ärende?", "What was your errand about?")
ERRANDS = (
    Errand("bygglov", Text("Bygglov", "Building permits")),
    Errand("skola", Text("Skola och förskola", "School and preschool")),
    Errand("avfall", Text("Avfall och återvinning", "Waste and recycling")),
    Errand("trafik", Text("Parkering och trafik", "Parking and traffic")),
    Errand("omsorg", Text("Socialtjänst och omsorg", "Social services and care")),
    Errand("fritid", Text("Kultur och fritid", "Culture and leisure")),
    Errand("annat", Text("Annat", "Other")),
)
ERRAND_IDS = frozenset(e.id for e in ERRANDS)

COMMENT_QUESTION = Text(
    "Vad är den viktigaste feedbacken du vill ge kommunen?",
    "What is the most important feedback you want to give the municipality?",
)

ALL_QUESTION_IDS = frozenset(q.id for q in PHONE_QUESTIONS + EMAIL_QUESTIONS)


def questions_for(channel: Channel) -> tuple[ScaleQuestion, ...]:
    """The national core scale questions for an invitation's channel."""
    return PHONE_QUESTIONS if channel is Channel.SMS else EMAIL_QUESTIONS
