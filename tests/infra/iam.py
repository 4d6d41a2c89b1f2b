"""A small IAM evaluator and an AWS-call recorder, for checking grants against real calls.

moto's own IAM enforcement checks actions only (its source says Resource and Condition are not
evaluated), so least privilege is checked here instead:

- ``Recorder`` wraps botocore's ``BaseClient._make_api_call`` (where botocore emits its
  ``before-parameter-build``/``before-call`` events, so every client is seen whatever session
  made it) and records, per Lambda function, each call as the IAM requests AWS authorises:
  ``Request(action, resource, context)``. A call AWS authorises as several requests (a
  transaction, a batch, a raw SES v2 send) becomes several.
- ``Policy`` is a function role's synthesised statements with every CloudFormation reference
  resolved to the concrete names of the local run; ``allows(request)`` evaluates
  Effect/Action/Resource/Condition the way IAM does (an explicit Deny wins; an Allow needs a
  matching action, resource and every condition).

Only what the project's functions call is mapped; an unknown operation is an error that names
it, so a new kind of call cannot pass unchecked.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

ACCOUNT = "123456789012"
PARTITION = "aws"
SMS_RESOURCE = "<phone number>"  # IAM's resource for sns:Publish to a number; never recorded


@dataclass(frozen=True)
class Request:
    action: str  # "dynamodb:GetItem"
    resource: str  # an ARN
    context: tuple[tuple[str, str], ...] = ()  # condition keys, e.g. aws:RequestedRegion

    def key(self, name: str) -> str | None:
        return dict(self.context).get(name)

    def values(self, name: str) -> list[str]:
        """Every value of a multi-valued key (``aws:TagKeys``): one pair each in context."""
        return [value for key, value in self.context if key == name]


class UnmappedCall(AssertionError):
    """A recorded AWS operation this module cannot yet turn into IAM requests."""


# --- from API calls to IAM requests ----------------------------------------------------------


def _ddb_table(region: str, name: str, index: str | None = None) -> str:
    arn = f"arn:{PARTITION}:dynamodb:{region}:{ACCOUNT}:table/{name}"
    return f"{arn}/index/{index}" if index else arn


def _s3(bucket: str, key: str | None = None) -> str:
    return f"arn:{PARTITION}:s3:::{bucket}" + (f"/{key}" if key is not None else "")


_TRANSACT = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
    "Get": "dynamodb:GetItem",
}
_S3_OBJECT = {
    "GetObject": "s3:GetObject",
    "HeadObject": "s3:GetObject",
    "PutObject": "s3:PutObject",
    "DeleteObject": "s3:DeleteObject",
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
    "AbortMultipartUpload": "s3:AbortMultipartUpload",
}
_DDB_SIMPLE = {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "DescribeTable"}
_SSM = {"GetParameter", "PutParameter", "DeleteParameter", "GetParametersByPath"}


def requests_of(
    service: str, operation: str, params: Mapping[str, Any], region: str
) -> list[Request]:
    """The IAM requests AWS evaluates for one API call."""
    ctx = (("aws:RequestedRegion", region),)
    if service == "dynamodb":
        if operation in _DDB_SIMPLE:
            return [Request(f"dynamodb:{operation}", _ddb_table(region, params["TableName"]), ctx)]
        if operation in ("Query", "Scan"):
            resource = _ddb_table(region, params["TableName"], params.get("IndexName"))
            return [Request(f"dynamodb:{operation}", resource, ctx)]
        if operation in ("BatchWriteItem", "BatchGetItem"):
            return [
                Request(f"dynamodb:{operation}", _ddb_table(region, table), ctx)
                for table in params["RequestItems"]
            ]
        if operation in ("TransactWriteItems", "TransactGetItems"):
            out = []
            for item in params["TransactItems"]:
                ((kind, body),) = item.items()
                out.append(Request(_TRANSACT[kind], _ddb_table(region, body["TableName"]), ctx))
            return out
    if service == "s3":
        if operation in _S3_OBJECT:
            return [Request(_S3_OBJECT[operation], _s3(params["Bucket"], params["Key"]), ctx)]
        if operation == "DeleteObjects":
            return [
                Request("s3:DeleteObject", _s3(params["Bucket"], o["Key"]), ctx)
                for o in params["Delete"]["Objects"]
            ]
        if operation in ("ListObjectsV2", "ListObjects"):
            prefix = (("s3:prefix", params.get("Prefix", "")),)
            return [Request("s3:ListBucket", _s3(params["Bucket"]), ctx + prefix)]
    if service == "sns" and operation == "Publish":
        if "PhoneNumber" in params:
            return [Request("sns:Publish", SMS_RESOURCE, ctx)]
        return [Request("sns:Publish", params.get("TopicArn") or params["TargetArn"], ctx)]
    if service == "sesv2" and operation == "SendEmail":
        sender = params.get("FromEmailAddress", "")
        identity = sender.rsplit("@", 1)[-1].rstrip(">")
        arns = [f"arn:{PARTITION}:ses:{region}:{ACCOUNT}:identity/{identity}"]
        if params.get("ConfigurationSetName"):
            name = params["ConfigurationSetName"]
            arns.append(f"arn:{PARTITION}:ses:{region}:{ACCOUNT}:configuration-set/{name}")
        actions = ["ses:SendEmail"]
        if "Raw" in params.get("Content", {}):
            actions.append("ses:SendRawEmail")  # raw MIME through v2 is also authorised so
        return [Request(a, arn, ctx) for a in actions for arn in arns]
    if service == "ssm" and operation in _SSM:
        name = params.get("Name") or params["Path"]
        arn = f"arn:{PARTITION}:ssm:{region}:{ACCOUNT}:parameter/{name.lstrip('/')}"
        return [Request(f"ssm:{operation}", arn, ctx)]
    raise UnmappedCall(
        f"{service}.{operation}: not mapped to IAM requests in tests/infra/iam.py; add it"
    )


# --- recording -------------------------------------------------------------------------------


@dataclass
class Recorder:
    """Every AWS call made while a function runs, as IAM requests, by function name."""

    calls: dict[str, set[Request]] = field(default_factory=dict)
    operations: dict[str, set[str]] = field(default_factory=dict)
    # One function runs at a time in the flow, but a handler may call AWS from worker threads
    # (parallel scans), so the running function is process-wide; a thread that runs a handler
    # itself (the stream pump's) also names it thread-locally.
    _function: str | None = None
    _local: threading.local = field(default_factory=threading.local)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        from botocore.client import BaseClient

        original = BaseClient._make_api_call
        recorder = self

        def recording(client: Any, operation: str, params: Mapping[str, Any]) -> Any:
            function = getattr(recorder._local, "function", None) or recorder._function
            if function is not None:
                service = client.meta.service_model.service_name
                region = client.meta.region_name
                recorder.operations.setdefault(function, set()).add(f"{service}.{operation}")
                recorder.calls.setdefault(function, set()).update(
                    requests_of(service, operation, params, region)
                )
            return original(client, operation, params)

        BaseClient._make_api_call = recording  # type: ignore[method-assign]
        try:
            yield
        finally:
            BaseClient._make_api_call = original  # type: ignore[method-assign]

    def wrap(self, function: str, handler: Callable[..., Any]) -> Callable[..., Any]:
        """``handler`` whose AWS calls (on any thread) are recorded as ``function``'s."""

        def wrapped(event: Any, context: Any) -> Any:
            previous = self._function
            self._function = function
            previous_local = getattr(self._local, "function", None)
            self._local.function = function
            try:
                return handler(event, context)
            finally:
                self._function = previous
                self._local.function = previous_local

        return wrapped


