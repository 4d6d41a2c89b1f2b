"""``servicematning infotext --tenant KOMMUNKOD``: ready texts that tell residents about the
survey through the channels a municipality uses for that: the contact centre's voice response,
its e-mail auto-reply, and its website. The facts are the same as on the /om page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from shared.settings import SURVEY_BASE_URL
from shared.survey.info import Facts, facts
from shared.tenants import Tenant, TenantStore, UnknownTenant, load_tenant_dir

DEFAULT_DIR = Path("config/tenants")
CHANNELS = ("voice", "autoreply", "website")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "infotext",
        help="texts about the survey for voice response, e-mail auto-reply and website",
    )
    parser.add_argument("--tenant", required=True, metavar="KOMMUNKOD")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--only", choices=CHANNELS, help="print one of the three texts")
    parser.add_argument("--json", action="store_true", help="print the texts as one JSON object")
    parser.add_argument(
        "--base-url",
        default=os.environ.get(SURVEY_BASE_URL, ""),
        help=f"the survey pages' address, for the link to /om (default: ${SURVEY_BASE_URL})",
    )
    parser.add_argument("--table", help="read the tenant from this tenants table")
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_DIR, help=f"tenant files (default {DEFAULT_DIR})"
    )
    parser.set_defaults(func=run)


def _about_link(base_url: str, f: Facts, lang: str) -> str:
    path = "/om" if lang == "sv" else "/about"
    return f"{base_url.rstrip('/')}{path}?k={f.kommunkod}" if base_url else ""


def _spoken(website: str | None) -> str:
    return (website or "").removeprefix("https://").removeprefix("http://").rstrip("/")


def texts(tenant: Tenant, lang: str = "sv", base_url: str = "") -> dict[str, str]:
    """The three texts for ``tenant`` in ``lang``."""
    f = facts(tenant)
    link = _about_link(base_url, f, lang)
    site = _spoken(f.website)
    if lang == "en":
        return {
            "voice": (
                f"You may get a text message or an e-mail from {f.organisation} asking how you "
                "experienced your contact with us today. Answering is voluntary and anonymous. "
                "Your phone number or e-mail address is deleted as soon as the question has "
                f"been sent. Read more at {site or 'our website'}."
            ),
            "autoreply": (
                f"Thank you for your e-mail. {f.organisation} measures how residents experience "
                "our service: you may get one short survey by e-mail. It is voluntary and "
                "anonymous, your address is deleted as soon as the invitation has been sent "
                f"(at the latest after {f.max_holding_hours} hours), and you can decline with "
                "one click. " + (f"Read more: {link}" if link else "")
            ).strip(),
            "website": "\n\n".join(
                [
                    "Service survey",
                    f"{f.organisation} asks some of those who contacted us by phone or e-mail "
                    "how they experienced the contact. Phone contacts get a text message, "
                    "e-mail contacts an e-mail, with a link to a few short questions.",
                    "What is kept and for how long: your phone number or e-mail address is "
                    "only used to send the invitation and is deleted right after, at the "
                    f"latest after {f.max_holding_hours} hours. The answers are anonymous. "
                    "Phone numbers, e-mail addresses and personal identity numbers are removed "
                    "from free-text answers. If you decline, only the fact that someone "
                    "declined is kept. Results are shown only for groups of at least "
                    f"{f.min_cell_size} answers.",
                    "Your rights: you can ask us about your data, object, and complain to the "
                    "Swedish Authority for Privacy Protection (IMY). Questions: "
                    f"{f.privacy_contact}." + (f" More: {link}" if link else ""),
                ]
            ),
        }
    return {
        "voice": (
            f"Du kan få ett sms eller e-post från {f.organisation} med en fråga om hur du "
            "upplevde din kontakt med oss i dag. Det är frivilligt och anonymt att svara. Ditt "
            "telefonnummer eller din e-postadress raderas så fort frågan har skickats. Läs mer "
            f"på {site or 'vår webbplats'}."
        ),
        "autoreply": (
            f"Tack för ditt mejl. {f.organisation} mäter hur invånarna upplever vår service: du "
            "kan få en kort enkät via e-post. Det är frivilligt och anonymt, din adress raderas "
            f"så fort inbjudan har skickats (senast efter {f.max_holding_hours} timmar) och du "
            "kan tacka nej med ett klick. " + (f"Läs mer: {link}" if link else "")
        ).strip(),
        "website": "\n\n".join(
            [
                "Servicemätning",
                f"{f.organisation} frågar en del av dem som har kontaktat oss via telefon eller "
                "e-post hur de upplevde kontakten. Den som ringde får ett sms och den som "
                "mejlade får ett e-postmeddelande, med en länk till några korta frågor.",
                "Vad sparas och hur länge: ditt telefonnummer eller din e-postadress används "
                "bara för att skicka inbjudan och raderas direkt efteråt, senast efter "
                f"{f.max_holding_hours} timmar. Svaren är anonyma. Telefonnummer, "
                "e-postadresser och personnummer tas bort ur fritextsvar. Om du tackar nej "
                "sparas bara att någon har tackat nej. Resultat visas bara för grupper med "
                f"minst {f.min_cell_size} svar.",
                "Dina rättigheter: du kan fråga oss om dina uppgifter, invända och klaga hos "
                f"Integritetsskyddsmyndigheten (IMY). Frågor: {f.privacy_contact}."
                + (f" Mer: {link}" if link else ""),
            ]
        ),
    }


def _tenant(args: argparse.Namespace) -> Tenant:
    if args.table:
        from shared import store

        return TenantStore(store.table(args.table)).get(args.tenant)
    tenants = load_tenant_dir(args.config)
    if args.tenant not in tenants:
        raise UnknownTenant(args.tenant)
    return tenants[args.tenant]


HEADINGS = {
    "sv": {"voice": "Talsvar", "autoreply": "Autosvar e-post", "website": "Webbplats"},
    "en": {"voice": "Voice response", "autoreply": "E-mail auto-reply", "website": "Website"},
}


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
        blocks = [f"== {HEADINGS[args.lang][name]} ==\n{result[name]}" for name in CHANNELS]
        print("\n\n".join(blocks))
    return 0
