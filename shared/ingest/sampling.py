"""The daily draw: which of a day's contacts get an invitation, with the day's cap built in.

All files a municipality sends for one draw day are read in one streaming pass. Each accepted
contact is hashed with keyed BLAKE2b (a pseudorandom function) under the draw's own 256-bit key
from the operating system's cryptographic source; the input is its channel and normalised
address. The first 8 bytes, read as a number in [0, 1), are its draw value; the next 12 are its
item id. Per channel the draw keeps the ``k`` smallest values below the sample rate (bottom-k
sampling), ``k`` being what the day's cap still allows:

- every distinct contact of the day has the same chance: the values are independent and
  uniform, so the ``k`` smallest of them are a uniform sample without replacement, whatever the
  number, size or order of the files;
- the same resident in several files (or rows) has one value, so is one candidate: one
  invitation per resident per draw day is structural, and the key dies with the draw;
- memory is O(k) whatever the file size, and nothing that is not drawn leaves this object;
- nobody can predict or steer the draw (not the municipality, not the row order); a retried
  draw with the same key draws exactly the same contacts and writes the same item ids.
"""

from __future__ import annotations

import hashlib
import heapq
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from shared.core.models import Channel, normalised

KEY_BYTES = 32
_SCALE = 2**64


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


@dataclass(frozen=True)
class Candidate:
    """A contact the draw holds (in memory only) while it may still be among the k smallest."""

    contact_id: str
    channel: Channel
    address: str
    contact_day: date
    file: int  # which of the day's files it came from first (for that file's report)

    def __repr__(self) -> str:  # never shows the address
        return f"Candidate({self.contact_id}, {self.channel})"


@dataclass(frozen=True)
class _State:
    heaps: dict[Channel, list[tuple[int, str, Candidate]]]
    held: dict[Channel, set[str]]
    eligible: int


class BottomK:
    """A uniform sample without replacement of at most ``k[channel]`` distinct contacts."""

    def __init__(self, rate: float, key: bytes, k: Mapping[Channel, int]) -> None:
        if not 0 < rate <= 1:
            raise ValueError(f"a sample rate is in (0, 1], not {rate}")
        if len(key) < KEY_BYTES:
            raise ValueError("a sampling key needs at least 256 bits")
        self.rate = rate
        self._hash = hashlib.blake2b(key=key[:64], digest_size=20)
        self._threshold = _SCALE if rate == 1 else int(rate * _SCALE)
        self._k = {c: max(0, int(k.get(c, 0))) for c in Channel}
        # per channel a max-heap by value (stored negated) and the ids it holds
        self._heaps: dict[Channel, list[tuple[int, str, Candidate]]] = {c: [] for c in Channel}
        self._held: dict[Channel, set[str]] = {c: set() for c in Channel}
        self.eligible = 0  # offers below the sample rate (duplicates included)

    def value(self, channel: Channel, address: str) -> tuple[int, str]:
        """The contact's draw value (an integer below 2**64) and its item id."""
        digest = self._hash.copy()
        digest.update(f"{channel.value}:{normalised(channel, address)}".encode())
        raw = digest.digest()
        return int.from_bytes(raw[:8], "big"), raw[8:].hex()

    def offer(self, channel: Channel, address: str, contact_day: date, file: int = 0) -> None:
        k = self._k[channel]
        if not k:
            return
        value, contact_id = self.value(channel, address)
        if value >= self._threshold:
            return
        self.eligible += 1
        held = self._held[channel]
        if contact_id in held:
            return  # the same resident again: one candidate, one chance
        heap = self._heaps[channel]
        entry = (-value, contact_id, Candidate(contact_id, channel, address, contact_day, file))
        if len(heap) < k:
            heapq.heappush(heap, entry)
            held.add(contact_id)
        elif value < -heap[0][0]:
            evicted = heapq.heapreplace(heap, entry)
            held.discard(evicted[1])
            held.add(contact_id)

    def snapshot(self) -> _State:
        """The state before a file, to go back to if that file is refused whole (O(k))."""
        return _State(
            {c: list(h) for c, h in self._heaps.items()},
            {c: set(s) for c, s in self._held.items()},
            self.eligible,
        )

    def restore(self, state: _State) -> None:
        self._heaps, self._held, self.eligible = state.heaps, state.held, state.eligible

    def drawn(self) -> list[Candidate]:
        """The sample, smallest values first per channel (the order carries no meaning)."""
        return [entry[2] for c in Channel for entry in sorted(self._heaps[c], reverse=True)]
