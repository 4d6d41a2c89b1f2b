"""The answer form: parse the urlencoded body, validate it with pydantic, keep what was typed.

Validation failures become ``FieldError``s keyed by the form field, so the page can re-render
with an error summary and the resident's answers kept. A body that is not a form at all
(bad encoding, too big, repeated fields) is a ``MalformedForm`` (400).

An e-mail answer follows SKR's method: the validation question ``epost_aterkoppling`` ("ja"
or "nej", chosen on the form's first step and sent again as a hidden field) decides the rest:
"ja" requires the two scored questions, "nej" the reasonable-response-time question; the other
branch's fields are ignored, so a "nej" is never scored on enkelhet or tydlighet.

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

from shared.core.models import Channel
from shared.core.questions import (
    COMMENT_MAX_CHARS,
    DONT_KNOW,
    EMAIL_REPLY,
    ERRANDS,
    REPLY_NO,
    REPLY_YES,
    RESPONSE_TIME,
    ScaleQuestion,
    questions_for,
)
from shared.survey.errors import FormTooLarge, MalformedForm

if TYPE_CHECKING:
    from shared.core.tenants import ExtraQuestion

# Room for a comment far over its limit (5,000 Arabic letters percent-encoded), so a long
# paste gets the form back with "at most 1 000 characters", not a refused request.
MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 30

ScaleValue = Literal["1", "2", "3", "4", "5", "vet_ej"]
ErrandValue = Literal[tuple(e.id for e in ERRANDS)]  # type: ignore[valid-type]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=COMMENT_MAX_CHARS)]


class FormBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    errand: ErrandValue = Field(title="ärendekategori")  # type: ignore[valid-type]
    comment: Comment = ""


Branch = Literal["ja", "nej"] | None  # the e-mail form's validation answer; None for SMS


def scale_questions(channel: Channel, branch: Branch) -> tuple[ScaleQuestion, ...]:
    """The scored questions a form asks: the phone ones, or the e-mail ones after a "ja"."""
    if channel is Channel.SMS:
        return questions_for(channel)
    return questions_for(channel) if branch == REPLY_YES else ()


def national_fields(channel: Channel, branch: Branch) -> list[str]:
    """The national form's fields in the order the page shows them."""
    if channel is Channel.SMS:
        return [q.id for q in questions_for(channel)]
    fields = [EMAIL_REPLY.id] + [q.id for q in scale_questions(channel, branch)]
    return fields + ([RESPONSE_TIME.id] if branch == REPLY_NO else [])


def _form_model(channel: Channel, branch: Branch) -> type[FormBase]:
    fields: dict[str, Any] = {
        q.id: (ScaleValue, Field(title=q.text.sv)) for q in scale_questions(channel, branch)
    }
    if channel is Channel.EMAIL:
        reply: Any = Literal[EMAIL_REPLY.ids()] if branch is None else Literal[branch]
        fields[EMAIL_REPLY.id] = (reply, Field(title=EMAIL_REPLY.text.sv))
        if branch == REPLY_NO:
            times: Any = Literal[RESPONSE_TIME.ids()]
            fields[RESPONSE_TIME.id] = (times, Field(title=RESPONSE_TIME.text.sv))
    name = f"{channel.value.capitalize()}{(branch or '').capitalize()}Form"
    return create_model(name, __base__=FormBase, **fields)


BRANCHES: tuple[tuple[Channel, Branch], ...] = (
    (Channel.SMS, None),
    (Channel.EMAIL, None),
    (Channel.EMAIL, "ja"),
    (Channel.EMAIL, "nej"),
)
FORMS: dict[tuple[Channel, Branch], type[FormBase]] = {b: _form_model(*b) for b in BRANCHES}


def branch_of(channel: Channel, values: dict[str, str]) -> Branch:
    """The e-mail form's branch chosen by the validation answer (None: not chosen yet)."""
    if channel is not Channel.EMAIL:
        return None
    reply = values.get(EMAIL_REPLY.id)
    return reply if reply in (REPLY_YES, REPLY_NO) else None  # type: ignore[return-value]


@functools.lru_cache(maxsize=64)
def _tenant_form_model(
    channel: Channel, branch: Branch, extra: tuple[ExtraQuestion, ...], errands: tuple[str, ...]
) -> type[FormBase]:
    """The channel's form plus the municipality's own questions, each optional, and its
    choice of errand kinds."""
    base = FORMS[(channel, branch)]
    fields: dict[str, Any] = {
        q.id: (Literal[q.values()] | None, Field(default=None, title=q.text.sv)) for q in extra
    }
    if errands:
        kinds: Any = Literal[errands]
        fields["errand"] = (kinds, Field(title="ärendekategori"))
    if not fields:
        return base
    return create_model(f"{base.__name__}Tenant", __base__=base, **fields)


ErrorKind = Literal["missing", "invalid", "too_long"]


@dataclass(frozen=True)
class Answer:
    answers: dict[str, int | None]
    errand: str
    comment: str | None
    extra: dict[str, str] = field(default_factory=dict)  # own question id → value, if answered
    email_reply: Branch = None  # e-mail: "ja"/"nej" (SKR's validation question)
    response_time: str | None = None  # e-mail, after "nej": an epost_svarstid option id


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
    except UnicodeEncodeError:
        raise MalformedForm("the form is not valid UTF-8 urlencoded text") from None
    if len(raw) > MAX_BODY_BYTES:
        raise FormTooLarge("the form is too large")
    try:
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
    channel: Channel,
    values: dict[str, str],
    extra: Sequence[ExtraQuestion] = (),
    errands: tuple[str, ...] = (),
) -> FormResult:
    """Validate the answers to the channel's questions (for e-mail, the branch the validation
    answer chose), the municipality's own ``extra`` ones (already chosen for the channel) and
    its errand kinds (``errands``, all national ones if empty); errors are keyed by field
    name, in form order."""
    branch = branch_of(channel, values)
    model = _tenant_form_model(channel, branch, tuple(extra), tuple(errands))
    order = national_fields(channel, branch) + ["errand", "comment"] + [q.id for q in extra]
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
        answers={q.id: _score(data[q.id]) for q in scale_questions(channel, branch)},
        errand=data["errand"],
        comment=data["comment"] or None,
        extra={q.id: data[q.id] for q in extra if data[q.id] is not None},
        email_reply=branch,
        response_time=data.get(RESPONSE_TIME.id),
    )
    return result


def _score(value: str) -> int | None:
    return None if value == DONT_KNOW else int(value)
