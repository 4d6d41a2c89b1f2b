"""The participation attacks of make privacy end to end, two worlds a side: through the real
ingest, draw, dispatch, survey (HTTP on loopback) and the results function on its real
calendar, on the moto server. Every observable decision follows the calendar and published
figures only: rows change only at release moments and at the same moments in every world,
dispatch's stop rule follows the published answers, upload reports say nothing of the draw.

It runs in a fresh interpreter, as `make privacy` does: the attack starts its own emulator,
survey server and log redirection, which must not meet what earlier tests in this worker
left in the process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

SCRIPT = """
import json
from local.privacy import endtoend
lines = endtoend.run(0.3, worlds=2)
print(json.dumps([[l.attack, l.what, l.held, l.stated, l.note] for l in lines]))
"""


def test_every_participation_decision_follows_the_calendar_and_published_figures() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = json.loads(done.stdout.strip().splitlines()[-1])
    failed = [(a, what, note) for a, what, held, stated, note in lines if not held and not stated]
    assert failed == []
    checked = {a for a, *_ in lines}
    for attack in (
        "release timing",
        "first batch",
        "final release",
        "comment batch",
        "stop rule",
        "upload report",
    ):
        assert any(attack in a for a in checked), attack
