"""Render the survey's pages from Jinja2 templates (autoescaped) in the page's language.

The templates' texts are ``{% trans %}`` blocks and ``t.<key>`` strings (texts.py), both
translated by the language's gettext catalog (``shared/locale/``); a right-to-left language
gets ``dir="rtl"`` and the stylesheet's logical properties mirror the layout.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from shared.core import i18n, questions
from shared.core.models import Channel
from shared.core.questions import DURATION
from shared.survey.info import Facts
from shared.survey.texts import number, ui

if TYPE_CHECKING:
    from shared.core.tenants import ExtraQuestion, Tenant
    from shared.platform.actions import Action

HERE = Path(__file__).resolve().parent
CSS_PATH = "/survey.css"
ICON_PATH = "/favicon.svg"
LOGO_PREFIX = "/logo/"
ABOUT_PATHS = {"sv": "/om", "en": "/about"}
CONTACT_PATH = "/kontakt"  # "kontakta mig" (shared/messages/contact_requests.py): no token, ever
A11Y_PATHS = {"sv": "/tillganglighet", "en": "/accessibility"}
MESSAGE_PAGES = (
    "not_found",
    "expired",
    "answered",
    "declined_before",
    "bad_request",
    "declined",
    "too_large",
)


@functools.cache
def css() -> str:
    """The stylesheet as sent: its comments (for whoever edits it) and the white space around
    its punctuation left out, once per process (bench/pageweight.py weighs what is sent)."""
    return minify_css((HERE / "static" / "survey.css").read_text(encoding="utf-8"))


def minify_css(source: str) -> str:
    """Comments, line breaks and spaces next to ``{};:,>`` removed; nothing inside a rule's
    values changes (the stylesheet has no strings or ``url()`` with such characters)."""
    import re

    text = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    text = re.sub(r"\s*([{};,>])\s*", r"\1", text)
    text = re.sub(r"\s+", " ", text).replace(";}", "}")
    return text.strip() + "\n"


@functools.cache
def icon() -> str:
    """The pages' icon when no municipality (or no logo) is known."""
    return (HERE / "static" / "favicon.svg").read_text(encoding="utf-8")


# Built with the asset (infra/packaging.py): every template compiled to a Python module, so a
# cold start imports them (bytecode, when the asset carries it) instead of lexing, parsing and
# generating code at its first page. Absent in a checkout: the templates are compiled on use.
COMPILED_TEMPLATES = HERE / "templates_compiled"


def _environment(loader: Any) -> Any:
    import jinja2  # imported on the first page, not at cold start

    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as Babel extracts them (shared/cli/catalogs.py)

    # One environment for every language: {% trans %} asks the page's own catalog.
    @jinja2.pass_context
    def _gettext(context: Any, message: str) -> str:
        return str(i18n.gettext(context["lang"], message))

    @jinja2.pass_context
    def _ngettext(context: Any, singular: str, plural: str, n: int) -> str:
        return str(i18n.translation(context["lang"]).ngettext(singular, plural, n))

    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def _source_loader(source: Path = HERE / "templates") -> Any:
    import jinja2

    return jinja2.FileSystemLoader(source)


@functools.cache
def _env() -> Any:
    if COMPILED_TEMPLATES.is_dir():
        import jinja2

        return _environment(jinja2.ModuleLoader(COMPILED_TEMPLATES))
    return _environment(_source_loader())


def compile_templates(target: Path, source: Path = HERE / "templates") -> list[str]:
    """Compile every template in ``source`` to a module in ``target`` (the build does this in
    the asset), with the very environment the pages render with; returns the names."""
    env = _environment(_source_loader(source))
    names = sorted(env.list_templates())
    env.compile_templates(str(target), zip=None, ignore_errors=False)
    return names


def url(path: str, **query: str | None) -> str:
    params = {k: v for k, v in query.items() if v}
    return path + ("?" + urlencode(params) if params else "")


@dataclass(frozen=True)
class Switch:
    """One entry of the language switcher: the language in its own name."""

    lang: str
    name: str
    url: str
    dir: str
    current: bool


