"""``servicematning preflight``: read-only checks of the target account before invitations go out.

    servicematning preflight [--stack Servicematning] [FILES...]

Each check prints one line, ``PASS`` or ``FAIL`` (fixed tokens, like the checks' names, for
a script or grep), with its subject and, on failure, what is wrong in the run's language
(``--lang``, else the locale; Swedish by default). Exit codes: 0 every check passed, 1 one or
more failed, 2 a settings file is not valid (nothing was checked). Nothing is changed and
nothing personal is read: only configuration (identities, attributes, selectors, groups).

1. ``ses-identity``: every tenant's sender domain is a verified SES identity with DKIM.
2. ``ses-deployed``: that domain is in the deployed stack's identity list (its ``SesDomains``
   output, what the dispatch role may send from); a domain missing there is refused by IAM.
3. ``sns-sms``: the account's SMS attributes have no delivery-status logging role and no usage
   report bucket (both would log phone numbers).
4. ``ses-events``: the configuration set has no event destinations (they would copy every
   recipient address to CloudWatch, Firehose, SNS or EventBridge).
5. ``cloudtrail``: no trail logs SNS or SES data events (the request parameters hold the
   phone number or address).
6. ``quicksight-group``: the groups ``servicematning-<kommunkod>`` of every tenant and the
   operators' group exist (QuickSight's row-level security names them), in QuickSight's
   identity region (``--quicksight-region``; groups live there, whatever the stack's region).
7. ``ses-production``: the account has SES production access and sending enabled (the sandbox
   sends only to verified addresses: every invitation would be refused).
8. ``sms-sandbox``: the account's SMS is out of the sandbox (it sends only to verified numbers).
9. ``sms-spend-limit``: the account's monthly SMS spend limit is the one the stack's
   ``SmsSpendNearLimit`` alarm was deployed with (output ``SmsSpendLimitUsd``): at the limit SNS
   stops sending without an error, so the alarm must know it.
10. ``backup-dynamodb``: AWS Backup's advanced features for DynamoDB are off, so the daily
    recovery points are native DynamoDB backups the documented restore can restore.
11. ``powertools-layer``: the Powertools layer the stack pins (output ``PowertoolsLayerArn``)
    exists and names the Powertools version of this environment (uv.lock's) in its description.
12. ``quicksight-account``: with ``--quicksight-account NAME``, the QuickSight subscription in
    the identity region is that account name and the Enterprise edition (row-level security
    needs it); the analytics stack's group ARNs (if deployed) name the identity region.

13. ``themes-model``: when the stack counts comment themes with a Bedrock model (output
    ``ThemesModelId``), that model is offered in the region, the account is authorised and
    entitled to it and any agreement is accepted (GetFoundationModelAvailability: no text sent).

The report sender's domain (output ``ReportSender``) is checked like a tenant's in 1.

Tenants come from the JSON files given (default ``config/tenants``), the same files
``tenants put`` stores.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from shared.cli import language
from shared.contacts.reasons import Language
from shared.platform import store

STACK = "Servicematning"
ANALYTICS_STACK = "ServicematningAnalytics"
SES_DOMAINS_OUTPUT = "SesDomains"
REPORT_SENDER_OUTPUT = "ReportSender"
SMS_SPEND_LIMIT_OUTPUT = "SmsSpendLimitUsd"
POWERTOOLS_LAYER_OUTPUT = "PowertoolsLayerArn"
THEMES_MODEL_OUTPUT = "ThemesModelId"  # infra/constructs/results.py
VIEWERS_PARAMETER = "QuickSightViewerGroupArn"
CONFIGURATION_SET_PARAMETER = "SesConfigurationSet"
QUICKSIGHT_NAMESPACE = "default"
# Data-event resource types of the two services that carry recipients in their requests.
PERSONAL_EVENT_TYPES = ("AWS::SNS::", "AWS::SES::", "AWS::SMSVoice::")


@dataclass(frozen=True)
class Result:
    check: str
    subject: str
    passed: bool
    sv: str = ""
    en: str = ""

    def line(self, lang: Language = language.DEFAULT) -> str:
        status = "PASS" if self.passed else "FAIL"
        detail = f"  ({language.say(lang, self.sv, self.en)})" if not self.passed else ""
        return f"{status}  {self.check:<17} {self.subject}{detail}"


def _code(error: Exception) -> str:
    return store.error_code(error) or type(error).__name__


def _failed_call(check: str, subject: str, error: Exception) -> Result:
    code = _code(error)
    return Result(
        check,
        subject,
        False,
        f"kunde inte läsas ({code})",
        f"could not be read ({code})",
    )


class DeployedStack:
    """The pipeline stack's outputs and parameters, read once (CloudFormation DescribeStacks)."""

    def __init__(self, cloudformation: Any, name: str) -> None:
        stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
        self.outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        self.parameters = {
            p["ParameterKey"]: p.get("ParameterValue", "") for p in stack.get("Parameters", [])
        }

    @property
    def ses_domains(self) -> frozenset[str]:
        value = self.outputs.get(SES_DOMAINS_OUTPUT, "")
        return frozenset(d.strip().lower() for d in value.split(",") if d.strip() not in ("", "-"))


