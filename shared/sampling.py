"""The random draw: which accepted contacts of a file get an invitation.

Each file gets a fresh 256-bit key from the operating system's cryptographic source. A row is
drawn when HMAC-SHA256(key, row number), read as a number in [0, 1), is below the sample rate:
independent, unbiased draws that nobody can predict or steer (not the municipality, not the
row order). The key is kept with the file's ingest record, so a retried ingest of the same
file draws exactly the same rows and writes the same items instead of a second sample.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_BYTES = 32
_SCALE = 2**64


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


class Sampler:
    """Draws rows with probability ``rate``; the same key and row always give the same answer."""

    def __init__(self, rate: float, key: bytes) -> None:
        if not 0 < rate <= 1:
            raise ValueError(f"a sample rate is in (0, 1], not {rate}")
        if len(key) < KEY_BYTES:
            raise ValueError("a sampling key needs at least 256 bits")
        self.rate = rate
        self._key = key
        self._threshold = int(rate * _SCALE)

    def _uniform64(self, row: int) -> int:
        digest = hmac.digest(self._key, row.to_bytes(8, "big"), hashlib.sha256)
        return int.from_bytes(digest[:8], "big")

    def take(self, row: int) -> bool:
        return self.rate == 1 or self._uniform64(row) < self._threshold

    def item_id(self, row: int) -> str:
        """A stable, unguessable id for the contact item of a drawn row."""
        digest = hmac.digest(self._key, b"id:" + row.to_bytes(8, "big"), hashlib.sha256)
        return digest[:12].hex()
