"""Alarms and the operator dashboard; every alarm notifies one encrypted SNS topic.

Alarms: each function's errors and throttles, every dead-letter queue holding a message, the
purge finding a contact older than its tenant's maximum holding time (which should never
happen: dispatch deletes each contact once it is invited, dropped or failed), invitations that
a crashed dispatch left in `sending` and the purge reconciled, invitations
deferred run after run (per channel), and any send that SES or SNS refused for a reason not
the recipient's (access denied, an unverified identity, the sandbox) — a municipality left
out of `sesDomains` shows here within minutes, not as stale contacts three days later. The
metric names are documented in docs/operations.md; the functions emit them through Powertools
Metrics with the `service` dimension (and `channel` for the invitation counts).
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

from infra.constructs.lambdas import Registry
from shared.dispatch.service import PURGED_METRIC as PURGE_FOUND_METRIC
from shared.dispatch.service import RECONCILED_METRIC
from shared.models import Channel
from shared.observability import NAMESPACE, SERVICE

PERIOD = Duration.minutes(5)
DEFERRED_METRIC = "InvitationsDeferred"  # shared/dispatch/run.py emit_metrics, per channel
# Sends the service refused (ClientError classified UNAVAILABLE: AccessDenied, an unverified
# identity, the sandbox), per channel. NOT YET EMITTED by shared/dispatch: the dispatch rewrite
# must add it to emit_metrics next to InvitationsDeferred (tests/infra/test_monitoring.py).
REFUSED_METRIC = "InvitationsRefused"
DEFERRED_PERIODS = 3  # three dispatch runs in a row (15 minutes): not one throttled burst


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


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        registry: Registry,
        api: apigwv2.HttpApi,
        alarm_email: str | None = None,
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
                metric=service_metric(DEFERRED_METRIC, channel=channel.value),
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
                service_metric(REFUSED_METRIC, channel=channel.value),
                f"{'SNS' if channel.value == 'sms' else 'SES'} refused {channel.value} sends "
                "(access denied, unverified identity or sandbox): run `servicematning "
                "preflight` and see docs/deploy.md.",
            )
        alarm(
            "PurgeFoundStaleContacts",
            service_metric(PURGE_FOUND_METRIC, period=Duration.hours(1)),
            "The purge deleted contacts older than the maximum holding time: dispatch is not "
            "deleting contacts after sending (a privacy promise is at risk).",
        )
        alarm(
            "InvitationsReconciled",
            service_metric(RECONCILED_METRIC, period=Duration.hours(1)),
            "A dispatch run died between claiming and marking invitations; the purge counted "
            "them as sent (docs/operations.md).",
        )
        self.dashboard = self._dashboard(registry, api)

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
                    for name in ("ContactsReceived", "ContactsAccepted", "ContactsSampled")
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Invitations by channel; answers and declines",
                left=[
                    service_metric(name, label=f"{name} {channel.value}", channel=channel.value)
                    for name in ("InvitationsSent", "InvitationsFailed")
                    for channel in Channel
                ],
                right=[service_metric(name) for name in ("SurveyAnswered", "SurveyDeclined")],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Stale contacts found by the purge (should stay 0)",
                left=[service_metric(PURGE_FOUND_METRIC, period=Duration.hours(1))],
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
