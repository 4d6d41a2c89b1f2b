"""The self-contained HTML report: the same rows as the export, read top down in 30 seconds.

What a contact-centre manager reads, in this order (issue 24):

1. the headline per channel and question: the campaign-to-date index with its interval, beside
   the kommungrupp, the nation and the previous campaign, each with a plain verdict ("säkert
   bättre / ingen säker skillnad / säkert sämre", ``shared.results.headline``, noise included);
2. the last *complete* week, its change from the week before and whether that change is real;
3. the trend per week (a chart; the numbers per week and month one click away), the errands
   ordered by volume with index and interval (the comparison with the group and the nation one
   click away), the response rate per campaign, the municipality's own questions, the comments,
   and what the released comments are about (their themes and tone beside the kommungrupp and
   the nation, ``shared.results.themes.view``: counted from released comments only);
4. earlier campaigns, and a download of the same published figures as CSV and Excel
   (``shared.results.download``, inlined as ``data:`` links so the file stays one file).

Every figure is a released row (``shared.results.figures``): a hidden cell shows "för osäkert
att visa" and never its n, index or distribution, wherever it appears. Charts are drawn with
matplotlib (imported only here: the report is an operator command, not part of the Lambda
asset) and inlined as SVG with text of at least 12 CSS px on a 390 px phone, each beside a table
with the same numbers, so the page needs no network and no JavaScript, and a screen reader gets
every figure. A print stylesheet makes an A4 report of the same page. Times are Swedish time.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from shared.core import totals
from shared.core.models import Channel
from shared.core.tenants import Tenant
from shared.core.time import STOCKHOLM_TZ
from shared.results import download, headline
from shared.results.figures import (
    ERRAND,
    ERRAND_QUESTION,
    KOMMUN,
    KOMMUNGRUPP,
    MONTH,
    MONTH_NAMES,
    NATIONAL_COMPARISON_MINIMUM,
    OPTION,
    RIKET,
    RIKET_AREA,
    WEEK,
    Comment,
    FigureRow,
    Figures,
    ParticipationRow,
)
from shared.results.figures import TOTAL_BREAKDOWN as TOTAL
from shared.results.figures import labels as labels_of
from shared.results.themes import view as theme_view

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHANNEL_NAMES = {"sms": "Telefon (sms-enkät)", "email": "E-post"}
CHANNEL_SHORT = {"sms": "telefon", "email": "e-post"}
# the national questions in a word or three, for headings that fit a phone (the full text is
# beside them for a screen reader and in the tables' captions)
SHORT_QUESTIONS = {
    "tel_bemotande": "Bemötande",
    "tel_enkelhet": "Enkelt att få hjälp",
    "epost_enkelhet": "Enkelt att få hjälp",
    "epost_tydlighet": "Tydligt svar",
}

SCOPE_ORDER = {KOMMUN: 0, KOMMUNGRUPP: 1, RIKET: 2}
COLOURS = {KOMMUN: "#1f5fa8", KOMMUNGRUPP: "#8a5a00", RIKET: "#3d3d3d"}
MONTHS = MONTH_NAMES


def own_labels(tenant: Tenant | None) -> dict[str, str]:
    """Swedish texts of the national questions and errand kinds, and of a municipality's own
    questions (``id``) and options (``id:option``)."""
    return labels_of(tenant)


def swedish_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def week_label(week: str) -> str:
    """``2026-W14`` as "vecka 14 (30 mars–5 april 2026)"."""
    year, number = (int(x) for x in week.split("-W"))
    monday, sunday = date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)
    first = f"{monday.day} {MONTHS[monday.month - 1]}"
    if monday.year != sunday.year:
        first += f" {monday.year}"
    return f"vecka {number} ({first}–{swedish_day(sunday)})"


def short_week(week: str) -> str:
    """``2026-W14`` as "v. 14 (30/3–5/4)": a row heading that fits a phone."""
    year, number = (int(x) for x in week.split("-W"))
    monday, sunday = date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)
    return f"v. {number} ({monday.day}/{monday.month}–{sunday.day}/{sunday.month})"


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass
class Series:
    """One breakdown value (a week, a month, an errand, a campaign) across the areas shown."""

    value: str
    label: str
    # one per area column (FigureRow, or ParticipationRow in the response rates); None: the
    # area has no such row
    cells: list[Any]


@dataclass
class Table:
    """A comparison table: rows of ``Series`` under one column per area."""

    id: str
    caption: str
    head: str  # the first column's heading
    areas: list[str]
    rows: list[Series]


@dataclass
class OwnQuestion:
    id: str
    label: str
    kind: str  # "scale" or "choice"
    total: FigureRow | None = None  # scale: the index
    options: list[tuple[str, FigureRow]] = field(default_factory=list)  # choice: label, row

    @property
    def hidden(self) -> FigureRow | None:
        """The first hidden option row (a choice question is hidden as a whole)."""
        return next((r for _, r in self.options if r.suppressed), None)


@dataclass
class QuestionView:
    id: str
    label: str
    weeks: Table
    months: Table
    errands: Table
    trend: Markup | None = None
    actions: list[ActionMark] = field(default_factory=list)  # marked on the trend, numbered

    @property
    def short(self) -> str:
        return SHORT_QUESTIONS.get(self.id, self.label)


@dataclass(frozen=True)
class ActionMark:
    """An action the municipality recorded ("Det här gör vi"), where it began on a trend."""

    number: int
    day: str  # "12 mars 2026"
    week: str  # the ISO week it began, "2026-W11", as the trend's rows name weeks
    text: str  # Swedish
    answers: str  # what it answers: a question's or a theme's Swedish name
    question: str | None  # the national question whose trend it is marked on; None: every one


@dataclass
class ChannelView:
    channel: str
    name: str
    anchor: str
    participation: list[ParticipationRow]
    questions: list[QuestionView] = field(default_factory=list)
    errand_shares: Table | None = None
    own: list[OwnQuestion] = field(default_factory=list)
    municipalities: list[FigureRow] = field(default_factory=list)  # national report only
    errands: list[ErrandLine] = field(default_factory=list)  # by volume, most answers first

    @property
    def errands_shown(self) -> list[ErrandLine]:
        """The errands with an index to show (the table)."""
        return [e for e in self.errands if any(_shown(c) for c in e.cells)]

    @property
    def errands_hidden(self) -> list[ErrandLine]:
        """The errands whose every index is too uncertain (one line under the table)."""
        return [e for e in self.errands if not any(_shown(c) for c in e.cells)]


@dataclass
class ErrandLine:
    """An errand kind: its share of the answers and its index per question (own area)."""

    value: str
    label: str
    share: FigureRow | None
    cells: list[FigureRow | None]  # one per question of the channel


@dataclass
class Headline:
    """A question's campaign-to-date index, with what it is compared with and the verdicts."""

    question: str
    label: str
    short: str
    row: FigureRow | None  # the municipality's (the nation's in the national report)
    comparisons: list[headline.Comparison]
    rank: str = ""  # the place in the national ranking, or why there is none


