"""What the words around a word say once every word is read, for the name rules of ``people``.

Run after the word-by-word decisions, on the whole comment: coordination and lists with a name
found (``Dawit och Selam``, ``Mats, Yasmin och Tove``; thirteenth round, a capitalised
dictionary word too, ``Anna och Nisse``: ``_coordinated_word``), a listed name before a name found
(``Stig Lind``), a word before a person's phone number or e-mail address (``Lotta på 070 …``), a
possessive before a person's noun (``Aliyahs assistent``) (``_structure``); an unlisted word
before a listed name (``Hamdi Barre``: ``_backwards``); a name particle (``van der``), a
following name (``_next_is_name``); the display name before an e-mail address
(``_display_names``), a signature after a dash at the end (``_dash_signature``); and what undoes
a name: a compound or a place named after someone (``Saga-stunden``, ``Anna Lindhs park``:
``_named_compounds``).
"""

from __future__ import annotations

import bisect
import re

from shared.platform.redaction.addresses import ADDRESS_WORD
from shared.platform.redaction.identity_numbers import ID_NAMES
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.name_cues import (
    _CUE_LAST,
    _FRAME,
    _INTRO_LAST,
    _OPENING_VERBS,
    _PLACE_PREPOSITIONS,
    _ROLE_LAST,
)
from shared.platform.redaction.name_slots import (
    _AFTER_PERSON,
    _person_after,
)
from shared.platform.redaction.name_words import (
    _FUNCTION_WORDS,
    _GAP,
    _NOT_NAMES,
    _NOT_PERSON_SHAPE,
    _ORGANISATION,
    _PARTICLES,
    _STOP,
    _STREET_SUFFIXES,
    _SWEDISH_NOUN,
    _SWEDISH_SURNAME,
    GIVEN,
    GIVEN_WORD,
    PLACE,
    SURNAME,
    SURNAME_WORD,
    _category,
    _form,
    _sentence_start,
    _table,
    _words,
    places,
)
from shared.platform.redaction.phones import NUMBER_LABELS

# a compound whose first part is a name: "Saga-stunden", "Astrid Lindgren-skolan"
_NAMED_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-[a-zåäö][^\W\d_]*")
_DASH_SIGNATURE = re.compile(r"(?:^|\s)[-–—]\s*$")


# "och", and the same word in the languages residents write: Finnish "ja", Somali "iyo", German
# "und", French "et"
_COORDINATION = (
    " och ",
    " & ",
    " and ",
    " eller ",
    " o ",
    " samt ",
    " ja ",
    " iyo ",
    " und ",
    " et ",
)
# between a person and their number or address: "Lotta på 070 …", "Hodan (072 …)", "Ali: 070 …"
_BEFORE_CONTACT = re.compile(
    r"(?:\s*[:(,–-]\s*|\s+(?:på|tel\.?|tfn|mobil|nr|nås\s+på|at|on)\s*:?\s*|\s+)\(?$"
)
# what a possessive name stands before: "Aliyahs assistent", "Hodans mamma"
_PERSON_NOUNS = _words(
    "assistent assistenten chef chefen handläggare handläggaren lärare läraren mamma pappa son "
    "dotter man fru sambo bror syster barn granne kollega kontaktperson mentor kurator "
    # (sixth round) and in English, after "'s": "Liam's teacher"
    "teacher mother father mom mum dad son daughter wife husband friend sister brother "
    "neighbour neighbor doctor nurse assistant boss caseworker"
)


def contact_label(word: str) -> bool:
    """(thirteenth round) A number's, an identity number's or an address's label is no name:
    "Kundnummer …", "Ordernr …", "PESEL …", "Lambarkaygu 07…", "Osoite: …"."""
    bare = word.rstrip(".:").casefold()
    return (
        bare.endswith(("nummer", "numret", "nr"))
        or bare in ID_NAMES
        or bare in NUMBER_LABELS
        or ADDRESS_WORD.fullmatch(bare) is not None
    )


