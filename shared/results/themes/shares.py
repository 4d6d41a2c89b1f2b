"""Theme shares and tone of released comments, per municipality, kommungrupp and nation.

Called by the results run at two points (shared/results/service.py), never on anything but a
batch already written for its municipality to read:

1. ``publish_batch`` once a comment batch is written: the configured ``Classifier`` labels its
   texts and one small object of counts (no text, no order, no label of a single comment) is
   written beside it: ``themes/batches/campaign=C/kommunkod=K/{day}-{n}.json``. Same batch,
   same key: a retried run overwrites it. A model that fails gives way to the embedded
   classifier (``labelled``): themes never hold a batch back.
2. ``publish_shares`` after the run's comment step, for the campaigns that got a batch: every
   batch object of the campaign is summed per municipality, per kommungrupp and for the
   nation, and written as ``aggregates/themes/{campaign}.jsonl`` (Athena/QuickSight, the
   report) and ``opendata/themes-{campaign}.csv`` (Kolada's shape, the municipalities and the
   nation).

A theme's share is the share of the area's released comments that have it (a comment can have
several, so the shares add up to more than 100 %); tone is counted within each theme and over
all comments (theme ``alla``). A period is a campaign: its batches released so far.

No privacy budget is spent: the counts are functions of texts the municipality already reads
(docs/privacy.md). A kommungrupp's or the nation's row is shown only when it sums at least
``MIN_MUNICIPALITIES`` municipalities, so that one municipality subtracting its own counts
learns only a sum over several others', never another's alone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from shared.core.tenants import KOMMUNGRUPP_NAMES, Kommungrupp, Tenant
from shared.platform import store
from shared.platform.observability import logger
from shared.platform.settings import ThemeSettings
from shared.results import export, opendata
from shared.results.figures import (
    EVERYONE,
    KOMMUN,
    KOMMUNGRUPP,
    RIKET,
    RIKET_AREA,
    RIKET_NAME,
    Comment,
    campaign_fields,
    group_area,
)
from shared.results.themes import (
    THEME_NAMES,
    THEMES,
    TONES,
    Classifier,
    Labels,
    ThemeError,
)

ALL = opendata.ALL_COMMENTS  # the row of all comments (its tone)
MIN_MUNICIPALITIES = 3


@store.per_environment
def configured() -> Classifier:
    """The deployment's classifier (``ThemeSettings``): Bedrock in its region, or embedded."""
    settings = ThemeSettings.from_env()
    if settings.themes_backend == "bedrock":
        from shared.results.themes.bedrock import BedrockClassifier, runtime_client

        # both set: the settings' validator refuses bedrock without them
        model, region = settings.themes_model_id or "", settings.themes_region or ""
        return BedrockClassifier(runtime_client(region), model)
    from shared.results.themes.embedded import LexiconClassifier

    return LexiconClassifier()


