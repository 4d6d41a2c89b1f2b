"""``servicematning infotext --tenant KOMMUNKOD``: ready texts that tell residents about the
survey through the channels a municipality uses for that: the contact centre's voice response,
its e-mail auto-reply, and its website, in any shipped language (``--lang``; the catalogs in
shared/locale/). The facts are the same as on the /om page, including the two things a
resident can check a message by: the SMS sender ID and the link's domain (``--base-url``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from shared.core import i18n
from shared.core.i18n import N_
from shared.core.tenants import Tenant, UnknownTenant, load_tenant_dir
from shared.platform.settings import SURVEY_BASE_URL, CliSettings
from shared.platform.tenant_store import TenantStore
from shared.survey.info import Facts, facts

DEFAULT_DIR = Path("config/tenants")
CHANNELS = ("voice", "autoreply", "website")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "infotext",
        help="texts about the survey for voice response, e-mail auto-reply and website",
    )
    parser.add_argument("--tenant", required=True, metavar="KOMMUNKOD")
    parser.add_argument("--lang", choices=i18n.available(), default=i18n.SOURCE_LANGUAGE)
    parser.add_argument("--only", choices=CHANNELS, help="print one of the three texts")
    parser.add_argument("--json", action="store_true", help="print the texts as one JSON object")
    parser.add_argument(
        "--base-url",
        default=CliSettings.from_env().survey_base_url,
        help=f"the survey pages' address, for the link to /om (default: ${SURVEY_BASE_URL})",
    )
    parser.add_argument("--table", help="read the tenant from this tenants table")
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_DIR, help=f"tenant files (default {DEFAULT_DIR})"
    )
    parser.set_defaults(func=run)


def _about_link(base_url: str, f: Facts, lang: str) -> str:
    if not base_url:
        return ""
    base = base_url.rstrip("/")
    if lang == "sv":
        return f"{base}/om?k={f.kommunkod}"
    if lang == "en":
        return f"{base}/about?k={f.kommunkod}"
    return f"{base}/om?k={f.kommunkod}&lang={lang}"


def _spoken(website: str | None) -> str:
    return (website or "").removeprefix("https://").removeprefix("http://").rstrip("/")


# The texts, in Swedish; each language's catalog translates them (shared/locale/). Every figure
# comes from the facts, so these say what /om says (tests/unit/survey/test_page_facts.py).
VOICE = N_(
    "Du kan få ett sms eller e-post från %(org)s med en fråga om hur du upplevde din kontakt "
    "med oss i dag. Det är frivilligt och anonymt att svara. Ditt telefonnummer eller din "
    "e-postadress raderas så fort frågan har skickats. Läs mer på %(site)s."
)
OUR_WEBSITE = N_("vår webbplats")
AUTOREPLY = N_(
    "Tack för ditt mejl. %(org)s mäter hur invånarna upplever vår service: du kan få en kort "
    "enkät via e-post. Det är frivilligt och anonymt, din adress raderas så fort inbjudan har "
    "skickats (senast efter %(hours)s timmar) och du kan tacka nej med ett klick."
)
READ_MORE = N_("Läs mer: %(link)s")
WEBSITE_TITLE = N_("Servicemätning")
WEBSITE_WHAT = N_(
    "%(org)s frågar en del av dem som har kontaktat oss via telefon eller e-post hur de "
    "upplevde kontakten. Den som ringde får ett sms och den som mejlade får ett "
    "e-postmeddelande, med en länk till några korta frågor."
)
WEBSITE_KEPT = N_(
    "Vad sparas och hur länge: ditt telefonnummer eller din e-postadress används bara för att "
    "skicka inbjudan och raderas direkt efteråt, senast efter %(hours)s timmar. Svaren är "
    "anonyma. Telefonnummer, e-postadresser och personnummer tas bort ur fritextsvar. Om du "
    "tackar nej sparas bara att någon har tackat nej. Resultat visas bara för grupper med "
    "minst %(cells)s svar."
)
WEBSITE_RIGHTS = N_(
    "Dina rättigheter: du kan fråga oss om dina uppgifter, invända och klaga hos "
    "Integritetsskyddsmyndigheten (IMY). Frågor: %(contact)s."
)
MORE = N_("Mer: %(link)s")
SMS_FROM = N_("Sms:et kommer från avsändaren %(sender)s.")
MAIL_FROM = N_("E-postmeddelandet kommer från %(email)s.")
LINK_TO = N_("Länken i meddelandet leder till adressen %(domain)s.")
NEVER_ASKED = N_("Vi frågar aldrig efter personnummer, lösenord eller bankuppgifter.")
GENUINE = N_("Så känner du igen ett äkta meddelande:")
HEADINGS = {
    "voice": N_("Talsvar"),
    "autoreply": N_("Autosvar e-post"),
    "website": N_("Webbplats"),
}


def texts(tenant: Tenant, lang: str = "sv", base_url: str = "") -> dict[str, str]:
    """The three texts for ``tenant`` in ``lang`` (any shipped language)."""
    f = facts(tenant)
    tr = i18n.translation(lang).gettext
    link = _about_link(base_url, f, lang)
    values = {
        "org": f.organisation,
        "site": _spoken(f.website) or tr(OUR_WEBSITE),
        "hours": f.max_holding_hours,
        "cells": f.min_cell_size,
        "contact": f.privacy_contact,
        "link": link,
    }
    domain = urlsplit(base_url).hostname if base_url else None
    values |= {"sender": tenant.sms_sender_id, "email": tenant.email_sender, "domain": domain}
    link_to = " " + tr(LINK_TO) % values if domain else ""
    autoreply = tr(AUTOREPLY) % values + " " + tr(MAIL_FROM) % values + link_to
    rights = tr(WEBSITE_RIGHTS) % values
    if link:
        autoreply += " " + tr(READ_MORE) % values
        rights += " " + tr(MORE) % values
    genuine = " ".join(
        [tr(GENUINE), tr(SMS_FROM) % values, tr(MAIL_FROM) % values + link_to, tr(NEVER_ASKED)]
    )
    return {
        "voice": tr(VOICE) % values + " " + tr(SMS_FROM) % values + link_to,
        "autoreply": autoreply,
        "website": "\n\n".join(
            [
                tr(WEBSITE_TITLE),
                tr(WEBSITE_WHAT) % values,
                genuine,
                tr(WEBSITE_KEPT) % values,
                rights,
            ]
        ),
    }


def _tenant(args: argparse.Namespace) -> Tenant:
    if args.table:
        from shared.platform import store

        return TenantStore(store.table(args.table)).get(args.tenant)
    tenants = load_tenant_dir(args.config)
    if args.tenant not in tenants:
        raise UnknownTenant(args.tenant)
    return tenants[args.tenant]


def run(args: argparse.Namespace) -> int:
    try:
        tenant = _tenant(args)
    except UnknownTenant as error:
        print(error, file=sys.stderr)
        return 2
    except (OSError, ValidationError) as error:
        print(f"cannot read the tenant settings: {error}", file=sys.stderr)
        return 2
    result = texts(tenant, args.lang, args.base_url)
    if args.only:
        print(result[args.only])
    elif args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        heading = i18n.translation(args.lang).gettext
        blocks = [f"== {heading(HEADINGS[name])} ==\n{result[name]}" for name in CHANNELS]
        print("\n\n".join(blocks))
    return 0
