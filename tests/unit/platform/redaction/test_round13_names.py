"""The thirteenth round's rules for names: each rule on probes written for it in other names,
words and languages than the comments it was written from, and the benign comments near each
that must come back as written; every probe's output is also checked to be a fixed point (a
second pass changes nothing)."""

from __future__ import annotations

import pytest

from shared.platform.redaction.thorough import thorough

ALLOW = ("090-16 10 00", "040-34 10 00", "Stadshuset, Skolgatan 31A")


def _redacted(text: str) -> str:
    once = thorough(text, ALLOW)
    assert thorough(once, ALLOW) == once, "a second pass changed the first's output"
    return once


# A name ending in -s whose stem is a listed name is the whole name when no noun follows it: a
# genitive stands before its noun, so "[namn]s" would leave a letter a second pass reads as a name.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tack Jonas, du var till stor hjälp.", "Tack [namn], du var till stor hjälp."),
        ("Hälsa Klaus!", "Hälsa [namn]!"),
        ("Jag pratade med Tobias.", "Jag pratade med [namn]."),
        ("Tack Andreas för hjälpen", "Tack [namn] för hjälpen"),
        ("Hej Matias, ring mig gärna igen", "Hej [namn], ring mig gärna igen"),
        ("Kontakta Elias eller hans chef.", "Kontakta [namn] eller hans chef."),
        # a genitive before its noun keeps its -s
        ("Lenas chef ringde aldrig tillbaka.", "[namn]s chef ringde aldrig tillbaka."),
        ("Jag väntar på Peters svar.", "Jag väntar på [namn]s svar."),
    ],
)
def test_a_name_in_s_with_no_noun_after_goes_whole(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# In a comment that mixes Swedish with another language, a lower-case word with letters Swedish
# lacks is a name only where the sentence around it is Swedish: inside a sentence of the other
# language it is that language's word (Kurmanji, Turkish, Polish, BCS).
@pytest.mark.parametrize(
    "text",
    [
        "Spas ji bo alîkariyê! Hon förklarade allt för min pappa.",
        "Gelek spas ji bo hevkariyê. Det gick fort och bra.",
        "Çok teşekkürler, çok yardımcı oldunuz. Bra bemötande i telefon.",
        "Dziękuję bardzo za pomoc, było świetnie. Tack så mycket till er.",
        "Hvala vam puno, sve je bilo odlično. Tack för hjälpen med ansökan.",
        "Bardzo dziękuję, proszę dzwonić później. Jag jobbar dagtid.",
    ],
)
def test_another_languages_lower_case_words_in_a_mixed_comment_stay(text: str) -> None:
    assert _redacted(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name with such letters in a Swedish sentence still goes, in any case
        ("pratade med małgorzata på bygglov igår", "pratade med [namn] på bygglov igår"),
        (
            "Hêvîn, spas ji bo alîkariyê! Äntligen någon som lyssnade.",
            "[namn], spas ji bo alîkariyê! Äntligen någon som lyssnade.",
        ),
        (
            "Dziękuję! Jag fick hjälp av Łukasz på bygglov.",
            "Dziękuję! Jag fick hjälp av [namn] på bygglov.",
        ),
    ],
)
def test_a_name_with_letters_swedish_lacks_still_goes(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# In capitals a capital says nothing: a pronoun, a function word or an everyday word no list
# holds as a name is no part of the name before it, and a second pass, which reads the first's
# mark as a capitalised word, does not take a word the first left ("MIN DAG").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TACK STINA DU ÄR BÄST", "TACK [namn] DU ÄR BÄST"),
        ("TACK ROGER NI FIXADE DET TILL SLUT", "TACK [namn] NI FIXADE DET TILL SLUT"),
        ("HEJ MALIN VI VÄNTAR FORTFARANDE", "HEJ [namn] VI VÄNTAR FORTFARANDE"),
        ("TACK KERSTIN HJÄLPTE MIG MED ALLT", "TACK [namn] HJÄLPTE MIG MED ALLT"),
        ("TACK JOHAN NYSTRÖM DU LÖSTE ALLT", "TACK [namn] DU LÖSTE ALLT"),
        # a surname that is also a word stays with its given name
        ("MVH PETRA LUND", "MVH [namn]"),
        ("HEJ OSKAR BERG, RING MIG", "HEJ [namn], RING MIG"),
    ],
)
def test_in_capitals_the_words_after_a_name_are_not_part_of_it(text: str, expected: str) -> None:
    assert _redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "TACK [namn] MIN DAG BLEV BÄTTRE",
        "HEJ [namn] NI ÄR BÄST PÅ STAN",
        "TACK [namn] FÖR EN BRA DAG",
    ],
)
def test_a_name_mark_in_capitals_leaves_the_words_after_it(text: str) -> None:
    assert thorough(text, ALLOW) == text


