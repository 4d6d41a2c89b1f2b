"""(Eleventh round) The hard forms of a name the word-by-word rules of ``people`` miss or take
wrongly, read once every word is decided (``hard_forms``), and names in Thai script
(``thai_names``); (twelfth round) spans of names inside a word or said to be names
(``kin_compounds``: ``Aino-mormors``; ``named_as``: ``hette glad i efternamn``, ``Xamdi ayaa ah
magacayga``).

A name, by a class of form:

- it continues a name found only by the sentence's structure, before a finite verb (``Gabriel
  och Nahrin Malke tackar``: the surname after a name the coordination found), or is a word the
  lists keep as no name after a listed given name, before a finite verb (``Tove Glad var …``);
- a given name the lists keep as no name (a month: ``Maj``) at a place where staff work before
  what a person did there (``Maj på hemtjänsten slutade …``);
- coordinated in lower case with the writer (``jag o lisa var där``);
- it opens the comment before a thanks word of any language (``Rojda spas bo …``);
- an honorific or a word for a sibling follows it (Turkish ``abi``, ``abla``, ``hanım``,
  ``bey``; Somali ``walaal``; Persian ``khanom``, ``agha``): ``mehmet abi``, ``ladan walaal``;
- a possessive the lists hold as a given name (``Dina``), capitalised inside a sentence, before a
  number in brackets (``Amir (…) och Dina (ÅÅMMDD-…)``);
- initials at a place where staff work before what a person does there (``AB på skolkontoret
  lovade``), unless they are a department's or an agency's letters (``IT``, ``HR``, ``CSN``);
- it is called out, the same capitalised word again and again (``Kicki Kicki Kicki!``);
- a Persian sentence opens with it before ``هستم`` (I am), a listed name among its words;
- in Thai, the word after the honorific ``คุณ`` (Khun);
- (twelfth round) an unlisted capitalised word right after thanks in another script or language
  (``شكراً Layla``, ``Ollu giitu Sunná``); a listed given name in lower case with digits written
  onto it (``jocke87``); a listed given name in lower case between a greeting and ``här``
  (``hej tina här``); in capitals, a listed given name after a finite verb and ``INTE`` or
  ``ALDRIG`` (``SVARAR INTE LINDA``);
- (thirteenth round) Turkish kin words after a name (``kardeşim``, ``ablam``, ``canım``), and a
  name hyphened to a group of people named after it (``Tarek-gänget``, ``Sanna-teamet``).

Not a name, whichever rule took it (unless a cue took it):

- a personal pronoun (``Tack! Du är bäst.``, ``Vi på förskolan hjälpte till.``), unless a name
  stands right beside it (``Li Du``);
- a thanks word of another language (``Kiitos``, ``Gracias``) and, opening a sentence in another
  language, a Polish verb in the past tense (``Czekałam``);
- a lower-case word right after a number is a unit or a thing (``3 rok``, rooms and kitchen);
- an Arabic-script word after an intensifier (Persian ``خیلی``, ``بسیار``: very) is an
  adjective (``خیلی صبور بود``, was very patient);
- in a comment written in another language, a capitalised word opening a sentence that the lists
  hold only through a Finnish case ending (``Olen``, ``Liian``: "I am", "too") is that language's
  word (in a Swedish comment the case still reads a name: ``Nasrin hjälpte``);
- in a comment with no Swedish function word, a word opening it that the lists hold as a surname
  only and, for English, as an English word, before a word that is no verb (``Good service
  overall.``);
- (twelfth round) in a comment in another language, a capitalised word opening a sentence that
  the comment writes in lower case later (``Deniz kenarında …, deniz uzak``), and a town with a
  case ending (``Umeå'da``); a compound of everyday words ending in a definite noun
  (``Kulturveckan i Väven``); where every sentence opens with a capital, a lower-case everyday
  word beside no name (``iris``, ``fødselsnummer``); (thirteenth round) Danish and Norwegian
  thanks (``Tak``, ``Takk``), and an Arabic-script word before ``جداً`` (very), an adjective.
"""

from __future__ import annotations

import re