@dataclass
class ChannelHeadlines:
    channel: str
    name: str
    headlines: list[Headline]


@dataclass
class WeekLine:
    label: str
    short: str
    now: FigureRow | None
    before: FigureRow | None
    verdict: str

    @property
    def words(self) -> str:
        return headline.WORDS[self.verdict]


@dataclass
class LatestWeek:
    """The last complete week of contact days, and the week before it."""

    week: str
    label: str
    before_label: str
    channels: list[tuple[str, list[WeekLine]]]  # channel name, one line per question


@dataclass
class Download:
    label: str
    filename: str
    media_type: str
    data: bytes

    @property
    def href(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def size(self) -> str:
        return f"{max(1, round(len(self.data) / 1024))} kB"


@dataclass
class CommentGroup:
    label: str  # the errand's Swedish name, or "" for comments with no errand label
    comments: list[Comment]


@dataclass
class CommentRelease:
    released_on: str
    label: str
    groups: list[CommentGroup]

    @property
    def count(self) -> int:
        return sum(len(g.comments) for g in self.groups)


@dataclass
class CampaignView:
    id: str
    title: str
    anchor: str
    channels: list[ChannelView]
    releases: list[CommentRelease]
    start: str | None = None


@dataclass
class Report:
    title: str
    tenant: str | None
    generated_at: str
    areas: list[str]
    campaigns: list[CampaignView]  # the newest first
    latest_week: LatestWeek | None
    over_campaigns: list[tuple[str, list[tuple[str, Table]]]]  # channel → question tables
    headlines: list[ChannelHeadlines] = field(default_factory=list)
    response_rates: list[tuple[str, Table]] = field(default_factory=list)  # per channel
    downloads: list[Download] = field(default_factory=list)
    minimum_comparison: int = NATIONAL_COMPARISON_MINIMUM
    themes: Markup = field(default_factory=Markup)  # what the released comments are about
    actions: list[ActionMark] = field(default_factory=list)  # every recorded action, oldest first

    @property
    def latest(self) -> CampaignView | None:
        return self.campaigns[0] if self.campaigns else None


# ---------------------------------------------------------------------------------- charts


_SVG_ID = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _svg(fig: Any, description: str, prefix: str) -> Markup:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    # matplotlib numbers its ids per figure (figure_1, clip paths): unique on the page
    text = _SVG_ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    escaped = Markup.escape(description)
    # matplotlib's own SVG output (no user input) plus an escaped description
    return Markup(text.replace("<svg ", f'<svg role="img" aria-label="{escaped}" ', 1))  # noqa: S704


# Chart text: 11 pt in a 3.6 inch (259 pt) wide figure. The SVG is drawn at the width of its
# column (at most 26rem), so on a 390 px phone (358 px of column) a point is 1.38 CSS px and the
# smallest text is 15 px, and at 320 px still 12.2 px (issue 24: at least 12 px on a phone).
CHART_WIDTH_INCHES = 3.6
CHART_FONT_POINTS = 11


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.size": CHART_FONT_POINTS,
            "svg.hashsalt": "servicematning",
        }
    )
    import matplotlib.pyplot as plt

    return plt