def _candidate(word: str, table: dict[str, int], capital: bool) -> bool:
    """Whether ``word`` can be a name when the structure around it says so: a listed name
    (also one that is a word or a town) or, capitalised, a word no Swedish dictionary holds."""
    bare = word.rstrip(".").casefold()
    if (
        len(bare) < 2
        or bare in _STOP
        or bare in _FUNCTION_WORDS
        or bare in _NOT_NAMES
        or bare in _PLACE_PREPOSITIONS
        or bare in _FRAME
        or _ORGANISATION.search(bare)
        or bare.endswith(_STREET_SUFFIXES)
        or contact_label(bare)
    ):
        return False
    form = _form(word)
    if capital != (form in ("cap", "upper", "arabic")):
        return False
    category, _ = _category(word, table)
    if category:
        return category != PLACE  # a town's name only before a surname: "Nora Lind"
    return capital and len(bare) >= 3 and not everyday(bare)


def _structure(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    listed: list[bool],
    keep_s: list[bool],
    found: list[tuple[int, int, str]],
    table: dict[str, int],
) -> None:
    """What the words around a word say, once the words themselves are read:

    - a word coordinated with a name, in the same case, is a name when it can be one ("Axel och
      Hugo", "Dawit och Selam", "conny och mats"; not "Anna och kommunen"); (thirteenth round)
      also a capitalised dictionary word inside a sentence or beside a listed name ("Anna och
      Nisse", ``_coordinated_word``), not in a noun's or a place's shape;
    - a listed name (also a word or a town) right before a name found is its given name ("Stig
      Lind", "Mark Thompson", "Nora Lind");
    - a capitalised word that can be a name right before a person's phone number or e-mail
      address is whose it is ("Lotta på 070 …", "Hodan (072 …)");
    - a capitalised possessive no dictionary holds before a person's noun ("Aliyahs assistent").
    """
    contacts = sorted(
        s for s, _, mark in found if mark in ("[telefon]", "[e-post]", "[personnummer]")
    )
    pnrs = {s for s, _, mark in found if mark == "[personnummer]"}
    count = len(tokens)
    ends = [e for _, e, _ in tokens]
    # the word right before each phone number or e-mail address
    before_contact: set[int] = set()  # (up to two frame words between: "Lotta på 070 …")
    for contact in contacts:
        last = bisect.bisect_right(ends, contact) - 1
        before_contact.update(range(max(0, last - 2), last + 1))
    changed = any(is_name) or bool(before_contact)
    while changed:
        changed = False
        for i, (_, end, word) in enumerate(tokens):
            # only a word with a name two or one to its side, or in a comment with a number
            if is_name[i] or not (
                i in before_contact
                or (i >= 2 and is_name[i - 2])
                or (i + 2 < count and is_name[i + 2])
                or (i + 1 < count and is_name[i + 1])
            ):
                continue
            capital = _form(word) in ("cap", "upper", "arabic")
            category = _category(word, table)[0]
            if not (
                _candidate(word, table, capital)
                or (capital and category == PLACE)
                or _coordinated_word(text, tokens, is_name, listed, i)
            ):
                continue
            # (sixth round) the first of a list of names: "Mats, Yasmin och Tove", "Berg, Holm
            # och Lind" (a town's name too, set among names)
            if capital and _listed_before(text, tokens, is_name, i):
                is_name[i] = changed = True
                listed[i] = listed[i] or bool(category)
                continue
            decided = False
            for j in (i - 2, i + 2) if category != PLACE else ():
                if 0 <= j < len(tokens) and is_name[j]:
                    a, b = (i, j) if i < j else (j, i)
                    if (
                        text[tokens[a][1] : tokens[b][0]] in _COORDINATION
                        and (_form(tokens[j][2]) in ("cap", "upper", "arabic")) == capital
                    ):
                        # in lower case a word that is also a name must do what a person does
                        # ("conny och mats kom", not "jag heter kalle och bor här")
                        later = tokens[b][1]  # "tuva o elsa på simhallen": after the pair
                        decided = decided or (
                            capital
                            or category in (GIVEN, SURNAME)
                            # (thirteenth round) a name that is also a word beside a name that
                            # is none, both in lower case: "sa till ebba o anna att …"
                            or (
                                category == GIVEN_WORD
                                and _category(tokens[j][2], table)[0] == GIVEN
                            )
                            or _person_after(text, later)
                            or bool(_AFTER_PERSON.match(text, later))
                        )
            if (
                not decided
                and capital
                and i + 1 < len(tokens)
                and is_name[i + 1]
                and listed[i + 1]
                and text[end : tokens[i + 1][0]] == " "
                and category in (GIVEN, GIVEN_WORD, PLACE)
                and not (i and tokens[i - 1][2].casefold() in _PLACE_PREPOSITIONS)
            ):
                decided = True
            if not decided and capital and i in before_contact and category != PLACE:
                k = bisect.bisect_left(contacts, end)
                # before a personnummer only a Latin name: "رقمي" is "my number"
                pnr = k < len(contacts) and contacts[k] in pnrs
                if (
                    k < len(contacts)
                    and not (pnr and _form(word) == "arabic")
                    and _BEFORE_CONTACT.fullmatch(text, end, contacts[k])
                ):
                    decided = True
            if decided:
                is_name[i] = changed = True
                listed[i] = listed[i] or bool(category)
    for i, (_, end, word) in enumerate(tokens[:-1]):
        bare = word.casefold()
        if (
            not is_name[i]
            and tokens[i + 1][2].casefold() in _PERSON_NOUNS
            and bare.endswith("s")
            and len(bare) >= 5
            and _form(word) == "cap"
            and text[end : tokens[i + 1][0]] == " "
            and _candidate(word[: -2 if bare.endswith(("'s", "’s")) else -1], table, True)
            and not everyday(bare)
        ):
            is_name[i] = keep_s[i] = True


