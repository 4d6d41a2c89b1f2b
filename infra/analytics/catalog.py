"""The analytics catalog's shapes: the Glue database and tables, their serdes and columns.

Each exported row dataclass (``shared.results.figures``, ``shared.results.themes.shares``) gives
its table's columns through ``columns_of``, so a field added to a row is a column of its Glue
table and of its QuickSight dataset at once. The comments and the row-level security rules have
fixed columns. The rules table reads an empty field as "" and only ``\\N`` as NULL (fail closed:
see the package's opening, infra/analytics/__init__.py).
"""

from __future__ import annotations

import dataclasses
import typing

from shared.results import export

DATABASE = "servicematning"
WORKGROUP = "servicematning"
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
CSV_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
BYTES_SCANNED_CUTOFF = 10 * 1024**3  # 10 GiB per query: a runaway query cannot run up a bill
KOMMUNKOD_RANGE = "114,2584"  # SCB's lowest and highest kommunkod (Upplands Väsby … Kiruna)
RLS_COLUMN = export.RLS_COLUMN
DATA_CATALOG = "AwsDataCatalog"
NULL_FORMAT = "serialization.null.format"
NULL_MARKER = "\\N"  # Hive's own NULL marker, said explicitly: only "\\N" is NULL, "" is ""

# Python type of an exported field → (Glue type, QuickSight input column type)
_TYPES = {
    "str": ("string", "STRING"),
    "int": ("int", "INTEGER"),
    "float": ("double", "DECIMAL"),
    "bool": ("boolean", "BIT"),
}


def columns_of(row_type: type) -> list[tuple[str, str, str]]:
    """(name, Glue type, QuickSight type) of every field of an exported row dataclass."""
    hints = typing.get_type_hints(row_type)
    out = []
    for f in dataclasses.fields(row_type):
        base = next(
            t for t in typing.get_args(hints[f.name]) or (hints[f.name],) if t is not type(None)
        )
        glue_type, qs_type = _TYPES[base.__name__]
        out.append((f.name, glue_type, qs_type))
    return out


COMMENT_COLUMNS = [
    ("audience", "string", "STRING"),
    ("campaign", "string", "STRING"),
    ("channel", "string", "STRING"),
    ("errand", "string", "STRING"),
    ("released_on", "string", "STRING"),
    ("text", "string", "STRING"),
]
RULE_COLUMNS = [("groupname", "string", "STRING"), (RLS_COLUMN, "string", "STRING")]
# the comments carry their kommunkod as ``audience``; their dataset names it ``area`` for RLS
COMMENT_RENAMES = {"audience": RLS_COLUMN}
