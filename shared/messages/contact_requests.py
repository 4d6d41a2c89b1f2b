""" "Kontakta mig": a resident asks the municipality to contact them, apart from any answer.

The protocol, and why each step cannot link a request to an answer:

1. **The form** (``GET/POST /kontakt?k=KOMMUNKOD``, shared/survey/routes.py) is reachable from
   the thank-you page, from ``/om`` and from the form's own footer, so a request does not prove
   that its sender answered (or was even invited). It carries no token and reads no
   invitation: its only inputs are the municipality's code and what the resident types. The
   resident gives what they choose (a name, a phone number or an e-mail address, at least one
   way to reach them, a short description); the page says what the municipality learns (that
   this person asked, never what anyone answered).
2. **The store** (``ContactRequests``, its own table) keeps the request under a fresh random
   id (``new_request_id``: never the response's id, never a hash of the token) with its day
   (no time of day) and a TTL counted from the *end* of that day, so neither dates the
   request finer than the day. Each request is one transaction with a per-municipality daily
   counter in the counters table (``contact#{kommunkod}#{day}``), whose condition caps a flood
   at ``DAILY_CAP`` requests a municipality and day (a 429 page that points to the contact
   centre's own options); the edge's per-client rate limit covers the POST like the survey's.
3. **The digest** (``deliver``, run by the daily watch function, shared/ingest/watch.py) sends each
   municipality's requests of the past day(s) in one e-mail per ``report_contacts`` address (the
   contact centre's functional mailboxes), **in shuffled order**, with no time and no id:
   nothing in it can be lined up against the moment an answer arrived.
4. **Exactly once, nearly**: the run first *marks* each request with the run's day (a
   conditional update: an item marked by an earlier, crashed run is taken over), sends the
   digest, then *deletes* the marked items (conditional on the mark). A redelivered schedule
   event finds nothing left; a crash between the send and the delete sends those requests
   again in the next run, which says so in the mail ("may have been sent before"). A failed
   send deletes nothing: the requests wait for the next run, at most until their TTL
   (``resources.CONTACT_REQUEST_TTL_DAYS`` after their day: docs/privacy.md).

Nothing here logs a name, phone number, e-mail address or description: log lines carry the
kommunkod and counts only.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from shared.platform import resources, store

NAME_MAX = 100
MESSAGE_MAX = 500
DAILY_CAP = 200  # requests a municipality and day; a flood beyond it gets the 429 page
COUNTER_PREFIX = "contact#"
FIELDS = ("name", "phone", "email", "message")
# After a crash between send and delete, the next digest says its requests may repeat.
MARK = "digest"
# Checked on the value as sent (docs/openapi.json states the same patterns and lengths)
PHONE_PATTERN = r"\+?[0-9][0-9 ()-]{3,21}[0-9]"
EMAIL_PATTERN = r"[^@\x00-\x20\x7f]{1,64}@[^@\x00-\x20\x7f]{1,250}\.[^@.\x00-\x20\x7f]{2,63}"
_PHONE = re.compile(PHONE_PATTERN)
_EMAIL = re.compile(EMAIL_PATTERN)


class DailyCapReached(Exception):
    """The municipality has had ``DAILY_CAP`` requests today: a flood, or a very busy day."""


def new_request_id() -> str:
    """A fresh random id: shares nothing with a response, an invitation or a token."""
    return secrets.token_hex(16)


def _clean(text: str, keep_newlines: bool = False) -> str:
    text = text.replace("\r\n", "\n")
    kept = (
        c
        for c in text
        if (keep_newlines and c == "\n") or unicodedata.category(c)[0] != "C" or c == " "
    )
    cleaned = unicodedata.normalize("NFC", "".join(kept)).strip()
    return cleaned if keep_newlines else " ".join(cleaned.split())


@dataclass(frozen=True)
class ContactForm:
    """A validated request, or the values as typed and the errors (field → error key)."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(fields: Mapping[str, str]) -> ContactForm:
    """What the resident typed → a request, or errors by field: ``reach_missing`` (neither a
    phone number nor an e-mail address), ``phone``/``email`` (not one), ``*_too_long``. The
    checks are on the values as sent, as docs/openapi.json states them."""
    raw = {name: str(fields.get(name, "")) for name in FIELDS}
    errors: dict[str, str] = {}
    if len(raw["name"]) > NAME_MAX:
        errors["name"] = "name_too_long"
    if raw["phone"] and not _PHONE.fullmatch(raw["phone"]):
        errors["phone"] = "phone"
    if raw["email"] and not _EMAIL.fullmatch(raw["email"]):
        errors["email"] = "email"
    if not raw["phone"] and not raw["email"]:
        errors["phone"] = "reach_missing"
    if len(raw["message"]) > MESSAGE_MAX:
        errors["message"] = "message_too_long"
    # stored (or shown again) without control characters and runs of white space
    values = {n: _clean(v, keep_newlines=n == "message") for n, v in raw.items()}
    return ContactForm(values, errors)


