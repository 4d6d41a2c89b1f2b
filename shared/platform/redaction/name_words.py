"""What a word alone can be, for the name rules of ``people`` (no context read here).

The lists (``shared/data/person_names.txt``, built by ``scripts/build_name_lists.py`` from
public name statistics) say whether a word is a given name or a surname, plain or also an
everyday Swedish or English word (``Klara``, ``Sten``, ``Mark``), or a Swedish place
(``_category``: also a possessive ``Lenas``, a hyphenated name by its parts and a Finnish name in
a case ending, ``Tuulalle``); the comment's language decides which words are everyday
(``_lang``, ``_english``). Besides the lists, a word's shape: its case and script (``_form``),
a Swedish surname's ending (``-ström``), a place's or an organisation's ending (``-by``,
``-verket``), a letter Swedish does not use (``ł``, ``š``), and whether it opens a sentence.
The fixed word sets every other signal reads past (function words, months, chains' names,
particles, the words that are never a name) live here too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from shared.platform.redaction.lexicon import everyday

_FILE = Path(__file__).resolve().parents[2] / "data" / "person_names.txt"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEN, SURNAME, GIVEN_WORD, SURNAME_WORD, PLACE = 1, 2, 3, 4, 5


@cache
def _table() -> dict[str, dict[str, int]]:
    """name → category, for a Swedish and for an English comment."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    tables: dict[str, dict[str, int]] = {}
    for lang, other in (("sv", "en"), ("en", "sv")):
        table: dict[str, int] = {}
        for kind, plain, word in ((SURNAME, SURNAME, SURNAME_WORD), (GIVEN, GIVEN, GIVEN_WORD)):
            name = "given" if kind == GIVEN else "surname"
            for entry in sections.get(f"{name}-{other}", ()):
                table[entry] = plain  # a word of the other language is a name here
            for entry in sections.get(f"{name}-{lang}", ()):
                table[entry] = word
            for entry in sections.get(name, ()):
                table[entry] = plain
        for entry, category in list(table.items()):
            if len(entry) <= 2 and category in (GIVEN, SURNAME):  # Bo, Li, Jo: too short to tell
                table[entry] = GIVEN_WORD if category == GIVEN else SURNAME_WORD
        for entry in sections.get("place", ()):
            table[entry] = PLACE
        tables[lang] = table
    return tables


@cache
def places() -> frozenset[str]:
    return frozenset(k for k, v in _table()["sv"].items() if v == PLACE)


_SV_WORDS = _words(
    "och jag att det är på inte med för som har en ett var till av om mig min hon han vi ni kan "
    "ska fick hade tack bra men så de den när efter också mycket någon ingen alla dem honom "
    "henne oss er dig sig varandra mina dina era våra andra flera många folk personalen mitt "
    "ditt sitt vårt ert"
)
_EN_WORDS = _words(
    "the and i is was to of my with for not on at me you it she he we have has had please "
    "thank thanks very but "
    # (sixth round) more of them: "I hope someone reads this" (no Thi's)
    "this that these those they them their there his her our your are were been would could "
    "should does did who what when where why how about into than then here someone nobody"
)
_FUNCTION_WORDS = _SV_WORDS | _EN_WORDS


