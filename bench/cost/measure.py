"""The real flow on the emulator, counted: what one unit of each activity asks of AWS.

On the moto server (local/environment.py) with the configured municipalities (config/tenants/),
for ``days`` consecutive municipality-days of Västerås (1980) in its running campaign:

1. the contact centre uploads one day's file (``bench.ingest``'s generator: Swedish Excel,
   mobile numbers in every format, some e-mail, some rubbish) and its S3 event goes to the real
   ingest handler (``receive``), then the schedule's event after the cutoff (the day's draw);
2. the dispatch schedule's event sends the day's invitations (caps on);
3. residents answer at the response rates of the profile (18 % by phone) through the real
   survey handler (API Gateway v2 events: the form, then the answer);
4. the results function's morning runs (``service.scheduled``, its only entry: releases follow
   the public calendar, never an answer): one on the release day before the run's first day
   (it releases the campaign's earlier days, not counted), one on the next release day (every
   stream releases exactly that day: the release measured), and one more the same morning
   (nothing due: what every other morning costs); then the purge's idle run.

What each invocation asked of AWS is counted by bench/cost/meter.py.

How a morning run's cost grows with the deployment (it re-pools every municipality's published
state of a live campaign) is measured below with the run's states copied to 5 and to 290
municipalities; the difference per stream is added to the release measured here.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.cost.meter import Meter, Sink, captured, item_size
from bench.cost.model import Profile
from shared.ingest import service as ingest_service

ROOT = Path(__file__).resolve().parents[2]
HOME = "1980"  # Västerås
REGION = "eu-north-1"
SURVEY_BASE_URL = "https://enkat.example.se"
COMMENT_SHARE = 0.3  # answers with a free-text comment in this run

# -- the run ------------------------------------------------------------------------------------


@dataclass
class Run:
    meter: Meter
    sink: Sink
    env: dict[str, str]
    answers: dict[str, int] = field(default_factory=lambda: {"sms": 0, "email": 0})
    comments: int = 0
    files: int = 0
    rows: int = 0
    sent: dict[str, int] = field(default_factory=lambda: {"sms": 0, "email": 0})
    views: int = 0
    sms_texts: list[str] = field(default_factory=list)
    response_bytes: list[int] = field(default_factory=list)

    def invoke(self, label: str, function: str, call: Any) -> Any:
        with self.meter.open(label, function) as inv:
            before = self.sink.bytes
            try:
                inv.result = call()
            finally:
                inv.log_bytes = self.sink.bytes - before
        return inv.result


# the functions' settings for the run (local.environment.emulated sets them and puts them back)
SETTINGS = {
    "POWERTOOLS_LOG_LEVEL": "INFO",  # the functions' level in the stack (infra lambdas.py)
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_NAMESPACE": "Servicematning",
    "POWERTOOLS_SERVICE_NAME": "servicematning",
    "SURVEY_BASE_URL": SURVEY_BASE_URL,
    "SMS_PER_SECOND": "1000",
    "EMAIL_PER_SECOND": "1000",
}


def _day_file(rows: int, upload_at: datetime) -> bytes:
    import bench.ingest as generator

    original = generator.RECEIVED_AT
    generator.RECEIVED_AT = upload_at  # the generator dates contacts in the 20 hours before it
    try:
        text = "".join(generator.generate_lines(rows, seed=upload_at.toordinal()))
    finally:
        generator.RECEIVED_AT = original
    return text.encode(generator.ENCODING)


def _ingest_day(run: Run, day: date, rows: int) -> None:
    import boto3

    from functions.ingest import handler as ingest
    from local.events import LambdaContext, s3_object_created, scheduled
    from shared.ingest import files as ingest_module
    from shared.platform import settings

    upload_at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=5)
    body = _day_file(rows, upload_at)
    bucket = run.env[settings.DATA_BUCKET]
    key = f"inbox/{HOME}/{day.isoformat()}-kontakter.csv"
    s3 = boto3.client("s3", region_name=REGION)
    with run.meter.open("upload", None):  # the municipality's PUT is billed to the account
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    etag = s3.head_object(Bucket=bucket, Key=key)["ETag"]
    event = s3_object_created(bucket, key, etag, len(body), REGION, upload_at)
    context = LambdaContext("ingest")
    run.invoke("ingest.receive", "ingest", lambda: ingest.handler(event, context))
    cutoff = upload_at + timedelta(hours=2, minutes=1)  # 08:01 in Stockholm in winter
    real = ingest_module.utc_now
    ingest_module.utc_now = lambda: cutoff
    try:
        drawn = run.invoke(
            "ingest.draw", "ingest", lambda: ingest.handler(scheduled("draw", REGION), context)
        )
        run.invoke(  # the next scheduled run: nothing left to draw
            "idle.draw", "ingest", lambda: ingest.handler(scheduled("draw", REGION), context)
        )
    finally:
        ingest_module.utc_now = real
    if not drawn or not drawn.get("drawn"):
        raise RuntimeError(f"the day's draw drew nothing: {drawn}")
    run.files += 1
    run.rows += rows


def _dispatch_day(run: Run, day: date) -> tuple[list[str], list[str]]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends

    from functions.dispatch.handler import handler as dispatch
    from local.events import LambdaContext, scheduled
    from shared.dispatch import service

    sns = sns_backends[DEFAULT_ACCOUNT_ID][REGION]
    ses = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
    sms_before, mail_before = len(sns.sms_messages), len(ses.sent_messages)
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    real = service.utc_now
    service.utc_now = lambda: at
    context = LambdaContext("dispatch")
    try:
        run.invoke("dispatch", "dispatch", lambda: dispatch(scheduled("dispatch", REGION), context))
        run.invoke(
            "idle.dispatch", "dispatch", lambda: dispatch(scheduled("dispatch", REGION), context)
        )
    finally:
        service.utc_now = real
    link = re.compile(re.escape(SURVEY_BASE_URL) + r"/s/[A-Za-z0-9_-]{22}")
    texts = [text for _, text in list(sns.sms_messages.values())[sms_before:]]
    run.sms_texts += texts
    sms_links = [m.group(0) for t in texts if (m := link.search(t))]
    mail_links = []
    for raw in ses.sent_messages[mail_before:]:
        data = getattr(raw, "raw_data", None) or str(getattr(raw, "body", ""))
        found = link.search(data.replace("=\r\n", "").replace("=\n", ""))
        if found:
            mail_links.append(found.group(0))
    run.sent["sms"] += len(texts)
    run.sent["email"] += len(ses.sent_messages) - mail_before
    return sms_links, mail_links


def _answer(run: Run, link: str, channel: str, rnd: random.Random) -> None:
    from functions.survey.handler import handler as survey
    from local.server import LocalContext, http_event
    from shared.core.models import Channel
    from shared.core.questions import ERRANDS, questions_for

    path = link.removeprefix(SURVEY_BASE_URL)
    headers = {"host": "enkat.example.se", "accept-language": "sv-SE,sv;q=0.9"}
    page = run.invoke(
        "survey.get", "survey", lambda: survey(http_event("GET", path, headers), LocalContext())
    )
    if page["statusCode"] != 200:
        raise RuntimeError(f"the survey form answered {page['statusCode']}")
    run.views += 1
    run.response_bytes.append(len(page.get("body", "").encode()))
    form = {q.id: str(rnd.choice((2, 3, 4, 4, 5, 5))) for q in questions_for(Channel(channel))}
    form["errand"] = rnd.choice(ERRANDS).id
    if channel == "email":
        form["epost_aterkoppling"] = "ja"  # SKR's validation question: the scored branch
    if rnd.random() < COMMENT_SHARE:
        form["comment"] = rnd.choice(
            (
                "Tack för snabb hjälp med bygglovet!",
                "Lång väntetid i telefon, men trevligt bemötande.",
                "Svaret var tydligt men kom först efter en vecka.",
            )
        )
        run.comments += 1
    body = urlencode(form)
    post_headers = headers | {"content-type": "application/x-www-form-urlencoded"}
    done = run.invoke(
        "survey.post",
        "survey",
        lambda: survey(http_event("POST", path, post_headers, body), LocalContext()),
    )
    if done["statusCode"] != 303:
        raise RuntimeError(f"submitting an answer gave {done['statusCode']}")
    # Post/Redirect/Get: the browser then loads the thank-you page, one more invocation
    thanks_path = done["headers"]["Location"]
    done = run.invoke(
        "survey.get",
        "survey",
        lambda: survey(http_event("GET", thanks_path, headers), LocalContext()),
    )
    if done["statusCode"] != 200:
        raise RuntimeError(f"the thank-you page gave {done['statusCode']}")
    run.response_bytes.append(len(done.get("body", "").encode()))
    run.answers[channel] += 1


def _morning(run: Run, label: str, moment: datetime) -> dict[str, Any]:
    """The results function's scheduled run as of ``moment`` (its handler's one call)."""
    from shared.platform.settings import ResultsSettings
    from shared.results import service

    summary: dict[str, Any] = run.invoke(
        label, "results", lambda: service.scheduled(ResultsSettings.from_env(), now=moment)
    )
    return summary


def release_days(today: date, days: int) -> tuple[date, date]:
    """The release day before the run's first day, and the next one (the release measured)."""
    from shared.platform.settings import ReleaseSettings
    from shared.results import schedule

    calendar = schedule.Calendar(schedule.Cadence(ReleaseSettings().release_cadence))
    before = today - timedelta(days=days + 1)
    while not calendar.is_release_day(before):
        before -= timedelta(days=1)
    return before, calendar.next_release_day(before)


