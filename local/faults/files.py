"""Scenario 4: bad files in one SQS batch with good ones."""

from __future__ import annotations

import io
import zipfile

from local.demo import (
    SAMPLES,
    fresh_sample,
)
from local.faults.dynamodb import _draw, _ingest, _report_for, _reset_draw, _sqs, _upload
from local.faults.harness import BATCH_TENANT, GOOD_FILES, Context, Emulated


def xlsx_bytes() -> bytes:
    """A small Office Open XML workbook (a zip), as a spreadsheet program saves one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/></Types>',
        )
        book.writestr(
            "xl/workbook.xml", "<workbook><sheets><sheet name='Blad1'/></sheets></workbook>"
        )
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buffer.getvalue()


def bad_files(ctx: Context, seen: Emulated) -> None:
    files = {
        "bra-1.csv": fresh_sample(SAMPLES / GOOD_FILES[0], ctx.today),
        "kontakter.csv": xlsx_bytes(),  # an .xlsx renamed .csv
        "bra-2.csv": fresh_sample(SAMPLES / GOOD_FILES[1], ctx.today),
        "tom.csv": b"",
    }
    event = _sqs(*(_upload(seen, f"inbox/{BATCH_TENANT}/{n}", b) for n, b in files.items()))
    result = _ingest(event)
    _reset_draw(seen, BATCH_TENANT, ctx.today)
    _draw(ctx)
    reports = {n: _report_for(seen, BATCH_TENANT, n) for n in files}
    outcomes = {
        n: (r[0].get("outcome"), r[0].get("error")) if r else (None, None)
        for n, r in reports.items()
    }
    good = [n for n in files if n.startswith("bra")]
    bad = [n for n in files if n not in good]
    contacts = len(seen.contacts(BATCH_TENANT))
    accepted = sum(int(reports[n][0].get("accepted", 0)) for n in good if reports[n])
    ctx.check(
        "4 bad files",
        "one SQS batch: 2 good files, an .xlsx renamed .csv and an empty file",
        result["batchItemFailures"] == []
        and all(outcomes[n][0] == "ingested" for n in good)
        and all(outcomes[n][0] == "file_error" for n in bad)
        and 0 < contacts <= accepted  # drawn from the accepted (the report never says how many)
        and not seen.keys("DATA_BUCKET", f"inbox/{BATCH_TENANT}/"),
        "; ".join(
            f"{n}: {o[0] or 'no report'}{f' ({o[1]})' if o[1] else ''}" for n, o in outcomes.items()
        )
        + f"; {contacts} contacts stored, batch failures {len(result['batchItemFailures'])}",
    )