def deployed_domains(cloudformation: Any, stack: str = STACK) -> frozenset[str]:
    return DeployedStack(cloudformation, stack).ses_domains


def sender_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower()


# --- the checks ----------------------------------------------------------------------------


def check_identities(sesv2: Any, domains: Iterable[str]) -> list[Result]:
    out = []
    for domain in sorted(set(domains)):
        try:
            identity = sesv2.get_email_identity(EmailIdentity=domain)
        except (ClientError, BotoCoreError) as error:
            if _code(error) == "NotFoundException":
                out.append(
                    Result(
                        "ses-identity",
                        domain,
                        False,
                        "ingen SES-identitet i regionen",
                        "no SES identity in this region",
                    )
                )
            else:
                out.append(_failed_call("ses-identity", domain, error))
            continue
        verified = bool(identity.get("VerifiedForSendingStatus"))
        dkim = identity.get("DkimAttributes", {}).get("Status") == "SUCCESS"
        if verified and dkim:
            out.append(Result("ses-identity", domain, True))
        else:
            missing_sv = [w for w, ok in (("verifierad", verified), ("DKIM", dkim)) if not ok]
            missing_en = [w for w, ok in (("verified", verified), ("DKIM", dkim)) if not ok]
            out.append(
                Result(
                    "ses-identity",
                    domain,
                    False,
                    "saknar " + " och ".join(missing_sv),
                    "not " + " and ".join(missing_en),
                )
            )
    return out


def check_deployed(domains: Iterable[str], deployed: frozenset[str]) -> list[Result]:
    return [
        Result("ses-deployed", d, True)
        if d in deployed
        else Result(
            "ses-deployed",
            d,
            False,
            "finns inte i stackens sesDomains: driftsätt om med domänen",
            "not in the stack's sesDomains: redeploy with the domain",
        )
        for d in sorted(set(domains))
    ]


def check_sms_attributes(sns: Any) -> list[Result]:
    try:
        attributes = sns.get_sms_attributes()["attributes"]
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("sns-sms", "SMS attributes", error)]
    out = []
    for key, sv, en in (
        ("DeliveryStatusIAMRole", "leveransloggning är på", "delivery-status logging is on"),
        ("UsageReportS3Bucket", "användningsrapporter skrivs", "usage reports are written"),
    ):
        if attributes.get(key):
            out.append(
                Result(
                    "sns-sms",
                    key,
                    False,
                    f"{sv} (telefonnummer loggas)",
                    f"{en} (it logs phone numbers)",
                )
            )
        else:
            out.append(Result("sns-sms", key, True))
    return out


def check_event_destinations(ses: Any, configuration_set: str) -> list[Result]:
    """SES v1's DescribeConfigurationSet (the v2 listing is the same data; moto has v1 only)."""
    try:
        described = ses.describe_configuration_set(
            ConfigurationSetName=configuration_set,
            ConfigurationSetAttributeNames=["eventDestinations"],
        )
    except (ClientError, BotoCoreError) as error:
        if _code(error) == "ConfigurationSetDoesNotExist":
            return [
                Result(
                    "ses-events",
                    configuration_set,
                    False,
                    "konfigurationsuppsättningen finns inte",
                    "the configuration set does not exist",
                )
            ]
        return [_failed_call("ses-events", configuration_set, error)]
    destinations = [d.get("Name", "?") for d in described.get("EventDestinations", [])]
    if destinations:
        names = ", ".join(sorted(destinations))
        return [
            Result(
                "ses-events",
                configuration_set,
                False,
                f"händelsedestinationer kopierar mottagarna: {names}",
                f"event destinations copy the recipients: {names}",
            )
        ]
    return [Result("ses-events", configuration_set, True)]