@dataclass
class Counts:
    """How many comments, and how many with each theme and tone (``theme_tones[theme][tone]``)."""

    comments: int = 0
    themes: Counter[str] = field(default_factory=Counter)
    tones: Counter[str] = field(default_factory=Counter)
    theme_tones: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.comments += other.comments
        self.themes.update(other.themes)
        self.tones.update(other.tones)
        for theme, tones in other.theme_tones.items():
            self.theme_tones.setdefault(theme, Counter()).update(tones)

    def record(self) -> dict[str, Any]:
        return {
            "comments": self.comments,
            "themes": {t: self.themes[t] for t in THEMES if self.themes[t]},
            "tones": {t: self.tones[t] for t in TONES if self.tones[t]},
            "theme_tones": {
                theme: {t: n for t, n in tones.items() if n}
                for theme, tones in sorted(self.theme_tones.items())
            },
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Counts:
        themes = record.get("themes", {})
        tones = record.get("tones", {})
        theme_tones = record.get("theme_tones", {})
        if not set(themes) <= set(THEMES) or not set(tones) <= set(TONES):
            raise ValueError("a theme count names an unknown theme or tone")
        return cls(
            int(record["comments"]),
            Counter({k: int(v) for k, v in themes.items()}),
            Counter({k: int(v) for k, v in tones.items()}),
            {k: Counter({t: int(n) for t, n in v.items()}) for k, v in theme_tones.items()},
        )


def count(labels: Iterable[Labels]) -> Counts:
    out = Counts()
    for label in labels:
        out.comments += 1
        out.tones[label.tone] += 1
        for theme in label.themes:
            out.themes[theme] += 1
            out.theme_tones.setdefault(theme, Counter())[label.tone] += 1
    return out


def labelled(texts: Sequence[str], classifier: Classifier) -> tuple[list[Labels], str]:
    """The texts' labels and the name of what made them. A model that fails or breaks the
    protocol (``ThemeError``) gives way to the embedded classifier, so themes never hold a
    batch back; the fallback is logged (its error's type, no text) and named in the counts."""
    try:
        return classifier.classify(texts), classifier.name
    except ThemeError as error:
        from shared.results.themes.embedded import LexiconClassifier

        logger.warning(
            "themes fallback", extra={"backend": classifier.name, "error": type(error).__name__}
        )
        fallback = LexiconClassifier()
        return fallback.classify(texts), f"{fallback.name} (fallback from {classifier.name})"


def batch_object(
    comments: Sequence[Comment], number: int, classifier: Classifier
) -> dict[str, bytes]:
    """The counts of one released batch (its texts labelled, none of them kept)."""
    if not comments:
        return {}
    first = comments[0]
    labels, name = labelled([c.text for c in comments], classifier)
    counts = count(labels)
    record = {
        "audience": first.tenant,
        "campaign": first.campaign,
        "released_on": first.released_on,
        "batch": number,
        "classifier": name,
        **counts.record(),
    }
    key = export.theme_batch_key(first.tenant, first.campaign, first.released_on, number)
    return {key: json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")}


def publish_batch(
    bucket: str,
    comments: Sequence[Comment],
    number: int,
    classifier: Classifier | None = None,
    client: Any = None,
) -> int:
    """Step 1: label a written batch and store its counts. Returns the objects written."""
    contents = batch_object(comments, number, classifier or configured())
    return export.write(bucket, contents, client).written


@dataclass(frozen=True)
class ShareRow:
    """One area's theme (or ``alla``) in one campaign: a row of aggregates/themes/."""

    campaign: str
    campaign_name: str
    scope: str
    area: str
    area_name: str
    audience: str  # the kommunkod, or "alla" for a group's and the nation's rows
    kommungrupp: str
    theme: str
    theme_name: str
    municipalities: int  # how many municipalities' batches the row sums
    comments: int | None  # the area's released comments (None: suppressed)
    count: int | None  # of them, with this theme
    share: float | None  # count / comments, in per cent
    positiv: int | None
    neutral: int | None
    negativ: int | None
    suppressed: bool
    classifier: str

    def record(self) -> dict[str, Any]:
        return asdict(self)


def _area(scope: str, key: str, tenants: Mapping[str, Tenant]) -> tuple[str, str, str]:
    """(area name, audience, kommungrupp) of an area."""
    if scope == KOMMUN:
        tenant = tenants[key]
        return tenant.name, key, tenant.kommungrupp.value
    if scope == KOMMUNGRUPP:
        kg = Kommungrupp(key.removeprefix("KG-"))
        return f"Kommungrupp {kg.value} {KOMMUNGRUPP_NAMES[kg]}", EVERYONE, kg.value
    return RIKET_NAME, EVERYONE, ""


def rows(
    campaign: str, batches: Iterable[Mapping[str, Any]], tenants: Mapping[str, Tenant]
) -> list[ShareRow]:
    """Every area's rows of a campaign from its batch records (``batch_object``'s)."""
    per_area: dict[tuple[str, str], Counts] = {}
    members: dict[tuple[str, str], set[str]] = {}
    classifiers: dict[tuple[str, str], set[str]] = {}
    for record in batches:
        tenant = str(record["audience"])
        if record.get("campaign") != campaign or tenant not in tenants:
            continue
        counts = Counts.from_record(record)
        group = group_area(tenants[tenant].kommungrupp)
        for key in ((KOMMUN, tenant), (KOMMUNGRUPP, group), (RIKET, RIKET_AREA)):
            per_area.setdefault(key, Counts()).add(counts)
            members.setdefault(key, set()).add(tenant)
            classifiers.setdefault(key, set()).add(str(record.get("classifier", "")))
    out: list[ShareRow] = []
    for (scope, area), counts in sorted(per_area.items(), key=lambda kv: kv[0][1]):
        name, audience, group = _area(scope, area, tenants)
        campaign_name = campaign_fields(scope, area, campaign, tenants)["campaign_name"] or campaign
        many = len(members[(scope, area)])
        hidden = scope != KOMMUN and many < MIN_MUNICIPALITIES
        for theme in (ALL, *THEMES):
            n = counts.comments if theme == ALL else counts.themes[theme]
            tones = counts.tones if theme == ALL else counts.theme_tones.get(theme, Counter())
            out.append(
                ShareRow(
                    campaign=campaign,
                    campaign_name=campaign_name,
                    scope=scope,
                    area=area,
                    area_name=name,
                    audience=audience,
                    kommungrupp=group,
                    theme=theme,
                    theme_name="Alla kommentarer" if theme == ALL else THEME_NAMES[theme],
                    municipalities=many,
                    comments=None if hidden else counts.comments,
                    count=None if hidden else n,
                    share=None if hidden else round(100 * n / counts.comments, 1),
                    positiv=None if hidden else tones["positiv"],
                    neutral=None if hidden else tones["neutral"],
                    negativ=None if hidden else tones["negativ"],
                    suppressed=hidden,
                    classifier=", ".join(sorted(classifiers[(scope, area)])),
                )
            )
    return out


def campaign_objects(
    campaign: str,
    batches: Iterable[Mapping[str, Any]],
    tenants: Mapping[str, Tenant],
    period: str,
) -> dict[str, bytes]:
    """A campaign's shares for Athena and open data (pure: the same batches, the same bytes)."""
    share_rows = rows(campaign, batches, tenants)
    body = "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in share_rows)
    return {
        export.themes_key(campaign): body.encode("utf-8"),
        export.opendata_themes_key(campaign): opendata.themes_to_csv(
            [r.record() for r in share_rows], period
        ).encode("utf-8"),
    }


def read_batches(bucket: str, campaign: str, client: Any = None) -> list[dict[str, Any]]:
    """Every batch record of a campaign, read back from the analytics bucket."""
    s3 = client or store.client("s3")
    out = []
    prefix = f"{export.THEME_BATCHES_PREFIX}campaign={campaign}/"
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
            out.append(json.loads(body))
    return out


def publish_shares(
    bucket: str, campaigns: Iterable[str], tenants: Mapping[str, Tenant], client: Any = None
) -> int:
    """Step 2: rewrite the shares of each campaign named. Returns the objects written."""
    contents: dict[str, bytes] = {}
    for campaign in sorted(set(campaigns)):
        found = [c for c in (t.campaign(campaign) for t in tenants.values()) if c is not None]
        period = str(min(c.start for c in found).year) if found else campaign[:4]
        batches = read_batches(bucket, campaign, client)
        contents |= campaign_objects(campaign, batches, tenants, period)
    return export.write(bucket, contents, client).written
