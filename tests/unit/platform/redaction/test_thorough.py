"""The thorough pass, form by form: what goes, what stays, and what the allow-list keeps."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.core.tenants import load_tenant_file
from shared.platform.redaction import redact
from shared.platform.redaction.allow import tenant_allow
from shared.platform.redaction.thorough import service_number, thorough
from tests.conftest import TENANT_CONFIG

ALLOW = ("021-39 00 00", "kontaktcenter@vasteras.se", "Stadshuset, Fiskartorget 1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names in the forms residents write them
        ("pratade med göran på bygglov", "pratade med [namn] på bygglov"),
        ("Jag ringde Ingelas chef igen", "Jag ringde [namn]s chef igen"),
        ("Andersson på socialtjänsten svarar aldrig", "[namn] på socialtjänsten svarar aldrig"),
        ("jag heter kalle och bor här", "jag heter [namn] och bor här"),
        ("Bra jobbat! /Agnes", "Bra jobbat! /[namn]"),
        ("Tack för allt. Mvh jukka virtanen", "Tack för allt. Mvh [namn]"),
        ("Jag pratade med Björn i växeln.", "Jag pratade med [namn] i växeln."),
        ("Tack till Carl von Essen!", "Tack till [namn]!"),
        ("Tolken فاطمة kom inte.", "Tolken [namn] kom inte."),
        ("Min son Elias fick ingen plats.", "Min son [namn] fick ingen plats."),
        ("PRATA MED LINDA KARLSSON!", "PRATA MED [namn]!"),
        ("Anna Berg <anna.berg@gmail.com>", "[namn] <[e-post]>"),
        # a name no list holds, known by what the person does and by being no Swedish word
        ("Xhensila i receptionen var hjälpsam.", "[namn] i receptionen var hjälpsam."),
        ("Tor sa att det var fixat.", "[namn] sa att det var fixat."),
        ("Ndapewa Shikongo hjälpte oss.", "[namn] hjälpte oss."),
        ("fick prata med klara och hon fixade det", "fick prata med [namn] och hon fixade det"),
        # e-mail addresses in words
        ("skriv till lisa.holm på hotmail", "skriv till [e-post]"),
        ("min gmail är olle.ek", "min gmail är [e-post]"),
        ("maila per snabel-a telia punkt com", "maila [e-post]"),
        ("adressen är stina@telia fungerar", "adressen är [e-post] fungerar"),
        ("svara till lisa.holm (gmail)", "svara till [e-post]"),
        # personnummer
        ("mitt nummer 19900101-T123 gäller", "mitt nummer [personnummer] gäller"),
        ("född 560722, sista fyra 4471", "född [personnummer]"),
        ("pnr 56.07.22-4471 tack", "pnr [personnummer] tack"),
        ("pnr börjar 560722, slutar 4471", "pnr börjar [personnummer]"),
        ("personnummer 560 722 4471 tack", "personnummer [personnummer] tack"),
        ("pnr femtiosex sju tjugotvå, fyra fyra sju ett", "pnr [personnummer]"),
        ("رقمي ١٩٥٦٠٧٢٢-٤٤٧١", "رقمي [personnummer]"),
        # phone numbers
        ("ring noll sju noll, ett två tre, fyra fem, sex sju", "ring [telefon]"),
        ("ring 070 ett två tre 45 67 tack", "ring [telefon] tack"),
        ("call me on +44 7911 123456", "call me on [telefon]"),
        ("Ring mig ٠٧٠١٢٣٤٥٦٧ tack", "Ring mig [telefon] tack"),
        ("ring nollsjuttio, etthundratjugotre, fyrtiofem, sextiosju", "ring [telefon]"),
        ("ring 070_123_45_67 eller O7O-123 45 68", "ring [telefon] eller [telefon]"),
        # a name glued to the number: both go in one pass (a second pass changes nothing)
        ("Elin0703357921 ring mig", "[namn][telefon] ring mig"),
        ("Ärende KS0701234 gäller bygglovet", "Ärende KS0701234 gäller bygglovet"),
        # addresses
        ("Jag bor på Storg. 12 sedan i fjol", "Jag bor på [adress] sedan i fjol"),
        ("Skicka till Box 1234, 721 87 Västerås", "Skicka till [adress]"),
        ("Vi bor på Pettersberg 12 nu", "Vi bor på [adress] nu"),
        ("Skolgatan 12, 3 tr har ingen hiss", "[adress] har ingen hiss"),
        ("Adress Norra Kyrkog. 4", "Adress [adress]"),
        ("Tallskogen 5, ring på", "[adress], ring på"),
        ("Skolgatan 4, lägenhetsnummer 1102", "[adress]"),
        ("Pettersberg 44, 725 97 Västerås", "[adress]"),
        ("Bäckby Torg 3 är min adress", "[adress] är min adress"),
        ("Lena von Sydow på kontoret", "[namn] på kontoret"),
        ("tack hamid och vera på mottagningen", "tack [namn] och [namn] på mottagningen"),
        ("Jag är Xhensila, jag bor här.", "Jag är [namn], jag bor här."),
        ("Klaras fritidsplats försvann.", "[namn]s fritidsplats försvann."),
        ("mejla lisa_m(@)hotmail.com", "mejla [e-post]"),
        # a name inside a sentence of a language the lists do not read
        ("Waxaan la hadlay Faadumo oo i caawisay.", "Waxaan la hadlay [namn] oo i caawisay."),
    ],
)
def test_personal_data_goes(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jag ringde växeln på 021-39 00 00 och väntade länge.",
        "Växeln (+46 21 39 00 00) svarade direkt.",  # the same number, international form
        "Skatteverket (0771-567 567) visste mer.",
        "Ring 1177 eller 112, eller 114 14 till polisen.",
        "Giftinformationscentralen 010-456 67 00 var bra.",
        "Jag mejlade kontaktcenter@vasteras.se i mars.",
        "Jag var på Stadshuset, Fiskartorget 1 i tisdags.",
        "Mötet på Vasagatan 12 mars blev inställt.",
        "Snöröjningen på Kungsgatan är dålig.",
        "Hans svar var tydligt och det var klara besked.",
        "Per telefon gick det snabbare än på Mina sidor.",
        "Bussen mellan Sala och Köping går sällan.",
        "Telefontiden 08.00-16.30 och fakturan på 1 250 kr.",
        "Hälsningar från en nöjd pensionär i Skultuna",
        "شكرا جزيلا على المساعدة",
        "Kiitos nopeasta avusta!",
        "My Swedish is not good, please answer in English.",
        "Öppettiderna (8-17) passar inte, [sic].",
        # words a name list also holds, or no list holds, that are Swedish words or places
        "Mellan 12.00-13.00 är det stängt.",
        "Förskolan på Tallbacka är bra.",
        "Hemsidan svarade inte och växeln var stängd.",
        "Bostads AB Mimer svarar snabbare än kommunen.",
        "Dag efter dag händer ingenting.",
        "Född 1956 och bott här sedan 1980, aldrig varit så missnöjd.",
        "Badhuset i Lögarängen, 3 gånger i veckan. Bra!",
        "Region Västmanland och kommunen borde samarbeta bättre.",
        # a genitive stands before a noun; a compound named after someone is a thing
        "Klass 4B fick ingen utflykt, samma klass som i fjol.",
        "Astrid Lindgren-skolan och Saga-stunden på biblioteket är bra.",
        "Kundnummer 4478123 fanns inte, och vi bor utanför stan.",
        "Dags att laga gatan. Jag är Västeråsare sedan länge.",
    ],
)
def test_what_is_no_ones_stays_byte_for_byte(text: str) -> None:
    assert thorough(text, ALLOW) == text


def test_only_the_municipalitys_own_contacts_are_allowed() -> None:
    # a staff member's own address at the municipality's domain is a person's, not published
    text = "Svara till kontaktcenter@vasteras.se eller anna.ek@vasteras.se, 021-39 00 01"
    assert thorough(text, ALLOW) == "Svara till kontaktcenter@vasteras.se eller [e-post], [telefon]"
    # and without an allow-list the switchboard is redacted like any number
    assert thorough("Ring 021-39 00 00", ()) == "Ring [telefon]"


def test_a_number_right_after_an_organisations_desk_is_the_organisations() -> None:
    # Given a company's customer service or switchboard named right before its number
    kept = "Mälarenergis kundtjänst 021-39 50 00 var snabbare, växeln: 08-123 456 78."
    assert thorough(kept, ()) == kept
    # but a mobile number there is a person's, and a number without the desk word goes too
    assert thorough("kundtjänst 070-123 45 67", ()) == "kundtjänst [telefon]"
    assert thorough("Ring mig på 021-39 50 00", ()) == "Ring mig på [telefon]"


def test_an_allowed_address_never_allows_a_name_inside_it() -> None:
    # "Tor" is part of "Fiskartorget" but not a published contact
    assert thorough("Det var Tor som svarade.", ALLOW) == "Det var [namn] som svarade."


def test_a_bracket_before_a_number_stays_with_its_partner() -> None:
    assert thorough("Ring mig (070-333 22 11) tack", ()) == "Ring mig ([telefon]) tack"
    assert redact("Ring mig (070-333 22 11) tack") == "Ring mig ([telefon]) tack"


def test_service_numbers_are_told_from_personal_ones_by_the_library() -> None:
    assert service_number("0771-524 524")
    assert service_number("020-22 11 22")
    assert not service_number("070-123 45 67")
    assert not service_number("021-14 56 78")


def test_the_quick_pass_takes_the_same_allow_list() -> None:
    text = "Växeln 021-39 00 00, mejl kontaktcenter@vasteras.se, min 070-123 45 67"
    assert redact(text, ALLOW) == (
        "Växeln 021-39 00 00, mejl kontaktcenter@vasteras.se, min [telefon]"
    )


def test_a_tenants_allow_list_is_its_public_contacts_and_the_addresses_it_publishes() -> None:
    tenant = load_tenant_file(TENANT_CONFIG / "0162.json")
    tenant = tenant.model_copy(update={"public_contacts": ("08-568 910 00",)})
    allow = tenant_allow(tenant)
    assert allow[0] == "08-568 910 00"
    assert {"dataskyddsombud@danderyd.se", "kontaktcenter@danderyd.se"} <= set(allow)
    assert thorough("Mejla dataskyddsombud@danderyd.se eller ring 08-568 910 00", allow) == (
        "Mejla dataskyddsombud@danderyd.se eller ring 08-568 910 00"
    )


def test_a_public_contact_too_long_or_empty_is_refused() -> None:
    stored = load_tenant_file(TENANT_CONFIG / "0162.json").model_dump(mode="json")
    with pytest.raises(ValidationError, match="public_contacts"):
        type(load_tenant_file(TENANT_CONFIG / "0162.json")).model_validate(
            stored | {"public_contacts": ["x" * 121]}
        )
    with pytest.raises(ValidationError, match="public_contacts"):
        type(load_tenant_file(TENANT_CONFIG / "0162.json")).model_validate(
            stored | {"public_contacts": [""]}
        )


def test_the_text_around_keeps_its_own_characters() -> None:
    text = "Tack\u00a0– Göran\u2019s kollega ringde 070\u2010123\u00a045\u00a067 “snart”"
    assert thorough(text) == "Tack\u00a0– [namn]\u2019s kollega ringde [telefon] “snart”"


def test_the_redact_command_runs_the_thorough_pass_with_an_allow_list() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    sample = "pratade med göran på bygglov\nVäxeln 021-39 00 00 svarade\n".encode()
    command = [sys.executable, "-m", "shared.cli", "redact", "--allow", "021-39 00 00"]
    thorough_out = subprocess.run(command, input=sample, capture_output=True, cwd=ROOT, check=True)
    quick_out = subprocess.run(
        [*command, "--quick"], input=sample, capture_output=True, cwd=ROOT, check=True
    )
    assert thorough_out.stdout.decode().splitlines() == [
        "pratade med [namn] på bygglov",
        "Växeln 021-39 00 00 svarade",
    ]
    # the quick pass alone does not know a lower-case name
    assert quick_out.stdout.decode().splitlines()[0] == "pratade med göran på bygglov"


def test_a_survey_get_imports_no_thorough_pass() -> None:
    """The thorough pass and its libraries load on the first POST with a comment, never on the
    cold start of a GET (docs/redaction.md, "Where it runs")."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys, functions.survey.handler\n"
        "heavy = ['shared.platform.redaction.thorough', 'shared.platform.redaction.people',"
        " 'stdnum']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_everyday_words_are_sorted_as_the_lookup_bisects_them() -> None:
    # Given the word file the builder writes, Then it is sorted by bytes without repeats, and
    # the look-up finds words and not names
    from shared.platform.redaction import lexicon

    lines = lexicon._FILE.read_bytes().split(b"\n")[:-1]
    assert lines == sorted(set(lines))
    assert all(2 <= len(w.decode()) <= lexicon.LONGEST for w in lines[:: len(lines) // 500])
    assert all(lexicon.everyday(w) for w in ("mellan", "Växeln", "hjälpsam", "kommunen"))
    assert not any(lexicon.everyday(w) for w in ("xhensila", "Ndapewa", "cabdullahi"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence around a word (fourth round): a name coordinated with a name found, in
        # the same case and in the languages residents write
        ("Tack Ronja och Zerihun på fritids!", "Tack [namn] och [namn] på fritids!"),
        ("Sagal iyo Hodan ayaa aad u fiicnaa.", "[namn] iyo [namn] ayaa aad u fiicnaa."),
        ("ulla och sten kom och lagade", "[namn] och [namn] kom och lagade"),
        # a given name that is a word before a surname found, and a name before its number
        ("Min granne Klara Lindqvist klagar.", "Min granne [namn] klagar."),
        ("Ring Fatuma på 0761112233.", "Ring [namn] på [telefon]."),
        ("Mulugeta (073 222 11 00)", "[namn] ([telefon])"),
        # an unknown genitive before a person's noun, a name spoken to, a family's name
        ("Yusras assistent kom inte.", "[namn]s assistent kom inte."),
        ("Helga, du är bäst!", "[namn], du är bäst!"),
        ("Tack för allt! /Familjen Warsame", "Tack för allt! /Familjen [namn]"),
        ("Annas mamma ringde.", "[namn]s mamma ringde."),
        # tokenisation: a joined particle, initials run together, Finnish gradation
        ("Khalid al-Amin på kontoret hjälpte.", "[namn] på kontoret hjälpte."),
        ("Handläggare B.M. Ek ringde.", "Handläggare [namn] ringde."),
        ("Kiitos Jukalle avusta.", "Kiitos [namn] avusta."),
        # numbers and addresses in more shapes
        ("ring noll sjutti, åtti fem, tjugoett, nittiosex, noll sex", "ring [telefon]"),
        ("Nummer: sjuttiotre två tre fyra fem sex sju åtta", "Nummer: [telefon]"),
        ("Tel:0701234567Jobb:021123456", "Tel:[telefon]Jobb:[telefon]"),
        ("per . holm @ telia . com", "[e-post]"),
        ("per punkt holm hos yahoo", "[e-post]"),
        ("680 414 2291 (personnummer)", "[personnummer] (personnummer)"),
        ("Hälla Centrum 4, lgh 1201", "[adress]"),
        ("jag bor på hälla centrum 4", "jag bor på [adress]"),
        ("Jag heter Yusuf Ali och bor på Storgatan 3.", "Jag heter [namn] och bor på [adress]."),
        ("Min sambo Daniel bor på Storgatan 3.", "Min sambo [namn] bor på [adress]."),
        # a name that ends like "AB" is no company
        ("Tack Zeinab!", "Tack [namn]!"),
    ],
)
def test_the_sentence_around_a_word_decides(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a verb opening a sentence to a person, a word after a role, Title Case, a thing after
        # "i", a town after a person's verb, a place or shop named after someone
        "Chefen borde ringa tillbaka.",
        "Kommunen Borde Lyssna Mer På Oss.",
        "E-tjänsten fungerar inte i Safari.",
        "Bo i Sala är billigt.",
        "Anna Lindhs park behöver städas.",
        "Drottning Kristinas väg är farlig.",
        "Tack till Rudbeckianska gymnasiet!",
        "Ica Kvantum och Coop Forum har bättre öppettider.",
        "Vid Stadshuset, Fiskartorget 1, saknas bänkar.",
        "Hans svar var tydligt.",
        "Muy buen servicio, gracias.",
    ],
)
def test_what_the_sentence_says_is_no_one_stays(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (fifth round) a name no list holds, or a name that is a word, told by the sentence:
        # a place of work in a few words, then what a person does or is
        ("Pim på tekniska kontoret svarade snabbt", "[namn] på tekniska kontoret svarade snabbt"),
        ("Dag i städet på skolan förtjänar beröm", "[namn] i städet på skolan förtjänar beröm"),
        (
            "Nadiya som kör färdtjänsten är så himla snäll",
            "[namn] som kör färdtjänsten är så himla snäll",
        ),
        ("Ros på biblioteket är världens bästa", "[namn] på biblioteket är världens bästa"),
        ("Kamau at the library was really helpful", "[namn] at the library was really helpful"),
        ("lindqvist på bygglov borde inte jobba där", "[namn] på bygglov borde inte jobba där"),
        ("jomo från hemtjänsten förstår pappa", "[namn] från hemtjänsten förstår pappa"),
        ("ring kiprop om nyckeln", "ring [namn] om nyckeln"),
        # coordinated with a person, a relative beside it, a relative before it
        ("Ture och jag åkte buss", "[namn] och jag åkte buss"),
        ("Bo (min pappa) väntar på färdtjänst", "[namn] (min pappa) väntar på färdtjänst"),
        ("vår äldsta Siri fick ingen plats", "vår äldsta [namn] fick ingen plats"),
        ("min dotter Max är sju", "min dotter [namn] är sju"),
        # a lower-case pair, the person's clause after the second; thanks with an emoji
        ("iris o lina i kassan e bäst", "[namn] o [namn] i kassan e bäst"),
        ("tack klara 🙏 du e bäst", "tack [namn] 🙏 du e bäst"),
        ("tack sussi 🙂 du fixade det", "tack [namn] 🙂 du fixade det"),
        ("vera och tuva på fritids är bäst", "[namn] och [namn] på fritids är bäst"),
        ("Shirin i kassan är alltid glad", "[namn] i kassan är alltid glad"),
        # "my name is" in the languages residents write
        ("magacayga waa hodan, ring mig", "magacayga waa [namn], ring mig"),
        ("Nimeni on aino ja asun täällä", "Nimeni on [namn] ja asun täällä"),
        # a full name whose first part is a short listed name
        ("Li Xiong på skolan hjälpte oss", "[namn] på skolan hjälpte oss"),
        # numbers given in parts, glued number words, a pnr in words, .co.uk, an English flat
        ("mobilen börjar 0735 och sen 12 34 56", "mobilen börjar [telefon] och sen [telefon]"),
        ("ring nollsjutvå 123 45 67", "ring [telefon]"),
        ("sextiofyra elva noll två, tre tre fyra ett är mitt", "[personnummer] är mitt"),
        ("write to a.jones@btinternet.co.uk please", "write to [e-post] please"),
        ("I live at Storgatan 4, apt 12 since May", "I live at [adress] since May"),
        (
            "vi bor lite utanför, Ekeby Gård 2, och vägen är dålig",
            "vi bor lite utanför, [adress], och vägen är dålig",
        ),
    ],
)
def test_the_fifth_rounds_frames_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a word the dictionary holds is no name in lower case where a place or a verb is
        "vi måste sanda bättre i hela stan",
        "ni borde sanda trottoarerna",
        # an English sentence's first word, a thing at a place, a colloquial word after "ring"
        "Everything at the reception was really helpful.",
        "Nobody called me back.",
        "wifi på biblioteket är bra",
        "ring imorrn om ni kan",
        "Skolan på hörnet är bra",
        # a short word that is also a name, opening a sentence in lower case
        "bo i hälla är bra",
        "dag på förskolan var bra",
        # a time after "på", the world's best thing
        "Skultuna på sommaren är världens bästa plats",
        # an agency's number in a phone's grouping, an organisation's mailbox
        "länsstyrelsen har 010-224 90 00 som växel",
        "skriv till info@lansstyrelsen.se om det",
        "kontakta kundtjanst@mimer.se om hyran",
        "Numret till Skatteverket 0771-567 567 fungerade",
        # a place and a distance after "bor"
        "vi bor på landet, Sjöhagen 4 km från stan",
    ],
)
def test_the_fifth_rounds_frames_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


