"""The one place a Lambda function is made: runtime, layer, asset, logs, tracing, grants.

Every function gets the same shape (python3.12 on the Powertools layer's architecture, X-Ray
active, its own log group with a retention, a settings environment keyed by the constants of
shared/platform/settings.py) and exactly the table and bucket actions it is given. Functions with an
asynchronous trigger (schedules) get a dead-letter queue that also receives failed invocations.

Grants name actions, never levels (no grant_read_data): the code's calls are the list, and
tests/infra/test_exact_grants.py records every call the whole flow makes and fails on a call
the policy would deny or an action no call uses::

    lambdas.function(
        self, "survey", ...,
        tables={
            resources.TENANTS: ("dynamodb:GetItem",),
            resources.INVITATIONS: ("dynamodb:GetItem", "dynamodb:UpdateItem"),
            (resources.INVITATIONS, "by_tenant"): ("dynamodb:Query",),  # one named index
        },
        buckets={resources.DATA.id: {"inbox/*": ("s3:GetObject",), "": ("s3:ListBucket",)}},
    )

Buckets are keyed by their id (resources.Bucket holds a dict, so it cannot be a key). A bucket's
key "" is the bucket itself (ListBucket); any other key is an object-key pattern.
A table or bucket named only for its environment variable (no access) takes an empty tuple.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra import packaging as pkg
from infra import powertools
from infra.constructs.nag import acknowledge
from infra.constructs.storage import Storage
from shared.platform import resources
from shared.platform.observability import NAMESPACE, SERVICE

RUNTIME = lambda_.Runtime.PYTHON_3_12
LOG_RETENTION = logs.RetentionDays.ONE_MONTH
DLQ_RETENTION = Duration.days(14)
DEFAULT_TIMEOUT = Duration.seconds(30)

_ARCHITECTURES: dict[pkg.Architecture, lambda_.Architecture] = {
    "arm64": lambda_.Architecture.ARM_64,
    "x86_64": lambda_.Architecture.X86_64,
}


TableGrants = Mapping[resources.Table | tuple[resources.Table, str], Sequence[str]]
BucketGrants = Mapping[str, Mapping[str, Sequence[str]]]  # bucket id → key pattern → actions

# Actions that apply to a bucket, not to its objects (the "" key of a bucket grant).
_BUCKET_ACTIONS = frozenset(
    {"s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"}
)


def _buckets(grants: BucketGrants) -> list[resources.Bucket]:
    by_id = {b.id: b for b in resources.BUCKETS}
    unknown = set(grants) - set(by_id)
    if unknown:
        raise ValueError(f"no bucket {sorted(unknown)} in shared/platform/resources.py")
    return [by_id[key] for key in grants]


def _check_actions(service: str, actions: Sequence[str], where: str) -> None:
    for action in actions:
        if not action.startswith(f"{service}:") or "*" in action:
            raise ValueError(
                f"{where}: {action!r} is not one exact {service} action (no wildcards)"
            )


@dataclass(frozen=True)
class LambdaOptions:
    packaging: pkg.Mode = "vendor"
    architecture: pkg.Architecture = "arm64"
    asset_dir: Path = pkg.ASSETS


@dataclass
class Made:
    """A function and its failure queue, collected for the alarms and the dashboard."""

    name: str
    function: lambda_.Function
    failures: sqs.Queue | None = None


@dataclass(frozen=True)
class Scheduled:
    """A schedule that must fire: monitoring gives each one a heartbeat alarm (a missed run
    breaches). ``every`` is the longest normal gap between two runs."""

    name: str
    rule: events.Rule
    every: Duration


@dataclass
class Registry:
    functions: list[Made] = field(default_factory=list)
    queues: dict[str, sqs.Queue] = field(default_factory=dict)  # failure queues by label
    schedules: list[Scheduled] = field(default_factory=list)


_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")


def schedule_gap(expression: str) -> Duration:
    """The longest normal gap between two runs of an EventBridge schedule expression:
    ``rate(N unit)`` → N units; ``cron(min hour day-of-month month day-of-week year)`` → a week
    when it names weekdays, a day when it names one or more fixed hours, an hour when it names
    only minutes."""
    rate = _RATE.match(expression)
    if rate:
        amount, unit = int(rate.group(1)), rate.group(2).rstrip("s")
        return {"minute": Duration.minutes, "hour": Duration.hours, "day": Duration.days}[unit](
            amount
        )
    cron = re.match(r"^cron\((.+)\)$", expression)
    fields = cron.group(1).split() if cron else []
    if len(fields) != 6:
        raise ValueError(f"{expression!r}: not a rate() or a six-field cron() expression")
    minute, hour, day_of_month, _month, day_of_week, _year = fields
    if day_of_month not in ("*", "?"):
        raise ValueError(f"{expression!r}: a monthly schedule has no heartbeat here")
    if day_of_week not in ("*", "?"):
        return Duration.days(7)
    if hour not in ("*", "?") and re.fullmatch(r"\d+(,\d+)*", hour):
        return Duration.days(1)  # one or more fixed hours a day: at most a day between runs
    if minute not in ("*", "?") and not any(c in minute for c in ",-/") and hour == "*":
        return Duration.hours(1)
    raise ValueError(f"{expression!r}: give the schedule's gap explicitly (every=...)")


SCHEDULE_EVENT_AGE = Duration.hours(1)  # a scheduled event older than this is not retried


def failure_queue(scope: Construct, construct_id: str) -> sqs.Queue:
    """A dead-letter queue: encrypted, TLS only, kept two weeks for inspection and redrive."""
    queue = sqs.Queue(
        scope,
        construct_id,
        encryption=sqs.QueueEncryption.SQS_MANAGED,
        enforce_ssl=True,
        retention_period=DLQ_RETENTION,
    )
    acknowledge(
        queue,
        id="AwsSolutions-SQS3",
        reason="This queue is itself a dead-letter queue; a DLQ of a DLQ would only move it.",
    )
    return queue


class Lambdas(Construct):
    """Holds the shared pieces (layer, asset mode) and makes every function the same way."""

    def __init__(
        self, scope: Construct, construct_id: str, *, storage: Storage, options: LambdaOptions
    ) -> None:
        super().__init__(scope, construct_id)
        self.storage = storage
        self.options = options
        self.registry = Registry()
        self.architecture = _ARCHITECTURES[options.architecture]
        stack = Stack.of(self)
        self.powertools = lambda_.LayerVersion.from_layer_version_arn(
            self,
            "Powertools",
            powertools.layer_arn(stack.region, options.architecture, stack.partition),
        )

    def function(
        self,
        scope: Construct,
        name: str,
        *,
        description: str,
        tables: TableGrants,
        buckets: BucketGrants | None = None,
        environment: Mapping[str, str] | None = None,
        memory_mb: int = 256,
        timeout: Duration = DEFAULT_TIMEOUT,
        reserved_concurrency: int | None = None,
        asynchronous: bool = False,
        retry_attempts: int = 2,
    ) -> lambda_.Function:
        """`functions/<name>/handler.py`'s `handler`, granted exactly the actions in `tables`
        and `buckets` (module docstring) and configured with the env keys of those tables and
        buckets (plus `environment`)."""
        asset = pkg.build_asset(
            name,
            mode=self.options.packaging,
            arch=self.options.architecture,
            out=self.options.asset_dir,
        )
        env = {
            "POWERTOOLS_SERVICE_NAME": SERVICE,
            "POWERTOOLS_METRICS_NAMESPACE": NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": "INFO",
        }
        buckets = buckets or {}
        table_defs = {key[0] if isinstance(key, tuple) else key for key in tables}
        env |= {d.env_key: self.storage.table(d).table_name for d in table_defs}
        env |= {b.env_key: self.storage.bucket(b).bucket_name for b in _buckets(buckets)}
        env |= dict(environment or {})
        holder = Construct(scope, name.capitalize())
        failures = failure_queue(holder, "Failures") if asynchronous else None
        fn = lambda_.Function(
            holder,
            "Function",
            description=description,
            runtime=RUNTIME,
            architecture=self.architecture,
            handler=f"functions.{name}.handler.handler",
            code=lambda_.Code.from_asset(str(asset)),
            layers=[self.powertools],
            memory_size=memory_mb,
            timeout=timeout,
            tracing=lambda_.Tracing.ACTIVE,
            environment=env,
            reserved_concurrent_executions=reserved_concurrency,
            log_group=logs.LogGroup(
                holder,
                "Logs",
                retention=LOG_RETENTION,
                removal_policy=RemovalPolicy.DESTROY,
            ),
            on_failure=destinations.SqsDestination(failures) if failures else None,
            retry_attempts=retry_attempts if asynchronous else None,
            max_event_age=Duration.hours(1) if asynchronous else None,
        )
        self._grant_tables(fn, tables)
        self._grant_buckets(fn, buckets)
        self._acknowledge_runtime_findings(fn)
        self.registry.functions.append(Made(name=name, function=fn, failures=failures))
        if failures:
            self.registry.queues[f"{name} failures"] = failures
        return fn

    def _grant_tables(self, fn: lambda_.Function, tables: TableGrants) -> None:
        for key, actions in tables.items():
            definition, index = key if isinstance(key, tuple) else (key, None)
            _check_actions("dynamodb", actions, f"{fn.node.path} on {definition.id}")
            if not actions:
                continue
            table: dynamodb.Table = self.storage.table(definition)
            # not table.grant(): it adds table/index/* whenever the table has an index
            target = table.table_arn
            if index is not None:
                if index not in {i.name for i in definition.indexes}:
                    raise ValueError(f"{definition.id} has no index {index!r}")
                target = f"{table.table_arn}/index/{index}"
            fn.add_to_role_policy(iam.PolicyStatement(actions=list(actions), resources=[target]))

    def _grant_buckets(self, fn: lambda_.Function, buckets: BucketGrants) -> None:
        for definition, by_key in zip(_buckets(buckets), buckets.values(), strict=True):
            bucket = self.storage.bucket(definition)
            for pattern, actions in by_key.items():
                _check_actions("s3", actions, f"{fn.node.path} on {definition.id}/{pattern}")
                if not actions:
                    continue
                wrong = (
                    set(actions) & _BUCKET_ACTIONS if pattern else set(actions) - _BUCKET_ACTIONS
                )
                if wrong:
                    where = f"objects {pattern!r}" if pattern else "the bucket itself"
                    raise ValueError(f"{sorted(wrong)} do not apply to {where} of {definition.id}")
                target = bucket.arn_for_objects(pattern) if pattern else bucket.bucket_arn
                fn.add_to_role_policy(
                    iam.PolicyStatement(actions=list(actions), resources=[target])
                )
                if "*" in pattern:
                    logical = Stack.of(bucket).get_logical_id(bucket.node.default_child)  # type: ignore[arg-type]
                    acknowledge(
                        fn.role,  # type: ignore[arg-type]
                        id=f"AwsSolutions-IAM5[Resource::<{logical}.Arn>/{pattern}]",
                        reason=(
                            f"Objects under {pattern} of the {definition.id} bucket only: their "
                            "keys are made per file or per export at run time, so the prefix is "
                            "the narrowest name a policy can give."
                        ),
                    )

    def failures_of(self, fn: lambda_.Function) -> sqs.Queue:
        """The dead-letter queue of a function made with `asynchronous=True`."""
        for made in self.registry.functions:
            if made.function is fn and made.failures is not None:
                return made.failures
        raise KeyError(f"{fn.node.path} has no failure queue (asynchronous=False?)")

    def schedule(
        self,
        scope: Construct,
        construct_id: str,
        fn: lambda_.Function,
        schedule: events.Schedule,
        max_event_age: Duration = SCHEDULE_EVENT_AGE,
        *,
        heartbeat: bool = True,
    ) -> events.Rule:
        """An EventBridge schedule invoking ``fn`` (made with ``asynchronous=True``): two retries,
        and an event that could not be delivered goes to the function's dead-letter queue.
        With ``heartbeat`` (the default) monitoring alarms when the schedule misses a run."""
        rule = events.Rule(
            scope,
            construct_id,
            schedule=schedule,
            targets=[
                targets.LambdaFunction(
                    fn,
                    dead_letter_queue=self.failures_of(fn),
                    retry_attempts=2,
                    max_event_age=max_event_age,
                )
            ],
        )
        if heartbeat:
            self.registry.schedules.append(
                Scheduled(
                    name=next(m.name for m in self.registry.functions if m.function is fn),
                    rule=rule,
                    every=schedule_gap(schedule.expression_string),
                )
            )
        return rule

    @staticmethod
    def _acknowledge_runtime_findings(fn: lambda_.Function) -> None:
        acknowledge(
            fn,
            id="AwsSolutions-L1",
            reason=(
                "python3.12 on purpose: the Powertools layer (pinned ARN) and the vendored "
                "wheels are both CPython 3.12 builds; a newer runtime moves all three together."
            ),
        )
        role = fn.role
        assert role is not None
        acknowledge(
            role,
            id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            reason=(
                "The AWS managed basic execution policy grants only CreateLogGroup, "
                "CreateLogStream and PutLogEvents, what every function needs for its own logs."
            ),
        )
        acknowledge(
            role,
            id="AwsSolutions-IAM5[Resource::*]",
            reason=(
                "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level "
                "permission; tracing is required for every function."
            ),
        )
