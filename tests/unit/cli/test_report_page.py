"""The HTML report as a contact-centre manager reads it: own questions, trends beside the group
and the nation, errands compared, comments per release and errand, campaigns by name and days,
Swedish time, and a ranking only where the municipality qualifies."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from shared.cli import report_page as report
from shared.core.tenants import Campaign, Kommungrupp
from shared.results import figures
from shared.results.disclosure.release import State
from shared.results.figures import Comment, Published
from tests.unit.results.helpers import CAMPAIGN, OWN_QUESTION, tenant

SPRING = Campaign(id=CAMPAIGN.id, start=CAMPAIGN.start, end=CAMPAIGN.end, name="Våren 2026")
AUTUMN = Campaign(
    id="host-2025", start=date(2025, 9, 1), end=date(2025, 11, 30), name="Hösten 2025"
)
TENANTS = {
    "0380": tenant("0380", Kommungrupp.A3, extra_questions=(OWN_QUESTION,)).model_copy(
        update={"campaigns": (AUTUMN, SPRING)}
    ),
    "1980": tenant("1980", Kommungrupp.A3).model_copy(update={"campaigns": (AUTUMN, SPRING)}),
    "2584": tenant("2584", Kommungrupp.B6).model_copy(update={"campaigns": (AUTUMN, SPRING)}),
}
LABELS = report.own_labels(TENANTS["0380"])  # the national texts and Uppsala's own
BEMOTANDE = LABELS["tel_bemotande"]
GENERATED = datetime(2026, 3, 18, 23, 30, tzinfo=UTC)  # Thursday 19 March 00:30 in Sweden


def scale(n: int, centred: float) -> dict[str, int]:
    return {"tel_bemotande:s": round(n * centred), "tel_bemotande:n": n, "tel_bemotande:v": 1}


def stream(code: str, n: int, centred: float, campaign: str = CAMPAIGN.id, **cells) -> Published:
    total = scale(n, centred) | {"a": n, "i": 4 * n, "d": 2}
    total |= cells.pop("total", {})
    state = State(
        f"{code}#{campaign}#sms",
        published={"total": total, **cells},
        variance={"total": dict.fromkeys(total, 4.0)},
        released_on="2026-03-16",
        sequence=2,
    )
    return Published(code, campaign, "sms", state)


def manager_world() -> figures.Figures:
    """Uppsala (60 answers, its own question, a hidden week and errand) among two peers, over
    two campaigns, with two comment releases (also the browser test's page)."""
    uppsala = stream(
        "0380",
        60,  # under 100: not in the national comparison
        0.8,
        total={"x:hittade_kontakt:webb": 30, "x:hittade_kontakt:sok": 12},
        **{
            "week:2026-W11": scale(30, 1.0),
            "week:2026-W12": scale(3, 1.0),  # hidden: under the minimum of 5
            "errand:bygglov": scale(25, 0.5),
            "errand:skola": scale(2, 0.0),  # hidden
        },
    )
    others = [
        stream(
            "1980", 150, 1.2, **{"week:2026-W12": scale(40, 1.1), "errand:bygglov": scale(50, 1)}
        ),
        stream("2584", 120, 0.4, **{"week:2026-W12": scale(40, 0.2)}),
        stream("0380", 110, 0.6, campaign="host-2025"),
        stream("1980", 110, 0.9, campaign="host-2025"),
    ]
    comments = (
        [
            Comment("0380", CAMPAIGN.id, "email", f"Svar om bygglov {i}", "bygglov", "2026-03-16")
            for i in range(3)
        ]
        + [
            Comment("0380", CAMPAIGN.id, "", f"Utan etikett {i}", "", "2026-03-16")
            for i in range(2)
        ]
        + [Comment("0380", CAMPAIGN.id, "", "Första omgången", "", "2026-03-09")]
    )
    return figures.compute([uppsala, *others], TENANTS, {"0380": comments})


@pytest.fixture(scope="module")
def world() -> figures.Figures:
    return manager_world()


THEME_TEXTS = (
    "Trevligt bemötande, tack",
    "Fick vänta länge i telefonkön",
    "Jag fick aldrig något svar",
    "Enkelt att hitta på webben",
)


def theme_rows() -> list[dict]:
    """The published theme shares of Våren 2026 for Uppsala and its two peers: one batch each,
    labelled by the embedded classifier (the nation sums three municipalities: shown; group
    A3 only two: hidden)."""
    import json

    from shared.results.themes import shares
    from shared.results.themes.embedded import LexiconClassifier

    batches = []
    for code in TENANTS:
        texts = THEME_TEXTS[: 3 if code == "2584" else 4]
        comments = [Comment(code, CAMPAIGN.id, "", t, "", "2026-03-16") for t in texts]
        (body,) = shares.batch_object(comments, 1, LexiconClassifier()).values()
        batches.append(json.loads(body))
    return [r.record() for r in shares.rows(CAMPAIGN.id, batches, TENANTS)]


def test_the_comment_themes_follow_the_comments_beside_the_group_and_the_nation(
    world: figures.Figures,
) -> None:
    html = report.render(world, "0380", LABELS, generated_at=GENERATED, themes=theme_rows())
    assert html.index('id="kommentarer"') < html.index('id="teman"') < html.index('id="perioder"')
    section = html[html.index('id="teman"') : html.index('id="perioder"')]
    assert "Våren 2026: 4 släppta kommentarer</caption>" in section
    assert '<th scope="col">Kommungrupp A3</th>' in section
    # the nation sums 11 comments from three municipalities; the group two: too few to show
    cells = re.findall(r'<th scope="row">Alla kommentarer</th>(.*?)</tr>', section)[0]
    own, group, nation = re.findall(r"<td>(.*?)</td>", cells)
    assert own.startswith("100 % ")
    assert group == "för få kommuner"
    assert nation.startswith("100 % ")  # a share, not hidden
    assert "bara kommentarer som" in section
    assert not any(text in section for text in THEME_TEXTS)  # counts, never a comment


def test_no_themes_section_before_a_batch_or_in_the_national_report(
    world: figures.Figures,
) -> None:
    assert 'id="teman"' not in report.render(world, "0380", LABELS, generated_at=GENERATED)
    html = report.render(world, None, LABELS, generated_at=GENERATED, themes=theme_rows())
    assert 'id="teman"' not in html
    assert "Vad kommentarerna handlar om" not in html


@pytest.fixture(scope="module")
def uppsala(world: figures.Figures) -> str:
    return report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str, anchor: str) -> str:
    """The HTML from the element with this id to the next heading of the same level."""
    match = re.search(rf'<(h\d) id="{anchor}"', html)
    assert match, anchor
    level = match.group(1)
    rest = html[match.start() :]
    end = rest.find(f"<{level}", 5)
    return rest if end < 0 else rest[:end]