# A capitalised word a dictionary holds is a name where it is coordinated with a capitalised name:
# inside a sentence (where a capital says something), or at a sentence's start beside a listed
# name; not a noun's or a place's shape.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi träffade Karin och Vilja på förskolan.",
            "Vi träffade [namn] och [namn] på förskolan.",
        ),
        ("Tack till Stefan och Bamse i kundtjänst!", "Tack till [namn] och [namn] i kundtjänst!"),
        # (the learned reader, shared/platform/redaction/name_model.py: the rules read -na as a
        # noun's ending)
        ("Hälsa Birgitta och Stjärna från oss.", "Hälsa [namn] och [namn] från oss."),
        ("Ring Sixten eller Bror om det krånglar", "Ring [namn] eller [namn] om det krånglar"),
        ("Sötnos eller Linnea? Jag minns inte.", "[namn] eller [namn]? Jag minns inte."),
        (
            "Det var Göran och Moln som kom hem till oss.",
            "Det var [namn] och [namn] som kom hem till oss.",
        ),
    ],
)
def test_a_word_coordinated_with_a_name_is_one(text: str, expected: str) -> None:
    assert _redacted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag mejlade Anna och Försäkringskassan.", "Jag mejlade [namn] och Försäkringskassan."),
        (
            "Pratade med Lena och Skatteverket om det.",
            "Pratade med [namn] och Skatteverket om det.",
        ),
        ("Maria och Kommunen borde prata mer", "[namn] och Kommunen borde prata mer"),
        ("Vi bor mellan Rosengård och Fosie.", "Vi bor mellan Rosengård och Fosie."),
        (
            "Bussen mellan Ystad och Malmö är alltid sen.",
            "Bussen mellan Ystad och Malmö är alltid sen.",
        ),
    ],
)
def test_a_noun_or_place_beside_a_name_stays(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A name found by any rule takes the parts of the same name beside it that no list holds: a
# capitalised word no dictionary holds right before or after it, and a particle's surname in any
# case; not a dictionary word, a cue, a place, a sentence's end, or (before the name) a comment
# in another language, whose nouns and verbs no dictionary here holds.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Áile Gaup 070-987 65 43, ring efter fem", "[namn] [telefon], ring efter fem"),
        ("Biret Sokki 073-111 22 33 vill bli uppringd", "[namn] [telefon] vill bli uppringd"),
        ("Soile Vuolab 076 555 44 33 vill ha svar", "[namn] [telefon] vill ha svar"),
        ("pratade med yusuf al-amin han va snäll", "pratade med [namn] han va snäll"),
        ("Gáddja Sara ringde mig i går om bygget", "[namn] ringde mig i går om bygget"),
        ("Vi pratade med Oddvarr Nilsson på bygglov.", "Vi pratade med [namn] på bygglov."),
        ("Min granne Tuovve Labba fick ingen hjälp.", "Min granne [namn] fick ingen hjälp."),
        ("pratade med fatima al-hashimi igår", "pratade med [namn] igår"),
        ("Jag mejlade Karim bin-rashid om fakturan", "Jag mejlade [namn] om fakturan"),
    ],
)
def test_a_name_takes_its_unlisted_parts_beside_it(text: str, expected: str) -> None:
    assert _redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Puhuin Pirjon kanssa, hän oli ystävällinen.",
        "Gabadha Hodan ayaa i caawisay.",
    ],
)
def test_another_languages_word_before_a_name_stays(text: str) -> None:
    once = _redacted(text)
    assert once.split()[0] == text.split()[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tack till Anna. Pnr kommer senare.", "Tack till [namn]. Pnr kommer senare."),
        ("Mvh Lena", "Mvh [namn]"),
        ("Hej Erik, Kulturhuset var stängt.", "Hej [namn], Kulturhuset var stängt."),
    ],
)
def test_a_cue_a_place_or_a_sentence_end_beside_a_name_stays(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A capitalised word no dictionary or list holds, where a name stands in any language: after a
# greeting, after thanks and its preposition, opening a sentence before (much) thanks or a
# person's "from".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hej Dženita tack för idag", "Hej [namn] tack för idag"),
        ("Hej Xaawo! Ni var snabba.", "Hej [namn]! Ni var snabba."),
        ("Merhaba Yiğit, her şey yolunda.", "Merhaba [namn], her şey yolunda."),
        ("Zdravo Jasmin, hvala na pomoći.", "Zdravo [namn], hvala na pomoći."),
        ("Thanks to Oyelaran at the front desk", "Thanks to [namn] at the front desk"),
        ("Hvala za Nermin, bio je super.", "Hvala za [namn], bio je super."),
        ("Dilovan gelek spas! Det löste sig.", "[namn] gelek spas! Det löste sig."),
        ("Ardita puno hvala za sve.", "[namn] puno hvala za sve."),
        ("Edina iz socijalne službe je pomogla.", "[namn] iz socijalne službe je pomogla."),
        ("Xamdi ka xafiiska ayaa i caawisay.", "[namn] ka xafiiska ayaa i caawisay."),
    ],
)
def test_an_unlisted_word_where_a_name_stands_in_any_language_is_one(
    text: str, expected: str
) -> None:
    assert _redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hej Kommunen, svara snabbare.",
        "Hej Support, appen kraschar.",
        "Hello Team, thanks for the quick fix.",
        "Tack till Kulturhuset för en fin kväll.",
        pytest.param(
            "Obsługa była bardzo dobra, dziękuję.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="an earlier round's rule takes a Polish noun before 'była' (was)",
            ),
        ),
        "Rozmawiałam z urzędnikiem, wszystko dobrze.",
        "Usluga je bila odlična, hvala.",
        pytest.param(
            "Thanks to Facebook I found the form.",
            marks=pytest.mark.xfail(
                strict=True, reason="an earlier round's rule takes a brand after 'thanks to'"
            ),
        ),
    ],
)
def test_a_word_after_a_greeting_or_thanks_that_is_no_name_stays(text: str) -> None:
    assert _redacted(text) == text


