"""The price list of ``make cost``: one TOML file (``prices-eu-north-1.toml``), read here only.

A price the model asks for and the file does not have is not an error: it comes back as a
``Price`` with no figure and the status ``missing``, costs nothing, and every figure it feeds is
marked unconfirmed in the output, so a gap in the list is visible, never silent.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PRICES_FILE = Path(__file__).resolve().parent / "prices-eu-north-1.toml"

CONFIRMED = "confirmed"
UNCONFIRMED = "unconfirmed"
MISSING = "missing"


@dataclass(frozen=True)
class Price:
    key: str
    usd: float | None  # None: not in the file
    per: float = 1.0  # the price is for this many units
    unit: str = ""
    status: str = MISSING
    source: str = ""
    official: str = ""
    note: str = ""
    page_date: str = ""
    value: float | None = None  # a non-price figure kept beside the prices (a minimum)

    @property
    def confirmed(self) -> bool:
        return self.usd is not None and self.status == CONFIRMED

    def usd_for(self, quantity: float) -> float:
        """What ``quantity`` units cost (0 when the price is missing: marked, not guessed)."""
        if self.usd is None:
            return 0.0
        return quantity / self.per * self.usd


@dataclass(frozen=True)
class Prices:
    region: str
    read: str
    sek_per_usd: float
    exchange_status: str
    exchange_date: str
    exchange_source: str
    fee_sek: float
    table: dict[str, Price] = field(default_factory=dict)
    path: str = ""

    def get(self, key: str) -> Price:
        return self.table.get(key) or Price(key=key, usd=None)

    def sek(self, usd: float) -> float:
        return usd * self.sek_per_usd

    @property
    def exchange_confirmed(self) -> bool:
        return self.exchange_status == CONFIRMED


def _price(key: str, raw: dict[str, Any]) -> Price:
    if "usd" not in raw:
        raise ValueError(f"{key}: a price needs 'usd' (bench/cost/prices-*.toml)")
    status = str(raw.get("status", UNCONFIRMED))
    if status not in (CONFIRMED, UNCONFIRMED):
        raise ValueError(f"{key}: status must be {CONFIRMED!r} or {UNCONFIRMED!r}, not {status!r}")
    return Price(
        key=key,
        usd=float(raw["usd"]),
        per=float(raw.get("per", 1)),
        unit=str(raw.get("unit", "")),
        status=status,
        source=str(raw.get("source", "")),
        official=str(raw.get("official", "")),
        note=str(raw.get("note", "")),
        page_date=str(raw.get("page_date", "")),
        value=float(raw["value"]) if "value" in raw else None,
    )


def load_prices(path: Path = PRICES_FILE) -> Prices:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    exchange = raw["exchange"]
    return Prices(
        region=str(raw["region"]),
        read=str(raw["read"]),
        sek_per_usd=float(exchange["sek_per_usd"]),
        exchange_status=str(exchange.get("status", UNCONFIRMED)),
        exchange_date=str(exchange.get("date", "")),
        exchange_source=str(exchange.get("source", "")),
        fee_sek=float(raw["fee_sek_per_municipality_year"]),
        table={k: _price(k, v) for k, v in raw.get("prices", {}).items()},
        path=str(path),
    )
