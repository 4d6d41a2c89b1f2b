"""The survey's DynamoDB access without a boto3 resource: a cold start pays for one client.

``boto3.resource("dynamodb")`` loads the resource model and builds its classes on top of the
client it makes, which costs the survey's first request as much again as the client itself
(bench/coldstart.py). The survey needs only what a resource's own client does: take and
return plain Python values. That is four event handlers boto3 registers on the resource's
client (``boto3.dynamodb.transform``); registered here on a plain client, the calls, the
values and the errors are the resource's, byte for byte. ``Table`` is the few members of a
``Table`` resource that the survey's adapters use (``name``, ``meta.client``, ``get_item``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from shared.platform import store


@store.per_environment
def client() -> Any:
    """A DynamoDB client that takes and returns Python values, like a resource's client."""
    import boto3
    from boto3.dynamodb.transform import TransformationInjector, copy_dynamodb_params

    plain = boto3.client("dynamodb", config=store._CONFIG)  # the same config as every client
    events = plain.meta.events
    injector = TransformationInjector()
    # the same handlers, ids and order as boto3.dynamodb.transform.DynamoDBHighLevelResource
    events.register(
        "provide-client-params.dynamodb",
        copy_dynamodb_params,
        unique_id="dynamodb-create-params-copy",
    )
    events.register(
        "before-parameter-build.dynamodb",
        injector.inject_condition_expressions,
        unique_id="dynamodb-condition-expression",
    )
    events.register(
        "before-parameter-build.dynamodb",
        injector.inject_attribute_value_input,
        unique_id="dynamodb-attr-value-input",
    )
    events.register(
        "after-call.dynamodb",
        injector.inject_attribute_value_output,
        unique_id="dynamodb-attr-value-output",
    )
    return plain


@dataclass(frozen=True)
class Table:
    """What the survey uses of a ``Table`` resource, on the plain-values client."""

    name: str
    meta: Any = field(default_factory=lambda: SimpleNamespace(client=client()))

    def get_item(self, **kwargs: Any) -> dict[str, Any]:
        return self.meta.client.get_item(TableName=self.name, **kwargs)


@store.per_environment
def table(name: str) -> Table:
    return Table(name)