def caption_table(html: str, caption_start: str) -> str:
    match = re.search(rf"<caption[^>]*>{re.escape(caption_start)}.*?</table>", html, re.S)
    assert match, caption_start
    return match.group(0)


def test_the_municipalitys_own_question_is_shown_with_its_distribution(uppsala: str) -> None:
    own = section(uppsala, f"{CAMPAIGN.id}-sms-egna")
    assert "Hur hittade du hur du kontaktar kommunen?" in own
    assert re.search(r"Kommunens webbplats</th><td>30</td><td>71,4</td>", own)
    assert re.search(r"Sökmotor</th><td>12</td><td>28,6</td>", own)
    assert own.index("Kommunens webbplats") < own.index("Sökmotor")  # in the municipality's order


def test_an_own_distribution_under_the_minimum_is_hidden_whole(world: figures.Figures) -> None:
    small = [
        r
        if r.question != "hittade_kontakt"
        else figures.FigureRow(**(r.record() | {"suppressed": True, "n": None, "share": None}))
        for r in world.rows
    ]
    html = report.render(figures.Figures(small, world.participation), "0380", LABELS, charts=False)
    own = section(html, f"{CAMPAIGN.id}-sms-egna")
    assert "för osäkert att visa" in own
    assert "Sökmotor" not in own