# In Persian, Sorani and Arabic, the one word after a relative's word with "my" or "to (the)" is
# a name, unless it is an adjective (with the article, or before "is") or a small word.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("پدرم کاوه هنوز نامه را نگرفته", "پدرم [namn] هنوز نامه را نگرفته"),
        ("خواهرم نسرین منتظر جواب است", "خواهرم [namn] منتظر جواب است"),
        ("دخترم آیدا در صف انتظار است", "دخترم [namn] در صف انتظار است"),
        ("شكرا للأخ ماهر على الصبر", "شكرا للأخ [namn] على الصبر"),
        ("دایکم ژیلا هێشتا وەڵامی نەبووە", "دایکم [namn] هێشتا وەڵامی نەبووە"),
        (
            "Min mamma هي مادرم مینا, tack för hjälpen",
            "Min mamma هي مادرم [namn], tack för hjälpen",
        ),
    ],
)
def test_the_word_after_a_relative_in_arabic_script_is_a_name(text: str, expected: str) -> None:
    assert _redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "پدرم بیمار است",
        "مادرم هنوز جواب نگرفته",
        "برادرم خیلی ناراحت است",
        "شكرا لأختي الصغيرة على الصبر",
        "پسرم خسته است و مدرسه نمی‌رود",
    ],
)
def test_an_adjective_or_small_word_after_a_relative_stays(text: str) -> None:
    assert _redacted(text) == text


