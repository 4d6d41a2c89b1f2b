"""The row-level security rules the results function writes, on moto."""

from __future__ import annotations

from datetime import date

from shared.results import export
from tests.integration.results.conftest import World


def test_a_daily_run_without_a_release_still_writes_the_rules(world: World) -> None:
    """A municipality added or moved to another kommungrupp is in the rules the next morning,
    not only after its first release (and a deployment upgraded from the rules matching
    ``audience`` gets the ``area`` rules at once)."""
    assert world.objects() == {}
    summary = world.morning(date(2026, 1, 15))  # before every campaign
    rules = world.objects()[export.RLS_KEY].decode("utf-8").splitlines()
    assert summary["objects_written"] == 1
    assert rules[0] == export.RLS_HEADER
    # Västerås and Uppsala (config/tenants) are both in A3
    assert {"servicematning-1980,KG-A3", "servicematning-0380,KG-A3"} <= set(rules)
    assert "servicematning-1980,riket" in rules
    assert not [r for r in rules if r.startswith("servicematning-1980,") and "KG-A1" in r]
