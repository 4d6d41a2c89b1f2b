"""The targeted differencing attack through the real handlers on loopback (make privacy's
end-to-end part, one target): each release differs from the last by the batch plus noise,
nothing changes between releases, and the analytics bucket keeps no history.

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
from local.privacy.core import Config
lines = endtoend.run(Config(), targets=1)
print(json.dumps([[l.what, l.held, l.stated, l.numbers] for l in lines]))
"""


def test_the_real_path_publishes_batches_plus_noise_and_keeps_no_history() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = json.loads(done.stdout.strip().splitlines()[-1])
    failed = [(what, numbers) for what, held, stated, numbers in lines if not held and not stated]
    assert failed == []
    checked = {what for what, *_ in lines}
    assert "no object changes between releases" in checked
    assert "the analytics bucket keeps no object history" in checked