def test_the_week_trend_stands_beside_the_group_and_the_nation_and_hides_small_weeks(
    uppsala: str,
) -> None:
    weeks = caption_table(uppsala, "Index per vecka (kontaktdag), I din senaste kontakt")
    head = text(weeks.split("</thead>")[0])
    assert "Kommun 0380" in head
    assert "Kommungrupp A3" in head
    assert "Riket" in head
    week12 = text(re.search(r"v\. 12 \(16/3–22/3\).*?</tr>", weeks).group(0))
    assert week12.count("för osäkert att visa") == 1  # Uppsala's 3; the group's 43 and nation's 83
    assert "(43 svar)" in week12
    assert "(83 svar)" in week12
    assert "(3 svar)" not in weeks
    months = caption_table(uppsala, "Index per månad (kontaktdag)")
    assert "mars 2026" in months


def test_campaign_over_campaign_lists_each_campaign_by_name_and_days(uppsala: str) -> None:
    table = caption_table(uppsala, "Index per mätperiod, I din senaste kontakt")
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert rows == ["Hösten 2025 (1/9–30/11 2025)", "Våren 2026 (2/3–26/4 2026)"]
    assert "Mätperiod: Våren 2026 (2 mars 2026–26 april 2026)." in uppsala
    assert "host-2025 (" not in uppsala  # never the raw id where a name exists


def test_errands_are_compared_with_the_group_and_the_nation(uppsala: str) -> None:
    errands = caption_table(uppsala, "Index per ärendekategori, I din senaste kontakt")
    head = text(errands.split("</thead>")[0])
    assert "Kommungrupp A3" in head
    assert "Riket" in head
    bygglov = text(re.search(r"Bygglov</th>.*?</tr>", errands).group(0))
    assert "(25 svar)" in bygglov
    assert "(75 svar)" in bygglov
    skola = text(re.search(r"Skola och förskola</th>.*?</tr>", errands).group(0))
    assert "för osäkert att visa" in skola
    shares = caption_table(uppsala, "Ärendekategoriernas andel av svaren")
    assert "Ärendet ej angivet" in shares  # never the id "okänd"
    assert ">okänd<" not in uppsala


def test_comments_are_read_per_release_and_per_errand_in_swedish(uppsala: str) -> None:
    comments = section(uppsala, f"{CAMPAIGN.id}-kommentarer")
    later = comments.index("Släppta 16 mars 2026 (5 kommentarer)")
    earlier = comments.index("Släppta 9 mars 2026 (1 kommentarer)")
    assert later < earlier  # the newest release first
    assert "Ärende: Bygglov" in comments
    assert "Utan angivet ärende" in comments
    assert "(kanal: e-post)" in comments
    assert "(email)" not in uppsala
    assert "(sms)" not in uppsala


def test_times_are_swedish_time(world: figures.Figures) -> None:
    winter = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    assert "Sammanställt 19 mars 2026 kl. 00:30 (svensk tid)" in winter
    summer = report.render(
        world, "0380", LABELS, charts=False, generated_at=datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    )
    assert "kl. 12:00 (svensk tid)" in summer
    assert "UTC" not in winter


def test_the_latest_week_is_the_last_complete_one_beside_the_week_before(uppsala: str) -> None:
    # generated on Thursday of week 12: week 12 is not over, so the latest complete week is 11
    week = section(uppsala, "veckan")
    assert "Senaste hela veckan: vecka 11 (9 mars–15 mars 2026)" in week
    line = text(re.search(r"Bemötande</th>.*?</tr>", week).group(0))
    assert line.startswith("Bemötande 75 (")  # Uppsala's 30 answers of week 11, with interval
    assert "– för osäkert att säga" in line  # no week 10 published: no verdict on a change
    later = report.render(
        _world_for_later(),
        "0380",
        LABELS,
        charts=False,
        generated_at=datetime(2026, 4, 20, 8, tzinfo=UTC),
    )
    assert "Senaste hela veckan: vecka 12" in later


