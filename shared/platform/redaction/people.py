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
   name;
7. the sentence around it says so, once every word is read (``_structure``): coordinated with a
   name in the same case (``Dawit och Selam``), a listed given name before a surname found
   (``Stig Lind``), right before a person's phone number or e-mail address (``Lotta på 070 …``),
   an unknown genitive before a person's noun (``Aliyahs assistent``), spoken to (``Helga, du
   …``).

And not a name: in Title Case a capital says nothing; a verb that opens a sentence to a person
(``Ring Ali``); a listed name right after ``i`` (``i Safari``); in a comment written in another
language, letters Swedish lacks and a genitive -s without a capital.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from shared.platform.redaction.lexicon import everyday

NAME_MARK = "[namn]"
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
    "ledsen trött hej hallå ja nej från"
)
_PARTICLES = _words(
    "von af de del della di da du van der den la le al el bin ibn abu ben bint ter zu mac dos das"
)
# "my name is" in the languages residents write: Somali, Finnish, Arabic and Turkish in Latin
# letters, Polish, Spanish, German, French, Kurdish, Bosnian/Croatian/Serbian
_OTHER_INTROS = (
    r"magacaygu\s+waa|magacayga\s+waa|magacaygu\s+waxa\s+uu\s+yahay|nimeni\s+on|ismi|"
    r"benim\s+ad[ıi]m|nazywam\s+się|mam\s+na\s+imię|me\s+llamo|mi\s+nombre\s+es|"
    r"ich\s+heiße|ich\s+heisse|mein\s+name\s+ist|je\s+m'appelle|je\s+m’appelle|"
    r"navê\s+min|zovem\s+se"
)
_INTRO = re.compile(
    rf"(?i:(?<![^\W\d_])(?:{_OTHER_INTROS}|heter|hette|kallas|namn\s*(?:är|:)|namnet\s+är|"
    r"name\s+is|name's|my\s+name|this\s+is|undertecknad|mvh|m\.v\.h\.?|vh|hälsning(?:ar)?|hälsn\.?|hälsar|regards|"
    r"cheers|sincerely|kram(?:ar)?)|(?:^|(?<=\s))/{1,2})[\s,:.!]*$"
)
_INTRO_TIGHT = re.compile(rf"(?i:(?<![^\W\d_])(?:{_OTHER_INTROS}|heter|hette|kallas|"
                          r"namn\s*(?:är|:)|namnet\s+är|name\s+is|mvh|m\.v\.h\.?|vh|hälsning(?:ar)?|hälsn\.?|hälsar|regards|"
                          r"sincerely)|(?:^|(?<=\s))/{1,2})[\s,:.!]*$")  # fmt: skip
