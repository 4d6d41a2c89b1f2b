"""The self-contained HTML report: the same rows as the export, as tables and charts.

Charts are drawn with matplotlib (imported only here: the report is an operator command, not
part of the Lambda asset) and inlined as SVG, each beside a table with the same numbers, so
the page needs no network and a screen reader gets every figure. A suppressed cell shows
"färre än N svar" and never its n, index or distribution.
"""

from __future__ import annotations

import functools
import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from shared.results.figures import (
    ERRAND,
    KOMMUN,
    KOMMUNGRUPP,
    RIKET,
    WEEK,
    Comment,
    FigureRow,
    Figures,
    ParticipationRow,
)
from shared.results.figures import TOTAL_BREAKDOWN as TOTAL

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHANNEL_NAMES = {"sms": "Telefon (sms-enkät)", "email": "E-post"}
SCOPE_ORDER = {KOMMUN: 0, KOMMUNGRUPP: 1, RIKET: 2}
COLOURS = {KOMMUN: "#1f5fa8", KOMMUNGRUPP: "#8a5a00", RIKET: "#3d3d3d"}


@dataclass
class QuestionView:
    id: str
    label: str
    totals: list[FigureRow]  # own municipality (if any), its group, the nation
    weeks: list[FigureRow]
    errands: list[FigureRow]
    bars: Markup | None = None
    trend: Markup | None = None


@dataclass
class ChannelView:
    channel: str
    name: str
    participation: list[ParticipationRow]
    questions: list[QuestionView] = field(default_factory=list)
    municipalities: list[FigureRow] = field(default_factory=list)  # national report only


@dataclass
class CampaignView:
    id: str
    channels: list[ChannelView]
    comments: list[Comment]


def _svg(fig: Any, description: str) -> Markup:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    escaped = Markup.escape(description)
    # matplotlib's own SVG output (no user input) plus an escaped description
    return Markup(text.replace("<svg ", f'<svg role="img" aria-label="{escaped}" ', 1))  # noqa: S704


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": "servicematning"}
    )
    import matplotlib.pyplot as plt

    return plt


def _bars(q: QuestionView) -> Markup | None:
    shown = [r for r in q.totals if not r.suppressed and r.index is not None]
    if not shown:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 0.5 + 0.45 * len(shown)))
    names = [r.area_name for r in shown][::-1]
    values = [r.index or 0.0 for r in shown][::-1]
    low = [(r.index or 0) - (r.ci_low if r.ci_low is not None else r.index or 0) for r in shown]
    high = [(r.ci_high if r.ci_high is not None else r.index or 0) - (r.index or 0) for r in shown]
    colours = [COLOURS[r.scope] for r in shown][::-1]
    ax.barh(names, values, color=colours, xerr=[low[::-1], high[::-1]], capsize=3)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Index 0–100 med 95 % konfidensintervall")
    ax.spines[["top", "right"]].set_visible(False)
    summary = "; ".join(f"{r.area_name} {r.index:.0f}" for r in shown if r.index is not None)
    return _svg(fig, f"Stapeldiagram, index för {q.label}: {summary}. Samma siffror i tabellen.")


def _trend(q: QuestionView, national: list[FigureRow]) -> Markup | None:
    series = {
        name: [(r.value, r.index) for r in rows if not r.suppressed and r.index is not None]
        for name, rows in (("own", q.weeks), ("riket", national))
    }
    if not any(len(points) >= 1 for points in series.values()):
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 2.4))
    weeks = sorted({week for points in series.values() for week, _ in points})
    position = {week: i for i, week in enumerate(weeks)}
    own_name = q.weeks[0].area_name if q.weeks else ""
    for key, label, colour in (("own", own_name, COLOURS[KOMMUN]), ("riket", "Riket", "#3d3d3d")):
        points = series[key]
        if points:
            xs = [position[week] for week, _ in points]
            ax.plot(xs, [value for _, value in points], marker="o", label=label, color=colour)
    ax.set_xticks(range(len(weeks)), weeks)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Index")
    ax.legend(loc="lower right", frameon=False)
    ax.tick_params(axis="x", labelrotation=45)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, f"Linjediagram, index per vecka för {q.label}. Samma siffror i tabellen.")


