"""``make cost``: what running Servicemätning costs a municipality in a year, from measured usage.

    python -m bench.cost [--days 3] [--rows 1000] [--no-docs]

Runs the real flow on the emulator (bench/cost/measure.py), turns what it counted into usage
per activity (derive.py), scales it by a municipality's year and by the number of
municipalities (model.py), prices it from ``prices-eu-north-1.toml`` (prices.py) and writes
bench/cost.md and the short table in README.md and docs/deploy.md (report.py).

``main()`` also serves ``make bench`` (bench/__main__.py runs every module of bench/).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "bench" / "cost.md"
DOCS = ((ROOT / "README.md", ""), (ROOT / "docs" / "deploy.md", "../"))


def build(days: int = 3, rows: int = 1000) -> tuple[Any, Any, Any, dict[str, Any]]:
    from bench.cost.derive import profile_from_config, to_measured
    from bench.cost.measure import measure
    from bench.cost.prices import load_prices

    started = time.perf_counter()
    profile, notes = profile_from_config()
    raw = measure(days=days, rows=rows, profile=profile)
    prices = load_prices()
    measured = to_measured(raw, profile, prices.get("cloudwatch_custom_metric").usd)
    measured.facts["campaigns_from"] = notes[0]
    measured.facts["invitations_from"] = notes[1]
    meta = {
        "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "seconds": time.perf_counter() - started,
    }
    return measured, profile, prices, meta


def write(measured: Any, profile: Any, prices: Any, meta: dict[str, Any], docs: bool) -> None:
    from bench.cost.report import render, short_section, update_docs

    OUTPUT.write_text(render(measured, profile, prices, meta), encoding="utf-8")
    if docs:
        update_docs(DOCS, short_section(measured, profile, prices))


def main() -> dict[str, Any]:
    """For ``make bench``: the goal at 290 municipalities as metrics (and bench/cost.md)."""
    from bench.cost.model import bill
    from bench.cost.report import GOAL_SHARE

    measured, profile, prices, meta = build()
    write(measured, profile, prices, meta, docs=False)
    metrics = []
    for years in (profile.history_years_today, profile.history_years_later):
        b = bill(measured, profile, 290, years, prices)
        value = b.sek_per_municipality(b.everything_else)
        goal = prices.fee_sek * GOAL_SHARE
        metrics.append(
            {
                "metric": "everything but SMS and QuickSight, SEK per municipality and year at "
                f"290 municipalities, {years:g} years of history (unconfirmed prices: "
                "bench/cost.md)",
                "value": f"{value:.0f}",
                "target": f"≤ {goal:.0f}",
                "ok": value <= goal,
            }
        )
    return {
        "name": "Cost per municipality and year (bench/cost/, details in bench/cost.md)",
        "metrics": metrics,
    }


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make cost", description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3, help="municipality-days to run (default 3)")
    parser.add_argument("--rows", type=int, default=1000, help="contacts per daily file")
    parser.add_argument("--no-docs", action="store_true", help="leave README and docs as they are")
    args = parser.parse_args(argv)
    measured, profile, prices, meta = build(args.days, args.rows)
    write(measured, profile, prices, meta, docs=not args.no_docs)
    from bench.cost.report import goals, summary_table

    print("\n".join(summary_table(measured, profile, prices)))
    lines, _ = goals(measured, profile, prices)
    print("\n".join(lines))
    print(f"\nwritten: {OUTPUT.relative_to(ROOT)} ({meta['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
