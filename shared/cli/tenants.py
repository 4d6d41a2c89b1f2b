"""``servicematning tenants check|put|onboard``: validate tenant settings, store them (no
redeploy), and say what a new municipality needs in AWS before its first invitation.

Every line is in one language per run (``--lang``, else the locale; Swedish when it names
neither: ``shared.cli.language``); pydantic's words about an invalid field stay English. Exit
codes: 0 done, 2 nothing was stored (or, for ``onboard``, no steps could be written).

``put`` refuses a tenant whose sender domain the deployed stack cannot send from (its
``SesDomains`` output, which is what the dispatch role's ``ses:SendEmail`` names): such a
tenant's e-mails would be refused by IAM and only show as stale contacts days later.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError

from shared.cli import language
from shared.contacts.reasons import Language
from shared.core.tenants import Tenant, load_tenant_file
from shared.platform import store
from shared.platform.resources import UPLOAD_USER_PATH
from shared.platform.tenant_store import TenantStore

DEFAULT_DIR = Path("config/tenants")
STACK = "Servicematning"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tenants", help="check, store or onboard municipalities' settings"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    files_help = f"JSON files (default: {DEFAULT_DIR}/*.json)"
    check = actions.add_parser("check", help="validate the settings files (no AWS)")
    check.add_argument("files", nargs="*", type=Path, help=files_help)
    language.add_argument(check)
    check.set_defaults(func=run_check)
    put = actions.add_parser("put", help="store the settings in the tenants table")
    put.add_argument("files", nargs="*", type=Path, help=files_help)
    put.add_argument("--table", required=True, help="the tenants table (stack output)")
    put.add_argument("--stack", default=STACK, help=f"the pipeline stack (default {STACK})")
    language.add_argument(put)
    put.set_defaults(func=run_put)
    onboard = actions.add_parser(
        "onboard", help="print what to create in AWS for a new municipality (changes nothing)"
    )
    onboard.add_argument("kommunkod", help="the municipality's four-digit code, e.g. 2480")
    onboard.add_argument(
        "--domain", help="sender domain (default: from config/tenants/<kommunkod>.json)"
    )
    language.add_argument(onboard)
    onboard.set_defaults(func=run_onboard)


def load_tenants(files: list[Path], lang: Language = language.DEFAULT) -> list[Tenant] | None:
    """The tenants in ``files`` (default: every file in config/tenants), or None after printing
    why a file is not valid (in ``lang``; pydantic's own words about a field stay English)."""
    paths = files or sorted(DEFAULT_DIR.glob("*.json"))
    tenants, failed = [], False
    for path in paths:
        try:
            tenants.append(load_tenant_file(path))
        except OSError as error:
            failed = True
            print(
                language.say(
                    lang,
                    f"{path}: filen kan inte läsas: {error.strerror}",
                    f"{path}: the file cannot be read: {error.strerror}",
                ),
                file=sys.stderr,
            )
        except ValidationError as error:
            failed = True
            print(
                language.say(
                    lang,
                    f"{path}: inställningarna är ogiltiga:",
                    f"{path}: the settings are not valid:",
                ),
                file=sys.stderr,
            )
            whole = language.say(lang, "(hela filen)", "(the whole file)")
            for problem in error.errors(include_url=False):
                where = ".".join(str(part) for part in problem["loc"]) or whole
                print(f"  {where}: {problem['msg']} ({problem.get('input')!r})", file=sys.stderr)
    if failed:
        print(language.say(lang, "inget sparades", "nothing was stored"), file=sys.stderr)
    return None if failed else tenants


def run_check(args: argparse.Namespace) -> int:
    lang = language.choose(getattr(args, "lang", None))
    tenants = load_tenants(args.files, lang)
    if tenants is None:
        return 2
    from shared.cli.tenants_check import check

    return check(tenants, lang)


def run_put(args: argparse.Namespace) -> int:
    from shared.cli.preflight import deployed_domains, sender_domain

    lang = language.choose(getattr(args, "lang", None))
    tenants = load_tenants(args.files, lang)
    if tenants is None:
        return 2
    try:
        deployed = deployed_domains(store.client("cloudformation"), args.stack)
    except (ClientError, BotoCoreError) as error:
        code = store.error_code(error) or "error"
        print(
            language.say(
                lang,
                f"stacken {args.stack} kunde inte läsas ({code}); inget sparades",
                f"the stack {args.stack} could not be read ({code}); nothing was stored",
            ),
            file=sys.stderr,
        )
        return 2
    missing = [t for t in tenants if sender_domain(t.email_sender) not in deployed]
    for tenant in missing:
        domain = sender_domain(tenant.email_sender)
        print(
            language.say(
                lang,
                f"{tenant.kommunkod}: avsändardomänen {domain} finns inte i stackens "
                "sesDomains (e-post skulle nekas); driftsätt om med den",
                f"{tenant.kommunkod}: the sender domain {domain} is not in the stack's "
                "sesDomains (its e-mail would be refused); redeploy with it",
            ),
            file=sys.stderr,
        )
    if missing:
        print(language.say(lang, "inget sparades", "nothing was stored"), file=sys.stderr)
        return 2
    count = TenantStore(store.table(args.table)).put(tenants)
    print(
        language.say(
            lang,
            f"{count} kommuner sparade i {args.table}",
            f"stored {count} municipalities in {args.table}",
        )
    )
    return 0


# The placeholders an operator fills in, named in the output's language.
_PLACEHOLDERS: dict[Language, dict[str, str]] = {
    "sv": {"deployed": "den driftsatta listan", "reader": "läsare", "viewers": "läsargruppen"},
    "en": {"deployed": "the deployed list", "reader": "reader", "viewers": "viewers group"},
}


def _onboarding_commands(kommunkod: str, domain: str, lang: Language) -> dict[str, str]:
    """The commands of each onboarding step, written once for both languages (only the
    placeholders are translated), so a fix to a command reaches both."""
    from shared.results.export import municipality_group

    group = municipality_group(kommunkod)
    words = _PLACEHOLDERS[lang]
    user = f"servicematning-upload-{kommunkod}"
    return {
        "ses": f"""\
     aws sesv2 create-email-identity --email-identity {domain}
     aws sesv2 get-email-identity --email-identity {domain} --query DkimAttributes.Tokens""",
        "cname": f"     <token>._domainkey.{domain}  CNAME  <token>.dkim.amazonses.com",
        "deploy": (
            f"     npx cdk deploy Servicematning -c sesDomains=<{words['deployed']}>,{domain} ..."
        ),
        "quicksight": f"""\
     aws quicksight create-group --aws-account-id ACCOUNT_ID --namespace default \\
       --group-name {group}
     aws quicksight create-group-membership --aws-account-id ACCOUNT_ID --namespace default \\
       --group-name {group} --member-name <{words["reader"]}>
     aws quicksight create-group-membership --aws-account-id ACCOUNT_ID --namespace default \\
       --group-name <{words["viewers"]}> --member-name <{words["reader"]}>""",
        "iam": f"""\
     aws iam create-user --user-name {user} \\
       --path {UPLOAD_USER_PATH} --tags Key=kommunkod,Value={kommunkod}
     aws iam put-user-policy --user-name {user} \\
       --policy-name assume-upload-role --policy-document '{{"Version": "2012-10-17",
       "Statement": [{{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
       "Resource": "<UploadRoleArn>"}}]}}'""",
        "reports": f"     aws s3 ls s3://<DataBucketName>/reports/{kommunkod}/",
        "settings": f"""\
     servicematning tenants check config/tenants/{kommunkod}.json
     servicematning tenants put --table <TenantsTableName>""",
        "preflight": "     servicematning preflight",
    }


def onboarding_steps(kommunkod: str, domain: str, lang: Language = language.DEFAULT) -> str:
    """What an operator creates for a new municipality, as commands to run (nothing is run),
    told in ``lang``; the commands are the same in both (``_onboarding_commands``)."""
    c = _onboarding_commands(kommunkod, domain, lang)
    if lang == "sv":
        return f"""\
Ansluta {kommunkod} (avsändardomän {domain}); byt ACCOUNT_ID och REGION (eu-north-1).

1. SES-identitet för avsändardomänen, med DKIM (i stackens region):
{c["ses"]}
   Kommunen lägger in en CNAME per token i sin DNS:
{c["cname"]}
   och, för DMARC, den SPF/DMARC-policy den redan har för {domain}.
   Vänta tills `get-email-identity` visar VerifiedForSendingStatus true och DKIM SUCCESS.

2. Driftsätt pipelinen igen med {domain} tillagd i sesDomains (docs/deploy.md, steg 4):
{c["deploy"]}

3. QuickSight-grupp för kommunens läsare (radnivåskyddet namnger den), och läsarna tillagda i
   den och i gruppen av läsare som instrumentpanelen delas med:
{c["quicksight"]}

4. Uppladdare: en IAM-användare under /servicematning-upload/ (de enda anropare som
   uppladdningsrollen litar på: en administratör sätter en användares taggar, en rollsessions
   taggar är dess startares), taggad med kommunkoden, som får anta uppladdningsrollen och
   inget annat:
{c["iam"]}
   Rollen lägger filer i inbox/{kommunkod}/ och listar och läser uppladdningsrapporterna under
   reports/{kommunkod}/, inget annat:
{c["reports"]}

5. Inställningar: config/tenants/{kommunkod}.json (report_contacts: kontaktcentrets
   brevlådor som får ett mejl om varje uppladdad fil), sedan
{c["settings"]}

6. Kontrollera allt före den första inbjudan:
{c["preflight"]}
"""
    return f"""\
Onboarding {kommunkod} (sender domain {domain}); replace ACCOUNT_ID and REGION (eu-north-1).

1. SES identity for the sender domain, with DKIM (in the stack's region):
{c["ses"]}
   The municipality adds one CNAME per token to its DNS:
{c["cname"]}
   plus, for DMARC alignment, an SPF/DMARC policy it already has for {domain}.
   Wait until `get-email-identity` shows VerifiedForSendingStatus true and DKIM SUCCESS.

2. Redeploy the pipeline with {domain} added to sesDomains (docs/deploy.md, step 4):
{c["deploy"]}

3. QuickSight group for the municipality's readers (row-level security names it), and its
   readers added to it and to the viewers group the dashboard is shared with:
{c["quicksight"]}

4. Upload principal: an IAM user under /servicematning-upload/ (the only callers the upload
   role trusts: an administrator sets a user's tags, a role session's are its starter's),
   tagged with the municipality's code, allowed to assume the upload role and nothing else:
{c["iam"]}
   The role puts files into inbox/{kommunkod}/ and lists and reads the ingest reports under
   reports/{kommunkod}/, nothing else:
{c["reports"]}

5. Settings: config/tenants/{kommunkod}.json (report_contacts: the contact centre's mailboxes
   that get an e-mail about every uploaded file), then
{c["settings"]}

6. Check everything before the first invitation:
{c["preflight"]}
"""


def run_onboard(args: argparse.Namespace) -> int:
    from shared.cli.preflight import sender_domain

    lang = language.choose(getattr(args, "lang", None))
    kommunkod = args.kommunkod
    if not (len(kommunkod) == 4 and kommunkod.isdigit()):
        print(
            language.say(
                lang,
                f"{kommunkod!r}: en kommunkod har fyra siffror, t.ex. 2480",
                f"{kommunkod!r}: a kommunkod has four digits, e.g. 2480",
            ),
            file=sys.stderr,
        )
        return 2
    domain = args.domain
    if not domain:
        path = DEFAULT_DIR / f"{kommunkod}.json"
        try:
            domain = sender_domain(load_tenant_file(path).email_sender)
        except (OSError, ValidationError):
            print(
                language.say(
                    lang,
                    f"{path} saknas eller är ogiltig: ange --domain",
                    f"{path} is missing or invalid: give --domain",
                ),
                file=sys.stderr,
            )
            return 2
    print(onboarding_steps(kommunkod, domain.lower(), lang), end="")
    return 0