def _selector_covers_personal_events(selectors: dict[str, Any]) -> bool:
    for selector in selectors.get("EventSelectors") or []:
        for resource in selector.get("DataResources", []):
            if str(resource.get("Type", "")).startswith(PERSONAL_EVENT_TYPES):
                return True
    for selector in selectors.get("AdvancedEventSelectors") or []:
        for field in selector.get("FieldSelectors", []):
            if field.get("Field") != "resources.type":
                continue
            values = [*field.get("Equals", []), *field.get("StartsWith", [])]
            if any(str(v).startswith(PERSONAL_EVENT_TYPES) for v in values):
                return True
            if field.get("NotEquals") or field.get("NotStartsWith"):
                excluded = [*field.get("NotEquals", []), *field.get("NotStartsWith", [])]
                if not all(
                    any(str(x).startswith(t) for x in excluded) for t in PERSONAL_EVENT_TYPES
                ):
                    return True  # "every type but …" that does not exclude both services
    return False


def check_cloudtrail(cloudtrail: Any) -> list[Result]:
    try:
        trails = cloudtrail.describe_trails(includeShadowTrails=True)["trailList"]
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("cloudtrail", "trails", error)]
    out = []
    for trail in trails:
        name = trail.get("Name", "?")
        try:
            selectors = cloudtrail.get_event_selectors(TrailName=trail.get("TrailARN", name))
        except (ClientError, BotoCoreError) as error:
            out.append(_failed_call("cloudtrail", name, error))
            continue
        if _selector_covers_personal_events(selectors):
            out.append(
                Result(
                    "cloudtrail",
                    name,
                    False,
                    "loggar datahändelser för SNS/SES (mottagare hamnar i loggen)",
                    "logs SNS/SES data events (recipients end up in the log)",
                )
            )
        else:
            out.append(Result("cloudtrail", name, True))
    if not trails:
        out.append(Result("cloudtrail", "(no trails)", True))
    return out


def check_quicksight_groups(quicksight: Any, account: str, groups: Iterable[str]) -> list[Result]:
    out = []
    for group in sorted(set(groups)):
        try:
            quicksight.describe_group(
                AwsAccountId=account, Namespace=QUICKSIGHT_NAMESPACE, GroupName=group
            )
        except (ClientError, BotoCoreError) as error:
            if _code(error) == "ResourceNotFoundException":
                out.append(
                    Result(
                        "quicksight-group",
                        group,
                        False,
                        "gruppen saknas (servicematning tenants onboard visar hur)",
                        "the group is missing (servicematning tenants onboard shows how)",
                    )
                )
            else:
                out.append(_failed_call("quicksight-group", group, error))
            continue
        out.append(Result("quicksight-group", group, True))
    return out


def check_ses_production(sesv2: Any) -> list[Result]:
    try:
        account = sesv2.get_account()
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("ses-production", "account", error)]
    if not account.get("ProductionAccessEnabled"):
        return [
            Result(
                "ses-production",
                "account",
                False,
                "SES är i sandlådan: begär produktionsåtkomst",
                "SES is in the sandbox: request production access",
            )
        ]
    if not account.get("SendingEnabled", True):
        return [
            Result(
                "ses-production",
                "account",
                False,
                "SES-sändning är avstängd för kontot",
                "SES sending is paused for the account",
            )
        ]
    return [Result("ses-production", "account", True)]


def check_sms_sandbox(sns: Any) -> list[Result]:
    try:
        in_sandbox = sns.get_sms_sandbox_account_status()["IsInSandbox"]
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("sms-sandbox", "account", error)]
    if in_sandbox:
        return [
            Result(
                "sms-sandbox",
                "account",
                False,
                "SMS är i sandlådan: bara verifierade nummer nås",
                "SMS is in the sandbox: only verified numbers are reached",
            )
        ]
    return [Result("sms-sandbox", "account", True)]


def check_sms_spend_limit(sns: Any, deployed_limit: str | None) -> list[Result]:
    try:
        attributes = sns.get_sms_attributes(attributes=["MonthlySpendLimit"])["attributes"]
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("sms-spend-limit", "MonthlySpendLimit", error)]
    account = attributes.get("MonthlySpendLimit") or "1"  # AWS's default for a new account
    subject = f"{account} USD"
    if deployed_limit is None:
        return [
            Result(
                "sms-spend-limit",
                subject,
                False,
                "stacken saknar SmsSpendLimitUsd: driftsätt om",
                "the stack has no SmsSpendLimitUsd output: redeploy",
            )
        ]
    try:
        same = float(account) == float(deployed_limit)
    except ValueError:
        same = False
    if not same:
        return [
            Result(
                "sms-spend-limit",
                subject,
                False,
                f"larmet förutsätter {deployed_limit} USD: driftsätt med -c smsSpendLimitUsd="
                f"{account}",
                f"the alarm assumes {deployed_limit} USD: deploy with -c smsSpendLimitUsd="
                f"{account}",
            )
        ]
    return [Result("sms-spend-limit", subject, True)]


