"""The thorough pass: personal data in a comment, before any reader sees it.

``thorough(text, allow)`` returns ``text`` with every name, street address, phone number, e-mail
address and personnummer replaced by ``[namn]``, ``[adress]``, ``[telefon]``, ``[e-post]``,
``[personnummer]``, except what ``allow`` names (the municipality's published numbers,
mailboxes and addresses: ``Tenant.public_contacts``). It runs on every pooled comment before a
batch is released, and in the survey before a comment is pooled (docs/privacy.md, "Redaction").
It is idempotent: a text it returned comes back unchanged, marks included.

How it reads a comment (on the normalised copy: NFKC, every dash ``-``, every space `` ``, every
script's digits as ``0-9``; only the original characters behind a match are replaced):

1. The quick pass's findings (``shared.platform.redaction``: e-mail also hidden, personnummer, phone
   numbers once dates, times, amounts and case numbers are set aside, street addresses).
2. Phone numbers by ``phonenumbers``' matcher (Google's libphonenumber rules, Sweden as the home
   region: foreign numbers too), and numbers spelled out in Swedish or English words, whole or in
   part (``noll sju noll, ett två tre``, ``070 ett två tre…``). A number the library types as a
   service number (toll-free, shared-cost such as 0771, premium rate, 010 company numbers) is an
   agency's, not a person's, and stays; so does one right after an organisation's desk word
   (``kundtjänst``, ``växeln``) unless it is a mobile number; a line break inside a number is a
   space. A company's Swish number (123 …) and opening hours (``06 00 - 14 00``) are no one's.
   (Ninth round) a local number without its area code (``xx xx xx``) after a call's word.
   (Eleventh round) a number said in the digit words of BCS, Polish, Finnish, Turkish or Somali
   with digit groups (``nula sedam nula 223 44 91``); (twelfth round) in those words alone, and
   their teens and tens.
3. Personnummer in the forms the quick pass leaves (``python-stdnum``'s Swedish rules for a bare
   run, and patterns for what it does not know): interim numbers with a letter
   (``19900101-T123``), a number given in two parts (``född 560722 … fyra sista 4471``), dotted
   or spaced dates (``ÅÅ.MM.DD-NNNN``, ``ÅÅ MM DD - NN NN``), ``/`` between the parts, a birth
   date in words before the last four, the parts in either order after the number's name, a
   comment that is only a dated number; a neighbour country's identity number by its name before
   it (``PESEL``, ``henkilötunnus``, ``isikukood``) or by ``python-stdnum`` (``fi.hetu``,
   ``pl.pesel``, ``no.fodselsnummer``, ``ee.ik``); ``_`` typed for the dash; a reserve number's
   two letters after its name; (ninth round) the century typed apart (``19 ÅÅMMDD-NNNN``);
   (eleventh round) a year in words before the rest (``nittonhundranittio MMDD-NNNN``);
   (twelfth round) a dated number right after its name whatever its check digit, a JMBG by its
   name, by ``python-stdnum``'s ``si.emso`` or by its birth date; (thirteenth round) ten digits
   standing alone that start with a real date (twelve with 19 or 20 first) whatever their check
   digit, a number in two parts as one span, the century in words, the last four after the
   number named earlier in the sentence. A number after a reference's name (``Referensnummer``,
   ``Ordernr``, ``Mitt ärende har nummer``) is the reference's, unless it is a customer number
   written as a personnummer that python-stdnum accepts and not dated this year or last, or the
   sentence named a personnummer before it.
4. E-mail addresses in words: the provider named (``anna.ek på gmail``, ``min hotmail är …``),
   no top-level domain (``anna@telia``), a comma for the dot, letters spaced out; (thirteenth
   round) ``AT`` and ``DOT`` in capitals.
5. Addresses: abbreviated streets (``Storg. 12``, ``Mälarv 59``), ``Box 123``, ``c/o``, the
   floor after the number (``, 3 tr``), any name and number with a flat after it (``Bäckby
   Centrum 5, lgh 3``), an English number-first address, and any name with a number after "bor
   på" / "adress" (``Pettersberg 12``, also in lower case); ``nr`` between street and number,
   the number before ``på`` and the street, a flat before an English number-first address,
   ``c/o`` after the number, a village and its farm's word after ``till``; never a street
   followed by a date (``Vasagatan 12 mars``), a year that goes on as a date (``bygglov
   2026-03-14``), a road's number (``riksväg 66``) or a business's or an institution's own
   address (``Pizzerian på …``). (Ninth round) An agency's office in the genitive
   (``Försäkringskassans kontor på …``) and a company by its name's ending (``Mälarenergi på …``)
   before an address are theirs; ``nummer`` goes with a number-first address, a town after the
   comma before the sentence's verb with it. (Eleventh round) A house number in words after the
   street (``…vägen nummer tjugoett``); a farm's name before its postal code and town (``Lilla
   Ekeby gård, 635 19 …``). (Twelfth round) A street glued to its number, a town in lower case
   after it, a farm's name or a flat before it, a floor in English, a Danish or Norwegian
   address, a flat's number apart from its street. (Thirteenth round) Finnish and German
   streets, a village's rural word (``Ekeby by 12``), an address closing a sentence after a
   comma, the word for an address in other languages; a house named in an everyday word's
   genitive owns its address (``Kulturens hus, …``). The quick pass's name before an address counts
   only if it can be a
   name (``Vid Stadshuset, Fiskartorget 1`` names no one).
6. Names (``shared.platform.redaction.people``): lists of given names and surnames of the languages
   residents write in (``shared/data/person_names.txt``), in any case, possessive included, and
   what comes before and after a name (a role, a relative, ``jag heter``, a signature, an e-mail
   address or street address after it); a handle after ``@`` in two parts or a listed name,
   or any handle after a naming verb (``kallar sig @…``); (eleventh round) a handle made of a
   listed given name and a town, another name or digits (``@annaholm``, ``@ahmed1987``), and a
   Reddit user's (``u/…``). The hard forms are in ``name_hard``.
   Then the learned reader (``name_model``, a CRF trained on the team's labelled corpus) reads
   the comment as the finders left it, each finding as its mark, and adds the words it takes for
   a name with a probability of at least its threshold; it never takes away what a rule found.
7. What ``allow`` names is taken out again (a mailbox also spaced or in words, a place's address
   also without the place's name); a phone number's extension (``ankn. 12``) joins what is left;
   the rest is replaced, brackets kept balanced.

This module composes the finders and decides what of their findings is no one's (an agency's or
a company's number, a desk's, a Swish number, opening hours, a reference, an institution's
address); each finder has its module: ``phones`` (2), ``identity_numbers`` (3), ``emails`` (4,
and the handles of 6), ``addresses`` (5), ``people`` and ``name_model`` (6), with
``number_words`` (numbers spelled in words) and ``finders`` (the span they return, the
libraries loaded and the patterns compiled on first need) beneath.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from shared.platform import redaction as quick
from shared.platform.redaction import name_model, people
from shared.platform.redaction.addresses import (
    _DIRECTION_BEFORE,
    _address_parts,
    _addresses,
    _extended_back,
    _opening_addresses,
    _street_dates,
)
from shared.platform.redaction.allow import allowed
from shared.platform.redaction.emails import (
    _LOCAL_IN_WORDS,
    _LOCAL_SPACED,
    _mentions,
    _word_emails,
)
from shared.platform.redaction.finders import (
    Span,
    _personnummer_valid,
    lazy,
)
from shared.platform.redaction.identity_numbers import (
    _CENTURY_BEFORE,
    _odd_personnummer,
    _spelled_personnummer,
)
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.normalise import normalise, substitute
from shared.platform.redaction.phones import (
    _foreign_spelled_phones,
    _foreign_zero,
    _library_phones,
    _local_phones,
    _spelled_phones,
    _split_phones,
    service_number,
)

__all__ = ["Span", "find", "role_mailbox", "service_number", "thorough", "warm"]

_MARKS = re.compile(r"\[(?:namn|adress|telefon|e-post|personnummer)\]")


# -- the whole -------------------------------------------------------------------------------------


# An organisation's desk right before a number: "Mälarenergis kundtjänst 021-xx xx xx",
# "växeln: 08-…". Such a number is the organisation's, unless it is a mobile number (a person's).
_DESK_BEFORE = lazy(
    r"(?i:(?<![^\W\d_])(?:kundtjänst|kundservice|kundtjänsten|växel|växeln|växelnummer|support|"
    r"supporten|servicecenter|kontaktcenter|kontaktcentret|expedition|expeditionen|reception|"
    r"receptionen|felanmälan|jouren|journummer|switchboard|helpdesk|customer\s+service))"
    r"(?:\s+(?:på|har|nummer|nr|tel|telefon))?[\s:.]*$"
)
_MOBILE = lazy(r"^(?:\+?46\s*\(?0?\)?\s*|0)7")
# (sixth round) an organisation named right before a number or an address, with at most a comma
# between: its own, published ("Region Västmanland 021-xx xx xx", "Mälardalens universitet,
# Universitetsplan 1"): an institution's word, a region, an agency's ending (-verket, -kassan …)
_LIVES = lazy(r"(?i:(?<![^\W\d_])(?:bor|bodde|adress|adressen|hemma|live|lives)(?![^\W\d_]))")
_INSTITUTION_BEFORE = lazy(
    r"(?i:(?<![^\W\d_])(?:region|regionen|landstinget|länsstyrelsen|universitet|universitetet|"
    r"högskola|högskolan|sjukhus|sjukhuset|vårdcentral|vårdcentralen|stadshuset|kommunhuset|"
    r"bibliotek|biblioteket|gymnasiet|gymnasium|museum|museet|"
    r"simhall|simhallen|ishall|ishallen|[^\W\d_]+(?:verket|kassan|myndigheten|förvaltningen|"
    # (ninth round) an agency's office in the genitive: "Försäkringskassans kontor på …"
    r"nämnden|polisen)(?:s\s+(?:kontor|lokaler|lokal|mottagning|filial|servicekontor))?|"
    # (from a probe) any long definite genitive before its office: "Polisens lokaler",
    # "Arbetsförmedlingens kontor" (not a person's: "Svens kontor")
    r"[A-ZÅÄÖ][^\W\d_]{4,}(?:ens|ets|ans)\s+(?:kontor|lokaler|lokal|mottagning|filial|"
    r"servicekontor|reception)|"
    # (ninth round) a company by its name's ending: "Mälarenergi på Sjöhagsvägen 3",
    # "Bostadsbolaget på …"
    r"[^\W\d_]+(?:energi|bostäder|fastigheter|bolaget|gruppen|koncernen)"
    r"(?:s\s+(?:kontor|lokaler|kundtjänst|reception))?(?:\s+AB)?|"
    # (seventh round) a compound of an institution's word, and "på" or "vid" before its
    # address: "Stadsbiblioteket på Biskopsgatan 2"
    r"[^\W\d_]*(?:biblioteket|museet|simhallen|ishallen|sjukhuset|vårdcentralen|gymnasiet|"
    r"badhuset|kulturhuset|stadshuset|kommunhuset|"
    # (eighth round) a business before its address: "Pizzerian på Vallbyleden 3"
    r"pizzerian|pizzeria|restaurangen|butiken|affären|kiosken|caféet|kaféet|frisören|"
    r"bageriet|macken|apoteket|gymmet|hotellet|verkstaden|salongen|kliniken|tandläkaren))"
    r"(?:\s+[A-ZÅÄÖ][^\W\d_]+)?)"
    r"(?:\s+(?:på|vid))?[\s,:]*$"
)


# (thirteenth round) a house named in the genitive of an everyday word, before its address or
# number: "Kulturens hus, Skeppsbrogatan 17", "Folkets hus 0920-…", "Teknikens hus" (a building
# of the public's; a person's is named by a name: "Svens hus", "Karins hus")
_PUBLIC_HOUSE = lazy(
    r"(?<![^\W\d_])(?P<genitive>[A-ZÅÄÖ][^\W\d_]{2,})s\s+(?i:hus|huset|hall|hallen|arena|"
    r"teater|scen|center|centrum|park|trädgård|museum|bibliotek|gård)(?:\s+(?:på|vid))?[\s,:]*$"
)


def _public_house(text: str, start: int) -> bool:
    house = _PUBLIC_HOUSE.search(text, max(0, start - 40), start)
    if house is None:
        return False
    stem = house.group("genitive")
    return everyday(stem.casefold()) and not people.listed(stem)


def _service_numbers(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        if mark == quick.PHONE_MARK:
            number = text[start:end]
            if service_number(number):
                continue
            desk = (
                _DESK_BEFORE.search(text, max(0, start - 40), start) is not None
                or _INSTITUTION_BEFORE.search(text, max(0, start - 40), start) is not None
                or _public_house(text, start)
            )
            if desk and not _MOBILE.match(re.sub(r"[\s().-]", "", number)):
                continue
        if (
            mark == quick.ADDRESS_MARK
            and (
                _INSTITUTION_BEFORE.search(text, max(0, start - 40), start)
                or _public_house(text, start)
            )
            # not where someone says they live: "Jag bor nära sjukhuset, Storgatan 5"
            and not _LIVES.search(re.split(r"[.!?\n]", text[:start])[-1])
        ):
            continue
        out.append((start, end, mark))
    return out


# (eighth round) numbers that are no person's, whatever a pattern took them for:
# - a company's Swish number (123 and seven digits; a private one is a mobile number);
# - a span of opening hours written as a phone number is: "06 00 - 14 00";
# - a number after a reference's name that python-stdnum does not accept as a personnummer:
#   "Referensnummer 2026-1104-7782" (a personnummer given as one still goes)
_SWISH = lazy(
    r"(?i:swish)(?:-?(?i:nummer|numret|nr))?[\s:.]*(?P<n>123[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2})(?!\d)"
)
_HOURS = lazy(
    r"(?<![\d+])(?:[01]\d|2[0-3])[ .:](?:00|15|30|45)\s*-\s*"
    r"(?:[01]\d|2[0-3])[ .:](?:00|15|30|45)(?![\d])"
)
_REFERENCE = lazy(
    r"(?i:(?<![^\W\d_])(?:referens|ärende|order|faktura|diarie|bokning|kund|könummer|ocr|avi|"
    r"dnr|ref|bekräftelse|kvitto|beställning|ansökning|kontrakt|"
    # (thirteenth round) a thing's number and the English names: "Serienummer …", "Invoice …"
    r"serie|artikel|mätar|kolli|sändnings|invoice|case|booking|ticket|tracking|avtal|biljett|"
    r"objekt|medlem|abonnemang|licens|"
    # any other number named by what it numbers: "Biljettnummer", "Avtalsnr" (not a person's
    # number's names: "personnummer", "samordningsnummer", "id-nummer", a phone's)
    r"(?!person|pers\b|samordning|reserv|interim|födelse|fødsel|fodsel|identitet|cpr|id\b|id-|"
    r"telefon|mobil|tel\b|hem|jobb|fax|social|skatte)"
    r"[^\W\d_]{3,}(?:nummer|numret|nr))[^\W\d_]*"
    # (thirteenth round) a verb and the number's word between: "Mitt ärende har nummer …",
    # "ordern är nr …", "my case has number …"
    r"(?:\s+(?:har|hade|är|fick|med|has|is|got))?(?:\s+(?:nummer|numret|nr|number|no|id))?)"
    r"[\s:.#-]*$"
)


_PNR_NAMED = lazy(
    r"(?i:(?<![^\W\d_])(?:person-?\s?(?:nummer|numret|nr)|pers\.?\s?nr|pnr|p-nr|"
    r"samordnings(?:nummer|numret|nr)|personal\s+(?:identity\s+)?number)(?![^\W\d_]))"
)
# (thirteenth round) a personnummer in its own written form: the date, a dash or plus, the four
_PNR_FORM = lazy(r"(?:\d\d)?\d{6}\s?[-+]\s?\d{4}")


def _reference_number(number: str, name: str) -> bool:
    """Whether ``number``, after a reference's ``name``, is the reference's: one python-stdnum
    does not accept as a personnummer; (thirteenth round) any after the name of a thing's or a
    case's number (an order's, an invoice's, an OCR number, which carries the same Luhn check
    digit as a personnummer, so the check says nothing there: "Ordernr 4501 2398 77",
    "ordernummer ÅÅMMDD-NNNN"); after a customer's number, one not written in a personnummer's
    own form (date, dash, the four) or dated this year or last. A customer number that is a
    personnummer, written as one, still goes ("Kundnummer ÅÅMMDD-NNNN"): many companies use
    the personnummer as one."""
    digits = re.sub(r"\D", "", number)
    if not _personnummer_valid()(digits) or not name.casefold().startswith("kund"):
        return True
    if not _PNR_FORM.fullmatch(number.strip()):
        return True
    return len(digits) == 12 and int(digits[:4]) >= date.today().year - 1


def _not_personal(text: str, spans: list[Span]) -> list[Span]:
    if not spans:
        return spans
    aside = [m.span("n") for m in _SWISH.finditer(text)] + [m.span() for m in _HOURS.finditer(text)]
    out = []
    for start, end, mark in spans:
        if mark in (quick.PHONE_MARK, quick.ADDRESS_MARK, quick.PERSONNUMMER_MARK) and any(
            s < end and start < e for s, e in aside
        ):
            continue
        reference = (
            _REFERENCE.search(text, max(0, start - 40), start)
            if mark == quick.PERSONNUMMER_MARK
            else None
        )
        if (
            reference is not None
            and _reference_number(text[start:end], reference.group())
            # (thirteenth round) unless the sentence named it a personnummer before: "Jag
            # skickar med personnumret så ni hittar ärendet: ÅÅMMDDNNNN"
            and not _PNR_NAMED.search(re.split(r"[.!?\n]", text[:start])[-1])
        ):
            continue
        out.append((start, end, mark))
    return out


# A mailbox named for a function, not a person: an agency's or a company's ("kundservice@…",
# "info@…", "registrator@…"); a person's address at the same domain still goes
_ROLE_MAILBOX = lazy(
    r"(?i:info|kundservice|kundtjanst|kundtjänst|support|kontakt|kontaktcenter|registrator|"
    r"registratur|felanmalan|felanmälan|reception|vaxel|växel|servicecenter|noreply|no-reply|"
    r"kommun|kommunen|kansli|ekonomi|bygglov|miljo|miljö|press|faktura|fakturor|bokning|"
    r"booking|service|customerservice|help|helpdesk|office|kundcenter|medborgarservice|"
    r"servicecenter|post|postmottagning|diarium)@"
)


def role_mailbox(address: str) -> bool:
    """Whether ``address`` is a mailbox named for a function ("info@…", "kundservice@…"): an
    organisation's, which the thorough pass leaves (docs/privacy.md, "Redaction")."""
    return _ROLE_MAILBOX.match(address) is not None