def function_words() -> frozenset[str]:
    """The Swedish and English function words the name rules read past ("och", "the", …)."""
    return _FUNCTION_WORDS


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*\.?")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# (seventh round) scripts without capitals besides Arabic: Ethiopic (Tigrinya, Amharic) and Han
_UNCASED = re.compile(r"[\u1200-\u137f\u4e00-\u9fff\u3400-\u4dbf]")
_SWEDISH_SURNAME = re.compile(
    r"(?:sson|ström|strom|qvist|quist|kvist|gren|lind|blom|bäck|stedt|stam|ander|ius|[éè]n|"
    r"[éè]r|berg|lund|holm|dahl|sjö|löf|ling|hed|borg|ek|fors|mark|man|ler)$"
)
# Capitalised inside a sentence without being a person: months and days in English, product
# and service names that are also given names.
_MONTHS_DAYS = (
    "januari februari mars april maj juni juli augusti september oktober november december "
    "january february march may june july august october måndag tisdag onsdag torsdag fredag "
    "lördag söndag monday tuesday wednesday thursday friday saturday sunday jul påsk midsommar"
)
_BRAND_WORDS = (
    "ica maxi willys coop hemköp lidl netto citygross systembolaget apoteket ikea mcdonalds "
    "postnord telia telenor tele2 tre clas ohlson jula biltema elgiganten"
)
# the word after a chain's name is the shop's: "Coop Forum", "Ica Kvantum"
_BRANDS = _words(_BRAND_WORDS)
_NOT_NAMES = _words(
    f"{_MONTHS_DAYS} mina max sol bank swish klarna google apple teams zoom region kommun stad "
    "english swedish svenska engelska finska arabiska somaliska persiska turkiska polska "
    "bygglov kundtjänst växeln "
    # shops, chains and services that carry a given name, and named days
    f"{_BRAND_WORDS} lucia valborg midsommar nyår advent halloween"
)
_STOP = _words(
    f"{_MONTHS_DAYS} en ett från den det de din ditt er ert och tack vi jag familjen kund "
    "kunden invånare invånaren medborgare boende pensionär anonym anonymt mamma pappa förälder "
    "granne grannen nobody somebody someone everyone everybody anyone anybody noone nothing "
    "they staff everything "
    # colloquial words no dictionary holds ("ring imorrn om ni kan")
    "imorrn imorn imon ikväll ikvell asap ngn nån nåt nått iaf typ asså ba "
    "kommunen kommun the a an och/eller är var har på i till med om som inte nöjd arg glad "
    "ledsen trött hej hallå ja nej från "
    # (seventh round) thanks, please, help and the commonest small words of the languages whose
    # letters Swedish lacks (a word with one is otherwise taken for a name): Polish, Bosnian,
    # Croatian and Serbian, Turkish, Czech, Hungarian, Romanian
    "dziękuję dzięki proszę cześć dzień dobry bardzo pomoc pomoć też już się że może żeby "
    "jeszcze także wszystko hvala molim pomoći već će šta što sve vaš naš lijepo dobro "
    "teşekkür teşekkürler için çok güzel değil iyi şey lütfen děkuji prosím dobrý köszönöm "
    "kérem mulțumesc mulţumesc vă "
    # (eighth round, from a probe) the Turkish titles after a name: "Ayşe hanım", "Murat bey"
    "hanım hanim bey"
)
_PARTICLES = _words(
    "von af de del della di da du van der den la le al el bin ibn abu ben bint ter zu mac dos das "
    # (seventh round) and the titles before a name that belong to it in Polish and
    # Bosnian/Croatian/Serbian: "Pani Basi", "gospođa Hodžić"
    "pani panie pana panią gospođa gospođo gospodin gospodine"
)
_STREET_SUFFIXES = (
    "gatan", "vägen", "gränd", "gränden", "stigen", "torget", "allén", "backen", "leden",
    "slingan", "stråket", "gången", "ringen", "platsen", "plan", "parken", "kajen", "vallen",
)  # fmt: skip
_SERVICE_WORDS = _words(
    "bygglov kundtjänst hemtjänst socialtjänst växel växeln reception personal support ekonomi "
    "skola förskola fritids vården telefon mejl mail chatt person människa kommun handläggare "
    "kontaktcenter kontaktcentret kundservice chef chefen tolk ingen någon bemötande service "
    "servicen"
)
_ORGANISATION = re.compile(
    r"(?:verket|kassan|myndigheten|förvaltningen|nämnden|kontoret|centralen|styrelsen|fogden|"
    r"förmedlingen|tjänsten|huset|skolan|bolaget|energi|bostäder|gruppen|kommun|region|länet|"
    r"polisen|vården|sjukhuset|stad|staden|center|centret|klinik|kliniken|biblioteket)$|^ab$"
)  # "AB" only alone: "Zeinab" is no company
# Latin letters Swedish does not use: a word with one is a name in a Swedish comment
_FOREIGN_LETTER = re.compile(
    "[łżśćńźęąčšžđőűşğıñçãõøæßðþêîâûôëïŁŻŚĆŃŹĘĄČŠŽĐŐŰŞĞÑÇÃÕØÆÐÞÊÎÂÛÔËÏ]"
)  # (not é, à, ü: Swedish writes "idé", "à 20 kr", "müsli")
# Swedish endings of verbs and adjectives, which a lower-case name does not have
_SWEDISH_WORD_ENDING = re.compile(r"(?:ade|de|te|ar|er|ig|lig|isk|na|en|et|nde|ast)$")
# Arabic words that introduce a person: my name, my neighbour, my brother, the employee, …
_ARABIC_CUES = _words(
    "اسمي جاري جارتي أخي أختي زوجي زوجتي ابني ابنتي صديقي صديقتي السيد السيدة الأستاذ "
    "الأستاذة الدكتور "
    # (tenth round) my name in Sorani Kurdish and in Persian: "ناوم هێمن ە", "اسمم مریم است"
    "ناوم اسمم "
    # (twelfth round) the honorifics before a name in Persian and Sorani (Mr, Mrs, Sir, Madam,
    # Dr) and Arabic's "for Mr": "از آقای رضایی ممنونم", "سوپاس بۆ کاک هەژار"
    "آقای خانم خانوم جناب سرکار کاک کاکە خاتوو خاتوون للسيد للسيدة دکتر"
)
# (thirteenth round) a relative with "my" in Persian and Sorani, and in Arabic with "to (the)"
# (written from general vocabulary): "مادرم X" (my mother X), "للأخت X" (to sister X); the
# name is the one word after it ("مادرم بیمار است" is "my mother is ill": ``people``)
_ARABIC_KIN = _words(
    "مادرم پدرم خواهرم برادرم پسرم دخترم همسرم شوهرم مامانم بابام "
    "دایکم باوکم خوشکم براکەم کوڕەکەم کچەکەم "
    "للأخت للأخ لأختي لأخي"
)
_ARABIC_CUES = _ARABIC_CUES | _ARABIC_KIN
# Arabic words that follow such a cue without being a name (was, is, not, in, on, from, …)
_ARABIC_FUNCTION = _words(
    "كان كانت هو هي لم لا ما في على من إلى عن قد كل جدا هذا هذه"
    # (ninth round) and Persian's and Sorani Kurdish's (am, is, was, that, and, from, to, the
    # object's mark, with, for, very, this, that): a name's run stops at them
    " هستم هست است هستند بود که کە و از به را با بۆ زۆر این آن"
    # (tenth round) Sorani's "is" written apart: "ناوم شیلان ە"
    " ە"
    # (twelfth round) Persian's very, thankful, help, did, were, in, (present) and Sorani's good,
    # was, helped, gave me: after an honorific the name stops there ("از آقای رضایی خیلی ممنونم")
    " خیلی ممنون ممنونم کمک کرد کردند بودند در می باش بوو یارمەتی یارمەتیدا دام داین"
)
# what a place, a thing or an institution's name ends in and a person's seldom does: a Swedish
# place's last part (Skultuna, Bäckby, Erikslund, Mälaren), a definite noun (Kulturnatten), an
# adjective made of a name (Carlforsska): the finite slot alone does not make these a person
_NOT_PERSON_SHAPE = re.compile(
    r"(?:by|byn|lund|lunda|berg|berga|sta|tuna|vik|viken|hult|torp|åker|ås|åsen|näs|holm|hamn|"
    r"köping|stad|staden|ö|ön|backe|backen|dal|dalen|fors|forsen|bo|borg|mo|mon|red|ryd|ängen|"
    r"sjön|heden|skog|skogen|bro|bron|vall|vallen|hagen|gården|torget|en|et|na|arna|orna|erna|"
    r"ska|iska|ske|iske|ism|tion|het|ing|ning|skap|ån)$"  # (eighth round) rivers: "Svartån"
)
_PLACE_SHAPE = re.compile(
    r"(?:by|byn|lund|lunda|berg|berga|sta|tuna|vik|viken|hult|torp|torpet|åker|ås|åsen|näs|holm|"
    r"hamn|köping|stad|ö|ön|dal|dalen|fors|borg|ryd|ängen|heden|skogen|bo|inge|unda|sala|målen|ån|"
    # (twelfth round) districts: a home, a height, a field (Mariehem, Carlshöjd, Sandgärdet)
    r"hem|höjd|höjden|gärde|gärdet|vången)$"
)


