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
    # the comment's count, on the page that says it is too long (no script: the server counts)
    "comment_count": N_(
        "Texten är %(count)s tecken lång: ta bort %(over)s tecken så att den ryms inom %(chars)s."
    ),
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
    # "Det här gör vi" (shared/platform/actions.py): what the municipality does about the answers
    "actions_title": N_("Det här gör vi"),
    "actions_intro": N_("Så använder kommunen svaren. Det senaste först:"),
    # "Kontakta mig" (shared/messages/contact_requests.py): a form apart from the survey
    "contact_me": N_("Kontakta mig"),
    "contact_me_link": N_("Vill du att kommunen kontaktar dig? Skicka en förfrågan"),
    "contact_me_intro": N_(
        "Vill du att kommunen hör av sig till dig om ditt ärende? Lämna de uppgifter du vill. "
        "Kontaktcentret får förfrågan senast nästa morgon."
    ),
    "contact_me_learns": N_(
        "Kommunen får veta att du har bett om att bli kontaktad och det du skriver här, inget "
        "mer. Förfrågan skickas skild från enkäten: den säger inte om eller vad du har svarat, "
        "och dina svar förblir anonyma. Alla kan skicka en förfrågan, också den som inte har "
        "svarat."
    ),
    "contact_me_kept": N_(
        "Uppgifterna skickas till kommunens kontaktcenter en gång om dagen och raderas sedan "
        "ur tjänsten, senast efter %(days)s dagar."
    ),
    "contact_name": N_("Namn (frivilligt)"),
    "contact_phone_field": N_("Telefonnummer"),
    "contact_email_field": N_("E-postadress"),
    "contact_reach_hint": N_("Fyll i minst ett av dem, så att kommunen kan nå dig."),
    "contact_message": N_("Vad gäller det? (frivilligt)"),
    "contact_message_hint": N_("Högst %(chars)s tecken. Skriv inte personnummer."),
    "contact_send": N_("Skicka förfrågan"),
    "contact_sent_title": N_("Tack, kommunen kontaktar dig"),
    "contact_sent_body": N_(
        "Din förfrågan är skickad. Kommunens kontaktcenter får den senast nästa morgon och hör "
        "av sig till dig."
    ),
    "contact_full_title": N_("Det går inte att skicka fler förfrågningar i dag"),
    "contact_full_body": N_("Försök igen i morgon, eller kontakta kommunen direkt."),
    "contact_off_title": N_("Kommunen tar inte emot förfrågningar här"),
    "contact_off_body": N_("Kontakta kommunen direkt."),
    "err_reach_missing": N_("Skriv ett telefonnummer eller en e-postadress"),
    "err_phone": N_("Skriv telefonnumret med siffror och riktnummer, till exempel 07x-xxx xx xx"),
    "err_email": N_("Skriv e-postadressen som namn@exempel.se"),
    "err_name_too_long": N_("Namnet är för långt: skriv högst %(chars)s tecken"),
    "err_message_too_long": N_("Texten är för lång: skriv högst %(chars)s tecken"),
    "contact_error_link": N_("%(field)s: %(error)s"),
}

FORMATTED = ("comment_hint", "err_too_long", "too_large_body")  # the comment's length limit
# the "kontakta mig" form's limits (shared/messages/contact_requests.py)
CONTACT_LIMITS = {
    "contact_message_hint": "MESSAGE_MAX",
    "err_message_too_long": "MESSAGE_MAX",
    "err_name_too_long": "NAME_MAX",
}


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
    from shared.messages import contact_requests
    from shared.platform import resources

    for key, limit in CONTACT_LIMITS.items():
        texts[key] = texts[key] % {"chars": number(getattr(contact_requests, limit), lang)}
    texts["contact_me_kept"] %= {"days": resources.CONTACT_REQUEST_TTL_DAYS + 1}
    return texts