@dataclass(frozen=True)
class Brand:
    """The municipality as every page shows it: name, logo, website and contact options, and
    what a resident can check a message by (the SMS sender ID)."""

    name: str
    logo_url: str | None = None
    website: str | None = None
    phone: str | None = None  # as residents read it: area code, then the groups
    contact_url: str | None = None
    sender_id: str | None = None
    contact_me: bool = False  # takes "kontakta mig" requests (it has report_contacts)

    @property
    def phone_href(self) -> str | None:
        """``tel:`` with the digits only (and a leading +)."""
        if not self.phone:
            return None
        digits = "".join(c for c in self.phone if c.isdigit())
        return "tel:" + ("+" if self.phone.startswith("+") else "") + digits

    @classmethod
    def of(cls, tenant: Tenant) -> Brand:
        logo = tenant.logo
        return cls(
            name=tenant.name,
            logo_url=logo_path(tenant.kommunkod, logo.digest) if logo else None,
            website=tenant.website or None,
            phone=tenant.support_phone,
            contact_url=tenant.support_url,
            sender_id=tenant.sms_sender_id,
            contact_me=bool(tenant.report_contacts),
        )


def logo_path(kommunkod: str, digest: str) -> str:
    return f"{LOGO_PREFIX}{kommunkod}/{digest}"


@dataclass(frozen=True)
class Frame:
    """What every page needs: language, the municipality (if known), the languages it offers
    (every shipped one when no municipality is known), the page's own path and the query
    parameters its language links keep (the e-mail form's chosen branch), and the domain the
    resident reached it on."""

    lang: str
    path: str
    org: str | None = None
    kommunkod: str | None = None
    languages: tuple[str, ...] = ()
    brand: Brand | None = None
    domain: str | None = None
    keep: tuple[tuple[str, str], ...] = ()

    def offered(self) -> tuple[str, ...]:
        return i18n.ordered(self.languages or i18n.available())

    def switcher(self) -> list[Switch]:
        kept = dict(self.keep)
        # a survey link's token names the municipality already: ?k= only on /om and the like
        k = None if self.path.startswith("/s/") else self.kommunkod
        return [
            Switch(
                lang=code,
                name=i18n.language_name(code),
                url=url(self.path, k=k, lang=code, **kept),
                dir=i18n.direction(code),
                current=code == self.lang,
            )
            for code in self.offered()
        ]

    def context(self, title: str) -> dict[str, Any]:
        t = ui(self.lang)
        brand = self.brand
        return {
            "lang": self.lang,
            "dir": i18n.direction(self.lang),
            "t": t,
            "title": title,
            "org": self.org or t["service"],
            "brand": brand,
            "icon_url": brand.logo_url if brand and brand.logo_url else ICON_PATH,
            "errors": {},
            "contact_shown": False,  # a page that lists the contact options in <main> says so
            "css_url": CSS_PATH,
            "languages": self.switcher(),
            "about_url": url(ABOUT_PATHS["sv"], k=self.kommunkod, lang=self.lang),
            "a11y_url": url(A11Y_PATHS["sv"], k=self.kommunkod, lang=self.lang),
            "contact_me_url": url(CONTACT_PATH, k=self.kommunkod, lang=self.lang)
            if brand and brand.contact_me
            else None,
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
    errands: tuple[str, ...] = (),
) -> str:
    """The form: the channel's national questions, then the municipality's own (``extra``,
    already chosen for the channel), numbered on from the national ones. An e-mail form
    whose validation question is not answered yet is its first step (a GET form with that
    question alone); with "ja" or "nej" it is the rest of the form for that answer."""
    from shared.survey.form import branch_of, national_fields, scale_questions

    values = dict(values or {})
    errors = dict(errors or {})
    branch = branch_of(channel, values)
    t = ui(frame.lang)
    kinds = questions.errands_for(errands)
    fields = national_fields(channel, branch)
    numbers = {name: i for i, name in enumerate(fields, 1)}
    numbers |= {"errand": len(fields) + 1, "comment": len(fields) + 2}
    qs = scale_questions(channel, branch)
    anchors = {q.id: f"{q.id}-1" for q in qs}
    anchors |= {"errand": f"errand-{kinds[0].id}", "comment": "comment"}
    anchors |= {
        c.id: f"{c.id}-{c.options[0].id}" for c in (questions.EMAIL_REPLY, questions.RESPONSE_TIME)
    }
    for number_, q in enumerate(extra, len(fields) + 3):
        numbers[q.id] = number_
        anchors[q.id] = f"{q.id}-{q.values()[0]}"
    # The summary names a field by its number ("Fråga 2: Välj ett svar"): the question's own
    # text is long, ends in "?", and is read out again when the link moves focus to it.
    summary = {
        name: t["error_link"] % {"number": numbers[name], "error": t[f"err_{kind}"]}
        for name, kind in errors.items()
        if name in numbers
    }
    reply = questions.EMAIL_REPLY
    chosen = next((o.text(frame.lang) for o in reply.options if o.id == branch), "")
    # a comment over the limit: how long it is and how much to cut (a counter without script)
    count = None
    if errors.get("comment") == "too_long":
        typed = len(values.get("comment", "").strip())
        count = t["comment_count"] % {
            "count": number(typed, frame.lang),
            "over": number(typed - questions.COMMENT_MAX_CHARS, frame.lang),
            "chars": number(questions.COMMENT_MAX_CHARS, frame.lang),
        }
    return _render(
        "form.html",
        frame,
        t["form_title"],
        step="reply" if channel is Channel.EMAIL and branch is None else "answers",
        contact_shown=branch is not None or channel is Channel.SMS,  # in the comment's notes
        branch=branch,
        numbers=numbers,
        reply=reply,
        reply_chosen=t["reply_chosen"] % {"answer": chosen},
        comment_count=count,
        response_time=questions.RESPONSE_TIME if branch == questions.REPLY_NO else None,
        questions=qs,
        scale=questions.SCALE,
        errands=kinds,
        errand_question=questions.ERRAND_QUESTION,
        comment_question=questions.COMMENT_QUESTION,
        extra=tuple(extra),
        values=values,
        errors=errors,
        summary=summary,
        anchors=anchors,
        intro=t["form_intro"] % {"duration": i18n.gettext(frame.lang, DURATION)},
        action=url(f"/s/{token}", lang=frame.lang),
        form_path=f"/s/{token}",
        restart_url=url(f"/s/{token}", lang=frame.lang),
        decline_url=url(f"/s/{token}/decline", lang=frame.lang),
    )