from shared.platform.redaction.lexicon import english as english_word
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.name_cues import _INTRO_TIGHT, _PERSON_CUE
from shared.platform.redaction.name_slots import _AT_SERVICE, _FINITE, _person_at
from shared.platform.redaction.name_words import (
    _ARABIC,
    _ARABIC_FUNCTION,
    _FUNCTION_WORDS,
    _NICKNAME,
    _NOT_NAMES,
    _ORGANISATION,
    _STOP,
    _STREET_SUFFIXES,
    _SV_WORDS,
    GIVEN,
    GIVEN_WORD,
    SURNAME,
    SURNAME_WORD,
    _category,
    _form,
    _sentence_start,
    _table,
    _words,
    places,
)

# thanks in the languages residents write in, after which a name opening a comment is spoken to
_THANKS = _words(
    "tack tackar thanks thank spas sipas sopas hvala dziękuję dzięki dzieki kiitos teşekkürler "
    "tesekkurler teşekkür sağol sagol mahadsanid shukran shukraan merci mersi mamnun gracias "
    "danke obrigado giitu "
    # (thirteenth round) Danish and Norwegian
    "tak takk"
)
# the words that make thanks many or big, before the thanks word: "Gelek spas", "Puno hvala"
_THANKS_INTENSIFIER = _words(
    "gelek pir zor zaf puno hvala bardzo serdecznie çok cok stort tusen hjärtligt varmt many "
    "thank big huge mange vielen muchas mil mahadsanid aad ollu"
)
# (twelfth round) thanks in the scripts and languages the Latin list above lacks (Arabic,
# Persian, Sorani, Urdu; North Sami), after which a capitalised Latin word is the one thanked:
# "شكراً Layla för hjälpen", "Ollu giitu Sunná!"
_THANKS_AFTER = _THANKS | _words("شكرا شكر ممنون ممنونم مرسی مرسي سپاس سوپاس متشکرم شکریہ giitu")
# greetings opening an SMS before the writer's name and "här": "hej tina här"
_GREETINGS = _words("hej hejsan hejhej hallå halloj tjena tja tjenare hello hi hey")
# what follows thanks without being a name: much, a lot, all, again (the languages above)
_THANKS_MUCH = _THANKS_INTENSIFIER | _words(
    "paljon much so very så mycket alot again igen alla all everyone everybody todo tutto puno "
    "lot ollu"
)
_ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0670]")
# a Polish verb in the past tense, first person (I waited, we called): "Czekałam", "Dzwoniliśmy"
_POLISH_PAST = re.compile(r"(?:łam|łem|łaś|łeś|liśmy|łyśmy|liście|łyście)$")
# honorifics and words for a sibling that follow a person's name (Turkish, Somali, Persian,
# Kurdish in Latin letters)
_HONORIFIC_AFTER = _words(
    "abi abla hanım hanim bey hoca hocam amca teyze walaal abaayo eedo abti adeer khanom khanum "
    "khanoum agha xanim xanım "
    # (twelfth round) Somali's sibling word with its vocative and possessive endings
    "walaalo walaalka walaashay walaalkay walaasha "
    # (thirteenth round) Turkish "my sibling", "my elder sister/brother", "dear" after a name
    "kardeşim kardesim ablam abim ablacım abicim canım"
)
# Persian, Urdu and Arabic intensifiers: the word after them is an adjective
_INTENSIFIER = _words("خیلی بسیار واقعا واقعاً کاملا کاملاً خیلے بہت جدا")
# (thirteenth round) Arabic's "very" after its adjective: "طويل جداً" (very long)
_VERY_AFTER = _words("جدا جداً جدًا")
# the letters of departments, agencies and services that do what a person does at a place of work
# ("IT på skolan svarade", "HR på kontoret lovade"): general Swedish acronyms
_ACRONYMS = _words(
    "it hr sfi lss bup ivo csn smhi sl ul vl sos bvc mvc vc af fk skv ica svt sr tv pr adm ks "
    "kf sd kd mp ssk usk"
)
_PERSIAN_I_AM = "هستم"
# Persian small words that open what one is without naming anyone (I, we, you, not, all, very,
# so, now, again, still)
_PERSIAN_SMALL = _words("من ما شما تو نه همه خیلی خیلے بسیار چقدر الان باز هنوز هم اصلا دیگر")
# Thai: the honorific before a person's name, and the words that follow it without being one
_THAI_NAME = re.compile(r"คุณ[ \t]+([\u0e00-\u0e7f]+)")
_THAI_NOT_NAME = frozenset(
    {"มาก", "มากค่ะ", "มากครับ", "ค่ะ", "ครับ", "นะ", "นะคะ", "นะครับ", "ทุกคน", "ทุกท่าน", "จ้า"}
)
# a past-tense verb of what a person did at a place of work: "slutade", "svarade", "sa"
_DID = re.compile(
    r" (?:inte |aldrig )?(?:[a-zåäö]{2,}(?:ade|de|te)|sa|kom|gick|tog|gav)(?![^\W\d_])"
)
# (twelfth round) what only a person is said to be: "var så snäll", "är jättetrevlig"
_KIND = re.compile(
    r" (?:var|är|va) (?:så |väldigt |verkligen |otroligt |alltid |mycket |super|jätte)?"
    r"(?:snäll|trevlig|otrevlig|hjälpsam|duktig|vänlig|tålmodig|förstående|omtänksam|kunnig|"
    r"oförskämd|elak)(?![^\W\d_])"
)
# possessives the lists hold as given names too ("Mina", "Dina"), and a bracket with a number
_FUNCTION_WORDS_NAMED = _words("mina dina")
_CONTACT_IN_BRACKETS = re.compile(r"\s*\(\s*\+?\d[\d \t-]{5,}")
# the personal pronouns, which some lists hold as names too ("Du", "Vi"): never a name alone
_PRONOUNS = _words("du vi ni jag han hon hen de dem")
# digits written onto a word, as in a handle: "jocke87", "lisa_92" (the word ends there)
_HANDLE_DIGITS = re.compile(r"[._]?(\d{1,4})(?![^\W_])")
_NUMBER_BEFORE = re.compile(r"\d[ \t]$")  # matched on the two characters before a word


