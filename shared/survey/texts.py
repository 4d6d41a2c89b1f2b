"""The pages' interface strings in Swedish and English (question texts are in questions.py)."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "sv": {
        "service": "Servicemätning",
        "skip": "Till innehållet",
        "switch": "In English",
        "language_nav": "Språk",
        "about_link": "Om undersökningen och dina personuppgifter",
        "a11y_link": "Tillgänglighet",
        "form_title": "Hur var din kontakt med kommunen?",
        "form_intro": "Några korta frågor om din senaste kontakt. Du svarar anonymt och det tar "
        "under en minut.",
        "scale_hint": "1 är lägst och 5 är högst.",
        "dont_know": "Vet ej",
        "comment_hint": "Frivilligt, högst 1000 tecken. Skriv inte namn, telefonnummer eller "
        "personnummer: sådant tas bort innan svaret sparas.",
        "extra_title": "Fler frågor från kommunen",
        "extra_hint": "Frivilliga: du kan skicka ditt svar utan att svara på dem.",
        "submit": "Skicka svar",
        "decline_link": "Jag vill inte svara",
        "error_prefix": "Fel",
        "error_summary": "Något behöver rättas",
        "err_missing": "Välj ett svar",
        "err_invalid": "Välj ett av alternativen",
        "err_too_long": "Skriv högst 1000 tecken",
        "thanks_title": "Tack för ditt svar!",
        "thanks_body": "Ditt svar är sparat. Det hjälper kommunen att bli bättre. Du kan "
        "stänga sidan nu.",
        "confirm_title": "Vill du inte svara?",
        "confirm_body": "Om du tackar nej sparas bara att någon har tackat nej, inget annat. "
        "Länken slutar sedan att fungera.",
        "confirm_button": "Ja, jag tackar nej",
        "back_to_form": "Nej, tillbaka till frågorna",
        "declined_title": "Du har tackat nej",
        "declined_body": "Tack för beskedet. Vi frågar dig inte mer om den här kontakten.",
        "not_found_title": "Sidan finns inte",
        "not_found_body": "Länken är inte giltig. Kontrollera att du har fått med hela länken "
        "från sms:et eller e-postmeddelandet.",
        "expired_title": "Länken har gått ut",
        "expired_body": "Undersökningen för den här kontakten är avslutad. Tack ändå för att "
        "du ville svara!",
        "answered_title": "Du har redan svarat",
        "answered_body": "Vi har redan fått ditt svar. Varje länk kan bara användas en gång.",
        "declined_before_title": "Du har redan tackat nej",
        "declined_before_body": "Vi har redan fått ditt besked och frågar dig inte mer.",
        "bad_request_title": "Något gick fel med förfrågan",
        "bad_request_body": "Sidan kunde inte visas. Öppna länken från meddelandet igen.",
        "unavailable_title": "Tjänsten är tillfälligt otillgänglig",
        "unavailable_body": "Försök igen om en stund. Länken fungerar fortfarande.",
        "about_title": "Om undersökningen",
        "a11y_title": "Tillgänglighetsredogörelse",
    },
    "en": {
        "service": "Service survey",
        "skip": "Skip to content",
        "switch": "På svenska",
        "language_nav": "Language",
        "about_link": "About the survey and your personal data",
        "a11y_link": "Accessibility",
        "form_title": "How was your contact with the municipality?",
        "form_intro": "A few short questions about your latest contact. You answer "
        "anonymously and it takes less than a minute.",
        "scale_hint": "1 is the lowest and 5 the highest.",
        "dont_know": "Don't know",
        "comment_hint": "Optional, at most 1000 characters. Do not write names, phone numbers "
        "or ID numbers: they are removed before the answer is saved.",
        "extra_title": "More questions from the municipality",
        "extra_hint": "Optional: you can send your answer without answering them.",
        "submit": "Send answer",
        "decline_link": "I do not want to answer",
        "error_prefix": "Error",
        "error_summary": "There is a problem",
        "err_missing": "Choose an answer",
        "err_invalid": "Choose one of the options",
        "err_too_long": "Write at most 1000 characters",
        "thanks_title": "Thank you for your answer!",
        "thanks_body": "Your answer has been saved. It helps the municipality improve. You can "
        "close this page now.",
        "confirm_title": "Do you not want to answer?",
        "confirm_body": "If you decline, we only keep the fact that someone declined, nothing "
        "else. The link then stops working.",
        "confirm_button": "Yes, I decline",
        "back_to_form": "No, back to the questions",
        "declined_title": "You have declined",
        "declined_body": "Thank you for letting us know. We will not ask you again about this "
        "contact.",
        "not_found_title": "Page not found",
        "not_found_body": "The link is not valid. Check that you have copied the whole link "
        "from the text message or e-mail.",
        "expired_title": "The link has expired",
        "expired_body": "The survey for this contact has closed. Thank you for wanting to "
        "answer all the same!",
        "answered_title": "You have already answered",
        "answered_body": "We have already received your answer. Each link can be used once.",
        "declined_before_title": "You have already declined",
        "declined_before_body": "We already have your answer and will not ask you again.",
        "bad_request_title": "Something was wrong with the request",
        "bad_request_body": "The page could not be shown. Open the link from the message again.",
        "unavailable_title": "The service is temporarily unavailable",
        "unavailable_body": "Please try again in a while. Your link still works.",
        "about_title": "About the survey",
        "a11y_title": "Accessibility statement",
    },
}
