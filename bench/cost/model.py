"""The cost model: measured usage per unit of activity, a yearly profile, prices → a yearly bill.

Pure arithmetic, no AWS: ``bench/cost/measure.py`` measures what one unit of each activity asks
of each AWS service (a contact file ingested, an invitation sent, an answer given, a release, one
idle scheduled run), this module multiplies it by how often it happens in a municipality's year
(``Profile``) and by the number of municipalities, and prices every line from the price file.

Three scopes, so that scaling is honest:

- ``municipality``: grows with the number of municipalities (files, invitations, answers,
  releases, storage of each one's history, dashboard loads). A few of these also grow *per
  municipality* with the deployment's size (a release re-pools every municipality's published
  state; a SPICE refresh scans every municipality's exported rows): ``lines(n, ...)`` is
  given ``n`` for those.
- ``deployment``: per-use but independent of the number of municipalities (the schedules that run
  every few minutes whether or not there is work, the SQS poller).
- ``fixed``: a monthly fee for a resource (WAF web ACL and rule, alarms, dashboards, KMS keys,
  custom metrics), counted from the synthesized template: never multiplied by municipalities.

Every line says whether its quantity was ``measured`` on the emulator or ``estimated`` from a
stated assumption (what moto cannot see: CloudFront and WAF requests, Athena bytes scanned, SQS
polling, QuickSight sessions).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bench.cost.prices import Prices

Usage = dict[str, float]  # price key → quantity, in the unit the price is quoted for

MEASURED = "measured"
ESTIMATED = "estimated"
MUNICIPALITY = "municipality"
DEPLOYMENT = "deployment"
FIXED = "fixed"

SMS_METER = "sms_segment_se"
QUICKSIGHT_PREFIX = "quicksight_"
MB = 1_000_000
GB = 1_000_000_000
TB = 1_000_000_000_000

COMPONENTS = {
    "lambda_": "Lambda",
    "dynamodb_": "DynamoDB",
    "s3_": "S3",
    "sqs_": "SQS",
    "sms_": "SMS (SNS)",
    "ses_": "SES",
    "http_api_": "API Gateway (HTTP API)",
    "cloudfront_": "CloudFront",
    "waf_": "WAF",
    "cloudwatch_": "CloudWatch",
    "xray_": "X-Ray",
    "kms_": "KMS",
    "eventbridge_": "EventBridge",
    "athena_": "Athena",
    "quicksight_": "QuickSight",
}

# What would bring a component under the goal, named when it breaks it.
REMEDIES = {
    "Lambda": "lower the memory of the scheduled functions or run them less often when no "
    "campaign is running (the idle runs dominate)",
    "DynamoDB": "fewer items per answer in the transaction, or a smaller release state",
    "S3": "keep fewer report objects (a lifecycle rule on reports/)",
    "CloudWatch": "fewer alarms (one composite alarm per function) and fewer custom metrics",
    "WAF": "share one web ACL with other services, or the stage throttle alone",
    "X-Ray": "sample the scheduled functions' traces instead of tracing every run",
    "KMS": "AWS-managed keys for the alarm topics",
    "Athena": "partition the exported figures by campaign so a refresh reads only the "
    "campaigns still changing (Parquet, compressed)",
    "CloudFront": "longer caching of the stylesheet",
    "API Gateway (HTTP API)": "nothing cheaper serves the form",
    "SES": "nothing: one message per e-mail invitation",
    "SQS": "a longer ReceiveMessage wait on the event source",
}


def component(meter: str) -> str:
    for prefix, name in COMPONENTS.items():
        if meter.startswith(prefix):
            return name
    return meter


@dataclass
class Activity:
    """What one unit of an activity asked of AWS: measured quantities, and estimated ones."""

    measured: Usage = field(default_factory=dict)
    estimated: Usage = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"measured": self.measured, "estimated": self.estimated}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Activity:
        return cls(dict(raw.get("measured", {})), dict(raw.get("estimated", {})))


@dataclass
class Storage:
    """Sizes measured on the emulator, from which the stored history grows."""

    dynamodb_bytes_per_answer: float = 0.0  # the anonymous response item
    dynamodb_bytes_per_stream: float = 0.0  # totals + release state of one municipality-channel
    streams_per_campaign: int = 2  # one per channel
    s3_bytes_per_municipality_campaign: float = 0.0  # its exported rows (figures, open data)
    s3_bytes_shared_per_campaign: float = 0.0  # kommungrupp and national rows
    s3_bytes_per_answer: float = 0.0  # released comments
    s3_bytes_per_file: float = 0.0  # the upload report kept per file
    athena_bytes_per_municipality_campaign: dict[str, float] = field(default_factory=dict)
    athena_bytes_shared_per_campaign: dict[str, float] = field(default_factory=dict)
    athena_bytes_per_answer: dict[str, float] = field(default_factory=dict)


@dataclass
class Measured:
    activities: dict[str, Activity]  # "file", "sms_invitation", "email_invitation", "answer", …
    releases: dict[int, Activity]  # municipalities in the deployment → one release's usage
    releases_per_answer: float
    runs: dict[str, Activity]  # a scheduled run of the deployment when idle
    runs_per_day: dict[str, float]
    fixed_per_month: Usage  # from the template (alarms, ACL, rules, keys, …)
    storage: Storage
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A municipality's year, and the deployment's readers: every assumption the bill rests on."""

    campaigns_per_year: int = 2
    working_days_per_year: int = 130  # days a contact file arrives (weekdays in campaigns)
    files_per_day: float = 1.0
    contacts_per_file: int = 1000
    invitations_per_year: dict[str, float] = field(
        default_factory=lambda: {"sms": 1200.0, "email": 900.0}
    )
    answers_per_year: dict[str, float] = field(
        default_factory=lambda: {"sms": 216.0, "email": 225.0}
    )
    response_rate: dict[str, float] = field(default_factory=lambda: {"sms": 0.18, "email": 0.25})
    opened_share: float = 0.10  # invitations opened and left without answering (one GET)
    scanner_gets_per_email: float = 1.0  # mail security scanners following the link (one GET)
    edge_requests_per_view: float = 2.0  # the page + its stylesheet (cached at the edge)
    readers_per_municipality: float = 3.0
    loads_per_reader_month: float = 4.0  # each load a 30-minute QuickSight session
    visuals: dict[str, int] = field(
        default_factory=lambda: {"figures": 4, "participation": 1, "comments": 1}
    )
    quicksight_authors: int = 2
    # The datasets are SPICE (infra/analytics/stack.py, IMPORT_MODE), refreshed weekly
    # after the release (REFRESH_SCHEDULE): a dashboard load scans nothing in Athena, each
    # refresh reads every dataset once. "DIRECT_QUERY" prices the old live queries instead.
    import_mode: str = "SPICE"
    spice_refreshes_per_year: float = 52.0
    refreshed_datasets: tuple[str, ...] = ("figures", "participation", "comments", "rls_rules")
    sqs_poll_requests_per_month: float = 5 * 3 * 60 * 24 * 30  # 5 long-polling pollers
    history_years_today: float = 1.0
    history_years_later: float = 10.0

    @property
    def files_per_year(self) -> float:
        return self.working_days_per_year * self.files_per_day

    @property
    def answers(self) -> float:
        return sum(self.answers_per_year.values())

    @property
    def dashboard_loads_per_year(self) -> float:
        return self.readers_per_municipality * self.loads_per_reader_month * 12