# The sixth round's mechanisms (written after reading set m's misses; the texts here are new,
# not m's, and its names and addresses are on no list): a person's slot read from the clause's
# shape, the parts of an address, and places and organisations that are no one.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unlisted word before a finite verb with a place of work, "som" or a pronoun after
        ("Wondimu på hemtjänsten kom sent igen", "[namn] på hemtjänsten kom sent igen"),
        ("Kebede som städar trappan är så snäll", "[namn] som städar trappan är så snäll"),
        ("Yohannes fick vänta, han var ledsen", "[namn] fick vänta, han var ledsen"),
        ("Golnar och hennes bror behöver tolk", "[namn] och hennes bror behöver tolk"),
        ("farmor Zehra har ont i benen", "farmor [namn] har ont i benen"),
        ("Chidi my son needs a place at school", "[namn] my son needs a place at school"),
        # the first of a list of names, a month after "hette", a caller saying who speaks
        ("Siv, Gun och Britt i köket är bäst", "[namn], [namn] och [namn] i köket är bäst"),
        ("Killen som hette April var snäll", "Killen som hette [namn] var snäll"),
        ("Lotta här, ring mig", "[namn] här, ring mig"),
        ("Damla här, svara mig", "[namn] här, svara mig"),
        ("jag heter wubit jag vill ha tolk", "jag heter [namn] jag vill ha tolk"),
        ("Noah's teacher never answers", "[namn]'s teacher never answers"),
        # the parts of an address: a range, a stairwell, the town, a postal code before
        ("Vi bor på Ekvägen 4-8, Irsta", "Vi bor på [adress]"),
        ("Tallstigen 3, uppgång C, 2 tr", "[adress]"),
        ("743 40 Storvreta, Lindvägen 2 är adressen", "[adress] är adressen"),
        (
            "Stora Torget 3 har varit rörigt länge, jag bor där",
            "[adress] har varit rörigt länge, jag bor där",
        ),
        ("Sörby Gärdet 14, där bor vi", "[adress], där bor vi"),
        ("Bilen står vid Västra-Nyby 6 varje dag", "Bilen står vid [adress] varje dag"),
        ("6 0 0 3 1 1 - 2 0 0 7", "[personnummer]"),
        # a place and a house number closing a comment after a comma; a label is no name
        ("Mvh Tore Lind, Sörby Gärdet 14", "Mvh [namn], [adress]"),
        ("Pnr 600311-2007", "Pnr [personnummer]"),
    ],
)
def test_the_sixth_rounds_slots_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an app, a company or a district before a verb, no person in the comment
        "Spotify har höjt priset igen.",
        "Gottsunda har fått ny lekplats.",
        "Netflix fungerar inte på biblioteket.",
        "Skultuna behöver fler bussar.",
        # a pronoun that is another's: the driver's, anyone's
        "Vafab hämtade inte soporna och chauffören sa att han inte hann.",
        "Mimer har inte lagat fönstret, hon som ringde lovade det.",
        # a place after "på", an abbreviation's genitive, a region and its number
        "Badplatsen på Bergsta var stängd",
        "Återvinningen på Klara är bra organiserad",
        "Mellan Klara och Sjöhagen saknas belysning.",
        "Ring SJ:s kundtjänst om biljetten",
        "Region Uppsala 018-611 00 00 svarar om vården",
        # an institution's own address, an exclamation
        "Uppsala universitet, Universitetsplan 3, har dålig parkering",
        "Gatan var is i morse, sanda!!",
        # a sentence opening with a thing and a number
        "Windows 10, datorerna på biblioteket är gamla",
        "Covid 19, då stängde allt",
        "Västerås 3, Uppsala 1 i går",
        "I hope someone reads this.",
        # after a call verb, a definite noun is a desk, not a person
        "Ring Posten på Stora torget",
        "Kontakta Kommunen om det",
    ],
)
def test_the_sixth_rounds_slots_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (seventh round) another country's identity number: named, or accepted by stdnum
        ("hetu 230488-457H", "hetu [personnummer]"),
        ("henkilötunnukseni on 230488-457H kiitos", "henkilötunnukseni on [personnummer] kiitos"),
        ("Mój numer PESEL to 91071409872", "Mój numer PESEL to [personnummer]"),
        ("tunnus 230488-457H", "tunnus [personnummer]"),
        ("numer 91071409872 dziękuję", "numer [personnummer] dziękuję"),
        # the parts of a personnummer: a date in words, the parts in either order, the last
        # four alone, a comment that is only the number
        ("född 4 juli 1972, sista fyra 1183", "född [personnummer]"),
        (
            "personnumret slutar på 5512 och börjar med 880214",
            "personnumret slutar på [personnummer]",
        ),
        (
            "de fyra sista i hans personnummer är 4417",
            "de fyra sista i hans personnummer är [personnummer]",
        ),
        ("7208140336", "[personnummer]"),
        # an extension belongs to its number; a saint's abbreviation to its street; the number
        # before the street
        ("Nå mig på 08-612 34 56 ankn. 412", "Nå mig på [telefon]"),
        ("S:t Eriksgatan 5 nb har ingen sandning", "[adress] har ingen sandning"),
        ("7 Lindgatan is where I live", "[adress] is where I live"),
        ("5 Ågatan is my address", "[adress] is my address"),
        ("Jag bor nära biblioteket på Kopparbergsvägen 4", "Jag bor nära biblioteket på [adress]"),
        # a title that belongs to the name in Polish
        ("Dzień dobry, dziękuję Pani Kasi", "Dzień dobry, dziękuję [namn]"),
    ],
)
def test_the_seventh_rounds_numbers_and_addresses_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ordern 7208140336 kom aldrig",
        "sista bussen går 2230 från centrum",
        "de fyra sista i mitt ärendenummer är 4417",
        # a date after a word, a road's number, an institution at its address, thanks in Polish
        "Ansökte om bygglov 2025-11-02 och väntar fortfarande",
        "länsväg 252 behöver ny asfalt",
        "Kulturhuset på Kopparbergsvägen 4 har fina utställningar",
        "Tack, dziękuję, allt gick bra",
    ],
)
def test_the_seventh_rounds_numbers_and_addresses_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (seventh round) a handle after "@": a name in parts or a listed name
        ("@johan.ekblad ni svarar aldrig", "@[namn] ni svarar aldrig"),
        ("Läste tråden från @sara_lindqvist om skolan", "Läste tråden från @[namn] om skolan"),
        # a word the dictionary holds, at a place where staff work, doing what a person does
        (
            "Ekorre på socialkontoret ringde tillbaka direkt",
            "[namn] på socialkontoret ringde tillbaka direkt",
        ),
        # a name alone; a nickname in quotes at a place of work; called, there, and "hon" after
        ("Ronja ❤️", "[namn] ❤️"),
        ('"Mysan" i hemtjänsten är bäst, ni vet vem', '"[namn]" i hemtjänsten är bäst, ni vet vem'),
        ("ring lotta på fritids hon vet", "ring [namn] på fritids hon vet"),
        # a town's name asked for and referred to as "he"; a month talked with
        ("Ask for Ale at the library, he knows", "Ask for [namn] at the library, he knows"),
        ("fick prata med Juni om bygget", "fick prata med [namn] om bygget"),
        # initials before a town's name, a role's compound, "I am" in Bosnian, a caller in
        # lower case
        ("handläggaren A-K Mora var snäll", "handläggaren [namn] var snäll"),
        ("Skolsköterskan Vide var jättebra", "Skolsköterskan [namn] var jättebra"),
        ("Ja sam Amra, hvala", "Ja sam [namn], hvala"),
        ("benny här svara snälla", "[namn] här svara snälla"),
        # a listed surname before a place no list holds
        ("Träffade Holmberg Irsta skola i går", "Träffade [namn] Irsta skola i går"),
        # scripts without capitals, after what introduces a person
        ("ስመይ ዳዊት ተስፋይ እዩ።", "ስመይ [namn] እዩ።"),
        ("谢谢 李明 的帮助", "谢谢 [namn] 的帮助"),
        ("det var lena som svarade", "det var [namn] som svarade"),
    ],
)
def test_the_seventh_rounds_names_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Följ @vasterasstad för nyheter",
        "Kvinnan i växeln hjälpte mig.",
        "ring posten på torget",
        "Vi åkte i juni",
        "sorry men det är sant",
        "Hittade alla romaner av Astrid Lindgren på biblioteket",
        "Olof Palme skolan har bra lärare",
        "Tack för allt, min dotter. Personalen är bra",
        "谢谢 你们的帮助",
        "谢谢 你们",
        # a word at a place of work that does what things do too, or is the service itself
        "Trafik på förvaltningen kom aldrig fram",
        "Service i kundtjänst svarade aldrig",
        # the municipality's own number keeps its extension
        "Ring 021-39 00 00 ankn. 12 för bygglov",
    ],
)
def test_the_seventh_rounds_names_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (eighth round) addresses: "nr" between street and number, the number before the
        # street, a flat before an English number-first address, c/o after the number, a rural
        # address before a dash, a village and its farm after "till"
        ("Vid Storgatan nr 14 är belysningen trasig.", "Vid [adress] är belysningen trasig."),
        (
            "Det gäller nummer 9 på Lärkgatan, hunden skäller",
            "Det gäller [adress], hunden skäller",
        ),
        (
            "We live at apt 12, 4 Sigurdsgatan and the lift is broken",
            "We live at [adress] and the lift is broken",
        ),
        (
            "Post till Kungsgatan 7 c/o Andersson kommer inte fram",
            "Post till [adress] kommer inte fram",
        ),
        ("Nykvarn Hagalund 4 - vägen är inte plogad", "[adress] - vägen är inte plogad"),
        (
            "Plogbilen kom aldrig till Tidö Lindö 7 i januari",
            "Plogbilen kom aldrig till [adress] i januari",
        ),
        # personnummer: an Estonian isikukood, an underscore for the dash, a reserve number's
        # letters after its name; a phone number the line broke
        ("Mitt isikukood on 49403136526.", "Mitt isikukood on [personnummer]."),
        ("pnr 750102_3455 tack", "pnr [personnummer] tack"),
        ("Mitt reservnummer är 19880417-KX12", "Mitt reservnummer är [personnummer]"),
        ("Ring mig på 070-91\n2 33 44 efter lunch", "Ring mig på [telefon] efter lunch"),
    ],
)
def test_the_eighth_rounds_numbers_and_addresses_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (eighth round) numbers that are no person's: a company's Swish number, opening hours,
        # a case number python-stdnum rejects, an article's number shaped as a reserve number,
        # a business's address, numbers on two lines
        "Betala till Swish 123 987 65 43 stod det på lappen",
        "Öppet 09 00 - 16 30 enligt skylten",
        "Ärendenummer 2025-0912-3344 fick jag i mejlet.",
        "Artikelnummer 880417-KX12 fanns inte i lager.",
        "Frisören på Kopparbergsvägen 12 har stökigt utanför.",
        "Vi var 12\n45 personer på mötet.",
        "Vecka 12 - då skulle tömningen ske men ingen kom.",
        "SKRIV TILL KONTAKTCENTER@VASTERAS.SE STÅR DET",
    ],
)
def test_the_eighth_rounds_numbers_and_addresses_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (eighth round) names the sentence gives: in quotes after "kallas", a nickname others
        # give, set off by commas after "Han från …", a relative in the definite form, a
        # relative's or "lilla"'s listed name in lower case before a verb, SMS shorthand
        ('Tjejen som kallas "Bettan" i kassan', 'Tjejen som kallas "[namn]" i kassan'),
        ("Han presenterade sig som Jonte och sa", "Han presenterade sig som [namn] och sa"),
        (
            "Stöveln som alla kallar honom har parkerat fel",
            "[namn] som alla kallar honom har parkerat fel",
        ),
        (
            "Hon från hemtjänsten, Nadja, var jättebra.",
            "Hon från hemtjänsten, [namn], var jättebra.",
        ),
        ("Barnbarnet Tompa läste upp frågorna", "Barnbarnet [namn] läste upp frågorna"),
        ("min dotter ella fick ingen plats", "min dotter [namn] fick ingen plats"),
        ("lilla tuva ramlade när bussen bromsade", "lilla [namn] ramlade när bussen bromsade"),
        ("snackade m sara hon lovade att ringa", "snackade m [namn] hon lovade att ringa"),
        ("tack fadde 4 allt!!", "tack [namn] 4 allt!!"),
        ("han heter lind i efternamn", "han heter [namn] i efternamn"),
        ("I am Nguyen Thi Lan, my son", "I am [namn], my son"),
        ("ኣነ ዮናስ እየ። ደውሉለይ።", "ኣነ [namn] እየ። ደውሉለይ።"),
        ("Min farmor 王芳 kan inte läsa", "Min farmor [namn] kan inte läsa"),
        ("Teşekkürler Ayşe hanım", "Teşekkürler [namn] hanım"),
    ],
)
def test_the_eighth_rounds_names_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (eighth round) what is no name: another language's lower-case words a list holds as
        # names, a place after a town's word, an Arabic adjective, places after "mellan" and
        # "på", a river, a brand beside an acronym, a relative's verb, an article before "lilla"
        "Çok uzun bekledim ama sonunda sorunum çözüldü.",
        "Спасибо городу Уппсала за чистые улицы.",
        "انتظرت ساعة كاملة على الهاتف",
        "Vägen mellan Fredriksberg och Rönnby saknar gatlampor.",
        "Vi har bott på Kristineberg och Gustavsberg, båda bra.",
        "Isen på Mälarån vid Kungsbron är tunn nu.",
        "Bussarna till ICA och Coop kör för fort.",
        "Min son står i kö till förskolan sedan mars.",
        "den lilla tuva som växer vid stigen går inte att klippa",
        "I am happy with the service.",
        "Han från Vattenfall, tror jag, kom aldrig tillbaka.",
    ],
)
def test_the_eighth_rounds_names_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (ninth round) numbers and addresses: "nummer" with a number-first address, a town
        # after the comma before the sentence's verb, the century typed apart, a landline's
        # local number after a call's word, any handle a person is said to go by
        ("Vi bor på nummer 22 på Lindvägen sedan i våras.", "Vi bor på [adress] sedan i våras."),
        (
            "Min mammas hus på Kyrkvägen 4, Tillberga har inte fått sopor hämtade.",
            "Min mammas hus på [adress] har inte fått sopor hämtade.",
        ),
        ("Mitt personnr är 19 780214-3385.", "Mitt personnr är [personnummer]."),
        ("Ring mig hemma på 12 34 56 efter fem.", "Ring mig hemma på [telefon] efter fem."),
        ("Ni når mig på 134 56 78 på kvällarna.", "Ni når mig på [telefon] på kvällarna."),
        (
            "Grannen kallar sig @tompa.b på Facebook och hotar oss.",
            "Grannen kallar sig @[namn] på Facebook och hotar oss.",
        ),
    ],
)
def test_the_ninth_rounds_numbers_and_addresses_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (ninth round) an agency's or a company's address after its name, a reference's
        # number after a call's word, an organisation's handle
        "Skatteverkets kontor på Västra Ringvägen 3 var stängt.",
        "Polisens lokaler på Kopparbergsvägen 48 var fulla.",
        "Arbetsförmedlingens kontor på Sigurdsgatan 21 skickade mig hit.",
        "Mälarenergis kundtjänst på Sjöhagsvägen 3 var trevlig.",
        "Bostadsbolaget på Hälla 12 svarar aldrig.",
        "Ärende 12 34 56 gäller bygglovet, ring mig om det.",
        "Ring kundtjänst och uppge kundnummer 134 79 20.",
        "Vi ringde 3 gånger mellan 08 00 och 09 00.",
        "Mitt ärende hos bygglov, nummer 12 34 56, ligger still.",
        "Följ @vasterasstad för nyheter.",
    ],
)
def test_the_ninth_rounds_numbers_and_addresses_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (ninth round) names the slot gives: after a role before a finite verb (a word, a
        # town), a capitalised pronoun that is a name at a department, a lower-case name
        # opening a comment at a place of work, initials after "signaturen", Persian "I am",
        # Sorani thanks to someone who …
        (
            "Handläggaren Holm har inte ringt tillbaka.",
            "Handläggaren [namn] har inte ringt tillbaka.",
        ),
        ("Vår lärare Ros gjorde ett jättebra jobb.", "Vår lärare [namn] gjorde ett jättebra jobb."),
        (
            "Mina på biblioteket hjälpte mig med datorn.",
            "[namn] på biblioteket hjälpte mig med datorn.",
        ),
        (
            "Vi tackar Mina på kundtjänst som svarade så fint.",
            "Vi tackar [namn] på kundtjänst som svarade så fint.",
        ),
        (
            "pelle i simhallen låste upp åt oss, guld värd",
            "[namn] i simhallen låste upp åt oss, guld värd",
        ),
        (
            "stina i receptionen var jättesnäll mot mamma",
            "[namn] i receptionen var jättesnäll mot mamma",
        ),
        ("Brevet hade signaturen MK längst ner.", "Brevet hade signaturen [namn] längst ner."),
        ("من علی رضایی هستم و منتظر جواب هستم.", "من [namn] هستم و منتظر جواب هستم."),
        ("سوپاس بۆ هێمن کە زۆر یارمەتی دا.", "سوپاس بۆ [namn] کە زۆر یارمەتی دا."),
    ],
)
def test_the_ninth_rounds_names_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (ninth round) what is no name: districts in a list after "i", a noun after Arabic
        # "we have" and its adjective, a Turkish compound's first noun, Persian "I am tired",
        # thanks for the help, pronouns and departments in the slots above, a day at a place
        "Snöröjningen i Hammarby, Vallby och Skiljebo var dålig i år.",
        "Vägarna i Erikslund, Pettersberg och Jakobsberg är hala.",
        "لدينا أمل كبير في التغيير.",
        "هناك نور في الحديقة طوال الليل.",
        "Deniz suyu çok soğuktu ama plaj temizdi.",
        "من خیلی خسته هستم از این همه انتظار.",
        "سوپاس بۆ یارمەتیەکەت.",
        "De på kommunen sa att jag skulle vänta.",
        "Alla på kontoret svarade vänligt.",
        "Någon på kommunen sa att jag skulle vänta.",
        "Handläggaren Bygglov har inte svarat på min ansökan.",
        "Min handläggare Försäkringskassan har inte svarat.",
        "Läraren Engelska har för lite tid.",
        "Handläggaren Socialtjänsten har inte ringt.",
        "dag på förskolan var bra",
        "mat i skolan var god men kall",
    ],
)
def test_the_ninth_rounds_names_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    "text",
    [
        # (tenth round) comments wholly in another language, without a name: an opener that is
        # the language's everyday word (snow, I hope, thanks, freedom, nobody, sun, hope), its
        # lower-case words, a district after its "to" or in a Finnish "in", a Tigrinya "your"
        "Lumi sataa taas ja tie on liukas.",
        "Toivon että kirjasto on auki lauantaina.",
        "Spas ji bo alîkariya we, her tişt zû çêbû.",
        "Azadî ji bo zarokan girîng e, lê dibistan pir dûr e.",
        "Niko nije došao na vrijeme, čekali smo cijeli dan.",
        "Güneş batınca park çok karanlık oluyor.",
        "Amal kabir fi al-baladiya, shukran.",
        "Autobus do Skiljebo jeździ za rzadko.",
        "Kirjasto Skiljebossa on liian pieni.",
        "የቐንየለይ ንምኽሪኹም",
    ],
)
def test_the_tenth_rounds_other_languages_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (tenth round) the same word opening a sentence is a name before where a person works
        # or a person's "was"; Sorani "my name" and its "is" written apart
        ("Nada iz vrtića je bila jako ljubazna.", "[namn] iz vrtića je bila jako ljubazna."),
        ("Karim z biblioteki bardzo mi pomógł.", "[namn] z biblioteki bardzo mi pomógł."),
        ("Baran je bio strpljiv s nama.", "[namn] je bio strpljiv s nama."),
        ("ناوم شیلان ە، سوپاس", "ناوم [namn] ە، سوپاس"),
    ],
)
def test_the_tenth_rounds_names_in_other_languages_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


