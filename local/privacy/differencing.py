"""Attack 1, targeted differencing: the release with the target's answer minus the one before.

The reader aims at one resident (a one-row contact file), waits for its answer, and fills the
rest of the batch with its own staff, whose answers it knows. What it subtracts is the
headline: the total cell's centred sum, scored count and "vet ej" count of each question,
the figures the issue's municipality read as ``n 55→56 value 1``."""

from __future__ import annotations

from local.privacy.core import Config, Tally
from local.privacy.values import differencing
from shared.results.totals import TOTAL

NAME = "1 targeted differencing"


def run(cfg: Config) -> list[Tally]:
    return differencing(
        cfg, NAME, lambda target: [TOTAL], note="total cell; the rest of the batch planted"
    )
