"""The facts residents are told (GDPR art. 13/14): who runs the survey, what is kept, how long.

One source for the /om page, the accessibility statement and ``servicematning infotext``, so
the web page, the voice response and the auto-reply can never say different things.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.tenants import Tenant

GENERAL_MAX_HOLDING_HOURS = 168  # the most any tenant may configure (Tenant.max_holding_hours)
GENERAL_MIN_CELL_SIZE = 5


@dataclass(frozen=True)
class Facts:
    organisation: str | None
    kommunkod: str | None
    privacy_contact: str | None
    website: str | None
    max_holding_hours: int
    min_cell_size: int


def facts(tenant: Tenant | None) -> Facts:
    if tenant is None:
        return Facts(
            organisation=None,
            kommunkod=None,
            privacy_contact=None,
            website=None,
            max_holding_hours=GENERAL_MAX_HOLDING_HOURS,
            min_cell_size=GENERAL_MIN_CELL_SIZE,
        )
    return Facts(
        organisation=tenant.name,
        kommunkod=tenant.kommunkod,
        privacy_contact=tenant.privacy_contact,
        website=tenant.website or None,
        max_holding_hours=tenant.max_holding_hours,
        min_cell_size=tenant.min_cell_size,
    )