def place_shaped(word: str) -> bool:
    """``word`` (folded) ends as Swedish places' names do (Tillberga, Barkarö, Skultuna)."""
    return bool(_PLACE_SHAPE.search(word))


# Swedish regions and provinces: places whatever a list of names says ("Region Västmanland")
_REGIONS = _words(
    "blekinge dalarna gotland gävleborg halland jämtland härjedalen jönköping kalmar kronoberg "
    "norrbotten skåne stockholm sörmland södermanland uppsala värmland västerbotten "
    "västernorrland västmanland götaland örebro östergötland bohuslän dalsland gästrikland "
    "hälsingland lappland medelpad närke uppland ångermanland småland öland västergötland"
)
_SURNAME_SHAPE = re.compile(
    r"(?:sson|ström|qvist|kvist|gren|lind|blom|bäck|stedt|stam|ander|ius|én|berg|lund|holm|"
    r"dahl|sjö|ling|borg|fors|mark|hammar|nen|ski|ska|cki|cka|ić|vić|ov|ova|zadeh|yan|oglu|oğlu|"
    r"[^aeiouyåäö]i)$"
)
# Swedish endings of nouns in the definite or plural form: "med handläggaren", "av personalen"
_SWEDISH_NOUN = re.compile(r"(?:en|et|na|ar|or|er|tjänst|ning|het|else|skap|ande|ende|ion)$")
# Finnish case endings of a name (allative, ablative, adessive, genitive, partitive, …) and the
# letter a stem may have lost: Tuula → Tuulalle, Jukka → Jukan
_FINNISH_CASES = (
    ("lle", ""), ("lta", ""), ("llä", ""), ("lla", ""), ("ltä", ""), ("sta", ""), ("ssa", ""),
    ("n", ""), ("kan", "kka"), ("pan", "ppa"), ("tan", "tta"), ("ksi", ""),
)  # fmt: skip
_INITIALS = re.compile(r"[A-ZÅÄÖ](?:[-.][A-ZÅÄÖ])?\.?")


