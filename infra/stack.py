"""The pipeline stack: storage, the four capabilities, and their monitoring.

Analytics (Glue, Athena, QuickSight) is a separate stack, ``ServicematningAnalytics``
(infra/analytics/): this one deploys and runs without it, and hands it the
analytics bucket's name through one SSM parameter.

Deploy-time choices come from CDK context (`cdk deploy -c key=value`, see docs/deploy.md) and
from one CloudFormation parameter (the SES configuration set), read once into StackOptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aws_cdk import Annotations, CfnOutput, CfnParameter, Fn, Stack
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from infra import packaging as pkg
from infra import powertools
from infra.analytics.stack import ANALYTICS_BUCKET_PARAMETER
from infra.constructs.backup import BACKED_UP, Backups
from infra.constructs.canary import Canary
from infra.constructs.dispatch import Dispatch
from infra.constructs.ingest import Ingest
from infra.constructs.lambdas import LambdaOptions, Lambdas
from infra.constructs.monitoring import Monitoring
from infra.constructs.results import Results
from infra.constructs.storage import Storage
from infra.constructs.survey import Survey
from infra.constructs.watch import UploadWatch
from shared.platform import resources

DEFAULT_REGION = "eu-north-1"
SMS_SPEND_LIMIT_OUTPUT = "SmsSpendLimitUsd"


@dataclass(frozen=True)
class StackOptions:
    region: str = DEFAULT_REGION
    packaging: pkg.Mode = "vendor"
    architecture: pkg.Architecture = "arm64"
    asset_dir: Path = pkg.ASSETS
    ses_domains: tuple[str, ...] = ()  # tenant sender domains (SES identities)
    survey_domain: str | None = None  # e.g. enkat.example.se (short: it goes into every SMS)
    survey_certificate_arn: str | None = None  # ACM certificate for survey_domain, same region
    alarm_email: str | None = None
    report_sender: str | None = None  # From of the upload reports, on a verified SES identity
    release_cadence: str = "weekly"  # the public release calendar: weekly (Mondays) or daily
    sms_spend_limit_usd: float = 1.0  # the account's monthly SMS spend limit (AWS's default: 1)
    themes_model_id: str | None = None  # a Bedrock model in the stack's region counts themes

    @classmethod
    def from_context(cls, node: Construct) -> StackOptions:
        """Options from `cdk -c` context; unset keys keep the defaults above."""

        def get(key: str) -> str | None:
            value = node.node.try_get_context(key)
            return str(value).strip() or None if value is not None else None

        domains = get("sesDomains") or ""
        mode = get("packaging") or "vendor"
        architecture = get("architecture") or "arm64"
        if mode not in pkg.MODES:
            raise ValueError(f"packaging={mode!r}: one of {', '.join(pkg.MODES)}")
        if architecture not in pkg.PLATFORMS:
            raise ValueError(f"architecture={architecture!r}: one of {', '.join(pkg.PLATFORMS)}")
        return cls(
            region=get("region") or DEFAULT_REGION,
            packaging=mode,
            asset_dir=Path(get("assetDir") or pkg.ASSETS),
            architecture=architecture,
            ses_domains=tuple(d.strip() for d in domains.split(",") if d.strip()),
            survey_domain=get("surveyDomain"),
            survey_certificate_arn=get("surveyCertificateArn"),
            alarm_email=get("alarmEmail"),
            report_sender=get("reportSender"),
            release_cadence=_cadence(get("releaseCadence") or "weekly"),
            sms_spend_limit_usd=sms_spend_limit(get("smsSpendLimitUsd")),
            themes_model_id=themes_model(get("themesModelId")),
        )


def _cadence(value: str) -> str:
    if value not in ("weekly", "daily"):
        raise ValueError(f"releaseCadence={value!r}: weekly or daily")
    return value


def themes_model(value: str | None) -> str | None:
    """``-c themesModelId=ID``: a Bedrock model offered in the stack's own region (never a
    cross-region inference profile; the settings model's rule, shared/platform/settings.py)."""
    if value is None:
        return None
    from shared.platform.settings import THEMES_MODEL_ID, SettingsError, ThemeSettings

    try:
        ThemeSettings.from_env({THEMES_MODEL_ID: value})
    except SettingsError as error:
        raise ValueError(f"themesModelId={value!r}: {error}") from None
    return value


def sms_spend_limit(value: str | None) -> float:
    """``-c smsSpendLimitUsd=N``: the account's monthly SMS spend limit in USD, as set in End
    User Messaging SMS (the SmsSpendNearLimit alarm fires at 80 % of it; preflight compares)."""
    if value is None:
        return 1.0
    try:
        limit = float(value)
    except ValueError:
        limit = -1.0
    if not 1 <= limit <= 1_000_000:
        raise ValueError(f"smsSpendLimitUsd={value!r}: a number of US dollars, at least 1")
    return limit


