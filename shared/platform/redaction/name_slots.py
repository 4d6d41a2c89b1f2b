"""What follows a word and makes its slot a person's, for the name rules of ``people``.

Read from the clause after the word, not from the word: a person's verb or praise right after
it, or after where they work (``Tor sa att …``, ``Tariq på fritids är toppen``:
``_person_after``, ``_person_at``, ``_praised_at``); a finite verb in the subject's slot, after
"som", a negation or a place of work, or with a relative or a person's pronoun referring to it
(``_finite_after``, ``_referred_to``); a place of work that staff have (``Lisa i växeln``:
``_AT_SERVICE``); coordination with a person (``Hugo och jag``), a relative in apposition
(``Axel (min son)``), being spoken to (``Helga, du …``), and the end of a clause
(``_AFTER_PERSON``, ``_clause_ends_soon``). A town after the preposition is never a place of work.
``_unlisted_person`` combines them for a capitalised word no list or dictionary holds.
"""

from __future__ import annotations

import re

from shared.platform.redaction.lexicon import english, everyday
from shared.platform.redaction.name_cues import (
    _RELATIVES,
    _ROLE_LAST,
)
from shared.platform.redaction.name_words import (
    _FUNCTION_WORDS,
    _GAP,
    _NOT_PERSON_SHAPE,
    _ORGANISATION,
    _STREET_SUFFIXES,
    _english,
    _form,
    _sentence_start,
    places,
)

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
    # (twelfth round) what a person is said to deserve: "… borde få ett tack"
    "borde\\s+få\\s+(?:ett\\s+|en\\s+)?(?:tack|beröm|pris|medalj|löneförhöjning)|"
    # and in English
    "replied|answered|helped|called|said|told|explained|fixed|came|deserves"
)
_PERSON_PRAISE = (
    "bra|bäst|toppen|snäll|trevlig|otrevlig|hjälpsam|fantastisk|underbar|duktig|kunnig|"
    "oförskämd|jättebra|jättesnäll|jättetrevlig|guld|sur|arg|stressad|förstående|vänlig|grym|"
    "super|suverän|proffsig|professionell|härlig|gullig|go|elak|dålig|sämst|otrevlig|ärlig|"
    "glad|gladlynt|positiv|tålmodig|omtänksam|schysst|schyst|sjyst|"
    # (twelfth round) "… var till stor hjälp" (was a great help)
    r"till\s+(?:stor|god|jättestor|enorm)\s+hjälp|"
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
    r"(?:,? (?:på|i|från|vid|hos|at|in|from|on) "
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
    # (eleventh round) and SMS's "va" for "var": "Kjelle va schysst"
    rf"(?:är|var|va|e|was|is) {_INTENSIFIERS}(?:{_PERSON_PRAISE})|"
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
_NEW_SUBJECT = re.compile(r" (?:jag|vi|och jag|men jag|i need|I)(?![^\W\d_])")
_HERE = re.compile(
    r" här(?:\s*[,.!:]| från | på | med "
    # (seventh round) and what the caller asks right after, SMS-fashion: "jocke här ring …"
    r"| (?:ring|ringa|svara|skriv|mejla|maila|sms:a|kontakta)(?![^\W\d_]))"
)
# a praise emoji after a place of work: "ebba på fritids ❤️"
_PRAISE_EMOJI = re.compile(
    r"\s*[\u2764\u2665\u2b50\U0001F44D\U0001F44F\U0001F64F\U0001F60A\U0001F60D\U0001F970"
    r"\U0001F31F\U0001F495-\U0001F49F\U0001F9E1]"
)
_CLAUSE_END = re.compile(r"[ ]*(?:[.,!?;:)\n]|$)")
# an abbreviation's genitive or definite form after a colon: "VL:s kundtjänst", "SVT:n"
_ABBREVIATION_ENDING = re.compile(r":(?:s|n|en|et|an|ar|arna|er|erna)(?![^\W\d_])")
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
# A person "at" a department: "Stig på gatukontoret", "Lisa i växeln" (not "Stig på bussen")
_AT_SERVICE = re.compile(
    r" (?:på|i|från) (?:[^\W\d_]*(?:kontoret|tjänsten|förvaltningen|nämnden|centret|center|"
    r"enheten|avdelningen|receptionen|växeln|kundtjänst|bygglov|skolan|förskolan|biblioteket|"
    r"kommunen|hemtjänsten|boendet|mottagningen|"
    # (sixth round) more places where staff work: "Rosa i kassan", "Siv i köket"
    r"kassan|kassorna|köket|städet|gruppen|teamet|fritids|expeditionen|jouren|kansliet|"
    r"butiken|disken|entrén|vårdcentralen|"
    # (seventh round) and where youth workers are: "Viking på fritidsgården har …"
    r"fritidsgården|ungdomsgården|fritidsgård|ungdomsgård))\b",
    re.IGNORECASE,
)
_HEAD_NOUN = re.compile(r" ([a-zåäö][^\W\d_]*)")
# a name spoken to: "Helga, du är bäst!", "Tove, ni gjorde …"
_VOCATIVE = re.compile(r"\s*,\s*(?:du|ni|you)(?![^\W\d_])")
_EMOJI_AFTER = re.compile(r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]")


_QUOTES = "\"'”“«»‘’"


def _unlisted_person(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """An unlisted capitalised word that is no everyday Swedish word, no place and no
    organisation, followed (after up to two more such words) by what a person does."""
    word = tokens[i][2]
    bare = word.rstrip(".").casefold()
    # an English sentence's first word may be any English word ("Everything at the reception
    # was helpful"); (twelfth round) one the English list lacks may be a name ("Ifrah helped me")
    if (
        _english(text)
        and _sentence_start(text, tokens[i][0])
        and english(bare)
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
        or bare in _ROLE_LAST  # an honorific: "Khun Malee at the front desk"
    ):
        return False
    j = i
    while (
        j + 1 < len(tokens)
        and j - i < 2
        and text[tokens[j][1] : tokens[j + 1][0]] == " "
        and _form(tokens[j + 1][2]) == "cap"
        # (twelfth round) or, third after two unlisted names, a surname that is a word, last
        # before what a person does: "Ánde Niillas Labba borde få ett tack" (not a company's
        # second word: "Vafab Miljö svarade")
        and (not everyday(tokens[j + 1][2]) or (j > i and _person_after(text, tokens[j + 1][1])))
    ):
        j += 1
    end = tokens[j][1]
    # (seventh round) a nickname in quotes: the slot begins after the closing one ('"Tussan" i
    # hemtjänsten …')
    if tokens[i][0] and text[tokens[i][0] - 1] in _QUOTES and text[end : end + 1] in _QUOTES:
        end += 1
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
    # (the word may end in its own dot, "Tesfay. har …": then it starts before the dot)
    word = re.search(r"[^\W\d_-]+(?:-[^\W\d_]+)*\.?$", text[:end])
    start = end - len(word.group()) if word else end
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


def _clause_ends_soon(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """The words from ``i`` reach the end of the text or of a clause within three words."""
    for j in range(i, min(i + 3, len(tokens))):
        if tokens[j][2].endswith(".") or _ends_text_or_clause(text, tokens[j][1]):
            return True
        if j + 1 < len(tokens) and text[tokens[j][1] : tokens[j + 1][0]] not in _GAP:
            return False
    return False


def _ends_text_or_clause(text: str, end: int) -> bool:
    rest = text[end:].lstrip(" ")
    return not rest or rest[0] in ".,!?\n)-–" or rest.startswith(("och ", "och\n", "and "))
