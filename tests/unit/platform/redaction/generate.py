"""Writes ``tests/data/redaction/generated.jsonl``: comments as residents write them, labelled.

    .venv/bin/python -m tests.unit.platform.redaction.generate      # rewrites the file (seeded)

Made apart from the redactor: every name, street, number and form here is this file's own
(written from how people in Swedish municipalities write, not read from ``shared/redaction`` or
its lists), and the test that checks the goals never tunes anything. A comment is built from
pieces; a piece that must go is recorded as a span with its kind and the *form* it was written
in, so the report can say which forms fail.
"""

# ruff: noqa: E501, SIM905  (vocabularies and forms read best as written, one row each)
from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from tests.unit.platform.redaction.corpus import GENERATED

T = TypeVar("T")
SEED = 27_2026
PERSONAL = 1700
BENIGN = 800

# fmt: off
# --- vocabularies (this file's own) -----------------------------------------------------------

SV_GIVEN = """Göran Lena Anders Karin Mikael Eva Lars Maria Johan Elisabeth Per-Olof Kerstin Magnus
Ingrid Mattias Birgitta Jonas Marie Fredrik Susanne Henrik Ulrika Stefan Malin Daniel Jenny
Patrik Helena Niklas Sofia Tobias Emma Oskar Ebba Viktor Elin Gustav Frida Axel Wilma Ludvig
Alice Hugo Saga Nils Tilda Ebbe Ester Sixten Majken Gunnel Sune Agneta Leif Inger Rolf Gunilla
Kjell Monica Torbjörn Ann-Charlotte Lars-Erik Ulla-Britt Åke Öjvind Märta Evert Solveig Yvonne
Pernilla Jessica Rasmus Linnéa Elsa Ellen Vera Albin Melker Tindra Nova Hampus Joel Filippa""".split()
# given names that are also everyday Swedish words or things
SV_WORDNAMES = """Klara Björn Ulf Bo Rosa Sten Dag Per Hans Liv Sol Tor Vide Iris Ros Tage
Axel Erik Lo Rut Siv Gun Maj Stig Bror Vilja Idun Frej Kung Ask Ek""".split()
SV_SURNAMES = """Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson
Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson
Lindström Olofsson Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lundgren Lind Lundqvist
Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund
Danielsson Håkansson Lundin Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson
Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström
Mårtensson Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström Lund Nordin Ström
Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren Abrahamsson
Falk Martinsson Öberg Andreasson Strömberg Månsson Hansen Åkesson Dahl Lindholm Norberg Holmqvist
Grahn Ekberg Hägglund Wennberg Rask Fagerlund Tiderman Krantz Ahlgren Stålhammar""".split()
FI_GIVEN = """Jukka Päivi Mikko Tuula Juha Sirpa Timo Anneli Kari Riitta Heikki Pirjo Matti Sanna
Pekka Merja Jari Eija Antti Leena Ville Tiina Tuomas Satu Aino Eino Veikko Kaija Marjatta
Jouni Raili Seppo Hannele""".split()
FI_SURNAMES = """Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen
Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen
Salo Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen Ahonen
Räsänen Peltonen Kallio Hyvönen Koivisto Väisänen""".split()
SO_GIVEN = """Abdirahman Fadumo Hodan Abdullahi Ayaan Mohamed Hawa Ismail Sahra Abdikarim
Khadra Hamdi Warsame Nimco Ilhan Faarax Muna Deeqa Guled Ubah Qali Xamar Abshir Ifrah""".split()
SO_SURNAMES = """Warsame Farah Abdi Hassan Jama Egal Ahmed Osman Nur Yusuf Omar Dirie Samatar
Hirsi Aden Mohamud Guled Elmi Barre Ali Abdulle""".split()
PL_GIVEN = """Katarzyna Małgorzata Krzysztof Agnieszka Grzegorz Tomasz Magdalena Piotr Joanna
Paweł Wojciech Dorota Łukasz Zbigniew Beata Michał Jadwiga Bartosz Justyna Przemysław""".split()
PL_SURNAMES = """Kowalski Nowak Wiśniewski Wójcik Kowalczyk Kamiński Lewandowska Zieliński
Szymańska Woźniak Dąbrowski Kozłowska Jankowski Mazur Kwiatkowski Krawczyk Piotrowska
Grabowski Pawłowski Michalska""".split()
AR_GIVEN = """Mohammed Fatima Ahmad Layla Omar Yasmin Khaled Noor Hussein Rania Mustafa Zainab
Tariq Huda Samir Amal Karim Rasha Walid Dalia Jamal Salma Bilal Aya Hamza Mariam Yousef
Hiba Mahmoud Nadia Ibrahim Leila Said Reem Abdullah Souad""".split()
AR_SURNAMES = """Al-Hassan Haddad Khalil Mansour Nasser Saleh Hamdan Darwish Abboud Qasim
Al-Rashid El-Amin Yassin Sabbagh Karimi Mahmoud Hamid Abdallah Shamoun Aziz""".split()
TR_KU_FA_GIVEN = """Mehmet Ayşe Emre Zeynep Hüseyin Elif Murat Özlem Serkan Dilan Rojda Baran
Zana Shirin Dariush Parisa Reza Mahsa Kaveh Leyla Azad Nazanin Behrouz Goran Rêber""".split()
TR_KU_FA_SURNAMES = """Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Rezaei Hosseini
Ahmadi Mohammadi Mousavi Jafari Barzani Tahir Zebari""".split()
BKS_GIVEN = """Dragan Jasmina Emir Amra Nermin Selma Dženana Mirza Ivana Goran Branka Zlatko
Adnan Lejla Haris Vesna""".split()
BKS_SURNAMES = """Hodžić Begić Kovačević Jovanović Petrović Mehmedović Hadžić Marić Babić
Delić Salihović Nikolić""".split()
EN_GIVEN = """John Sarah Michael Emily David Jessica James Olivia William Chloe Thomas Hannah
Robert Grace Steven Megan Brian Lucy Kevin Amy""".split()
EN_SURNAMES = """Smith Johnson Williams Brown Taylor Wilson Davies Evans Thompson Walker
Robinson Wright Hughes Edwards Green Mitchell O'Brien McCarthy""".split()
TI_AM_GIVEN = """Yonas Semhar Tesfay Helen Biniam Luwam Filmon Senait Dawit Rahwa Mebrahtu""".split()
TI_AM_SURNAMES = """Tesfamariam Gebremedhin Haile Kidane Tekle Berhane Woldu Mehari""".split()
PARTICLES = [
    ("Carl", "von Essen"),
    ("Gustaf", "af Klint"),
    ("Ebba", "von Sydow"),
    ("Fredrik", "af Ugglas"),
    ("Maria", "de la Cruz"),
    ("Pieter", "van der Berg"),
    ("Anke", "van Dijk"),
    ("Ahmad", "al Khatib"),
    ("Nour", "el Masri"),
    ("Omar", "bin Salem"),
    ("Leila", "Abu Zaid"),
    ("Jean", "de Vries"),
    ("Hanna", "De Geer"),
    ("Isak", "ben Haim"),
]
AR_SCRIPT_NAMES = """محمد أحمد فاطمة علي حسن زينب عمر ليلى خالد نور سارة يوسف مريم إبراهيم
عبدالله هدى سمير رنا مصطفى أمل""".split()
AR_SCRIPT_SURNAMES = """الحسن حداد خليل منصور ناصر صالح درويش عبود قاسم الرشيد""".split()
FA_SCRIPT_NAMES = """رضا مهسا کاوه شیرین داریوش پریسا نازنین بهروز""".split()

GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "sv": (SV_GIVEN, SV_SURNAMES),
    "fi": (FI_GIVEN, FI_SURNAMES),
    "so": (SO_GIVEN, SO_SURNAMES),
    "pl": (PL_GIVEN, PL_SURNAMES),
    "ar": (AR_GIVEN, AR_SURNAMES),
    "tr-ku-fa": (TR_KU_FA_GIVEN, TR_KU_FA_SURNAMES),
    "bks": (BKS_GIVEN, BKS_SURNAMES),
    "en": (EN_GIVEN, EN_SURNAMES),
    "ti": (TI_AM_GIVEN, TI_AM_SURNAMES),
}
GROUP_WEIGHTS = {
    "sv": 40,
    "fi": 8,
    "so": 8,
    "pl": 6,
    "ar": 10,
    "tr-ku-fa": 8,
    "bks": 6,
    "en": 6,
    "ti": 4,
}

STREET_STEMS = """Sigurds Vasa Kopparbergs Skultuna Hamnpirs Östra Rings Sturegatan Björnö
Allmänna Kyrkbacks Tallbacka Råby Malmaby Kärrbo Dalby Hälla Apalby Trumslagar Sjöhags
Smedjebacks Pilgrims Vallby Bäckby Skiljebo Önsta Gryta Hammarby Lillhagsvägen Mälar Björkhaga
Solhems Blåbärs Lingon Rönnbärs Kastanje Linné Tegnér Frö Götgat Ängs Lövhags Ugglebo""".split()
STREET_SUFFIXES = ["gatan", "vägen", "gränd", "stigen", "backen", "allén", "torget", "leden",
                   "slingan", "stråket", "plan", "gången", "ringen"]
STREET_NO_SUFFIX = """Tallbacka Råbyhöjden Malmaberg Pettersberg Kristiansborg Hökåsen Bjurhovda
Vetterstorp Viksäng Norra Källtorp Gäddeholm Hacksta Bellevue Rocklunda Björnön Lillåudden""".split()
ABBREVIATED = [("Storgatan", "Storg."), ("Kungsgatan", "Kungsg."), ("Sigurdsgatan", "Sigurdsg"),
               ("Vasagatan", "Vasag."), ("Ringvägen", "Ringv."), ("Tallbacksvägen", "Tallbacksv."),
               ("Skultunavägen", "Skultunav"), ("Hälla Gårdsväg", "Hälla gårdsv."),
               ("Malmabergsvägen", "Malmabergsv."), ("Kopparbergsvägen", "Kopparbergsv")]
