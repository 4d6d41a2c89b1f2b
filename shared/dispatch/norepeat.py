"""Opt-in "do not survey the same person twice in N days", without keeping the address.

A plain or salted hash of a Swedish mobile number can be reversed by trying every number (there
are only about 10^8), so the marker is a keyed HMAC: HMAC-SHA256(secret, channel + address).
The secret is one per tenant and campaign, a SecureString in SSM Parameter Store that only the
dispatch and purge functions read; the purge deletes it once the campaign has ended, and from
then on the markers (which also expire by TTL after N days) can no longer be linked to anyone.
While the key exists the markers are pseudonymous personal data (see docs/privacy.md).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from botocore.exceptions import ClientError

from shared.core.models import Channel, normalised
from shared.core.tenants import Tenant
from shared.platform import store

KEY_BYTES = 32


def fingerprint(key: bytes, channel: Channel, address: str) -> str:
    message = f"{channel.value}:{normalised(channel, address)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def marker_key(tenant: str, digest: str) -> str:
    return f"norepeat#{tenant}#{digest}"


class NoRepeatKeys:
    """The per-campaign secrets in SSM Parameter Store: created on first use, deleted after."""

    def __init__(self, ssm: Any, prefix: str) -> None:
        self._ssm = ssm
        self._prefix = prefix.rstrip("/")
        self._cache: dict[tuple[str, str], bytes] = {}

    def name(self, tenant: str, campaign: str) -> str:
        return f"{self._prefix}/{tenant}/{campaign}"

    def key(self, tenant: str, campaign: str) -> bytes:
        cached = self._cache.get((tenant, campaign))
        if cached is not None:
            return cached
        name = self.name(tenant, campaign)
        try:
            value = self._ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
        except ClientError as error:
            if store.error_code(error) != "ParameterNotFound":
                raise
            value = self._create(name)
        key = bytes.fromhex(value)
        self._cache[(tenant, campaign)] = key
        return key

    def _create(self, name: str) -> str:
        value = secrets.token_hex(KEY_BYTES)
        try:
            self._ssm.put_parameter(
                Name=name,
                Value=value,
                Type="SecureString",
                Overwrite=False,
                Description="Servicematning no-repeat HMAC key; deleted when the campaign ends",
            )
        except ClientError as error:  # a concurrent run created it first: use that one
            if store.error_code(error) != "ParameterAlreadyExists":
                raise
            return str(
                self._ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
            )
        return value

    def destroy_ended(
        self, tenants: Iterable[Tenant], today: date, keep: Iterable[str] = ()
    ) -> list[str]:
        """Delete every key whose campaign has ended (or is no longer configured); the keys of
        the municipalities in ``keep`` (settings that cannot be read) are left alone."""
        active = {
            self.name(t.kommunkod, c.id) for t in tenants for c in t.campaigns if c.end >= today
        }
        kept = tuple(self.name(kommunkod, "") for kommunkod in keep)
        deleted = []
        for name in self._existing():
            if name in active or (kept and name.startswith(kept)):
                continue
            try:
                self._ssm.delete_parameter(Name=name)
            except ClientError as error:
                if store.error_code(error) != "ParameterNotFound":
                    raise
                continue
            deleted.append(name)
        self._cache.clear()
        return deleted

    def _existing(self) -> list[str]:
        names: list[str] = []
        kwargs: dict[str, Any] = {"Path": self._prefix, "Recursive": True}
        while True:
            page = self._ssm.get_parameters_by_path(**kwargs)
            names += [p["Name"] for p in page.get("Parameters", [])]
            if not page.get("NextToken"):
                return names
            kwargs["NextToken"] = page["NextToken"]
