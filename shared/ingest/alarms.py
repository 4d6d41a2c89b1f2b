"""The upload alarms' metrics, log lines and queries, and which alarm one processed file counts
towards (``file_alarms``): what the ingest function needs of the upload watch
(shared/ingest/watch.py),
in a module of its own so that the ingest asset does not ship the watch's holiday calendar
(``holidays``, 4.5 MB), which only the daily watch run uses. shared/ingest/watch.py re-exports all
of it.
"""

from __future__ import annotations

from shared.ingest.files import IngestResult, Outcome
from shared.platform.metric_names import Metric

# Outcomes that refuse a municipality's file whole. Not here: ``waiting``/``ingested`` (fine),
# ``no_campaign`` (its own alarm), ``gone`` (an old redelivery) and ``not_an_inbox_key`` (a key
# no municipality can write: the upload role admits inbox/{kommunkod}/ only).
REFUSED: frozenset[Outcome] = frozenset(
    {
        Outcome.FILE_ERROR,
        Outcome.TOO_LARGE,
        Outcome.DAY_FULL,
        Outcome.LATE,
        Outcome.UNKNOWN_TENANT,
    }
)
SILENT_LOG = "municipality silent"
FILE_LOG = "file processed"  # shared/ingest/service.py record_result

# CloudWatch Logs Insights queries that name the municipalities behind each alarm: on the
# ingest function's log group for the file alarms, on the watch function's for the silent one.
# The alarm descriptions and docs/operations.md quote them as they are here.
_REFUSED_LIST = ", ".join(f'"{o.value}"' for o in sorted(REFUSED))
QUERIES: dict[str, str] = {
    Metric.FILES_REFUSED: f'filter message = "{FILE_LOG}" and outcome in [{_REFUSED_LIST}]'
    " | stats count(*) as files by kommunkod, outcome, error",
    Metric.FILES_OUTSIDE_CAMPAIGN: f'filter message = "{FILE_LOG}" and outcome = "no_campaign"'
    " | stats count(*) as files by kommunkod",
    Metric.FILES_NOTHING_ACCEPTED: f'filter message = "{FILE_LOG}" and outcome = "ingested"'
    " and accepted = 0 | stats count(*) as files, sum(rows) as rows by kommunkod",
    Metric.MUNICIPALITIES_SILENT: f'filter message = "{SILENT_LOG}"'
    " | stats latest(working_days) as working_days, latest(last_file) as last_file by kommunkod",
}


def file_alarms(result: IngestResult) -> tuple[str, ...]:
    """The alarm metrics one processed file counts towards (each with the value 1)."""
    if result.outcome in REFUSED:
        return (Metric.FILES_REFUSED,)
    if result.outcome is Outcome.NO_CAMPAIGN:
        return (Metric.FILES_OUTSIDE_CAMPAIGN,)
    if result.outcome is Outcome.INGESTED and int(result.report.get("accepted", 0)) == 0:
        return (Metric.FILES_NOTHING_ACCEPTED,)
    return ()
