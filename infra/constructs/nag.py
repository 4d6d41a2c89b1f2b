"""cdk-nag 3 acknowledgements: one finding at a time, each with its reason."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct


def acknowledge(scope: IConstruct, *, id: str, reason: str) -> None:
    """Acknowledge exactly one finding (`Rule` or `Rule[Finding]`) on `scope`."""
    if len(reason) < 40:
        raise ValueError(f"{id}: a reason must say why, not just that ({reason!r})")
    Validations.of(scope).acknowledge(Acknowledgment(id=id, reason=reason))