def build(
    figures: Figures,
    tenant: str | None = None,
    labels: Mapping[str, str] | None = None,
    charts: bool = True,
) -> list[CampaignView]:
    """The report's content for one municipality (with its comments) or the national view."""
    labels = labels or {}
    areas: set[str]
    if tenant:
        own = [r for r in figures.rows if r.area == tenant]
        areas = {tenant, "riket"} | ({f"KG-{own[0].kommungrupp}"} if own else set())
    else:  # the national view: the nation and every kommungrupp, never a comment
        areas = {"riket"} | {r.area for r in figures.rows if r.scope == KOMMUNGRUPP}
    rows = [r for r in figures.rows if r.area in areas]
    cells: dict[tuple[str, str, str], list[FigureRow]] = defaultdict(list)
    for r in rows:
        cells[(r.campaign, r.channel, r.question)].append(r)
    participation = [p for p in figures.participation if p.area in areas]
    campaigns = sorted({c for c, _, _ in cells} | {p.campaign for p in participation}, reverse=True)
    views = []
    for campaign in campaigns:
        channel_views = []
        for channel in ("sms", "email"):
            view = ChannelView(
                channel,
                CHANNEL_NAMES.get(channel, channel),
                sorted(
                    (p for p in participation if (p.campaign, p.channel) == (campaign, channel)),
                    key=lambda p: SCOPE_ORDER[p.scope],
                ),
            )
            for (c, ch, question), question_rows in sorted(cells.items()):
                if (c, ch) != (campaign, channel):
                    continue
                focus = tenant or "riket"
                q = QuestionView(
                    question,
                    labels.get(question, question),
                    sorted(
                        (r for r in question_rows if r.breakdown == TOTAL),
                        key=lambda r: SCOPE_ORDER[r.scope],
                    ),
                    [r for r in question_rows if r.breakdown == WEEK and r.area == focus],
                    [r for r in question_rows if r.breakdown == ERRAND and r.area == focus],
                )
                if charts:
                    national = [
                        r for r in question_rows if r.breakdown == WEEK and r.scope == RIKET
                    ]
                    q.bars = _bars(q)
                    q.trend = _trend(q, national if tenant else [])
                view.questions.append(q)
                if tenant is None:
                    view.municipalities += sorted(
                        (
                            r
                            for r in figures.rows
                            if (r.campaign, r.channel, r.question) == (c, ch, question)
                            and r.scope == KOMMUN
                            and r.breakdown == TOTAL
                        ),
                        key=lambda r: (r.suppressed, -(r.index or 0), r.area_name),
                    )
            if view.participation or view.questions:
                channel_views.append(view)
        comments = [
            c for c in figures.comments.get(tenant or "", []) if c.campaign == campaign
        ]  # a municipality's own released comment batches only; the national view has none
        views.append(CampaignView(campaign, channel_views, comments))
    return views


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v, d=1: "" if v is None else f"{v:.{d}f}".replace(".", ",")
    return env


def render(
    figures: Figures,
    tenant: str | None = None,
    labels: Mapping[str, str] | None = None,
    charts: bool = True,
    generated_at: datetime | None = None,
) -> str:
    env = _environment()
    names = {r.area: r.area_name for r in figures.rows} | {
        p.area: p.area_name for p in figures.participation
    }
    title_area = names.get(tenant, tenant) if tenant else "Riket"
    return env.get_template("report.html.j2").render(
        title=f"Servicemätning – {title_area}",
        tenant=tenant,
        campaigns=build(figures, tenant, labels, charts),
        labels=labels or {},
        channel_names=CHANNEL_NAMES,
        generated_at=(generated_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
    )
