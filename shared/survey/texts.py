"""The pages' interface strings, keyed by their use in the templates (question texts are in
questions.py). Each is the Swedish source text, translated by the page language's catalog."""

from __future__ import annotations

import functools

from shared import i18n
from shared.i18n import N_
from shared.survey.questions import COMMENT_MAX_CHARS

# Translators: how long answering takes; the e-mail and the form both say it.
DURATION = N_("ett par minuter")

UI: dict[str, str] = {
    "service": N_("Servicemätning"),
    "skip": N_("Till innehållet"),
    "language_nav": N_("Språk"),
    "about_link": N_("Om undersökningen och dina personuppgifter"),
    "a11y_link": N_("Tillgänglighet"),
    "form_title": N_("Hur var din kontakt med kommunen?"),
    "form_intro": N_(
        "Några korta frågor om din senaste kontakt. Du svarar anonymt och det tar %(duration)s."
    ),
    "scale_hint": N_("1 är lägst och 5 är högst."),
    "dont_know": N_("Vet ej"),
    "comment_hint": N_(
        "Frivilligt, högst %(chars)s tecken. Skriv inte namn, varken ditt eget eller någon "
        "annans, och inte adresser, telefonnummer eller personnummer."
    ),
    "extra_title": N_("Fler frågor från kommunen"),
    "extra_hint": N_("Frivilliga: du kan skicka ditt svar utan att svara på dem."),
    "submit": N_("Skicka svar"),
    "decline_link": N_("Jag vill inte svara"),
    "error_prefix": N_("Fel"),
    "error_summary": N_("Något behöver rättas"),
    "err_missing": N_("Välj ett svar"),
    "err_invalid": N_("Välj ett av alternativen"),
    "err_too_long": N_("Skriv högst %(chars)s tecken"),
    "thanks_title": N_("Tack för ditt svar!"),
    "thanks_body": N_(
        "Ditt svar är sparat. Det hjälper kommunen att bli bättre. Du kan stänga sidan nu."
    ),
    "confirm_title": N_("Vill du inte svara?"),
    "confirm_body": N_(
        "Om du tackar nej sparas bara att någon har tackat nej, inget annat. Länken "
        "slutar sedan att fungera."
    ),
    "confirm_button": N_("Ja, jag tackar nej"),
    "back_to_form": N_("Nej, tillbaka till frågorna"),
    "declined_title": N_("Du har tackat nej"),
    "declined_body": N_("Tack för beskedet. Vi frågar dig inte mer om den här kontakten."),
    "not_found_title": N_("Sidan finns inte"),
    "not_found_body": N_(
        "Länken är inte giltig. Kontrollera att du har fått med hela länken från sms:et "
        "eller e-postmeddelandet."
    ),
    "expired_title": N_("Länken har gått ut"),
    "expired_body": N_(
        "Undersökningen för den här kontakten är avslutad. Tack ändå för att du ville svara!"
    ),
    "answered_title": N_("Du har redan svarat"),
    "answered_body": N_("Vi har redan fått ditt svar. Varje länk kan bara användas en gång."),
    "declined_before_title": N_("Du har redan tackat nej"),
    "declined_before_body": N_("Vi har redan fått ditt besked och frågar dig inte mer."),
    "bad_request_title": N_("Något gick fel med förfrågan"),
    "bad_request_body": N_("Sidan kunde inte visas. Öppna länken från meddelandet igen."),
    "unavailable_title": N_("Tjänsten är tillfälligt otillgänglig"),
    "unavailable_body": N_("Försök igen om en stund. Länken fungerar fortfarande."),
    "about_title": N_("Om undersökningen"),
    "a11y_title": N_("Tillgänglighetsredogörelse"),
    "no_answer": N_("Vill inte svara"),
    "error_link": N_("Fråga %(number)s: %(error)s"),
}

FORMATTED = ("comment_hint", "err_too_long")  # carry the comment's length limit


@functools.cache
def ui(lang: str) -> dict[str, str]:
    """The interface strings in ``lang``."""
    tr = i18n.translation(lang)
    texts = {key: tr.gettext(text) for key, text in UI.items()}
    for key in FORMATTED:
        texts[key] = texts[key] % {"chars": COMMENT_MAX_CHARS}
    return texts