def _shown(r: FigureRow | None) -> bool:
    return r is not None and not r.suppressed and r.index is not None


def _trend(q: QuestionView, prefix: str) -> Markup | None:
    """Lines of the weekly index, one per area; a hidden week is a gap, never a point; an
    action the municipality recorded is a dashed line at the week it began, numbered as the
    list under the chart numbers it."""
    table = q.weeks
    if not any(_shown(c) for s in table.rows for c in s.cells):
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(CHART_WIDTH_INCHES, 2.4))
    xs = list(range(len(table.rows)))
    for column, area in enumerate(table.areas):
        cells = [s.cells[column] for s in table.rows]
        if not any(_shown(c) for c in cells):
            continue
        scope = next(c.scope for c in cells if c is not None)
        ys = [c.index if c is not None and _shown(c) else float("nan") for c in cells]
        ax.plot(xs, ys, marker="o", label=_short_area(area), color=COLOURS[scope])
    weeks = [s.value for s in table.rows]
    for mark in q.actions:
        if mark.week in weeks:
            x = weeks.index(mark.week)
            ax.axvline(x, color="#444444", linestyle="--", linewidth=1)
            ax.annotate(str(mark.number), (x, 97), ha="center", va="top")
    step = max(1, len(xs) // 6)  # at most about six week numbers on the axis
    ax.set_xticks(xs[::step], [s.value.split("-W")[1] for s in table.rows][::step])
    ax.set_xlabel("Vecka")
    ax.set_ylim(0, 100)
    ax.set_ylabel("Index")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), frameon=False, ncol=2)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(
        fig,
        f"Linjediagram, index per vecka för {q.label}: {', '.join(table.areas)}. "
        "Veckor med för få svar saknas. Samma siffror i tabellen."
        + (" Streckade linjer: kommunens åtgärder, listade under diagrammet." if q.actions else ""),
        prefix,
    )


def _short_area(name: str) -> str:
    """ "Kommungrupp A3 Större stad" as "Kommungrupp A3": a legend or column that fits a phone."""
    match = re.match(r"(Kommungrupp [A-C]\d)\b", name)
    return match.group(1) if match else name


# ---------------------------------------------------------------------------------- views


