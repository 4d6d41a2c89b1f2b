"""`make faults` with small numbers: the program runs every load and fault scenario against the
moto server and the local survey server on loopback, prints its table and exits 0 only when
everything held."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

SCENARIOS = (
    "1 residents",
    "2 sending",
    "3 dynamodb: dispatch",
    "3 dynamodb: purge",
    "3 dynamodb: ingest",
    "3 dynamodb: survey",
    "3 dynamodb: results",
    "4 bad files",
    "5 flood",
    "all: logs",
)


def test_every_fault_scenario_holds(tmp_path: Path) -> None:
    command = ["-m", "local.faults", "--residents", "10", "--time-limit", "90"]
    done = subprocess.run(
        [sys.executable, *command, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )

    rows = [line.split(" | ") for line in done.stdout.splitlines() if line.startswith("| ")]
    table = {tuple(r[:2]): r[2] for r in rows[2:]}  # (scenario, tried) → held
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert {scenario.lstrip("| ") for scenario, _ in table} == set(SCENARIOS)
    assert set(table.values()) == {"yes"}
    assert "10 residents at once" in done.stdout
    # the flood's row says what it measures locally (the handler, not WAF)
    flood = next(line for line in done.stdout.splitlines() if line.startswith("| 5 flood"))
    assert "no WAF locally" in flood
    assert "10/10 got form and thank-you page" in flood
    assert (tmp_path / "functions.log").stat().st_size > 0