def _definite_compound(bare: str) -> bool:
    """(twelfth round) ``bare`` is a compound of everyday words whose last is a noun in the
    definite form, an event or a thing (``kulturveckan``, ``skördemässan``), not a name."""
    if "-" in bare or len(bare) < 8:
        return False
    for k in range(3, len(bare) - 4):
        head, tail = bare[:k], bare[k:]
        if (
            tail.endswith(("an", "en", "et", "na"))
            and everyday(tail)
            and (everyday(head) or (head[-1] in "se" and len(head) > 3 and everyday(head[:-1])))
        ):
            return True
    return False


def _plain(word: str) -> str:
    return word.rstrip(".").casefold()


def hard_forms(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    cued: list[bool],
    foreign: bool,
) -> None:
    """Decide again the words the module docstring lists (``is_name`` changed in place);
    ``foreign``: the comment is written in a language other than Swedish or English."""
    table = _table()["sv"]
    english = _table()["en"]
    count = len(tokens)

    def gap(i: int) -> str:
        return text[tokens[i - 1][1] : tokens[i][0]]

    # (twelfth round) in a comment in another language, a word written in lower case there too
    # is that language's word where it opens a sentence: "Deniz kenarında …, deniz uzak"
    # (after it, not before: "Meillä kävi onni: Onni vastasi" plays on a name)
    twins: set[str] = set()
    if foreign:
        for k, (s, _, w) in enumerate(tokens):
            if not cued[k] and _form(w) == "cap" and _sentence_start(text, s):
                bare = _plain(w)
                if any(_form(v) == "lower" and _plain(v) == bare for _, _, v in tokens[k + 1 :]):
                    twins.add(bare)
    # (twelfth round) a writer who opens every sentence with a capital writes names with one:
    # a lower-case everyday word there is the word, unless a cue took it ("Rabatterna med iris
    # och linnea vid Rådhustorget")
    capitalising = bool(tokens) and all(
        _form(w) != "lower" for s, _, w in tokens if _sentence_start(text, s)
    )

    def _plain_word(k: int) -> bool:
        # an uncued lower-case everyday word
        return not cued[k] and _form(tokens[k][2]) == "lower" and everyday(_plain(tokens[k][2]))

    for i, (start, end, word) in enumerate(tokens):
        bare = word.rstrip(".").casefold()
        if is_name[i]:
            if cued[i]:
                # (twelfth round) a word of both Swedish and English that no list holds, taken only
                # because a verb of talking or calling came before it, is a service or a thing:
                # "Prata med Ultra!", "Prata med Support om det" (not "Jag heter Glad")
                if (
                    _form(word) == "cap"
                    and table.get(bare) is None
                    and not (i and is_name[i - 1])
                    and not (i + 1 < count and is_name[i + 1] and gap(i + 1) == " ")
                    and everyday(bare)
                    and english_word(bare)
                    and _PERSON_CUE.search(text, 0, start) is not None
                    and _INTRO_TIGHT.search(text, 0, start) is None
                    # (a person at a place of work stays one: "Tack till Glad i receptionen")
                    and _AT_SERVICE.match(text, end) is None
                ):
                    is_name[i] = False
                continue
            form = _form(word)
            if (
                capitalising
                and not foreign
                and form == "lower"
                and everyday(bare)
                # (not a particle or a surname beside a name: "Sara de la Cruz", "kjell bergman";
                # another such word beside it is none: "linnea vid Rådhustorget")
                and not (i and is_name[i - 1] and gap(i) == " " and not _plain_word(i - 1))
                and not (
                    i + 1 < count
                    and is_name[i + 1]
                    and gap(i + 1) == " "
                    and not _plain_word(i + 1)
                )
            ):
                is_name[i] = False
                continue
            if (
                form == "cap"
                and table.get(bare) not in (GIVEN, SURNAME)
                # (the subject of what follows, not a house's name in an address: "Villa
                # Solbacken, Täfteå 77")
                and text[end : end + 1] == " "
                and _definite_compound(bare)
            ):
                is_name[i] = False  # "Kulturveckan i Väven var jättebra", "Skördemässan i …"
                continue
            if bare in twins:
                is_name[i] = False  # "Deniz kenarında …", "Jono oli pitkä ja jono ei liikkunut"
                continue
            if (
                form == "cap"
                and (stem := re.split(r"['’]", bare, maxsplit=1)[0]) != bare
                and stem in places()
            ):
                # a town with a case ending: "Umeå'da", "İstanbul'dan" (not "Ahmet'e"), and the
                # lower-case word only it carried: "Umeå'da deniz uzak"
                is_name[i] = False
                if (
                    i + 1 < count
                    and is_name[i + 1]
                    and not cued[i + 1]
                    and gap(i + 1) == " "
                    and _form(tokens[i + 1][2]) == "lower"
                ):
                    is_name[i + 1] = False
                continue
            if (
                bare in _PRONOUNS
                and not (i + 1 < count and is_name[i + 1] and gap(i + 1) == " ")
                and not (i and is_name[i - 1] and gap(i) == " ")
            ):
                # (from probes) a personal pronoun: "Tintin! Du är bäst.", "Vi på förskolan
                # hjälpte till."
                is_name[i] = False
            elif bare in _THANKS and bare not in ("tack", "tackar"):
                is_name[i] = False  # (from probes) "Kiitos Pekka paljon", "Gracias Lucía …"
            elif (
                foreign
                and form == "cap"
                and _sentence_start(text, start)
                and _POLISH_PAST.search(bare) is not None
            ):
                is_name[i] = False  # (from a probe) a Polish verb: "Czekałam dwa tygodnie"
            elif form == "lower" and _NUMBER_BEFORE.match(text, max(0, start - 2), start):
                is_name[i] = False  # "3 rok", "2 ivo"
            elif form == "arabic" and (
                (i and tokens[i - 1][2] in _INTENSIFIER)
                or (i + 1 < count and gap(i + 1) == " " and tokens[i + 1][2] in _VERY_AFTER)
            ):
                is_name[i] = False  # "خیلی صبور بود"
            elif (
                foreign
                and form == "cap"
                and "-" not in bare
                and _sentence_start(text, start)
                and table.get(bare) is None
                and _category(word, table) in ((GIVEN, False), (SURNAME, False))
                and not bare.endswith("s")
                # (a capitalised name after it would make it a given name: "Jukan Virtanen")
                and not (i + 1 < count and is_name[i + 1] and _form(tokens[i + 1][2]) != "lower")
            ):
                is_name[i] = False  # "Olen erittäin tyytyväinen", "Liian kauan"
                # and the lower-case word only it carried: "Olen tyytyväinen palveluun."
                if i + 1 < count and is_name[i + 1] and not cued[i + 1] and gap(i + 1) == " ":
                    is_name[i + 1] = False
            elif (
                i == 0
                and form == "cap"
                and table.get(bare) == SURNAME
                and english.get(bare) == SURNAME_WORD
                and i + 1 < count
                and gap(i + 1) == " "
                and _form(tokens[i + 1][2]) == "lower"
                and _FINITE.match(text, end) is None
                and not any(_plain(w) in _SV_WORDS for _, _, w in tokens)
            ):
                is_name[i] = False  # "Good service overall."
            continue
        # only a word some rule below can take: after a name, first, before an honorific,
        # after "o"/"och", a word the lists keep as no name, or said twice (most words are none)
        if (
            (i and is_name[i - 1])
            or i == 0
            or (i + 1 < count and _plain(tokens[i + 1][2]) in _HONORIFIC_AFTER)
            or (i >= 2 and tokens[i - 1][2] in ("o", "och", "&"))
            or bare in _STOP
            or bare in _NOT_NAMES
            or (i + 1 < count and tokens[i + 1][2] == word)
            or (i and tokens[i - 1][2] == word)
            or (len(word) <= 3 and word.isupper())
            or bare in _FUNCTION_WORDS_NAMED
            or (word.islower() and _HANDLE_DIGITS.match(text, end) is not None)
            or (i and tokens[i - 1][2].casefold() in _THANKS_AFTER)
            or (i and _plain(tokens[i - 1][2]) in _GREETINGS)
            or (i >= 2 and word.isupper() and _plain(tokens[i - 1][2]) in ("inte", "aldrig"))
        ):
            is_name[i] = _hard_name(text, tokens, is_name, i, table)
    # (twelfth round) and once more, now that the words beside are decided: "linnea vid
    # Rådhustorget" (the place freed after "vid" was read)
    if capitalising and not foreign:
        for i in range(count):
            if (
                is_name[i]
                and _plain_word(i)
                and not (i and is_name[i - 1] and gap(i) == " ")
                and not (i + 1 < count and is_name[i + 1] and gap(i + 1) == " ")
            ):
                is_name[i] = False
    # a Persian comment opening with a name of two or three words before "هستم" (I am):
    # "احمد شاه رحیمی هستم" (not "خیلی خسته هستم", very tired, nor "از شما ممنون هستم")
    if count >= 3 and _form(tokens[0][2]) == "arabic":
        for k in range(2, min(count, 4)):
            if tokens[k][2] == _PERSIAN_I_AM:
                run = range(k)
                if all(gap(j + 1) == " " for j in run) and not any(
                    tokens[j][2] in _ARABIC_FUNCTION
                    or tokens[j][2] in _INTENSIFIER
                    or tokens[j][2] in _PERSIAN_SMALL
                    for j in run
                ):
                    for j in run:
                        is_name[j] = True
                break
            if _ARABIC.search(tokens[k][2]) is None:
                break


