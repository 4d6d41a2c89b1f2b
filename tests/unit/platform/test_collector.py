"""The batch run's collector thresholds: raised inside, given back after."""

from __future__ import annotations

import gc

import pytest

from shared.platform import collector


def test_a_batch_run_collects_the_young_less_often_and_gives_the_default_back() -> None:
    before = gc.get_threshold()
    with collector.batch_run():
        inside = gc.get_threshold()
        assert gc.isenabled()  # fewer collections, not none
    assert inside[0] == max(collector.YOUNG_THRESHOLD, before[0])
    assert inside[1:] == before[1:]
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_when_the_run_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector.batch_run():
        raise RuntimeError("a run that fails")
    assert gc.get_threshold() == before


def test_the_results_run_is_a_batch_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.results import service

    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr(
        service, "_scheduled", lambda settings, now: seen.append(gc.get_threshold())
    )
    service.scheduled(settings=None, now=None)  # type: ignore[arg-type]
    assert len(seen) == 1
    assert seen[0][0] >= collector.YOUNG_THRESHOLD