def _scheduled(run: Run, label: str, function: str, handler: Any) -> Any:
    from local.events import LambdaContext, scheduled

    return run.invoke(
        label, function, lambda: handler(scheduled(function, REGION), LambdaContext(function))
    )


def _storage(run: Run) -> dict[str, Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    from shared.platform import resources, settings
    from shared.results import export
    from shared.results.figures import EVERYONE

    tables = {}
    for table in resources.TABLES:
        name = run.env[table.env_key]
        t = run.meter.backend.get_table(name)
        items = list(t.all_items())
        tables[table.id] = {
            "items": len(items),
            "bytes": sum(i.size() + 100 for i in items),  # 100 B of overhead per item
            "streams": len({i.hash_key.value for i in items}),
        }
    s3 = s3_backends[DEFAULT_ACCOUNT_ID]["global"]
    objects: dict[str, list[tuple[str, bytes]]] = {}
    for env_key in (settings.ANALYTICS_BUCKET, settings.DATA_BUCKET):
        bucket = s3.get_bucket(run.env[env_key])
        objects[env_key] = [(k, bucket.keys[k].value) for k in bucket.keys.keys()]  # noqa: SIM118
    analytics = objects[settings.ANALYTICS_BUCKET]
    datasets: dict[str, dict[str, Any]] = {}
    for dataset, prefix in (
        ("figures", export.FIGURES_PREFIX),
        ("participation", export.PARTICIPATION_PREFIX),
    ):
        own, shared_bytes, audiences, campaigns = 0, 0, set(), set()
        for key, value in analytics:
            if not key.startswith(prefix):
                continue
            campaigns.add(key)
            for line in value.decode().splitlines():
                audience = json.loads(line).get("audience", "")
                if audience in (EVERYONE, ""):  # the group and national rows
                    shared_bytes += len(line) + 1
                else:
                    own += len(line) + 1
                    audiences.add(audience)
        datasets[dataset] = {
            "campaigns": len(campaigns),
            "per_municipality": own / max(1, len(audiences)) / max(1, len(campaigns)),
            "shared": shared_bytes / max(1, len(campaigns)),
            "municipalities": len(audiences),
        }
    opendata = sum(len(v) for k, v in analytics if k.startswith(export.OPENDATA_PREFIX))
    comments = sum(len(v) for k, v in analytics if k.startswith(export.COMMENTS_PREFIX))
    reports = [len(v) for k, v in objects[settings.DATA_BUCKET] if k.startswith("reports/")]
    return {
        "tables": tables,
        "datasets": datasets,
        "opendata_bytes": opendata,
        "comment_objects_bytes": comments,
        "report_bytes": reports,
        "analytics_objects": len(analytics),
    }


def pooling(run: Run, sizes: tuple[int, ...] = (5, 290)) -> dict[int, dict[str, Any]]:
    """What re-pooling a campaign costs with ``n`` municipalities in it, for each size: the
    campaign's published states as the run left them (Västerås's, read back from the releases
    table), copied to ``n`` municipalities in every kommungrupp; the figures and the export
    objects computed from them as the results function does (CPU time of this process, no
    emulator in it), the objects' sizes, and the read units of the query that reads the
    states (their item sizes; eventually consistent)."""
    from shared.core.tenants import Kommungrupp, load_tenant_file
    from shared.platform import settings
    from shared.results import export, figures
    from shared.results.source import ResultsTables

    releases = run.meter.backend.get_table(run.env[settings.RELEASES_TABLE])
    items = [i.to_json()["Attributes"] for i in releases.all_items()]
    states = [s for s in items if "campaign" in s]  # not the comment marks
    state_bytes = sum(item_size(s) for s in states) / max(1, len(states))
    db = ResultsTables(None, _table(run.env[settings.RELEASES_TABLE]), None)
    home = load_tenant_file(ROOT / "config" / "tenants" / f"{HOME}.json")
    campaign = str(states[0]["campaign"]["S"])
    published = [p for p in db.campaign(campaign) if p.tenant == HOME]
    groups = list(Kommungrupp)
    out: dict[int, dict[str, Any]] = {}
    for n in sizes:
        tenants = {
            f"{i:04d}": home.model_copy(
                update={"kommunkod": f"{i:04d}", "kommungrupp": groups[i % len(groups)]}
            )
            for i in range(1, n + 1)
        }
        copies = [
            figures.Published(code, p.campaign, p.channel, p.state)
            for code in tenants
            for p in published
        ]
        cpu = time.process_time()
        objects = export.campaign_objects(campaign, figures.compute(copies, tenants))
        cpu = time.process_time() - cpu
        out[n] = {
            "streams": len(copies),
            "cpu": cpu,
            "read_units": math.ceil(len(copies) * state_bytes / 4096) * 0.5,
            "state_bytes": state_bytes,
            "objects": {
                key.split("/")[-2] if "/" in key else key: len(v) for key, v in objects.items()
            },
        }
    return out


def _table(name: str) -> Any:
    from shared.platform import store

    return store.table(name)


@dataclass
class Raw:
    """Everything the run counted, before it is turned into per-unit usage."""

    run: Run
    storage: dict[str, Any]
    pooling: dict[int, dict[str, Any]]
    template: dict[str, Any]
    days: int
    tenants: int
    seconds: float


def run_tenants(today: date) -> list[Any]:
    """The configured municipalities as they are (caps, rates, sending window, cutoff), with
    one campaign running over the days of the run, whatever the date: the campaigns in
    config/tenants/ give the year's profile, not the run's calendar."""
    from shared.core.tenants import Campaign, load_tenant_dir

    campaign = Campaign(
        id=f"cost-{today:%Y}", start=today - timedelta(days=42), end=today + timedelta(days=14)
    )
    return [
        t.model_copy(update={"campaigns": (campaign,)})
        for t in load_tenant_dir(ROOT / "config" / "tenants").values()
    ]


def measure(days: int = 3, rows: int = 1000, profile: Profile | None = None) -> Raw:
    from bench.cost.template import in_a_fresh_process

    profile = profile or Profile()
    started = time.perf_counter()
    synth = subprocess.Popen(
        [sys.executable, "-m", "bench.cost.template"],
        cwd=ROOT,
        env=dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    from local.environment import emulated

    warnings.filterwarnings("ignore", message="No application metrics to publish")
    with emulated(prefix="cost", settings=SETTINGS) as emulator:
        # imported with the environment set: the functions' logger reads POWERTOOLS_LOG_LEVEL
        import boto3

        from shared.messages.senders import reset_send_clients
        from shared.platform import settings, store
        from shared.platform.tenant_store import TenantStore

        try:
            today = datetime.now(UTC).date()
            tenants = run_tenants(today)
            TenantStore(store.table(emulator.env[settings.TENANTS_TABLE])).put(tenants)
            ses = boto3.client("sesv2", region_name=REGION)
            for domain in sorted({t.email_sender.split("@")[1] for t in tenants}):
                ses.create_email_identity(EmailIdentity=domain)
            meter = Meter(emulator.env)
            session = boto3._get_default_session()
            session.events.register("before-call", meter.before)
            session.events.register("after-call", meter.after)
            store.reset_clients()  # clients copy the session's hooks when they are made
            reset_send_clients()

            ingest_service.ports.cache_clear()
            run = Run(meter, Sink(), emulator.env)
            rnd = random.Random(16)
            from functions.purge.handler import handler as purge
            from shared.results.schedule import release_moment

            before, release_day = release_days(today, days)
            with captured(run.sink):
                _morning(run, "results.catchup", release_moment(before) + timedelta(minutes=30))
                for offset in range(days, 0, -1):
                    day = today - timedelta(days=offset)
                    _ingest_day(run, day, rows)
                    sms_links, mail_links = _dispatch_day(run, day)
                    for channel, links in (("sms", sms_links), ("email", mail_links)):
                        wanted = round(len(links) * profile.response_rate[channel])
                        for link in links[:wanted]:
                            _answer(run, link, channel, rnd)
                morning = release_moment(release_day) + timedelta(minutes=30)
                released = _morning(run, "results.release", morning)
                if released["released"] != 2 * len(tenants) or released["failed"]:
                    raise RuntimeError(f"the release day did not release every stream: {released}")
                _morning(run, "results.daily", morning + timedelta(minutes=5))  # nothing due
                _scheduled(run, "idle.purge", "purge", purge)
            storage = _storage(run)
            pooled = pooling(run)
        finally:
            boto3._get_default_session().events.unregister("before-call", meter.before)
            boto3._get_default_session().events.unregister("after-call", meter.after)
    out, _ = synth.communicate(timeout=900)
    if synth.returncode != 0:
        template = in_a_fresh_process()  # raises with the synthesis's own error
    else:
        template = json.loads(out.strip().splitlines()[-1])
    return Raw(run, storage, pooled, template, days, len(tenants), time.perf_counter() - started)