def _hard_name(
    text: str,
    tokens: list[tuple[int, int, str]],
    is_name: list[bool],
    i: int,
    table: dict[str, int],
) -> bool:
    """Whether the undecided token ``i`` is a name by one of the hard forms (module docstring)."""
    count = len(tokens)
    start, end, word = tokens[i]
    bare = _plain(word)
    form = _form(word)
    if (bare in _FUNCTION_WORDS and bare not in _FUNCTION_WORDS_NAMED) or len(bare) < 2:
        return False

    def gap(k: int) -> str:
        return text[tokens[k - 1][1] : tokens[k][0]]

    previous = tokens[i - 1] if i else None
    joined = previous is not None and gap(i) == " " and not previous[2].endswith(".")
    told = not _sentence_start(text, start)
    # the surname after a name the structure found: "Gabriel och Nahrin Malke"
    if (
        joined
        and is_name[i - 1]
        and form == "cap"
        and told
        and len(bare) >= 3
        and not everyday(bare)
        and bare not in places()
        and bare not in _STOP
        and bare not in _NOT_NAMES
        and not _ORGANISATION.search(bare)
        and not bare.endswith(_STREET_SUFFIXES)
        # and the name is the subject of what follows ("… Malke tackar för"), not a place's
        # name before its noun ("Träffade Holmberg Irsta skola")
        and _FINITE.match(text, end) is not None
    ):
        return True
    # a word the lists keep as no name after a listed given name, before a finite verb:
    # "Tove Glad var verkligen glad"
    if (
        joined
        and is_name[i - 1]
        and table.get(_plain(previous[2])) == GIVEN  # type: ignore[index]
        and form == "cap"
        and told
        # (not an organisation or a noun in the definite form opening the next clause after a
        # signature: "MVH Said Kommunen borde …")
        and not _ORGANISATION.search(bare)
        and not (everyday(bare) and bare.endswith(("en", "et", "na")))
        and _FINITE.match(text, end) is not None
    ):
        return True
    # a listed given name the lists keep as no name (a month), at a place of work before
    # what a person did there: "Maj på hemtjänsten slutade i maj"
    if (
        form == "cap"
        and table.get(bare) in (GIVEN, GIVEN_WORD)
        and (bare in _STOP or bare in _NOT_NAMES)
        and (at := _AT_SERVICE.match(text, end)) is not None
        and (
            _DID.match(text, at.end()) is not None
            # (twelfth round) or was what only a person is: "Maj i receptionen var så snäll"
            or _KIND.match(text, at.end()) is not None
        )
    ):
        return True
    # coordinated with the writer in lower case: "jag o lisa var där"
    if (
        form == "lower"
        and i >= 2
        and len(bare) >= 3
        and table.get(bare) in (GIVEN, GIVEN_WORD)
        and _plain(tokens[i - 1][2]) in ("o", "och", "&")
        and _plain(tokens[i - 2][2]) in ("jag", "mig", "vi")
        and text[tokens[i - 2][1] : start] == f" {tokens[i - 1][2]} "
        and _FINITE.match(text, end) is not None
    ):
        return True
    # opening the comment before a thanks word: "Rojda spas bo alîkariya te!"
    if (
        i == 0
        and form == "cap"
        and len(bare) >= 3
        and count > 1
        and gap(1) in (" ", ", ")
        and _plain(tokens[1][2]) in _THANKS
        and bare not in _THANKS
        and bare not in _THANKS_INTENSIFIER
        and not everyday(bare)
        and bare not in places()
        and bare not in _STOP
    ):
        return True
    # an honorific or a sibling's word after it: "mehmet abi", "ladan walaal"
    if (
        form in ("lower", "cap")
        and len(bare) >= 3
        and i + 1 < count
        and text[end : tokens[i + 1][0]] == " "
        and _plain(tokens[i + 1][2]) in _HONORIFIC_AFTER
        and bare not in _HONORIFIC_AFTER
        and bare not in _THANKS
        and bare not in _STOP
    ):
        return True
    # initials at a place where staff work, doing what a person does there: "KG på
    # skolkontoret lovade …" (not a department's or an agency's letters: "IT på skolan svarade")
    if (
        form == "upper"
        and 2 <= len(bare) <= 3
        and bare.isalpha()
        and bare not in _ACRONYMS
        and _AT_SERVICE.match(text, end) is not None
        and _person_at(text, end, verbs_only=True)
    ):
        return True
    # a function word the lists hold as a given name, capitalised inside a sentence, before a
    # contact or an identity number in brackets: "Amir (…) och Dina (ÅÅMMDD-…) har fått"
    if (
        form == "cap"
        and bare in _FUNCTION_WORDS_NAMED
        and table.get(bare) in (GIVEN, GIVEN_WORD)
        and not _sentence_start(text, start)
        and _CONTACT_IN_BRACKETS.match(text, end) is not None
    ):
        return True
    # (twelfth round) a capitalised word right after thanks in any language or script, no word
    # of the dictionary, no place: "شكراً Layla för hjälpen", "Ollu giitu Sunná!", "Sipas Berfin"
    if (
        form == "cap"
        and previous is not None
        and previous[2].casefold() in _THANKS_AFTER
        and previous[2].casefold() not in ("tack", "tackar", "thanks", "thank")
        and _ARABIC_MARKS.sub("", gap(i)) in (" ", ", ")
        and len(bare) >= 3
        and bare not in _THANKS_MUCH
        and bare not in _THANKS_AFTER
        and not everyday(bare)
        and bare not in places()
        and bare not in _STOP
        and not _ORGANISATION.search(bare)
    ):
        return True
    # (twelfth round) a caller saying who writes, in lower case: "hej tina här bor på …",
    # "hallå ahmed här igen" (a listed given name between a greeting and "här")
    if (
        form == "lower"
        and previous is not None
        and _plain(previous[2]) in _GREETINGS
        and gap(i) in (" ", ", ", "! ")
        and i + 1 < count
        and _plain(tokens[i + 1][2]) in ("här", "hier", "here")
        and text[end : tokens[i + 1][0]] in (" ", ", ")
        and table.get(bare) in (GIVEN, GIVEN_WORD)
        and bare not in _FUNCTION_WORDS
    ):
        return True
    # (twelfth round) in angry capitals, a listed given name (a word too) as the subject after
    # a finite verb and "inte"/"aldrig": "VARFÖR SVARAR INTE LINDA PÅ MINA MEJL"
    if (
        form == "upper"
        and len(bare) >= 3
        and i >= 2
        and _plain(tokens[i - 1][2]) in ("inte", "aldrig")
        and tokens[i - 2][2].isupper()
        and _plain(tokens[i - 2][2]).endswith(("ar", "er", "ir", "ade", "de", "te"))
        and text[tokens[i - 2][1] : start] == f" {tokens[i - 1][2]} "
        and table.get(bare) in (GIVEN, GIVEN_WORD)
        and bare not in _FUNCTION_WORDS
        and bare not in _STOP
        and bare not in _NOT_NAMES
    ):
        return True
    # (twelfth round) a handle: a given name in lower case with digits written onto it,
    # "jocke87", "lisa_92", "emma.99" (not "rum3", "maj2024", "vecka12")
    if (
        form == "lower"
        and len(bare) >= 3
        and (handle := _HANDLE_DIGITS.match(text, end)) is not None
        and not text[start - 1 : start].isdigit()
        and bare not in _STOP
        and bare not in _NOT_NAMES
        and (
            table.get(bare) == GIVEN
            or _NICKNAME.fullmatch(bare) is not None
            or (table.get(bare) == GIVEN_WORD and len(handle.group(1)) >= 2)
        )
    ):
        return True
    # called out again and again: "Kicki Kicki Kicki!"
    return (
        form == "cap"
        and len(bare) >= 3
        and not everyday(bare)
        and bare not in places()
        and bare not in _STOP
        and (
            (i + 1 < count and tokens[i + 1][2] == word and gap(i + 1) in (" ", ", "))
            or (previous is not None and previous[2] == word and gap(i) in (" ", ", "))
        )
    )