def _table(
    id: str,
    caption: str,
    head: str,
    areas: Sequence[str],
    rows: Iterable[FigureRow],
    label: Any = str,
    order: Sequence[str] | None = None,
) -> Table:
    """Rows keyed by their breakdown value under one column per area (in ``areas``' order)."""
    by_value: dict[str, dict[str, FigureRow]] = defaultdict(dict)
    names: list[str] = []
    for r in rows:
        by_value[r.value][r.area] = r
    for values in by_value.values():
        for r in values.values():
            if r.area_name not in names:
                names.append(r.area_name)
    keys = [v for v in (order or sorted(by_value)) if v in by_value]
    series = [Series(v, label(v), [by_value[v].get(a) for a in areas]) for v in keys]
    columns = [
        _short_area(
            next((r.area_name for v in by_value.values() for r in v.values() if r.area == a), a)
        )
        for a in areas
    ]
    return Table(id, caption, head, columns, series)


def _focus_areas(figures: Figures, tenant: str | None) -> list[str]:
    """The columns of the comparisons: the municipality, its kommungrupp and the nation (or,
    in the national report, the nation)."""
    if not tenant:
        return [RIKET_AREA]
    group = next((r.kommungrupp for r in figures.rows if r.area == tenant), None)
    if group is None:
        group = next((p.kommungrupp for p in figures.participation if p.area == tenant), None)
    return [tenant] + ([f"KG-{group}"] if group else []) + [RIKET_AREA]


def _campaign_title(
    rows: Sequence[FigureRow | ParticipationRow], campaign: str, short: bool = False
) -> str:
    """ "Våren 2026 (1 mars 2026–30 april 2026)", or short "Våren 2026 (1/3–30/4 2026)"."""
    r = rows[0] if rows else None
    if r is None or not r.campaign_start or not r.campaign_end:
        return r.campaign_name if r else campaign
    start, end = date.fromisoformat(r.campaign_start), date.fromisoformat(r.campaign_end)
    if short:
        return f"{r.campaign_name} ({start.day}/{start.month}–{end.day}/{end.month} {end.year})"
    return f"{r.campaign_name} ({swedish_day(start)}–{swedish_day(end)})"


def _own_questions(
    rows: Sequence[FigureRow], tenant: str, channel: str, labels: Mapping[str, str]
) -> list[OwnQuestion]:
    national = set(totals.national_questions(Channel(channel))) | {ERRAND_QUESTION}
    out: dict[str, OwnQuestion] = {}
    for r in rows:
        if r.area != tenant or r.channel != channel or r.question in national:
            continue
        if r.breakdown == TOTAL:
            q = out.setdefault(
                r.question, OwnQuestion(r.question, labels.get(r.question, r.question), "scale")
            )
            q.total = r
        elif r.breakdown == OPTION:
            q = out.setdefault(
                r.question, OwnQuestion(r.question, labels.get(r.question, r.question), "choice")
            )
            q.options.append((labels.get(f"{r.question}:{r.value}", r.value), r))
    order = {key: i for i, key in enumerate(labels)}  # the options as the municipality lists them
    for q in out.values():
        q.options.sort(key=lambda o: order.get(f"{q.id}:{o[1].value}", len(order)))
    return list(out.values())


def _comment_releases(
    comments: Iterable[Comment], labels: Mapping[str, str]
) -> list[CommentRelease]:
    """Per release day (newest first), and within it per errand where the batch's rules
    attached one (``figures.Comment.errand`` is empty otherwise)."""
    by_day: dict[str, dict[str, list[Comment]]] = defaultdict(lambda: defaultdict(list))
    for c in comments:
        by_day[c.released_on][c.errand].append(c)
    out = []
    for day in sorted(by_day, reverse=True):
        groups = by_day[day]
        named = sorted((e for e in groups if e), key=lambda e: labels.get(e, e))
        listed = [CommentGroup(labels.get(e, e), groups[e]) for e in named]
        if "" in groups:
            listed.append(CommentGroup("", groups[""]))
        label = swedish_day(date.fromisoformat(day)) if day else "okänt datum"
        out.append(CommentRelease(day, label, listed))
    return out


