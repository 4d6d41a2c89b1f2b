"""The pages' interface strings, keyed by their use in the templates (question texts are in
questions.py). Each is the Swedish source text, translated by the page language's catalog."""

from __future__ import annotations

import functools

from shared.core import i18n
from shared.core.i18n import N_
from shared.core.questions import COMMENT_MAX_CHARS

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
    "comment_anonymous": N_(
        "Kommentaren är anonym och kommunen kan inte svara på den. Behöver du hjälp med ett "
        "ärende, kontakta kommunen direkt."
    ),
    "reply_next": N_("Nästa"),
    "reply_chosen": N_("Fråga 1: %(answer)s"),
    "reply_change": N_("Ändra svaret på fråga 1"),
    "contact_title": N_("Kontakta kommunen"),
    "contact_help": N_("Behöver du hjälp med ett ärende? Kontakta kommunen:"),
    "contact_phone": N_("Ring %(phone)s"),
    "contact_page": N_("Kontaktsidan på kommunens webbplats"),
    "website_link": N_("Kommunens webbplats"),
    "too_large_title": N_("Svaret var för långt"),
    "too_large_body": N_(
        "Fritextsvaret var mycket längre än %(chars)s tecken, så svaret kunde inte tas emot. "
        "Gå tillbaka, korta texten och skicka igen."
    ),
    "legal_draft": N_(
        "Översättningen av den här sidan är ett utkast som kommunen ännu inte har granskat. "
        "Det är den svenska texten som gäller."
    ),
    "legal_draft_link": N_("Läs sidan på svenska"),
    "extra_title": N_("Fler frågor från kommunen"),
    "extra_hint": N_("Frivilliga: du kan skicka ditt svar utan att svara på dem."),
    "submit": N_("Skicka svar"),
    "decline_link": N_("Jag vill inte svara"),
    "error_prefix": N_("Fel"),
    "error_summary": N_("Något behöver rättas"),
    "err_missing": N_("Välj ett svar"),
    "err_invalid": N_("Välj ett av alternativen"),
    "err_too_long": N_("Texten är för lång: skriv högst %(chars)s tecken"),
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

FORMATTED = ("comment_hint", "err_too_long", "too_large_body")  # the comment's length limit


def number(value: int, lang: str) -> str:
    """An integer as the language writes it: "1 000" (a no-break space) in Swedish and
    Finnish, "1,000" in English, "1000" in Arabic (Western digits, as Swedish authorities'
    Arabic texts write them)."""
    if value < 1000 or lang == "ar":
        return str(value)
    sep = "," if lang == "en" else "\u00a0"
    return f"{value:,}".replace(",", sep)


@functools.cache
def ui(lang: str) -> dict[str, str]:
    """The interface strings in ``lang``."""
    tr = i18n.translation(lang)
    texts = {key: tr.gettext(text) for key, text in UI.items()}
    for key in FORMATTED:
        texts[key] = texts[key] % {"chars": number(COMMENT_MAX_CHARS, lang)}
    return texts