# (twelfth round) a name joined by a hyphen to a word for a relative: "Aino-mormors räkning",
# "Kalle-pappans", "Sven-morfar", "Lisa-mamman"
_KIN = (
    "mormor|farmor|morfar|farfar|mamma|pappa|mor|far|moster|faster|morbror|farbror|bror|syster|"
    "kusin|tant|farbror|gammelmormor|gammelfarmor|gammelmorfar|gammelfarfar|svärmor|svärfar|"
    "dotter|son|fru|man|sambo|granne|kompis|mommo|moffa|fammo|faffa|mommi|pappi|mammi|baba|"
    "mama|anne|dede|nene|hooyo|aabo|ayeeyo|awoowe|babcia|dziadek|baka|deda|mummo|vaari|pappa|"
    # (thirteenth round) the people around a person, named after them: "Tarek-gänget"
    "gäng|gänget|gruppen|familjen|släkten|klanen|killarna|tjejerna|grabbarna|barnen|ungarna|"
    "teamet|laget"
)
_KIN_COMPOUND = re.compile(
    rf"(?<![^\W\d_-])([A-ZÅÄÖ][a-zåäöéüáíóúçşğıćčšžđ]+)-(?:{_KIN})(?:n|s|ns|en|ens|na|nas)?"
    r"(?![^\W\d_-])"
)