def _latest_week(
    latest: str | None, rows: Sequence[FigureRow], area: str, today: date, labels: Mapping[str, str]
) -> LatestWeek | None:
    """The last week of contact days that has ended (before ``today``'s week) with a published
    row of ``area``, each national question's index in it and in the week before, and whether
    the change is real."""
    if latest is None:
        return None
    weekly = {
        (r.channel, r.question, r.value): r
        for r in rows
        if r.campaign == latest and r.breakdown == WEEK and r.area == area
    }
    current = totals.iso_week(today)
    ended = sorted({week for _, _, week in weekly if week < current})
    if not ended:
        return None
    week = ended[-1]
    year, number = (int(x) for x in week.split("-W"))
    before = totals.iso_week(date.fromisocalendar(year, number, 1) - timedelta(days=7))
    channels = []
    for channel in ("sms", "email"):
        lines = []
        for question in totals.national_questions(Channel(channel)):
            now, then = (
                weekly.get((channel, question, week)),
                weekly.get((channel, question, before)),
            )
            if now is None and then is None:
                continue
            lines.append(
                WeekLine(
                    labels.get(question, question),
                    SHORT_QUESTIONS.get(question, labels.get(question, question)),
                    now,
                    then,
                    headline.between_periods(now, then),
                )
            )
        if lines:
            channels.append((CHANNEL_NAMES[channel], lines))
    return LatestWeek(week, week_label(week), week_label(before), channels)


def _headlines(
    rows: Sequence[FigureRow],
    campaigns: Sequence[str],
    focus: Sequence[str],
    titles: Mapping[str, str],
    labels: Mapping[str, str],
) -> list[ChannelHeadlines]:
    """Per channel and national question: the first area's campaign-to-date index beside the
    others in ``focus`` (Welch's verdict) and its own previous campaign (the intervals')."""
    if not campaigns:
        return []
    latest, previous = campaigns[0], (campaigns[1] if len(campaigns) > 1 else None)
    totals_of = {
        (r.campaign, r.channel, r.question, r.area): r for r in rows if r.breakdown == TOTAL
    }
    own, others = focus[0], focus[1:]
    out = []
    for channel in ("sms", "email"):
        lines = []
        for question in totals.national_questions(Channel(channel)):
            mine = totals_of.get((latest, channel, question, own))
            if mine is None:
                continue
            comparisons = []
            for area in others:
                theirs = totals_of.get((latest, channel, question, area))
                kind = "riket" if area == RIKET_AREA else "group"
                name = theirs.area_name if theirs else area
                comparisons.append(headline.Comparison(name, theirs, headline.against(mine, kind)))
            if previous is not None:
                before = totals_of.get((previous, channel, question, own))
                comparisons.append(
                    headline.Comparison(
                        f"Förra mätperioden ({before.campaign_name if before else previous})",
                        before,
                        headline.between_periods(mine, before),
                    )
                )
            lines.append(
                Headline(
                    question,
                    labels.get(question, question),
                    SHORT_QUESTIONS.get(question, labels.get(question, question)),
                    mine,
                    comparisons,
                    _rank(mine),
                )
            )
        if lines:
            out.append(ChannelHeadlines(channel, CHANNEL_NAMES[channel], lines))
    return out


def _rank(r: FigureRow) -> str:
    if r.scope != KOMMUN or r.suppressed:
        return ""
    if r.comparable and r.rank:
        return f"Plats {r.rank} av {r.rank_of} kommuner i riket."
    return (
        f"Ingen placering i riket ännu: den kräver minst {NATIONAL_COMPARISON_MINIMUM} svar "
        "i kanalen under mätperioden."
    )


def _errand_order(rows: Iterable[FigureRow], area: str) -> list[str]:
    """Errand kinds by their published number of answers in ``area``, most first; hidden and
    unknown volumes last (alphabetically), the unknown errand at the very end."""
    counts: dict[str, float] = {}
    for r in rows:
        if r.area == area and r.breakdown == OPTION and r.question == ERRAND_QUESTION:
            counts[r.value] = -1.0 if r.suppressed or r.n is None else float(r.n)
    known = {r.value for r in rows if r.breakdown in (OPTION, ERRAND)}
    return sorted(
        known,
        key=lambda e: (e == totals.UNKNOWN_ERRAND, -counts.get(e, -1.0), e),
    )