@dataclass(frozen=True)
class Line:
    meter: str
    quantity: float  # per year, for the whole deployment
    basis: str  # MEASURED or ESTIMATED
    scope: str  # MUNICIPALITY, DEPLOYMENT or FIXED
    what: str

    @property
    def component(self) -> str:
        return component(self.meter)


def _scaled(usage: Usage, times: float) -> Usage:
    return {k: v * times for k, v in usage.items()}


def release_at(measured: Measured, n: int) -> Activity:
    """One release's usage in a deployment of ``n`` municipalities: linear between the sizes
    measured (a release re-pools every municipality's published state of its campaign)."""
    sizes = sorted(measured.releases)
    if len(sizes) == 1:
        return measured.releases[sizes[0]]
    low, high = (sizes[0], sizes[-1])
    for a, b in itertools.pairwise(sizes):
        if a <= n <= b:
            low, high = a, b
    t = (n - low) / (high - low)
    out = Activity()
    for part in ("measured", "estimated"):
        lo, hi = getattr(measured.releases[low], part), getattr(measured.releases[high], part)
        for k in {*lo, *hi}:
            low_k, high_k = lo.get(k, 0.0), hi.get(k, 0.0)
            getattr(out, part)[k] = max(0.0, low_k + t * (high_k - low_k))
    return out


def _dataset_bytes(storage: Storage, profile: Profile, dataset: str, n: int, years: float) -> float:
    """A dataset's exported bytes: every campaign's export (not partitioned by campaign)."""
    campaigns = profile.campaigns_per_year * years
    answers = profile.answers * n * years
    return campaigns * (
        n * storage.athena_bytes_per_municipality_campaign.get(dataset, 0.0)
        + storage.athena_bytes_shared_per_campaign.get(dataset, 0.0)
    ) + answers * storage.athena_bytes_per_answer.get(dataset, 0.0)


