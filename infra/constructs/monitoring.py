"""Alarms and the operator dashboard; every alarm notifies one encrypted SNS topic.

Alarms: each function's errors and throttles, every dead-letter queue holding a message, the
purge finding a contact older than its tenant's maximum holding time (which should never
happen: dispatch deletes each contact once it is invited, dropped or failed), invitations that
a crashed dispatch left in `sending` and the purge reconciled, invitations
deferred run after run (per channel), and any send that SES or SNS refused for a reason not
the recipient's (access denied, an unverified identity, the sandbox) — a municipality left
out of `sesDomains` shows here within minutes, not as stale contacts three days later.

Isolation alarms (shared/platform/isolation.py): one municipality's draw, file read, dispatch,
purge or
watch failed while the others went on (``MunicipalityFailed`` by stage), and a tenants-table
item that does not validate (``TenantSettingsInvalid``).

Upload alarms (shared/ingest/watch.py): a file refused whole, a file outside its municipality's
campaigns, a file with no accepted row, and an active municipality silent for N working days.
One alarm per condition over a metric without a kommunkod dimension (290 municipalities × 4
conditions would be 1,160 custom metrics and alarms); each description carries the Logs
Insights query, on the named log group, that lists the municipalities behind it. The
metric names are documented in docs/operations.md; the functions emit them through Powertools
Metrics with the `service` dimension (and `channel` for the invitation counts).

What a resident or a mailbox provider would notice first, each its own alarm: the survey API
answering 5xx (a 503 page is a handled failure, so the function's error alarm never sees it)
or slowly (p99), the synthetic canary failing or not running (missing data breaches), every
schedule missing a run (a heartbeat on the rule's own invocations, missing data breaches), SES's
account-level bounce and complaint rates against the limits the providers enforce, and SMS:
the month's spend against the account's limit (SNS stops sending at the limit, silently) and
the delivery success rate. Every alarm has a runbook entry in docs/operations.md
(tests/infra/test_runbook.py).
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.constructs.lambdas import Made, Registry, Scheduled
from shared.core.models import Channel
from shared.ingest import watch
from shared.platform import isolation
from shared.platform.metric_names import Metric
from shared.platform.observability import NAMESPACE, SERVICE

PERIOD = Duration.minutes(5)
DEFERRED_PERIODS = 3  # three dispatch runs in a row (15 minutes): not one throttled burst
UPLOAD_PERIOD = Duration.hours(1)  # a day's draw refusing many files notifies once, not per file
# The survey API: a burst of 5xx (503 pages: a table failing) or slow pages for 15 minutes.
API_5XX_THRESHOLD = 5  # 5xx answers in 5 minutes; one resident's retried 503 stays below
API_P99_MS = 3000  # p99 latency, in each of three 5-minute periods
API_P99_PERIODS = 3
# SES's account reputation (AWS/SES, per region), as the providers enforce it: Gmail and Yahoo
# reject bulk senders whose spam-complaint rate reaches 0.3 % and ask for under 0.1 %; SES puts
# an account under review at a 5 % bounce rate (and may pause it at 10 %) and at 0.1 % complaints.
SES_BOUNCE_RATE = 0.05
SES_COMPLAINT_RATE = 0.001
REPUTATION_PERIOD = Duration.hours(1)
# SMS (AWS/SNS, per account and region): the month's spend against the account's limit (SNS
# stops sending when it is reached), and the share of SMS the carriers confirmed delivered.
SMS_SPEND_SHARE = 0.8  # alarm at 80 % of the limit: days to raise it before sending stops
SMS_SUCCESS_RATE = 0.9
SMS_PERIOD = Duration.hours(1)
CANARY_PERIODS = 2  # two failed (or missing) walks in a row: 10 minutes
# metric → (alarm id, the function whose log group the query runs on, what it means)
UPLOAD_ALARMS: dict[str, tuple[str, str, str]] = {
    Metric.FILES_REFUSED: (
        "UploadsRefused",
        "ingest",
        "A municipality's contact file was refused whole (not readable as CSV, too large, too "
        "many rows, the day full, late, or an unknown kommunkod): nothing of it was drawn.",
    ),
    Metric.FILES_OUTSIDE_CAMPAIGN: (
        "UploadsOutsideCampaign",
        "ingest",
        "A municipality sent a file for a day none of its campaigns covers (no_campaign): "
        "its campaign dates are wrong or it sends after the campaign ended.",
    ),
    Metric.FILES_NOTHING_ACCEPTED: (
        "UploadsNothingAccepted",
        "ingest",
        "A municipality's file was read but not one row was accepted: its export has likely "
        "changed format (headers, numbers, dates).",
    ),
    Metric.MUNICIPALITIES_SILENT: (
        Metric.MUNICIPALITIES_SILENT,
        "watch",
        "A municipality with a running campaign has sent no file for the configured number "
        "of Swedish working days: its export or upload has stopped.",
    ),
}


def service_metric(
    name: str, *, period: Duration = PERIOD, label: str | None = None, **dimensions: str
) -> cloudwatch.Metric:
    """A Powertools metric: the `service` dimension plus any the emitter adds."""
    return cloudwatch.Metric(
        namespace=NAMESPACE,
        metric_name=name,
        dimensions_map={"service": SERVICE, **dimensions},
        statistic="Sum",
        period=period,
        label=label,
    )


def upload_alarm_description(meaning: str, metric: str, made: Made) -> str:
    """What the alarm means and the Logs Insights query that names the municipalities."""
    group = made.function.log_group.log_group_name
    return (
        f"{meaning} Which municipality: CloudWatch Logs Insights on {group}: "
        f"{watch.QUERIES[metric]} (docs/operations.md, upload alarms)."
    )


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        registry: Registry,
        api: apigwv2.HttpApi,
        alarm_email: str | None = None,
        sms_spend_limit_usd: float = 1.0,
        backup_vault: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        key = kms.Key(
            self,
            "AlarmTopicKey",
            enable_key_rotation=True,
            description="Encrypts the alarm topic; CloudWatch may use it to publish",
        )
        key.grant(
            iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*"
        )
        self.topic = sns.Topic(self, "Alarms", master_key=key, enforce_ssl=True)
        if alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
        action = actions.SnsAction(self.topic)
        self.alarms: list[cloudwatch.Alarm] = []

        def alarm(construct_id: str, metric: cloudwatch.IMetric, description: str) -> None:
            created = cloudwatch.Alarm(
                self,
                construct_id,
                metric=metric,
                threshold=0,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=description,
            )
            created.add_alarm_action(action)
            self.alarms.append(created)

        for made in registry.functions:
            label = made.name.capitalize()
            alarm(
                f"{label}Errors",
                made.function.metric_errors(period=PERIOD, statistic="Sum"),
                f"The {made.name} function failed; see its log group and docs/operations.md.",
            )
            alarm(
                f"{label}Throttles",
                made.function.metric_throttles(period=PERIOD, statistic="Sum"),
                f"The {made.name} function was throttled (concurrency limit reached).",
            )
        for label, queue in registry.queues.items():
            alarm(
                "".join(word.capitalize() for word in label.split()) + "Waiting",
                queue.metric_approximate_number_of_messages_visible(
                    period=PERIOD, statistic="Maximum"
                ),
                f"Messages wait in the {label} queue; inspect and redrive (docs/operations.md).",
            )
        for channel in Channel:
            label = channel.value.upper() if channel.value == "sms" else channel.value.capitalize()
            deferred = cloudwatch.Alarm(
                self,
                f"Deferred{label}",
                metric=service_metric(Metric.INVITATIONS_DEFERRED, channel=channel.value),
                threshold=0,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=DEFERRED_PERIODS,
                datapoints_to_alarm=DEFERRED_PERIODS,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=f"{channel.value} invitations were deferred in "
                f"{DEFERRED_PERIODS} dispatch runs in a row: throttled, out of time, or refused "
                "by the service; see docs/operations.md.",
            )
            deferred.add_alarm_action(action)
            self.alarms.append(deferred)
            alarm(
                f"Refused{label}",
                service_metric(Metric.INVITATIONS_REFUSED, channel=channel.value),
                f"{'SNS' if channel.value == 'sms' else 'SES'} refused {channel.value} sends "
                "(access denied, unverified identity or sandbox): run `servicematning "
                "preflight` and see docs/deploy.md.",
            )
        functions = {made.name: made for made in registry.functions}
        for metric, (alarm_id, function, meaning) in UPLOAD_ALARMS.items():
            alarm(
                alarm_id,
                service_metric(metric, period=UPLOAD_PERIOD).with_(
                    statistic="Maximum" if metric == Metric.MUNICIPALITIES_SILENT else "Sum"
                ),
                upload_alarm_description(meaning, metric, functions[function]),
            )
        alarm(
            Metric.UPLOAD_REPORTS_FAILED,
            service_metric(Metric.UPLOAD_REPORTS_FAILED, period=UPLOAD_PERIOD),
            "SES refused an upload report e-mail: a municipality was not told about its file "
            "(the ingest log lines 'upload report not sent' and 'upload report failed' name "
            "the kommunkod and the error; run `servicematning preflight` for the sender).",
        )
        alarm(
            "PurgeFoundStaleContacts",
            service_metric(Metric.PURGED_STALE_CONTACTS, period=Duration.hours(1)),
            "The purge deleted contacts older than the maximum holding time: dispatch is not "
            "deleting contacts after sending (a privacy promise is at risk).",
        )
        alarm(
            Metric.INVITATIONS_RECONCILED,
            service_metric(Metric.INVITATIONS_RECONCILED, period=Duration.hours(1)),
            "A dispatch run died between claiming and marking invitations; the purge counted "
            "them as sent (docs/operations.md).",
        )
        # one municipality's step failed and the others went on (shared/platform/isolation.py): the
        # log line "municipality failed" names the kommunkod, the error type and where
        for stage in isolation.STAGES:
            alarm(
                f"MunicipalityFailed{stage.capitalize()}",
                service_metric(Metric.MUNICIPALITY_FAILED, period=Duration.hours(1), stage=stage),
                f"One municipality's {stage} failed (the others went on): Logs Insights "
                f'filter message = "{isolation.FAILED_LOG}" | stats count(*) by kommunkod, '
                "error, code (docs/operations.md).",
            )
        alarm(
            Metric.TENANT_SETTINGS_INVALID,
            service_metric(Metric.TENANT_SETTINGS_INVALID, period=Duration.hours(1)),
            "A tenants-table item does not validate: that municipality is skipped by every "
            f'function until it is fixed (tenants put). Logs Insights: filter message = "'
            f'{isolation.INVALID_SETTINGS_LOG}" | stats count(*) by kommunkod, fields.',
        )
        self._service_alarms(api, action)
        for scheduled in registry.schedules:
            self._heartbeat(scheduled, action)
        self._messaging_alarms(action, sms_spend_limit_usd)
        if backup_vault is not None:
            self._backup_heartbeat(backup_vault, action)
        self.dashboard = self._dashboard(registry, api)

    def _add(self, alarm: cloudwatch.Alarm, action: actions.SnsAction) -> cloudwatch.Alarm:
        alarm.add_alarm_action(action)
        self.alarms.append(alarm)
        return alarm

    def _service_alarms(self, api: apigwv2.HttpApi, action: actions.SnsAction) -> None:
        """What a resident meets: the API's 5xx and latency, and the canary's walk."""
        self._add(
            cloudwatch.Alarm(
                self,
                "Api5xx",
                metric=api.metric_server_error(period=PERIOD, statistic="Sum"),
                threshold=API_5XX_THRESHOLD,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=f"The survey API answered {API_5XX_THRESHOLD} or more 5xx in 5 "
                "minutes: residents see the 'try again later' page (docs/operations.md).",
            ),
            action,
        )
        self._add(
            cloudwatch.Alarm(
                self,
                "ApiLatencyP99",
                metric=api.metric_latency(period=PERIOD, statistic="p99"),
                threshold=API_P99_MS,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=API_P99_PERIODS,
                datapoints_to_alarm=API_P99_PERIODS,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=f"The survey API's p99 latency was over {API_P99_MS} ms for "
                f"{API_P99_PERIODS * 5} minutes (docs/operations.md).",
            ),
            action,
        )
        self._add(
            cloudwatch.Alarm(
                self,
                "CanaryFailing",
                metric=service_metric(Metric.CANARY_PASSED).with_(statistic="Minimum"),
                threshold=1,
                comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                evaluation_periods=CANARY_PERIODS,
                datapoints_to_alarm=CANARY_PERIODS,
                treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
                alarm_description="The canary's synthetic link did not get the survey's own "
                "page through edge, API, function and table twice in a row, or the canary did "
                "not run (the log line 'canary walked' gives the reason; docs/operations.md).",
            ),
            action,
        )

    def _heartbeat(self, scheduled: Scheduled, action: actions.SnsAction) -> None:
        """The schedule's own deliveries (AWS/Events Invocations of its rule): fewer than one
        in a period of the schedule's gap breaches, and so does no data at all. Sub-hour
        schedules need two empty periods in a row (a delivery late by seconds can leave one
        five-minute window empty); a weekly one is watched in daily periods (CloudWatch
        evaluates at most seven days)."""
        gap = scheduled.every.to_seconds()
        if gap < 3600:
            period, periods = Duration.seconds(gap), 2
        elif gap <= 86400:
            period, periods = Duration.seconds(gap), 1
        else:
            period, periods = Duration.days(1), min(7, int(gap // 86400))
        self._add(
            cloudwatch.Alarm(
                self,
                f"{scheduled.name.capitalize()}ScheduleMissed",
                metric=cloudwatch.Metric(
                    namespace="AWS/Events",
                    metric_name="Invocations",
                    dimensions_map={"RuleName": scheduled.rule.rule_name},
                    statistic="Sum",
                    period=period,
                ),
                threshold=1,
                comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                evaluation_periods=periods,
                datapoints_to_alarm=periods,
                treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
                alarm_description=f"The {scheduled.name} schedule did not invoke its function "
                "when due: the rule is disabled, deleted or EventBridge cannot deliver "
                "(docs/operations.md, heartbeats).",
            ),
            action,
        )

    def _backup_heartbeat(self, vault: str, action: actions.SnsAction) -> None:
        """No backup job completed into the vault in a UTC day (the plan runs at 03:00), or
        any failed: missing data breaches, as a plan that stops is silent otherwise."""
        for construct_id, metric_name, comparison, threshold, missing, description in (
            (
                "BackupsMissed",
                "NumberOfBackupJobsCompleted",
                cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                1,
                cloudwatch.TreatMissingData.BREACHING,
                "No daily backup of the answer and totals tables completed today",
            ),
            (
                "BackupsFailed",
                "NumberOfBackupJobsFailed",
                cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                0,
                cloudwatch.TreatMissingData.NOT_BREACHING,
                "A daily backup job of the answer and totals tables failed",
            ),
        ):
            self._add(
                cloudwatch.Alarm(
                    self,
                    construct_id,
                    metric=cloudwatch.Metric(
                        namespace="AWS/Backup",
                        metric_name=metric_name,
                        dimensions_map={"BackupVaultName": vault},
                        statistic="Sum",
                        period=Duration.days(1),
                    ),
                    threshold=threshold,
                    comparison_operator=comparison,
                    evaluation_periods=1,
                    treat_missing_data=missing,
                    alarm_description=f"{description} (docs/operations.md, backups).",
                ),
                action,
            )

    def _messaging_alarms(self, action: actions.SnsAction, sms_spend_limit_usd: float) -> None:
        for construct_id, metric_name, threshold, what in (
            ("SesBounceRate", "Reputation.BounceRate", SES_BOUNCE_RATE, "bounce"),
            ("SesComplaintRate", "Reputation.ComplaintRate", SES_COMPLAINT_RATE, "complaint"),
        ):
            self._add(
                cloudwatch.Alarm(
                    self,
                    construct_id,
                    metric=cloudwatch.Metric(
                        namespace="AWS/SES",
                        metric_name=metric_name,
                        statistic="Maximum",
                        period=REPUTATION_PERIOD,
                    ),
                    threshold=threshold,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    evaluation_periods=1,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                    alarm_description=f"The account's SES {what} rate reached "
                    f"{threshold:.1%}: mailbox providers and SES act on it "
                    "(docs/operations.md).",
                ),
                action,
            )
        self._add(
            cloudwatch.Alarm(
                self,
                "SmsSpendNearLimit",
                metric=cloudwatch.Metric(
                    namespace="AWS/SNS",
                    metric_name="SMSMonthToDateSpentUSD",
                    statistic="Maximum",
                    period=SMS_PERIOD,
                ),
                threshold=round(sms_spend_limit_usd * SMS_SPEND_SHARE, 2),
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=f"This month's SMS spend reached {SMS_SPEND_SHARE:.0%} of the "
                f"account's limit ({sms_spend_limit_usd:g} USD, smsSpendLimitUsd): SNS stops "
                "sending SMS at the limit without an error (docs/operations.md).",
            ),
            action,
        )
        self._add(
            cloudwatch.Alarm(
                self,
                "SmsDeliveryFailing",
                metric=cloudwatch.Metric(
                    namespace="AWS/SNS",
                    metric_name="SMSSuccessRate",
                    statistic="Average",
                    period=SMS_PERIOD,
                ),
                threshold=SMS_SUCCESS_RATE,
                comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                alarm_description=f"Fewer than {SMS_SUCCESS_RATE:.0%} of the hour's SMS were "
                "confirmed delivered (docs/operations.md).",
            ),
            action,
        )

    def _dashboard(self, registry: Registry, api: apigwv2.HttpApi) -> cloudwatch.Dashboard:
        dashboard = cloudwatch.Dashboard(self, "Dashboard", default_interval=Duration.days(7))
        dashboard.add_widgets(
            cloudwatch.AlarmStatusWidget(title="Alarms", alarms=self.alarms, width=24, height=4)
        )
        dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Contacts",
                left=[
                    service_metric(name)
                    for name in (
                        Metric.CONTACTS_RECEIVED,
                        Metric.CONTACTS_ACCEPTED,
                        Metric.CONTACTS_SAMPLED,
                    )
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Invitations by channel; answers and declines",
                left=[
                    service_metric(name, label=f"{name} {channel.value}", channel=channel.value)
                    for name in (Metric.INVITATIONS_SENT, Metric.INVITATIONS_FAILED)
                    for channel in Channel
                ],
                right=[
                    service_metric(name)
                    for name in (Metric.SURVEY_ANSWERED, Metric.SURVEY_DECLINED)
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Uploads: refused, no campaign, nothing accepted; silent municipalities",
                left=[
                    service_metric(name, period=UPLOAD_PERIOD)
                    for name in (
                        Metric.FILES_REFUSED,
                        Metric.FILES_OUTSIDE_CAMPAIGN,
                        Metric.FILES_NOTHING_ACCEPTED,
                    )
                ],
                right=[
                    service_metric(name, period=UPLOAD_PERIOD).with_(statistic="Maximum")
                    for name in (Metric.MUNICIPALITIES_SILENT, Metric.MUNICIPALITIES_WATCHED)
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Stale contacts found by the purge (should stay 0)",
                left=[service_metric(Metric.PURGED_STALE_CONTACTS, period=Duration.hours(1))],
                width=8,
            ),
        )
        dashboard.add_widgets(
            *(
                cloudwatch.GraphWidget(
                    title=f"{made.name}: invocations, errors, duration (p99)",
                    left=[
                        made.function.metric_invocations(period=PERIOD),
                        made.function.metric_errors(period=PERIOD),
                        made.function.metric_throttles(period=PERIOD),
                    ],
                    right=[made.function.metric_duration(period=PERIOD, statistic="p99")],
                    width=8,
                )
                for made in registry.functions
            )
        )
        dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Survey API: requests, 4xx, 5xx",
                left=[
                    api.metric_count(period=PERIOD),
                    api.metric_client_error(period=PERIOD),
                    api.metric_server_error(period=PERIOD),
                ],
                right=[api.metric_latency(period=PERIOD, statistic="p99")],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Dead-letter queues: messages waiting",
                left=[
                    queue.metric_approximate_number_of_messages_visible(
                        period=PERIOD, statistic="Maximum", label=label
                    )
                    for label, queue in registry.queues.items()
                ],
                width=12,
            ),
        )
        return dashboard