# a relative: "min son Max", "vår yngsta Vilja", "våra barn Amir och Dina"
_RELATIVES = (
    "man|fru|sambo|son|dotter|mamma|pappa|mor|far|granne|bror|syster|barnbarn|svärmor|svärfar|"
    "farmor|farfar|mormor|morfar|kompis|vän|väninna|pojkvän|flickvän|make|maka|barn|kusin|"
    "moster|faster|morbror|farbror|yngsta|äldsta|lilla|minsta|store|stora|söner|döttrar|"
    "partner|bonusson|bonusdotter|bonusbarn|svärson|svärdotter|husband|wife|son|daughter|"
    "neighbour|neighbor|mother|father|friend|kids|children"
)
_RELATIVE = re.compile(
    rf"(?i:(?<![^\W\d_])(?:min|mitt|mina|vår|våra|din|dina|hennes|hans|my|our)\s+(?:{_RELATIVES})"
    r"|(?<![^\W\d_])(?:barnen|sonen|dottern|maken|makan|frun))[\s,:]*$"
)
_ROLE = re.compile(
    r"(?i:(?<![^\W\d_])(?:handläggaren|handläggare|socialsekreteraren|socialsekreterare|"
    r"kuratorn|kurator|rektorn|rektor|läraren|lärare|lärarinnan|enhetschefen|enhetschef|"
    r"chefen|chef|tolken|tolk|sjuksköterskan|sjuksköterska|undersköterskan|undersköterska|"
    r"kontaktpersonen|kontaktperson|mentorn|mentor|inspektören|inspektör|administratören|"
    r"assistenten|receptionisten|handledaren|biståndshandläggaren|bygglovshandläggaren|"
    r"fru|herr|dr|doktor|doktorn|fröken|frk|mr|mrs|ms|miss|officer|familjen|familj|fam|"
    rf"(?:min|mitt|mina|vår|våra|din|dina|hennes|hans|my|our)\s+(?:{_RELATIVES})|"
    r"barnen|sonen|dottern|maken|makan|frun|"
    r"grannen|kvinnan|mannen|killen|tjejen|damen|personen|handläggarna)\.?)[\s,:]*$"
)
_STREET_SUFFIXES = (
    "gatan", "vägen", "gränd", "gränden", "stigen", "torget", "allén", "backen", "leden",
    "slingan", "stråket", "gången", "ringen", "platsen", "plan", "parken", "kajen", "vallen",
)  # fmt: skip
# Verbs and phrases after which a capitalised word, or a listed name in lower case, is a person
_PERSON_CUE = re.compile(
    r"(?i:(?<![^\W\d_])(?:pratade|pratat|talade|snackade|prata|tala|snacka|träffade|träffa|"
    r"ringde|ring|ringa|frågade\s+efter|fråga\s+efter|fick\s+hjälp\s+av|hjälp\s+av|"
    r"kopplades\s+till|hänvisades\s+till|hälsa\s+till|hälsningar\s+till|tack(?:a)?\s+till|"
    r"tack|tacka|kontakta|kontaktade|mejla|mejlade|maila|mailade|beröm\s+till|klagomål\s+på|"
    r"besviken\s+på|arg\s+på|nöjd\s+med|det\s+var|det\s+är|hon\s+heter|han\s+heter|"
    r"spoke\s+(?:with|to)|talked\s+to|thanks?\s+to|ask\s+for|called|met)"
    r"(?:\s+(?:med|med\s+en|till|av|på))?)[\s,:]*$"
)
# The cues after which even an unlisted lower-case word is a person ("pratade med sahra på …")
_PERSON_CUE_STRONG = re.compile(
    r"(?i:(?<![^\W\d_])(?:pratade|pratat|talade|snackade|prata|tala|snacka)\s+med|"
    r"(?:fick\s+)?hjälp\s+av|tack(?:a)?\s+till|hälsa\s+till|träffade|frågade\s+efter|"
    r"fråga\s+efter|kopplades\s+till|spoke\s+(?:with|to))[\s,:]*$"
)
_SERVICE_WORDS = _words(
    "bygglov kundtjänst hemtjänst socialtjänst växel växeln reception personal support ekonomi "
    "skola förskola fritids vården telefon mejl mail chatt person människa kommun handläggare "
    "kontaktcenter kontaktcentret kundservice chef chefen tolk ingen någon bemötande"
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
    "الأستاذة الدكتور"
)
# Arabic words that follow such a cue without being a name (was, is, not, in, on, from, …)
_ARABIC_FUNCTION = _words("كان كانت هو هي لم لا ما في على من إلى عن قد كل جدا هذا هذه")
# What follows a person in a sentence ("pratade med lena på bygglov", "… sahra som svarade",
# "… sanna och hon fixade")
_AFTER_PERSON = re.compile(
    r"[ ,]*(?:på|i|från|som|sa|hos|vid|at|who|from|och\s+(?:hon|han|hen))\b|[ ]*(?:[.,!?;:)\n]|$)"
    r"|[ ]*[\U0001F300-\U0001FAFF\u2600-\u27BF]"
)
# What a person does or is said to be, right after the name (or after "på bygglov", "i
# växeln", or "och <another name>"): "Tariq på fritids är toppen", "Tor sa att …",
# "Nettan i växeln kopplade fel". Verbs and praise a service, a place or a thing takes seldom.
_PERSON_VERBS = (
    "sa|sade|säger|hjälpte|hjälper|svarade|lovade|lovar|ringde|ringer|kom|tog|gav|fixade|"
    "förklarade|lyssnade|lyssnar|visste|skrev|mejlade|skickade|kopplade|tyckte|tycker|pratade|"
    "pratar|jobbar|arbetar|lagade|mätte|tittade|hälsade|bemötte|tolkade|sköter|ställer|"
    # (fifth round) what a person does at work or is said to deserve or know
    "kör|städar|städade|förtjänar|förstår|förstod|hade\\s+ingen\\s+aning|borde\\s+inte|"
    "fick\\s+(?:hjälp|sparken)|kom\\s+(?:ut|hem|hit)|"
    # and in English
    "replied|answered|helped|called|said|told|explained|fixed|came|deserves"
)
_PERSON_PRAISE = (
    "bra|bäst|toppen|snäll|trevlig|otrevlig|hjälpsam|fantastisk|underbar|duktig|kunnig|"
    "oförskämd|jättebra|jättesnäll|jättetrevlig|guld|sur|arg|stressad|förstående|vänlig|grym|"
    "super|suverän|proffsig|professionell|härlig|gullig|go|elak|dålig|sämst|otrevlig|ärlig|"
    "glad|gladlynt|positiv|tålmodig|omtänksam|"
    r"lugn|tydlig|en\s+klippa|en\s+pärla|grymma|en\s+stjärna|en\s+ängel|"
    # the world's best, alone or as what a person is: "världens bästa pedagog", not "… plats"
    r"världens\s+bästa(?:\s+(?:pedagog|lärare|fröken|chef|handläggare|tolk|granne|personal|"
    r"kollega|människa|person|assistent))?(?!\s+[^\W\d_])|"
    "helpful|kind|nice|great|rude|amazing|friendly|lovely|wonderful|patient"
)
# "är så himla bra", "was really helpful"
_INTENSIFIERS = (
    r"(?:(?:så|väldigt|mycket|alltid|verkligen|himla|helt|otroligt|extremt|sjukt|riktigt|"
    r"really|very|so|always|super) |jätte){0,2}"
)
# where a person works, in one to three words, once or twice: "på tekniska kontoret", "i städet
# på skolan", "från IT-supporten", "at the front desk"
_LOCATIVE = (
    r"(?:,? (?:på|i|från|vid|hos|at|in|from) "
    # not a time: "på sommaren", "i höstas", "på kvällarna"
    r"(?!(?i:sommaren|vintern|hösten|våren|kvällen|kvällarna|morgonen|morgnarna|helgen|"
    r"helgerna|natten|nätterna|dagen|dagarna|höstas|våras|somras|vintras|morse|förrgår|går)\b)"
    r"(?P<at>[^\W\d_]+(?:-[^\W\d_]+)*)"
    # (sixth round) and its own name after a lower-case word: "på förskolan Regnbågen"
    r"(?: [a-zåäö][^\W\d_]*(?:-[^\W\d_]+)*){0,2}(?:(?<=[a-zåäö]) [A-ZÅÄÖ][a-zåäö]+)?){1,2}"
)
_AT_DEPARTMENT_THEN_VERB = re.compile(
    r" (?:på|i|från) [^\W\d_]+ (?:sa|sade|säger|svarade|lovade|ringde|hjälpte|förklarade|"
    r"lyssnade|mejlade|kopplade|tyckte|pratade)(?![^\W\d_])"
)
_PREDICATE = (
    rf" (?:som )?(?:(?:inte|aldrig|alltid|never|always) )?(?:(?:{_PERSON_VERBS})|"
    rf"(?:är|var|e|was|is) {_INTENSIFIERS}(?:{_PERSON_PRAISE})|"
    r"har (?:inte |aldrig )?(?:svarat|ringt|hört|hjälpt|lovat))(?![^\W\d_])"
)
_PERSON_AFTER = re.compile(rf"(?:{_LOCATIVE})?(?: (?:och|&) [A-ZÅÄÖ][^\W\d_]+)?{_PREDICATE}")
# the same with the place of work required: "Sol på förskolan är världens bästa pedagog"
_PERSON_AT = re.compile(rf"{_LOCATIVE}{_PREDICATE}")
# coordinated with a person: "Hugo och jag cyklar", "Saga och hennes kompis fick"
_WITH_PERSON = re.compile(
    r" (?:och|o|&) (?:jag|han|hon|hen|vi|min|mitt|mina|hennes|hans|deras|vår|våra)(?![^\W\d_])"
)
# a relative named after the name: "Axel (min son) väntar", "Eva, min mamma, …"
_APPOSITION = re.compile(
    rf"\s*[(,]\s*(?:min|mitt|vår|hennes|hans|my|our)\s+(?:{_RELATIVES})(?![^\W\d_])"
)
# (sixth round) a person's slot read from the clause's shape, not from a list of what a person
# does: a finite verb right after the word (after "som", a negation or a place of work too), or a
# relative set beside it. Only for a capitalised word no dictionary, place or organisation holds:
# "Tesfamariam fick inte …", "Parisa på tolkservice var sen", "Somchai my husband called"
_FINITE = re.compile(
    r"(?P<at>,? (?:på|i|från|vid|hos) [^\W\d_]+(?:-[^\W\d_]+)*(?: [a-zåäö][^\W\d_]*)?)?"
    r" (?P<som>som |who )?(?:(?:inte|aldrig|också|alltid|never|also|always) )?"
    # what things do and organisations are compared in: "Netflix fungerar inte", "Mimer har
    # bättre service", "… svarar snabbare än ni"
    r"(?!(?:fungerar|funkar|kostar|ligger|finns|öppnar|stänger|gäller|verkar|saknar)\b)"
    r"(?![^\W\d_]+ (?:bättre|sämre|snabbare|långsammare|mer|mindre|fler|färre)\b)"
    r"(?:är|var|har|hade|fick|får|kan|kunde|ska|skulle|vill|ville|måste|sa|gick|kom|tog|gav|"
    r"blev|vet|visste|såg|bor|bodde|gör|gjorde|brukar|sitter|satt|står|stod|går|gick|"
    r"[a-zåäö]{2,}(?:ade|"
    r"ar|er|de|te)|is|was|has|had|wants|wanted|asked|needs|needed|works|worked|called|[a-z]{3,}ed)"
    r"(?![^\W\d_])"
)
# what a place, a thing or an institution's name ends in and a person's seldom does: a Swedish
# place's last part (Skultuna, Bäckby, Erikslund, Mälaren), a definite noun (Kulturnatten), an
# adjective made of a name (Carlforsska): the finite slot alone does not make these a person
_NOT_PERSON_SHAPE = re.compile(
    r"(?:by|byn|lund|lunda|berg|berga|sta|tuna|vik|viken|hult|torp|åker|ås|åsen|näs|holm|hamn|"
    r"köping|stad|staden|ö|ön|backe|backen|dal|dalen|fors|forsen|bo|borg|mo|mon|red|ryd|ängen|"
    r"sjön|heden|skog|skogen|bro|bron|vall|vallen|hagen|gården|torget|en|et|na|arna|orna|erna|"
    r"ska|iska|ske|iske|ism|tion|het|ing|ning|skap)$"
)
_PLACE_SHAPE = re.compile(
    r"(?:by|byn|lund|lunda|berg|berga|sta|tuna|vik|viken|hult|torp|torpet|åker|ås|åsen|näs|holm|"
    r"hamn|köping|stad|ö|ön|dal|dalen|fors|borg|ryd|ängen|heden|skogen|bo|inge|unda|sala|målen)$"
)


