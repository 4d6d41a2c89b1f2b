"""Analytics: exported results in Glue/Athena and a QuickSight dashboard with row-level security,
in a stack of its own (``ServicematningAnalytics``), deployed after the pipeline.

Why a stack of its own: QuickSight needs things CloudFormation cannot create (an Enterprise
subscription, the owner and viewer principals, the groups; docs/deploy.md), and a QuickSight
failure must not roll back the pipeline's tables and buckets. The pipeline stack writes the
analytics bucket's name to one SSM parameter (``ANALYTICS_BUCKET_PARAMETER``); this stack reads
it at deploy time, so neither stack exports anything the other would lock.

The results function writes aggregates only (no row-level answers) under fixed prefixes of the
analytics bucket (``shared.results.export``). Here they become Glue tables (partition
projection for the comments: no crawler, a new municipality is queryable at once), an Athena
workgroup whose encrypted result location users cannot override, a QuickSight Athena data
source, datasets and a dashboard.

Row-level security (RLS): a municipality's readers see its own rows, its own kommungrupp's rows
and the nation's rows, and nothing of another group or another municipality. The column matched
is ``area`` (``export.RLS_COLUMN``): every figure and participation row has one — the kommunkod,
``KG-<kommungrupp>`` or ``riket`` — and the comments dataset renames its ``audience`` (the
comment's kommunkod) to ``area``, so one rules dataset serves all three. The rules
(``rls/rules.csv``, written by the results function from the tenant list,
``export.rls_rules``) give QuickSight group ``servicematning-<kommunkod>`` three rules: its
kommunkod, ``KG-<its kommungrupp>`` and ``riket``; the operators' group gets one rule per area
there can be (every municipality, the nine groups, the nation).

What this relies on, from the QuickSight User Guide, "Using row-level security with user-based
rules to restrict access to a dataset"
(https://docs.aws.amazon.com/quicksight/latest/user/restrict-access-to-a-data-set-using-row-level-security.html):
the rules dataset has a column named ``GroupName`` (``FormatVersion`` VERSION_1 names groups,
VERSION_2 would take ARNs: CloudFormation's ``RowLevelPermissionDataSet``) plus one column per
field to restrict, named exactly as the dataset's field; each group sees only the rows that match
one of its rules (several rules are OR'ed; within one rule every field must match, AND); a
NULL value means every value; a group without a rule sees no row; duplicate rules are ignored;
at most 999 rules apply to one user; a value holding a comma is read as several values. With
``PermissionPolicy`` GRANT_ACCESS (DENY_ACCESS is kept for backward compatibility only) a rule
grants. Hence the design: one column, one value a rule, no comma in a value (a kommunkod,
``KG-A3``, ``riket``), no empty field, so no rule means "everything" by accident. Why not the
``kommungrupp`` column: the nation's rows carry ``kommungrupp`` = "", and a rule that must name
the empty value stands one serde setting away from NULL, "every value" (a two-column rule
audience=alla, kommungrupp=NULL grants every group's rows, not only the nation's). And the rules
table reads an empty field as "" (``serialization.null.format`` is Hive's ``\\N``), never as
NULL: a rule with a missing value matches no row instead of every row (fail closed). The
QuickSight principals (who owns the assets, who may open the dashboard) are the stack's two
parameters, ``QuickSightOwnerArn`` and ``QuickSightViewerGroupArn``.
"""