def test_a_real_change_from_the_week_before_says_so(world: figures.Figures) -> None:
    better = figures.compute(
        [
            stream(
                "0380",
                200,
                0.0,
                **{"week:2026-W10": scale(80, -1.0), "week:2026-W11": scale(80, 1.5)},
            )
        ],
        TENANTS,
    )
    html = report.render(better, "0380", LABELS, charts=False, generated_at=GENERATED)
    line = text(re.search(r"Bemötande</th>.*?</tr>", section(html, "veckan")).group(0))
    assert line.endswith("▲ säkert bättre")
    same = figures.compute(
        [
            stream(
                "0380",
                200,
                0.0,
                **{"week:2026-W10": scale(40, 1.0), "week:2026-W11": scale(40, 1.1)},
            )
        ],
        TENANTS,
    )
    html = report.render(same, "0380", LABELS, charts=False, generated_at=GENERATED)
    line = text(re.search(r"Bemötande</th>.*?</tr>", section(html, "veckan")).group(0))
    assert line.endswith("= ingen säker skillnad")


def _world_for_later() -> figures.Figures:
    return figures.compute([stream("0380", 60, 0.8, **{"week:2026-W12": scale(9, 1)})], TENANTS)


def test_the_headline_sets_the_index_beside_group_nation_and_last_campaign(uppsala: str) -> None:
    summary = section(uppsala, "sammanfattning")
    card = text(summary[summary.index('id="rubrik-tel_bemotande"') :].split("</section>")[0])
    assert re.search(r"Bemötande .* 70 \(intervall \d+–\d+, Kommun 0380\)", card)
    assert re.search(r"Kommungrupp A3 Större stad \d+ \(\d+–\d+\) = ingen säker skillnad", card)
    assert re.search(r"Riket \d+ \(\d+–\d+\) = ingen säker skillnad", card)
    assert re.search(
        r"Förra mätperioden \(Hösten 2025\) 65 \(\d+–\d+\) = ingen säker skillnad", card
    )
    assert "Ingen placering i riket ännu" in card
    for jargon in ("p =", "signifikant", "släppta", "cellstorlek", "Celler", "Mätperiod över"):
        assert jargon not in uppsala


def test_a_municipality_surely_better_than_its_group_reads_so() -> None:
    # Västerås (index 95, 300 answers) beside Uppsala in the same group (50) and a town in
    # another (90): surely better than the rest of its group, no sure difference from the town
    world = figures.compute(
        [stream("1980", 300, 1.8), stream("0380", 300, 0.0), stream("2584", 300, 1.6)], TENANTS
    )
    html = report.render(world, "1980", LABELS, charts=False, generated_at=GENERATED)
    summary = section(html, "sammanfattning")
    card = text(summary[summary.index('id="rubrik-tel_bemotande"') :].split("</section>")[0])
    group, _nation = card.split("Kommungrupp A3")[1].split("Riket")
    assert group.strip().endswith("▲ säkert bättre")
    assert "Plats 1 av 3 kommuner i riket." in card
    worse = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    summary = section(worse, "sammanfattning")
    card = text(summary[summary.index('id="rubrik-tel_bemotande"') :].split("</section>")[0])
    assert "▼ säkert sämre" in card.split("Kommungrupp A3")[1].split("Riket")[0]


def world_row(world: figures.Figures, area: str) -> figures.FigureRow:
    return next(
        r
        for r in world.rows
        if (r.area, r.campaign, r.question, r.breakdown)
        == (area, CAMPAIGN.id, "tel_bemotande", "total")
    )


def test_a_rank_is_shown_only_where_the_municipality_qualifies(world: figures.Figures) -> None:
    uppsala = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    summary = section(uppsala, "sammanfattning")
    assert "Plats " not in summary
    assert "Ingen placering i riket ännu: den kräver minst 100 svar" in summary
    participation = caption_table(uppsala, "Deltagande")
    assert "nej: färre än 100 svar" in participation
    vasteras = report.render(world, "1980", LABELS, charts=False, generated_at=GENERATED)
    assert "Plats 1 av 2 kommuner i riket" in section(vasteras, "sammanfattning")
    national = report.render(world, None, LABELS, charts=False, generated_at=GENERATED)
    municipalities = caption_table(national, "Kommunerna, I din senaste kontakt")
    assert re.search(r"Kommun 0380</th>.*?ej rankad: färre än 100 svar", municipalities, re.S)
    assert "None av None" not in national


def test_own_questions_are_not_ranked_among_municipalities(world: figures.Figures) -> None:
    [own] = [r for r in world.rows if r.area == "0380" and r.question == "hittade_kontakt"][:1]
    assert own.rank is None


