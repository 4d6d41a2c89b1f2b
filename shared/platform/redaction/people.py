"""Names of people in a comment, for the thorough pass (``shared.platform.redaction.thorough``).

The lists (``shared/data/person_names.txt``, built by ``scripts/build_name_lists.py`` from
public name statistics) say what a word can be: a given name or a surname, plain or also an
everyday Swedish or English word (``Klara``, ``Sten``, ``Mark``), or a Swedish place. A word is
a name when

1. it is a listed given name or surname that is no everyday word of the comment's language, in
   any case (``göran``, ``GUNNAR``), also possessive (``Lenas chef`` → ``[namn]s chef``); a
   lowercase surname only after a given name (``lena andersson``);
2. it is a listed name that is also a word, capitalised inside a sentence (``pratade med
   Björn``), or at a sentence's start before another name;
3. it follows what introduces a person: ``jag heter``, ``mitt namn är``, a greeting or signature
   (``Mvh``, ``/``, ``Hälsningar``, a dash before the last words), a role (``handläggaren``,
   ``tolken``, ``fru``), a relative (``min son``): then any capitalised word counts, and after an
   introduction or signature any word;
4. it continues a name: a capitalised word, an initial or a particle (``von``, ``af``, ``al``,
   ``bin``, ``van der``) after a name, or a word of Swedish surname shape (``-ström``,
   ``-qvist``, ``-gren``, …) capitalised inside a sentence;
5. it stands right before an e-mail address (the display name: ``Anna Svensson <anna@…>``);
6. in Arabic script: a listed Arabic or Persian name, or any Arabic-script word after an
   introduction; a short Arabic-script run inside a Latin-script comment when it holds a listed
   name; in Ethiopic and Han script, the word right after what introduces a person (``ስመይ``,
   ``谢谢``);
7. the sentence around it says so, once every word is read (``_structure``): coordinated with a
   name in the same case (``Dawit och Selam``), a listed given name before a surname found
   (``Stig Lind``), right before a person's phone number or e-mail address (``Lotta på 070 …``),
   an unknown genitive before a person's noun (``Aliyahs assistent``), spoken to (``Helga, du
   …``);
8. its slot says so (``name_slots``): what a person does after it, at a place where staff work
   (``Hassel på miljöförvaltningen svarade``), even after a closing quote (``"Tussan" i
   hemtjänsten …``), a person's pronoun referring to it, or it is the whole comment (``Ebba ❤️``);
   (eighth round) a name given in quotes (``kallas "Texas"``, ``presenterade sig som``), a
   nickname before ``som alla kallar honom``, set off by commas after ``Han från …,``, a listed
   name in lower case after a relative or ``lilla`` before a verb, SMS thanks (``tack X 4``).

And not a name: in Title Case a capital says nothing; a verb that opens a sentence to a person
(``Ring Ali``); a listed name right after ``i`` (``i Safari``); in a comment written in another
language, letters Swedish lacks and a genitive -s without a capital; the small words of the
languages with such letters (``dziękuję``); a dictionary word ending a clause after ``det är``
(``det är sant``); a full name before a place's word or after a work's word (``Gustav Vasa
kyrkan``, ``böcker av Selma Lagerlöf``); (eighth round) in a comment in a language the lists
do not read, a listed name in lower case without a cue (``ama``, ``ayaan``); a capitalised word
after the word for a town (``коммуне Вестерос``); an Arabic adjective agreeing with its noun;
two places after a preposition of where; a word joined to an acronym (``IKEA och Volvo``); a
relative's present-tense verb (``min mamma bor``); (ninth round) a list of places after a
preposition of where (``i Erikslund, Pettersberg och Jakobsberg``); the noun after Arabic words
of having (``لدي أمل``); in a Turkish comment, a compound's first noun (``Deniz kenarındaki``).
(Ninth round, a name:) a word or a town after a role before a finite verb (``Handläggaren Berg
har``); a pronoun that is a listed name at a department (``Mina på ekonomienheten svarade``); a
lower-case name opening a comment at a place of work before a verb (``micke i idrottshallen
låste``); initials after ``signaturen``; Persian ``من … هستم``, Sorani thanks ``سوپاس بۆ X کە``.
(Eleventh round) Once every word is decided, the hard forms (``name_hard``): a surname after a
name the structure found, a month as a given name at a place of work, SMS forms (``jag o lisa``,
an honorific after a name: ``abi``, ``walaal``), a name before thanks in another language, a
name called out, Persian ``X هستم``, Thai after ``คุณ``, initials at a place of work; and not a
name: a unit after a number, a Persian adjective after ``خیلی``, a Finnish case-form opening a
sentence in another language, an English word-surname opening a comment without Swedish words,
the pronoun ``Du``.
(Thirteenth round) A second pass reads as the first: a name in -s with no noun after it goes
whole (``Tack Yonas,``), an earlier pass's mark counts as a capitalised word in ALL CAPS. A
lower-case word in a comment mixing Swedish and another language is judged by its own sentence
(``spas ji bo alîkariyê``); in capitals a pronoun or an unlisted everyday word after a name is
no part of it, and a listed given name that is an everyday word is the word. Once every rule has
decided: a list of one-word capitalised members with a place and no given name among them is
places (``_place_lists``); a capitalised word no dictionary, list, cue, place, thanks or greeting
holds (``_unknown_capitalised``) is a name after a greeting of any language, after thanks and
its preposition, or opening a sentence before (much) thanks or a person's "from"
(``_addressed``: ``Hej Lejla``, ``Spas bo Rojda``, ``Zlaja iz …``; and any capitalised word
opening a sentence before ``heter jag``: ``Viola heter jag``), and a name takes such a word
beside it, and a particle's surname after it (``_neighbours``: ``Jovnna Pavval``,
``mohammed al-sayed``; not before it in another language's comment); a nickname before "that
is" and a name (``_aliases``: ``Kicki (alltså Kristina …)``); the words of a comment that is a
few words and then only contact data (``_before_contacts_only``); the one word after a
relative with "my" in Persian and Sorani or "to (the)" in Arabic (``مادرم X``), not an
adjective; Danish and Norwegian thanks and small words are no names (``Tak for hjælpen``).

This module composes the signals and decides word by word (``names``); each signal has its
module: what a word alone can be (``name_words``: the lists, the word's shape and language),
what stands before it (``name_cues``: introductions, signatures, roles, relatives, a person's
verbs), what follows it (``name_slots``: the clause's slot, a person's verbs and praise, a place
of work), what the whole sentence says once every word is read (``name_structure``), and the
hard forms read last (``name_hard``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from shared.platform.redaction.lexicon import english as english_word
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.name_cues import (
    _CALL_VERBS,
    _CUE_LAST,
    _I_AM,
    _INTRO,
    _INTRO_LAST,
    _INTRO_TIGHT,
    _NAMING_VERBS,
    _OPENING_VERBS,
    _ORGANISATION_BEFORE,
    _PERSON_CUE,
    _PERSON_CUE_STRONG,
    _PLACE_PREPOSITIONS,
    _PREDICATE_CUE,
    _RELATIVE,
    _ROLE,
    _ROLE_COMPOUND,
    _ROLE_LAST,
    _THANKS_WORDS,
    _UNCASED_CUES,
    _UNCASED_FUNCTION,
    _WHERE_PREPOSITIONS,
)
from shared.platform.redaction.name_hard import (
    _GREETINGS,
    _PERSIAN_SMALL,
    _PRONOUNS,
    _THANKS_AFTER,
    _THANKS_INTENSIFIER,
    _THANKS_MUCH,
    _plain,
    hard_forms,
    kin_compounds,
    named_as,
    thai_names,
)
from shared.platform.redaction.name_slots import (
    _ABBREVIATION_ENDING,
    _AFTER_PERSON,
    _APPOSITION,
    _AT_DEPARTMENT_THEN_VERB,
    _AT_SERVICE,
    _CLAUSE_END,
    _EMOJI_AFTER,
    _FINITE,
    _HEAD_NOUN,
    _HERE,
    _NEW_SUBJECT,
    _PERSON_AT,
    _VOCATIVE,
    _WITH_PERSON,
    _clause_ends_soon,
    _finite_after,
    _person_after,
    _person_at,
    _praised_at,
    _referred_to,
    _unlisted_person,
)
from shared.platform.redaction.name_structure import (
    _backwards,
    _creators,
    _dash_signature,
    _display_names,
    _named_compounds,
    _next_is_name,
    _particle,
    _structure,
    contact_label,
)
from shared.platform.redaction.name_words import (
    _ARABIC,
    _ARABIC_CUES,
    _ARABIC_FUNCTION,
    _ARABIC_KIN,
    _BRANDS,
    _EN_WORDS,
    _FOREIGN_LETTER,
    _FUNCTION_WORDS,
    _GAP,
    _INITIALS,
    _NOT_NAMES,
    _NOT_PERSON_SHAPE,
    _ORGANISATION,
    _PARTICLES,
    _REGIONS,
    _SERVICE_WORDS,
    _STOP,
    _STREET_SUFFIXES,
    _SURNAME_SHAPE,
    _SWEDISH_NOUN,
    _SWEDISH_SURNAME,
    _SWEDISH_WORD_ENDING,
    _TOKEN,
    _UNCASED,
    GIVEN,
    GIVEN_WORD,
    PLACE,
    SURNAME,
    SURNAME_WORD,
    _category,
    _english,
    _form,
    _lang,
    _sentence_start,
    _table,
    _words,
    could_be_name,
    function_words,
    listed,
    place_shaped,
    places,
)

# (eighth round) what follows a thanked person in an SMS: "4" for "för", "du" without a comma
_THANKED = re.compile(r" (?:4|för|4u|du (?:e|är|va|var)) ")
# (eighth round) which name it was: "heter ask i efternamn"
_NAME_KIND = re.compile(r" (?:i|som) (?:efternamn|förnamn|tilltalsnamn|mellannamn)(?![^\W\d_])")
# (eighth round) a nickname before the name others give: "Lillen som alla kallar honom"
_CALLED_SO = re.compile(
    r",? som (?:alla|vi|de|folk|man|ni|grannarna|barnen|personalen) (?:här )?"
    r"(?:kallar|kallade|säger till) (?:honom|henne|hen)(?![^\W\d_])"
)
# (eighth round) set off by commas after a person's pronoun or noun: "Han från entreprenören,
# Micke, grävde …"
_PERSON_BEFORE_COMMA = re.compile(
    r"(?:^|[.!?]\s+)(?:Han|Hon|Hen|Killen|Tjejen|Mannen|Kvinnan|Arbetaren|Gubben|Snubben)"
    r"(?: [^\W\d_]+){1,4}, $"
)
# (eighth round) the word for a municipality, a town or a city in the languages residents write
# in (its stem: the cases follow it): the capitalised word after it is the place's name
_TOWN_WORD = re.compile(
    r"(?:kommun|municipality|city|town|коммун|комун|город|міст|муниципалитет|муніципалітет|"
    r"општин|град|gmin|miast|opštin|općin|opstin|belediye|şehir|kaupunki|kunta|degmad|magaalad|"
    r"mdina|baladiy)"
)
# (seventh round) what only a person does at a place of work: speaks, answers, helps, calls
_SPEAKING_AFTER = re.compile(
    r"[^.!?\n]*? (?:sa|sade|säger|svarade|svarar|hjälpte|hjälper|lovade|lovar|ringde|ringer|"
    r"förklarade|förklarar|lyssnade|lyssnar|skrev|mejlade|pratade|pratar|tolkade|bemötte|"
    r"hälsade|visste|replied|answered|helped|called|said|told|explained)(?![^\W\d_])"
)

__all__ = [
    "NAME_MARK",
    "could_be_name",
    "function_words",
    "given_name",
    "listed",
    "names",
    "organisation",
    "place_shaped",
    "places",
]

NAME_MARK = "[namn]"


def organisation(word: str) -> bool:
    """(eleventh round) Whether ``word`` (folded) ends as an organisation's or an agency's name."""
    return bool(_ORGANISATION.search(word))


def given_name(word: str, words: bool = False) -> bool:
    """(eleventh round) Whether ``word`` is a listed given name (``words``: also one that is an
    everyday word, ``linda``)."""
    return _table()["sv"].get(word.casefold()) in ((GIVEN, GIVEN_WORD) if words else (GIVEN,))


def names(text: str, found: Iterable[tuple[int, int, str]] = ()) -> Iterator[tuple[int, int, str]]:
    """Spans of ``text`` (normalised) that are names of people; ``found``: spans other finders
    took (their words are not read; an e-mail address among them names its display name)."""
    found = list(found)
    taken = sorted((s, e) for s, e, _ in found)
    emails = [s for s, _, mark in found if mark == "[e-post]"]
    table = _table()[_lang(text)]
    tokens = _free_tokens(text, taken)
    # a name an earlier pass marked counts as the word it was (a second pass reads as the first)
    marked = sum(1 for s, e, mark in found if mark == NAME_MARK and text[s:e] == NAME_MARK)
    latin = sum(1 for _, _, w in tokens if not _ARABIC.search(w)) + marked
    arabic = len(tokens) + marked - latin
    foreign = sum(1 for _, _, w in tokens if _FOREIGN_LETTER.search(w))
    # a comment in a language the lists do not read (Somali, Turkish, Spanish …): among three
    # or more words, at most one English function word and under a third Swedish words
    # (eleventh round) every mark an earlier pass left stands for a word in the count: "Navê
    # min [namn] [personnummer]." is read as the Kurmanji comment it was; and three words are
    # enough to tell ("Liian pitkä jono.", "Wszystko w porządku.", "Gelek baş bû.")
    words = latin + sum(1 for s, e, mark in found if mark != NAME_MARK and text[s:e] == mark)
    unread = words >= 3 and _unread(tokens, latin)
    # Title Case Or ALL CAPS throughout: a capital says nothing about a name there
    # (thirteenth round) an earlier pass's name mark stands for a capitalised word there, or a
    # second pass reads "TACK [namn] MIN DAG" as a sentence with one capital in four
    capitals = marked + sum(1 for _, _, w in tokens if w[:1].isupper() and not _ARABIC.search(w))
    titled = latin >= 4 and capitals >= 0.8 * latin
    is_name = [False] * len(tokens)
    keep_s = [False] * len(tokens)
    introduced = [False] * len(tokens)  # the run began after "jag heter", a signature …
    listed = [False] * len(tokens)
    cued = [False] * len(tokens)  # the word was taken after a cue (an intro, a role, a relative …)
    for i, (start, end, word) in enumerate(tokens):
        category, possessive = _category(word, table)
        if possessive and unread:  # a genitive -s is Swedish or English: "gracias" is no Gracia's
            category, possessive = 0, False
        form = _form(word)
        bare = word.rstrip(".").casefold()
        # a listed name that the Swedish dictionary holds as a word ("sanda", "stan") is, in
        # lower case, a word unless the sentence says otherwise
        # (thirteenth round) and so in a comment in capitals, where case says nothing ("PÅ STAN")
        demoted = (
            category == GIVEN
            and (form == "lower" or (form == "upper" and titled))
            and everyday(bare)
        )
        if demoted:
            category = GIVEN_WORD
        as_listed = category
        if bare in _FUNCTION_WORDS or (bare in _NOT_NAMES and form != "arabic"):
            category = 0
        # the verb that opens a sentence to a person is not a name: "Ring Ali på …", "Hälsa Eva"
        if (
            bare in _OPENING_VERBS
            and _sentence_start(text, start)
            and category
            in (
                GIVEN_WORD,
                SURNAME_WORD,
            )
        ):
            category = 0
        # a genitive stands before its noun: "Idas lärare", not "Klass 4B", "samma klass som"
        head = _HEAD_NOUN.match(text, end)
        if possessive and everyday(bare) and (head is None or head.group(1) in _FUNCTION_WORDS):
            category, possessive = 0, False
        # nor before a function word: "Yonas som städar" is Yonas, not Yona's; (thirteenth
        # round) nor with no noun after it at all: "Tack Yonas, du …", "hälsa Klaus!" (a
        # genitive left standing, "[namn]s", would be read as a name by a second pass)
        if possessive and (head is None or head.group(1) in _FUNCTION_WORDS | _CONJUNCTIONS):
            possessive = False
        # a listed name that is also another name's genitive, before its noun: "Annas mamma"
        if (
            category
            and not possessive
            and bare.endswith("s")
            and len(bare) >= 4
            and head is not None
            and head.group(1) not in _FUNCTION_WORDS | _CONJUNCTIONS
            and table.get(bare[:-1], PLACE) != PLACE
            and not everyday(bare)  # "Hans svar" is his
        ):
            possessive = True
        before = text[max(0, start - 60) : start]
        previous = tokens[i - 1] if i else None
        # "ubah. Ring" is two sentences; "M. Sandgren" one name
        joined = (
            previous is not None
            and text[previous[1] : start] in _GAP
            and not (previous[2].endswith(".") and len(previous[2]) > 2)
        )
        after_name = joined and is_name[i - 1]
        # (thirteenth round) in capitals a capital says nothing: a function word, a pronoun or an
        # everyday word the lists hold as no name is no part of the name before it ("TACK JOHANNA DU
        # RÄDDADE MIN DAG"; "MVH KARIN LUND" keeps its surname)
        if (
            after_name
            and form == "upper"
            and (bare in _FUNCTION_WORDS or bare in _PRONOUNS or (not category and everyday(bare)))
        ):
            after_name = False
        after_given = after_name and listed[i - 1]
        sentence_start = _sentence_start(text, start)
        # where a capital says something (not at a sentence's start, not in Title Case)
        told = not (sentence_start or titled)
        # the context patterns end in the word before: try them only after a word that can end
        # one (a cheap test that spares most words four searches)
        last = previous[2].rstrip(".").casefold() if previous else ""
        gap = text[previous[1] : start] if previous else text[:start]
        mark = "/" in gap or ":" in gap
        intro = (last in _INTRO_LAST or mark) and bool(_INTRO.search(before))
        tight = intro and bool(_INTRO_TIGHT.search(before))
        role = last in _ROLE_LAST and bool(_ROLE.search(before))
        # (seventh round) a role's compound right before: "Lärarvikarien Sommar"
        role = role or (
            gap == " "
            and last.endswith(_ROLE_COMPOUND)
            and any(len(last) >= len(r) + 3 for r in _ROLE_COMPOUND if last.endswith(r))
        )
        # (seventh round) a sentence's end after a relative is no role: "… för vår dotter.
        # Pedagogerna är …" (an abbreviation's dot is: "Dr. Lind", "frk. Ek")
        if role and previous is not None and previous[2].endswith(".") and len(last) > 4:
            role = False
        cue = last in _CUE_LAST and bool(_PERSON_CUE.search(before))
        capital = form in ("cap", "upper")
        # coordinated with a name just before: "tack abdi och lina", "Siv och Gun"
        coordinated = (
            i >= 2
            and last in ("och", "eller", "and")
            and is_name[i - 2]
            and text[tokens[i - 2][1] : start] == f" {previous[2]} "  # type: ignore[index]
            # in the same case: "Jag heter Yusuf och bor på …" joins two verbs, not two names
            and (_form(tokens[i - 2][2]) == "lower") == (form == "lower")
        )
        ordinary = bare not in _STOP and bare not in _FUNCTION_WORDS and bare not in _NOT_NAMES
        decided = False
        if category == PLACE:
            # "Anna Lund", "malin norberg", "Omar bin Salem"; a town's name at a department,
            # doing what a person does, is a person: "Mark på tekniska ringde"
            decided = after_given or (
                capital
                and (
                    bool(_AT_DEPARTMENT_THEN_VERB.match(text, end))
                    or _person_at(text, end, verbs_only=True)  # "Berg på miljökontoret kom ut"
                    # (seventh round) asked for, and referred to as a person after: "Ask for
                    # Mark in building permits, he knows"
                    or (told and cue and _referred_to(text, end))
                )
            )
        elif _FOREIGN_LETTER.search(word) and form != "arabic" and ordinary and foreign <= 3:
            # "Dženana", "małgorzata"; in a comment written in a language that has the letter
            # (Turkish, Polish …), only where a capital or the lists say so
            # (thirteenth round) and, in lower case, not inside a sentence of that language in
            # a comment mixing two ("Spas ji bo alîkariyê! Äntligen någon som förstod.")
            decided = (
                (capital or category != 0)
                if unread
                or (not (intro or role or cue) and _other_language_sentence(text, tokens, i))
                else (capital or category != 0 or len(bare) >= 3)
            )
        elif _UNCASED.search(word) and form != "arabic":
            # (seventh round) Ethiopic and Han script, which have no capitals: right after
            # what introduces a person ("ስመይ ሄለን ገብረ እዩ", "谢谢 王丽 的帮助"), and an Ethiopic
            # surname after an Ethiopic name (a Han name is one word)
            han = not re.search(r"[\u1200-\u137f]", word)
            # (tenth round) a Tigrinya word ending in "your" (plural) is a thing thanked for,
            # not a person: "የቐንየለይ ንሓገዝኩም" (thanks for your help)
            decided = (
                bare not in _UNCASED_FUNCTION
                and not bare.endswith(("ኩም", "ኹም", "ክን", "ኽን"))
                and (
                    (
                        last in _UNCASED_CUES
                        and not gap.strip()
                        and (not han or len(bare) <= 4)
                        and (last != "ኣነ" or text.startswith(" እየ", end))
                    )
                    # (eighth round) a Han name after a relative's word: "svärmor 李秀英 behöver"
                    or (han and role and gap == " " and len(bare) <= 4)
                    or (
                        not han
                        and after_name
                        and re.search(r"[\u1200-\u137f]", tokens[i - 1][2]) is not None
                    )
                )
            )
        elif form == "arabic":
            decided = (
                bare not in _ARABIC_FUNCTION
                and (
                    # right after the cue: not after marks a pass put between ("اسمي [namn] …")
                    (last in _ARABIC_CUES and not gap.strip())
                    # (ninth round) Persian "من X هستم" (I am X), Sorani and Persian thanks to
                    # someone ("سوپاس بۆ X", "ممنون از X")
                    # (a listed name among the words: "من خیلی خسته هستم" is "I am very tired")
                    or (
                        last == "من"
                        and not gap.strip()
                        and (i_am := _PERSIAN_I_AM.match(text, end)) is not None
                        and any(_category(w, table)[0] for w in [word, *i_am.group().split()[:-1]])
                    )
                    # (the person's relative pronoun after: "سوپاس بۆ ژیلا کە یارمەتی دام", not
                    # "ممنون از کمکتون", thanks for your help)
                    or (
                        last in _THANKS_TO
                        and i >= 2
                        and not gap.strip()
                        and tokens[i - 2][2] in _ARABIC_THANKS
                        and bare not in _ARABIC_FUNCTION
                        and (
                            re.match(r"\s+(?:کە|که)\s", text[end:]) is not None
                            # (twelfth round) or what a person did, helped: "سوپاس بۆ دڵنیا
                            # زۆر یارمەتی دام" (not you, all, the staff)
                            or (
                                _SORANI_HELPED.match(text, end) is not None
                                and bare not in _SORANI_NOT_PERSON
                                and not bare.endswith(("ەکان", "ەکە"))
                            )
                        )
                    )
                    or (
                        category in (GIVEN, SURNAME)
                        and not _agrees(tokens, i)
                        # (ninth round) what one has, or what there is, is a thing: "لدي أمل أن"
                        # (I have hope that), "هناك نور" (there is light)
                        and last not in _ARABIC_HAVE
                        # (from a probe) nor its adjective: "لدينا أمل كبير" (great hope)
                        and not (i >= 2 and tokens[i - 2][2] in _ARABIC_HAVE and not is_name[i - 1])
                    )
                    or (category == GIVEN_WORD and latin > arabic)
                    or intro
                    or role
                    or cue
                    or (
                        after_name
                        and _ARABIC.search(tokens[i - 1][2]) is not None
                        # (thirteenth round) after a relative's word only a listed name goes on
                        and not (i >= 2 and tokens[i - 2][2] in _ARABIC_KIN and not category)
                    )
                )
            )
            # (thirteenth round) after a relative's word, an adjective: with the article or
            # before "is" ("مادرم بیمار است", my mother is ill; "لأختي الصغيرة", my little sister)
            if (
                decided
                and last in _ARABIC_KIN
                and not (intro or role or cue)
                and (
                    bare.startswith("ال")
                    or bare in _PERSIAN_SMALL  # "مادرم هنوز …" (my mother still …)
                    or _COPULA_AFTER.match(text, end) is not None
                )
            ):
                decided = False
        elif category in (GIVEN, SURNAME) and capital:
            # not right after "i": a person is "hos", "med", "till" someone, a thing is "i"
            # something ("fungerar inte i Safari"), unless more of a name follows
            in_thing = previous is not None and previous[2] == "i"
            decided = not in_thing or after_name or _next_is_name(text, tokens, i, table)
            # (ninth round) in a comment in a language the lists do not read, a word before a
            # noun that takes the possessive of a compound is that compound's first noun
            # ("Deniz kenarındaki park", "Umut evi"; a person's suffix is set off by an
            # apostrophe: "Deniz'in")
            if decided and unread and not (intro or tight or role or cue or after_name):
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                decided = not (
                    following is not None
                    and text[end : following[0]] == " "
                    and _COMPOUND_TAIL.search(following[2]) is not None
                    and _TURKISH.search(text) is not None
                )
        elif category == GIVEN and form == "lower":
            # (eighth round) in a comment in a language the lists do not read, a listed name in
            # lower case is that language's word ("bekledim ama sonunda", "dheer ayaan sugay",
            # "veel ei ole") unless what stands before it introduces a person; (thirteenth round)
            # so in a sentence of such a language inside a comment that mixes in Swedish, which
            # a second pass reads without the first's foreign letters ("Ja sam [namn], zvao sam
            # zbog stana.": "of the flat")
            decided = ordinary and (
                not (unread or _other_language_sentence(text, tokens, i))
                or intro
                or tight
                or role
                or cue
                or after_name
                or last == "tack"
                # after a capitalised word no dictionary holds: "Shirin jan merci"
                or (joined and _form(previous[2]) == "cap" and not everyday(last))  # type: ignore[index]
            )
        elif category == SURNAME and form == "lower":
            # "karlsson på tekniska borde inte jobba med människor"
            decided = after_name or role or cue or tight or bool(_PERSON_AT.match(text, end))
        elif category in (GIVEN_WORD, SURNAME_WORD) and capital:
            head = _HEAD_NOUN.match(text, end)
            # (sixth round) after "på" or "vid" a word that is also a word is where, not who
            # ("Återvinningscentralen på Gryta hade stängt"), unless a cue ("arg på Björn") or
            # a person's clause says otherwise
            # ("klaga på Modig på ekonomiskt bistånd": a place of work after it is a person's)
            at_place = (
                last in _WHERE_PREPOSITIONS
                and not cue
                and not role
                and not re.match(r" (?:på|i|vid|från) ", text[end : end + 6])
            )
            decided = (
                (told and not at_place)
                or coordinated
                # a genitive before its noun: "Ebbas fritidsplats försvann"
                or (possessive and head is not None and head.group(1) not in _FUNCTION_WORDS)
                or after_name
                or intro
                or role
                or _next_is_name(text, tokens, i, table)
                or bool(_AT_SERVICE.match(text, end))  # "Stig på gatukontoret", "Lisa i växeln"
                # (seventh round) the comment is the name alone: "Ebba ❤️"
                or (i == 0 and not re.search(r"[^\W_]", text[end:]))
                or (_person_after(text, end) and not at_place)  # "Tor sa att det var fixat"
                or bool(_VOCATIVE.match(text, end))  # "Helga, du är bäst!"
                or bool(_WITH_PERSON.match(text, end))  # "Hugo och jag cyklar"
                or bool(_APPOSITION.match(text, end))  # "Axel (min son) väntar"
            )
        elif category in (GIVEN_WORD, SURNAME_WORD) and form == "lower":
            decided = (
                ordinary
                and (
                    tight
                    or (coordinated and bool(_AFTER_PERSON.match(text, end - word.endswith("."))))
                    # "chefen lotta sa", "handläggare ebba magnusson", not "Chefen borde ringa"
                    # (eighth round) nor the relative's verb: "min mamma bor på rum 14"
                    or (
                        role
                        and bool(_AFTER_PERSON.match(text, end - word.endswith(".")))
                        and not _present_verb(bare)
                    )
                    or (role and _next_is_name(text, tokens, i, table, lower=True))
                    # (eighth round) a relative's given name before a verb: "dottern saga fick",
                    # "lilla tuva snubblade" (not the relative's own verb: "min mamma bor")
                    or (
                        (
                            role
                            # (not after an article: "den lilla ella som växer i parken")
                            or (
                                last in ("lilla", "lille")
                                and not re.search(
                                    r"(?i:(?<![^\W\d_])(?:den|det|en|ett|de|the|a))\s+$",
                                    text[: previous[0]],  # type: ignore[index]
                                )
                            )
                        )
                        and as_listed in (GIVEN, GIVEN_WORD)
                        and gap == " "
                        and not word.endswith(".")
                        and _finite_after(text, end)
                        and not _present_verb(bare)
                    )
                    # (eighth round) talked with, then referred to: "pratade m linda hon sa"
                    or (
                        cue
                        and bool(_PERSON_CUE_STRONG.search(before))
                        and not word.endswith(".")
                        and _referred_to(text, end)
                    )
                    # (eighth round) thanked in an SMS's shorthand: "tack sanna 4 hjälpen"
                    or (last == "tack" and gap == " " and bool(_THANKED.match(text, end)))
                    # after a name in lower case only: "lena berg", not "sambo Daniel bor på"
                    or (after_name and _form(tokens[i - 1][2]) == "lower")
                    or (
                        cue
                        and bool(_AFTER_PERSON.match(text, end - word.endswith(".")))
                        # (seventh round) "det är sant" is a predicate, "det var lena" a person
                        and not (
                            everyday(bare)
                            and _PREDICATE_CUE.search(before)
                            and _CLAUSE_END.match(text, end - word.endswith("."))
                        )
                    )
                    or (cue and _next_is_name(text, tokens, i, table, lower=True))
                    # at a place of work, doing what a person does: "ebba på fritids är bäst"
                    # (or a pair opening it: "tuva och ebba på fritids är bäst")
                    or (
                        (
                            sentence_start
                            or (
                                i >= 2
                                and last in ("och", "o", "&")
                                and _sentence_start(text, tokens[i - 2][0])
                                and text[tokens[i - 2][1] : start] == f" {last} "
                            )
                        )
                        and len(bare) >= 4  # "bo i hälla är bra", "dag på förskolan var bra"
                        and (_person_at(text, end) or _praised_at(text, end))
                    )
                    # a listed given name the dictionary also holds ("linnea", "emir"), where a
                    # person ends a clause or is named beside another, not a place ("hela stan")
                    or (
                        demoted
                        and last not in _PLACE_PREPOSITIONS
                        and last not in ("hela", "halva", "ute", "inne")
                        and (
                            # (sixth round) a clause's end only where the word is spoken to
                            # or thanked ("tack linnea!"), not "…, sanda!!"
                            (
                                bool(_AFTER_PERSON.match(text, end - word.endswith(".")))
                                # a lower-case word standing alone as a clause is an
                                # exclamation ("…, sanda!!"), not someone named
                                and not (
                                    _CLAUSE_END.match(text, end - word.endswith("."))
                                    and re.search(r"(?:^|[,;:.!?]) *$", text[:start]) is not None
                                )
                            )
                            or _person_after(text, end)
                            or text.startswith((" eller ", " och "), end)
                        )
                    )
                )
            )
        elif capital and ordinary:
            # an unlisted capitalised word: after an introduction, a role, a person's verb or
            # another name (of the same script), or shaped like a Swedish surname in a sentence
            after_name = after_name and not _ARABIC.search(tokens[i - 1][2])
            organisation = bool(_ORGANISATION.search(bare)) or bare.endswith(_STREET_SUFFIXES)
            # (sixth round) after a person's verb alone, not a word the dictionary holds in its
            # definite form or a long compound: "Ring Posten på …", "Kontakta Stadsbyggnad"
            thing = everyday(bare) and (len(bare) > 9 or bool(_NOT_PERSON_SHAPE.search(bare)))
            decided = (
                intro or role or after_name or (cue and not sentence_start and not thing)
            ) and not (organisation and not after_name)
            # not after "i", "på", "från" …: "i Bäckby", "på Malmaberg" are places
            if (
                not decided
                and form == "cap"
                and told
                and len(bare) >= 5
                and last not in _PLACE_PREPOSITIONS
            ):
                decided = (
                    bool(_SWEDISH_SURNAME.search(bare))
                    and bare not in places()
                    and not organisation
                    # (eighth round) the second of two places after "på", "mellan" …:
                    # "mellan Johannisberg och Kristiansborg", "på Pettersberg och Gideonsberg"
                    and not _where_pair(text, tokens, i)
                )
            # a word no Swedish dictionary holds, doing what a person does: "Cabdullahi i
            # receptionen var hjälpsam", "Amanuel Tekle hjälpte oss" (not inside another
            # capitalised name: "Bostads AB Mimer svarar", nor a place after "på", "i")
            # after a listed given name that opens the sentence and is no word: "Li Wei på
            # skolan hjälpte oss"
            given_first = (
                joined
                and _sentence_start(text, previous[0])  # type: ignore[index]
                and _category(previous[2], table)[0] in (GIVEN, GIVEN_WORD)  # type: ignore[index]
                and not everyday(last)
            )
            if (
                not decided
                and form == "cap"
                and (given_first or not (joined and _form(previous[2]) in ("cap", "upper")))  # type: ignore[index]
                and last not in _PLACE_PREPOSITIONS  # "Förskolan på Tallbacka är bra"
                # (eighth round) joined to a company's acronym, a company: "IKEA och Volvo kör"
                and not (
                    last in ("och", "eller", "and", "&")
                    and i >= 2
                    and _form(tokens[i - 2][2]) == "upper"
                    and len(tokens[i - 2][2]) >= 2
                    and not is_name[i - 2]
                    and not titled
                )
                and _unlisted_person(text, tokens, i)
            ):
                decided = True
                if given_first:
                    is_name[i - 1] = True
            # (seventh round) even a word the dictionary holds, at a place where staff work and
            # doing what a person does there: "Hassel på miljöförvaltningen svarade snabbt"
            if (
                not decided
                and form == "cap"
                and len(bare) >= 4
                and bare not in _SERVICE_WORDS
                and bare not in places()
                and not organisation
                and not _NOT_PERSON_SHAPE.search(bare)
                # a person named by a noun in the definite form: "Kvinnan i växeln hjälpte mig"
                and not bare.endswith("an")
                and last not in _PLACE_PREPOSITIONS
                and not (joined and _form(previous[2]) in ("cap", "upper"))  # type: ignore[index]
                and bool(_AT_SERVICE.match(text, end))
                and _person_at(text, end, verbs_only=True)
                # what only a person does there (things come and go: "Post i kassan kom bort")
                and bool(_SPEAKING_AFTER.match(text, end, end + 60))
            ):
                decided = True
            # (sixth round) after a call verb, a capitalised word at a place of work, even one
            # the dictionary holds: "Fråga Vilja på förskolan", "Ring Sten på bygglov" (not a
            # definite noun, an organisation or a desk: "Ring Posten på …", "Fråga Kundtjänst")
            if (
                not decided
                and form == "cap"
                and last in _CALL_VERBS
                and text[previous[1] : start] == " "  # type: ignore[index]
                and len(bare) >= 3
                and bare not in _SERVICE_WORDS
                and bare not in places()
                and not organisation
                and not _NOT_PERSON_SHAPE.search(bare)
                and (bool(_AT_SERVICE.match(text, end)) or _person_at(text, end))
            ):
                decided = True
            # "Jag är Fadumo, …": after "jag är", a capitalised word no Swedish word; (eighth
            # round) after "I am" a full name or a name before a comma ("I am Somchai Wongsakul")
            if (
                not decided
                and form == "cap"
                and (
                    last == "är"
                    or (
                        last in ("am", "i'm")
                        and re.match(r",|\s+[A-ZÅÄÖ][^\W\d_]+", text[end:]) is not None
                    )
                )
                and bool(_I_AM.search(before))
                and len(bare) >= 3
                and not everyday(bare)
                and bare not in places()
                and not organisation
            ):
                decided = True
            # inside a sentence of a language the lists do not read, a capitalised word that is
            # no Swedish word is a name: "Waxaan la hadlay Cawo oo i caawisay"
            if (
                not decided
                and unread
                and form == "cap"
                and told
                and len(bare) >= 3
                and last not in _PLACE_PREPOSITIONS
                # (eighth round) the word for a municipality or a town names a place after it:
                # "Спасибо коммуне Вестерос", "gmina Wrocław", "magaalada Hargeysa"
                and not _TOWN_WORD.match(last)
                and not organisation
                and bare not in places()
                and not everyday(bare)
            ):
                decided = True
            # (eighth round) a nickname others give: "Lillen som alla kallar honom"; set off by
            # commas after a person: "Han från entreprenören, Micke, grävde …"
            if (
                not decided
                and form == "cap"
                and len(bare) >= 3
                and bare not in places()
                and not organisation
                and (
                    bool(_CALLED_SO.match(text, end))
                    or (
                        text.startswith(", ", end)
                        and not everyday(bare)
                        and bool(_PERSON_BEFORE_COMMA.search(text, max(0, start - 60), start))
                    )
                )
            ):
                decided = True
            if not decided and _INITIALS.fullmatch(word) and (len(bare) > 1 or word.endswith(".")):
                decided = _next_is_name(text, tokens, i, table)  # "M. Sandgren", "A-L. Berg"
            if not decided and len(bare) == 1 and form == "cap" and after_given:
                decided = True  # "Sara L"
        elif form == "lower" and ordinary and not category:
            decided = (
                (tight and _clause_ends_soon(text, tokens, i))
                # "jag heter zarghona jag behöver …": a new clause's subject after it
                or (tight and bool(_NEW_SUBJECT.match(text, end)))
                # (eighth round) "som heter ask i efternamn"
                or (tight and bool(_NAME_KIND.match(text, end)))
                or (after_name and introduced[i - 1] and _clause_ends_soon(text, tokens, i))
                or (after_given and len(bare) >= 4 and bool(_SURNAME_SHAPE.search(bare)))
                # (eighth round) thanked in an SMS's shorthand, any word no dictionary holds:
                # "tack amra du e bäst", "tack fadde 4 allt"
                or (
                    last == "tack"
                    and gap == " "
                    and bool(_THANKED.match(text, end))
                    and 3 <= len(bare) <= 12
                    and not everyday(bare)
                    and bare not in _THANKS_WORDS
                    and bare not in _INTRO_LAST
                )
                # "tack jonte för att du lyssnade", "tack lollo 🙂 du fixade det"
                or (
                    last == "tack"
                    and (
                        text.startswith((" för ", " för,"), end)
                        or bool(_VOCATIVE.match(text, end))
                        or (not everyday(bare) and bool(_EMOJI_AFTER.match(text, end)))
                    )
                    and bare not in _THANKS_WORDS
                    and bare not in _INTRO_LAST
                    and not _SWEDISH_WORD_ENDING.search(bare)
                )
                or (
                    3 <= len(bare) <= 12
                    and bare not in _SERVICE_WORDS
                    and not _SWEDISH_NOUN.search(bare)
                    and bool(_AFTER_PERSON.match(text, end - word.endswith(".")))
                    and cue
                    and bool(_PERSON_CUE_STRONG.search(before))
                )
                or (
                    role
                    and 3 <= len(bare) <= 12
                    and bare not in _SERVICE_WORDS
                    and not everyday(bare)  # "min mamma bäst" praises her
                    and not _SWEDISH_NOUN.search(bare)
                    and not _SWEDISH_WORD_ENDING.search(bare)
                    and (
                        bool(_AFTER_PERSON.match(text, end - word.endswith(".")))
                        # "min son arian går i trean": a finite verb after it
                        or _finite_after(text, end)
                    )
                )
                # a word no dictionary holds, at a place of work, doing what a person does:
                # "meron från hemtjänsten förstår min mamma", or called: "ring zbyszek om …"
                or (
                    3 <= len(bare) <= 12
                    and bare not in _SERVICE_WORDS
                    and not everyday(bare)
                    and not _SWEDISH_NOUN.search(bare)
                    and not _SWEDISH_WORD_ENDING.search(bare)
                    and not _english(text)  # no English dictionary: "the library at …"
                    and (
                        _person_at(text, end, verbs_only=True)
                        # (not another language's small word: Danish "Ring til 040 …")
                        or (
                            last in _CALL_VERBS
                            and text[previous[1] : start] == " "  # type: ignore[index]
                            and bare not in _FOREIGN_SMALL
                        )
                    )
                )
                # (seventh round) called, at a place of work, and referred to as a person after,
                # even a word the dictionary holds: "ring fia på förskolan hon vet"
                or (
                    last in _CALL_VERBS
                    and gap == " "
                    and 3 <= len(bare) <= 12
                    and bare not in _SERVICE_WORDS
                    and not _SWEDISH_NOUN.search(bare)
                    and bool(_AT_SERVICE.match(text, end))
                    and _referred_to(text, end)
                )
            )
        if (
            not decided
            and capital
            and role
            and bare not in _FUNCTION_WORDS
            and bare not in _BRANDS
            and bool(_RELATIVE.search(before))
        ):
            decided = True  # "min son Max", "min mamma Maj är 92"
        if (
            not decided
            and capital
            and as_listed in (GIVEN, GIVEN_WORD)
            and bare in _NOT_NAMES
            and bare not in _BRANDS
            and _person_at(text, end)
        ):
            decided = True  # "Sol på förskolan är världens bästa pedagog"
        # (seventh round) a month's name, talked with: "fick prata med Maj i början av juni"
        if (
            not decided
            and capital
            and told
            and bare in _NOT_NAMES
            and bare not in _BRANDS
            and table.get(bare) in (GIVEN, GIVEN_WORD)
            and cue
            and _PERSON_CUE_STRONG.search(before)
        ):
            decided = True
        if not decided and bare in _PARTICLES:
            decided = _particle(text, tokens, i, table) and (
                after_name or role or cue or intro or not sentence_start
            )
        if decided and joined and previous[2].casefold() in _BRANDS:  # type: ignore[index]
            decided = False
        # (sixth round) after "heter", "hette", "my name is": any capitalised word, even one
        # a list keeps as no name ("Flickan som hette Maj"); "Sanna här, …" opening a comment
        if (
            not decided
            and (capital or (i == 0 and form == "lower"))
            and bare not in _FUNCTION_WORDS
            and len(bare) >= 2
            # (a word after it, not a signature's "/": "/Kommunen" signs as no one)
            and (
                (capital and tight and not mark and last in _NAMING_VERBS)
                # (seventh round) in lower case too: "jocke här ring …"
                or (
                    i == 0
                    and _HERE.match(text, end)
                    and as_listed != PLACE
                    and (as_listed != 0 or (len(bare) >= 3 and not everyday(bare)))
                )
            )
        ):
            decided = True
        # (from a probe) a place-shaped word in a list of places after a preposition of where is
        # a place, whichever rule took it: "i Hammarby, Vallby och Skiljebo"
        if (
            decided
            and form == "cap"
            and as_listed != GIVEN
            # (twelfth round) or a word no list holds, in such a list: "mellan Gustavshöjd och
            # Ersboda"
            and (place_shaped(bare) or _NOT_PERSON_SHAPE.search(bare) or not as_listed)
            and _where_pair(text, tokens, i)
        ):
            decided = False
        if not decided:
            decided = _ninth_round_slot(
                text, tokens, i, word, bare, form, as_listed, role, gap, before, last, table
            )
        # (sixth round) an abbreviation ("VL:s"), a region or a province ("Region Västmanland"),
        # a word after an organisation's word: places and organisations, not people
        if decided and (
            _ABBREVIATION_ENDING.match(text, end)
            or bare in _REGIONS
            or (joined and last in _ORGANISATION_BEFORE and capital)
        ):
            decided = False
        is_name[i] = decided
        keep_s[i] = decided and possessive
        listed[i] = decided and (
            category in (GIVEN, SURNAME, GIVEN_WORD, SURNAME_WORD)
            or (bare in _PARTICLES and i > 0 and listed[i - 1])
            # (seventh round) initials stand for a given name: "K-G Lund"
            or bool(_INITIALS.fullmatch(word))
        )
        introduced[i] = decided and (intro or tight or (after_name and introduced[i - 1]))
        cued[i] = decided and (
            intro or tight or role or cue or coordinated or (after_name and cued[i - 1])
        )
        # a particle decided before: "van der Berg" takes "der" too
        if decided and i >= 1 and joined and tokens[i - 1][2].casefold() in _PARTICLES:
            is_name[i - 1] = True
    _structure(text, tokens, is_name, listed, keep_s, found, table)
    _backwards(text, tokens, is_name, listed, table)
    _named_compounds(text, tokens, is_name)
    _creators(text, tokens, is_name)
    # a signature: capitalised words after a dash at the very end ("… tack! - Anna Ek")
    _dash_signature(text, tokens, is_name)
    _display_names(text, tokens, is_name, emails, table)
    foreign = unread or (words >= 3 and _foreign_sentence(tokens))
    if foreign:
        _uncued_in_unread(text, tokens, is_name, cued)
    # (eleventh round) the hard forms: SMS, honorifics, names called out, other scripts
    hard_forms(text, tokens, is_name, cued, foreign)
    # (twelfth round) a word said to be a name: "hette glad i efternamn", "Xamdi ayaa ah
    # magacayga" (every word inside)
    for start, end in named_as(text):
        for k, (s, e, _) in enumerate(tokens):
            if start <= s and e <= end:
                is_name[k] = True
    _place_lists(text, tokens, is_name, cued, table)
    _addressed(text, tokens, is_name, table, titled)
    _aliases(text, tokens, is_name, table)
    for start, end in _before_contacts_only(text, tokens, found, table):
        if not any(s < end and start < e for s, e in taken):
            for k, (s, e, _) in enumerate(tokens):
                if start <= s and e <= end:
                    is_name[k] = False  # the span goes whole below
            yield start, end, NAME_MARK
    _neighbours(text, tokens, is_name, table, titled, foreign)
    for start, end in thai_names(text):
        if not any(s < end and start < e for s, e in taken):
            yield start, end, NAME_MARK
    # (twelfth round) a name hyphened to a relative's word: "Aino-mormors" (unless taken whole)
    for start, end in kin_compounds(text):
        if not any(s < end and start < e for s, e in taken) and not any(
            is_name[k] and s < end and start < e for k, (s, e, _) in enumerate(tokens)
        ):
            yield start, end, NAME_MARK
    i = 0
    while i < len(tokens):
        if not is_name[i]:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and is_name[j + 1]
            and text[tokens[j][1] : tokens[j + 1][0]] in _GAP
            and not (tokens[j][2].endswith(".") and len(tokens[j][2]) > 2)
        ):
            j += 1
        end = tokens[j][1]
        word = tokens[j][2]
        if word.endswith(".") and len(word.rstrip(".")) > 1:
            end -= 1
        if keep_s[j]:
            end -= 2 if word.endswith(("'s", "’s")) else 1
        yield tokens[i][0], end, NAME_MARK
        i = j + 1


# (thirteenth round) a surname joined to its particle, in any case: "al-sayed", "bin-laden"
_VOWEL = re.compile("[aeiouyåäöéáíóúàèìòùëïüâêîôûæøıœ]")
_JOINED_SURNAME = re.compile(r"(?:al|el|ul|abu|bin|ibn|ben|bint|ould)-[^\W\d_]{3,}", re.I)


def _neighbours(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    table: dict[str, int],
    titled: bool,
    foreign: bool,
) -> None:
    """(thirteenth round) A name found by any rule takes the parts of the same name beside it that
    no list holds: a capitalised word right before it or right after it that is no word of any
    dictionary, no name's cue, no place and no other language's small word ("Ubah Cali Nuur
    ayaa …", "Jovnna Pavval 073 …", "Cawo Maxamed waa …"), and a particle's surname after it in
    any case ("mohammed al-sayed"). Not in Title Case, where a capital says nothing, and not
    before the name in a comment in another language, whose nouns and verbs no dictionary here
    holds ("Gabadha Hodan", the girl Hodan; "Puhuin Pirjon kanssa", I spoke with Pirjo)."""
    for i in range(len(tokens)):
        if not is_name[i]:
            continue
        for k, gap_at in (
            ((i - 1, (i - 1, i)), (i + 1, (i, i + 1))) if not foreign else ((i + 1, (i, i + 1)),)
        ):
            if not 0 <= k < len(tokens) or is_name[k]:
                continue
            # one space between, and no sentence's end ("… till rania. Pnr …")
            if text[tokens[gap_at[0]][1] : tokens[gap_at[1]][0]] != " " or tokens[gap_at[0]][
                2
            ].endswith("."):
                continue
            word = tokens[k][2]
            if k > i and _JOINED_SURNAME.fullmatch(word.rstrip(".")):
                is_name[k] = True
                continue
            if not titled and _unknown_capitalised(word, table):
                is_name[k] = True


_LIST_WORDS = frozenset({"och", "eller", "and", "o", "samt"})


def _place_lists(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    cued: list[bool],
    table: dict[str, int],
) -> None:
    """(thirteenth round) A list of capitalised words, one of them a place by the lists or its
    shape and none a listed given name, is a list of places: "Lindängen, Holma och Kroksbäck
    glöms bort" (districts), wherever it stands (the ninth round read such lists only after a
    preposition of where); not when a cue took a word ("Mvh Berg, Lund och Dahl")."""
    if not any(is_name):
        return
    i = 0
    while i < len(tokens):
        if not tokens[i][2][:1].isupper():  # a list of capitalised words starts with one
            i += 1
            continue
        members = [i]
        while True:
            k = members[-1]
            if k + 1 < len(tokens) and text[tokens[k][1] : tokens[k + 1][0]] == ", ":
                members.append(k + 1)
            elif (
                k + 2 < len(tokens)
                and tokens[k + 1][2].casefold() in _LIST_WORDS
                and text[tokens[k][1] : tokens[k + 1][0]] == " "
                and text[tokens[k + 1][1] : tokens[k + 2][0]] == " "
            ):
                members.append(k + 2)
            else:
                break
        j = members[-1]
        # each member one word: not "Regards, Mark Thompson"
        alone = (
            i == 0
            or text[tokens[i - 1][1] : tokens[i][0]] != " "
            or _form(tokens[i - 1][2]) != "cap"
        ) and (
            j + 1 == len(tokens)
            or text[tokens[j][1] : tokens[j + 1][0]] != " "
            or _form(tokens[j + 1][2]) != "cap"
        )
        if (
            j > i
            and alone
            and any(is_name[k] for k in members)
            and not any(cued[k] for k in members)
            and all(_form(tokens[k][2]) == "cap" for k in members)
            and any(
                _plain(tokens[k][2]) in places() or place_shaped(_plain(tokens[k][2]))
                for k in members
            )
            and not any(_category(tokens[k][2], table)[0] in (GIVEN, GIVEN_WORD) for k in members)
        ):
            for k in members:
                is_name[k] = False
        i = j + 1


def _unknown_capitalised(word: str, table: dict[str, int]) -> bool:
    """(thirteenth round) ``word`` is capitalised and no dictionary (Swedish, English), list,
    cue, place, thanks, greeting or other language's small word holds it: where a name stands, it
    is one."""
    bare = word.rstrip(".").casefold()
    return not (
        _form(word) != "cap"
        or len(bare) < 3
        or word.endswith(".")
        or _category(word, table)[0]
        or everyday(bare)
        or english_word(bare)
        or bare in _STOP
        or bare in _NOT_NAMES
        or not _VOWEL.search(bare)  # "Pnr", "Tfn"
        or bare in _INTRO_LAST
        or bare in _CUE_LAST
        or bare in _ROLE_LAST
        or bare in _CALL_VERBS
        or bare in _OPENING_VERBS
        or bare in _THANKS_WORDS
        or bare in _FOREIGN_SMALL
        or bare in _UNREAD_OPENERS
        or bare in _THANKS_AFTER
        or bare in _THANKS_MUCH
        or bare in _GREETINGS
        or bare in _GREETINGS_ELSEWHERE
        or bare in _REGIONS
        or bare in places()
        or place_shaped(bare)
        or bool(_ORGANISATION.search(bare))
        # a long word in a definite noun's or a place's shape is a compound ("Jovnna", "Máret"
        # are short)
        or (len(bare) > 7 and bool(_NOT_PERSON_SHAPE.search(bare)))
        or bare.endswith(_STREET_SUFFIXES)
        or bool(_ARABIC.search(word))
    )


# (thirteenth round) greetings of the languages residents write, before the one greeted (written
# from general vocabulary): "Merhaba Emre", "Zdravo Senad", "Cześć Kasia", "Moi Tuula"
_GREETINGS_ELSEWHERE = _words(
    "dear merhaba selam salam salaam slm zdravo cześć czesc hei moi terve hola ciao bonjour "
    "hallo hoi silav iska"
)
# (thirteenth round) a preposition between thanks and the one thanked: Kurmanji "bo", BCS and
# Polish "za", English "to", Swedish "till"
_ASKING = frozenset({"vad", "hur", "vem", "vilken", "vilket", "vilka", "varför", "när", "var"})
_NAMED_BEFORE = re.compile(
    r"\s+(?:heter|hette)\s+(?:jag|hon|han|hen|min|mitt|vår|vårt|hennes|hans|deras)(?![^\W\d_])"
)
_THANKED_THROUGH = frozenset({"bo", "za", "to", "till"})
# (thirteenth round) "from" after a person, where they work (BCS, English, Somali, Persian);
# not Polish "z", also "with" after a verb ("Rozmawiałam z …"), nor "was", which any noun can be
# ("Obsługa była miła")
_FROM_AFTER = re.compile(r"\s+(?:iz|od|from|ka|az)(?![^\W\d_])", re.I)


def _addressed(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    table: dict[str, int],
    titled: bool,
) -> None:
    """(thirteenth round) A word no dictionary or list holds, capitalised, where a name stands in
    any language: right after a greeting ("Hej Lejla tack", "Merhaba Emre"), after thanks and
    its preposition ("Spas bo Rojda", "Hvala za Senad"), and opening a sentence before thanks,
    much thanks or a person's "from" ("Berivan zor spas!", "Zlaja iz kontakt centra"; not
    before "was", which any noun can stand before: "Obsługa była miła"). And any capitalised
    word opening a sentence before "heter" and a person ("Viola heter jag", "Sten heter min
    pappa"; not a question's word, "Vad heter hon?", nor a thing, "Blomman heter den")."""
    if titled:
        return
    for i, (start, end, word) in enumerate(tokens):
        if is_name[i] or not word[:1].isupper() or _form(word) != "cap":
            continue
        # a name said before "heter" and a person, even a dictionary word: "Viola heter jag",
        # "Sten heter min pappa" (not "Blomman heter den")
        if (
            _sentence_start(text, start)
            and _NAMED_BEFORE.match(text, end) is not None
            and _plain(word) not in _FUNCTION_WORDS
            and _plain(word) not in _PRONOUNS
            and _plain(word) not in _ASKING  # "Vad heter hon?"
        ):
            is_name[i] = True
            continue
        previous = tokens[i - 1] if i else None
        one_space = previous is not None and text[previous[1] : start] == " "
        last = _plain(previous[2]) if previous else ""
        before = tokens[i - 2] if i >= 2 else None
        if (
            (one_space and (last in _GREETINGS or last in _GREETINGS_ELSEWHERE))
            or (
                one_space
                and last in _THANKED_THROUGH
                and before is not None
                and text[before[1] : previous[0]] == " "  # type: ignore[index]
                and _plain(before[2]) in _THANKS_AFTER
            )
            or (
                _sentence_start(text, start)
                and (_FROM_AFTER.match(text, end) is not None or _thanks_follow(text, tokens, i))
            )
        ) and _unknown_capitalised(word, table):
            is_name[i] = True


_CONTACT_MARKS = ("[telefon]", "[e-post]", "[adress]", "[personnummer]")
_TO_CONTACT = re.compile(r"[\s,:;/،–-]*")
_CONTACT_LABEL = re.compile(r"nr|num|mail|mejl|adr|tel|tfn|mobil|phone|cpr|pesel")
_CHUNK = re.compile(r"[^\s,:;/،]+")


def _before_contacts_only(
    text: str,
    tokens: list[tuple[int, int, str]],
    found: list[tuple[int, int, str]],
    table: dict[str, int],
) -> list[tuple[int, int]]:
    """(thirteenth round) A comment that is one to three words and then only a person's contact
    data (an address, a number, an e-mail) and nothing else is a name and its contacts: "Máret
    Labba Tallkronsvägen 15 +46 …", "kalle öhman 070 …"; every word must be able to be a name's
    (in one case, not a contact's label: not "Ring 070 …", "Personnr: …", "Ii soo wac …"), a
    framing "هستم" (I am) aside; a dictionary's word only after a name ("Máret Labba"). Not in
    scripts without case, where no dictionary here tells a name from "call me on this number".
    """
    contacts = sorted(s for s, _, mark in found if mark in _CONTACT_MARKS)
    if not contacts:
        return []
    chunks = list(_CHUNK.finditer(text, 0, contacts[0]))
    if not 1 <= len(chunks) <= 3 or not _TO_CONTACT.fullmatch(text, chunks[-1].end(), contacts[0]):
        return []
    if text[: chunks[0].start()].strip():
        return []
    # nothing but contacts after the words: "Personnr 7310… om ni behöver det" says something
    rest = list(text[chunks[-1].end() :])
    offset = chunks[-1].end()
    for s, e, mark in found:
        if mark in _CONTACT_MARKS and s >= offset:
            rest[s - offset : e - offset] = [" "] * (e - s)
    if not _TO_CONTACT.fullmatch("".join(rest).rstrip(".!")):
        return []
    latin = {_form(w) for _, _, w in tokens if w.lower() != w.upper() and _form(w) != "arabic"}
    if len(latin) > 1:
        return []  # one name is written in one case: not "Ii soo wac" (call me)
    spans: list[tuple[int, int]] = []
    for chunk in chunks:
        inside = [t for t in tokens if chunk.start() <= t[0] and t[1] <= chunk.end()]
        words = [w for _, _, w in inside if len(w) >= 2]
        if words and all(_plain(w) in _ARABIC_FUNCTION for w in words):
            continue  # "هستم" (I am) frames the name
        if not words and any(
            mark == NAME_MARK and s < chunk.end() and chunk.start() < e for s, e, mark in found
        ):
            continue  # a name an earlier finder took ("Sara" of "Ánte Sara, Storgatan 3")
        after_name = bool(spans) and not text[spans[-1][1] : chunk.start()].strip()
        if not words or not all(_can_name(w, table, after_name) for w in words):
            return []  # every word is a name's, or the words say something else
        if after_name:
            spans[-1] = (spans[-1][0], chunk.end())  # one name of several words
        else:
            spans.append((chunk.start(), chunk.end()))
    return spans


def _can_name(word: str, table: dict[str, int], after_name: bool) -> bool:
    """A listed name in any case, a capitalised word no dictionary holds (or, after a name, any
    capitalised word but a place), an Arabic-script listed name; not a contact's label."""
    bare = _plain(word)
    if (
        bare in _FUNCTION_WORDS
        or bare in _STOP
        or bare in _NOT_NAMES
        or bare in _INTRO_LAST
        or bare in _CUE_LAST
        or bare in _CALL_VERBS
        or bare in _OPENING_VERBS
        or bare in _ARABIC_CUES
        or bare in places()
    ):
        return False
    category = _category(word, table)[0]
    form = _form(word)
    if form == "arabic":
        return category in (GIVEN, SURNAME, GIVEN_WORD, SURNAME_WORD)
    if word.lower() == word.upper():  # no case and no dictionary here: Thai, Ethiopic, Han
        return False
    if not _VOWEL.search(bare) or _CONTACT_LABEL.search(bare) or contact_label(word):
        return False  # "Pnr", "Personnr", "Mobil", "Lambarkaygu", "Osoite"
    return (
        category in (GIVEN, SURNAME)
        or (category in (GIVEN_WORD, SURNAME_WORD) and form != "lower")
        or (form == "cap" and (after_name or not (everyday(bare) or english_word(bare))))
    )


# (thirteenth round) "that is" between a nickname and the full name (Swedish, English, Polish,
# Finnish, Turkish, BCS, Arabic in Latin letters)
_ALIAS_WORDS = _words("alltså dvs aka czyli eli yani yaani tj odnosno")
_ALIAS_GAP = re.compile(r"\s*[,(]?\s*$")


def _aliases(
    text: str, tokens: list[tuple[int, int, str]], is_name: list[bool], table: dict[str, int]
) -> None:
    """(thirteenth round) A capitalised word set before "that is" and a name is the same person's
    nickname: "Kicki (alltså Kristina …)", "Kasia, czyli Katarzyna", "Memo, yani Mehmet"
    (not a place or a dictionary word: "Gottsunda, alltså Anna …" keeps the place)."""
    for k in range(2, len(tokens)):
        if not is_name[k] or is_name[k - 2] or _plain(tokens[k - 1][2]) not in _ALIAS_WORDS:
            continue
        word = tokens[k - 2][2]
        bare = _plain(word)
        if (
            _form(word) == "cap"
            and _ALIAS_GAP.fullmatch(text, tokens[k - 2][1], tokens[k - 1][0]) is not None
            and (
                _category(word, table)[0] in (GIVEN, GIVEN_WORD)
                or _unknown_capitalised(word, table)
            )
            and bare not in places()
            and not place_shaped(bare)
        ):
            is_name[k - 2] = True


def _thanks_follow(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Thanks, or much thanks, follow word ``i`` ("Berivan zor spas", "Dragan puno hvala")."""
    words = []
    for k in (i + 1, i + 2):
        if k >= len(tokens) or text[tokens[k - 1][1] : tokens[k][0]] not in (" ", ", "):
            break
        words.append(_plain(tokens[k][2]))
    return bool(words) and (
        words[0] in _THANKS_AFTER
        or (words[0] in _THANKS_INTENSIFIER and len(words) > 1 and words[1] in _THANKS_AFTER)
    )


def _present_verb(bare: str) -> bool:
    """(eighth round) ``bare`` (folded) is a Swedish verb in the present tense as the dictionary
    holds it: the infinitive and ``-r`` (``bor``, ``går``), ``-ar`` for ``-a`` (``pratar``),
    ``-er`` for ``-a`` (``ringer``)."""
    if not everyday(bare) or not bare.endswith("r") or len(bare) < 3:
        return False
    return (everyday(bare[:-1]) and bare[-2] in "aoåeiuyäö") or (
        bare.endswith("er") and everyday(bare[:-2] + "a")
    )


def _agrees(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """(eighth round) An Arabic word in ``ة`` right after an indefinite noun in ``ة`` is the
    adjective agreeing with it ("ساعة كاملة", a whole hour), whatever name it also spells; a name
    after a noun follows a definite one ("الموظفة فاطمة", "للموظفة سارة") or a cue."""
    if not i or not tokens[i][2].endswith("ة"):
        return False
    noun = tokens[i - 1][2]
    return (
        bool(_ARABIC.search(noun))
        and noun.endswith("ة")
        and re.match("(?:[وفبك]?ال|لل)", noun) is None  # the article, after a preposition too
        and tokens[i - 1][1] + 1 == tokens[i][0]
    )


# (ninth round) a lower-case word opening a comment, at a place of work (a definite noun, a
# second place after it), then a finite verb: "lisa i receptionen på stadshuset var supersnäll"
_SMS_AT_WORK = re.compile(r" (?:i|på|vid|från) [a-zåäö]{3,}(?:en|et|n|t)(?= )")
_QUANTIFIERS = frozenset(
    {"alla", "allt", "ingen", "inga", "någon", "några", "många", "flera", "båda"}
)
_ORGANISATION_ENDING = re.compile(
    r"(?:verket|kassan|myndigheten|förvaltningen|nämnden|polisen|kommun|kommunen|bolaget)$"
)
_ONLY_A_PERSON = re.compile(
    r" (?:var|är|e) (?:så |väldigt |super|jätte)?(?:snäll|trevlig|otrevlig|hjälpsam|vänlig|"
    r"oförskämd|tålmodig|omtänksam|duktig|kunnig|sur|arg|go|gullig)(?![^\W\d_])"
)
# (ninth round) a signature's initials after its word: "med signaturen KL"
_SIGNATURE_WORD = re.compile(
    r"(?i:(?<![^\W\d_])(?:signaturen|signatur|signerat|signerad|sign\.?))\s+$"
)


def _ninth_round_slot(
    text: str,
    tokens: list[tuple[int, int, str]],
    i: int,
    word: str,
    bare: str,
    form: str,
    as_listed: int,
    role: bool,
    gap: str,
    before: str,
    last: str,
    table: dict[str, int],
) -> bool:
    """(ninth round) Slots the word's list and the rules above miss: a capitalised word right
    after a role and before a finite verb, even a word or a town ("Vår pedagog Sol har",
    "Handläggaren Berg har inte svarat"); a capitalised pronoun opening a sentence at a
    department before what a person does ("Mina på ekonomienheten svarade"); a lower-case
    given name or word no dictionary holds opening the comment, at a place of work, before a
    finite verb ("micke i idrottshallen låste upp"); initials after "signaturen"."""
    start, end = tokens[i][0], tokens[i][1]
    # (a role's word alone counts here: "Vår pedagog Sol")
    role = role or last.endswith(_ROLE_COMPOUND) or f"{last}en" in _ROLE_COMPOUND
    if (
        form == "cap"
        and role
        and gap == " "
        and bare not in _BRANDS
        and bare not in _FUNCTION_WORDS
        and len(bare) >= 2
        and _ORGANISATION_ENDING.search(bare) is None  # "Min handläggare Skatteverket har"
        # (from a probe) a department is no name: "Handläggaren Bygglov har inte svarat";
        # nor a word no list holds that a dictionary does or that ends as a Swedish noun:
        # "Läraren Engelska har", "Handläggaren Socialtjänsten har"
        and bare not in _SERVICE_WORDS
        and not (as_listed == 0 and (everyday(bare) or _SWEDISH_NOUN.search(bare)))
        and _FINITE.match(text, end) is not None
    ):
        return True
    if (
        form == "cap"
        and bare in _FUNCTION_WORDS
        and table.get(bare) in (GIVEN, GIVEN_WORD)  # "Mina", not "De", "Någon"
        and bare not in _QUANTIFIERS  # (from a probe) "Alla på kontoret svarade"
        and (
            (_sentence_start(text, start) and _AT_DEPARTMENT_THEN_VERB.match(text, end))
            # (from a probe) inside a sentence a capital says it: "tackar Mina på kundtjänst"
            or (not _sentence_start(text, start) and _AT_SERVICE.match(text, end))
        )
    ):
        return True
    if (
        form == "lower"
        and i == 0
        and 3 <= len(bare) <= 12
        and bare not in _FUNCTION_WORDS
        and bare not in _SERVICE_WORDS
        and (as_listed in (GIVEN, GIVEN_WORD) or (as_listed == 0 and not everyday(bare)))
    ):
        at = _SMS_AT_WORK.match(text, end)
        verb = _FINITE.match(text, at.end()) if at is not None else None
        if (
            verb is not None
            and not any(
                w.casefold() in places() for w in re.findall(r"[^\W\d_]+", text[end : verb.end()])
            )
            # a word the dictionary holds needs what only a person is or is referred to as:
            # "lisa … var supersnäll", not "dag på förskolan var bra"
            and (
                as_listed == GIVEN
                or not everyday(bare)
                or _ONLY_A_PERSON.search(text, verb.start(), verb.end() + 30)
                or _referred_to(text, end)
            )
        ):
            return True
    return (
        form == "upper"
        and 2 <= len(bare) <= 3
        and gap == " "
        and _SIGNATURE_WORD.search(before) is not None
    )


# (ninth round) Persian "I am" after a name or two; thanks in Persian and Sorani Kurdish, and the
# preposition after them that names whom
_COPULA_AFTER = re.compile(r"\s+(?:است|هست|بود|هستند|بودند|ە|ye|e)(?![\u0600-\u06ff\w])")
_PERSIAN_I_AM = re.compile(r"(?:\s+[\u0600-\u06ff]+)?\s+هستم(?![\u0600-\u06ff])")
_ARABIC_THANKS = frozenset({"سوپاس", "ممنون", "تشکر", "مرسی", "سپاس", "متشکرم"})
_THANKS_TO = frozenset({"بۆ", "از"})
# (twelfth round) Sorani "(very) helped": after "سوپاس بۆ", a person's name comes before it
_SORANI_HELPED = re.compile(r"\s+(?:زۆر\s+)?یارمەتی")
_SORANI_NOT_PERSON = frozenset({"ئێوە", "تۆ", "هەموو", "هەمووتان", "ئەوان", "کارمەندان"})
# (ninth round) Arabic words of having and of there being: the noun after them is a thing
_ARABIC_HAVE = frozenset({"لدي", "لديّ", "عندي", "لدينا", "عندنا", "هناك", "يوجد", "لديه", "لديها"})
# (ninth round) Turkish possessed nouns of a compound, in the locative-relative too: "kenarı",
# "kenarındaki", "suyu", "evleri" (lower case, the Turkish vowels)
# (only in a comment with a letter of Turkish's own: "ı", "ğ", "ş")
_COMPOUND_TAIL = re.compile(r"^[a-zçğıöşü]{2,}(?:[ıiuü]n[dt][ae]ki|[sy]?[ıiuü]|l[ae]r[ıi])$")
_TURKISH = re.compile("[ığş]")


def _where_pair(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """(eighth round) Token ``i`` is the second of two capitalised words joined by "och" after a
    preposition of where, the first of a place's shape: "mellan Johannisberg och Kristiansborg"
    (districts named after someone are places; "med Lindberg och Holmberg" are people)."""
    # (ninth round) or any later word of a list of them: "i Erikslund, Pettersberg och
    # Jakobsberg" (walk back over ", " and " och " between capitalised words)
    j = i
    while True:
        if j >= 1 and text[tokens[j - 1][1] : tokens[j][0]] == ", ":
            if _form(tokens[j - 1][2]) != "cap":
                return False
            j -= 1
        elif (
            j >= 2
            and tokens[j - 1][2] in ("och", "eller", "and")
            and text[tokens[j - 2][1] : tokens[j][0]] == f" {tokens[j - 1][2]} "
            and _form(tokens[j - 2][2]) == "cap"
        ):
            j -= 2
        else:
            break
    if j == i or j < 1:
        return False
    first = tokens[j][2]
    return (
        tokens[j - 1][2].casefold() in _WHERE_PREPOSITIONS
        and text[tokens[j - 1][1] : tokens[j][0]] == " "
        and bool(place_shaped(first.casefold()) or _NOT_PERSON_SHAPE.search(first.casefold()))
    )


def _unread(tokens: list[tuple[int, int, str]], latin: int) -> bool:
    english = sum(1 for _, _, w in tokens if w.casefold() in _EN_WORDS)
    if english > 1:
        return False
    swedish = 0
    for _, _, word in tokens:
        if not _ARABIC.search(word) and len(word) >= 2 and everyday(word):
            swedish += 1
            if swedish >= 0.3 * latin:
                return False
    return True


# a code: a run of letters and digits that opens with a digit ("51d28efe", "4B", "2tr"): its
# letters are part of it, never a name ("efe" is one in a list)
# (twelfth round) and a run with a letter after its digits ("efe912b5", "ab12c"): a handle is
# letters with digits at the end ("jocke87"), never letters again after them
_CODE = re.compile(r"(?<![^\W_])(?:\d\w*?[^\W\d_]\w*|[^\W\d_]+\d+[^\W\d_]\w*)")


# (tenth round) everyday words of languages the lists do not read that a name list also holds
# and that open a sentence as the word (written from general vocabulary, not from any corpus):
# Finnish "I hope", "I got", "my mother", "snow"; Turkish "my children", and (twelfth round) its
# object pronouns "me", "him/her", "you", "to me"; Kurdish "thanks", "day", "children"; Somali
# "bad luck"; BCS "nobody", "when"
_UNREAD_OPENERS = frozenset(
    [
        "beni",
        "onu",
        "seni",
        "bana",
        "toivon",
        "sain",
        "äitini",
        "lumi",
        "isäni",
        "tänään",
        "çocuklarım",
        "spas",
        "roj",
        "zarokên",
        "ayaan",
        "niko",
        "kada",
        "azadî",
        "navê",  # Kurmanji "the name of": "Navê min Dilan e" (my name is Dilan)
        # words that are given names too, opening a sentence as the word: Arabic "hope",
        # "generous", "light"; Turkish "sun", "born"; BCS "hope", "spring"; Persian "rain"
        "amal",
        "karim",
        "noor",
        "güneş",
        "doğan",
        "nada",
        "vesna",
        "baran",
    ]
)


# (tenth round) small words of languages residents write that the lists do not read (Kurmanji,
# BCS, Polish, Arabic and Persian in Latin letters, Finnish, Turkish, Somali), written from
# general vocabulary, not from any corpus; some are Swedish or English words too ("min", "her",
# "se", "on"), and here count for neither
_FOREIGN_SMALL = _words(
    "ji bo li min me we ez tu ew em ku ne bi di jî lê her gelek baş spas kirin dikim im in e "
    "je nije na sam su smo ali mi ti da za od sa bilo bio bila hvala neko niko što šta gdje "
    "nie się jest w z że jak ale to ja przez bardzo dziękuję "
    "ana mish fi ala an ma la wa al kan kanat shukran inta anta hada "
    "va az ke ba dar man ast bood khoob kheili ra "
    "ei on ja se että oli ole mutta kun myös minä minun meidän kiitos "
    # (thirteenth round) Danish and Norwegian, which the Swedish dictionary half reads: I, not,
    # and, very, to, said, what, someone, thanks
    "jeg ikke og meget mye til sagde hvad hva nogen noen tak takk "
    "ve bir bu çok için ama değil ben var yok ile beni bana seni sana onu ona bizi bize sizi "
    "size lütfen "
    "waa iyo ka ku oo ayaa waxaan aan mahadsanid"
)


# prepositions of where in those languages (Polish, BCS, Kurmanji, Arabic and Persian in Latin
# letters): "do", "w", "z", "u", "iz", "li", "fi", "dar", "az", "ila"
# after a name: from (where a person works) and the past tense of "to be" with a person's gender
_PERSON_NEXT = re.compile(
    r"\s+(?:z|ze|iz|od|from|ka|az|je\s+bi(?:o|la)|bi(?:o|la)\s+je|był|była)(?![^\W\d_])", re.I
)
_FINNISH_WHERE_ENDING = re.compile(r"[aeiouyäö]?(?:ss[aä]|st[aä])$")
_FOREIGN_WHERE = _words("do w we z ze u iz na li fi dar az ila")


# (thirteenth round) conjunctions the function words lack: no genitive's noun ("Elias eller …")
_CONJUNCTIONS = frozenset({"eller", "samt", "fast", "utan", "or", "nor"})
_SENTENCE_END = re.compile(r"[.!?\n]")


def _other_language_sentence(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """(thirteenth round) The sentence holding word ``i`` is in a language the lists do not read:
    small words that are no Swedish or English function word ("ji", "bo", "çok", "je") outnumber its
    Swedish and English words (a name's own letters are no evidence: "Best regards, małgorzata
    woźniak")."""
    foreign = known = 0
    for _, _, word in _sentence_of(text, tokens, i):
        bare = word.rstrip(".").casefold()
        if bare in _FOREIGN_SMALL and bare not in _FUNCTION_WORDS:
            foreign += 1
        elif bare in _FUNCTION_WORDS or (len(bare) >= 2 and everyday(bare)):
            known += 1
    return foreign > known


def _sentence_of(
    text: str, tokens: list[tuple[int, int, str]], i: int
) -> list[tuple[int, int, str]]:
    """(thirteenth round) The words of the sentence that holds word ``i``."""
    first = i
    while first and not _SENTENCE_END.search(text, tokens[first - 1][1] - 1, tokens[first][0]):
        first -= 1
    last = i
    while last + 1 < len(tokens) and not _SENTENCE_END.search(
        text, tokens[last][1] - 1, tokens[last + 1][0]
    ):
        last += 1
    return tokens[first : last + 1]


def _foreign_sentence(tokens: list[tuple[int, int, str]]) -> bool:
    """(tenth round) The comment is written in another language than Swedish or English: at
    least two of its words are small words of such a language or have letters Swedish lacks,
    and they outnumber its Swedish and English words ("Zarokên min li dibistanê baş in, spas",
    "Niko se nije javio na telefon cijeli dan")."""
    foreign = known = 0
    for _, _, word in tokens:
        bare = word.rstrip(".").casefold()
        if _ARABIC.search(word):
            continue
        if bare in _FOREIGN_SMALL or _FOREIGN_LETTER.search(word):
            foreign += 1
        elif bare in _EN_WORDS or (len(bare) >= 2 and everyday(bare)):
            known += 1
    return foreign >= 2 and foreign > known


def _uncued_in_unread(
    text: str, tokens: list[tuple[int, int, str]], is_name: list[bool], cued: list[bool]
) -> None:
    """(tenth round) In a comment in a language the lists do not read, a word in lower case in a
    script with case is a name only after a cue that language gives ("dibistanê", "kesî", "dan",
    "radi" are its words); a sentence's first word that is one of that language's everyday words
    (``_UNREAD_OPENERS``) is that word unless a cue or a name beside it says otherwise."""
    for lower in (False, True):  # openers first: "Äitini sai", "Amal kabir" are then alone
        for i, (start, end, word) in enumerate(tokens):
            if not is_name[i] or cued[i] or word.lower() == word.upper():
                continue
            # a name beside it, joined, in capitals or after a cue: "Ayşe hanım", "Omar al-Sayed"
            if any(
                0 <= j < len(tokens)
                and is_name[j]
                and text[min(tokens[j][1], end) : max(tokens[j][0], start)] == " "
                and (cued[j] or _form(tokens[j][2]) != "lower")
                for j in (i - 1, i + 1)
            ):
                continue
            form = _form(word)
            bare = word.rstrip(".").casefold()
            if (
                (lower and form == "lower")
                or (
                    not lower
                    and form == "cap"
                    and (
                        (
                            bare in _UNREAD_OPENERS
                            and _sentence_start(text, start)
                            # not before a word of where a person works or what a person was:
                            # "Nada iz recepcije", "Karim z recepcji", "Baran je bio ljubazan"
                            and not _PERSON_NEXT.match(text, end)
                        )
                        # (tenth round) a Finnish "in", "from" ending on an unlisted word: a place
                        # ("enää Viksängissä"), as a person is not in or out of
                        or (
                            not _sentence_start(text, start)
                            and _FINNISH_WHERE_ENDING.search(bare) is not None
                            and not listed(bare)
                        )
                        # a place-shaped word after that language's "to", "in", "from": "do Bäckby"
                        or (
                            i > 0
                            and tokens[i - 1][2].casefold() in _FOREIGN_WHERE
                            and text[tokens[i - 1][1] : start] == " "
                            and place_shaped(bare)
                        )
                    )
                )
            ):
                is_name[i] = False


def _free_tokens(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The words of ``text`` outside the spans other finders took and outside codes (sorted by
    start)."""
    taken = sorted([*taken, *((m.start(), m.end()) for m in _CODE.finditer(text))])
    tokens = []
    k = 0
    for m in _TOKEN.finditer(text):
        while k < len(taken) and taken[k][1] <= m.start():
            k += 1
        # spans may overlap one another: look at the few that can still reach this word
        if any(s < m.end() and m.start() < e for s, e in taken[k : k + 8]):
            continue
        tokens.append((m.start(), m.end(), m.group()))
    return tokens
