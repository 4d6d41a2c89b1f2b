"""The tenants table: each municipality's settings as one item, validated on every read.

Settings change without a redeploy (``servicematning tenants put``); a running function sees a
change within the cache's minute. An item that does not validate is never served, and is
recorded once per read by the isolation boundary, so one municipality's broken settings stop
no one else.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from shared.core.tenants import InvalidTenantSettings, Tenant, UnknownTenant
from shared.platform import isolation, store


class TenantStore:
    """Tenants in DynamoDB, cached briefly so a change reaches running functions within a minute.

    An item that does not validate is never served: ``get`` raises ``InvalidTenantSettings``
    and ``all`` leaves it out; both record it once per read (shared.platform.isolation: the metric
    ``TenantSettingsInvalid`` and a log line naming the kommunkod and the failing fields), and
    ``invalid`` lists the kommunkoder so found, so a caller can spare what belongs to them.
    """

    def __init__(self, table: Any, cache_seconds: float = 60.0) -> None:
        self._table = table
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Tenant | InvalidTenantSettings | None]] = {}
        self.invalid: set[str] = set()

    @property
    def table(self) -> Any:
        """The tenants table (what lives beside the settings reads it:
        shared/platform/actions.py)."""
        return self._table

    def get(self, kommunkod: str) -> Tenant:
        now = time.monotonic()
        cached = self._cache.get(kommunkod)
        if cached is None or now - cached[0] > self._cache_seconds:
            item = self._table.get_item(Key={"kommunkod": kommunkod}).get("Item")
            cached = (now, self._validated(item) if item else None)
            self._cache[kommunkod] = cached
        found = cached[1]
        if found is None:
            raise UnknownTenant(kommunkod)
        if isinstance(found, InvalidTenantSettings):
            raise InvalidTenantSettings(kommunkod)
        return found

    def all(self) -> Iterator[Tenant]:
        """Every valid tenant; an invalid item is recorded and left out."""
        for item in store.items(self._table.scan):
            tenant = self._validated(item)
            if isinstance(tenant, Tenant):
                yield tenant

    def _validated(self, item: dict[str, Any]) -> Tenant | InvalidTenantSettings:
        kommunkod = str(item.get("kommunkod", ""))[:8]
        settings = item.get("settings")
        try:
            if not isinstance(settings, str | bytes):
                errors: list[Any] = [{"loc": ("settings",), "type": "missing"}]
            else:
                return Tenant.model_validate_json(settings)
        except ValidationError as error:
            errors = list(error.errors(include_input=False, include_url=False))
        self.invalid.add(kommunkod)
        isolation.settings_invalid(kommunkod, errors)
        return InvalidTenantSettings(kommunkod)

    def put(self, tenants: Iterable[Tenant]) -> int:
        """Store each tenant's settings; an update, not a replacement, so what lives beside
        the settings on the item (its actions, shared/platform/actions.py) is kept."""
        count = 0
        for tenant in tenants:
            self._table.update_item(
                Key={"kommunkod": tenant.kommunkod},
                UpdateExpression="SET settings = :s, updated_at = :u",
                ExpressionAttributeValues={
                    ":s": tenant.model_dump_json(),
                    ":u": datetime.now().astimezone().isoformat(timespec="seconds"),
                },
            )
            self._cache.pop(tenant.kommunkod, None)
            count += 1
        return count
