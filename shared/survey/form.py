"""The answer form: parse the urlencoded body, validate it with pydantic, keep what was typed.

Validation failures become ``FieldError``s keyed by the form field, so the page can re-render
with an error summary and the resident's answers kept. A body that is not a form at all
(bad encoding, too big, repeated fields) is a ``MalformedForm`` (400).

A municipality's own questions (``Tenant.extra_questions``) add optional fields to the channel's
form: each accepts only its defined values (1-5 or vet_ej, or a choice's option ids), and an
answer is kept as that value in ``Answer.extra``; a skipped one is simply absent.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

from shared.models import Channel
from shared.survey.errors import MalformedForm
from shared.survey.questions import (
    COMMENT_MAX_CHARS,
    DONT_KNOW,
    ERRANDS,
    questions_for,
)

if TYPE_CHECKING:
    from shared.tenants import ExtraQuestion

MAX_BODY_BYTES = 16 * 1024  # the longest comment in 4-byte UTF-8, percent-encoded, fits easily
MAX_FIELDS = 30

ScaleValue = Literal["1", "2", "3", "4", "5", "vet_ej"]
ErrandValue = Literal[tuple(e.id for e in ERRANDS)]  # type: ignore[valid-type]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=COMMENT_MAX_CHARS)]


class FormBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    errand: ErrandValue = Field(title="ärendekategori")  # type: ignore[valid-type]
    comment: Comment = ""


def _form_model(channel: Channel) -> type[FormBase]:
    fields: dict[str, Any] = {
        q.id: (ScaleValue, Field(title=q.text.sv)) for q in questions_for(channel)
    }
    return create_model(f"{channel.value.capitalize()}Form", __base__=FormBase, **fields)


FORMS: dict[Channel, type[FormBase]] = {c: _form_model(c) for c in Channel}


@functools.lru_cache(maxsize=64)
def _tenant_form_model(channel: Channel, extra: tuple[ExtraQuestion, ...]) -> type[FormBase]:
    """The channel's form plus the municipality's own questions, each optional."""
    if not extra:
        return FORMS[channel]
    fields: dict[str, Any] = {
        q.id: (Literal[q.values()] | None, Field(default=None, title=q.text.sv)) for q in extra
    }
    return create_model(
        f"{channel.value.capitalize()}TenantForm", __base__=FORMS[channel], **fields
    )


ErrorKind = Literal["missing", "invalid", "too_long"]


@dataclass(frozen=True)
class Answer:
    answers: dict[str, int | None]
    errand: str
    comment: str | None
    extra: dict[str, str] = field(default_factory=dict)  # own question id → value, if answered


@dataclass
class FormResult:
    values: dict[str, str]  # what the resident sent (re-rendered on error)
    errors: dict[str, ErrorKind] = field(default_factory=dict)  # field → kind, in form order
    answer: Answer | None = None


def parse_body(body: str | bytes | None) -> dict[str, str]:
    """Decode an application/x-www-form-urlencoded body; each field at most once."""
    if body is None:
        return {}
    try:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        if len(raw) > MAX_BODY_BYTES:
            raise MalformedForm("the form is too large")
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise MalformedForm("the form is not valid UTF-8 urlencoded text") from None
    except ValueError:
        raise MalformedForm("the form has too many fields") from None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            raise MalformedForm("a form field was sent twice")
        values[name] = value
    return values


def _clean(text: str) -> str:
    """Drop control characters (except line breaks and tabs) and normalise to NFC."""
    text = text.replace("\r\n", "\n")
    kept = (c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return unicodedata.normalize("NFC", "".join(kept))


def validate(
    channel: Channel, values: dict[str, str], extra: Sequence[ExtraQuestion] = ()
) -> FormResult:
    """Validate the answers to the channel's questions and the municipality's own ``extra``
    ones (already chosen for the channel); errors are keyed by field name, in form order."""
    model = _tenant_form_model(channel, tuple(extra))
    order = [q.id for q in questions_for(channel)] + ["errand", "comment"] + [q.id for q in extra]
    kept = {k: v for k, v in values.items() if k in order}
    result = FormResult(values=kept)
    submitted = {k: (_clean(v) if k == "comment" else v) for k, v in kept.items() if v != ""}
    try:
        form = model.model_validate(submitted)
    except ValidationError as error:
        found: dict[str, ErrorKind] = {}
        for e in error.errors():
            name = str(e["loc"][0]) if e["loc"] else ""
            kind: ErrorKind = (
                "missing"
                if e["type"] == "missing"
                else "too_long"
                if e["type"] == "string_too_long"
                else "invalid"
            )
            found.setdefault(name, kind)
        result.errors = {name: found[name] for name in order if name in found}
        return result
    data = form.model_dump()
    result.answer = Answer(
        answers={q.id: _score(data[q.id]) for q in questions_for(channel)},
        errand=data["errand"],
        comment=data["comment"] or None,
        extra={q.id: data[q.id] for q in extra if data[q.id] is not None},
    )
    return result


def _score(value: str) -> int | None:
    return None if value == DONT_KNOW else int(value)
