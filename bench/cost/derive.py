"""From what the run counted (``measure.Raw``) to usage per unit of activity (``model.Measured``),
and the yearly profile of a municipality from its configuration (config/tenants/)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.cost.measure import HOME, ROOT, Raw
from bench.cost.meter import Invocation, segments, usage_of
from bench.cost.model import GB, Activity, Measured, Profile, Storage

# one HTTP API access log line (the JSON of ACCESS_LOG_FORMAT, infra/constructs/survey.py,
# filled: request id, time, route, status, length, latency, error)
ACCESS_LOG_BYTES = 250
LAG_DAYS = 1  # invitations still sent on the day the target's last answers come in
SMS_RESPONSE_RATE = 0.18  # the national measurement's phone response rate (issue 16, DESIGN.md)


def _weekdays(start: date, end: date) -> int:
    return sum(1 for d in range((end - start).days + 1) if (start + timedelta(d)).weekday() < 5)


def profile_from_config(tenant_dir: Path | None = None) -> tuple[Profile, list[str]]:
    """Västerås's year: the campaigns of its fullest configured calendar year (the latest of
    equals), its caps and targets, the response rates."""
    from shared.core.models import Channel
    from shared.core.tenants import load_tenant_file
    from shared.dispatch.planning import PRIOR_RATE

    tenant = load_tenant_file((tenant_dir or ROOT / "config" / "tenants") / f"{HOME}.json")
    years = [c.start.year for c in tenant.campaigns]
    year = max(years, key=lambda y: (years.count(y), y))
    campaigns = [c for c in tenant.campaigns if c.start.year == year]
    rates = {"sms": SMS_RESPONSE_RATE, "email": PRIOR_RATE[Channel.EMAIL]}
    invitations = {"sms": 0.0, "email": 0.0}
    answers = {"sms": 0.0, "email": 0.0}
    working = 0
    for campaign in campaigns:
        days = _weekdays(campaign.start, campaign.end)
        working += days
        got = 0.0
        for channel in Channel:
            cap, target = tenant.daily_cap[channel], tenant.campaign_target[channel]
            sent = min(math.ceil(target / rates[channel.value]) + LAG_DAYS * cap, cap * days)
            invitations[channel.value] += sent
            answered = min(sent * rates[channel.value], tenant.max_answers - got)
            answers[channel.value] += answered
            got += answered
    profile = Profile(
        campaigns_per_year=len(campaigns),
        working_days_per_year=working,
        invitations_per_year=invitations,
        answers_per_year=answers,
        response_rate=rates,
    )
    notes = [
        f"config/tenants/{HOME}.json ({tenant.name}), {year}: "
        + ", ".join(f"{c.id} {c.start}–{c.end}" for c in campaigns),
        f"caps {tenant.daily_cap.sms} + {tenant.daily_cap.email} a day, targets "
        f"{tenant.campaign_target.sms} + {tenant.campaign_target.email} answers a campaign, at "
        f"most {tenant.max_answers}; dispatch stops a channel at its target: ⌈target / rate⌉ "
        f"invitations + {LAG_DAYS} day of the cap while the last answers come in",
    ]
    return profile, notes


def _access_log(activity: Activity) -> None:
    """One HTTP API access log line per request, ingested and kept a month (estimated)."""
    for meter in ("cloudwatch_logs_ingested", "cloudwatch_logs_stored"):
        activity.estimated[meter] = activity.estimated.get(meter, 0.0) + ACCESS_LOG_BYTES / GB


def _of(raw: Raw, *labels: str) -> list[Invocation]:
    return [i for i in raw.run.meter.invocations if i.label in labels]


def _plus(a: Activity, b: Activity, times: float = 1.0) -> Activity:
    out = Activity(dict(a.measured), dict(a.estimated))
    for part in ("measured", "estimated"):
        target = getattr(out, part)
        for k, v in getattr(b, part).items():
            target[k] = target.get(k, 0.0) + v * times
    return out


def to_measured(raw: Raw, profile: Profile, prices_custom_metric: float | None = None) -> Measured:
    from shared.survey.pages import css

    run, template = raw.run, raw.template
    sent = run.sent
    invitations = sent["sms"] + sent["email"]
    answers = sum(run.answers.values())
    if not invitations or not answers:
        raise RuntimeError(f"the run sent {sent} and got {run.answers} answers: nothing to price")

    file = usage_of(
        _of(raw, "upload", "ingest.receive", "ingest.draw"), template, run.files, profile
    )
    file.estimated["sqs_requests"] = 3.0  # S3's SendMessage, the poller's receive and delete

    base = usage_of(_of(raw, "dispatch"), template, invitations, profile)
    base.measured.pop("ses_messages", None)
    texts = [segments(t) for t in run.sms_texts]
    sms = _plus(base, Activity({"sms_segment_se": sum(n for n, _ in texts) / len(texts)}))
    emails = sum(i.emails for i in _of(raw, "dispatch"))
    email = _plus(base, Activity({"ses_messages": emails / max(1, sent["email"])}))

    css_bytes = len(css().encode("utf-8"))
    get_bytes = sum(run.response_bytes[0::2]) / max(1, run.views)
    post_bytes = sum(run.response_bytes[1::2]) / max(1, answers)
    view = usage_of(_of(raw, "survey.get"), template, run.views, profile)
    view.measured["http_api_requests"] = 1.0
    _access_log(view)
    view.estimated |= {
        "cloudfront_https_requests": profile.edge_requests_per_view,
        "waf_requests": profile.edge_requests_per_view,
        "cloudfront_data_out": (get_bytes + css_bytes) / GB,
    }
    post = usage_of(_of(raw, "survey.post"), template, answers, profile)
    post.measured["http_api_requests"] = 1.0
    _access_log(post)
    post.estimated |= {
        "cloudfront_https_requests": 1.0,
        "waf_requests": 1.0,
        "cloudfront_data_out": post_bytes / GB,
    }
    answer = _plus(view, post)  # nothing else runs on an answer: releases follow the calendar

    # a release: one stream's release day, measured on the morning run of a release day (every
    # stream of the configured municipalities released that day) and divided by its streams
    released = _of(raw, "results.release")
    releases_here = sum(int(i.result["released"]) for i in released)
    release5 = usage_of(released, template, releases_here, profile)
    # the run re-pools each live campaign once: per stream, the difference between the states
    # copied to many and to few municipalities is what a larger deployment adds
    low_n, high_n = min(raw.pooling), max(raw.pooling)
    low, high = raw.pooling[low_n], raw.pooling[high_n]
    memory_gb = template["functions"]["results"]["memory_mb"] / 1024

    def per_stream(part: str) -> float:
        return high[part] / high["streams"] - low[part] / low["streams"]

    growth = Activity(
        {
            "dynamodb_read_request_units": per_stream("read_units"),
            "lambda_arm_gb_seconds": per_stream("cpu") * memory_gb,
        }
    )
    release290 = _plus(release5, growth)

    daily = usage_of(_of(raw, "results.daily"), template, raw.tenants, profile)
    days = max(1, raw.days)
    runs = {
        "dispatch": usage_of(_of(raw, "idle.dispatch"), template, days, profile),
        "ingest": usage_of(_of(raw, "idle.draw"), template, days, profile),
        "purge": usage_of(_of(raw, "idle.purge"), template, 1, profile),
    }
    schedules = template["schedules_per_day"]
    own_series = {s for s in run.sink.series if "tenant=" in s}
    shared_series = run.sink.series - own_series
    fixed = {
        "cloudwatch_alarm": float(template["alarms"]),
        "cloudwatch_dashboard": float(template["dashboards"]),
        "waf_web_acl": float(template["web_acls"]),
        "waf_rule": float(template["waf_rules"]),
        "kms_key": float(template["kms_keys"]),
        "cloudwatch_custom_metric": float(len(shared_series)),
    }
    # a series with a municipality in its dimensions (target mode's projections) is one more
    # metric for every municipality
    per_municipality = len(own_series) / max(1, len({s.split("tenant=")[1] for s in own_series}))
    yearly = Activity({"cloudwatch_custom_metric": 12.0 * per_municipality} if own_series else {})
    st = raw.storage
    tables = st["tables"]
    # a campaign's export at 5 and at 290 municipalities: a part per municipality, a shared rest
    spread = high_n - low_n
    per_muni = {k: (high["objects"][k] - low["objects"][k]) / spread for k in high["objects"]}
    shared = {k: max(0.0, low["objects"][k] - low_n * per_muni[k]) for k in per_muni}
    comment_bytes = tables["CommentPool"]["bytes"] + st["comment_objects_bytes"]
    storage = Storage(
        dynamodb_bytes_per_answer=tables["Responses"]["bytes"] / answers,
        dynamodb_bytes_per_stream=(tables["Totals"]["bytes"] + tables["Releases"]["bytes"])
        / max(1, tables["Totals"]["streams"]),
        s3_bytes_per_municipality_campaign=sum(per_muni.values()),
        s3_bytes_shared_per_campaign=sum(shared.values()),
        s3_bytes_per_answer=comment_bytes / answers,
        s3_bytes_per_file=sum(st["report_bytes"]) / max(1, len(st["report_bytes"])),
        athena_bytes_per_municipality_campaign={
            "figures": per_muni["figures"],
            "participation": per_muni["participation"],
        },
        athena_bytes_shared_per_campaign={
            "figures": shared["figures"],
            "participation": shared["participation"],
        },
        athena_bytes_per_answer={"comments": comment_bytes / answers},
    )
    release_days = calendar_releases()
    stream_releases = 2 * release_days * profile.campaigns_per_year  # both channels
    encodings = sorted({e for _, e in texts})
    fn = template["functions"]
    fn = template["functions"]
    functions: dict[str, dict[str, float]] = {}
    for inv in run.meter.invocations:
        if inv.function:
            f = functions.setdefault(inv.function, {"invocations": 0, "ms": 0.0})
            f["invocations"] += 1
            f["ms"] += math.ceil(inv.ms)
    facts: dict[str, Any] = {
        "functions": {
            name: v
            | {
                "memory_mb": fn[name]["memory_mb"],
                "architecture": fn[name]["architecture"],
                "gb_s": v["ms"] / 1000 * fn[name]["memory_mb"] / 1024,
            }
            for name, v in functions.items()
        },
        "fixed_counts": {
            "cloudwatch_alarm": "CloudWatch alarms (pipeline + edge stacks)",
            "cloudwatch_dashboard": "CloudWatch dashboard",
            "waf_web_acl": "WAF web ACL (edge stack)",
            "waf_rule": "WAF rules in it",
            "kms_key": "KMS customer managed keys (alarm topics)",
            "cloudwatch_custom_metric": "custom metric series the functions emitted (EMF)",
        },
        "notes": [
            f"{raw.days} municipality-days of {HOME} on the moto server, {raw.tenants} "
            f"municipalities configured; {run.files} files of {run.rows // max(1, run.files):,} "
            f"rows; {sent['sms']} SMS and {sent['email']} e-mails sent; "
            f"{run.answers['sms']} + {run.answers['email']} answers ({run.comments} with a "
            f"comment), {run.views} form views; {releases_here} stream releases on the "
            f"measured release day; {raw.seconds:.0f} s in all.",
            f"SMS: {len(texts)} texts, {', '.join(encodings)}, "
            f"{sum(n for n, _ in texts) / len(texts):.2f} segments each, at most "
            f"{max(len(t) for t in run.sms_texts)} characters (one GSM-7 segment holds 160).",
            "Lambda (synthesized template): "
            + ", ".join(f"{k} {v['memory_mb']} MB {v['architecture']}" for k, v in fn.items())
            + "; schedules a day: "
            + ", ".join(f"{k} {v:g}" for k, v in schedules.items())
            + f"; API type {', '.join(template['api_types'])}; {template['alarms']} alarms.",
            "Lambda GB-seconds: the wall time of each invocation in this process (moto's own "
            "work included: an upper bound), rounded up to the millisecond, × the memory above. "
            "Cold starts are not in it.",
            "DynamoDB request units: from item sizes (moto reports a constant consumed "
            "capacity): the items of each request and the stored items before and after it.",
            f"A release day's run re-pools each live campaign: with the run's published states "
            f"copied to {low_n} and to {high_n} municipalities, reading the states takes "
            f"{low['read_units']:g} and {high['read_units']:g} read units (states of "
            f"{low['state_bytes']:,.0f} B), computing the figures and the export "
            f"{low['cpu']:.3f} s and {high['cpu']:.3f} s of CPU, and a campaign's export "
            f"weighs {sum(low['objects'].values()):,} B and {sum(high['objects'].values()):,} B; "
            "the differences per stream are added to the release measured here (at "
            f"{raw.tenants} municipalities), linear in between. Releases follow the calendar "
            f"(ResultsSettings' default cadence): {release_days} release days a campaign × 2 "
            f"channels × {profile.campaigns_per_year} campaigns = {stream_releases} stream "
            f"releases a year, {stream_releases / profile.answers:.3f} per answer.",
            "Storage: item sizes + 100 B per item in the tables, object sizes in the buckets, "
            "after the run: "
            + ", ".join(
                f"{k} {v['items']} items {v['bytes']:,} B" for k, v in tables.items() if v["items"]
            ),
            f"Comments the dashboard queries: {comment_bytes / answers:.0f} B per answer "
            "(the pool's items, released in batches later).",
            f"Custom metrics: {len(shared_series)} series without a municipality in their "
            f"dimensions (a fixed monthly fee), {len(own_series)} with one (each would be "
            f"{12 * (prices_custom_metric or 0):.2f} USD a year per municipality; target mode's "
            "projections are a log line, not metrics, for that reason).",
        ],
        "campaigns_from": "",
        "invitations_from": "",
    }
    return Measured(
        activities={
            "file": file,
            "sms_invitation": sms,
            "email_invitation": email,
            "answer": answer,
            "page_view": view,
            "municipality_day": daily,
            "municipality_year": yearly,
        },
        releases={low_n: release5, high_n: release290},
        releases_per_answer=stream_releases / profile.answers,
        runs=runs,
        runs_per_day={k: float(v) for k, v in schedules.items()},
        fixed_per_month=fixed,
        storage=storage,
        facts=facts,
    )


def calendar_releases(weeks: int = 8) -> int:
    """Release days of a campaign of ``weeks`` weeks on the default calendar (its links valid
    the days after it that the survey allows)."""
    from shared.core.tenants import Campaign
    from shared.platform.settings import ResultsSettings
    from shared.results import schedule

    cadence = schedule.Cadence(ResultsSettings.model_fields["release_cadence"].default)
    start = date(2026, 3, 2)
    campaign = Campaign(id="typical", start=start, end=start + timedelta(weeks=weeks, days=-1))
    return len(schedule.Calendar(cadence).release_days(campaign))