def athena_bytes_per_load(
    storage: Storage, profile: Profile, n: int, years: float, minimum_bytes: float
) -> float:
    """Bytes billed in Athena for one dashboard load. SPICE: none (the load reads QuickSight's
    copy). DIRECT_QUERY: each visual queries its whole dataset, billed at least the minimum."""
    if profile.import_mode == "SPICE":
        return 0.0
    return sum(
        visuals * max(minimum_bytes, _dataset_bytes(storage, profile, dataset, n, years))
        for dataset, visuals in profile.visuals.items()
    )


def athena_bytes_per_refresh(
    storage: Storage, profile: Profile, n: int, years: float, minimum_bytes: float
) -> float:
    """Bytes billed in Athena for one SPICE refresh: one full query per dataset."""
    return sum(
        max(minimum_bytes, _dataset_bytes(storage, profile, dataset, n, years))
        for dataset in profile.refreshed_datasets
    )


DEFAULT_ATHENA_MIN_MB = 10.0  # when the price file has no athena_min_mb_per_query


def lines(
    measured: Measured, profile: Profile, n: int, years: float, prices: Prices | None = None
) -> list[Line]:
    """Every line of a year's bill for ``n`` municipalities whose stored history is ``years``
    long, quantities for the whole deployment."""
    minimum = prices.get("athena_min_mb_per_query").value if prices is not None else None
    minimum_bytes = (DEFAULT_ATHENA_MIN_MB if minimum is None else minimum) * MB
    out: list[Line] = []

    def add(usage: Activity, times: float, scope: str, what: str) -> None:
        for basis, part in ((MEASURED, usage.measured), (ESTIMATED, usage.estimated)):
            for meter, quantity in _scaled(part, times).items():
                if quantity:
                    out.append(Line(meter, quantity, basis, scope, what))

    a = measured.activities
    per_year = {
        "file": profile.files_per_year,
        "sms_invitation": profile.invitations_per_year["sms"],
        "email_invitation": profile.invitations_per_year["email"],
        "answer": profile.answers,
        "page_view": profile.opened_share * sum(profile.invitations_per_year.values())
        + profile.scanner_gets_per_email * profile.invitations_per_year["email"],
        "municipality_day": 365.0,
        "municipality_year": 1.0,
    }
    for name, times in per_year.items():
        if name in a:
            add(a[name], times * n, MUNICIPALITY, name)
    releases = profile.answers * measured.releases_per_answer
    add(release_at(measured, n), releases * n, MUNICIPALITY, "release")

    s = measured.storage
    campaigns = profile.campaigns_per_year * years
    dynamodb_bytes = (
        profile.answers * years * s.dynamodb_bytes_per_answer
        + s.streams_per_campaign * campaigns * s.dynamodb_bytes_per_stream
    )
    s3_bytes = (
        campaigns * (s.s3_bytes_per_municipality_campaign + s.s3_bytes_shared_per_campaign / n)
        + profile.answers * years * s.s3_bytes_per_answer
        + profile.files_per_year * years * s.s3_bytes_per_file
    )
    out.append(
        Line("dynamodb_storage", n * dynamodb_bytes / GB * 12, MEASURED, MUNICIPALITY, "history")
    )
    out.append(Line("s3_storage", n * s3_bytes / GB * 12, MEASURED, MUNICIPALITY, "history"))
    if profile.import_mode == "SPICE":
        refreshes = profile.spice_refreshes_per_year
        out.append(
            Line(
                "athena_scanned",
                refreshes * athena_bytes_per_refresh(s, profile, n, years, minimum_bytes) / TB,
                ESTIMATED,
                DEPLOYMENT,
                "SPICE refreshes",
            )
        )
    else:
        loads = profile.dashboard_loads_per_year * n
        out.append(
            Line(
                "athena_scanned",
                loads * athena_bytes_per_load(s, profile, n, years, minimum_bytes) / TB,
                ESTIMATED,
                MUNICIPALITY,
                "dashboard loads",
            )
        )

    for name, run in measured.runs.items():
        add(run, measured.runs_per_day.get(name, 0.0) * 365, DEPLOYMENT, f"idle {name} runs")
    for name, per_day in measured.runs_per_day.items():
        out.append(Line("eventbridge_scheduled_events", per_day * 365, MEASURED, DEPLOYMENT, name))
    out.append(
        Line(
            "sqs_requests",
            profile.sqs_poll_requests_per_month * 12,
            ESTIMATED,
            DEPLOYMENT,
            "the ingest queue's pollers",
        )
    )
    for meter, per_month in measured.fixed_per_month.items():
        out.append(Line(meter, per_month * 12, MEASURED, FIXED, "from the template"))
    return out


