"""The .xlsx reader against the CSV path: the same 200,000 contacts as bench/ingest.py.

One generated day of contacts (bench/ingest.py's generator) is written twice: as Swedish
Excel's CSV (Windows-1252, ``;``, CRLF) and as an .xlsx workbook (openpyxl, the time column as
real date-time cells, the rest as text, as an export tool writes it). Both go through
``read_contacts`` (read + validate, no sampling). Also measured: python-calamine's bare load
and row iteration, openpyxl's streaming (read-only) reader over the same workbook — the
alternative the reader was chosen against — and each path's peak resident memory in a fresh
process (calamine's cells live in Rust memory, which tracemalloc does not see).

Run alone (a few minutes at most): ``.venv/bin/python -m bench.formats``.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.ingest import ENCODING, RECEIVED_AT, ROWS, generate_lines

_clock = time.process_time


def write_csv(path: Path, rows: int = ROWS) -> None:
    with path.open("w", encoding=ENCODING, newline="") as out:
        out.writelines(generate_lines(rows))


def write_xlsx(path: Path, rows: int = ROWS) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Kontakter")
    for fields in csv.reader(generate_lines(rows), delimiter=";"):
        if not fields:
            sheet.append([])
            continue
        when: object = fields[0]
        if fields[0] and fields[0][0].isdigit():
            when = datetime.strptime(fields[0], "%Y-%m-%d %H:%M")
        sheet.append([when, *fields[1:]])
    book.save(path)


def _read(path: Path) -> tuple[float, dict[str, Any]]:
    from shared.contacts import read_contacts
    from shared.core.tenants import Tenant

    started = _clock()
    with path.open("rb") as stream:
        reader = read_contacts(stream, Tenant.default(), RECEIVED_AT)
        for _contact in reader:
            pass
    return _clock() - started, reader.report.as_json(path.name)


def _bare_csv(path: Path) -> float:
    started = _clock()
    with path.open(encoding=ENCODING, newline="") as text:
        for _row in csv.reader(text, delimiter=";"):
            pass
    return _clock() - started


def _bare_calamine(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    started = _clock()
    book = CalamineWorkbook.from_path(str(path))
    for _row in book.get_sheet_by_index(0).iter_rows():
        pass
    return _clock() - started


def _openpyxl(path: Path) -> float:
    import openpyxl

    started = _clock()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _row in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return _clock() - started


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over an exec from the parent (this process,
# which has just generated the workbook), while VmHWM belongs to the new address space.
_HWM = "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
_PEAK = f"""
import sys
from pathlib import Path
from bench.formats import _read
_read(Path(sys.argv[1]))
{_HWM}
"""
_BASE = f"""
import shared.contacts, shared.core.tenants, python_calamine, bench.formats  # the same imports
{_HWM}
"""


def _peak_rss_mb(path: Path | None) -> float:
    """Peak resident memory (MB) of a fresh process that reads ``path`` (None: only imports)."""
    script, args = (_BASE, []) if path is None else (_PEAK, [str(path)])
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024  # VmHWM is in kB


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "kontakter-bench.csv"
        xlsx_path = Path(folder) / "kontakter-bench.xlsx"
        write_csv(csv_path)
        started = time.perf_counter()
        write_xlsx(xlsx_path)
        generated = time.perf_counter() - started
        sizes = csv_path.stat().st_size, xlsx_path.stat().st_size

        bare = min(_bare_csv(csv_path) for _ in range(3))
        csv_runs = [_read(csv_path) for _ in range(3)]
        xlsx_runs = [_read(xlsx_path) for _ in range(3)]
        csv_time = min(run[0] for run in csv_runs)
        xlsx_time = min(run[0] for run in xlsx_runs)
        calamine = min(_bare_calamine(xlsx_path) for _ in range(2))
        openpyxl_time = _openpyxl(xlsx_path)
        base_rss = _peak_rss_mb(None)
        csv_rss = _peak_rss_mb(csv_path)
        xlsx_rss = _peak_rss_mb(xlsx_path)

    csv_report, xlsx_report = csv_runs[0][1], xlsx_runs[0][1]
    same = all(csv_report[key] == xlsx_report[key] for key in ("rows", "accepted", "sms", "email"))
    rows = xlsx_report["rows"]
    return {
        "name": "Formats: the .xlsx reader against the CSV path (200,000 rows, read + validate)",
        "metrics": [
            {
                "metric": "files",
                "value": f"{rows} rows; CSV {sizes[0] / 1e6:.1f} MB, .xlsx {sizes[1] / 1e6:.1f} MB "
                f"(writing the .xlsx with openpyxl: {generated:.0f} s, not measured)",
                "target": "",
            },
            {
                "metric": "same contacts from both",
                "value": f"accepted {xlsx_report['accepted']} of {rows} "
                f"(sms {xlsx_report['sms']}, e-mail {xlsx_report['email']})",
                "target": "identical counts",
                "ok": same,
            },
            {"metric": "bare csv.reader (CPU time)", "value": f"{bare:.3f} s", "target": ""},
            {
                "metric": "CSV: read + validate (CPU time)",
                "value": f"{csv_time:.3f} s ({rows / csv_time:,.0f} rows/s)",
                "target": "",
            },
            {
                "metric": ".xlsx: read + validate (CPU time)",
                "value": f"{xlsx_time:.3f} s ({rows / xlsx_time:,.0f} rows/s, "
                f"{xlsx_time / csv_time:.1f}× the CSV path)",
                "target": "",
            },
            {
                "metric": ".xlsx: python-calamine load + rows alone",
                "value": f"{calamine:.3f} s",
                "target": "",
            },
            {
                "metric": ".xlsx: openpyxl read-only load + rows alone (the alternative)",
                "value": f"{openpyxl_time:.3f} s ({openpyxl_time / calamine:.0f}× calamine)",
                "target": "",
            },
            {
                "metric": "peak RSS of a fresh process: imports only / CSV / .xlsx",
                "value": f"{base_rss:.0f} / {csv_rss:.0f} / {xlsx_rss:.0f} MB",
                "target": "",
            },
        ],
    }


if __name__ == "__main__":
    for metric in main()["metrics"]:
        print(f"{metric['metric']}: {metric['value']} {metric.get('target', '')}")