# --- evaluating ------------------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _matches(pattern: str, value: str, *, case: bool = True) -> bool:
    """IAM's wildcard match (* and ?), case-sensitive for ARNs, not for actions."""
    if not case:
        pattern, value = pattern.lower(), value.lower()
    return fnmatch.fnmatchcase(value, pattern)


_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda v, p: v == p,
    "StringNotEquals": lambda v, p: v != p,
    "StringLike": lambda v, p: _matches(p, v),
    "ArnEquals": lambda v, p: v == p,
    "ArnLike": lambda v, p: _matches(p, v),
}


_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def _substituted(expected: str, request: Request) -> str | None:
    """A condition value with IAM's policy variables (``${aws:PrincipalTag/kommunkod}``)
    replaced from the request; None when a variable has no value (the condition fails)."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = request.key(match.group(1))
        missing = missing or found is None
        return found or ""

    text = _VARIABLE.sub(value, expected)
    return None if missing else text


def _condition_holds(condition: Mapping[str, Mapping[str, Any]], request: Request) -> bool:
    for operator, keys in condition.items():
        qualifier, _, name = operator.rpartition(":")
        test = _OPERATORS.get(name)
        if test is None or qualifier not in ("", "ForAllValues"):
            raise AssertionError(f"condition operator {operator} is not evaluated here; add it")
        for key, expected in keys.items():
            patterns = [_substituted(str(e), request) for e in _list(expected)]
            if qualifier == "ForAllValues":  # every value the request carries (none: true)
                values = request.values(key)
                if not all(any(p is not None and test(v, p) for p in patterns) for v in values):
                    return False
                continue
            value = request.key(key)
            if value is None or not any(p is not None and test(value, p) for p in patterns):
                return False
    return True


@dataclass(frozen=True)
class Statement:
    effect: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    condition: Mapping[str, Mapping[str, Any]]
    sid: str = ""

    def covers(self, request: Request) -> bool:
        return (
            any(_matches(a, request.action, case=False) for a in self.actions)
            and any(_matches(r, request.resource) for r in self.resources)
            and _condition_holds(self.condition, request)
        )


@dataclass
class Policy:
    statements: list[Statement]

    def allows(self, request: Request) -> bool:
        if any(s.effect == "Deny" and s.covers(request) for s in self.statements):
            return False
        return any(s.effect == "Allow" and s.covers(request) for s in self.statements)

    def granted_actions(self) -> set[str]:
        return {a for s in self.statements if s.effect == "Allow" for a in s.actions}

    def grants(self) -> set[tuple[str, str]]:
        """Every (action, resource pattern) an Allow statement names."""
        return {
            (a, r)
            for s in self.statements
            if s.effect == "Allow"
            for a in s.actions
            for r in s.resources
        }


def resolve(value: Any, names: Mapping[str, str], arns: Mapping[str, str]) -> Any:
    """A template fragment with Ref/GetAtt/Join replaced by the local run's values.

    ``names``: logical id (or pseudo parameter / parameter) → value of ``Ref``;
    ``arns``: logical id → value of ``Fn::GetAtt [id, Arn]``."""
    if isinstance(value, list):
        return [resolve(v, names, arns) for v in value]
    if isinstance(value, dict):
        if "Ref" in value:
            return names.get(value["Ref"], f"unresolved:{value['Ref']}")
        if "Fn::GetAtt" in value:
            logical, attribute = value["Fn::GetAtt"]
            if attribute == "StreamArn":  # read by the event source mapping, not by code
                return f"arn:unresolved:{logical}/stream"
            if attribute != "Arn":
                raise AssertionError(f"GetAtt {logical}.{attribute} is not resolved here")
            # a resource the functions' code never calls (a queue Lambda itself writes to)
            return arns.get(logical, f"arn:unresolved:{logical}")
        if "Fn::Join" in value:
            separator, parts = value["Fn::Join"]
            return separator.join(str(resolve(p, names, arns)) for p in parts)
        return {k: resolve(v, names, arns) for k, v in value.items()}
    return value


def policy_of(
    statements: list[dict[str, Any]], names: Mapping[str, str], arns: Mapping[str, str]
) -> Policy:
    out = []
    for raw in statements:
        s = resolve(raw, names, arns)
        out.append(
            Statement(
                effect=s["Effect"],
                actions=tuple(_list(s["Action"])),
                resources=tuple(_list(s["Resource"])),
                condition=s.get("Condition", {}),
                sid=s.get("Sid", ""),
            )
        )
    return Policy(out)