def expires_at(day: date) -> int:
    """The TTL backstop: the end of the request's day plus the retention (no finer time)."""
    end = datetime.combine(day + timedelta(days=1), time(), UTC)
    return int((end + timedelta(days=resources.CONTACT_REQUEST_TTL_DAYS)).timestamp())


def request_item(kommunkod: str, form: ContactForm, day: date, lang: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "tenant": kommunkod,
        "request_id": new_request_id(),
        "day": day.isoformat(),
        "lang": lang,
        resources.TTL_ATTRIBUTE: expires_at(day),
    }
    return item | {k: v for k, v in form.values.items() if v}


class ContactRequestStore:
    """The requests table and the counters table (boto3 Table resources, or the survey's
    plain-values ``Table``: only ``name`` and ``meta.client`` are used for writing)."""

    def __init__(self, requests: Any, counters: Any) -> None:
        self._requests = requests
        self._counters = counters

    def add(self, kommunkod: str, form: ContactForm, day: date, lang: str) -> None:
        """Store one request and count it, in one transaction; ``DailyCapReached`` if the
        municipality has had ``DAILY_CAP`` today (nothing is stored then)."""
        from botocore.exceptions import ClientError

        item = request_item(kommunkod, form, day, lang)
        counter = {
            "Update": {
                "TableName": self._counters.name,
                "Key": {"counter": f"{COUNTER_PREFIX}{kommunkod}#{day.isoformat()}"},
                "UpdateExpression": "ADD n :one SET expires_at = :ttl",
                "ConditionExpression": "attribute_not_exists(n) OR n < :cap",
                "ExpressionAttributeValues": {
                    ":one": 1,
                    ":cap": DAILY_CAP,
                    ":ttl": expires_at(day),
                },
            }
        }
        put = {
            "Put": {
                "TableName": self._requests.name,
                "Item": item,
                "ConditionExpression": "attribute_not_exists(request_id)",
            }
        }
        try:
            self._requests.meta.client.transact_write_items(TransactItems=[counter, put])
        except ClientError as error:
            reasons = error.response.get("CancellationReasons") or []
            if reasons and reasons[0].get("Code") == "ConditionalCheckFailed":
                raise DailyCapReached from None
            raise

    # the digest's side (a boto3 Table resource)

    def pending(self, kommunkod: str) -> list[dict[str, Any]]:
        from boto3.dynamodb.conditions import Key

        from shared.platform import store

        query = self._requests.query
        return list(store.items(query, KeyConditionExpression=Key("tenant").eq(kommunkod)))

    def mark(self, item: Mapping[str, Any], run: str) -> bool:
        """Claim a request for this run's digest (one an earlier run marked is taken over);
        False if it is gone (another run delivered it)."""
        from botocore.exceptions import ClientError

        try:
            self._requests.update_item(
                Key={"tenant": item["tenant"], "request_id": item["request_id"]},
                UpdateExpression="SET #m = :run",
                ConditionExpression="attribute_exists(request_id)",
                ExpressionAttributeNames={"#m": MARK},
                ExpressionAttributeValues={":run": run},
            )
        except ClientError as error:
            if store.error_code(error) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def delete(self, item: Mapping[str, Any], run: str) -> None:
        """Delete a delivered request, if it is still this run's."""
        from botocore.exceptions import ClientError

        try:
            self._requests.delete_item(
                Key={"tenant": item["tenant"], "request_id": item["request_id"]},
                ConditionExpression="#m = :run",
                ExpressionAttributeNames={"#m": MARK},
                ExpressionAttributeValues={":run": run},
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise


# -- the digest (pure) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request as the contact centre reads it: what the resident gave, nothing else."""

    name: str = ""
    phone: str = ""
    email: str = ""
    message: str = ""
    lang: str = "sv"
    repeated: bool = False  # marked by an earlier run that may have sent it

    @classmethod
    def of(cls, item: Mapping[str, Any], run: str) -> Request:
        return cls(
            name=str(item.get("name", "")),
            phone=str(item.get("phone", "")),
            email=str(item.get("email", "")),
            message=str(item.get("message", "")),
            lang=str(item.get("lang", "sv")),
            repeated=MARK in item and item[MARK] != run,
        )


def shuffled(requests: Iterable[Request]) -> list[Request]:
    """The requests in an order that says nothing about when each arrived."""
    out = list(requests)
    secrets.SystemRandom().shuffle(out)
    return out


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str


def render_digest(tenant: Any, requests: list[Request], day: date) -> Digest:
    """The plain-text mail to the contact centre, in the municipality's ``report_language``."""
    from shared.core import i18n
    from shared.core.i18n import N_

    lang = tenant.report_language
    tr = i18n.translation(lang)
    subject = tr.ngettext(
        "Kontakta mig: %(count)s förfrågan från en invånare (%(day)s)",
        "Kontakta mig: %(count)s förfrågningar från invånare (%(day)s)",
        len(requests),
    ) % {"count": len(requests), "day": day.isoformat()}
    intro = tr.gettext(
        N_(
            "Invånare har bett %(org)s att kontakta dem via formuläret Kontakta mig på "
            "enkätens webbplats. Förfrågningarna är i slumpad ordning och säger inget om "
            "enkätsvar: formuläret når alla, också den som inte har svarat. De raderas ur "
            "tjänsten när det här brevet har skickats."
        )
    ) % {"org": tenant.name}
    labels = {
        "name": tr.gettext(N_("Namn")),
        "phone": tr.gettext(N_("Telefon")),
        "email": tr.gettext(N_("E-post")),
        "message": tr.gettext(N_("Ärendet")),
        "lang": tr.gettext(N_("Språk")),
    }
    repeated = tr.gettext(N_("Kan ha skickats förut (ett tidigare utskick avbröts)."))
    blocks = []
    for number, request in enumerate(requests, start=1):
        lines = [f"{number}."]
        for key in ("name", "phone", "email", "message", "lang"):
            value = getattr(request, key)
            if value:
                value = i18n.language_name(value) if key == "lang" else value
                lines.append(f"{labels[key]}: {value}")
        if request.repeated:
            lines.append(repeated)
        blocks.append("\n".join(lines))
    return Digest(subject=subject, text=intro + "\n\n" + "\n\n".join(blocks) + "\n")


# -- the daily run (AWS at the edge) ------------------------------------------------------------


@dataclass(frozen=True)
class Delivered:
    kommunkod: str
    requests: int = 0
    sent: int = 0
    failed: int = 0
    skipped: str = ""


def deliver(
    tenant: Any, requests_store: ContactRequestStore, sender: str | None, ses: Any, day: date
) -> Delivered:
    """One municipality's digest: mark, send to each ``report_contacts`` address, delete."""
    from botocore.exceptions import BotoCoreError, ClientError

    from shared.platform.observability import logger

    kommunkod = tenant.kommunkod
    pending = requests_store.pending(kommunkod)
    if not pending:
        return Delivered(kommunkod)
    if not tenant.report_contacts or not sender:
        reason = "no_report_contacts" if not tenant.report_contacts else "no_sender"
        logger.warning("contact digest not sent", kommunkod=kommunkod, reason=reason)
        return Delivered(kommunkod, requests=len(pending), skipped=reason)
    run = day.isoformat()
    marked = [item for item in pending if requests_store.mark(item, run)]
    if not marked:
        return Delivered(kommunkod)
    digest = render_digest(tenant, shuffled(Request.of(i, run) for i in marked), day)
    sent = failed = 0
    for number, recipient in enumerate(tenant.report_contacts, start=1):
        try:
            ses.send_email(
                FromEmailAddress=sender,
                Destination={"ToAddresses": [recipient]},
                Content={
                    "Simple": {
                        "Subject": {"Data": digest.subject, "Charset": "UTF-8"},
                        "Body": {"Text": {"Data": digest.text, "Charset": "UTF-8"}},
                    }
                },
            )
        except (ClientError, BotoCoreError) as error:
            code = store.error_code(error) if isinstance(error, ClientError) else ""
            # the address's place in the list, never the address
            logger.warning("contact digest failed", kommunkod=kommunkod, contact=number, code=code)
            failed += 1
        else:
            sent += 1
    if sent:  # delivered to the contact centre: gone from the service
        for item in marked:
            requests_store.delete(item, run)
    logger.info(
        "contact digest", kommunkod=kommunkod, requests=len(marked), sent=sent, failed=failed
    )
    return Delivered(kommunkod, requests=len(marked), sent=sent, failed=failed)


def deliver_all(
    tenants: Iterable[Any],
    requests_table: Any,
    counters_table: Any,
    sender: str | None,
    day: date,
    ses: Any,
) -> list[Delivered]:
    """Every municipality's digest through ``ses`` (an SES v2 client that makes each call once:
    ``shared.messages.senders.send_client``, passed in so that the survey, which stores the
    requests, ships no sending code); one municipality's failure never stops another's."""
    from shared.platform import isolation

    requests_store = ContactRequestStore(requests_table, counters_table)
    done: list[Delivered] = []
    for tenant in sorted(tenants, key=lambda t: t.kommunkod):
        # the watch run's stage: one municipality's failure is recorded, the others go on
        with isolation.municipality("watch", tenant.kommunkod):
            done.append(deliver(tenant, requests_store, sender, ses, day))
    return done
