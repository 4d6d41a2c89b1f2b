"""The targeted differencing attack through the real handlers on loopback (make privacy's
end-to-end part, one target): each release differs from the last by the batch plus noise,
nothing changes between releases, and the analytics bucket keeps no history."""

from __future__ import annotations

import pytest

from local.privacy import endtoend
from local.privacy.core import Config

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]


def test_the_real_path_publishes_batches_plus_noise_and_keeps_no_history() -> None:
    lines = endtoend.run(Config(), targets=1)
    failed = [(line.what, line.numbers) for line in lines if not line.held and not line.stated]
    assert failed == []
    checked = {line.what for line in lines}
    assert "no object changes between releases" in checked
    assert "the analytics bucket keeps no object history" in checked