def place_shaped(word: str) -> bool:
    """``word`` (folded) ends as Swedish places' names do (Tillberga, Barkarö, Skultuna)."""
    return bool(_PLACE_SHAPE.search(word))


# "Sanna här, svara till …": a caller saying who is speaking
_NAMING_VERBS = _words("heter hette kallas kallades är is")
_NEW_SUBJECT = re.compile(r" (?:jag|vi|och jag|men jag|i need|I)(?![^\W\d_])")
_HERE = re.compile(r" här(?:\s*[,.!:]| från | på | med )")
# a praise emoji after a place of work: "ebba på fritids ❤️"
_PRAISE_EMOJI = re.compile(
    r"\s*[\u2764\u2665\u2b50\U0001F44D\U0001F44F\U0001F64F\U0001F60A\U0001F60D\U0001F970"
    r"\U0001F31F\U0001F495-\U0001F49F\U0001F9E1]"
)
_CLAUSE_END = re.compile(r"[ ]*(?:[.,!?;:)\n]|$)")
# an abbreviation's genitive or definite form after a colon: "VL:s kundtjänst", "SVT:n"
_ABBREVIATION_ENDING = re.compile(r":(?:s|n|en|et|an|ar|arna|er|erna)(?![^\W\d_])")
# Swedish regions and provinces: places whatever a list of names says ("Region Västmanland")
_REGIONS = _words(
    "blekinge dalarna gotland gävleborg halland jämtland härjedalen jönköping kalmar kronoberg "
    "norrbotten skåne stockholm sörmland södermanland uppsala värmland västerbotten "
    "västernorrland västmanland götaland örebro östergötland bohuslän dalsland gästrikland "
    "hälsingland lappland medelpad närke uppland ångermanland småland öland västergötland"
)
# the words after which a capitalised word names a place or an organisation's part
_ORGANISATION_BEFORE = _words("region regionen landstinget länsstyrelsen kommun länet")
_PERSON_PRONOUN = re.compile(
    r"(?i:(?<![^\W\d_])(?:han|hon|hen|henne|honom|he|she|him)(?![^\W\d_]))"
)
# a person named by a noun in the definite form ("chauffören", "handläggaren", "killen")
_OTHER_PERSON = re.compile(
    r"(?<![^\W\d_])[a-zåäö]+(?:ören|aren|ären|ern|isten|mannen|kvinnan|killen|tjejen|personen|"
    r"damen|chefen|tolken|läraren|rektorn)(?![^\W\d_])"
)
_BESIDE_RELATIVE = re.compile(
    rf"\s*[(,]?\s*(?:min|mitt|vår|hennes|hans|my|our)\s+(?:{_RELATIVES})(?![^\W\d_])"
)
_SURNAME_SHAPE = re.compile(
    r"(?:sson|ström|qvist|kvist|gren|lind|blom|bäck|stedt|stam|ander|ius|én|berg|lund|holm|"
    r"dahl|sjö|ling|borg|fors|mark|hammar|nen|ski|ska|cki|cka|ić|vić|ov|ova|zadeh|yan|oglu|oğlu|"
    r"[^aeiouyåäö]i)$"
)
# Swedish endings of nouns in the definite or plural form: "med handläggaren", "av personalen"
_SWEDISH_NOUN = re.compile(r"(?:en|et|na|ar|or|er|tjänst|ning|het|else|skap|ande|ende|ion)$")
# The last words of each context pattern above (the cheap test before the search)
_INTRO_LAST = _words(
    "waa yahay on ismi adım adim się imię llamo es heiße heisse ist m'appelle m’appelle min se "
    "heter hette kallas är namn namnet is name's name mvh m.v.h vh hälsning hälsningar hälsn "
    "hälsar regards cheers sincerely kram kramar undertecknad this"
)
_ROLE_LAST = _words(
    "handläggaren handläggare socialsekreteraren socialsekreterare kuratorn kurator rektorn rektor "
    "läraren lärare lärarinnan enhetschefen enhetschef chefen chef tolken tolk sjuksköterskan "
    "sjuksköterska undersköterskan undersköterska kontaktpersonen kontaktperson mentorn mentor "
    "inspektören inspektör administratören assistenten receptionisten handledaren "
    "biståndshandläggaren bygglovshandläggaren fru herr dr doktor doktorn fröken frk mr mrs ms "
    "familjen familj fam "
    "yngsta äldsta lilla minsta store stora söner döttrar partner bonusson bonusdotter bonusbarn "
    "svärson svärdotter kids children barnen sonen dottern maken makan frun "
    "miss officer man sambo son dotter mamma pappa mor far granne bror syster barnbarn svärmor "
    "svärfar farmor farfar mormor morfar kompis vän väninna pojkvän flickvän make maka barn kusin "
    "moster faster morbror farbror husband wife daughter neighbour neighbor mother father friend "
    "grannen kvinnan mannen killen tjejen damen personen handläggarna"
)
# the verbs that call someone, after which an unlisted lower-case word is the one called
_CALL_VERBS = _words("ring ringa ringde sms:a messa fråga kontakta mejla maila")
_OPENING_VERBS = _words(
    "ring ringa tacka tack kontakta mejla maila fråga hälsa hälsar säg be skicka träffa hej"
)
_CUE_LAST = _words(
    "med av till efter tack tacka träffade träffa ringde ring ringa kontakta kontaktade mejla "
    "mejlade maila mailade på var är heter with to for called met"
)
# Finnish case endings of a name (allative, ablative, adessive, genitive, partitive, …) and the
# letter a stem may have lost: Tuula → Tuulalle, Jukka → Jukan
_FINNISH_CASES = (
    ("lle", ""), ("lta", ""), ("llä", ""), ("lla", ""), ("ltä", ""), ("sta", ""), ("ssa", ""),
    ("n", ""), ("kan", "kka"), ("pan", "ppa"), ("tan", "tta"), ("ksi", ""),
)  # fmt: skip
# A person "at" a department: "Stig på gatukontoret", "Lisa i växeln" (not "Stig på bussen")
_AT_SERVICE = re.compile(
    r" (?:på|i|från) (?:[^\W\d_]*(?:kontoret|tjänsten|förvaltningen|nämnden|centret|center|"
    r"enheten|avdelningen|receptionen|växeln|kundtjänst|bygglov|skolan|förskolan|biblioteket|"
    r"kommunen|hemtjänsten|boendet|mottagningen|"
    # (sixth round) more places where staff work: "Rosa i kassan", "Siv i köket"
    r"kassan|kassorna|köket|städet|gruppen|teamet|fritids|expeditionen|jouren|kansliet|"
    r"butiken|disken|entrén|vårdcentralen))\b",
    re.IGNORECASE,
)
# what stands between "tack" and "för" without being a name
_THANKS_WORDS = _words(
    "så igen alla ni er också verkligen snälla återigen ännu än mycket hjärtligt stort "
    "jättemycket tusen än en hela varmt själv dig"
)
_PLACE_PREPOSITIONS = _words(
    "i på till från mot vid utanför genom nära mellan bakom längs in at to from near between"
)
# the prepositions of where only ("mellan Gryta och Hökåsen"), not of whom ("till", "mot", "från")
_WHERE_PREPOSITIONS = _words("på vid i utanför genom nära mellan bakom längs near between")
_I_AM = re.compile(r"(?i:(?<![^\W\d_])jag\s+är)\s*$")
_HEAD_NOUN = re.compile(r" ([a-zåäö][^\W\d_]*)")
_INITIALS = re.compile(r"[A-ZÅÄÖ](?:[-.][A-ZÅÄÖ])?\.?")
# a compound whose first part is a name: "Saga-stunden", "Astrid Lindgren-skolan"
_NAMED_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-[a-zåäö][^\W\d_]*")
# a name spoken to: "Helga, du är bäst!", "Tove, ni gjorde …"
_VOCATIVE = re.compile(r"\s*,\s*(?:du|ni|you)(?![^\W\d_])")
_EMOJI_AFTER = re.compile(r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_DASH_SIGNATURE = re.compile(r"(?:^|\s)[-–—]\s*$")


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


_FINNISH_WEAK = re.compile(r"(.*[aeiouyäö])([kpt])([aeiouyäö])")


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
    # a comment in a language the lists do not read (Somali, Turkish, Spanish …): among four
    # or more words, at most one English function word and under a third Swedish words
    unread = latin >= 4 and _unread(tokens, latin)
    # Title Case Or ALL CAPS throughout: a capital says nothing about a name there
    capitals = sum(1 for _, _, w in tokens if w[:1].isupper() and not _ARABIC.search(w))
    titled = latin >= 4 and capitals >= 0.8 * latin
    is_name = [False] * len(tokens)
    keep_s = [False] * len(tokens)
    introduced = [False] * len(tokens)  # the run began after "jag heter", a signature …
    listed = [False] * len(tokens)
    for i, (start, end, word) in enumerate(tokens):
        category, possessive = _category(word, table)
        if possessive and unread:  # a genitive -s is Swedish or English: "gracias" is no Gracia's
            category, possessive = 0, False
        form = _form(word)
        bare = word.rstrip(".").casefold()
        # a listed name that the Swedish dictionary holds as a word ("sanda", "stan") is, in
        # lower case, a word unless the sentence says otherwise
        demoted = category == GIVEN and form == "lower" and everyday(bare)
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
        # nor before a function word: "Yonas som städar" is Yonas, not Yona's
        if possessive and head is not None and head.group(1) in _FUNCTION_WORDS:
            possessive = False
        # a listed name that is also another name's genitive, before its noun: "Annas mamma"
        if (
            category
            and not possessive
            and bare.endswith("s")
            and len(bare) >= 4
            and head is not None
            and head.group(1) not in _FUNCTION_WORDS
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
                )
            )
        elif _FOREIGN_LETTER.search(word) and form != "arabic" and ordinary and foreign <= 3:
            # "Dženana", "małgorzata"; in a comment written in a language that has the letter
            # (Turkish, Polish …), only where a capital or the lists say so
            decided = (
                (capital or category != 0)
                if unread
                else (capital or category != 0 or len(bare) >= 3)
            )
        elif form == "arabic":
            decided = bare not in _ARABIC_FUNCTION and (
                # right after the cue: not after marks a pass put between ("اسمي [namn] …")
                (last in _ARABIC_CUES and not gap.strip())
                or category in (GIVEN, SURNAME)
                or (category == GIVEN_WORD and latin > arabic)
                or intro
                or role
                or cue
                or (after_name and _ARABIC.search(tokens[i - 1][2]) is not None)
            )
        elif category in (GIVEN, SURNAME) and capital:
            # not right after "i": a person is "hos", "med", "till" someone, a thing is "i"
            # something ("fungerar inte i Safari"), unless more of a name follows
            in_thing = previous is not None and previous[2] == "i"
            decided = not in_thing or after_name or _next_is_name(text, tokens, i, table)
        elif category == GIVEN and form == "lower":
            decided = ordinary
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
                    or (role and bool(_AFTER_PERSON.match(text, end - word.endswith("."))))
                    or (role and _next_is_name(text, tokens, i, table, lower=True))
                    # after a name in lower case only: "lena berg", not "sambo Daniel bor på"
                    or (after_name and _form(tokens[i - 1][2]) == "lower")
                    or (cue and bool(_AFTER_PERSON.match(text, end - word.endswith("."))))
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
                and _unlisted_person(text, tokens, i)
            ):
                decided = True
                if given_first:
                    is_name[i - 1] = True
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
            # "Jag är Fadumo, …": after "jag är", a capitalised word no Swedish word
            if (
                not decided
                and form == "cap"
                and last == "är"
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
                and not organisation
                and bare not in places()
                and not everyday(bare)
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
                or (after_name and introduced[i - 1] and _clause_ends_soon(text, tokens, i))
                or (after_given and len(bare) >= 4 and bool(_SURNAME_SHAPE.search(bare)))
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
                        or (last in _CALL_VERBS and text[previous[1] : start] == " ")  # type: ignore[index]
                    )
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
            and capital
            and bare not in _FUNCTION_WORDS
            and len(bare) >= 2
            # (a word after it, not a signature's "/": "/Kommunen" signs as no one)
            and (
                (tight and not mark and last in _NAMING_VERBS)
                or (
                    i == 0
                    and _HERE.match(text, end)
                    and as_listed != PLACE
                    and (as_listed != 0 or (len(bare) >= 3 and not everyday(bare)))
                )
            )
        ):
            decided = True
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
        )
        introduced[i] = decided and (intro or tight or (after_name and introduced[i - 1]))
        # a particle decided before: "van der Berg" takes "der" too
        if decided and i >= 1 and joined and tokens[i - 1][2].casefold() in _PARTICLES:
            is_name[i - 1] = True
    _structure(text, tokens, is_name, listed, keep_s, found, table)
    _backwards(text, tokens, is_name, listed, table)
    _named_compounds(text, tokens, is_name)
    # a signature: capitalised words after a dash at the very end ("… tack! - Anna Ek")
    _dash_signature(text, tokens, is_name)
    _display_names(text, tokens, is_name, emails, table)
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