# (twelfth round) a word said to be a first or last name, whatever word it also is: "hette glad
# i efternamn", "Glad heter jag faktiskt i efternamn", "Sol heter hon i förnamn"
_NAMED_AS = re.compile(
    r"(?i:(?<![^\W\d_])(?:heter|hette|hetat|heta)\s+([^\W\d_]{2,})\s+(?:i|som)\s+"
    r"(?:efternamn|förnamn|tilltalsnamn)(?![^\W\d_])"
    r"|(?:^|(?<=[.!?]\s))([^\W\d_]{2,})\s+(?:heter|hette)\s+(?:jag|han|hon|hen|vi|de)"
    r"(?:\s+[^\W\d_]+)?\s+(?:i|som)\s+(?:efternamn|förnamn|tilltalsnamn)(?![^\W\d_]))"
)


# (twelfth round) Somali's focus marker after the subject: one or two capitalised words before
# "ayaa" that end in no definite article (-ga, -ka, -da, -ta, -sha, -ha …: "Adeegga ayaa
# fiicnaa", the service was good) are a person ("Hodan Cali ayaa i caawisay")
_SOMALI_FOCUS = re.compile(r"(?:^|(?<=[.!?,]\s))((?:[A-Z][a-z']+ )?[A-Z][a-z']+) ayaa(?![^\W\d_])")
_SOMALI_DEFINITE = ("ga", "ka", "da", "ta", "sha", "ha", "gii", "kii", "dii", "tii", "shii", "aha")
# and Somali's words that stand there without naming anyone (what, who, they, I, you, people)
_SOMALI_SMALL = _words("waxaa waxay wuxuu maxaa yaa kuwa qof dad aniga adiga isaga iyada iyaga")
# (twelfth round) one to three capitalised words before "is my name" in the languages residents
# write: Somali "Xamdi ayaa ah magacayga", "… waa magacayga", English, Swedish, Turkish
_BEFORE_MY_NAME = re.compile(
    r"(?<![^\W\d_])((?:[^\W\d_a-zåäö][^\W\d_]*[ -]){0,2}[^\W\d_a-zåäö][^\W\d_]+),?[ \t]+"
    r"(?:ayaa[ \t]+ah[ \t]+magacay(?:ga|gu)|waa[ \t]+magacay(?:ga|gu)|is[ \t]+my[ \t]+name|"
    r"är[ \t]+mitt[ \t]+namn|benim[ \t]+adım)(?![^\W\d_])"
)