def _lang(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    sv = sum(w in _SV_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > sv else "sv"


def _english(text: str) -> bool:
    """Written in English by its function words ("i" aside: Swedish has it too)."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    en = sum(w in _EN_WORDS and w != "i" for w in words)
    return en >= 2 and en > sum(w in _SV_WORDS for w in words)


def _category(word: str, table: dict[str, int]) -> tuple[int, bool]:
    """(category or 0, possessive) of a word; a hyphenated word by its parts."""
    folded = word.casefold().rstrip(".").replace("’", "'")
    if folded in _FUNCTION_WORDS or folded in _STOP:
        return 0, False
    found = table.get(folded, 0)
    if found:
        return found, False
    if "-" in folded:
        # "Greta-teatern", "Astrid-skolan": a name with a noun after it is the noun
        if any(part[:1].islower() for part in word.split("-")[1:]) and word[:1].isupper():
            return 0, False
        parts = [table.get(p, 0) for p in folded.split("-") if len(p) >= 3]
        if GIVEN in parts or SURNAME in parts:
            return (GIVEN if GIVEN in parts else SURNAME), False
        if parts and all(p in (GIVEN_WORD, SURNAME_WORD) for p in parts):
            return GIVEN_WORD, False
    for suffix in ("'s", "s"):
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            base = table.get(folded[: -len(suffix)], 0)
            if base and base != PLACE:
                return base, True
    # (twelfth round) a Swedish nickname's shape, a short stem and a doubled consonant before
    # -e (Micke, Tobbe, Jocke, Pelle, Sigge, Fredde), capitalised and no everyday word ("Backe")
    if word[:1].isupper() and _NICKNAME.fullmatch(folded) and not everyday(folded):
        return GIVEN, False
    # a Finnish name in a case ending: Tuulalle, Jukan, Mikolle (the whole word goes); only
    # capitalised, or "tagen" and "sedan" would be Tage and Seda, and never an everyday
    # Swedish word ("Mellan" is no Mella)
    finnish = word[:1].isupper() and not everyday(folded)
    for suffix, restore in _FINNISH_CASES if finnish else ():
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            stem = folded[: -len(suffix)] + restore
            # and the consonant a case weakens: Jukka → Jukalle, Matti → Matilta
            weak = _FINNISH_WEAK.fullmatch(stem)
            for candidate in (stem, f"{weak[1]}{weak[2]}{weak[2]}{weak[3]}" if weak else ""):
                base = table.get(candidate, 0)
                if base in (GIVEN, SURNAME):
                    return base, False
    return 0, False


_NICKNAME = re.compile(r"[a-zåäö]{1,4}(?:bb|ck|kk|ll|ss|tt|pp|nn|mm|gg|dd|rr|ff)e")
_FINNISH_WEAK = re.compile(r"(.*[aeiouyäö])([kpt])([aeiouyäö])")


def listed(word: str) -> bool:
    """Whether ``word`` is a listed given name or surname, plain or also a word (not a town)."""
    return _table()["sv"].get(word.casefold(), PLACE) != PLACE


def could_be_name(words: str) -> bool:
    """Whether capitalised ``words`` can be a person's name: the last of them (where a surname
    stands) is a listed name, or no everyday Swedish word ("c/o Berg", "Aurora Öztürk"; not
    "Vid Stadshuset")."""
    found = re.findall(r"[^\W\d_]+", words)
    if not found:
        return False
    last = found[-1].casefold()
    return _table()["sv"].get(last, PLACE) != PLACE or not everyday(last)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'(«“”[")
    return not before or before[-1] in ".!?:;\n" or before.endswith((":)", ":-)", ";)", ":D"))


# a particle joined to a capitalised name: "al-Sayed", "el-Amin", "bin-Laden", "d'Artois"
_JOINED_PARTICLE = re.compile(r"(?:al|el|ul|as|ad|ar|at|an|bin|ibn|abu|ben|bint|d|o)[-'’][A-ZÅÄÖ]")


def _form(word: str) -> str:
    letters = word.rstrip(".")
    if _ARABIC.search(letters):
        return "arabic"
    if _JOINED_PARTICLE.match(letters):
        return "cap"
    if len(letters) > 1 and letters.isupper():
        return "upper"
    if letters[:1].isupper():
        return "cap"
    return "lower"


_GAP = (" ", "-", "")  # "" only after a token's own dot: "K.L. Björk"