def check_backup_settings(backup: Any) -> list[Result]:
    try:
        settings = backup.describe_region_settings()
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("backup-dynamodb", "region settings", error)]
    advanced = settings.get("ResourceTypeManagementPreference", {}).get("DynamoDB", False)
    if advanced:
        return [
            Result(
                "backup-dynamodb",
                "advanced features",
                False,
                "AWS Backups avancerade funktioner för DynamoDB är på: återställningen i "
                "docs/operations.md fungerar inte",
                "AWS Backup's advanced DynamoDB features are on: the restore in "
                "docs/operations.md does not apply",
            )
        ]
    return [Result("backup-dynamodb", "advanced features", True)]


def check_powertools_layer(lambda_: Any, layer_arn: str | None, version: str) -> list[Result]:
    if not layer_arn:
        return [
            Result(
                "powertools-layer",
                "-",
                False,
                "stacken saknar PowertoolsLayerArn: driftsätt om",
                "the stack has no PowertoolsLayerArn output: redeploy",
            )
        ]
    subject = layer_arn.rsplit(":", 2)[-2] + ":" + layer_arn.rsplit(":", 1)[-1]
    try:
        layer = lambda_.get_layer_version_by_arn(Arn=layer_arn)
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("powertools-layer", subject, error)]
    if version not in str(layer.get("Description", "")).split():
        return [
            Result(
                "powertools-layer",
                subject,
                False,
                f"lagret är inte Powertools {version} (docs/deploy.md: uppdatera lagret)",
                f"the layer is not Powertools {version} (docs/deploy.md: updating the layer)",
            )
        ]
    return [Result("powertools-layer", subject, True)]


def check_quicksight_account(
    quicksight: Any, account: str, name: str | None, region: str, viewers_arn: str | None
) -> list[Result]:
    out = []
    if viewers_arn is not None:
        arn_region = viewers_arn.split(":")[3] if viewers_arn.count(":") >= 5 else ""
        out.append(
            Result("quicksight-account", f"group ARNs in {region}", True)
            if arn_region == region
            else Result(
                "quicksight-account",
                f"group ARNs in {arn_region or '?'}",
                False,
                f"analysstackens grupp-ARN pekar inte på identitetsregionen {region}",
                f"the analytics stack's group ARNs do not name the identity region {region}",
            )
        )
    if name is None:
        return out
    try:
        info = quicksight.describe_account_subscription(AwsAccountId=account)["AccountInfo"]
    except (ClientError, BotoCoreError) as error:
        return [*out, _failed_call("quicksight-account", name, error)]
    problems = []
    if info.get("AccountName") != name:
        problems.append(("kontonamnet är ett annat", "the account name differs"))
    if info.get("Edition") != "ENTERPRISE":
        problems.append(("inte Enterprise (radnivåskydd kräver det)", "not Enterprise (RLS)"))
    if problems:
        return [
            *out,
            Result(
                "quicksight-account",
                name,
                False,
                "; ".join(p[0] for p in problems),
                "; ".join(p[1] for p in problems),
            ),
        ]
    return [*out, Result("quicksight-account", name, True)]


# --- the command ---------------------------------------------------------------------------


def check_themes_model(bedrock: Any, model_id: str | None) -> list[Result]:
    """The themes' Bedrock model can be invoked in the region (nothing to check without one)."""
    if not model_id:
        return []
    try:
        found = bedrock.get_foundation_model_availability(modelId=model_id)
    except (ClientError, BotoCoreError) as error:
        return [_failed_call("themes-model", model_id, error)]
    agreement = found.get("agreementAvailability", {}).get("status")
    problems = [
        (sv, en)
        for ok, sv, en in (
            (
                found.get("regionAvailability") == "AVAILABLE",
                "finns inte i regionen",
                "not in the region",
            ),
            (
                found.get("authorizationStatus") == "AUTHORIZED",
                "kontot saknar behörighet",
                "the account is not authorised",
            ),
            (
                found.get("entitlementAvailability") == "AVAILABLE",
                "kontot saknar åtkomst",
                "the account has no access",
            ),
            (
                agreement in (None, "AVAILABLE"),
                "avtalet är inte godkänt",
                "its agreement is not accepted",
            ),
        )
        if not ok
    ]
    if problems:
        sv = "modellen " + ", ".join(p[0] for p in problems)
        en = "the model: " + ", ".join(p[1] for p in problems)
        return [Result("themes-model", model_id, False, sv, en)]
    return [Result("themes-model", model_id, True)]