def named_as(text: str) -> list[tuple[int, int]]:
    """Where a word is said to be someone's first or last name (``hette glad i efternamn``,
    ``Xamdi ayaa ah magacayga``), or is Somali's focused subject (``Hodan Cali ayaa …``)."""
    spans = [m.span(1) if m.group(1) else m.span(2) for m in _NAMED_AS.finditer(text)]
    for m in _BEFORE_MY_NAME.finditer(text):
        start = m.start(1)
        # the run's words from the first that is no function word: "Hej, Anna heter jag"
        for part in re.finditer(r"[^\W\d_]+", m.group(1)):
            if part.group().casefold() in _FUNCTION_WORDS or part.group().casefold() in _GREETINGS:
                start = m.start(1) + part.end()
        while start < m.end(1) and text[start] in " -":
            start += 1
        if start < m.end(1):
            spans.append((start, m.end(1)))
    for m in _SOMALI_FOCUS.finditer(text):
        parts = m.group(1).split()
        if not any(
            p.casefold().endswith(_SOMALI_DEFINITE)
            or p.casefold() in _FUNCTION_WORDS
            or p.casefold() in _SOMALI_SMALL
            for p in parts
        ):
            spans.append(m.span(1))
    # (not a pronoun asked about: "Vad heter ni i efternamn?")
    return [(s, e) for s, e in spans if text[s:e].casefold() not in _FUNCTION_WORDS]


def kin_compounds(text: str) -> list[tuple[int, int]]:
    """Where a name stands joined by a hyphen to a word for a relative (``Aino-mormors``); not
    a word of the dictionary unless the lists hold it as a given name (``Barn-mamman``, not
    ``Lisa-mamman``), a place or an organisation (``Umeå-pappan``)."""
    spans = []
    table = _table()["sv"]
    for m in _KIN_COMPOUND.finditer(text):
        bare = m.group(1).casefold()
        if (
            (everyday(bare) and table.get(bare) not in (GIVEN, GIVEN_WORD))
            or bare in places()
            or bare in _STOP
            or bare in _FUNCTION_WORDS
            or _ORGANISATION.search(bare)
        ):
            continue
        spans.append(m.span(1))
    return spans


def thai_names(text: str) -> list[tuple[int, int]]:
    """Where a Thai name stands after the honorific ``คุณ`` (Khun)."""
    return [
        m.span(1)
        for m in _THAI_NAME.finditer(text)
        if m.group(1) not in _THAI_NOT_NAME and not m.group(1).startswith("มาก")
    ]