# Danish and Norwegian, which the Swedish dictionary half reads: their thanks and small words are
# no names, and a name among them still goes.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Takk for hjelpen, veldig hyggelig.", "Takk for hjelpen, veldig hyggelig."),
        ("Tak for svaret, det var meget nyttigt.", "Tak for svaret, det var meget nyttigt."),
        pytest.param(
            "Jeg ringede til jer og fik hjælp med det samme.",
            "Jeg ringede til jer og fik hjælp med det samme.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="Swedish-looking words outnumber the Danish ones in the sentence",
            ),
        ),
        (
            "Ring til kundeservice, sagde de, men ingen svarede.",
            "Ring til kundeservice, sagde de, men ingen svarede.",
        ),
        (
            "Jeg forstod ikke brevet, men nogen hjalp mig.",
            "Jeg forstod ikke brevet, men nogen hjalp mig.",
        ),
        ("Tak Mette for hjælpen!", "Tak [namn] for hjælpen!"),
        ("Takk til Sindre som svarte så raskt.", "Takk til [namn] som svarte så raskt."),
        ("Ring til Søren på 070-412 33 21", "Ring til [namn] på [telefon]"),
    ],
)
def test_danish_and_norwegian_small_words_are_no_names(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A list of capitalised words, one of them a place by the lists or its shape and none a listed
# given name, is a list of places wherever it stands; a list with a given name, a cue before it,
# or a member of two words is not.
@pytest.mark.parametrize(
    "text",
    [
        "Björkdalen, Tuve och Kvarnbäck har dålig snöröjning.",
        "Kärrängen och Ugglebäck glöms bort när det snöar.",
        "Fröslunda, Norrbäck och Valla har inga bussar.",
        pytest.param(
            "Tallängen, Granholm och Ekbäck glöms alltid bort.",
            marks=pytest.mark.xfail(strict=True, reason="a listed surname among the places"),
        ),
        "Granängen, Kullby och Sörbacka glöms bort varje vinter.",
        "Tallhöjden, Vreta och Hagsätra har inga lekplatser kvar.",
        "Kvarnby och Ekbacken behöver fler busslinjer.",
        "Bäcklunda, Ormesta och Lillån fick ingen sandning.",
    ],
)
def test_a_list_of_places_stays(text: str) -> None:
    assert _redacted(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mats, Yasmin och Tove hjälpte oss.", "[namn], [namn] och [namn] hjälpte oss."),
        pytest.param(
            "Hälsningar Berg, Lund och Dahl",
            "Hälsningar [namn], [namn] och [namn]",
            marks=pytest.mark.xfail(
                strict=True, reason="a signature's list: an earlier rounds' gap"
            ),
        ),
        ("Regards, Mark Thompson", "Regards, [namn]"),
    ],
)
def test_a_list_of_names_still_goes(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A capitalised word opening a sentence before "heter" and a person is a name, even a dictionary
# word; not a question's word or a thing.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stjärna heter jag och jag bor i Sävja.", "[namn] heter jag och jag bor i Sävja."),
        (
            "Sol heter min dotter, hon går på Ekbacken.",
            "[namn] heter min dotter, hon går på Ekbacken.",
        ),
        ("Bäck heter han, vår handläggare.", "[namn] heter han, vår handläggare."),
        ("Ek heter hon som hjälpte oss.", "[namn] heter hon som hjälpte oss."),
        ("Tack! Vilja heter jag, ring gärna.", "Tack! [namn] heter jag, ring gärna."),
        ("Vad heter hon som svarade?", "Vad heter hon som svarade?"),
        ("Hur heter han på bygglov?", "Hur heter han på bygglov?"),
        ("Appen heter det nya systemet.", "Appen heter det nya systemet."),
    ],
)
def test_a_word_before_heter_and_a_person_is_a_name(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# Turkish words for a sibling or a dear one after a name say it is one; an Arabic word before
# "very" is an adjective.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Derya ablam çok yardımcı oldu.", "[namn] ablam çok yardımcı oldu."),
        ("Tuna kardeşim eline sağlık!", "[namn] kardeşim eline sağlık!"),
        ("Teşekkürler Selin canım, her şey tamam.", "Teşekkürler [namn] canım, her şey tamam."),
        ("الموظف كان صبور جدا معي", "الموظف كان صبور جدا معي"),
        ("الخدمة سريعة جداً، شكراً", "الخدمة سريعة جداً، شكراً"),
        ("الطابور طويل جدا اليوم", "الطابور طويل جدا اليوم"),
    ],
)
def test_a_turkish_kin_word_after_a_name_and_an_arabic_adjective_before_very(
    text: str, expected: str
) -> None:
    assert _redacted(text) == expected


