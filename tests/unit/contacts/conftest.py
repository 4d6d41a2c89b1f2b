"""Helpers for the contact-reading tests: build files in memory and read them."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from shared.contacts import Accepted, ContactReader, read_contacts
from shared.contacts.headers import Layout
from shared.core.tenants import Tenant

RECEIVED = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)

Read = Callable[..., tuple[list[Accepted], ContactReader]]


@pytest.fixture(params=["common", "general"])
def read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Read:
    """Read CSV text or bytes; runs every test twice: through the inlined common-layout loop and
    through the general one, which must agree."""
    if request.param == "general":
        monkeypatch.setattr(Layout, "simple", property(lambda self: False))

    def _read(
        data: str | bytes,
        tenant: Tenant | None = None,
        received_at: datetime = RECEIVED,
        encoding: str = "utf-8",
    ) -> tuple[list[Accepted], ContactReader]:
        raw = data.encode(encoding) if isinstance(data, str) else data
        reader = read_contacts(io.BytesIO(raw), tenant or Tenant.default(), received_at)
        return list(reader), reader

    return _read