TOWNS = ["Västerås", "Skultuna", "Tillberga", "Barkarö", "Irsta", "Kungsör", "Hallstahammar",
         "Surahammar", "Köping", "Arboga", "Sala", "Enköping"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
DEPTS = ["bygglov", "socialtjänsten", "växeln", "kontaktcenter", "kundtjänst", "hemtjänsten",
         "skolan", "förskolan", "äldreomsorgen", "parkeringen", "miljöförvaltningen",
         "biblioteket", "renhållningen", "gatukontoret", "vård och omsorg", "ekonomibiståndet",
         "överförmyndaren", "skolskjutsen", "LSS-handläggningen", "fritidsgården"]
ROLES = ["handläggaren", "handläggare", "socialsekreteraren", "kuratorn", "rektorn",
         "läraren", "enhetschefen", "chefen", "kvinnan i växeln", "mannen i växeln",
         "killen på", "tjejen på", "damen på", "min kontaktperson", "biståndshandläggaren",
         "bygglovshandläggaren", "inspektören", "mentorn", "sjuksköterskan", "undersköterskan",
         "kontaktpersonen", "administratören"]
RELATIVES = ["min man", "min fru", "min sambo", "min son", "min dotter", "min mamma", "min pappa",
             "min granne", "min bror", "min syster", "mitt barnbarn", "min svärmor",
             "min farmor", "min morfar", "min kompis", "vår granne"]
PROVIDERS = [("gmail", "com"), ("hotmail", "com"), ("hotmail", "se"), ("outlook", "com"),
             ("live", "se"), ("yahoo", "com"), ("icloud", "com"), ("telia", "com"),
             ("bredband", "net"), ("spray", "se"), ("msn", "com"), ("protonmail", "com"),
             ("comhem", "se"), ("bahnhof", "se")]
NUMBER_WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
EN_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = {2: "tjugo", 3: "trettio", 4: "fyrtio", 5: "femtio", 6: "sextio", 7: "sjuttio",
        8: "åttio", 9: "nittio"}
TEENS = ["tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton",
         "nitton"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def luhn(digits: str) -> int:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


class Text:
    """A comment built piece by piece, with the spans of the pieces that must go."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[dict[str, object]] = []
        self.length = 0

    def add(self, piece: str, kind: str | None = None) -> Text:
        if kind and piece:
            self.spans.append({"start": self.length, "end": self.length + len(piece), "kind": kind})
        self.parts.append(piece)
        self.length += len(piece)
        return self

    def __add__(self, other: str) -> Text:
        return self.add(other)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, items: Sequence[T]) -> T:
        return self.r.choice(items)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # -- people ------------------------------------------------------------------------------

    def group(self) -> str:
        return self.r.choices(list(GROUP_WEIGHTS), weights=list(GROUP_WEIGHTS.values()))[0]

    def given(self, group: str | None = None) -> str:
        return self.pick(GROUPS[group or self.group()][0])

    def surname(self, group: str | None = None) -> str:
        return self.pick(GROUPS[group or self.group()][1])

    def full(self, group: str | None = None) -> str:
        group = group or self.group()
        if group == "sv" and self.chance(0.1):
            return f"{self.given(group)} {self.given(group)} {self.surname(group)}"
        if self.chance(0.06):
            return f"{self.given(group)} {self.surname(group)}-{self.surname(group)}"
        return f"{self.given(group)} {self.surname(group)}"

    # -- sentences around ---------------------------------------------------------------------

    def filler(self) -> str:
        return self.pick(
            [
                "Jag fick vänta länge i telefonkön.",
                "Bra bemötande men det tog tid.",
                "Svaret kom efter tre veckor.",
                "Ingen ringde tillbaka som utlovat.",
                "Tack för snabb hjälp!",
                "Det var svårt att hitta rätt på hemsidan.",
                "Jag förstod inte svaret på mejlet.",
                "Mycket trevlig och kunnig personal.",
                "E-tjänsten krånglade med BankID.",
                "Hemtjänsten kommer alltid för sent.",
                "Jag har ringt fem gånger nu.",
                "Fick bra hjälp med min ansökan.",
                "Det tog alldeles för lång tid.",
                "Kommunen borde ha längre telefontider.",
                "Snälla, svara på mejl inom en vecka.",
                "Jag är nöjd med hur ärendet sköttes.",
                "Bussen till Skultuna går för sällan.",
                "Tack för att ni lyssnade.",
                "Jag kände mig inte tagen på allvar.",
                "Allt fungerade bra den här gången.",
            ]
        )

    def around(self, core: Callable[[Text], None]) -> Text:
        t = Text()
        if self.chance(0.5):
            t.add(self.filler() + " ")
        core(t)
        if self.chance(0.5):
            t.add(" " + self.filler())
        return t

    # -- names ---------------------------------------------------------------------------------

    def name_form(self) -> tuple[str, Text]:
        r = self.r
        forms: list[tuple[str, Callable[[Text], None]]] = []

        def capital_given(t: Text) -> None:
            t.add(self.pick(["Tack till ", "Jag pratade med ", "Stort tack till ", "Ring "]))
            t.add(self.given(), "namn")
            t.add(" på " + self.pick(DEPTS) + self.pick([".", "!", ", hon var toppen.", "."]))

        def lowercase_given(t: Text) -> None:
            t.add(self.pick(["pratade med ", "fick hjälp av ", "tack till ", "snackade med "]))
            t.add(self.given(self.pick(["sv", "sv", "fi", "ar", "so"])).lower(), "namn")
            t.add(" på " + self.pick(DEPTS) + self.pick(["", " igår", " och det gick bra"]))

        def lowercase_full(t: Text) -> None:
            t.add(self.pick(["jag pratade med ", "handläggare ", "det var ", "tack "]))
            t.add(self.full(self.pick(["sv", "fi", "pl"])).lower(), "namn")
            t.add(self.pick([" som hjälpte mig", " på " + self.pick(DEPTS), ""]))

        def possessive(t: Text) -> None:
            name = self.given()
            t.add(self.pick(["Jag fick prata med ", "Sen kopplades jag till ", "Till slut svarade "]))
            t.add(name, "namn")
            t.add(("'" if name.endswith(("s", "x", "z")) else "") + "s ")
            t.add(self.pick(["chef", "kollega", "ersättare", "chef som lovade att ringa"]) + ".")

        def surname_only(t: Text) -> None:
            t.add(self.pick(["", "Handläggaren ", "Fru ", "Herr ", "Chefen "]))
            t.add(self.surname(), "namn")
            t.add(self.pick([" på ", " i "]) + self.pick(DEPTS) + " svarade aldrig.")

        def full_name(t: Text) -> None:
            t.add(self.pick(["Jag vill ge beröm till ", "Klagomål på ", "Kontakta "]))
            t.add(self.full(), "namn")
            t.add(self.pick([" på " + self.pick(DEPTS) + ".", ", hon var fantastisk.", "."]))

        def jag_heter(t: Text) -> None:
            t.add(self.pick(["Jag heter ", "jag heter ", "Mitt namn är ", "My name is ",
                             "Hej! Jag heter ", "Det är ", "Namn: "]))
            t.add(self.pick([self.full(), self.given(), self.full().lower()]), "namn")
            t.add(self.pick([" och jag ringde om bygglovet.", ".", ", och jag är arg.", ""]))

        def signature(t: Text) -> None:
            t.add(self.filler())
            t.add(self.pick([" Mvh ", "\nMvh ", " /", "\n//", " Hälsningar ", "\nVänliga hälsningar\n",
                             " mvh ", " MVH ", " - ", "\n", " Med vänlig hälsning, ",
                             " Hälsar ", "\nBest regards, "]))
            t.add(self.pick([self.full(), self.given(), self.full().lower(), self.given().upper()]),
                  "namn")

        def foreign(t: Text) -> None:
            group = self.pick(["fi", "so", "pl", "ar", "tr-ku-fa", "bks", "ti", "en"])
            t.add(self.pick(["Tack ", "Jag träffade ", "Min tolk ", "Handläggaren "]))
            name = self.pick([self.given(group), f"{self.given(group)} {self.surname(group)}"])
            t.add(name, "namn")
            t.add(self.pick([" var jättebra.", " förstod inte mitt ärende.", " hjälpte mig mycket."]))

        def particle(t: Text) -> None:
            given, family = self.pick(PARTICLES)
            t.add(self.pick(["Jag pratade med ", "Ärendet sköttes av ", "Tack till "]))
            if self.chance(0.5):
                t.add(f"{given} {family}", "namn")
            else:
                t.add(self.pick(["handläggaren ", "fru ", "herr "]))
                t.add(family, "namn")
            t.add(self.pick([" på " + self.pick(DEPTS) + ".", "."]))

        def arabic_script(t: Text) -> None:
            t.add(self.pick(["Min granne ", "Tolken ", "Jag heter ", "Handläggaren "]))
            name = self.pick(AR_SCRIPT_NAMES + FA_SCRIPT_NAMES)
            if self.chance(0.5):
                name += " " + self.pick(AR_SCRIPT_SURNAMES)
            t.add(name, "namn")
            t.add(self.pick([" hjälpte mig att ringa.", " och jag behöver tolk.", " var bra."]))

        def word_name(t: Text) -> None:
            name = self.pick(SV_WORDNAMES)
            t.add(self.pick(["Jag pratade med ", "Tack till ", "Handläggaren ", "Det var "]))
            t.add(name, "namn")
            t.add(self.pick([" på " + self.pick(DEPTS) + ".", " som svarade.", " i växeln."]))

        def display_name(t: Text) -> None:
            name = self.full()
            g, s = name.split(" ")[0], name.split(" ")[-1]
            host, tld = self.pick(PROVIDERS)
            t.add(self.pick(["Från: ", "Svara till ", "", "Kontakt: "]))
            t.add(name, "namn")
            opening = self.pick([" <", " (", " "])
            t.add(opening)
            t.add(f"{self.ascii(g).lower()}.{self.ascii(s).lower()}@{host}.{tld}", "e-post")
            t.add({" <": ">", " (": ")", " ": ""}[opening])

        def relative(t: Text) -> None:
            t.add(self.pick(["Jag ringde för ", "Det gäller ", "Jag och "]))
            t.add(self.pick(RELATIVES) + " ")
            t.add(self.pick([self.given(), self.full()]), "namn")
            t.add(self.pick([" som behöver hemtjänst.", " som går på förskolan.", "."]))

        def role(t: Text) -> None:
            t.add(self.pick(["Tack till ", "Jag är besviken på ", "", "Hälsa till "]))
            t.add(self.pick(ROLES) + " ")
            t.add(self.pick([self.given(), self.full(), self.surname(), self.given().lower()]),
                  "namn")
            t.add(self.pick([" som var så hjälpsam.", ".", " på " + self.pick(DEPTS) + "."]))

        def initials(t: Text) -> None:
            g, s = self.given("sv"), self.surname("sv")
            t.add(self.pick(["Handläggaren ", "Jag pratade med ", "Tack "]))
            t.add(self.pick([f"{g[0]}. {s}", f"{g} {s[0]}.", f"{g} {s[0]}"]), "namn")
            t.add(self.pick([" på " + self.pick(DEPTS), ""]) + ".")

        def all_caps(t: Text) -> None:
            t.add("JAG HAR RINGT TRE GÅNGER! ")
            t.add(self.pick(["FRÅGA EFTER ", "PRATA MED ", "TACK TILL "]))
            t.add(self.full().upper(), "namn")
            t.add("!")

        forms = [
            ("name: capital given", capital_given),
            ("name: lowercase given", lowercase_given),
            ("name: lowercase full", lowercase_full),
            ("name: possessive", possessive),
            ("name: surname only", surname_only),
            ("name: full", full_name),
            ("name: jag heter", jag_heter),
            ("name: signature", signature),
            ("name: non-Swedish", foreign),
            ("name: particle", particle),
            ("name: Arabic script", arabic_script),
            ("name: also a word", word_name),
            ("name: display name + e-mail", display_name),
            ("name: relative", relative),
            ("name: role + name", role),
            ("name: initials", initials),
            ("name: all caps", all_caps),
        ]
        form, core = forms[r.randrange(len(forms))]
        return form, self.around(core)

    @staticmethod
    def ascii(text: str) -> str:
        table = str.maketrans("åäöéüłśźżćńęąčćšžđ", "aaoeulszzcneacczzd")
        return text.lower().translate(table).replace("'", "")

    # -- phone -----------------------------------------------------------------------------

    def mobile(self) -> str:
        return f"07{self.pick('02369')}{self.r.randint(0, 9_999_999):07d}"

    def spelled(self, digits: str, english: bool = False) -> str:
        words = EN_NUMBER_WORDS if english else NUMBER_WORDS
        if english or self.chance(0.5):
            sep = self.pick([" ", " ", ", ", "-"])
            return sep.join(words[int(d)] for d in digits)
        # pairs read as numbers: noll sjuttio, tjugotre, fyrtiofem …
        out = []
        i = 0
        if digits[0] == "0":
            out.append("noll")
            i = 1
        while i < len(digits):
            pair = digits[i : i + 2]
            if len(pair) == 2 and pair[0] != "0":
                n = int(pair)
                out.append(TEENS[n - 10] if n < 20 else TENS[n // 10] + (NUMBER_WORDS[n % 10] if n % 10 else ""))
                i += 2
            else:
                out.append(NUMBER_WORDS[int(digits[i])])
                i += 1
        return " ".join(out)

    def phone_form(self) -> tuple[str, Text]:
        number = self.mobile()
        a, b, c, d = number[:3], number[3:6], number[6:8], number[8:]
        forms: list[tuple[str, str]] = [
            ("phone: 070-123 45 67", f"{a}-{b} {c} {d}"),
            ("phone: compact", number),
            ("phone: spaced", f"{a} {b} {c} {d}"),
            ("phone: +46", f"+46 {a[1:]} {b} {c} {d}"),
            ("phone: +46 (0)", f"+46 (0){a[1:]}-{b} {c} {d}"),
            ("phone: 0046", f"0046{a[1:]}{b}{c}{d}"),
            ("phone: pairs", f"{number[:2]} {number[2:4]} {number[4:6]} {number[6:8]} {number[8:]}"),
            ("phone: digit by digit", " ".join(number)),
            ("phone: slash", f"{a}/{b}{c}{d}"),
            ("phone: dots", f"{a}.{b}.{c}.{d}"),
            ("phone: landline", f"021-{self.r.randint(10, 99)} {self.r.randint(10, 99)} {self.r.randint(10, 99)}"),
            ("phone: Stockholm", f"08-{self.r.randint(100, 999)} {self.r.randint(100, 999)} {self.r.randint(10, 99)}"),
            ("phone: foreign", self.pick([f"+358 40 {self.r.randint(1000000, 9999999)}",
                                          f"+47 {self.r.randint(400, 999)} {self.r.randint(10, 99)} {self.r.randint(100, 999)}",
                                          f"+44 7{self.r.randint(100, 999)} {self.r.randint(100000, 999999)}",
                                          f"+252 61 {self.r.randint(1000000, 9999999)}",
                                          f"+48 {self.r.randint(500, 799)} {self.r.randint(100, 999)} {self.r.randint(100, 999)}"])),
            ("phone: spelled out", self.spelled(number)),
            ("phone: half spelled out", f"noll sju {number[2]} {b} {c} {d}" if self.chance(0.5)
             else f"{a} {self.spelled(b)} {c} {d}"),
            ("phone: English words", self.spelled(number, english=True)),
            ("phone: Arabic-Indic digits", f"{a}-{b} {c} {d}".translate(self.pick([ARABIC_INDIC, PERSIAN]))),
            ("phone: full width", f"{a}-{b}{c}{d}".translate(FULL_WIDTH)),
            ("phone: in brackets", f"({a}-{b} {c} {d})"),
            ("phone: en dash", f"{a}\u2013{b} {c} {d}"),
        ]
        form, written = forms[self.r.randrange(len(forms))]
        lead = self.pick(["Ring mig på ", "Mitt nummer: ", "Nås på ", "ring ", "Tel ", "Mobil: ",
                          "Ni kan sms:a mig på ", "Återkom på ", "nr ", "tel:"])
        tail = self.pick([" tack.", ".", " efter kl 16.", "", " så förklarar jag."])

        def core(t: Text) -> None:
            if written.startswith("("):
                t.add(lead.rstrip(":") + " " if lead.endswith(":") else lead)
                t.add("(")
                t.add(written[1:-1], "telefon")
                t.add(")" + tail)
            else:
                t.add(lead).add(written, "telefon").add(tail)

        return form, self.around(core)

    # -- e-mail ------------------------------------------------------------------------------

    def local_part(self) -> str:
        g, s = self.ascii(self.given()), self.ascii(self.surname())
        return self.pick(
            [f"{g}.{s}", f"{g}{s}", f"{g}_{s}{self.r.randint(1, 99)}", f"{g[0]}{s}",
             f"{g}{self.r.randint(50, 99)}", f"{s}.{g}", f"{g}.{s[0]}", f"{g}-{s}"]
        )

    def email_form(self) -> tuple[str, Text]:
        local = self.local_part()
        host, tld = self.pick(PROVIDERS)
        parts = local.replace("_", ".").replace("-", ".").split(".")
        forms: list[tuple[str, str]] = [
            ("e-mail: plain", f"{local}@{host}.{tld}"),
            ("e-mail: capitals", f"{local.title()}@{host.title()}.{tld.upper()}"),
            ("e-mail: (at)", f"{local}(at){host}.{tld}"),
            ("e-mail: [at] [dot]", f"{local} [at] {host} [dot] {tld}"),
            ("e-mail: snabel-a punkt", f"{local} snabel-a {host} punkt {tld}"),
            ("e-mail: provider in words", f"{local} på {host}"),
            ("e-mail: provider in words + tld", f"{local} på {host} punkt {tld}"),
            ("e-mail: hos provider", f"{local} hos {host}"),
            ("e-mail: at provider", f"{local} at {host}"),
            ("e-mail: punkt inside", f"{' punkt '.join(parts)} snabel-a {host}.{tld}"),
            ("e-mail: no tld", f"{local}@{host}"),
            ("e-mail: spaces", f"{local} @ {host} . {tld}"),
            ("e-mail: comma for dot", f"{local}@{host},{tld}"),
            ("e-mail: own domain", f"{local}@{self.ascii(self.surname())}.{self.pick(['se', 'nu', 'com'])}"),
            ("e-mail: plus tag", f"{local}+kommun@{host}.{tld}"),
            ("e-mail: staff at municipality", f"{local}@vasteras.se"),
        ]
        form, written = forms[self.r.randrange(len(forms))]
        lead = self.pick(["Mejla mig på ", "Min mejl: ", "Svara till ", "Maila ", "Skriv till ",
                          "e-post ", "Min mailadress är ", "Kontakta mig på "])
        tail = self.pick([" tack.", ".", "", " så svarar jag snabbt."])
        if form == "e-mail: provider in words" and self.chance(0.5):
            lead, written = f"Min {host} är ", local
        if form == "e-mail: staff at municipality":
            lead = self.pick(["Handläggaren skrev från ", "Jag fick svar från ", "Jag mejlade "])

        def core(t: Text) -> None:
            t.add(lead).add(written, "e-post").add(tail)

        return form, self.around(core)

    # -- personnummer ------------------------------------------------------------------------

    def pnr_parts(self, coordination: bool = False) -> tuple[str, str, str]:
        year = self.r.randint(1925, 2023)
        month, day = self.r.randint(1, 12), self.r.randint(1, 28)
        if coordination:
            day += 60
        nine = f"{year % 100:02d}{month:02d}{day:02d}{self.r.randint(0, 999):03d}"
        check = luhn(nine)
        if self.chance(0.3):
            check = (check + self.r.randint(1, 9)) % 10
        return str(year // 100), nine[:6], nine[6:] + str(check)

    def pnr_form(self) -> tuple[str, Text]:
        coordination = self.chance(0.15)
        cc, date, last = self.pnr_parts(coordination)
        letter = self.pick("TRXKYW")
        forms: list[tuple[str, str | tuple[str, str, str]]] = [
            ("pnr: 10 with dash", f"{date}-{last}"),
            ("pnr: 12 with dash", f"{cc}{date}-{last}"),
            ("pnr: 12 compact", f"{cc}{date}{last}"),
            ("pnr: space", f"{cc}{date} {last}"),
            ("pnr: plus (100+)", f"{date}+{last}"),
            ("pnr: dashed date", f"{cc}{date[:2]}-{date[2:4]}-{date[4:]}-{last}"),
            ("pnr: dotted date", f"{date[:2]}.{date[2:4]}.{date[4:]}-{last}"),
            ("pnr: spaced pairs", f"{date[:2]} {date[2:4]} {date[4:]}-{last[:2]} {last[2:]}"),
            ("pnr: interim letter", f"{cc}{date}-{letter}{last[1:]}"),
            ("pnr: interim letter 10", f"{date}-{letter}{last[1:]}"),
            ("pnr: two parts", (date if self.chance(0.5) else cc + date, "", last)),
            ("pnr: slash", f"{date}/{last}"),
            ("pnr: en dash", f"{cc}{date}\u2013{last}"),
            ("pnr: Arabic-Indic digits", f"{date}-{last}".translate(ARABIC_INDIC)),
        ]
        form, written = forms[self.r.randrange(len(forms))]
        if coordination:
            form += " (samordningsnummer)" if "interim" not in form else ""

        def core(t: Text) -> None:
            if isinstance(written, tuple):
                first, _, second = written
                t.add(self.pick(["Jag är född ", "Född ", "Mitt födelsedatum är ", "pnr "]))
                t.add(first, "personnummer")
                t.add(self.pick([", sista fyra ", " och de fyra sista är ", " - sista siffrorna ",
                                 ". Fyra sista: ", ", kontrollsiffror "]))
                t.add(second, "personnummer")
                t.add(".")
                return
            t.add(self.pick(["Mitt personnummer är ", "Pnr: ", "pnr ", "Personnr ", "Det gäller ",
                             "Ärendet gäller mitt barn ", "personnummer: ", "Min sons pnr är ",
                             "Samordningsnummer ", "mitt p-nr "]))
            t.add(written, "personnummer")
            t.add(self.pick([" om ni behöver det.", ".", "", " tack."]))

        return form, self.around(core)

    # -- addresses ---------------------------------------------------------------------------

    def street(self) -> str:
        stem = self.pick(STREET_STEMS)
        if stem.endswith(("gatan", "vägen")):
            return stem
        return stem + self.pick(STREET_SUFFIXES)

    def house(self) -> str:
        return str(self.r.randint(1, 160)) + self.pick(["", "", "", "B", " A", "C"])

    def postcode(self) -> str:
        return f"{self.r.randint(720, 739)} {self.r.randint(10, 99)}"

    def address_form(self) -> tuple[str, Text]:
        forms: list[tuple[str, str]] = [
            ("address: street + number", f"{self.street()} {self.house()}"),
            ("address: with postcode", f"{self.street()} {self.house()}, {self.postcode()} {self.pick(TOWNS)}"),
            ("address: lowercase", f"{self.street().lower()} {self.house()}"),
            ("address: abbreviated", f"{self.pick(ABBREVIATED)[1]} {self.house()}"),
            ("address: Box", f"Box {self.r.randint(1, 9999)}, {self.postcode()} {self.pick(TOWNS)}"),
            ("address: no suffix", f"{self.pick(STREET_NO_SUFFIX)} {self.house()}"),
            ("address: lgh", f"{self.street()} {self.house()} lgh {self.r.randint(1001, 1504)}"),
            ("address: tr", f"{self.street()} {self.r.randint(1, 60)}, {self.r.randint(1, 6)} tr"),
            ("address: Name's gata", f"{self.pick(['Olof Palmes', 'Karl Staaffs', 'Bror Hjorths', 'Elsa Borgs'])} {self.pick(['gata', 'väg', 'plats'])} {self.r.randint(1, 40)}"),
            ("address: c/o", f"c/o {self.full()}, {self.street()} {self.house()}"),
            ("address: number first", f"{self.r.randint(1, 99)} {self.street()}"),
        ]
        form, written = forms[self.r.randrange(len(forms))]
        lead = self.pick(["Jag bor på ", "Adress: ", "Min adress är ", "Skicka pappren till ",
                          "Det gäller huset på ", "bor på ", "Soptunnan på ", "Vi bor på "])
        tail = self.pick([".", " och ingen har kommit.", "", " sedan i våras."])

        def core(t: Text) -> None:
            if form == "address: c/o":
                name, street = written[4:].split(", ", 1)
                t.add(lead + "c/o ").add(name, "namn").add(", ").add(street, "adress").add(tail)
            elif form == "address: number first":
                t.add(self.pick(["I live at ", "Address: "])).add(written, "adress").add(tail)
            else:
                t.add(lead).add(written, "adress").add(tail)

        return form, self.around(core)

    # -- mixed -------------------------------------------------------------------------------

    def mixed(self) -> tuple[str, Text]:
        t = Text()
        pieces = self.r.sample(["name", "phone", "email", "pnr", "address"], k=self.r.randint(2, 4))
        t.add(self.pick(["Hej! ", "", "Hej kommunen, "]))
        t.add(self.filler() + " ")
        for piece in pieces:
            if piece == "name":
                t.add(self.pick(["Jag heter ", "Jag pratade med ", "Tack till "]))
                t.add(self.pick([self.full(), self.given().lower(), self.given()]), "namn")
                t.add(". ")
            elif piece == "phone":
                n = self.mobile()
                t.add("Ring mig på ").add(self.pick([f"{n[:3]}-{n[3:]}", n, f"{n[:3]} {n[3:6]} {n[6:8]} {n[8:]}", self.spelled(n)]), "telefon").add(". ")
            elif piece == "email":
                host, tld = self.pick(PROVIDERS)
                local = self.local_part()
                t.add("Mejl ").add(self.pick([f"{local}@{host}.{tld}", f"{local} på {host}", f"{local}(at){host}.{tld}"]), "e-post").add(". ")
            elif piece == "pnr":
                cc, date, last = self.pnr_parts()
                t.add("Pnr ").add(self.pick([f"{date}-{last}", f"{cc}{date}{last}", f"{cc}{date}-T{last[1:]}"]), "personnummer").add(". ")
            else:
                t.add("Jag bor på ").add(f"{self.street()} {self.house()}", "adress").add(". ")
        t.add(self.filler())
        if self.chance(0.5):
            t.add(self.pick(["\nMvh ", " /", "\nHälsningar "])).add(self.full(), "namn")
        return "mixed: several kinds", t

    # -- benign -------------------------------------------------------------------------------

    def benign(self) -> tuple[str, str]:
        r = self.r
        month = self.pick(MONTHS)
        forms: list[tuple[str, str]] = [
            ("benign: switchboard", self.pick([
                "Jag ringde växeln på 021-39 00 00 men kom inte fram.",
                "Numret 021-39 00 00 på hemsidan är svårt att hitta.",
                "Ring kontaktcenter 021-39 10 00, de är bra.",
                "Växeln (021-39 00 00) svarade direkt."])),
            ("benign: agency number", self.pick([
                "Jag fick ringa Försäkringskassan på 0771-524 524 istället.",
                "Skatteverket (0771-567 567) visste mer än ni.",
                "Ring 1177 om det gäller vården, sa de.",
                "Vid nödläge ring 112, stod det i svaret.",
                "Polisen på 114 14 hänvisade till er.",
                "Jag blev hänvisad till Arbetsförmedlingen (0771-416 416).",
                "Pensionsmyndigheten 0771-776 776 var snabbare.",
                "Ring Giftinformationscentralen 010-456 67 00 sa de.",
                "Jag ringde 020-22 11 22 men det var fel nummer.",
                "Hänvisades till Transportstyrelsen, 0771-503 503."])),
            ("benign: shared mailbox", self.pick([
                "Jag mejlade kontaktcenter@vasteras.se och fick svar dagen efter.",
                "Adressen bygglov@vasteras.se står inte på hemsidan.",
                "Skickade till kontaktcenter@vasteras.se tre gånger."])),
            ("benign: street and date", f"Mötet på {self.pick(['Vasagatan', 'Kungsgatan', 'Stora gatan', 'Sigurdsgatan'])} {r.randint(1, 28)} {month} blev inställt."),
            ("benign: street as place", f"Snöröjningen på {self.street()} är dålig i {month}."),
            ("benign: town hall", "Jag var på Stadshuset, Fiskartorget 1 och fick hjälp där."),
            ("benign: times", f"Telefontiden {self.pick(['08.00-16.30', '8-17', 'kl 10-12', '9.30–11.45'])} är för kort."),
            ("benign: amount", f"Fakturan på {self.pick(['1 250 kr', '12 500 kr', '349,50 kr', '2.500:-'])} stämde inte."),
            ("benign: case number", f"Ärende {self.pick(['KS 2026/123', '2025-00123', 'BN 2024-000456', 'SBN.2025.412'])} är inte klart."),
            ("benign: date", f"Jag ringde den {r.randint(1, 28)} {month} och {self.pick(['2026-03-13', '13/3', '13.03.2026'])}."),
            ("benign: waiting", f"Jag väntade {r.randint(5, 90)} minuter och var nummer {r.randint(2, 30)} i kön."),
            ("benign: department", f"Handläggaren på {self.pick(DEPTS)} var trevlig och kunnig."),
            ("benign: place names", f"Bussen mellan {self.pick(TOWNS)} och {self.pick(TOWNS)} går för sällan."),
            ("benign: organisation", self.pick([
                "Mälarenergi och VafabMiljö skyller på varandra.",
                "Region Västmanland och kommunen borde samarbeta bättre.",
                "Jag fick hjälp via Mina sidor och BankID.",
                "Per telefon gick det snabbare än via e-post.",
                "Svaret kom via Microsoft Teams, konstigt nog.",
                "Swish fungerade inte för betalningen.",
                "Länsstyrelsen Västmanland gav ett annat besked."])),
            ("benign: lowercase name-words", self.pick([
                "Det var klara besked och bra bemötande.",
                "Vi bor i ett hus med mark runt och vill bygga.",
                "Hans svar var tydligt, men hennes inte.",
                "Jag har bott här i femtio år och trivs.",
                "Det blev en lång dag men vi fick hjälp.",
                "Per person kostar det för mycket.",
                "Tack för ett gott liv på äldreboendet.",
                "Rosa lappar på bilarna överallt.",
                "Sten och grus på cykelvägen hela våren.",
                "Vi fick vänta till maj på svar.",
                "Det var en björn i skogen bakom skolan, ingen tog det på allvar."])),
            ("benign: short", self.pick(["Bra!", "Tack!", "Inget att tillägga.", "Nej", "-", "Helt ok.",
                                        "Snabbt och enkelt :)", "10/10", "Bättre än förra året."])),
            ("benign: English", self.pick([
                "The staff were friendly but the waiting time was too long.",
                "Thank you for the quick reply!",
                "I could not find the right form on the website.",
                "My Swedish is not good, please answer in English."])),
            ("benign: Finnish", self.pick([
                "Kiitos nopeasta avusta!",
                "Odotin puhelinjonossa liian kauan.",
                "Palvelu oli ystävällistä."])),
            ("benign: Arabic", self.pick([
                "شكرا على المساعدة السريعة",
                "انتظرت وقتا طويلا على الهاتف",
                "الموظف كان لطيفا جدا",
                "Tack! شكرا جزيلا"])),
            ("benign: brackets", self.pick([
                "Öppettiderna (8-17) passar inte mig.",
                "E-tjänsten (den nya) är bättre.",
                "Svaret [som kom sent] var ändå bra.",
                "Ring hellre (inte mejla) om det är bråttom."])),
            ("benign: greeting without name", self.pick([
                "Med vänliga hälsningar, en nöjd invånare",
                "Mvh en trött småbarnsförälder",
                "Hälsningar från Skultuna",
                "/En pensionär"])),
            ("benign: OCR and customer number", f"OCR {r.randint(10**9, 10**10 - 1) * 10 + 3} och kundnummer {r.randint(10000, 99999)} fanns inte."),
            ("benign: age and count", f"Jag är {r.randint(20, 95)} år och har {r.randint(2, 6)} barn i skolan."),
            ("benign: percent and year", f"Avgiften höjdes {r.randint(3, 25)} % mellan {r.randint(2015, 2019)} och {r.randint(2020, 2026)}."),
        ]
        return forms[self.r.randrange(len(forms))]

    def personal(self) -> tuple[str, Text]:
        kind = self.r.choices(
            ["name", "phone", "email", "pnr", "address", "mixed"], weights=[34, 16, 14, 14, 14, 8]
        )[0]
        return {
            "name": self.name_form,
            "phone": self.phone_form,
            "email": self.email_form,
            "pnr": self.pnr_form,
            "address": self.address_form,
            "mixed": self.mixed,
        }[kind]()

# fmt: on


def generate(seed: int = SEED) -> list[dict[str, object]]:
    generator = Generator(seed)
    rows: list[dict[str, object]] = []
    for i in range(PERSONAL):
        form, text = generator.personal()
        rows.append({"id": f"g{i:05d}", "text": text.text, "spans": text.spans, "form": form})
    for i in range(BENIGN):
        form, benign = generator.benign()
        # one to three sentences, so that the benign set is not a few sentences repeated
        more = [generator.benign()[1] for _ in range(generator.r.choice([0, 0, 1, 2]))]
        if generator.chance(0.3):
            more.append(generator.filler())
        generator.r.shuffle(more)
        joined = " ".join([benign, *more])
        rows.append({"id": f"b{i:05d}", "text": joined, "spans": [], "form": form})
    return rows


def render(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(path: Path = GENERATED) -> None:
    path.write_text(render(generate()), encoding="utf-8")


if __name__ == "__main__":
    main()