# A capitalised word set before "that is" and a name is the same person's nickname; a place or a
# dictionary word there stays.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lollo (alltså Charlotte Berg) ringde tillbaka.",
            "[namn] (alltså [namn]) ringde tillbaka.",
        ),
        ("Basse, dvs Sebastian, fixade allt.", "[namn], dvs [namn], fixade allt."),
        (
            "Gosia, czyli Małgorzata z recepcji, pomogła.",
            "[namn], czyli [namn] z recepcji, pomogła.",
        ),
        ("Ayşe, yani Ayşegül, çok yardımcı oldu.", "[namn], yani [namn], çok yardımcı oldu."),
        ("Jukka, eli Jukka-Pekka, auttoi paljon.", "[namn], eli [namn], auttoi paljon."),
        pytest.param(
            "Sävja, alltså Anna i receptionen, svarade.",
            "Sävja, alltså [namn] i receptionen, svarade.",
            marks=pytest.mark.xfail(
                strict=True, reason="a place no list holds reads as a nickname"
            ),
        ),
        ("Boken, alltså Anna Karenina, var utlånad.", "Boken, alltså [namn], var utlånad."),
    ],
)
def test_a_nickname_before_that_is_and_a_name_is_one(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A name hyphened to the people around a person (a gang, a family, a team) names that person; a
# place's or an institution's compound stays.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hälsa Jonna-gänget på fritids!", "Hälsa [namn]-gänget på fritids!"),
        ("Mehmet-familjen fick ingen ny lägenhet.", "[namn]-familjen fick ingen ny lägenhet."),
        ("Tack till Sanna-teamet i hemtjänsten", "Tack till [namn]-teamet i hemtjänsten"),
        ("Rosengård-laget vann turneringen.", "Rosengård-laget vann turneringen."),
        ("Vi var på Astrid-skolan i går.", "Vi var på Astrid-skolan i går."),
    ],
)
def test_a_name_hyphened_to_a_group_names_its_person(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# A comment that is a few words and then only a person's contact data is a name and its contacts;
# a contact's label, a verb or a sentence around it says otherwise.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siiri Kuoksu, Kvarngatan 8, 070-412 33 21", "[namn], [adress], [telefon]"),
        ("Ánte Sara, Storgatan 3, 073-222 11 00", "[namn] [namn], [adress], [telefon]"),
        ("tuula pekkala 070 998 11 22", "[namn] [telefon]"),
        ("Dawit Haile: dawit.haile@gmail.com", "[namn]: [e-post]"),
        ("Ring 070-412 33 21", "Ring [telefon]"),
        ("Personnr: 19800101-1234", "Personnr: [personnummer]"),
        ("Mobil 070-412 33 21", "Mobil [telefon]"),
        ("Växeln 040-34 10 00", "Växeln 040-34 10 00"),
    ],
)
def test_words_before_only_contact_data_are_a_name(text: str, expected: str) -> None:
    assert _redacted(text) == expected


# In lower case, a listed name that is also a word is a name when coordinated with a listed name
# that is none; two words stay words.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hälsa till viola och johanna från oss", "hälsa till [namn] och [namn] från oss"),
        ("jag pratade med sten o birgitta igår", "jag pratade med [namn] o [namn] igår"),
        ("fråga klara eller fredrik på kontoret", "fråga [namn] eller [namn] på kontoret"),
        ("vi fick sol och vind hela veckan", "vi fick sol och vind hela veckan"),
        ("det var lugn och ro i väntrummet", "det var lugn och ro i väntrummet"),
    ],
)
def test_a_lower_case_word_name_beside_a_lower_case_name_is_one(text: str, expected: str) -> None:
    assert _redacted(text) == expected
