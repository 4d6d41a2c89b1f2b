"""Street addresses for the thorough pass (step 5 of ``shared.platform.redaction.thorough``):
abbreviated streets, ``Box``, ``c/o``, a floor or a flat after the number, an English number-first
address, a name and a number after ``bor på`` or ``adress``, a house number in words, a farm before
its postal code, an address opening or closing a comment; (twelfth round) a street glued to its
number, a Danish or Norwegian address, a flat's number apart from its street; the parts that
belong to an address whatever found it (a range, a stairwell, the town after a comma or in lower
case, a farm's name or a flat before it, a floor in English), and what is no home's (a street
before a date, a road's number, a distance); (thirteenth round) Finnish and German streets, a
village's rural word before its number, an address closing a sentence after a comma, the word
for an address in other languages, a Polish flat, a range of entrances, counts in other languages.
The patterns compile on first use, and those that read a house number run only where one can
stand (``_HOUSE_SHAPE``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.platform import redaction as quick
from shared.platform.redaction import people
from shared.platform.redaction.finders import Lazy, Span, lazy
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.number_words import _NUMBER_WORDS_ONLY

# -- addresses -----------------------------------------------------------------------------------


# where a house number can stand: a word, a space and one to four digits (not "070 …", not a
# personnummer's run); a comment without one skips every finder that reads a house number
_HOUSE_SHAPE = re.compile(r"[^\W\d_]\.?\s+[1-9]\d{0,3}(?!\d)")

_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_AFTER_NUMBER = lazy(rf"\s*(?i:{_MONTHS})\b")
_HOUSE = r"[1-9]\d{0,3}(?:(?:[A-Za-z]|\s[A-Z])(?![^\W_]))?"  # 12, 12b, 12 B; not "1 i"
_FLOOR_ONE = (
    r"\s*,?\s*(?:(?i:lgh|lägenhet(?:snummer|snr)?|lägenhetsnr|lgh-nr|lghnr)\.?\s*\d{1,4}"
    r"|\d{1,2}\s?(?i:tr|trappor|vån|våningen)\b\.?|(?i:våning|vån)\.?\s*\d{1,2}\b"
    r"|\s(?:nb|NB|bv|BV|ög|ÖG)\b"
    # (twelfth round) a flat's letter ("flat 3B") and a floor in English: "2nd floor",
    # "ground floor", "floor 3"
    r"|(?i:flat|apt|apartment|unit)\.?\s*(?:no\.?\s*)?\d{1,4}[A-Za-z]?\b"
    r"|(?i:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|fourth|fifth|top)\s+(?i:floor)\b"
    r"|(?i:floor)\s+\d{1,2}\b"
    # (thirteenth round) a Polish flat after the house number: "8 m. 12", "lok. 4"
    r"|\s(?:m|lok)\.\s?\d{1,4}\b)"
)
_FLOOR = rf"(?:{_FLOOR_ONE})?"
# (twelfth round: the country's letters before the code, "S-203 11", "SE-901 84")
_POSTAL = r"(?:\s*,?\s*(?:[Ss][Ee]?-)?\d{3}\s?\d{2}(?:\s+[A-ZÅÄÖ][^\W\d_]+)?)?"
_ABBREVIATED = lazy(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s+[a-zåäö][^\W\d_]{{2,}}|[A-ZÅÄÖ][^\W\d_]{{3,}})"
    rf"(?<!n)(?:g|v|gat|vä|väg)\.?\s+(?P<n>{_HOUSE})"
    rf"{_FLOOR}{_POSTAL}(?![^\W_])"
)
# a lower-case abbreviated street after "på" or "adress": "soptunnan på tallbacksv 3"
_ABBREVIATED_LOWER = lazy(
    rf"(?i:(?<![^\W\d_])(?:på|adress(?:en)?\s*:?|adr\.?))\s+(?P<a>[a-zåäö][^\W\d_]{{3,}}(?<!n)"
    rf"(?:g|v|gat|väg)\.?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_])"
)
_BOX = lazy(rf"(?<![^\W_])(?i:box|pl|postbox)\s+\d{{1,5}}{_POSTAL}(?![^\W_])")
_ADDRESS_WORDS = (
    r"(?<![^\W\d_])(?:adres|adresim|adresa|adresse|adressa|dirección|direccion|osoite|"
    r"osoitteeni|osoitteessa|address|my\s+address\s+is|عنوان|عنواني|آدرس|آدرسم|"
    # (on a street only: "mieszkam w", "živim u", "wohne in" are followed by a town)
    r"navnîşan|mieszkam\s+na|živim\s+na)(?:\s+(?:es|on|je|ist|is|i|"
    r"er|est|:))*\s*:?"
)
# (thirteenth round) one of those words alone, as a label ("Osoite:"): never a name
ADDRESS_WORD = lazy(rf"(?i:{_ADDRESS_WORDS})")
_CUED = lazy(
    r"(?i:bor\s+på|adress(?:en)?(?:\s+är)?\s*:?|adr\.?:?|skicka\s+(?:\w+\s+){0,2}till|"
    r"postadress\s*:?|huset\s+på|vi\s+bor\s+på|rätt\s+är|inte|"
    # (thirteenth round) the word for an address, and "I live", in the languages residents
    # write in: "Adresim …", "Mi dirección es …", "osoitteeni on …", "عنواني …", "mieszkam na …"
    rf"{_ADDRESS_WORDS})\s+"
    rf"(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}"
    # (thirteenth round) a place's common noun in lower case after its name: "Rosengård
    # centrum 3"
    r"(?:\s(?:centrum|torg|gård|by|backe|park|strand|hamn))?"
    rf"\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR}{_POSTAL})"
    r"(?![^\W_])"
)
_NUMBER_FIRST = lazy(
    r"(?i:(?:live|living|lives)\s+(?:at|on)|address\s*:?)\s+"
    # (eighth round) a flat before the number, English-fashion: "flat 1203, 27 Vallbyleden"
    r"(?P<a>(?:(?i:flat|apt|apartment|unit)\.?\s*(?i:no\.?\s*)?\d{1,4}\s*,?\s*)?\d{1,4}\s+"
    r"[A-ZÅÄÖ][^\W\d_]+(?:\s(?:[A-ZÅÄÖ][^\W\d_]+|street|road|väg|gata))?)"
)
# (seventh round) the number first, English-fashion, before a Swedish street's name: "12
# Björkgatan is my address"
_NUMBER_BEFORE_STREET = lazy(
    r"(?<![\w.,:/-])[1-9]\d{0,3}[A-Za-z]?\s+[A-ZÅÄÖ][^\W\d_]*(?:gatan|vägen|gränd|gränden|"
    r"stigen|allén|backen|leden|slingan|stråket|gången|ringen|torget|platsen)(?![^\W_]|\s*\d)"
)
# (eighth round) "nr" or "nummer" between a street's name and its number ("Ringvägen nr 8"),
# or the number first and the street after "på" ("nummer 17 på Granitvägen")
_STREETS = (
    r"(?:gatan|vägen|gränd|gränden|stigen|allén|backen|leden|slingan|stråket|gången|ringen|"
    r"torget|platsen)"
)
_STREET_NR = lazy(
    rf"(?<![^\W_])[A-ZÅÄÖa-zåäö][^\W\d_]*{_STREETS}\s+(?i:nr|nummer|no|number)\.?\s*{_HOUSE}"
    rf"{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)
# (ninth round) the word "nummer" goes with the address: it says the number is the house's
_NR_ON_STREET = lazy(
    rf"(?P<a>(?i:(?<![^\W\d_])(?:nr|nummer|number|no)\.?)\s*{_HOUSE}\s+(?:på|i|on)\s+"
    rf"[A-ZÅÄÖ][^\W\d_]*{_STREETS})(?![^\W_])"
)
# (eleventh round) a house number in words after the street ("Vilstavägen nummer tjugoett"):
# after "nr"/"nummer", or a word of four letters or more ("Storgatan en gång" is no address)
_STREET_WORDS = _STREETS[3:-1].split("|")
_STREET_SPELLED = lazy(
    # (thirteenth round: in lower case too, "bor på kronprinsgatan fyra")
    rf"(?<![^\W_])[A-ZÅÄÖa-zåäö][^\W\d_]*{_STREETS}\s+(?:(?P<nr>(?i:nr|nummer)\.?)\s+)?"
    rf"(?P<n>{_NUMBER_WORDS_ONLY.pattern})"
)
# (eleventh round) a place's name, a farm's word after it, and a postal code with its town: "Lilla
# Ekeby gård, 635 19 Eskilstuna" (a rural address needs no house number)
_PLACE_POSTAL = lazy(
    r"(?<![^\W_])(?P<w>(?:[A-ZÅÄÖ][^\W\d_]+\s){0,2}[A-ZÅÄÖ][^\W\d_]{2,}"
    r"(?:\s(?:gård|gården|torp|torpet|säteri|hemman))?)\s*,\s*[1-9]\d{2}\s?\d{2}\s+"
    r"[A-ZÅÄÖ][^\W\d_]+(?![^\W_]|\d)"
)
_ON_PLACE = lazy(
    rf"(?<![^\W\d_])(?:på|vid|till)\s+(?P<a>[A-ZÅÄÖ][^\W\d_]{{3,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+"
    # (eighth round) a village and a farm's or a hill's word: "till Sevalla Berg 3"
    r"(?:[A-ZÅÄÖ][^\W\d_]{2,}\s+)?"
    r"(?!(?:19|20)\d\d\b)"
    rf"{_HOUSE}{_FLOOR}{_POSTAL})"
    r"(?![^\W_]|[.,:]\d)"
)
_NAMED_STREET = lazy(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s)?[A-ZÅÄÖ][^\W\d_]+s\s(?i:gata|väg|plats|gränd|allé|"
    rf"plan|torg|backe|stig|park|gård)\s+{_HOUSE}{_FLOOR}{_POSTAL}(?![^\W_])"
)
_FLOOR_AFTER = lazy(_FLOOR_ONE)
# a flat or a floor after a house number makes it a home, whatever the street's name: "Bäckby
# Centrum 5, lgh 3"
_WITH_FLAT = lazy(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}\s+{_HOUSE}(?:{_FLOOR_ONE})"
    rf"{_POSTAL}(?![^\W_])"
)
# lower case after "bor på" / "adress": "jag bor på bäckby centrum 3"
_CUED_LOWER = lazy(
    r"(?i:(?<![^\W\d_])(?:bor\s+på|adress(?:en)?(?:\s+är)?\s*:?))\s+"
    rf"(?P<a>(?P<w>[a-zåäö][^\W\d_]{{2,}})(?:\s[a-zåäö][^\W\d_]+){{0,2}}\s+"
    rf"(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_]|[.,:]\d)"
)
# the word before a street's name that belongs to it: "Östra Kyrkog. 4", "Norra Ringvägen 15"
_DIRECTION_BEFORE = lazy(
    r"(?:Östra|Västra|Norra|Södra|Stora|Lilla|Nedre|Övre|Gamla|Nya|Inre|Yttre|"
    # (seventh round) a saint's abbreviation: "St. Göransgatan 8", "S:t Eriksgatan 5"
    r"St\.|S:t|Sankt) $"
)
# Swedish street names that end like a place, with a house number: "Råbyskogen 5",
# "Kopparlunden 9", "Klockartorpet 15" (never before a month: "… 12 mars")
_PLACE_STREET = lazy(
    r"(?<![^\W_])[A-ZÅÄÖ][^\W\d_]{2,}(?:skogen|lunden|torpet|berget|dalen|holmen|viken|"
    rf"hagen|ängen|gärdet|udden|backen|höjden|hemmet|åsen|löten|slätten|tegen)\s+{_HOUSE}"
    rf"{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)


# a name and a house number set off by a comma after "bor" in the same sentence: "vi bor ute på
# landet, Kärrbo Prästgård 3, och …" (no street suffix: the sentence says it is a home)
_LIVE_AT = lazy(
    r"(?i:(?<![^\W\d_])(?:bor|bodde|adress|adressen))(?![^\W\d_])[^.!?\n\d]{0,40}?,\s*"
    rf"(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}\s+(?!(?:19|20)\d\d\b)"
    rf"{_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_]|[.,:]\d)"
)


# (twelfth round) a street's name and its number written without the space:
# "Kvarnvägen12", "Björkstigen7A" (a street's ending makes the word a street)
_GLUED_STREET = lazy(
    rf"(?<![^\W_])[A-ZÅÄÖa-zåäö][^\W\d_]*(?:{_STREETS[3:-1]}|gata|väg)[1-9]\d{{0,3}}[A-Za-z]?"
    r"(?![^\W_])"
)
# (twelfth round) after "bor på" / "adress", a place's name and a house number in words, no
# street's ending needed: "bor på Lillåker sju i Hörnefors" (never a count: "tre år", "fem
# minuter"; never "en"/"ett", the articles)
_CUED_SPELLED = lazy(
    r"(?i:(?<![^\W\d_])(?:bor\s+på|adress(?:en)?(?:\s+är)?\s*:?|skicka\s+(?:\w+\s+){0,2}till))\s+"
    rf"(?P<a>[A-ZÅÄÖ][^\W\d_]{{2,}}(?:\s[A-ZÅÄÖ][^\W\d_]+)?\s+(?P<n>{_NUMBER_WORDS_ONLY.pattern}))"
    # (closing the sentence or before the town: "… fjorton i Sävar", "… tjugotre, Bjurholm")
    r"(?![^\W_])(?=\s*(?:[.,!?;)\n]|$|i\s|och\s|in\s))"
)
_GLUED_MARK = lazy(rf"(?:{_STREETS[3:-1]}|gata|väg)[1-9]")
# (thirteenth round) and the endings of Finnish and German streets: "Hertsöntie 40",
# "Kauppakatu 12 B", "Koivukuja 3", "Lindenstraße 8", "Birkenweg 2"
_FOREIGN_STREETS = (
    r"gade|vej|vejen|stræde|vænge|veien|gata|gate|vegen|"
    r"tie|katu|kuja|polku|tori|raitti|väylä|kaari|rinne|piha|straße|strasse|weg|gasse|platz"
)
_NORDIC_MARK = lazy(rf"(?:{_FOREIGN_STREETS})\s+[1-9]")
_NOT_HOUSE_NUMBER_WORD = frozenset({"en", "ett", "one", "oh"})
# (twelfth round) a Danish or Norwegian address: the street's ending, the floor and side ("1.
# tv", "st. th."), a four-digit postal code and the town ("Vestergade 14, 1. tv, 8000 Aarhus C")
_NORDIC_STREET = lazy(
    rf"(?<![^\W_])[A-ZÆØÅÄÖ][^\W\d_]{{2,}}(?:{_FOREIGN_STREETS})"
    r"\s+[1-9]\d{0,3}(?:[A-Za-z]|\s[A-Z])?(?![^\W_])"
    # (a Finnish flat after the stairwell's letter: "12 B 5", "12 as. 5")
    r"(?:(?<=[A-Z])\s?\d{1,3}(?![^\W_])|\s+(?i:as)\.?\s*\d{1,3}(?![^\W_]))?"
    r"(?:\s*,?\s*(?:st|kl|\d{1,2})\.?\s*(?:th|tv|mf|sal)\.?(?![^\W_]))?"
    r"(?:\s*,?\s*(?:DK-|N-|FI-|D-)?\d{4,5}\s+[A-ZÆØÅ][^\W\d_]+(?:\s[A-ZÆØ](?![^\W_]))?)?"
)
# (twelfth round) a flat's number apart from its street: "Vi har lgh 1102 och …" (a Swedish
# flat's number has four digits: its floor and its door; "lägenhet" alone never before a year)
_FLAT_NUMBER = lazy(
    r"(?<![^\W\d_])(?:(?i:lgh|lgh-?nr|lghnr|lägenhetsnummer|lägenhetsnumret|lägenhetsnr)\.?"
    r"|(?i:lägenhet(?:en)?)(?!\s*(?:nummer\s*)?(?:19|20)\d\d))"
    r"(?:\s*(?i:nr|nummer)\.?)?\s*:?\s*\d{4}(?![\d,.]\d|\d|\s*(?i:kvm|m2|kr|m²))"
)


def _addresses(text: str, taken: list[Span]) -> Iterator[Span]:
    if any(street in text for street in _STREET_WORDS):
        for match in _STREET_SPELLED.finditer(text):
            if (match.group("nr") or len(match.group("n")) >= 4) and not _NOT_HOUSE_AFTER.match(
                text, match.end()
            ):
                yield match.start(), match.end(), quick.ADDRESS_MARK
    if "bor" in text or "dress" in text or "till" in text:
        for match in _CUED_SPELLED.finditer(text):
            if match.group("n").casefold() not in _NOT_HOUSE_NUMBER_WORD and not (
                _NOT_HOUSE_AFTER.match(text, match.end("a"))
                or _NOT_PLACE_WORD.match(match.group("a").split()[0].casefold())
            ):
                yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    if not any(c.isdigit() for c in text):
        return
    # (each only where its mark is: a street's ending glued to a digit, a Nordic street's ending,
    # a flat's word)
    for pattern, sign in ((_GLUED_STREET, _GLUED_MARK), (_NORDIC_STREET, _NORDIC_MARK)):
        if sign.search(text):
            for match in pattern.finditer(text):
                yield match.start(), match.end(), quick.ADDRESS_MARK
    if "gh" in text or "GH" in text or "genhet" in text or "GENHET" in text:
        for match in _FLAT_NUMBER.finditer(text):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _BOX.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _NUMBER_FIRST.finditer(text):
        yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _PLACE_POSTAL.finditer(text):
        words = [w.casefold() for w in match.group("w").split()]
        # a farm's word, or a name no dictionary holds; never an organisation's or an office's
        if (
            words[-1] in ("gård", "gården", "torp", "torpet", "säteri", "hemman")
            or not all(everyday(w) for w in words)
        ) and not any(people.organisation(w) for w in words):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _STREET_NR.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _NR_ON_STREET.finditer(text):
        yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _NUMBER_BEFORE_STREET.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    if _HOUSE_SHAPE.search(text):
        yield from _at_house_numbers(text)
    # a floor after an address the quick pass found: "Skolgatan 12, 3 tr"
    for start, end, mark in taken:
        if mark == quick.ADDRESS_MARK:
            floor = _FLOOR_AFTER.match(text, end)
            if floor:
                yield start, floor.end(), quick.ADDRESS_MARK


def _at_house_numbers(text: str) -> Iterator[Span]:
    """The finders that read a word and a house number after it (``_HOUSE_SHAPE``)."""
    for match in _ABBREVIATED.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end("n")) and _street_like(match.group()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _ABBREVIATED_LOWER.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end("a")):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _CUED.finditer(text):
        if not (
            _AFTER_NUMBER.match(text, match.end("a"))
            or _NOT_HOUSE_AFTER.match(text, match.end("a"))
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _ON_PLACE.finditer(text):
        words = [w.casefold() for w in match.group("a").split() if not w[0].isdigit()]
        if (
            words[0] not in people.places()
            and not _AFTER_NUMBER.match(text, match.end("a"))
            and not _NOT_HOUSE_AFTER.match(text, match.end("a"))  # "på Rosengård 3 år"
            and not any(_NOT_PLACE_WORD.match(w) for w in words)
            # (a second word: a village's farm or hill, no town's or region's name)
            and not (len(words) > 1 and words[1] in people.places() and not everyday(words[1]))
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _NAMED_STREET.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for pattern in (_BEFORE_POSTAL, _STREET_WORD):
        for match in pattern.finditer(text):
            if not _AFTER_NUMBER.match(text, match.end()):
                yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _WITH_FLAT.finditer(text):
        words = match.group().split()
        if not any(_NOT_PLACE_WORD.match(w.casefold()) for w in words[:-1] if w.isalpha()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _CUED_LOWER.finditer(text):
        if not (
            _AFTER_NUMBER.match(text, match.end("a"))
            or _NOT_HOUSE_AFTER.match(text, match.end("a"))
            or _NOT_PLACE_WORD.match(match.group("w"))
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _LIVE_AT.finditer(text):
        words = match.group("a").split()
        if not (
            _AFTER_NUMBER.match(text, match.end("a"))
            or _NOT_HOUSE_AFTER.match(text, match.end("a"))
            or any(_NOT_PLACE_WORD.match(w.casefold()) for w in words if w.isalpha())
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _RURAL.finditer(text):
        words = match.group("w").split()
        if not (
            _AFTER_NUMBER.match(text, match.end())
            or _NOT_HOUSE_AFTER.match(text, match.end())
            or any(_NOT_PLACE_WORD.match(w.casefold()) for w in words)
            or any(people.organisation(w) for w in words)
        ):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _PLACE_STREET.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end()) and not _NOT_HOUSE_AFTER.match(
            text, match.end()
        ):
            yield match.start(), match.end(), quick.ADDRESS_MARK


# (thirteenth round) a village's name, a rural word in lower case and a house number: "Ekeby by
# 212", "Norrbyn gård 4" (a rural address; never a count: "… gård 3 gånger")
_RURAL = lazy(
    r"(?<![^\W_])(?P<w>(?:[A-ZÅÄÖ][^\W\d_]+\s)?[A-ZÅÄÖ][^\W\d_]{2,})\s+"
    r"(?:by|byn|kyrkby|kyrkbyn|gård|gården|prästgård|torp|bruk|säteri|hemman|fäbod|skog)\s+"
    r"(?!(?:19|20)\d\d\b)"
    rf"{_HOUSE}{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)


# Capitalised words before a number that are not a place: "på Plan 3", "på Sida 2", "Vecka 12"
_NOT_PLACE_WORD = lazy(
    r"(?:plan|sida|vecka|våning|nummer|rum|sal|hus|kassa|lucka|buss|linje|version|kapitel|"
    r"punkt|steg|grad|nivå|klass|år|dag|timme|minut)$"
)


# a name and a house number followed by a postal code: "Stockby 44, 725 97 Västerås"; a street
# word of its own: "Stenby Torg 3", "Bäckby Torg 4" (a house number and a postal code never start
# with 0: "Ring 07NN NNN NN" is a phone number)
_BEFORE_POSTAL = lazy(
    r"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s){0,2}[A-ZÅÄÖ][^\W\d_]{2,}\s+[1-9]\d{0,3}[A-Za-z]?"
    r"(?:\s*,\s*|\s+)[1-9]\d{2}\s?\d{2}(?:\s+[A-ZÅÄÖ][^\W\d_]+)?(?![^\W_]|\d)"
)
_STREET_WORD = lazy(
    r"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s)?[A-ZÅÄÖ][^\W\d_]+\s(?i:torg|gata|väg|backe|gränd|allé|"
    # (sixth round) the definite forms as a word of their own: "Stora Gatan 19"
    r"stig|park|plan|gård|torget|gatan|vägen|backen|gränden|stigen|parken|gården)\s+"
    rf"{_HOUSE}{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)
# a number that counts something, not a house: "Lögarängen 5 gånger", "… 3 år"
_NOT_HOUSE_AFTER = lazy(
    r"\s*(?i:gånger|gång|år|dagar|dag|veckor|vecka|minuter|min|timmar|kr|kronor|st|procent|%|"
    r"km|mil|meter|m|h|kvarter|månader|månad|"
    # (thirteenth round) years, days and times in the languages residents write in
    r"years|year|days|times|vuotta|vuosi|päivää|kertaa|lat|lata|rok|dni|razy|godina|godine|dana|"
    r"puta|yıl|yıldır|sene|gün|kez|años|año|días|veces|jahre|jahr|tage|mal|ans|jours|fois|sano|"
    r"maalmood|سنوات|سنة|سال|روز)\b"
)


# (sixth round) what belongs to an address after its house number, whatever found it: a range of
# numbers ("Hökåsens allé 2-6"), a stairwell or entrance ("uppgång B", "port 3"), a floor, and
# the town after a comma ("Lillhamravägen 11, Västerås", "Gamla Tidövägen 7, Tillberga"); before
# it, a postal code and town ("722 15 Västerås, Stora Gatan 19")
_ADDRESS_TAIL = lazy(
    # (thirteenth round: or of entrances' letters, "44 A-B")
    r"[-–](?:\d{1,4}[A-Za-z]?|(?<=[A-Z][-–])[A-Z])(?![^\W_])"
    # (eighth round) whose care it comes in after the number: "Fabriksgatan 18 c/o Stödboendet"
    r"|\s*,?\s*(?i:c/o)\s+[A-ZÅÄÖ][^\W\d_]+(?:\s[A-ZÅÄÖ][^\W\d_]+)?"
    r"|\s*,?\s*(?i:uppgång|uppg\.?|ingång|port|trapphus|entré|hus)\s+(?:[A-Z]|\d{1,3})(?![^\W_])"
    rf"|{_FLOOR_ONE}"
    r"|\s*,\s*(?:\d{3}\s?\d{2}\s+)?(?P<town>[A-ZÅÄÖ][^\W\d_]{2,}(?:-[A-ZÅÄÖ][^\W\d_]+)?)"
    r"(?=\s*(?:[.,!?;)\n]|$|och\b|där\b)"
    # (ninth round) or a verb of the sentence the address is the subject of: "Vårt hus på
    # Bruksgatan 28, Skultuna har fått vatten …" (a listed place, or no dictionary word)
    r"|\s+(?:har|hade|är|var|blir|blev|fick|får|ligger|låg)\b(?P<verb>))"
)
_ADDRESS_HEAD = lazy(r"(?<![^\W_])[1-9]\d{2}\s?\d{2}\s+[A-ZÅÄÖ][^\W\d_]+\s*,\s*$")
# (twelfth round) a farm's name before the address it lies at ("Gården Nybacka, Innertavle 41",
# "Torpet Lugnet, Byvägen 3", "Ekbacka gård, Brattby 12"; not a compound, an institution's as
# often: "Kulturgården, Skolgatan 3") or a flat before an English number-first
# address ("Flat 4C, 12 Ålidhemsgatan")
_HOME_HEAD = lazy(
    r"(?<![^\W_])(?:(?:Gården|Gård|Torpet|Fäboden|Hemmanet|Villa)\s+[A-ZÅÄÖ][^\W\d_]+"
    r"|[A-ZÅÄÖ][^\W\d_]+\s(?:gården|gård|torpet|torp)"
    r"|(?i:flat|apt|apartment|unit)\.?\s*(?i:no\.?\s*)?\d{1,4}[A-Za-z]?)\s*,?\s*$"
)
_LOWER_DIRECTION = lazy(
    r"(?<![^\W_])(?:östra|västra|norra|södra|stora|lilla|nedre|övre|gamla|nya|inre|yttre) $"
)
# (twelfth round) a town in lower case after an address, as a text message gives it without a
# comma: "gräsmyrvägen nr 20 obbola", "box 7040 907 03 umeå" (a listed place, after a postal code
# any word, else a word no dictionary holds closing the sentence)
_LOWER_TOWN = lazy(
    r"\s*,?\s*(?P<code>(?:[Ss][Ee]?-)?\d{3}\s?\d{2}\s+)?(?P<town>[a-zåäö][^\W\d_]{2,})"
    r"(?P<end>(?=\s*(?:[.,!?;)\n]|$)))?"
)
# one or two capitalised words and a house number opening a sentence, set off by a comma, no
# street suffix needed: "Barkarö Kyrkbyn 22, vägen dit plogas aldrig" (a sentence that opens
# with a place and a number is where someone lives; never before a date or a count)
_OPENING_ADDRESS = lazy(
    r"(?:^|(?<=[.!?\n]\s))(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+(?:-[A-ZÅÄÖ][^\W\d_]+)?\s){0,2}"
    rf"[A-ZÅÄÖ][^\W\d_]{{2,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR})"
    r"(?=\s*,|\s+-\s)"  # (eighth round) or a dash: "Lillhärad Prästgården 2 – vi har …"
)


# and the same closing a comment after a comma, as a signature gives it: "Olle Berglund, Kärrbo
# Kyrkby 4"; (thirteenth round) or closing a sentence, as a signature inside a comment gives
# it: "Stina Ek, Sörbyn 12. Ring mig …"
_CLOSING_ADDRESS = lazy(
    r"(?<=,\s)(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+(?:-[A-ZÅÄÖ][^\W\d_]+)?\s){0,2}"
    rf"[A-ZÅÄÖ][^\W\d_]{{2,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR})"
    r"(?=\s*(?:[.!?;]\s|[.!]?\s*$))"
)


def _opening_addresses(text: str) -> Iterator[Span]:
    if not _HOUSE_SHAPE.search(text):
        return
    for match in (*_OPENING_ADDRESS.finditer(text), *_CLOSING_ADDRESS.finditer(text)):
        words = [w.casefold() for w in match.group("a").split()[:-1] if w.isalpha() or "-" in w]
        # one word alone only when shaped like a place's name and no town ("Västerås 2",
        # "Windows 10", "Covid 19" are no homes)
        if len(words) == 1 and (
            words[0] in people.places() or not (people.place_shaped(words[0]) or "-" in words[0])
        ):
            continue
        if (
            words
            and not any(
                _NOT_PLACE_WORD.match(w) or _AFTER_NUMBER.match(w) or w in people.function_words()
                for w in words
            )
            and not all(everyday(w) for w in words)
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK


def _address_parts(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        if mark == quick.ADDRESS_MARK:
            while (tail := _ADDRESS_TAIL.match(text, end)) is not None and tail.end() > end:
                town = tail.group("town")
                # (twelfth round: a word shaped as a place's name is one, "Ytterbodavägen 45,
                # Tavelsjö.")
                if (
                    town is not None
                    and everyday(town)
                    and town.casefold() not in people.places()
                    and not people.place_shaped(town.casefold())
                ):
                    break
                # (a listed place, a place's shape, or a word neither dictionary nor list holds:
                # "Åsgatan 9, Kolbäck är tomt")
                if tail.group("verb") is not None and not (
                    town.casefold() in people.places()
                    or people.place_shaped(town.casefold())
                    or not (everyday(town) or people.listed(town))
                ):
                    break
                end = tail.end()
            lower = _LOWER_TOWN.match(text, end)
            if lower is not None:
                town = lower.group("town")
                if (
                    town in people.places()
                    or lower.group("code")
                    or (lower.group("end") is not None and not everyday(town))
                ) and town not in people.function_words():
                    end = lower.end("town")
            head = _ADDRESS_HEAD.search(text, max(0, start - 40), start)
            if head is not None:
                start = head.start()
            # (twelfth round) a direction's word in lower case before a street in lower case:
            # "adr östra rönneholmsvägen 9c"
            if text[start].islower():
                lower_head = _LOWER_DIRECTION.search(text, max(0, start - 7), start)
                if lower_head is not None:
                    start = lower_head.start()
            home = _HOME_HEAD.search(text, max(0, start - 40), start)
            if home is not None:
                start = home.start()
        out.append((start, end, mark))
    return out


def _extended_back(
    text: str, spans: list[Span], kind: str, before: re.Pattern[str] | Lazy, reach: int
) -> list[Span]:
    """Spans of ``kind`` started earlier where ``before`` ends right at them within ``reach``
    characters: a street's direction word (``Östra``), an address's local part in words."""
    out = []
    for start, end, mark in spans:
        if mark == kind:
            found = before.search(text, max(0, start - reach), start)
            if found:
                start = found.start()
        out.append((start, end, mark))
    return out


def _street_like(found: str) -> bool:
    word = found.split()[0].rstrip(".").casefold()
    return word not in people.places() and len(word) >= 4


_DISTANCE_AFTER = lazy(
    r"\s*(?i:km|kilometer|mil|meter|gånger|gång|kvarter|hus|minuter)(?![^\W\d_])"
)


# (seventh round) the number is a year that goes on as a date: "bygglov 2026-03-14"
_NUMBER_GOES_ON = lazy(r"(?<=(?:19|20)\d\d)[-/.]\d")
# a road's number, not a home: "riksväg 66", "länsväg 252", "väg 56" (in the indefinite form; a
# street may be called "Riksvägen")
_ROAD_NUMBER = lazy(r"(?i:riksväg|länsväg|motorväg|europaväg|väg|rv\.?|lv\.?)\s*\d+$")


def _street_dates(text: str, spans: list[Span]) -> list[Span]:
    """The quick pass's addresses that are a street and a date ("Vasagatan 12 mars"), or a
    place and a distance or a count ("Sjöhagen 4 km bort", "Vasaparken 3 gånger"), a word and a
    date ("bygglov 2026-03-14") or a road's number ("riksväg 66")."""
    out = []
    for start, end, mark in spans:
        if mark == quick.ADDRESS_MARK and (
            _AFTER_NUMBER.match(text, end)
            or _DISTANCE_AFTER.match(text, end)
            or _NUMBER_GOES_ON.match(text, end)
            or _ROAD_NUMBER.fullmatch(text, start, end)
        ):
            continue
        out.append((start, end, mark))
    return out
