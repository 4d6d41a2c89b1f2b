"""Property: no exported or rendered cell ever has fewer answers than its minimum."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.results import export, opendata, report
from shared.results.figures import TOTAL, Response, compute
from shared.tenants import Kommungrupp

from .conftest import tenant

CODES = ("1980", "0380", "0180")
GROUPS = (Kommungrupp.A3, Kommungrupp.A3, Kommungrupp.A1)

one_response = st.tuples(
    st.sampled_from(CODES),
    st.sampled_from(("sms", "email")),
    st.integers(0, 20),  # day offset: about three ISO weeks
    st.sampled_from((1, 2, 3, 4, 5, None)),
    st.sampled_from(("bygglov", "skola", None)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.lists(one_response, max_size=120),
    minimums=st.tuples(*(st.integers(5, 8) for _ in CODES)),
)
def test_no_cell_below_its_minimum_is_exported_or_rendered(data, minimums) -> None:
    tenants = {
        code: tenant(code, group, minimum)
        for code, group, minimum in zip(CODES, GROUPS, minimums, strict=True)
    }
    responses = [
        Response(code, channel, "2026-var", date(2026, 3, 2) + timedelta(days=offset),
                 {f"{channel}_q": value}, errand, "en kommentar", f"r{i}")
        for i, (code, channel, offset, value, errand) in enumerate(data)
    ]  # fmt: skip
    figures = compute(responses, [], tenants)

    for row in figures.rows:
        if row.scope == "kommun":
            assert row.minimum == tenants[row.area].min_cell_size
        if row.suppressed:
            assert row.n is None
            assert row.index is None
            assert row.ci_low is None
            assert set(row.distribution) == {None}
        else:
            assert row.n is not None
            assert row.n >= row.minimum

    # no breakdown lets the parent minus the shown children reveal a small group
    by_cell = {
        (r.area, r.campaign, r.channel, r.question, r.breakdown, r.value): r for r in figures.rows
    }
    families = defaultdict(list)
    for r in figures.rows:
        if r.breakdown != TOTAL:
            families[(r.area, r.campaign, r.channel, r.question, r.breakdown)].append(r)
    for (area, campaign, channel, question, _), children in families.items():
        parent = by_cell[(area, campaign, channel, question, TOTAL, "")]
        if parent.suppressed:
            assert all(c.suppressed for c in children)
            continue
        hidden = parent.n - sum(c.n for c in children if not c.suppressed)
        assert hidden == 0 or hidden >= parent.minimum

    for p in figures.participation:
        assert p.suppressed == (p.answers is None)
        assert p.answers is None or p.answers >= p.minimum

    objects = export.objects(figures, responses, tenants)
    for line in objects[export.FIGURES_KEY].decode().splitlines():
        record = json.loads(line)
        assert record["n"] is None or record["n"] >= record["minimum"]
    for row in csv.DictReader(io.StringIO(objects[export.OPENDATA_KEY].decode())):
        assert row["count"] == "" or int(row["count"]) >= 5
        assert (row["value"] == "") == (row["status"] in (opendata.SUPPRESSED, opendata.MISSING))
        assert (row["count"] == "") == (row["status"] == opendata.SUPPRESSED)

    for area in (None, *CODES):
        html = report.render(figures, area, charts=False)
        shown = [int(n) for n in re.findall(r'data-n="(\d+)"', html)]
        floor = tenants[area].min_cell_size if area else 5
        assert all(n >= min(floor, 5) for n in shown)
        assert ("en kommentar" in html) == (area is not None and area in figures.comments)