# the words of a frame around a name or a number are not the name ("Ring 070 …", "Mobil: 070 …")
_FRAME = (
    _CUE_LAST
    | _ROLE_LAST
    | _INTRO_LAST
    | _words("ring ringa sms mobil mobilen tel telefon hem hemma jobb jobbet nummer nr numret")
    # (sixth round) a personnummer's or an address's label: "Pnr 19780312-…" names no one
    | _words("pnr p-nr personnr personnummer samordningsnummer födelsedatum adress adr mejl")
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
      Hugo", "Dawit och Selam", "conny och mats"; not "Anna och kommunen");
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
            if not (_candidate(word, table, capital) or (capital and category == PLACE)):
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
        if genitive or unlisted:
            is_name[i] = False
            if i + 1 < len(tokens):
                is_name[i + 1] = False  # the place's word itself: "park", "Värld"
            j = i
            while j > 0 and text[tokens[j - 1][1] : tokens[j][0]] == " " and is_name[j - 1]:
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


def _unlisted_person(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """An unlisted capitalised word that is no everyday Swedish word, no place and no
    organisation, followed (after up to two more such words) by what a person does."""
    word = tokens[i][2]
    bare = word.rstrip(".").casefold()
    # no dictionary of English is at hand: an English sentence's first word may be any word
    # ("Everything at the reception was helpful")
    if (
        _english(text)
        and _sentence_start(text, tokens[i][0])
        and not _BESIDE_RELATIVE.match(text, tokens[i][1])  # "Somchai my husband called"
    ):
        return False
    if (
        len(bare) < 3
        # each part in Title Case: "Cabdullahi", "Inga-Máret"
        or not all(p[:1].isupper() and p[1:].islower() for p in word.rstrip(".").split("-"))
        or everyday(bare)
        or bare in places()
        or bool(_ORGANISATION.search(bare))
        or bare.endswith(_STREET_SUFFIXES)
    ):
        return False
    j = i
    while (
        j + 1 < len(tokens)
        and j - i < 2
        and text[tokens[j][1] : tokens[j + 1][0]] == " "
        and _form(tokens[j + 1][2]) == "cap"
        and not everyday(tokens[j + 1][2])
    ):
        j += 1
    end = tokens[j][1]
    if (
        _person_after(text, end)
        or bool(_AT_SERVICE.match(text, end) or _VOCATIVE.match(text, end))
        or bool(_WITH_PERSON.match(text, end) or _BESIDE_RELATIVE.match(text, end))
    ):
        return True
    # the clause's shape may follow a surname that is a word: "Inga-Máret Labba på … har"
    if (
        j == i
        and j + 1 < len(tokens)
        and text[tokens[j][1] : tokens[j + 1][0]] == " "
        and _form(tokens[j + 1][2]) == "cap"
        and tokens[j + 1][2].casefold() not in _FUNCTION_WORDS
    ):
        end = tokens[j + 1][1]
    return _finite_after(text, end, alone=False)


def _referred_to(text: str, end: int) -> bool:
    """A relative's word right before the word ending at ``end`` ("mamma Mirsada"), or a person's
    pronoun after it that can only be its ("… fick vänta, han var ledsen"): not "han som" (anyone
    who), not after another person named by a noun ("… och chauffören sa att han …")."""
    start = end - len(re.search(r"[^\W\d_-]+(?:-[^\W\d_]+)*$", text[:end]).group())  # type: ignore[union-attr]
    if re.search(rf"(?i:(?<![^\W\d_])(?:{_RELATIVES}))\s+$", text[max(0, start - 20) : start]):
        return True
    pronoun = _PERSON_PRONOUN.search(text, end)
    if pronoun is None or text.startswith(" som", pronoun.end()):
        return False
    return _OTHER_PERSON.search(text, end, pronoun.start()) is None


def _finite_after(text: str, end: int, alone: bool = True) -> bool:
    """A finite verb follows ``end`` (``_FINITE``), not after a town: "Parisa på tolkservice var
    sen", not "Bo i Västerås var bra". Not ``alone``: the verb must come after a place of work or
    "som", or the word be a relative's or referred to by a person's pronoun (``_referred_to``): a
    company, an app or a district does what a verb says as often ("Spotify har höjt priset",
    "Gottsunda har fått ny lekplats")."""
    match = _FINITE.match(text, end)
    if match is None:
        return False
    if not alone and not (match.group("at") or match.group("som") or _referred_to(text, end)):
        return False
    word = re.search(r"([^\W\d_]+)$", text[:end])
    if word is None or _NOT_PERSON_SHAPE.search(word.group(1).casefold()):
        return False
    at = re.match(r",? \S+ ([^\W\d_]+)", match.group())
    return at is None or at.group(1).casefold() not in places()


def _person_at(text: str, end: int, verbs_only: bool = False) -> bool:
    """A place of work and what a person does or is follow ``end`` (``_PERSON_AT``), not at a
    town; ``verbs_only``: what a person does, not praise (which a town gets too)."""
    match = _PERSON_AT.match(text, end)
    if match is None or match.group("at").casefold() in places():
        return False
    return not verbs_only or not re.search(r" (?:är|var|e|was|is) ", match.group())


def _praised_at(text: str, end: int) -> bool:
    """A place of work, then a praise emoji ends the comment or clause: "ebba på fritids ❤️"."""
    match = re.compile(_LOCATIVE).match(text, end)
    return (
        match is not None
        and match.group("at").casefold() not in places()
        and bool(_PRAISE_EMOJI.match(text, match.end()))
    )


def _person_after(text: str, end: int) -> bool:
    """What a person does or is follows ``end`` (``_PERSON_AFTER``), not at a town: "Tor på
    bygglov sa …", not "Bo i Västerås är bra"."""
    match = _PERSON_AFTER.match(text, end)
    return match is not None and (match.group("at") or "").casefold() not in places()


def _free_tokens(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The words of ``text`` outside the spans other finders took (sorted by start)."""
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


def _clause_ends_soon(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """The words from ``i`` reach the end of the text or of a clause within three words."""
    for j in range(i, min(i + 3, len(tokens))):
        if tokens[j][2].endswith(".") or _ends_text_or_clause(text, tokens[j][1]):
            return True
        if j + 1 < len(tokens) and text[tokens[j][1] : tokens[j + 1][0]] not in _GAP:
            return False
    return False


_GAP = (" ", "-", "")  # "" only after a token's own dot: "K.L. Björk"


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


def _ends_text_or_clause(text: str, end: int) -> bool:
    rest = text[end:].lstrip(" ")
    return not rest or rest[0] in ".,!?\n)-–" or rest.startswith(("och ", "och\n", "and "))


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