def decline_page(frame: Frame, token: str) -> str:
    return _render(
        "decline.html",
        frame,
        ui(frame.lang)["confirm_title"],
        action=url(f"/s/{token}/decline", lang=frame.lang),
        form_url=url(f"/s/{token}", lang=frame.lang),
    )


def thanks_page(frame: Frame) -> str:
    """After an answer (the POST's redirect, a reload, the link opened again)."""
    t = ui(frame.lang)
    title, body = t["thanks_title"], t["thanks_body"]
    return _render(
        "message.html", frame, title, body=body, onward=True, contact_shown=True, thanks=True
    )


def message_page(frame: Frame, kind: str) -> str:
    """A declined link or a problem, with the municipality's contact options when known."""
    t = ui(frame.lang)
    title, body = t[f"{kind}_title"], t[f"{kind}_body"]
    return _render("message.html", frame, title, body=body, onward=True, contact_shown=True)


def contact_form_page(
    frame: Frame, values: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None
) -> str:
    """ "Kontakta mig": the form, or the form again with its error summary and what was typed."""
    t = ui(frame.lang)
    errors = dict(errors or {})
    labels = {
        "name": t["contact_name"],
        "phone": t["contact_phone_field"],
        "email": t["contact_email_field"],
        "message": t["contact_message"],
    }
    summary = [
        (name, t["contact_error_link"] % {"field": labels[name], "error": t[f"err_{kind}"]})
        for name, kind in errors.items()
    ]
    return _render(
        "contact_form.html",
        frame,
        t["contact_me"],
        values=dict(values or {}),
        errors=errors,
        summary=summary,
        action=url(CONTACT_PATH, k=frame.kommunkod, lang=frame.lang),
    )


def contact_message_page(frame: Frame, kind: str) -> str:
    """After a request (``contact_sent``), or why none can be sent (``contact_full``,
    ``contact_off``), with the municipality's own contact options."""
    t = ui(frame.lang)
    title, body = t[f"{kind}_title"], t[f"{kind}_body"]
    return _render("message.html", frame, title, body=body, onward=True, contact_shown=True)


def _legal(
    frame: Frame, template: str, title: str, facts: Facts, sv_path: str, **extra: Any
) -> str:
    """A legal text: a translation the municipality has not approved is marked as a draft,
    with a link to the Swedish text, which is the one that applies."""
    draft = i18n.has_legal_drafts(frame.lang)
    swedish = url(sv_path, k=frame.kommunkod, lang=i18n.SOURCE_LANGUAGE)
    return _render(
        template,
        frame,
        title,
        f=facts,
        draft=draft,
        swedish_url=swedish,
        num=lambda n: number(n, frame.lang),
        **extra,
    )


def about_page(frame: Frame, facts: Facts, actions: Sequence[Action] = ()) -> str:
    """``actions``: the municipality's latest, newest first ("Det här gör vi")."""
    title = ui(frame.lang)["about_title"]
    return _legal(frame, "about.html", title, facts, ABOUT_PATHS["sv"], actions=tuple(actions))


def accessibility_page(frame: Frame, facts: Facts) -> str:
    title = ui(frame.lang)["a11y_title"]
    return _legal(frame, "accessibility.html", title, facts, A11Y_PATHS["sv"])
