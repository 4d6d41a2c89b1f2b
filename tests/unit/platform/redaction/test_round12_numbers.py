"""The twelfth round's rules for addresses, e-mail, phone numbers and identity numbers: each
rule on probes written for it in other values and languages than the comments it was written
from (streets, farms, providers, languages, number shapes), and the benign comments near each
that must come back as written."""

from __future__ import annotations

import pytest

from shared.platform.redaction.thorough import thorough

ALLOW = ("090-16 10 00", "040-34 10 00", "Stadshuset, Skolgatan 31A")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a street's name and its number without the space
        ("Jag bor på Kvarnvägen12 sedan i fjol.", "Jag bor på [adress] sedan i fjol."),
        ("Skicka det till Björkstigen7A, tack.", "Skicka det till [adress], tack."),
        ("adressen är Hamngatan3 i Holmsund", "adressen är [adress] i Holmsund"),
        # a town in lower case after the address, a Box address in lower case
        ("skicka till kvarnvägen nr 5 holmsund", "skicka till [adress]"),
        ("bor på skolgatan 12 sävar", "bor på [adress]"),
        ("svar till box 7040 907 03 umeå", "svar till [adress]"),
        ("skriv till box 88, 901 05 umeå tack", "skriv till [adress] tack"),
        ("skicka räkningen till box 4032 s-203 11 malmö", "skicka räkningen till [adress]"),
        ("Skicka till Box 99, SE-901 84 Umeå.", "Skicka till [adress]."),
        # a direction's word in lower case before a street in lower case
        ("adr östra rönneholmsvägen 9c 21147 malmö", "adr [adress]"),
        # a house number in words after a place's name, no street's ending
        ("jag bor på Lillåker sju i Hörnefors.", "jag bor på [adress] i Hörnefors."),
        ("Adressen är Norrbyn tjugotre, Bjurholm.", "Adressen är [adress]."),
        # a farm's name before its address
        ("Skicka till Torpet Lugnet, Byvägen 3, 922 31 Vindeln.", "Skicka till [adress]."),
        ("Skicka till Gården Ekbacka, Brattby 12, 905 95 Umeå.", "Skicka till [adress]."),
        ("Post till Ekbacka gård, Brattby 12, 905 95 Umeå.", "Post till [adress]."),
        # a flat's letter and a floor in English
        ("Please send it to Flat 4C, 12 Ålidhemsgatan, Umeå.", "Please send it to [adress]."),
        ("I live at Storgatan 14, flat 3B, 3rd floor, 903 29 Umeå.", "I live at [adress]."),
        ("My address is Kungsgatan 8 A, ground floor, 903 27 Umeå.", "My address is [adress]."),
        # the town after a comma that is also a word, shaped as a place's name
        ("Hagvägen 45, Tavelsjö. Vägen är oplogad.", "[adress]. Vägen är oplogad."),
        # Danish and Norwegian addresses
        ("Jeg bor på Vestergade 14, 1. tv, 8000 Aarhus C.", "Jeg bor på [adress]."),
        ("Min adresse er Strandvejen 102, 2100 København Ø.", "Min adresse er [adress]."),
        ("Jeg bor i Søndergade 5, st. th., 5000 Odense.", "Jeg bor i [adress]."),
        ("Jeg bor i Kirkeveien 12, 0368 Oslo.", "Jeg bor i [adress]."),
        # a flat's number apart from its street
        (
            "Vi har lgh 1102 och det läcker från taket.",
            "Vi har [adress] och det läcker från taket.",
        ),
        (
            "Lägenhetsnummer 1204, fönstret går inte att stänga.",
            "[adress], fönstret går inte att stänga.",
        ),
    ],
)
def test_addresses_in_this_rounds_forms_go(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # broken at the "@" by a dash or a line break
        ("maila kalle_p@ – outlook.se tack", "maila [e-post] tack"),
        ("mejla mig: jonas.lind@ -\nhotmail.com", "mejla mig: [e-post]"),
        ("svara till petra.s -@telia.com", "svara till [e-post]"),
        # the words for "at" and "dot" in other languages
        ("ایمیل من reza.a at gmail نقطه com است", "ایمیل من [e-post] است"),
        ("e-mail jonas.b małpa wp kropka pl", "e-mail [e-post]"),
        ("sähköposti mikko.k ät gmail piste com", "sähköposti [e-post]"),
        # a provider's name in two words
        ("my email is sara.l at g mail", "my email is [e-post]"),
        ("write to ahmed.k at hot mail dot com", "write to [e-post]"),
        # a second level after the first, in English words
        ("anna dot berg at outlook dot com dot au is my mail", "[e-post] is my mail"),
        ("lars.n at hotmail dot co dot uk", "[e-post]"),
    ],
)
def test_email_in_this_rounds_forms_goes(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number said wholly in another language's digit words, no digit group among them
        (
            "Mój numer: zero siedem dwa, trzy cztery pięć, sześć siedem osiem dziewięć.",
            "Mój numer: [telefon].",
        ),
        (
            "soita minulle: nolla neljä nolla yksi kaksi kolme neljä viisi kuusi.",
            "soita minulle: [telefon].",
        ),
        (
            "Broj mi je nula sedam dva tri četiri pet šest sedam osam devet.",
            "Broj mi je [telefon].",
        ),
        # in pairs: a ten and a digit's word after it are one group; Finnish in one word
        (
            "Mój numer: zero siedemdziesiąt trzy, dwadzieścia jeden, czterdzieści pięć, "
            "sześćdziesiąt siedem.",
            "Mój numer: [telefon].",
        ),
        (
            "soita minulle nolla neljäkymmentä, kaksikymmentäkolme, neljäkymmentäviisi, kuusi",
            "soita minulle [telefon]",
        ),
        (
            "broj je nula sedamdeset tri, dvadeset jedan, četrdeset pet, šezdeset",
            "broj je [telefon]",
        ),
        ("numaram sıfır yetmiş üç, yirmi bir, kırk beş, altmış yedi", "numaram [telefon]"),
        # Persian and Arabic-Indic digits
        ("شماره من ۰۷۰۱۲۳۴۵۶۷ است", "شماره من [telefon] است"),
        # a personnummer after its name with a wrong check digit, ten digits, no dash
        ("mitt personnr e 7912013399", "mitt personnr e [personnummer]"),
        ("personnummer: 8501011238 tack", "personnummer: [personnummer] tack"),
        ("my personal number is 9003154426", "my personal number is [personnummer]"),
        # a JMBG: by its name, or by python-stdnum's check (date and check digit)
        ("moj JMBG je 0101985170003", "moj JMBG je [personnummer]"),
        # a JMBG's shape without its name, the check digit wrong: a birth date in its first seven
        (
            "Rodjena sam 2505987175006 tako piše u pasošu",
            "Rodjena sam [personnummer] tako piše u pasošu",
        ),
        ("pnr. 8812241235", "pnr. [personnummer]"),
        ("broj za prijavu je 1203973150024", "broj za prijavu je [personnummer]"),
    ],
)
def test_numbers_in_this_rounds_forms_go(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sizes and rents, a flat's size after "lgh", a year after "lägenhet"
        "Lägenheten är 3 rok 74 kvm, hyran 8 900 kr i månaden.",
        "Bostaden: 2 rok, 62 m², 7 450 kr/mån.",
        "Lgh 3 rok på 74 kvm kostar för mycket.",
        "Lägenhet 2019 renoverades, men inte vår.",
        # case and order numbers
        "Ärende 2025-11-0042 är fortfarande inte löst.",
        "Ordernr 55 123 889 21 kom fram trasig.",
        "Kvittot hade nummer 4006381333931.",
        "Fakturanummer 1503199500123 betalades två gånger.",
        "Streckkoden 7310865004703 gick inte att läsa.",
        # the switchboard in another language's sentence
        "Jeg ringede til kommunen på 040 34 10 00 men ingen tog den.",
        "Nazvao sam 090-16 10 00 tri puta.",
        # districts in a list; a count after a place's name; a number word that counts
        "Vi i Hyllie, Limhamn och Bunkeflo vill ha fler cykelbanor.",
        "Vi bor på Ersboda tre år nu.",
        "Skicka till Ikea tre paket till.",
        "Det är zero tolerance som gäller tydligen.",
        # tens that count years and friends
        "mam dwadzieścia trzy lata i trzy córki",
        "Imam dvadeset godina, i trideset prijatelja",
    ],
)
def test_benign_numbers_and_places_stay(text: str) -> None:
    assert thorough(text, ALLOW) == text