# (seventh round) an extension after a number is part of it: "021-xx xx xx ankn. 231"
_EXTENSION = lazy(
    r"\s*,?\s*(?i:ankn|anknytning|ank|ext|extension|lokal|vxl)\.?\s*:?\s*\d{1,5}(?!\d)"
)


def _extensions(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        extension = _EXTENSION.match(text, end) if mark == quick.PHONE_MARK else None
        out.append((start, extension.end() if extension else end, mark))
    return out


def _role_mailboxes(text: str, spans: list[Span]) -> list[Span]:
    return [s for s in spans if s[2] != quick.EMAIL_MARK or not _ROLE_MAILBOX.match(text, s[0])]


_CARE_OF = lazy(r"(?i:c/o)\s*$")


def _owners(text: str, spans: Iterable[Span]) -> list[Span]:
    """The quick pass's addresses and the capitalised words before each (whose address it is),
    unless those words are everyday ones: "Vid Stadshuset, Fiskartorget 1" names no one."""
    return [
        s
        for s in spans
        if s[2] != people.NAME_MARK
        or people.could_be_name(text[s[0] : s[1]])
        or _CARE_OF.search(text, max(0, s[0] - 6), s[0])  # "c/o Berg, Hälsovägen 3"
    ]


def _spaced_locals(text: str, spans: list[Span]) -> list[Span]:
    """(Thirteenth round) An address written spaced out takes the words before it joined by a
    spaced dot: "lisa . nilsson (snabel-a) gmail . com" (a compact one does not: "Hej .
    lisa@…")."""
    return [
        _extended_back(text, [s], quick.EMAIL_MARK, _LOCAL_SPACED, 60)[0]
        if s[2] == quick.EMAIL_MARK and " " in text[s[0] : s[1]]
        else s
        for s in spans
    ]


def find(text: str, allow: Iterable[str] = ()) -> list[Span]:
    """The spans of the normalised ``text`` that ``thorough`` replaces, merged."""
    taken = [(m.start(), m.end(), "") for m in _MARKS.finditer(text)]
    spans = _street_dates(text, quick._spans(text, with_names=False))
    spans += _owners(text, quick._names.addresses(text))
    spans = _street_dates(text, spans)
    spans += _library_phones(text)
    spans += _spelled_phones(text)
    # (a digit group among the words, or a word for the trunk zero: cheap to rule out)
    if any(c.isdigit() for c in text) or _foreign_zero(text):
        spans += _foreign_spelled_phones(text)
    spans += _split_phones(text)
    spans += _local_phones(text)
    spans += _spelled_personnummer(text)
    spans += _odd_personnummer(text)
    spans += _word_emails(text)
    spans += _mentions(text)
    spans += _addresses(text, spans)
    spans = _street_dates(text, spans)
    spans += _opening_addresses(text)
    spans = _extended_back(text, spans, quick.ADDRESS_MARK, _DIRECTION_BEFORE, 7)
    spans = _address_parts(text, spans)
    spans = _service_numbers(text, spans)
    spans = _not_personal(text, spans)
    spans = _extended_back(text, spans, quick.EMAIL_MARK, _LOCAL_IN_WORDS, 60)
    spans = _spaced_locals(text, spans)
    spans = _extended_back(text, spans, quick.PERSONNUMMER_MARK, _CENTURY_BEFORE, 3)
    # the marks of an earlier pass are no words of the comment (a second pass reads as the first)
    marks = [(s, e, text[s:e]) for s, e, _ in taken]
    spans += people.names(text, [*spans, *marks])
    # what the learned reader adds to the rules (it never takes a span away)
    spans += name_model.names(text, [*spans, *marks])
    # after the names, so that a mailbox's words are read as a mailbox's, not as a name
    spans = _role_mailboxes(text, spans)
    spans = allowed(tuple(allow)).filter(text, spans)
    # (an allowed number keeps its extension: "021-39 00 00 ankn. 12")
    spans = _extensions(text, spans)
    spans = [s for s in spans if not any(s[0] < te and ts < s[1] for ts, te, _ in taken)]
    return [quick._trim_brackets(text, s) for s in quick._merge(spans)]


def thorough(text: str, allow: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced (module docstring); ``allow``: published contact
    points of the municipality that stay as written."""
    if not text:
        return text
    view = normalise(text)
    spans = find(view.text, tuple(allow))
    if not spans:
        return text
    return substitute(text, view, spans)


WITHHELD = "[kommentaren undanhållen]"


def thorough_or_withheld(text: str, allow: Iterable[str] = (), stage: str = "") -> str | None:
    """``thorough``, or None when a finder raises on this text (a bug, as a name ending in its
    own dot once was): the caller withholds the comment rather than store or release it unread,
    and the answer around it stands. Recorded as the metric ``CommentsWithheld`` (dimension
    ``stage``) and one log line with the error's type and where it was raised, never its text
    nor the comment's."""
    try:
        return thorough(text, allow)
    except Exception as error:  # noqa: BLE001 (any finder's bug: the comment, not the request)
        from shared.platform.isolation import count, raised_at
        from shared.platform.metric_names import Metric
        from shared.platform.observability import logger

        logger.error(
            "comment withheld", stage=stage, error=type(error).__name__, where=raised_at(error)
        )
        count(Metric.COMMENTS_WITHHELD, stage or "unknown")
        return None


@cache
def warm() -> None:
    """Load the lists and the phone metadata now (a benchmark's or a cold start's choice)."""
    thorough("Ring Anna på noll sju noll, ett två tre")
