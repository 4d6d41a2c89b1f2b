"""The one place a Lambda function is made: runtime, layer, asset, logs, tracing, grants.

Every function gets the same shape (python3.12 on the Powertools layer's architecture, X-Ray
active, its own log group with a retention, a settings environment keyed by the constants of
shared/settings.py) and only the table access it is given. Functions with an asynchronous
trigger (schedules) get a dead-letter queue that also receives failed invocations.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from infra import packaging as pkg
from infra.constructs.nag import acknowledge
from infra.constructs.storage import Storage
from shared import resources
from shared.observability import NAMESPACE, SERVICE

RUNTIME = lambda_.Runtime.PYTHON_3_12
LOG_RETENTION = logs.RetentionDays.ONE_MONTH
DLQ_RETENTION = Duration.days(14)
DEFAULT_TIMEOUT = Duration.seconds(30)

_ARCHITECTURES: dict[pkg.Architecture, lambda_.Architecture] = {
    "arm64": lambda_.Architecture.ARM_64,
    "x86_64": lambda_.Architecture.X86_64,
}


def powertools_layer_parameter(arch: pkg.Architecture) -> str:
    """The public SSM parameter naming the latest Powertools v3 layer for python3.12."""
    return f"/aws/service/powertools/python/{arch}/python3.12/latest"


class Access(enum.Enum):
    READ = "read"
    WRITE = "write"
    READ_WRITE = "read_write"


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


@dataclass
class Registry:
    functions: list[Made] = field(default_factory=list)
    queues: dict[str, sqs.Queue] = field(default_factory=dict)  # failure queues by label


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
        layer_arn = ssm.StringParameter.value_for_string_parameter(
            self, powertools_layer_parameter(options.architecture)
        )
        self.powertools = lambda_.LayerVersion.from_layer_version_arn(self, "Powertools", layer_arn)

    def function(
        self,
        scope: Construct,
        name: str,
        *,
        description: str,
        tables: Mapping[resources.Table, Access],
        buckets: tuple[resources.Bucket, ...] = (),
        environment: Mapping[str, str] | None = None,
        memory_mb: int = 256,
        timeout: Duration = DEFAULT_TIMEOUT,
        reserved_concurrency: int | None = None,
        asynchronous: bool = False,
        retry_attempts: int = 2,
    ) -> lambda_.Function:
        """`functions/<name>/handler.py`'s `handler`, granted exactly `tables` and configured
        with the env keys of those tables and buckets (plus `environment`)."""
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
        env |= {d.env_key: self.storage.table(d).table_name for d in tables}
        env |= {b.env_key: self.storage.bucket(b).bucket_name for b in buckets}
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
        for definition, access in tables.items():
            table: dynamodb.Table = self.storage.table(definition)
            match access:
                case Access.READ:
                    table.grant_read_data(fn)
                case Access.WRITE:
                    table.grant_write_data(fn)
                case Access.READ_WRITE:
                    table.grant_read_write_data(fn)
            if definition.indexes and access is not Access.WRITE:
                logical_id = Stack.of(table).get_logical_id(table.node.default_child)
                names = ", ".join(i.name for i in definition.indexes)
                acknowledge(
                    fn.role,
                    id=f"AwsSolutions-IAM5[Resource::<{logical_id}.Arn>/index/*]",
                    reason=(
                        f"Reads through the {definition.id} table's own secondary indexes "
                        f"({names}); the grant names the table, the wildcard only its indexes."
                    ),
                )
        self._acknowledge_runtime_findings(fn)
        self.registry.functions.append(Made(name=name, function=fn, failures=failures))
        if failures:
            self.registry.queues[f"{name} failures"] = failures
        return fn

    def failures_of(self, fn: lambda_.Function) -> sqs.Queue:
        """The dead-letter queue of a function made with `asynchronous=True`."""
        for made in self.registry.functions:
            if made.function is fn and made.failures is not None:
                return made.failures
        raise KeyError(f"{fn.node.path} has no failure queue (asynchronous=False?)")

    @staticmethod
    def _acknowledge_runtime_findings(fn: lambda_.Function) -> None:
        acknowledge(
            fn,
            id="AwsSolutions-L1",
            reason=(
                "python3.12 on purpose: the Powertools layer (SSM parameter) and the vendored "
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