def _coordinated_word(
    text: str, tokens: list[tuple[int, int, str]], is_name: list[bool], listed: list[bool], i: int
) -> bool:
    """(thirteenth round) A capitalised word a dictionary holds can still be a name where it is
    coordinated with a capitalised name found: inside a sentence, where a capital says something
    ("Anna och Nisse på biblioteket", "Ulla och Viola"), and at a sentence's start beside a
    listed name ("Nisse eller Anders?"); not a noun's or a place's shape ("Anna och
    Socialtjänsten", "Holma och Kroksbäck")."""
    word = tokens[i][2]
    bare = word.rstrip(".").casefold()
    if (
        _form(word) != "cap"
        or len(bare) < 3
        or bare in _STOP
        or bare in _FUNCTION_WORDS
        or bare in _NOT_NAMES
        or bare in _PLACE_PREPOSITIONS
        or bare in places()
        or _ORGANISATION.search(bare)
        or bare.endswith(_STREET_SUFFIXES)
        or _NOT_PERSON_SHAPE.search(bare)
        or _SWEDISH_NOUN.search(bare)
    ):
        return False
    at_start = _sentence_start(text, tokens[i][0])
    for j in (i - 2, i + 2):
        if not (0 <= j < len(tokens) and is_name[j] and _form(tokens[j][2]) == "cap"):
            continue
        a, b = (i, j) if i < j else (j, i)
        if text[tokens[a][1] : tokens[b][0]] in _COORDINATION and (not at_start or listed[j]):
            return True
    return False


def _listed_before(
    text: str, tokens: list[tuple[int, int, str]], is_name: list[bool], i: int
) -> bool:
    """Token ``i`` opens or continues a list of capitalised names: a comma, a name, then a comma
    or a coordination and another name ("Mats, Yasmin och Tove")."""
    count = len(tokens)
    if i and tokens[i - 1][2].casefold() in _PLACE_PREPOSITIONS:
        return False
    if not (i + 1 < count and is_name[i + 1] and text[tokens[i][1] : tokens[i + 1][0]] == ", "):
        return False
    if _form(tokens[i + 1][2]) not in ("cap", "upper"):
        return False
    after = tokens[i + 1][1]
    return (
        i + 3 < count and is_name[i + 3] and text[after : tokens[i + 3][0]] in _COORDINATION
    ) or (i + 2 < count and is_name[i + 2] and text[after : tokens[i + 2][0]] == ", ")


# what a place or an institution named after someone is: "Anna Lindhs park", "Astrid Lindgrens
# Värld", "Drottning Kristinas väg", "Rudbeckianska gymnasiet"
_NAMED_PLACE = re.compile(
    r" (?i:park|parken|väg|vägen|gata|gatan|plats|platsen|torg|torget|värld|skola|skolan|"
    r"gymnasiet|gymnasium|bro|bron|backe|allé|hall|hallen|museum|museet|kyrka|kyrkan|gränd|"
    r"stig|center|centrum|hus|huset|biblioteket|sjukhuset|vårdcentral|vårdcentralen|stiftelse|"
    r"minne|staty|statyn|pris|priset)(?![^\W\d_])"
)