@dataclass
class Bill:
    """A year's bill priced: totals per group and per component, with their confirmation."""

    n: int
    years: float
    lines: list[Line]
    prices: Prices

    def usd(self, selected: Iterable[Line]) -> float:
        return sum(self.prices.get(line.meter).usd_for(line.quantity) for line in selected)

    def where(
        self,
        *,
        sms: bool | None = None,
        quicksight: bool | None = None,
        basis: str | None = None,
        scope: str | None = None,
        scopes: tuple[str, ...] | None = None,
        component: str | None = None,
    ) -> list[Line]:
        out = []
        for line in self.lines:
            if sms is not None and (line.meter == SMS_METER) != sms:
                continue
            if quicksight is not None and line.meter.startswith(QUICKSIGHT_PREFIX) != quicksight:
                continue
            if basis is not None and line.basis != basis:
                continue
            if scope is not None and line.scope != scope:
                continue
            if scopes is not None and line.scope not in scopes:
                continue
            if component is not None and line.component != component:
                continue
            out.append(line)
        return out

    def sek_per_municipality(self, selected: Iterable[Line]) -> float:
        return self.prices.sek(self.usd(selected)) / self.n

    def confirmed(self, selected: Iterable[Line]) -> bool:
        """Every price behind these lines (and the exchange rate) confirmed."""
        return self.prices.exchange_confirmed and all(
            self.prices.get(line.meter).confirmed for line in selected
        )

    def unconfirmed_meters(self, selected: Iterable[Line]) -> list[str]:
        return sorted({ln.meter for ln in selected if not self.prices.get(ln.meter).confirmed})

    @property
    def everything_else(self) -> list[Line]:
        return self.where(sms=False, quicksight=False)

    def components(self, selected: Iterable[Line]) -> dict[str, float]:
        """SEK per municipality and year by component, largest first."""
        totals: dict[str, float] = {}
        for line in selected:
            usd = self.prices.get(line.meter).usd_for(line.quantity)
            totals[line.component] = totals.get(line.component, 0.0) + usd
        return dict(
            sorted(
                ((k, self.prices.sek(v) / self.n) for k, v in totals.items()),
                key=lambda kv: -kv[1],
            )
        )


def bill(measured: Measured, profile: Profile, n: int, years: float, prices: Prices) -> Bill:
    return Bill(n, years, lines(measured, profile, n, years, prices), prices)


@dataclass(frozen=True)
class QuickSightOption:
    name: str
    usd_per_year: float  # whole deployment
    meters: tuple[str, ...]
    fits: str


def quicksight_options(prices: Prices, profile: Profile, n: int) -> list[QuickSightOption]:
    """The ways to pay for the readers (and the authors, the same in each), for ``n``."""
    authors = profile.quicksight_authors * 12 * (prices.get("quicksight_author").usd or 0.0)
    readers = n * profile.readers_per_municipality
    sessions_month = readers * profile.loads_per_reader_month
    per_reader = readers * 12 * (prices.get("quicksight_reader").usd or 0.0)
    block = prices.get("quicksight_capacity_500_sessions").usd or 0.0
    extra = prices.get("quicksight_capacity_extra_session").usd or 0.0
    capacity = 12 * (block + extra * max(0.0, sessions_month - 500))
    legacy_price = prices.get("quicksight_legacy_session").usd or 0.0
    legacy = readers * 12 * min(5.0, legacy_price * profile.loads_per_reader_month)
    return [
        QuickSightOption(
            "per reader ($/reader-month)",
            authors + per_reader,
            ("quicksight_author", "quicksight_reader"),
            "any number of sessions; pays for readers who never open the dashboard",
        ),
        QuickSightOption(
            "reader capacity (500 sessions/month, then per session)",
            authors + capacity,
            (
                "quicksight_author",
                "quicksight_capacity_500_sessions",
                "quicksight_capacity_extra_session",
            ),
            "pays for sessions, not for people; the first block is a floor",
        ),
        QuickSightOption(
            "per session, capped per reader (accounts before 2025-05-01 only)",
            authors + legacy,
            ("quicksight_author", "quicksight_legacy_session"),
            "not offered to a new account",
        ),
    ]


def best_quicksight(options: list[QuickSightOption]) -> QuickSightOption:
    offered = [o for o in options if "only" not in o.name]
    return min(offered, key=lambda o: o.usd_per_year)