def test_no_hidden_cell_shows_a_number(uppsala: str) -> None:
    assert all(int(n) >= 5 for n in re.findall(r'data-n="(-?\d+)"', uppsala))
    for cell in re.findall(r'<td class="suppressed"[^>]*>(.*?)</td>', uppsala):
        assert cell == "för osäkert att visa"


def test_the_page_is_self_contained_and_every_scrolling_table_is_a_named_focusable_region(
    world: figures.Figures,
) -> None:
    html = report.render(world, "0380", LABELS, charts=True, generated_at=GENERATED)
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?:', html)
    regions = re.findall(r'<div class="scroll"([^>]*)>', html)
    assert regions
    ids = set(re.findall(r'id="([^"]+)"', html))
    for attributes in regions:
        assert 'role="region"' in attributes
        assert 'tabindex="0"' in attributes
        assert re.search(r'aria-labelledby="([^"]+)"', attributes).group(1) in ids
    assert len(re.findall(r'id="([^"]+)"', html)) == len(ids)  # ids are unique
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids


def test_open_data_names_the_campaign_and_the_channel_in_swedish(world: figures.Figures) -> None:
    import csv
    import io

    from shared.results import opendata

    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(world, LABELS))))
    spring = [r for r in rows if r["campaign"] == CAMPAIGN.id]
    assert {r["campaign_name"] for r in spring} == {"Våren 2026"}
    titles = {r["kpi_title"] for r in spring}
    assert f"Nöjdhetsindex, telefon: {BEMOTANDE}" in titles
    assert "Svarsfrekvens (%), telefon" in titles


def test_errands_come_most_answered_first_with_index_and_interval() -> None:
    world = figures.compute(
        [
            stream(
                "0380",
                100,
                1.0,
                total={"errand:skola": 60, "errand:bygglov": 30, "errand:avfall": 10},
                **{"errand:skola": scale(60, 1.0), "errand:bygglov": scale(30, 0.0)},
            )
        ],
        TENANTS,
    )
    html = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    errands = caption_table(html, "Ärenden, telefon: andel av svaren och index")
    order = re.findall(r'<th scope="row">([^<]+)</th>', errands)
    assert order == ["Skola och förskola", "Bygglov"]
    # an errand with no index to show is named under the table with its share, not a row
    after = section(html, f"{CAMPAIGN.id}-sms-arenden").split("</table>")[1]
    assert "för få svar för att visa index: Avfall och återvinning (10 % av svaren)" in after
    skola = text(re.search(r"Skola och förskola</th>.*?</tr>", errands).group(0))
    # enkelhet was not asked of these answers: hidden, never a number
    assert re.fullmatch(r"Skola och förskola 60 % 75 \(\d+–\d+\) för osäkert att visa", skola)