# (seventh round) a place's word in the definite form right after a full name: the place is
# named after the person ("Gustav Vasa kyrkan", "Anna Lindh skolan")
_DEFINITE_PLACE = re.compile(
    r" (?:kyrkan|skolan|parken|torget|huset|hallen|gymnasiet|museet|biblioteket|sjukhuset|"
    r"bron|platsen|gården|badet|stadion|arenan)(?![^\W\d_])"
)
# (seventh round) a work's word and "av" or "by" before its maker: "böcker av Selma Lagerlöf",
# "a song by …"; an author or an artist is no resident or staff member
_WORKS_BY = re.compile(
    r"(?i:(?<![^\W\d_])(?:böcker|boken|bok|böckerna|romaner|romanen|roman|dikter|dikterna|"
    r"låtar|låten|låt|musik|musiken|filmer|filmen|film|pjäsen|pjäser|pjäs|tavlor|tavlan|verk|"
    r"verken|sagor|sagorna|books?|novels?|songs?|poems?|paintings?|films?|music)\s+(?:av|by)\s+)$"
)


def _creators(text: str, tokens: list[tuple[int, int, str]], is_name: list[bool]) -> None:
    """A full name (two capitalised words or more) right after a work's word and "av" is its
    maker's, an author's or an artist's: no one the comment exposes."""
    for i, (start, _, _) in enumerate(tokens):
        if not is_name[i] or not _WORKS_BY.search(text, max(0, start - 24), start):
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and is_name[j + 1]
            and text[tokens[j][1] : tokens[j + 1][0]] == " "
            and _form(tokens[j + 1][2]) == "cap"
        ):
            j += 1
        if j > i and _form(tokens[i][2]) == "cap":
            for k in range(i, j + 1):
                is_name[k] = False


def _named_compounds(text: str, tokens: list[tuple[int, int, str]], is_name: list[bool]) -> None:
    """A compound whose first part is a name is a thing ("Saga-stunden", "Harry Potter-kvällen",
    "Astrid Lindgren-skolan"): it and the capitalised words joined to it before are no names.
    So is a full name or a title and a name in the genitive before a place's word ("Anna Lindhs
    park", "Drottning Kristinas väg"; not "Annas skola", a child's), and a capitalised word that
    is no listed name right before an institution's word ("Rudbeckianska gymnasiet")."""
    for i, (start, end, word) in enumerate(tokens):
        if not is_name[i] or not _NAMED_PLACE.match(text, end) or _form(word) != "cap":
            continue
        joined = i > 0 and text[tokens[i - 1][1] : start] == " "
        previous = tokens[i - 1][2] if joined else ""
        genitive = word.endswith("s") and _form(previous) in ("cap", "upper")
        unlisted = not _category(word, _table()["sv"])[0] and not word.endswith("s")
        # (seventh round) "Gustav Vasa kyrkan": a full name before a definite place's word
        full = bool(previous) and is_name[i - 1] and bool(_DEFINITE_PLACE.match(text, end))
        full = full and _form(previous) == "cap"
        if genitive or unlisted or full:
            is_name[i] = False
            if i + 1 < len(tokens):
                is_name[i + 1] = False  # the place's word itself: "park", "Värld"
            j = i
            while j > 0 and text[tokens[j - 1][1] : tokens[j][0]] == " " and is_name[j - 1]:
                # (seventh round) a place no list holds ends the place's name at a listed
                # person's name before it: "Träffade Lundberg Skultuna skola"
                if (
                    unlisted
                    and not (genitive or full)
                    and _category(tokens[j - 1][2], _table()["sv"])[0] in (GIVEN, SURNAME)
                ):
                    break
                is_name[j - 1] = False
                j -= 1
    for i, (_, _, word) in enumerate(tokens):
        if not is_name[i] or not _NAMED_COMPOUND.fullmatch(word.rstrip(".")) or word.islower():
            continue
        if len(word.split("-")[0]) < 2:  # "E-tjänsten", "T-centralen": no name in front
            continue
        is_name[i] = False
        j = i
        while j > 0 and text[tokens[j - 1][1] : tokens[j][0]] == " " and is_name[j - 1]:
            if _form(tokens[j - 1][2]) not in ("cap", "upper"):
                break
            is_name[j - 1] = False
            j -= 1