def test_a_kurmanji_my_name_keeps_its_words_and_loses_the_name() -> None:
    out = thorough("Navê min Dilan e, ez li benda bersivê me.", ALLOW)
    assert out.startswith("Navê min [namn]")
    assert "Dilan" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Snabbt och vänligt, 51d28efe.",  # a random id whose tail is a name in a list (Efe)
        "Snabbt och vänligt, efe912b5.",  # and one whose head is: letters again after digits
        "Koden a1b2c3 fungerar inte",
        "Referens 12345efe, ärendet är klart",
        "Klass 4B fick hjälp direkt",
        "Lägenheten på 2tr är kall",
    ],
)
def test_the_letters_of_a_code_are_never_a_name(text: str) -> None:
    # a run of letters and digits that opens with a digit, or has letters again after its digits,
    # is a code (an id, a class, a floor); the browser test's random marker lost 'efe' to [namn]
    # twice, once at its tail and once at its head
    assert thorough(text, ALLOW) == text


def test_a_name_beside_a_number_is_still_a_name() -> None:
    assert thorough("tack efe 4 allt", ALLOW) == "tack [namn] 4 allt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (eleventh round) the hard forms q showed, in comments of their own: a surname after a
        # name the coordination found, a word after a listed given name before a verb, a month
        # at a place of work before what a person did, the writer's partner in lower case, a
        # name opening a comment before thanks, an honorific after a name, a name called out,
        # a Persian "I am" after a name, a Thai name after Khun, SMS's "va"
        (
            "Vi träffade Selam och Hiwet Gebru som hjälpte oss.",
            "Vi träffade [namn] och [namn] som hjälpte oss.",
        ),
        ("Sara Modig svarade snabbt.", "[namn] svarade snabbt."),
        (
            "Juni på biblioteket hjälpte mig hitta boken.",
            "[namn] på biblioteket hjälpte mig hitta boken.",
        ),
        ("jag och sofia gick dit i tisdags", "jag och [namn] gick dit i tisdags"),
        ("Berivan spas ji bo her tiştî!", "[namn] spas ji bo her tiştî!"),
        ("teşekkürler ayşe abla", "teşekkürler [namn] abla"),
        ("mahadsanid hodan abaayo", "mahadsanid [namn] abaayo"),
        ("Tintin Tintin! Du är bäst.", "[namn]! Du är bäst."),
        ("مریم حسینی هستم، لطفا تماس بگیرید", "[namn] هستم، لطفا تماس بگیرید"),
        ("ขอบคุณคุณ มาลี ค่ะ", "ขอบคุณคุณ [namn] ค่ะ"),
        ("Bettan va så schysst mot oss", "[namn] va så schysst mot oss"),
        # a possessive that is a listed name, capitalised inside a sentence before a number in
        # brackets
        ("Ring Mina (070-123 45 67) eller mig", "Ring [namn] ([telefon]) eller mig"),
        # the thanks word of another language stays outside the name
        ("Kiitos Pekka paljon", "Kiitos [namn] paljon"),
    ],
)
def test_the_eleventh_rounds_names_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (eleventh round) a unit after a number, a Persian adjective after "very", Finnish "I
        # am" and "too" opening a sentence, an English adjective that is a surname, thanks made
        # big, a word said three times, a month at a place where nobody did anything, Thai
        # "thank you very much", Persian "I am very unhappy", an organisation's handle, a
        # street in words that are no number, an agency's postal address, the pronoun "Du"
        "Huset är 4 rok med balkong.",
        "او خیلی مهربان بود",
        "Minulla oli ongelma kirjaston kanssa. Olen odottanut kaksi viikkoa.",
        "Kävin kirjastossa eilen ja jonotin pitkään. Liian pitkään.",
        "Good service overall.",
        "Gelek spas ji bo alîkariya we.",
        "Bra bra bra!",
        "I maj på förskolan hände mycket.",
        "Maj på förskolan var kul.",
        "ขอบคุณคุณ มากค่ะ",
        "خیلی ناراضی هستم از خدمات",
        "Följ @eskilstunakommun på Instagram",
        "Storgatan en gång till, sen åt höger",
        "Skriv till Skatteverket, 171 94 Solna.",
        "Tack! Du är bäst.",
        "Vi på förskolan hjälpte till.",
        "Tack för Dina (2) svar",
        # short comments in another language: three words tell it
        "Liian pitkä jono.",
        "Todella hyvä kokemus.",
        "Wszystko w porządku.",
        "Gelek baş bû.",
        "Olen tyytyväinen palveluun.",
        "Czekałam dwa tygodnie na odpowiedź.",
        "Mamy dwa psy i 3 koty od 2019 roku.",
        "IT på skolan svarade aldrig.",
    ],
)
def test_the_eleventh_rounds_rules_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (eleventh round) a handle of a listed name and a town or digits, a Reddit user, a
        # house number in words, a farm before its postal code, a personnummer's year in words
        ("Kolla @saraholm88 på TikTok", "Kolla @[namn] på TikTok"),
        ("Kolla @karinuppsala på Instagram", "Kolla @[namn] på Instagram"),
        ("Se u/kallekula77 på Reddit", "Se u/[namn] på Reddit"),
        ("Vi bor på Björkvägen nummer sjutton.", "Vi bor på [adress]."),
        ("Vi bor på Lövsta gård, 725 91 Västerås.", "Vi bor på [adress]."),
        ("född nittonhundraåttio 0412-5566", "född [personnummer]"),
        # a phone number in another language's digit words, with digit groups
        ("Mój numer: zero siedem zero 123 45 67", "Mój numer: [telefon]"),
        ("puhelin nolla seitsemän kolme 555 12 34", "puhelin [telefon]"),
        # initials at a place of work doing what a person does there
        ("KG på skolkontoret lovade att ringa.", "[namn] på skolkontoret lovade att ringa."),
    ],
)
def test_the_eleventh_rounds_handles_addresses_and_numbers_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (twelfth round, probes of my own in the forms s failed in) a name hyphened to a
        # relative, a Swedish nickname's shape, a handle with digits, thanks in another script
        ("Vi bor hos Sven-morfar just nu.", "Vi bor hos [namn]-morfar just nu."),
        ("Fredde ringde aldrig tillbaka.", "[namn] ringde aldrig tillbaka."),
        ("swisha till pelle1990 om det behövs", "swisha till [namn]1990 om det behövs"),
        ("شكرًا Nour, ni är bäst", "شكرًا [namn], ni är bäst"),
        (
            "Mahadsanid Ifrah, aad baad u mahadsantahay.",
            "Mahadsanid [namn], aad baad u mahadsantahay.",
        ),
        # an honorific before the name, in Thai (Latin letters) and Persian
        ("Khun Malee at the front desk was kind.", "Khun [namn] at the front desk was kind."),
        ("جناب کریمی خیلی کمک کرد.", "جناب [namn] خیلی کمک کرد."),
        # a word said to be a name, a name before "is my name", the writer in an SMS
        ("Han hette berg i efternamn, minns jag.", "Han hette [namn] i efternamn, minns jag."),
        ("Faadumo waa magacayga, i soo wac.", "[namn] waa magacayga, i soo wac."),
        ("hallå ahmed här igen, fick inget svar", "hallå [namn] här igen, fick inget svar"),
        # in angry capitals, the subject after the verb and INTE
        ("VARFÖR RINGER ALDRIG ROSA TILLBAKA", "VARFÖR RINGER ALDRIG [namn] TILLBAKA"),
        # an unlisted name opening an English sentence (no English word), on the phone
        ("Dawit helped us a lot with the forms.", "[namn] helped us a lot with the forms."),
        ("Amal on the helpline was patient.", "[namn] on the helpline was patient."),
        # Somali's focused subject and sibling word; a month as a name before what a person is;
        # Sorani thanks to someone who helped; a name before "var till stor hjälp"
        ("Faadumo ayaa noo timid guriga.", "[namn] ayaa noo timid guriga."),
        ("Cabdi walaalo wuxuu ii caawiyay.", "[namn] walaalo wuxuu ii caawiyay."),
        ("Maj på biblioteket är jättetrevlig.", "[namn] på biblioteket är jättetrevlig."),
        ("سوپاس بۆ هێمن زۆر یارمەتیدا", "سوپاس بۆ [namn] زۆر یارمەتیدا"),
        ("Ravdna var till stor hjälp med ansökan.", "[namn] var till stor hjälp med ansökan."),
        # a third name that is a word, before what a person deserves
        ("Máret Sárá Labba förtjänar ett tack.", "[namn] förtjänar ett tack."),
    ],
)
def test_the_twelfth_rounds_rules_find(text: str, expected: str) -> None:
    assert thorough(text, ALLOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (twelfth round probes) a word a comment in another language writes in lower case too,
        # a town with a Turkish case ending, districts, events, a pronoun asked about
        "Deniz çok güzeldi, deniz kenarında oturduk.",
        "Jono oli pitkä ja jono ei liikkunut.",
        "Snöröjningen mellan Gustavshöjd och Ersboda var dålig.",
        "Gatlamporna vid Sofiehem och Mariedal är trasiga.",
        "Skördemässan i Röbäck var bra.",
        "Vad heter ni i efternamn? Det står inte på brevet.",
        "Bonus-pappan hämtar.",
        "Vi har rum3 och kök.",
        "Det gäller maj2024 och juni.",
        "VARFÖR KOMMER INTE BUSSEN",
        "Staff helped me a lot.",
        "Adeegga ayaa fiicnaa.",
        "Maj på förskolan var bra.",
        "سوپاس بۆ کارمەندەکان زۆر یارمەتی دام",
        "Rabatten med linnea vid Kyrktorget är fin.",
        "Everyone at the front desk was friendly.",
        "از شما خیلی ممنونم، کارمندان خیلی صبور بودند.",
        "Jeg har bare norsk fødselsnummer, ikke svensk.",
    ],
)
def test_the_twelfth_rounds_rules_leave(text: str) -> None:
    assert thorough(text, ALLOW) == text