def run_checks(
    tenants: Sequence[Any],
    *,
    stack: str = STACK,
    client: Callable[..., Any] | None = None,
    quicksight_account: str | None = None,
    quicksight_region: str | None = None,
) -> list[Result]:
    """Every check against the account the default credentials reach. ``client(service,
    region=None)`` makes a client (default: ``store.client``, or one in ``region``)."""
    from importlib.metadata import version

    from shared.platform import store
    from shared.results.export import OPERATORS_GROUP, municipality_group

    make = client or store.regional_client
    domains = [sender_domain(t.email_sender) for t in tenants]
    results: list[Result] = []
    try:
        deployed = DeployedStack(make("cloudformation"), stack)
    except (ClientError, BotoCoreError) as error:
        results.append(_failed_call("stack", stack, error))
        deployed = None
    outputs = deployed.outputs if deployed else {}
    sender = outputs.get(REPORT_SENDER_OUTPUT, "-")
    report_domain = [sender_domain(sender)] if "@" in sender else []
    results += check_identities(make("sesv2"), [*domains, *report_domain])
    if deployed is not None:
        results += check_deployed(domains, deployed.ses_domains)
    results += check_ses_production(make("sesv2"))
    results += check_sms_attributes(make("sns"))
    results += check_sms_sandbox(make("sns"))
    if deployed is not None:
        results += check_sms_spend_limit(make("sns"), outputs.get(SMS_SPEND_LIMIT_OUTPUT))
    configuration_set = (
        deployed.parameters.get(CONFIGURATION_SET_PARAMETER) if deployed else None
    ) or "servicematning"
    results += check_event_destinations(make("ses"), configuration_set)
    results += check_cloudtrail(make("cloudtrail"))
    results += check_backup_settings(make("backup"))
    if deployed is not None:
        results += check_powertools_layer(
            make("lambda"), outputs.get(POWERTOOLS_LAYER_OUTPUT), version("aws-lambda-powertools")
        )
        results += check_themes_model(make("bedrock"), outputs.get(THEMES_MODEL_OUTPUT))
    account = make("sts").get_caller_identity()["Account"]
    quicksight = make("quicksight", region=quicksight_region)
    region = quicksight_region or quicksight.meta.region_name
    try:
        viewers: str | None = DeployedStack(make("cloudformation"), ANALYTICS_STACK).parameters.get(
            VIEWERS_PARAMETER
        )
    except (ClientError, BotoCoreError):
        viewers = None  # the analytics stack is not deployed (yet): nothing to compare
    results += check_quicksight_account(quicksight, account, quicksight_account, region, viewers)
    groups = [municipality_group(t.kommunkod) for t in tenants] + [OPERATORS_GROUP]
    results += check_quicksight_groups(quicksight, account, groups)
    return results


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "preflight",
        help="read-only checks of the AWS account before sending (exit 1 on any failure)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="tenant JSON files (default: config/tenants)"
    )
    parser.add_argument(
        "--stack", default=STACK, help=f"the pipeline stack's name (default {STACK})"
    )
    parser.add_argument(
        "--quicksight-account",
        metavar="NAME",
        help="the QuickSight account name given at subscription (account names are global)",
    )
    parser.add_argument(
        "--quicksight-region",
        metavar="REGION",
        help="QuickSight's identity region, where its groups live (default: the AWS region)",
    )
    language.add_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from shared.cli.tenants import load_tenants

    lang = language.choose(getattr(args, "lang", None))
    tenants = load_tenants(args.files, lang)
    if tenants is None:
        return 2
    results = run_checks(
        tenants,
        stack=args.stack,
        quicksight_account=args.quicksight_account,
        quicksight_region=args.quicksight_region,
    )
    for result in results:
        print(result.line(lang))
    failed = sum(not r.passed for r in results)
    passed = len(results) - failed
    print(
        language.say(
            lang,
            f"{passed} av {len(results)} kontroller godkända",
            f"{passed} of {len(results)} checks passed",
        )
    )
    return 1 if failed else 0
