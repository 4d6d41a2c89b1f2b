"""What stands before a word and introduces a person, for the name rules of ``people``.

Each pattern ends at the word it introduces (searched in the 60 characters before it, after a
cheap test of the last word: ``_INTRO_LAST``, ``_ROLE_LAST``, ``_CUE_LAST``):

- an introduction or a signature (``_INTRO``): ``jag heter``, ``mitt namn är``, "my name is" in
  the languages residents write, ``Mvh``, ``/``, ``Hälsningar``; ``_INTRO_TIGHT`` the ones
  after which any word, even lower case, is the name;
- a role or a relative (``_ROLE``, ``_RELATIVE``): ``handläggaren``, ``tolken``, ``fru``,
  ``min son``, ``vår yngsta``;
- a person's verb (``_PERSON_CUE``): ``pratade med``, ``tack till``, ``ringde``;
  ``_PERSON_CUE_STRONG`` the ones after which even an unlisted lower-case word is the person;
- and what does not introduce one: a verb that opens a sentence to a person (``Ring Ali``), the
  prepositions of place, the words of a frame around a number (``Mobil:``, ``Pnr``).
"""

from __future__ import annotations

import re

from shared.platform.redaction.name_words import (
    _words,
)

# "my name is" in the languages residents write: Somali, Finnish, Arabic and Turkish in Latin
# letters, Polish, Spanish, German, French, Kurdish, Bosnian/Croatian/Serbian
_OTHER_INTROS = (
    r"magacaygu\s+waa|magacayga\s+waa|magacaygu\s+waxa\s+uu\s+yahay|nimeni\s+on|ismi|"
    r"benim\s+ad[ıi]m|nazywam\s+się|mam\s+na\s+imię|me\s+llamo|mi\s+nombre\s+es|"
    r"ich\s+heiße|ich\s+heisse|mein\s+name\s+ist|je\s+m'appelle|je\s+m’appelle|"
    r"navê\s+min|zovem\s+se|"
    # (seventh round) "I am" in Bosnian/Croatian/Serbian: "Ja sam Emina"
    r"ja\s+sam"
)
# (eighth round) a name one gives oneself or is given, often in quotes: 'presenterade sig som
# "Nettan"', 'som kallas "Texas"', "called herself"
_SELF_NAMED = (
    r"presenterade\s+sig\s+som|presenterar\s+sig\s+som|kallade\s+sig|kallar\s+sig|"
    r"kallar\s+(?:honom|henne|hen)|kallade\s+(?:honom|henne|hen)|kallad|"
    r"called\s+(?:herself|himself)|introduced\s+(?:herself|himself)\s+as"
)
_QUOTE_MARKS = "\"'”“«»‘’"
_INTRO = re.compile(
    rf"(?i:(?<![^\W\d_])(?:{_OTHER_INTROS}|heter|hette|kallas|namn\s*(?:är|:)|namnet\s+är|"
    r"name\s+is|name's|my\s+name|this\s+is|undertecknad|mvh|m\.v\.h\.?|vh|hälsning(?:ar)?|hälsn\.?|hälsar|regards|"
    rf"cheers|sincerely|kram(?:ar)?|{_SELF_NAMED})|(?:^|(?<=\s))/{{1,2}})[\s,:.!{_QUOTE_MARKS}]*$"
)
_INTRO_TIGHT = re.compile(rf"(?i:(?<![^\W\d_])(?:{_OTHER_INTROS}|heter|hette|kallas|"
                          r"namn\s*(?:är|:)|namnet\s+är|name\s+is|mvh|m\.v\.h\.?|vh|hälsning(?:ar)?|hälsn\.?|hälsar|regards|"
                          rf"sincerely|{_SELF_NAMED})|(?:^|(?<=\s))/{{1,2}})"
                          rf"[\s,:.!{_QUOTE_MARKS}]*$")  # fmt: skip
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
    # (twelfth round) the honorifics of other languages before a name: Thai, Polish, BCS
    r"khun|pani|gospodin|gospođa|gospodja|"
    rf"(?:min|mitt|mina|vår|våra|din|dina|hennes|hans|my|our)\s+(?:{_RELATIVES})|"
    r"barnen|sonen|dottern|maken|makan|frun|"
    # (eighth round) more relatives in the definite form: "Barnbarnet Mackan hjälpte mig"
    r"barnbarnet|barnbarnen|kusinen|sambon|svärmodern|svärfadern|brodern|systern|"
    r"grannen|kvinnan|mannen|killen|tjejen|damen|personen|handläggarna)\.?)[\s,:]*$"
)
# Verbs and phrases after which a capitalised word, or a listed name in lower case, is a person
_PERSON_CUE = re.compile(
    r"(?i:(?<![^\W\d_])(?:pratade|pratat|talade|snackade|prata|tala|snacka|träffade|träffa|"
    r"ringde|ring|ringa|frågade\s+efter|fråga\s+efter|fick\s+hjälp\s+av|hjälp\s+av|"
    r"kopplades\s+till|hänvisades\s+till|hälsa\s+till|hälsningar\s+till|tack(?:a)?\s+till|"
    r"tack|tacka|kontakta|kontaktade|mejla|mejlade|maila|mailade|beröm\s+till|klagomål\s+på|"
    r"besviken\s+på|arg\s+på|nöjd\s+med|det\s+var|det\s+är|hon\s+heter|han\s+heter|"
    r"spoke\s+(?:with|to)|talked\s+to|thanks?\s+to|ask\s+for|called|met)"
    r"(?:\s+(?:med|med\s+en|till|av|på|m))?)[\s,:]*$"
)
# The cues after which even an unlisted lower-case word is a person ("pratade med sahra på …")
_PERSON_CUE_STRONG = re.compile(
    r"(?i:(?<![^\W\d_])(?:pratade|pratat|talade|snackade|prata|tala|snacka)\s+(?:med|m)|"
    r"(?:fick\s+)?hjälp\s+av|tack(?:a)?\s+till|hälsa\s+till|träffade|frågade\s+efter|"
    r"fråga\s+efter|kopplades\s+till|spoke\s+(?:with|to))[\s,:]*$"
)


