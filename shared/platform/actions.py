"""Actions residents and staff can see ("Det här gör vi"): what a municipality does about what
its residents said.

A municipality records an action with ``servicematning actions add`` (shared/cli/
actions.py): a short text (Swedish, and in its other languages if it gives them), the day it
began, and what it answers: one of SKR's comment themes (``THEMES``) or one of the national
questions (``QUESTION_THEMES``' keys). An action is validated whole (``Action``) before it is
stored.

Stored beside the municipality's settings, on its own item of the tenants table, as the
attribute ``actions`` (a list of JSON strings, newest last): one read serves ``/om`` and the
report, ``tenants put`` rewrites only the settings (``TenantStore.put`` updates, it does not
replace), and an action is not a setting a redeploy or a config file could lose. At most
``MAX_ACTIONS`` are kept; the oldest go first.

Readers: ``/om`` lists the latest ``SHOWN_ON_ABOUT`` in the page's language (the Swedish text
where the municipality gave no translation, marked with its language); ``actions_for`` gives
the report each action with its day and the figure it belongs on (``Action.question`` or the
theme), so the trend can mark where it began. No action holds anything about a resident.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.core.i18n import N_
from shared.core.tenants import TenantText
from shared.platform import store

ATTRIBUTE = "actions"
MAX_ACTIONS = 100
SHOWN_ON_ABOUT = 5
TEXT_MAX = 200  # as a tenant's other texts (shared.core.tenants.Wording)

# SKR's comment themes (SKR 2024), the ids the comment classification uses too.
THEMES: dict[str, str] = {
    "svar_och_aterkoppling": N_("Svar och återkoppling"),
    "bemotande": N_("Bemötande"),
    "svarstid": N_("Svarstid"),
    "service": N_("Service"),
    "medarbetare": N_("Medarbetare"),
    "telefonkontakt": N_("Telefonkontakt"),
    "enkelhet": N_("Enkelhet"),
    "digitala_tjanster": N_("Digitala tjänster"),
    "annat": N_("Annat"),
}
# The national questions an action may answer, each with the theme residents read it under.
QUESTION_THEMES: dict[str, str] = {
    "tel_bemotande": "bemotande",
    "tel_enkelhet": "enkelhet",
    "epost_enkelhet": "enkelhet",
    "epost_tydlighet": "svar_och_aterkoppling",
    "epost_aterkoppling": "svar_och_aterkoppling",
    "epost_svarstid": "svarstid",
}


class ActionText(TenantText):
    """The action in Swedish (required) and the municipality's other languages."""

    sv: str = Field(min_length=3, max_length=TEXT_MAX)
    en: str | None = Field(default=None, min_length=3, max_length=TEXT_MAX)

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value


class Action(BaseModel):
    """One action, validated whole."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(default_factory=lambda: secrets.token_hex(4), pattern=r"^[0-9a-f]{8}$")
    day: date = Field(description="the day the action began")
    answers: str = Field(description="a theme id (THEMES) or a national question id")
    text: ActionText

    @field_validator("answers")
    @classmethod
    def _answers(cls, value: str) -> str:
        if value not in THEMES and value not in QUESTION_THEMES:
            raise ValueError(
                f"{value!r} is neither a theme ({', '.join(THEMES)}) nor a national question "
                f"({', '.join(QUESTION_THEMES)})"
            )
        return value

    @field_validator("text")
    @classmethod
    def _text_lengths(cls, value: ActionText) -> ActionText:
        for lang, text in (value.__pydantic_extra__ or {}).items():
            if not 3 <= len(text) <= TEXT_MAX:
                raise ValueError(f"the {lang} text must be 3 to {TEXT_MAX} characters")
        return value

    @property
    def theme(self) -> str:
        return QUESTION_THEMES.get(self.answers, self.answers)

    @property
    def question(self) -> str | None:
        """The national question whose trend the action belongs on, if it names one."""
        return self.answers if self.answers in QUESTION_THEMES else None

    def theme_label(self, lang: str) -> str:
        from shared.core import i18n

        return i18n.gettext(lang, THEMES[self.theme])


def latest(actions: Iterable[Action], count: int = SHOWN_ON_ABOUT) -> list[Action]:
    """The newest ``count`` by the day they began (newest first)."""
    return sorted(actions, key=lambda a: (a.day, a.id), reverse=True)[:count]


def parse(item: dict[str, Any] | None) -> list[Action]:
    """The actions on a tenants-table item; one that no longer validates is left out."""
    from pydantic import ValidationError

    found = []
    for raw in (item or {}).get(ATTRIBUTE) or []:
        try:
            found.append(Action.model_validate_json(raw))
        except ValidationError:
            continue
    return found


class ActionStore:
    """The ``actions`` attribute of each municipality's tenants-table item (a boto3 Table, or
    the survey's plain-values ``Table`` for reading)."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def for_tenant(self, kommunkod: str) -> list[Action]:
        got = self._table.get_item(
            Key={"kommunkod": kommunkod},
            ProjectionExpression="#a",
            ExpressionAttributeNames={"#a": ATTRIBUTE},
        )
        return parse(got.get("Item"))

    def add(self, kommunkod: str, action: Action) -> list[Action]:
        """Append ``action`` (the oldest beyond ``MAX_ACTIONS`` dropped); ``LookupError`` if no
        municipality has this kommunkod."""
        kept = latest([*self.for_tenant(kommunkod), action], MAX_ACTIONS)
        self._write(kommunkod, kept)
        return kept

    def remove(self, kommunkod: str, action_id: str) -> bool:
        current = self.for_tenant(kommunkod)
        kept = [a for a in current if a.id != action_id]
        if len(kept) == len(current):
            return False
        self._write(kommunkod, kept)
        return True

    def _write(self, kommunkod: str, actions: list[Action]) -> None:
        from botocore.exceptions import ClientError

        ordered = sorted(actions, key=lambda a: (a.day, a.id))
        try:
            self._table.update_item(
                Key={"kommunkod": kommunkod},
                UpdateExpression="SET #a = :a",
                ConditionExpression="attribute_exists(kommunkod)",
                ExpressionAttributeNames={"#a": ATTRIBUTE},
                ExpressionAttributeValues={":a": [a.model_dump_json() for a in ordered]},
            )
        except ClientError as error:
            if store.error_code(error) == "ConditionalCheckFailedException":
                raise LookupError(f"no municipality with kommunkod {kommunkod}") from None
            raise


def actions_for(kommunkod: str, table: Any) -> list[dict[str, Any]]:
    """For the report: each action with its day, what it answers, the question whose trend it
    belongs on (None: the theme's, e.g. the comments'), the theme and its Swedish texts, oldest
    first, so a trend can mark where each began."""
    return [
        {
            "id": a.id,
            "day": a.day.isoformat(),
            "answers": a.answers,
            "question": a.question,
            "theme": a.theme,
            "text": json.loads(a.text.model_dump_json(exclude_none=True)),
        }
        for a in sorted(ActionStore(table).for_tenant(kommunkod), key=lambda a: (a.day, a.id))
    ]
