"""Run the benchmarks in bench/ and write their sections of bench/results.md.

Each benchmark is a module ``bench/<name>.py`` with ``main() -> dict`` returning
``{"name": str, "metrics": [{"metric": str, "value": str, "target": str, "ok": bool | None}]}``
and, optionally, ``"tables": [markdown]`` printed under its metrics. A module whose ``main``
takes ``full`` gets ``--full`` (its long run). Ratios are against a baseline measured in the
same run, so results compare across machines.

    python -m bench                    # every benchmark
    python -m bench results privacy    # only these: the other sections of results.md are kept
    python -m bench --full privacy     # the long run of those that have one
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
MARK = "<!-- bench/{name}.py -->"


def _benchmarks(only: set[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if not m.name.startswith("_"))
    return [n for n in names if not only or n in only]


def section(name: str, result: dict[str, Any]) -> tuple[list[str], bool]:
    """A benchmark's section of results.md, and whether a target was missed."""
    when = f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on Python {platform.python_version()}."
    lines = [f"## {result['name']}", MARK.format(name=name), "", when, ""]
    lines += ["| metric | value | target | met |", "|---|---|---|---|"]
    failed = False
    for m in result["metrics"]:
        met = {True: "yes", False: "NO", None: ""}[m.get("ok")]
        failed |= m.get("ok") is False
        lines.append(f"| {m['metric']} | {m['value']} | {m.get('target', '')} | {met} |")
    lines.append("")
    for table in result.get("tables", []):
        lines += [table, ""]
    return lines, failed


def _existing() -> dict[str, list[str]]:
    """The sections of the current results.md by benchmark module (a section written before
    the marks existed is matched by the ``bench/<name>.py`` its heading names, else kept as
    its heading)."""
    if not RESULTS.exists():
        return {}
    out: dict[str, list[str]] = {}
    for chunk in re.split(r"(?m)^(?=## )", RESULTS.read_text(encoding="utf-8"))[1:]:
        lines = [*chunk.rstrip("\n").split("\n"), ""]
        mark = re.search(r"<!-- bench/(\w+)\.py -->", chunk) or re.search(
            r"\(bench/(\w+)(?:\.py|/)", lines[0]
        )
        out[mark.group(1) if mark else lines[0]] = lines
    return out


def write_sections(results: dict[str, dict[str, Any]], keep: bool = True) -> bool:
    """Replace the sections of ``results`` (by module name) in results.md, keep the others in
    order (unless ``keep`` is false: a run of every benchmark writes the file anew); returns
    whether a target was missed."""
    sections = _existing() if keep else {}
    failed = False
    for name, result in results.items():
        sections.pop(f"## {result['name']}", None)  # written before the marks existed
        sections[name], missed = section(name, result)
        failed |= missed
    header = [
        "# Benchmarks",
        "",
        f"Measured on {platform.machine()}; each section says when. Rerun with `make bench` "
        "(one section: `python -m bench <name>`; the long runs: `python -m bench --full <name>`).",
        "",
    ]
    body = [line for lines in sections.values() for line in lines]
    RESULTS.write_text("\n".join(header + body), encoding="utf-8")
    return failed


def main(argv: list[str]) -> int:
    full = "--full" in argv
    only = {a for a in argv if not a.startswith("--")}
    names = _benchmarks(only)
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"running bench/{name}.py ...", flush=True)
        run = importlib.import_module(f"bench.{name}").main
        takes_full = "full" in inspect.signature(run).parameters
        results[name] = run(full=full) if takes_full else run()
        print("\n".join(section(name, results[name])[0]), flush=True)
    return 1 if write_sections(results, keep=bool(only)) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