def _errand_lines(
    shares: Sequence[FigureRow],
    questions: Sequence[QuestionView],
    area: str,
    order: Sequence[str],
    labels: Mapping[str, str],
) -> list[ErrandLine]:
    share_of = {r.value: r for r in shares if r.area == area}
    index_of = [
        {c.value: c for s in q.errands.rows for c in s.cells if c is not None and c.area == area}
        for q in questions
    ]
    out = []
    for errand in order:
        cells = [found.get(errand) for found in index_of]
        share = share_of.get(errand)
        if not any(cells) and (share is None or share.suppressed or not share.n):
            continue  # nothing to say about it: no index, and no answers or no share either
        out.append(ErrandLine(errand, labels.get(errand, errand), share, cells))
    return out


def _response_rates(
    participation: Sequence[ParticipationRow],
    areas: Sequence[str],
    order: Sequence[str],
    titles: Mapping[str, str],
) -> list[tuple[str, Table]]:
    """The response rate per campaign (oldest first) beside the group and the nation."""
    out = []
    for channel in ("sms", "email"):
        rows = [p for p in participation if p.channel == channel and p.area in areas]
        if not rows:
            continue
        by_campaign: dict[str, dict[str, ParticipationRow]] = defaultdict(dict)
        names: dict[str, str] = {}
        for p in rows:
            by_campaign[p.campaign][p.area] = p
            names.setdefault(p.area, _short_area(p.area_name))
        series = [
            Series(c, titles.get(c, c), [by_campaign[c].get(a) for a in areas])
            for c in order
            if c in by_campaign
        ]
        out.append(
            (
                CHANNEL_NAMES[channel],
                Table(
                    f"svarsfrekvens-{channel}",
                    f"Svarsfrekvens per mätperiod, {CHANNEL_SHORT[channel]}",
                    "Mätperiod",
                    [names.get(a, a) for a in areas],
                    series,
                ),
            )
        )
    return out


def _downloads(
    figures: Figures, areas: Sequence[str], tenant: str | None, labels: Mapping[str, str]
) -> list[Download]:
    rows = download.table(figures, areas, labels)
    stem = f"servicematning-{tenant or 'riket'}-siffror"
    return [
        Download("Som CSV", f"{stem}.csv", "text/csv;charset=utf-8", download.to_csv(rows)),
        Download(
            "Som Excel-fil",
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            download.to_xlsx(rows),
        ),
    ]


def _over_campaigns(
    rows: Sequence[FigureRow],
    areas: Sequence[str],
    order: Sequence[str],
    titles: Mapping[str, str],
    labels: Mapping[str, str],
) -> list[tuple[str, list[tuple[str, Table]]]]:
    out = []
    for channel in ("sms", "email"):
        tables = []
        for question in totals.national_questions(Channel(channel)):
            these = [
                FigureRow(**(r.record() | {"value": r.campaign}))
                for r in rows
                if (r.channel, r.question, r.breakdown) == (channel, question, TOTAL)
                and r.area in areas
            ]
            if not these:
                continue
            tables.append(
                (
                    labels.get(question, question),
                    _table(
                        f"perioder-{channel}-{slug(question)}",
                        f"Index per mätperiod, {labels.get(question, question)} "
                        f"({CHANNEL_SHORT[channel]})",
                        "Mätperiod",
                        areas,
                        these,
                        label=lambda c: titles.get(c, c),
                        order=order,
                    ),
                )
            )
        if tables:
            out.append((CHANNEL_NAMES[channel], tables))
    return out


