"""Comment themes through the real results run on moto: a comment day releases batches, their
theme counts are written beside them and summed per municipality, group and nation."""

from __future__ import annotations

import csv
import io
import json

import pytest

from shared.results import export
from shared.results.themes import ThemeServiceError
from shared.results.themes import shares as sh
from tests.integration.results.conftest import CAMPAIGN, World
from tests.integration.results.test_release_flow import COMMENT_DAY

QUEUE = "Satt i telefonkö i 40 minuter, helt orimligt."
KIND = "Mycket trevligt bemötande, tack!"
GROUP = ("0380", "0580", "1980")  # kommungrupp A3

# these tests are about the themes of the batches the checks let through, not the checks' noise
pytestmark = pytest.mark.usefixtures("seeded_noise")


def comment_everywhere(world: World) -> None:
    for tenant in GROUP:
        for i in range(60):
            world.answer(tenant, (4, 5), comment=QUEUE if i % 3 == 0 else KIND)


def test_a_comment_day_publishes_theme_shares_beside_the_group_and_nation(world: World) -> None:
    # Given 60 comments in each of three municipalities of one kommungrupp
    comment_everywhere(world)

    # When the comment day's morning run releases their batches
    summary = world.morning(COMMENT_DAY)
    assert summary["comment_batches"] == 3

    # Then each batch has its counts (no text) and the campaign its shares per area
    objects = world.objects()
    counts = [k for k in objects if k.startswith(export.THEME_BATCHES_PREFIX)]
    assert len(counts) == 3
    assert all(b"telefonk" not in objects[k] for k in counts)
    rows = [json.loads(x) for x in objects[export.themes_key(CAMPAIGN)].splitlines()]

    def share(area: str, theme: str) -> dict:
        return next(r for r in rows if r["area"] == area and r["theme"] == theme)

    own = share("1980", "telefon")
    assert (own["comments"], own["count"], own["share"], own["negativ"]) == (60, 20, 33.3, 20)
    assert share("1980", "bemotande")["positiv"] == 40
    group = share("KG-A3", "svarstid")
    assert (group["municipalities"], group["count"], group["suppressed"]) == (3, 60, False)
    assert share("riket", "alla")["comments"] == 180
    assert own["classifier"] == "embedded-lexicon"
    opendata = objects[export.opendata_themes_key(CAMPAIGN)].decode()
    kpis = {r["kpi"] for r in csv.DictReader(io.StringIO(opendata))}
    assert {"SM_KOMMENTAR_TEMA_TELEFON", "SM_KOMMENTAR_TON_NEGATIV"} <= kpis


def test_a_failing_model_never_holds_a_batch_back(world: World, monkeypatch) -> None:
    # Given a production backend that fails on every call
    class Down:
        name = "bedrock:amazon.nova-lite-v1:0"

        def classify(self, texts):
            raise ThemeServiceError("Bedrock refused the call (ThrottlingException)")

    monkeypatch.setattr(sh, "configured", lambda: Down())
    comment_everywhere(world)

    # When the comment day comes
    summary = world.morning(COMMENT_DAY)

    # Then every batch is out, counted by the embedded classifier, which is named
    assert (summary["comment_batches"], summary["failed"]) == (3, 0)
    rows = [json.loads(x) for x in world.objects()[export.themes_key(CAMPAIGN)].splitlines()]
    assert {r["classifier"] for r in rows} == {
        "embedded-lexicon (fallback from bedrock:amazon.nova-lite-v1:0)"
    }
