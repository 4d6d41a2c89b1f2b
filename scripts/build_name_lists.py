"""Builds ``shared/data/person_names.txt``, the name lists of the thorough redaction pass,
``shared/data/swedish_words.txt``, the everyday Swedish words it tells unlisted names from, and
``shared/data/english_words.txt``, the English words (``wamerican``'s lower-case entries) it
tells an unlisted name opening an English sentence from.

    .tools/bin/uv run --no-project --with faker==40.63.0 python scripts/build_name_lists.py

(needs Debian's ``wswedish`` and ``wamerican`` word lists and the Swedish Hunspell dictionary
with its ``unmunch``: ``apt-get install wswedish wamerican hunspell-sv-se hunspell-tools``)

Sources, all read here and none shipped except the result:

- given names and surnames per language from Faker's person providers (MIT licence), which
  cite public statistics: Swedish first names from Isof's name statistics (top 500 of 2023 each
  for women and men), Swedish surnames from Skatteverket's 500 most common (2025); Finnish,
  Norwegian, Danish, English, German, Polish, Turkish, Croatian, Romanian, Estonian, Latvian,
  Lithuanian, Hungarian, Italian, French, Spanish, Swahili, Kenyan and Pakistani English,
  Ukrainian, Russian, Persian and Arabic (the last two in their own script); since the fifth
  round also Thai names as written in English, Irish, Chinese and Japanese in the providers'
  romanized lists, and Ukrainian, Russian, Bulgarian and Macedonian names transliterated from
  Cyrillic (``transliterated``); a name from these that the Swedish dictionary holds is written
  to a ``*-sv`` section;
- Debian's Swedish and American English word lists (``wswedish``, ``wamerican``), only to mark
  the names that are also everyday words (``klara``, ``sten``, ``mark``, ``will``): those are
  written to the ``*-sv`` and ``*-en`` sections, which the redactor treats with more care in a
  comment of that language.

The Swedish words (``swedish_words.txt``): every lower-case form the Swedish Hunspell
dictionary (LibreOffice's, MPL 2.0) expands to, with ``wswedish``'s words, of 2 to 12 letters,
sorted by their UTF-8 bytes so that ``shared.platform.redaction.lexicon`` can look a word up by
bisection without loading the file. Longer words are not written (a name is rarely longer;
the reader takes any longer word for an everyday one).

Names of Swedish municipalities and towns (``TOWNS`` below, with Faker's Swedish cities) are left
out of the name sections and written to ``[place]``: a capitalised ``Lund`` or ``Sala`` in a
comment is far more often the town. No hand-written list of names is added: names the lists lack
are left to the redactor's rules (what comes before and after a name), so that the corpus in
``tests/data/redaction`` stays independent of the lists.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import unicodedata
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


OUT = Path(__file__).resolve().parent.parent / "shared" / "data" / "person_names.txt"
WORDS_OUT = OUT.with_name("swedish_words.txt")
ENGLISH_OUT = OUT.with_name("english_words.txt")
HUNSPELL = Path("/usr/share/hunspell/sv_SE")
LONGEST_WORD = 12  # shared.platform.redaction.lexicon.LONGEST
LOCALES = _words(
    "sv_SE no_NO da_DK fi_FI en_US en_GB de_DE pl_PL tr_TR hr_HR ro_RO et_EE lv_LV lt_LT hu_HU "
    "it_IT fr_FR es_ES sw en_KE en_PK uk_UA ru_RU fa_IR ar_AA ar_SA ar_PS "
    # the third round: more of the languages residents write in (West and southern Africa,
    # North Africa, Central Asia, Central Europe, the Low Countries, Portugal and Brazil,
    # Vietnam, Indonesia, India, Iceland, Latin America)
    "en_NG yo_NG ig_NG ha_NG tw_GH zu_ZA fr_DZ ar_DZ az_AZ uz_UZ cs_CZ sk_SK sl_SI nl_NL "
    "pt_PT pt_BR vi_VN id_ID en_IN is_IS es_MX es_CO es_AR es_CL"
)
# The fifth round: names residents write in Latin letters whose providers hold them otherwise:
# Thai names as written in English (``en_TH``), Irish; Chinese and Japanese in their romanized
# lists; Ukrainian, Russian, Bulgarian and Macedonian transliterated from Cyrillic (as their
# passports write them, and with the y- and i- spellings both). A name from these sources that
# the Swedish dictionary holds as a word goes to the ``*-sv`` sections, so that it counts as a
# name only where the sentence says so.
LOCALES_LATIN = _words("en_TH en_IE")
LOCALES_ROMANIZED = _words("zh_CN zh_TW ja_JP")
LOCALES_CYRILLIC = _words("uk_UA ru_RU bg_BG mk_MK")
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h|g", "ґ": "g", "д": "d", "е": "e", "є": "ie|ye",
    "ё": "e|yo", "ж": "zh", "з": "z", "и": "y|i", "і": "i", "ї": "i|yi", "й": "i|y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh|h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch|sht", "ъ": "|a", "ы": "y",
    "ь": "", "э": "e", "ю": "iu|yu", "я": "ia|ya", "ѓ": "gj", "ѕ": "dz", "ј": "j", "љ": "lj",
    "њ": "nj", "ќ": "kj", "џ": "dzh", "'": "", "’": "",
}  # fmt: skip
# Names that are Swedish words the word lists lack, or words of other languages residents write
NAME_WORDS = _words("""björn dag iris ros vide bror vilja tor kung ask hugo""")
TOWNS = _words("""Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Helsingborg Jönköping
Norrköping Lund Umeå Gävle Borås Eskilstuna Södertälje Karlstad Täby Växjö Halmstad Sundsvall
Luleå Trollhättan Östersund Borlänge Falun Kalmar Skövde Kristianstad Karlskrona Skellefteå
Uddevalla Lidköping Motala Piteå Ängelholm Visby Sala Köping Arboga Kungsör Surahammar Fagersta
Norberg Skinnskatteberg Hallstahammar Enköping Mora Vara Ale
Mark Bjuv Tierp Orsa Leksand Rättvik Ludvika Avesta Hedemora Boden Kiruna Gällivare Tidaholm
Laholm Kumla Hjo Tranås Vetlanda Nässjö Ljungby Älmhult Osby Höör Lomma Vellinge Ystad Simrishamn
Sjöbo Eslöv Höganäs Båstad Torsby Arvika Säffle Åmål Vänersborg Alingsås Kungälv Stenungsund
Tjörn Orust Lysekil Strömstad Tanum Sotenäs Munkedal Mölndal Kungsbacka Varberg Falkenberg
Hylte Gislaved Värnamo Gnosjö Vaggeryd Habo Mullsjö Aneby Eksjö Sävsjö Ydre Kinda Boxholm
Åtvidaberg Finspång Valdemarsvik Söderköping Vadstena Mjölby Ödeshög Nora Lindesberg Ljusnarsberg
Hällefors Askersund Laxå Hallsberg Degerfors Karlskoga Lekeberg Ovanåker Bollnäs Söderhamn
Hudiksvall Nordanstig Ljusdal Härjedalen Berg Bräcke Ragunda Strömsund Krokom Åre Kramfors Sollefteå
Örnsköldsvik Härnösand Timrå Ånge Nordmaling Vännäs Vindeln Robertsfors Lycksele Storuman Sorsele
Malå Norsjö Dorotea Vilhelmina Åsele Bjurholm Arvidsjaur Arjeplog Jokkmokk Överkalix Kalix Haparanda
Övertorneå Pajala Älvsbyn Solna Sundbyberg Huddinge Nacka Haninge Botkyrka Tyresö Lidingö
Danderyd Vallentuna Sigtuna Upplands Järfälla Sollentuna Ekerö Salem Nykvarn Norrtälje Nynäshamn
Värmdö Vaxholm Österåker Håbo Knivsta Heby Östhammar Älvkarleby Gotland Borgholm Mörbylånga
Emmaboda Nybro Torsås Mönsterås Oskarshamn Högsby Hultsfred Vimmerby Västervik Ronneby Olofström
Sölvesborg Karlshamn Landskrona Trelleborg Staffanstorp Burlöv Kävlinge Svalöv Klippan Perstorp
Örkelljunga Hässleholm Bromölla Tomelilla Skurup Svedala Lerum Partille Härryda Öckerö Kungälv
Lilla Edet Essunga Grästorp Vårgårda Herrljunga Tranemo Svenljunga Bollebygd Mark Ulricehamn
Falköping Tibro Töreboda Karlsborg Hjo Gullspång Mariestad Götene Grästorp Skara Bengtsfors Dals-Ed
Färgelanda Mellerud Filipstad Hagfors Munkfors Forshaga Grums Kil Eda Årjäng Sunne Kristinehamn
Storfors Hammarö Gagnef Malung Vansbro Älvdalen Smedjebacken Säter Sandviken Hofors Ockelbo Tyresö
""")
_SKIP = frozenset(t.casefold() for t in TOWNS)


def _words(path: str) -> frozenset[str]:
    """The everyday words of a Debian word list (its lowercase entries). The lists are in
    ISO-8859-1 (``wswedish``) or ASCII: read as UTF-8, every word with å, ä or ö was lost."""
    words = Path(path).read_text(encoding="latin-1").split()
    return frozenset(w for w in words if w[:1].islower())


def _clean(name: str) -> list[str]:
    name = unicodedata.normalize("NFC", name.strip())
    # "Anna Maria" and "Tāj al-Dīn" as their parts; a dotted diacritic of Arabic stays
    return [part for part in name.replace("\u200c", " ").split() if len(part) >= 2]


def _names(provider: object, *attributes: str) -> list[str]:
    out: list[str] = []
    for attribute in attributes:
        value = getattr(provider, attribute, None) or ()
        if isinstance(value, property):  # a provider that builds the list per instance
            value = getattr(provider(None), attribute, None) or ()
        for name in value:
            out += _clean(str(name))
    return out


def transliterated(name: str, language: str) -> set[str]:
    """``name`` in Cyrillic as Latin letters: the first of each letter's spellings (Ukrainian
    ``г`` as ``h``, Russian and Bulgarian as ``g``; a first ``ю`` as ``yu``), and the second
    throughout (``Oleksii`` and ``Oleksiy``, ``Yuliia`` and ``Yuliya``)."""
    out = set()
    for variant in (0, 1):
        letters = []
        for position, char in enumerate(name.casefold()):
            spellings = _CYRILLIC.get(char)
            # a word's first є, ї, й, ю, я is ye, yi, y, yu, ya (Ukraine's official system)
            if position == 0 and char in "єїйюя":
                spellings = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}[char]
            if spellings is None:
                if char.isalpha() and not char.isascii():
                    return set()  # a letter this table does not know: leave the name out
                letters.append(char)
                continue
            choices = spellings.split("|")
            if char == "г" and language != "uk_UA":
                choices = ["g"]
            if char == "и" and language != "uk_UA":
                choices = ["i"]
            letters.append(choices[min(variant, len(choices) - 1)])
        out.add("".join(letters))
    return {n for n in out if len(n) >= 2}


def build() -> str:
    swedish = _words("/usr/share/dict/swedish") | frozenset(NAME_WORDS)
    # the Swedish dictionary's forms (written by swedish_words() below): for the added sources
    dictionary = frozenset(WORDS_OUT.read_text(encoding="utf-8").split())
    english = _words("/usr/share/dict/american-english")
    given: set[str] = set()
    surnames: set[str] = set()
    swedish_extra: set[str] = set()  # names of the added sources the dictionary holds
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given.update(_names(provider, "first_names", "first_names_female", "first_names_male"))
        found = _names(provider, "last_names", "male_last_names", "unisex_last_names")
        if locale == "pl_PL":  # the lists hold the masculine form: Kowalski → Kowalska
            found += [n[:-1] + "a" for n in found if n.endswith(("ski", "cki", "dzki"))]
        surnames.update(found)
    added_given: set[str] = set()
    added_surnames: set[str] = set()
    for locale in LOCALES_LATIN:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        added_given.update(
            _names(provider, "first_names", "first_names_female", "first_names_male")
        )
        added_surnames.update(_names(provider, "last_names"))
    for locale in LOCALES_ROMANIZED:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        added_given.update(
            _names(
                provider,
                "first_romanized_names",
                "first_romanized_names_female",
                "first_romanized_names_male",
            )
        )
        added_surnames.update(_names(provider, "last_romanized_names"))
    for locale in LOCALES_CYRILLIC:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attributes, into in (
            (("first_names", "first_names_female", "first_names_male"), added_given),
            (("last_names", "last_names_female", "last_names_male"), added_surnames),
        ):
            for name in _names(provider, *attributes):
                into.update(n.capitalize() for n in transliterated(name, locale))
    known = {n.casefold() for n in given | surnames}
    for added, into in ((added_given, given), (added_surnames, surnames)):
        for name in added:
            folded = name.casefold()
            if folded in known:
                continue
            # a word of the Swedish dictionary: a name only where the sentence says so
            into.add(name)
            if folded in dictionary:
                swedish_extra.add(folded)

    def sections(names: set[str]) -> tuple[list[str], list[str], list[str]]:
        plain, sv_word, en_word = set(), set(), set()
        for name in names:
            folded = name.casefold()
            if folded in _SKIP or not folded.replace("-", "").replace("'", "").isalpha():
                continue
            if folded in swedish or folded in swedish_extra or len(folded) <= 2:
                sv_word.add(folded)
            elif folded in english:
                en_word.add(folded)
            else:
                plain.add(folded)
        return sorted(plain), sorted(sv_word), sorted(en_word)

    lines = [
        "# Person names for shared/redaction (thorough pass): built by scripts/build_name_lists.py",
        "# from Faker's person providers (MIT; Isof and Skatteverket statistics for Swedish names,",
        "# the providers' own sources for the other languages) and a hand-written supplement.",
        "# Names that are also everyday Swedish words are in the *-sv sections, those that are",
        "# English words only in *-en (Debian's word lists). Casefolded, one a line. Rebuild, do",
        "# not edit.",
    ]
    for kind, names in (("given", given), ("surname", surnames - given)):
        plain, sv_word, en_word = sections(names)
        lines += [f"[{kind}]", *plain, f"[{kind}-sv]", *sv_word, f"[{kind}-en]", *en_word]
    cities = importlib.import_module("faker.providers.address.sv_SE").Provider.cities
    lines += ["[place]", *sorted({t.casefold() for t in (*TOWNS, *cities)})]
    return "\n".join(lines) + "\n"


def swedish_words() -> bytes:
    """Every everyday Swedish word form of 2 to ``LONGEST_WORD`` letters, one a line, sorted
    by bytes (the order ``shared.platform.redaction.lexicon`` bisects in)."""
    expanded = subprocess.run(  # noqa: S603 (a fixed program on fixed files)
        ["/usr/bin/unmunch", f"{HUNSPELL}.dic", f"{HUNSPELL}.aff"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", errors="replace")
    words = set(_words("/usr/share/dict/swedish"))
    for line in expanded.splitlines():
        word = unicodedata.normalize("NFC", line.strip().split("/")[0])
        if word[:1].islower():
            words.add(word.casefold())
    kept = sorted(
        w.encode() for w in words if 2 <= len(w) <= LONGEST_WORD and w.replace("-", "").isalpha()
    )
    return b"".join(w + b"\n" for w in kept)


def english_words() -> bytes:
    """(Twelfth round) Every lower-case entry of Debian's ``wamerican`` of 2 to
    ``LONGEST_WORD`` letters (possessives dropped), one a line, sorted by bytes: the English
    words an unlisted capitalised word opening an English sentence is told from."""
    words = {w.casefold() for w in _words("/usr/share/dict/american-english") if "'" not in w}
    kept = sorted(w.encode() for w in words if 2 <= len(w) <= LONGEST_WORD and w.isalpha())
    return b"".join(w + b"\n" for w in kept)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    WORDS_OUT.write_bytes(swedish_words())
    print(f"wrote {WORDS_OUT} ({WORDS_OUT.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    ENGLISH_OUT.write_bytes(english_words())
    print(f"wrote {ENGLISH_OUT} ({ENGLISH_OUT.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
