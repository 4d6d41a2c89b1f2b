"""The municipality's own figures to take away: the report's download, as CSV and Excel.

The same published rows as the report (``shared.results.figures``), for the municipality, its
kommungrupp and the nation: every campaign, channel, question and breakdown (total, week,
month, errand, option) and the participation, under Swedish headers. A hidden cell keeps its
row and says "för osäkert att visa" with its numbers empty, exactly as the report shows it.

Spreadsheet-safe: the CSV is what Swedish Excel opens by a double click (UTF-8 with a byte
order mark, ``;`` between fields, decimal comma), and every text field goes through
``shared.core.spreadsheet.safe_cell``; the workbook stores numbers as numbers and texts as texts
(openpyxl, imported only here: the report is an operator command, not part of a Lambda asset).
Comments are never in it. Pure: no AWS.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from shared.core.spreadsheet import safe_cell
from shared.results.figures import (
    ERRAND,
    MONTH,
    OPTION,
    TOTAL_BREAKDOWN,
    WEEK,
    FigureRow,
    Figures,
    ParticipationRow,
)

HIDDEN = "för osäkert att visa"
CHANNELS = {"sms": "Telefon (sms-enkät)", "email": "E-post"}
BREAKDOWNS = {
    TOTAL_BREAKDOWN: "Hela mätperioden",
    WEEK: "Vecka",
    MONTH: "Månad",
    ERRAND: "Ärende",
    OPTION: "Svarsalternativ",
}
HEADERS = (
    "Mätperiod",
    "Kanal",
    "Område",
    "Fråga",
    "Uppdelning",
    "Värde",
    "Antal svar",
    "Index",
    "Intervall, lägst",
    "Intervall, högst",
    "Andel (%)",
    "Inbjudningar",
    "Avböjda",
    "Svarsfrekvens (%)",
    "Anmärkning",
    "Publicerad",
)
Cell = str | int | float | None


def _figure(r: FigureRow, labels: Mapping[str, str]) -> list[Cell]:
    hidden = r.suppressed
    return [
        r.campaign_name,
        CHANNELS.get(r.channel, r.channel),
        r.area_name,
        labels.get(r.question, r.question_label or r.question),
        BREAKDOWNS.get(r.breakdown, r.breakdown),
        r.value_label,
        None if hidden else r.n,
        None if hidden else r.index,
        None if hidden else r.ci_low,
        None if hidden else r.ci_high,
        None if hidden else r.share,
        None,
        None,
        None,
        HIDDEN if hidden else "",
        r.released_on or "",
    ]


def _participation(p: ParticipationRow) -> list[Cell]:
    hidden = p.suppressed
    return [
        p.campaign_name,
        CHANNELS.get(p.channel, p.channel),
        p.area_name,
        "Deltagande",
        BREAKDOWNS[TOTAL_BREAKDOWN],
        "",
        None if hidden else p.answers,
        None,
        None,
        None,
        None,
        p.invitations,
        None if hidden else p.declines,
        None if hidden else p.response_rate,
        HIDDEN if hidden else "",
        p.released_on or "",
    ]


def table(figures: Figures, areas: Iterable[str], labels: Mapping[str, str]) -> list[list[Cell]]:
    """The rows of the download (headers excluded), participation first, in a stable order."""
    wanted = set(areas)
    order = {a: i for i, a in enumerate(areas)}
    people = sorted(
        (p for p in figures.participation if p.area in wanted),
        key=lambda p: (p.campaign_start or "", p.campaign, p.channel, order[p.area]),
    )
    rows = sorted(
        (r for r in figures.rows if r.area in wanted),
        key=lambda r: (
            r.campaign_start or "",
            r.campaign,
            r.channel,
            r.question,
            list(BREAKDOWNS).index(r.breakdown) if r.breakdown in BREAKDOWNS else 9,
            r.value,
            order[r.area],
        ),
    )
    return [_participation(p) for p in people] + [_figure(r, labels) for r in rows]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return safe_cell(value)


def to_csv(rows: Sequence[Sequence[Cell]]) -> bytes:
    """Swedish Excel's CSV: BOM, ``;``, decimal comma, CRLF; texts made spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[Sequence[Cell]], title: str = "Siffror") -> bytes:
    """An Excel workbook of the same rows: numbers as numbers, texts as (safe) text."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = title[:31]
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in row])
    for line in sheet.iter_rows(min_row=1):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever the text
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
