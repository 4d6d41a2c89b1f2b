"""One municipality's failure is its own: the boundary every per-municipality step runs behind.

The daily draw, dispatch, the purge, the watch and the results' release and comment steps each
loop over municipalities. Whatever one
iteration raises — an AWS error, a bug, an invalid settings item, and also what a native library
raises outside ``Exception`` (python-calamine's ``pyo3_runtime.PanicException`` is a
``BaseException``) — is caught here, recorded for that municipality alone, and the loop goes on
with the next one. Only what asks the process to stop gets through: ``KeyboardInterrupt``,
``SystemExit`` and ``GeneratorExit`` (``FATAL``).

Recorded, for each failure:
- the metric ``MunicipalityFailed`` (value 1) with the dimensions ``service`` and ``stage``
  only — never a kommunkod (one alarm per stage, infra/constructs/monitoring.py);
- one log line ``municipality failed`` with the stage, the kommunkod, the error's type, its AWS
  error code if it has one, and where it was raised (file, line, function of the last frames).
  Never the error's text: an exception may quote a file name, an address or a cell.

Invalid settings items found in the tenants table are recorded by ``settings_invalid``: the
metric ``TenantSettingsInvalid`` (dimension ``service``) and the log line
``tenant settings invalid`` with the kommunkod and the fields that failed (names and error
types, never the values).

Use::

    for tenant in tenants:
        with isolation.municipality("dispatch", tenant.kommunkod) as boundary:
            serve(tenant)
        if boundary.failure:
            failed[tenant.kommunkod] = boundary.failure.code or boundary.failure.error

``record_failure(stage, kommunkod, error)`` records a failure caught elsewhere (a file the
reader could not read, refused with a report to its municipality).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.platform import store
from shared.platform.metric_names import Metric

FATAL: tuple[type[BaseException], ...] = (KeyboardInterrupt, SystemExit, GeneratorExit)
FAILED_LOG = "municipality failed"
INVALID_SETTINGS_LOG = "tenant settings invalid"
# The stages that run behind the boundary; each has its alarm on Metric.MUNICIPALITY_FAILED.
STAGES = ("draw", "read", "dispatch", "purge", "watch", "release", "comments")
_FRAMES = 3  # innermost frames named in the log line
_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Failure:
    stage: str
    kommunkod: str
    error: str  # the exception's type name
    code: str  # an AWS error code, or ""
    where: tuple[str, ...]  # "shared/ingest/draw.py:250 _read_into", innermost last

    def as_log(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "kommunkod": self.kommunkod,
            "error": self.error,
            "code": self.code,
            "where": list(self.where),
        }


class Boundary:
    """What ``municipality`` found: ``failure`` is None when the block completed."""

    def __init__(self, stage: str, kommunkod: str) -> None:
        self.stage = stage
        self.kommunkod = kommunkod
        self.failure: Failure | None = None

    @property
    def failed(self) -> bool:
        return self.failure is not None


def is_fatal(error: BaseException) -> bool:
    return isinstance(error, FATAL)


@contextmanager
def municipality(stage: str, kommunkod: str) -> Iterator[Boundary]:
    """Run the block for one municipality; anything it raises but ``FATAL`` is recorded and
    swallowed (``boundary.failure`` says what)."""
    boundary = Boundary(stage, kommunkod)
    try:
        yield boundary
    except BaseException as error:  # the boundary: panics included, FATAL re-raised
        if is_fatal(error):
            raise
        boundary.failure = record_failure(stage, kommunkod, error)


def raised_at(error: BaseException) -> tuple[str, ...]:
    """Where ``error`` was raised: file, line and function of its last frames (never its text)."""
    frames = traceback.extract_tb(error.__traceback__)[-_FRAMES:]
    out = []
    for frame in frames:
        path = Path(frame.filename)
        try:
            shown = str(path.resolve().relative_to(_ROOT))
        except ValueError:
            shown = path.name  # a library's file: its name is enough
        out.append(f"{shown}:{frame.lineno} {frame.name}")
    return tuple(out)


def record_failure(stage: str, kommunkod: str, error: BaseException) -> Failure:
    """The metric and the log line of one municipality's failure; returns what was recorded."""
    from shared.platform.observability import logger

    name = str(getattr(error, "cause", "") or type(error).__name__)  # how a reader stopped
    failure = Failure(stage, kommunkod, name, store.error_code(error), raised_at(error))
    logger.error(FAILED_LOG, **failure.as_log())
    count(Metric.MUNICIPALITY_FAILED, stage)
    return failure


def count(name: str, stage: str = "") -> None:
    """One count of the metric ``name`` now, with the dimension ``service`` (and ``stage``)
    only: never a kommunkod, a file or a text."""
    from aws_lambda_powertools.metrics import MetricUnit, single_metric

    from shared.platform.observability import NAMESPACE, SERVICE

    with single_metric(
        name=name,
        unit=MetricUnit.Count,
        value=1,
        namespace=NAMESPACE,
        default_dimensions={"service": SERVICE},
    ) as metric:
        if stage:
            metric.add_dimension(name="stage", value=stage)


def settings_invalid(kommunkod: str, errors: list[dict[str, Any]]) -> None:
    """Record a tenants-table item that does not validate (``ValidationError.errors()``): the
    fields and error types only, never the values."""
    from shared.platform.observability import logger

    fields = sorted({".".join(str(part) for part in e.get("loc", ())) or "-" for e in errors})
    kinds = sorted({str(e.get("type", "")) for e in errors})
    logger.error(INVALID_SETTINGS_LOG, kommunkod=kommunkod, fields=fields, errors=kinds)
    count(Metric.TENANT_SETTINGS_INVALID)
