"""Render the survey's pages from Jinja2 templates (autoescaped) in Swedish or English."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from shared.models import Channel
from shared.survey import questions
from shared.survey.info import Facts
from shared.survey.texts import UI

if TYPE_CHECKING:
    from shared.tenants import ExtraQuestion

HERE = Path(__file__).resolve().parent
CSS_PATH = "/survey.css"
ABOUT_PATHS = {"sv": "/om", "en": "/about"}
A11Y_PATHS = {"sv": "/tillganglighet", "en": "/accessibility"}
MESSAGE_PAGES = ("not_found", "expired", "answered", "declined_before", "bad_request", "declined")


@functools.cache
def css() -> str:
    return (HERE / "static" / "survey.css").read_text(encoding="utf-8")


@functools.cache
def _env() -> Any:
    import jinja2  # imported on the first page, not at cold start

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def url(path: str, **query: str | None) -> str:
    params = {k: v for k, v in query.items() if v}
    return path + ("?" + urlencode(params) if params else "")


@dataclass(frozen=True)
class Frame:
    """What every page needs: language, the municipality (if known) and the page's own path."""

    lang: str
    path: str
    org: str | None = None
    kommunkod: str | None = None

    def context(self, title: str) -> dict[str, Any]:
        t = UI[self.lang]
        other = "en" if self.lang == "sv" else "sv"
        return {
            "lang": self.lang,
            "other_lang": other,
            "t": t,
            "title": title,
            "org": self.org or t["service"],
            "errors": {},
            "css_url": CSS_PATH,
            "switch_url": url(self.path, k=self.kommunkod, lang=other),
            "about_url": url(ABOUT_PATHS["sv"], k=self.kommunkod, lang=self.lang),
            "a11y_url": url(A11Y_PATHS["sv"], k=self.kommunkod, lang=self.lang),
        }


def _render(template: str, frame: Frame, title: str, **extra: Any) -> str:
    context = frame.context(title) | extra
    return str(_env().get_template(template).render(context))


def form_page(
    frame: Frame,
    token: str,
    channel: Channel,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    extra: Sequence[ExtraQuestion] = (),
) -> str:
    """The form: the channel's national questions, then the municipality's own (``extra``,
    already chosen for the channel), numbered on from the national ones."""
    qs = questions.questions_for(channel)
    labels = {q.id: f"{i}. {q.text(frame.lang)}" for i, q in enumerate(qs, 1)}
    labels["errand"] = f"{len(qs) + 1}. {questions.ERRAND_QUESTION(frame.lang)}"
    labels["comment"] = f"{len(qs) + 2}. {questions.COMMENT_QUESTION(frame.lang)}"
    anchors = {q.id: f"{q.id}-1" for q in qs}
    anchors |= {"errand": f"errand-{questions.ERRANDS[0].id}", "comment": "comment"}
    for number, q in enumerate(extra, len(qs) + 3):
        labels[q.id] = f"{number}. {q.text(frame.lang)}"
        anchors[q.id] = f"{q.id}-{q.values()[0]}"
    return _render(
        "form.html",
        frame,
        UI[frame.lang]["form_title"],
        questions=qs,
        scale=questions.SCALE,
        errands=questions.ERRANDS,
        errand_question=questions.ERRAND_QUESTION,
        comment_question=questions.COMMENT_QUESTION,
        comment_max=questions.COMMENT_MAX_CHARS,
        extra=tuple(extra),
        values=dict(values or {}),
        errors=dict(errors or {}),
        labels=labels,
        anchors=anchors,
        action=url(f"/s/{token}", lang=frame.lang),
        decline_url=url(f"/s/{token}/decline", lang=frame.lang),
    )


def decline_page(frame: Frame, token: str) -> str:
    return _render(
        "decline.html",
        frame,
        UI[frame.lang]["confirm_title"],
        action=url(f"/s/{token}/decline", lang=frame.lang),
        form_url=url(f"/s/{token}", lang=frame.lang),
    )


def thanks_page(frame: Frame) -> str:
    t = UI[frame.lang]
    return _render("message.html", frame, t["thanks_title"], body=t["thanks_body"])


def message_page(frame: Frame, kind: str) -> str:
    t = UI[frame.lang]
    return _render("message.html", frame, t[f"{kind}_title"], body=t[f"{kind}_body"])


def about_page(frame: Frame, facts: Facts) -> str:
    return _render(f"about_{frame.lang}.html", frame, UI[frame.lang]["about_title"], f=facts)


def accessibility_page(frame: Frame, facts: Facts) -> str:
    return _render(f"accessibility_{frame.lang}.html", frame, UI[frame.lang]["a11y_title"], f=facts)
