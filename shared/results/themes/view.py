"""The report's comment-themes section: one self-contained HTML fragment, ready to be placed.

``report_section(rows, kommunkod)`` takes a campaign's share rows (``shares.rows``, or the
records of ``aggregates/themes/{campaign}.jsonl``) and returns a ``<section>``: one table per
campaign, a row per theme with the municipality's share and tone beside its kommungrupp's and
the nation's. A suppressed group or nation shows "för få kommuner" (too few municipalities),
never a number. Every text is escaped; no script, no style beyond a class name (each table
in a ``scroll`` region a keyboard can scroll, as the report's wide tables), so it drops
into the report's page (shared/cli/report_page.py, being redesigned) as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from shared.results.figures import KOMMUN, KOMMUNGRUPP, RIKET
from shared.results.themes import THEMES, TONES

ALL = "alla"
TOO_FEW = "för få kommuner"


def _as_record(row: Any) -> Mapping[str, Any]:
    return row if isinstance(row, Mapping) else row.record()


def _cell(record: Mapping[str, Any] | None) -> str:
    if record is None:
        return "<td>–</td>"
    if record["suppressed"]:
        return f"<td>{TOO_FEW}</td>"
    share = f"{record['share']:.0f} %".replace(".", ",")
    tones = " / ".join(str(record[t]) for t in TONES)
    return f'<td>{share} <span class="ton">({escape(tones)})</span></td>'


def report_section(rows: Iterable[Any], kommunkod: str) -> str:
    """The municipality's comment themes beside its kommungrupp and the nation (HTML)."""
    records = [_as_record(r) for r in rows]
    own = [r for r in records if r["scope"] == KOMMUN and r["area"] == kommunkod]
    if not own:
        return ""
    group = own[0]["kommungrupp"]
    parts = [
        '<section class="kommentarsteman">',
        "<h2>Vad kommentarerna handlar om</h2>",
        "<p>Andel av de släppta kommentarerna som tar upp varje tema (en kommentar kan ta upp "
        "flera), och tonen inom temat (positiv / neutral / negativ). Räknat bara på kommentarer "
        "som redan släppts.</p>",
    ]
    for campaign in sorted({r["campaign"] for r in own}):
        mine = {r["theme"]: r for r in own if r["campaign"] == campaign}
        theirs: dict[tuple[str, str], Mapping[str, Any]] = {
            (r["scope"], r["theme"]): r
            for r in records
            if r["campaign"] == campaign
            and ((r["scope"] == KOMMUNGRUPP and r["kommungrupp"] == group) or r["scope"] == RIKET)
        }
        total = mine[ALL]
        caption = f"teman-{escape(campaign)}-cap"
        parts += [
            # a table wider than a phone scrolls in its own named region (the report's .scroll)
            f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{caption}">',
            "<table>",
            f'<caption id="{caption}">{escape(str(total["campaign_name"]))}: '
            f"{total['comments']} släppta kommentarer</caption>",
            '<thead><tr><th scope="col">Tema</th>'
            f'<th scope="col">{escape(str(total["area_name"]))}</th>'
            f'<th scope="col">Kommungrupp {escape(group)}</th>'
            '<th scope="col">Riket</th></tr></thead>',
            "<tbody>",
        ]
        for theme in (*THEMES, ALL):
            record = mine.get(theme)
            if record is None:
                continue
            parts.append(
                f'<tr><th scope="row">{escape(str(record["theme_name"]))}</th>'
                f"{_cell(record)}{_cell(theirs.get((KOMMUNGRUPP, theme)))}"
                f"{_cell(theirs.get((RIKET, theme)))}</tr>"
            )
        parts += ["</tbody>", "</table>", "</div>"]
    parts.append("</section>")
    return "\n".join(parts)
