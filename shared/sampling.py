"""The random draw: which accepted contacts of a file get an invitation.

Each file gets a fresh 256-bit key from the operating system's cryptographic source. Every row
is hashed with keyed BLAKE2b (a pseudorandom function under that key): the first 8 bytes, read
as a number in [0, 1), decide whether the row is drawn (below the sample rate), the next 12 are
the drawn contact's item id. Independent, unbiased draws that nobody can predict or steer (not
the municipality, not the row order). The key is kept with the file's ingest record, so a
retried ingest of the same file draws exactly the same rows and writes the same items instead
of a second sample.
"""

from __future__ import annotations

import hashlib
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
        self._hash = hashlib.blake2b(key=key[:64], digest_size=20)
        self._threshold = _SCALE if rate == 1 else int(rate * _SCALE)

    def draw(self, row: int) -> str | None:
        """The item id of ``row`` when it is drawn, else None."""
        digest = self._hash.copy()
        digest.update(row.to_bytes(8, "big"))
        value = digest.digest()
        if int.from_bytes(value[:8], "big") >= self._threshold:
            return None
        return value[8:].hex()