def build(
    figures: Figures,
    tenant: str | None = None,
    labels: Mapping[str, str] | None = None,
    charts: bool = True,
    today: date | None = None,
    themes: Iterable[Mapping[str, Any]] = (),
    actions: Iterable[Mapping[str, Any]] = (),
) -> Report:
    """The report's content for one municipality (with its comments and their themes, and the
    actions it recorded, ``shared.platform.actions.actions_for``) or the national view."""
    labels = labels or {}
    marks = _action_marks(actions, labels) if tenant else []
    today = today or datetime.now(STOCKHOLM_TZ).date()
    focus = _focus_areas(figures, tenant)
    shown_areas = set(focus)
    if not tenant:  # the national view: the nation and every kommungrupp, never a comment
        shown_areas |= {r.area for r in figures.rows if r.scope == KOMMUNGRUPP}
    rows = [r for r in figures.rows if r.area in shown_areas]
    participation = [p for p in figures.participation if p.area in shown_areas]
    cells: dict[tuple[str, str, str], list[FigureRow]] = defaultdict(list)
    for r in rows:
        cells[(r.campaign, r.channel, r.question)].append(r)
    by_campaign: dict[str, list[FigureRow | ParticipationRow]] = defaultdict(list)
    everything: list[FigureRow | ParticipationRow] = [*rows, *participation]
    for x in everything:
        by_campaign[x.campaign].append(x)
    starts = {
        c: min((x.campaign_start or "" for x in xs), default="") for c, xs in by_campaign.items()
    }
    campaigns = sorted(by_campaign, key=lambda c: (starts[c], c), reverse=True)
    titles, short_titles = {}, {}
    for c in campaigns:
        mine = [x for x in by_campaign[c] if x.area == focus[0]] or by_campaign[c]
        titles[c] = _campaign_title(mine, c)
        short_titles[c] = _campaign_title(mine, c, short=True)
    names_only = {  # a campaign by its name alone: a row heading that fits a phone
        c: next((x.campaign_name for x in by_campaign[c] if x.area == focus[0]), c)
        for c in campaigns
    }
    names = {r.area: r.area_name for r in rows} | {p.area: p.area_name for p in participation}
    views = []
    for campaign in campaigns:
        anchor = slug(campaign)
        channel_views = []
        for channel in ("sms", "email"):
            errand_order = _errand_order(
                [r for r in rows if (r.campaign, r.channel) == (campaign, channel)], focus[0]
            )
            view = ChannelView(
                channel,
                CHANNEL_NAMES.get(channel, channel),
                f"{anchor}-{channel}",
                sorted(
                    (p for p in participation if (p.campaign, p.channel) == (campaign, channel)),
                    key=lambda p: (SCOPE_ORDER[p.scope], p.area),
                ),
            )
            for question in totals.national_questions(Channel(channel)):
                question_rows = cells.get((campaign, channel, question), [])
                if not question_rows:
                    continue
                label = labels.get(question, question)
                qa = f"{view.anchor}-{slug(question)}"
                q = QuestionView(
                    question,
                    label,
                    _table(
                        f"{qa}-vecka",
                        f"Index per vecka (kontaktdag), {label}",
                        "Vecka",
                        focus,
                        (r for r in question_rows if r.breakdown == WEEK),
                        label=short_week,
                    ),
                    _table(
                        f"{qa}-manad",
                        f"Index per månad (kontaktdag), {label}",
                        "Månad",
                        focus,
                        (r for r in question_rows if r.breakdown == MONTH),
                        label=month_label,
                    ),
                    _table(
                        f"{qa}-arende",
                        f"Index per ärendekategori, {label}",
                        "Ärendekategori",
                        focus,
                        (r for r in question_rows if r.breakdown == ERRAND),
                        label=lambda e: labels.get(e, e),
                        order=errand_order,
                    ),
                )
                if campaign == campaigns[0]:  # an action is marked where it began
                    weeks = {s.value for s in q.weeks.rows}
                    q.actions = [
                        m for m in marks if m.week in weeks and m.question in (None, question)
                    ]
                if charts and campaign == campaigns[0]:  # earlier campaigns: their totals
                    q.trend = _trend(q, f"{qa}-linjer")
                view.questions.append(q)
                if tenant is None:
                    view.municipalities += sorted(
                        (
                            r
                            for r in figures.rows
                            if (r.campaign, r.channel, r.question) == (campaign, channel, question)
                            and r.scope == KOMMUN
                            and r.breakdown == TOTAL
                        ),
                        key=lambda r: (r.suppressed, r.rank is None, -(r.index or 0), r.area_name),
                    )
            errand_rows = [
                r
                for r in cells.get((campaign, channel, ERRAND_QUESTION), [])
                if r.breakdown == OPTION
            ]
            if errand_rows:
                view.errand_shares = _table(
                    f"{view.anchor}-arendefordelning",
                    f"Ärendekategoriernas andel av svaren ({CHANNEL_SHORT[channel]})",
                    "Ärendekategori",
                    focus,
                    errand_rows,
                    label=lambda e: labels.get(e, e),
                    order=errand_order,
                )
            view.errands = _errand_lines(
                errand_rows, view.questions, focus[0], errand_order, labels
            )
            if tenant:
                view.own = _own_questions(
                    [r for r in rows if r.campaign == campaign], tenant, channel, labels
                )
            if view.participation or view.questions:
                channel_views.append(view)
        comments = [c for c in figures.comments.get(tenant or "", []) if c.campaign == campaign]
        views.append(
            CampaignView(
                campaign,
                titles[campaign],
                anchor,
                channel_views,
                _comment_releases(comments, labels) if tenant else [],
                starts[campaign] or None,
            )
        )
    title_area = names.get(tenant, tenant) if tenant else "Riket"
    return Report(
        title=f"Servicemätning – {title_area}",
        tenant=tenant,
        generated_at="",
        areas=[names.get(a, a) for a in focus],
        campaigns=views,
        latest_week=_latest_week(
            campaigns[0] if campaigns else None, rows, focus[0], today, labels
        ),
        over_campaigns=_over_campaigns(rows, focus, campaigns[::-1], short_titles, labels),
        headlines=_headlines(rows, campaigns, focus, titles, labels),
        response_rates=_response_rates(participation, focus, campaigns[::-1], names_only),
        downloads=_downloads(figures, focus if tenant else sorted(shown_areas), tenant, labels),
        themes=_themes(themes, tenant),
        actions=marks,
    )