def test_a_name_with_its_own_dot_before_a_verb_is_read_not_raised_on() -> None:
    # (found by the held-out set z: the rules' pronoun check assumed the word ended in a letter)
    assert thorough("Tesfay. har bra, han var snäll") == "[namn]. har bra, han var snäll"


_FRAGMENTS = (
    "Tesfay.", "han", "var", "snäll", "Anna", "O'Brien", "al-", "-", ".", ",", "'", "’", "(", ")",
    "[namn]", "070", "123 45 67", "@", "på", "gmail", "Box", "12", "jag heter", "Mvh", "/", "\n",
    "ÅÄÖ", "ł", "فاطمة", "ሰላም", "  ", "-ström", "Stig-", "så",
)  # fmt: skip


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map(" ".join))
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_any_mix_of_the_awkward_fragments_is_redacted_without_an_error(text: str) -> None:
    # a comment's text never makes the pass raise (a POST must never fail on what a resident
    # wrote), and it marks no more names than the comment has words. (Not asserted here: that a
    # second pass changes nothing. On such word salad the name rules may take one more word the
    # second time, "gmail Tesfay. 123 45 67 [namn]-"; on the corpus's comments it holds:
    # test_corpus.)
    once = thorough(text, ALLOW)
    assert once.count("[namn]") <= len(text.split()) + text.count("[namn]")
    assert thorough(once, ALLOW).count("[") >= once.count("[")
