"""Every alarm of both stacks has a runbook row in docs/operations.md, and every row names
alarms that exist: an alarm nobody knows how to answer, or a row for an alarm long gone, fails.

The rows are those of the tables whose first header cell starts with "Alarm"; an alarm is named
in the first cell in backticks (text in parentheses, such as a metric's name, is not a name).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.infra.test_edge import EdgeSynth, edged  # noqa: F401 - the app with its edge stack

pytestmark = pytest.mark.xdist_group("cdk")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def runbook_names() -> set[str]:
    names: set[str] = set()
    in_alarm_table = False
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            in_alarm_table = False
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0].startswith("Alarm"):
            in_alarm_table = True
            continue
        if in_alarm_table and not set(cells[0]) <= set("-: "):
            first = re.sub(r"\([^)]*\)", "", cells[0])
            names |= set(re.findall(r"`([A-Za-z0-9]+)`", first))
    return names


def alarm_ids(app: EdgeSynth) -> set[str]:
    """Every alarm's construct id in every stack of the app (pipeline, analytics, edge)."""
    from aws_cdk import aws_cloudwatch as cloudwatch

    found = set()
    for stack in app.app.node.children:
        for construct in stack.node.find_all():
            if isinstance(construct, cloudwatch.Alarm):
                found.add(construct.node.id)
    return found


def test_every_alarm_has_a_runbook_row(edged: EdgeSynth) -> None:  # noqa: F811
    missing = alarm_ids(edged) - runbook_names()
    assert not missing, f"docs/operations.md has no runbook row for {sorted(missing)}"


def test_every_runbook_row_names_an_alarm_that_exists(edged: EdgeSynth) -> None:  # noqa: F811
    ghosts = runbook_names() - alarm_ids(edged)
    assert not ghosts, f"docs/operations.md names alarms the stacks do not have: {sorted(ghosts)}"


def test_the_check_sees_every_stack_and_a_missing_row(edged: EdgeSynth) -> None:  # noqa: F811
    ids = alarm_ids(edged)
    assert {"RateLimited", "Api5xx", "CanaryFailing", "DispatchScheduleMissed"} <= ids
    assert "InvitationsRefused" not in runbook_names()  # a metric in parentheses is no alarm