def test_the_download_holds_the_published_figures_in_swedish_and_is_spreadsheet_safe(
    world: figures.Figures,
) -> None:
    import base64
    import csv
    import io

    from openpyxl import load_workbook

    html = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    found = re.findall(r'href="data:[^"]*;base64,([^"]+)" download="([^"]+)"', html)
    links = {name: data for data, name in found}
    assert set(links) == {"servicematning-0380-siffror.csv", "servicematning-0380-siffror.xlsx"}
    raw = base64.b64decode(links["servicematning-0380-siffror.csv"]).decode("utf-8")
    assert raw.startswith("\ufeffMätperiod;Kanal;Område;Fråga")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    assert {r["Område"] for r in rows} == {"Kommun 0380", "Kommungrupp A3 Större stad", "Riket"}
    own = world_row(world, "0380")
    [line] = [
        r
        for r in rows
        if (r["Område"], r["Mätperiod"], r["Uppdelning"])
        == ("Kommun 0380", "Våren 2026", "Hela mätperioden")
        and r["Fråga"] == BEMOTANDE
    ]
    assert line["Index"] == f"{own.index:.1f}".replace(".", ",")
    assert line["Intervall, lägst"] == f"{own.ci_low:.1f}".replace(".", ",")
    hidden = [r for r in rows if r["Anmärkning"] == "för osäkert att visa"]
    assert hidden
    assert all(r["Index"] == r["Antal svar"] == "" for r in hidden)
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v)
    book = load_workbook(io.BytesIO(base64.b64decode(links["servicematning-0380-siffror.xlsx"])))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mätperiod", "Kanal", "Område", "Fråga"]
    assert sheet.max_row == len(rows) + 1
    values = {(r[2], r[0], r[3], r[4]): r[7] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[("Kommun 0380", "Våren 2026", BEMOTANDE, "Hela mätperioden")] == own.index
    assert "Kommentar" not in raw
    assert "Svar om bygglov" not in raw


def test_the_page_prints_on_a4_without_its_navigation(uppsala: str) -> None:
    style = uppsala.split("@media print")[1].split("</style>")[0]
    assert "size: A4" in style
    assert re.search(r"\.skip, nav, \.downloads, summary \{ display: none; \}", style)


def test_the_jump_links_reach_the_trend_and_errands_of_both_channels() -> None:
    email_cells = {"epost_enkelhet:s": 40, "epost_enkelhet:n": 40, "epost_enkelhet:v": 0}
    email = Published(
        "0380",
        CAMPAIGN.id,
        "email",
        State(
            f"0380#{CAMPAIGN.id}#email",
            published={
                "total": email_cells | {"a": 40, "i": 100, "d": 0, "errand:skola": 40},
                "week:2026-W11": email_cells,
                "errand:skola": email_cells,
            },
            variance={"total": dict.fromkeys(email_cells, 4.0)},
            released_on="2026-03-16",
            sequence=2,
        ),
    )
    sms = stream("0380", 60, 0.8, total={"errand:skola": 60}, **{"errand:skola": scale(60, 0.8)})
    world = figures.compute([sms, email], TENANTS)
    html = report.render(world, "0380", LABELS, charts=False, generated_at=GENERATED)
    nav = dict(
        (label, target)
        for target, label in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html.split("</nav>")[0])
    )
    assert nav["Utveckling, telefon"] == f"{CAMPAIGN.id}-sms-trend"
    assert nav["Utveckling, e-post"] == f"{CAMPAIGN.id}-email-trend"
    assert nav["Ärenden, telefon"] == f"{CAMPAIGN.id}-sms-arenden"
    assert nav["Ärenden, e-post"] == f"{CAMPAIGN.id}-email-arenden"
    for target in nav.values():
        assert f'id="{target}"' in html
    assert "E-post: vecka 11" in section(html, "veckan")


ACTIONS = [
    {
        "day": "2026-03-10",
        "answers": "tel_bemotande",
        "question": "tel_bemotande",
        "text": {"sv": "Ny hälsningsfras i telefonkön", "en": "A new greeting"},
    },
    {
        "day": "2026-03-12",
        "answers": "svarstid",
        "question": None,
        "text": {"sv": "Fler handläggare på måndagar"},
    },
]


def test_the_municipality_s_actions_are_listed_and_marked_on_the_trend_where_they_began(
    world: figures.Figures,
) -> None:
    # Given two actions Uppsala recorded: one on bemötande, one on a theme (every trend)
    html = report.render(world, "0380", LABELS, generated_at=GENERATED, actions=ACTIONS)
    page = html.split('id="atgarder"')[1].split("</section>")[0]

    # Then the report lists them, oldest first, in Swedish, with what each answers
    assert page.index("Ny hälsningsfras") < page.index("Fler handläggare")
    assert "10 mars 2026" in page
    assert "A new greeting" not in html
    # and each trend's chart marks (and its list names) the actions that belong on it, by number
    trends = html.split('-sms-trend" tabindex')[1].split("</section>")[0]
    bemotande, enkelhet = trends.split("<h4>")[1:3]
    assert "Streckade linjer" in bemotande
    assert 'value="1">Från 10 mars 2026: Ny hälsningsfras' in bemotande
    assert 'value="2">Från 12 mars 2026: Fler handläggare' in bemotande
    assert "Ny hälsningsfras" not in enkelhet
    assert "Fler handläggare" in enkelhet


def test_the_national_report_lists_no_municipality_s_actions(world: figures.Figures) -> None:
    html = report.render(world, None, LABELS, generated_at=GENERATED, actions=ACTIONS)
    assert 'id="atgarder"' not in html
    assert "Ny hälsningsfras" not in html
