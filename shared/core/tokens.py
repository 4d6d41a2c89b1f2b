"""Survey tokens: 128 random bits, URL-safe, short enough for one SMS; only the hash is stored."""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 16  # 128 bits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")

# The survey's routes; the messages link to them and the API serves them.
SURVEY_PATH = "/s/{token}"
DECLINE_PATH = "/s/{token}/decline"  # GET shows a confirm page; POST declines (RFC 8058 too)
ABOUT_PATH = "/om"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.match(token))


def survey_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + SURVEY_PATH.format(token=token)


def decline_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + DECLINE_PATH.format(token=token)
