"""Run every benchmark in bench/ and write bench/results.md.

Each benchmark is a module ``bench/<name>.py`` with ``main() -> dict`` returning
``{"name": str, "metrics": [{"metric": str, "value": str, "target": str, "ok": bool | None}]}``.
Ratios are against a baseline measured in the same run, so results compare across machines.
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _benchmarks(only: set[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if not m.name.startswith("_"))
    return [n for n in names if not only or n in only]


def main(argv: list[str]) -> int:
    lines = [
        "# Benchmarks",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on Python {platform.python_version()}, "
        f"{platform.machine()}. Rerun with `make bench`.",
        "",
    ]
    failed = False
    for name in _benchmarks(set(argv)):
        print(f"running bench/{name}.py ...", flush=True)
        result = importlib.import_module(f"bench.{name}").main()
        lines += [f"## {result['name']}", "", "| metric | value | target | met |"]
        lines.append("|---|---|---|---|")
        for m in result["metrics"]:
            met = {True: "yes", False: "NO", None: ""}[m.get("ok")]
            failed |= m.get("ok") is False
            lines.append(f"| {m['metric']} | {m['value']} | {m.get('target', '')} | {met} |")
        lines.append("")
    (HERE / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
