"""Which cells may be shown: primary suppression by size, complementary suppression in groups.

Primary: a cell with fewer scored answers than the minimum cell size is never shown — not its
index, interval, distribution or even its exact n.

Complementary: a breakdown (weeks, errand kinds) splits a shown parent cell into children. If
the children that are hidden hold between 1 and ``minimum - 1`` answers in total, the parent
minus the shown children would reveal them, so the smallest shown children are hidden too until
the hidden remainder is 0 or at least the minimum.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def primary(n: int, minimum: int) -> bool:
    """True when a cell of ``n`` answers must be hidden."""
    return n < minimum


def complementary(
    parent_n: int,
    parent_suppressed: bool,
    children: Mapping[K, int],
    suppressed: set[K],
    minimum: int,
) -> set[K]:
    """The children to hide, given their sizes and those already hidden by the primary rule.

    ``parent_n`` may exceed the children's sum (answers outside every child); that remainder is
    treated as hidden, which is the safe reading.
    """
    if parent_suppressed:
        return set(children)
    hidden = set(suppressed) & set(children)
    shown = sorted((k for k in children if k not in hidden), key=lambda k: (children[k], repr(k)))
    remainder = parent_n - sum(children[k] for k in shown)
    while 0 < remainder < minimum and shown:
        smallest = shown.pop(0)
        hidden.add(smallest)
        remainder += children[smallest]
    return hidden
