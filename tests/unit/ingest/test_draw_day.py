"""Which day's draw a file belongs to: the receipt time on Stockholm's clock against the cutoff."""

from __future__ import annotations

from datetime import UTC, date, datetime
from datetime import time as clock

import pytest

from shared.core.tenants import Tenant
from shared.ingest.files import cutoff_moment, draw_day


@pytest.mark.parametrize(
    ("received", "day"),
    [
        (datetime(2026, 3, 14, 6, 59, tzinfo=UTC), date(2026, 3, 14)),  # 07:59 CET: today
        (datetime(2026, 3, 14, 7, 0, tzinfo=UTC), date(2026, 3, 15)),  # 08:00 CET: tomorrow
        (datetime(2026, 3, 13, 23, 30, tzinfo=UTC), date(2026, 3, 14)),  # 00:30 local, Saturday
        (datetime(2026, 6, 10, 5, 59, tzinfo=UTC), date(2026, 6, 10)),  # 07:59 CEST
        (datetime(2026, 6, 10, 6, 0, tzinfo=UTC), date(2026, 6, 11)),  # 08:00 CEST
    ],
)
def test_a_file_belongs_to_the_first_cutoff_after_its_receipt(
    received: datetime, day: date
) -> None:
    tenant = Tenant.default()  # cutoff 08:00 Europe/Stockholm
    assert draw_day(tenant, received) == day
    assert cutoff_moment(tenant, day) > received


def test_the_cutoff_is_the_tenant_s_own() -> None:
    tenant = Tenant.default().model_copy(update={"draw_cutoff": clock(13, 30)})
    assert draw_day(tenant, datetime(2026, 3, 14, 12, 0, tzinfo=UTC)) == date(2026, 3, 14)
    assert cutoff_moment(tenant, date(2026, 3, 14)) == datetime(2026, 3, 14, 12, 30, tzinfo=UTC)