def _themes(rows: Iterable[Mapping[str, Any]], tenant: str | None) -> Markup:
    """The comment themes' section for a municipality ("" for the nation, or before any batch)."""
    if not tenant:
        return Markup("")
    # the section escapes every text it holds itself (shared.results.themes.view)
    return Markup(theme_view.report_section(rows, tenant))  # noqa: S704


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v, d=1: "" if v is None else f"{v:.{d}f}".replace(".", ",")
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+.1f}".replace(".", ",")
    return env


def _action_marks(
    actions: Iterable[Mapping[str, Any]], labels: Mapping[str, str]
) -> list[ActionMark]:
    marks = []
    for number, action in enumerate(actions, 1):
        day = date.fromisoformat(str(action["day"]))
        year, week, _ = day.isocalendar()
        answers = str(action.get("answers") or "")
        text = action.get("text") or {}
        marks.append(
            ActionMark(
                number,
                swedish_day(day),
                f"{year}-W{week:02d}",
                str(text.get("sv", "")) if isinstance(text, Mapping) else str(text),
                labels.get(answers, answers),
                action.get("question"),
            )
        )
    return marks


def swedish_time(moment: datetime) -> str:
    """A moment as Swedish readers read it: Swedish time, with its zone's name (CET/CEST)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(STOCKHOLM_TZ)
    return f"{swedish_day(local.date())} kl. {local:%H:%M} (svensk tid)"


def render(
    figures: Figures,
    tenant: str | None = None,
    labels: Mapping[str, str] | None = None,
    charts: bool = True,
    generated_at: datetime | None = None,
    themes: Iterable[Mapping[str, Any]] = (),
    actions: Iterable[Mapping[str, Any]] = (),
) -> str:
    moment = generated_at or datetime.now(UTC)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    labels = labels_of(None) | dict(labels or {})
    today = moment.astimezone(STOCKHOLM_TZ).date()
    content = build(figures, tenant, labels, charts, today=today, themes=themes, actions=actions)
    content.generated_at = swedish_time(moment)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=content,
            title=content.title,
            tenant=tenant,
            labels=labels,
            channel_names=CHANNEL_SHORT,
        )
    )