# "Sanna här, svara till …": a caller saying who is speaking
_NAMING_VERBS = _words("heter hette kallas kallades är is som sig honom henne hen kallad as")
# the words after which a capitalised word names a place or an organisation's part
_ORGANISATION_BEFORE = _words("region regionen landstinget länsstyrelsen kommun länet")
# The last words of each context pattern above (the cheap test before the search)
_INTRO_LAST = _words(
    "waa yahay on ismi adım adim się imię llamo es heiße heisse ist m'appelle m’appelle min se "
    "heter hette kallas är namn namnet is name's name mvh m.v.h vh hälsning hälsningar hälsn sam "
    "hälsar regards cheers sincerely kram kramar undertecknad this "
    # (eighth round)
    "som sig honom henne hen herself himself as kallad"
)
_ROLE_LAST = _words(
    "handläggaren handläggare socialsekreteraren socialsekreterare kuratorn kurator rektorn rektor "
    "läraren lärare lärarinnan enhetschefen enhetschef chefen chef tolken tolk sjuksköterskan "
    "sjuksköterska undersköterskan undersköterska kontaktpersonen kontaktperson mentorn mentor "
    "inspektören inspektör administratören assistenten receptionisten handledaren "
    "biståndshandläggaren bygglovshandläggaren fru herr dr doktor doktorn fröken frk mr mrs ms "
    "familjen familj fam khun pani gospodin gospođa gospodja "
    "yngsta äldsta lilla minsta store stora söner döttrar partner bonusson bonusdotter bonusbarn "
    "svärson svärdotter kids children barnen sonen dottern maken makan frun "
    "miss officer man sambo son dotter mamma pappa mor far granne bror syster barnbarn svärmor "
    "svärfar farmor farfar mormor morfar kompis vän väninna pojkvän flickvän make maka barn kusin "
    "moster faster morbror farbror husband wife daughter neighbour neighbor mother father friend "
    "grannen kvinnan mannen killen tjejen damen personen handläggarna "
    "barnbarnet barnbarnen kusinen sambon svärmodern svärfadern brodern systern"
)
# (seventh round) a compound whose last part is a role in the definite form: "Lärarvikarien
# Sommar", "Skolsköterskan Maj", "Fritidspedagogen Vide"
_ROLE_COMPOUND = (
    "vikarien", "läraren", "pedagogen", "assistenten", "sköterskan", "handläggaren", "chefen",
    "tolken", "kuratorn", "rektorn", "mentorn", "chauffören", "föraren", "städaren",
    "vaktmästaren", "ledaren",
)  # fmt: skip
# (seventh round) "det är", "det var" before a lower-case word: a predicate ("det är sant"), which
# names someone only when the word is no everyday word ("det var lena")
_PREDICATE_CUE = re.compile(r"(?i:(?<![^\W\d_])det\s+(?:är|var))[\s,:]*$")
# (seventh round) in scripts without capitals (Ethiopic, Chinese), the words that introduce a
# person right after them: my name (Tigrinya, Amharic; Chinese 我叫), thanks to (Tigrinya,
# Amharic; Chinese 谢谢, 感谢)
_UNCASED_CUES = _words(
    "ስመይ ስሜ ሽመይ የቐንየለይ የቀንየለይ የቐንየልና አመሰግናለሁ አመሰግናለው 谢谢 感谢 多谢 我叫 我是 叫 "
    # (eighth round) Tigrinya "I (am)": "ኣነ ሰላም እየ" (only with "እየ", am, after the name)
    "ኣነ"
)
# what follows a name in those scripts without being one: is, and, the (Tigrinya, Amharic)
_UNCASED_FUNCTION = _words("እዩ ኢዩ ነው ነዉ እያ ኢያ ን ከ 你 你们 您 大家 我们 他们 她们 他 她 各位 እየ")
# the verbs that call someone, after which an unlisted lower-case word is the one called
_CALL_VERBS = _words("ring ringa ringde sms:a messa fråga kontakta mejla maila")
_OPENING_VERBS = _words(
    "ring ringa tacka tack kontakta mejla maila fråga hälsa hälsar säg be skicka träffa hej"
)
_CUE_LAST = _words(
    "med av till efter tack tacka träffade träffa ringde ring ringa kontakta kontaktade mejla "
    "mejlade maila mailade på var är heter with to for called met m"
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
_I_AM = re.compile(r"(?i:(?<![^\W\d_])(?:jag\s+är|i\s+am|i'm))\s*$")


# the words of a frame around a name or a number are not the name ("Ring 070 …", "Mobil: 070 …")
_FRAME = (
    _CUE_LAST
    | _ROLE_LAST
    | _INTRO_LAST
    | _words("ring ringa sms mobil mobilen tel telefon hem hemma jobb jobbet nummer nr numret")
    # (sixth round) a personnummer's or an address's label: "Pnr 19780312-…" names no one
    | _words("pnr p-nr personnr personnummer samordningsnummer födelsedatum adress adr mejl")
)