def _particle(text: str, tokens: list[tuple[int, int, str]], i: int, table: dict[str, int]) -> bool:
    """A name particle followed (through more particles) by a capitalised word: "van der Berg"."""
    j = i
    while j + 1 < len(tokens) and text[tokens[j][1] : tokens[j + 1][0]] == " ":
        following = tokens[j + 1][2]
        if following.casefold() in _PARTICLES:
            j += 1
            continue
        return _form(following) == "cap" and not _sentence_start(text, tokens[j + 1][0])
    return False


def _backwards(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    listed: list[bool],
    table: dict[str, int],
) -> None:
    """An unlisted capitalised word right before a listed name is its first part: inside a
    sentence before any listed name ("Kontakta Hamdi Barre"), at a sentence's start before a
    listed surname ("Hibaaq Mohamud på …")."""
    for i in range(len(tokens) - 2, -1, -1):
        if is_name[i] or not (is_name[i + 1] and listed[i + 1]):
            continue
        start, end, word = tokens[i]
        bare = word.rstrip(".").casefold()
        at_start = _sentence_start(text, start)
        following = tokens[i + 1][2].rstrip(".").casefold()
        # a name in a Finnish case ends a phrase: "Kiitos Jukalle", "Puhuin Matin kanssa"
        if following not in table and not following.endswith("s"):
            continue
        if at_start and (
            _category(tokens[i + 1][2], table)[0] not in (GIVEN, SURNAME, SURNAME_WORD)
            or bare in _CUE_LAST
            or bare in _ROLE_LAST
            or bare in _INTRO_LAST
            or bare in _OPENING_VERBS
            or everyday(bare)  # "Hälsa Annelie!", "Grattis Anna": a word, then the name
            or _category(word, table)[0]
        ):
            continue
        if (
            text[end : tokens[i + 1][0]] in _GAP
            and _form(word) in ("cap", "upper")
            and bare not in _STOP
            and bare not in _FUNCTION_WORDS
            and bare not in _NOT_NAMES
            and bare not in places()
            and not _ORGANISATION.search(bare)
        ):
            is_name[i] = True


def _next_is_name(
    text: str,
    tokens: list[tuple[int, int, str]],
    i: int,
    table: dict[str, int],
    lower: bool = False,
) -> bool:
    if i + 1 >= len(tokens):
        return False
    start, _, word = tokens[i + 1]
    forms = ("lower",) if lower else ("cap", "upper")
    if word.casefold() in _PARTICLES and text[tokens[i][1] : start] == " ":
        return _particle(text, tokens, i + 1, table)  # "Lena von Sydow"
    if text[tokens[i][1] : start] not in (" ", "-") or _form(word) not in forms:
        return False
    category, _ = _category(word, table)
    bare = word.rstrip(".").casefold()
    return category in (GIVEN, SURNAME, SURNAME_WORD) or (
        not category and len(bare) >= 4 and bool(_SWEDISH_SURNAME.search(bare))
    )


def _display_names(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    emails: list[int],
    table: dict[str, int],
) -> None:
    """The capitalised words right before an e-mail address, when one of them is a name."""
    ends = [end for _, end, _ in tokens]
    for email in emails:
        run: list[int] = []
        position = email
        for i in range(bisect.bisect_right(ends, email) - 1, -1, -1):
            start, end, word = tokens[i]
            if not re.fullmatch(r"[\s<(\[\"'»”“:]*", text[end:position]) or len(run) == 4:
                break
            if _form(word) not in ("cap", "upper"):
                break
            # (eighth round) a display name holds no preposition: "SKRIV TILL KONTAKTCENTER@…"
            # in capitals names no one
            if word.casefold() in _STOP:
                break
            run.append(i)
            position = start
        if len(run) >= 2 or any(
            _category(tokens[i][2], table)[0] in (GIVEN, SURNAME, GIVEN_WORD) for i in run
        ):
            for i in run:
                is_name[i] = tokens[i][2].casefold() not in _STOP


def _dash_signature(text: str, tokens: list[tuple[int, int, str]], is_name: list[bool]) -> None:
    tail = text.rstrip(" .!\n")
    last = [i for i, (s, e, _) in enumerate(tokens) if e <= len(tail)][-3:]
    for k, i in enumerate(last):
        start = tokens[i][0]
        if _DASH_SIGNATURE.search(text[max(0, start - 4) : start]) and all(
            _form(tokens[j][2]) in ("cap", "upper") for j in last[k:]
        ):
            if tokens[last[-1]][1] >= len(tail):
                for j in last[k:]:
                    is_name[j] = True
            return