class ServicematningStack(Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, options: StackOptions, **kwargs: object
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        configuration_set = CfnParameter(
            self,
            "SesConfigurationSet",
            type="String",
            default="servicematning",
            allowed_pattern=r"^[A-Za-z0-9_-]{1,64}$",
            description="Name of the SES configuration set every invitation e-mail is sent with",
        )

        self.storage = Storage(self, "Storage")
        self.backups = Backups(self, "Backups", storage=self.storage)
        self.lambdas = Lambdas(
            self,
            "Lambdas",
            storage=self.storage,
            options=LambdaOptions(
                packaging=options.packaging,
                architecture=options.architecture,
                asset_dir=options.asset_dir,
            ),
        )
        self.ingest = Ingest(
            self, "Ingest", lambdas=self.lambdas, report_sender=options.report_sender
        )
        self.survey = Survey(
            self,
            "Survey",
            lambdas=self.lambdas,
            domain_name=options.survey_domain,
            certificate_arn=options.survey_certificate_arn,
        )
        self.dispatch = Dispatch(
            self,
            "Dispatch",
            lambdas=self.lambdas,
            survey_base_url=self.survey.base_url,
            ses_identities=options.ses_domains,
            ses_configuration_set=configuration_set.value_as_string,
        )
        self.results = Results(
            self,
            "Results",
            lambdas=self.lambdas,
            cadence=options.release_cadence,
            themes_model_id=options.themes_model_id,
        )
        self.watch = UploadWatch(
            self, "Watch", lambdas=self.lambdas, report_sender=options.report_sender
        )
        self.canary = Canary(
            self, "Canary", lambdas=self.lambdas, survey_base_url=self.survey.base_url
        )
        # Read by the analytics stack when it deploys (no export: neither stack locks the other)
        ssm.StringParameter(
            self,
            "AnalyticsBucketName",
            parameter_name=ANALYTICS_BUCKET_PARAMETER,
            string_value=self.storage.buckets["Analytics"].bucket_name,
            description="Name of the analytics bucket, read by the ServicematningAnalytics stack",
        )

        # Last, so it sees every function and queue made above.
        self.monitoring = Monitoring(
            self,
            "Monitoring",
            registry=self.lambdas.registry,
            api=self.survey.api,
            alarm_email=options.alarm_email,
            sms_spend_limit_usd=options.sms_spend_limit_usd,
            backup_vault=self.backups.vault.backup_vault_name,
        )

        if not options.survey_domain:
            Annotations.of(self).add_warning_v2(
                "servicematning:no-survey-domain",
                "No surveyDomain given: invitations would link to the execute-api URL, which "
                "is too long for one SMS; dispatch refuses to start. See docs/deploy.md.",
            )
        if not options.ses_domains:
            Annotations.of(self).add_warning_v2(
                "servicematning:no-ses-domains",
                "No sesDomains given: the dispatch function may send no e-mail.",
            )
        if not options.report_sender:
            Annotations.of(self).add_warning_v2(
                "servicematning:no-report-sender",
                "No reportSender given: municipalities get no e-mail about their uploads. "
                "See docs/deploy.md.",
            )
        CfnOutput(self, "SurveyBaseUrl", value=self.survey.base_url)
        CfnOutput(self, "UploadRoleArn", value=self.ingest.upload_role.role_arn)
        CfnOutput(self, "DataBucketName", value=self.storage.buckets["Data"].bucket_name)
        # read by `servicematning tenants put` and `preflight`: the domains dispatch may send from
        CfnOutput(self, "SesDomains", value=",".join(options.ses_domains) or "-")
        # read by `servicematning preflight`: the account's limit must be what the alarm assumes
        CfnOutput(self, SMS_SPEND_LIMIT_OUTPUT, value=f"{options.sms_spend_limit_usd:g}")
        CfnOutput(self, "ReportSender", value=options.report_sender or "-")
        CfnOutput(
            self,
            "PowertoolsLayerArn",
            value=powertools.layer_arn(self.region, options.architecture, self.partition),
        )
        # the tables AWS Backup keeps daily (docs/operations.md, "Backups and restore")
        CfnOutput(
            self,
            "BackedUpTables",
            value=Fn.join(",", [self.storage.table(t).table_name for t in BACKED_UP]),
        )
        CfnOutput(self, "TenantsTableName", value=self.storage.table(resources.TENANTS).table_name)
