"""Attack 1 end to end, through the real handlers on the local emulator, and the bucket checks.

As a municipality would do it, with only its own access: it uploads one contact file with
its target and its staff (``inbox/<kommunkod>/``, the real ingest function on the real S3
event), dispatch invites them (a real scheduled event; the SMS are read back from the
emulator), everyone answers over HTTP through the real survey function served on 127.0.0.1,
and the totals table's DynamoDB stream is pumped into the real results function
(``local.streams.StreamPump``). The municipality then reads only what it can query: the
exported rows in the analytics bucket (``aggregates/figures/<campaign>.jsonl``).

Per target: the staff answer one at a time until a release (the baseline); the target
answers; the staff answer one at a time until the next release. The rows before and after,
minus the staff's answers, are the target's answer plus noise; the attacker guesses it as in
``local.privacy.differencing``. A handful of targets cannot measure a rate (the simulation
does, over a thousand); what this shows is that the real path publishes what the simulation
assumes: no object changes between releases, each release's difference is the batch plus
noise of the configured size (never the exact batch), and the bucket keeps no history.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import random
import re
import time
import urllib.request
import warnings
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.privacy.core import (
    OUTCOMES,
    Config,
    Line,
    best_guess,
    candidates_for,
    exact_of,
    posterior_guess,
    prior,
    stats_of,
)
from shared.models import Channel
from shared.results import noise, release, totals
from shared.results.totals import TOTAL

NAME = "1 targeted differencing, end to end"
HISTORY = "8 version history and timing"
HOME = "1980"
REGION = "eu-north-1"
LEVEL = 3.8
ROOT = Path(__file__).resolve().parents[2]


ATTEMPTS = 4  # a resident's browser retries a dropped connection; so does the attacker


def _http(method: str, url: str, body: bytes | None = None) -> int:
    """One request, retried like a browser would when the connection drops or the gateway
    answers 5xx (the emulator on a loaded 2-core machine does both now and then)."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise RuntimeError("the attack only talks to its own server on loopback")
    status = 0
    for attempt in range(ATTEMPTS):
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as error:
            status = int(error.code)
            if status < 500:
                return status
        except (ConnectionError, http.client.HTTPException, TimeoutError):
            status = 0
        time.sleep(0.2 * (attempt + 1))
    return status


def _answered(link: str, form: dict[str, str]) -> bool:
    """The answer is in: a 200 thank-you page, or 409 when a retried POST finds the answer an
    attempt whose reply was lost had already stored."""
    return _http("GET", link) in (200, 409) and _http("POST", link, urlencode(form).encode()) in (
        200,
        409,
    )


def boto3_table(name: str) -> Any:
    from shared import store

    return store.table(name)


def _contact_file(count: int, day: str) -> bytes:
    lines = ["Datum;Kanal;Telefonnummer;E-post;Ärende"]
    lines += [
        f"{day} 09:00;Telefon;070-{i // 10000:03d} {i % 10000:04d};;Bygglov" for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Municipality:
    """What the attacking municipality does and sees (its own upload, the SMS its staff and
    target get, the rows it can query)."""

    def __init__(self, env: dict[str, str], survey_url: str, campaign: str) -> None:
        import boto3

        self.env = env
        self.survey_url = survey_url
        self.campaign = campaign
        self.s3 = boto3.client("s3", region_name=REGION)
        self.links: list[str] = []
        self.pump: Any = None

    def upload_and_invite(self, count: int, day: str, draw_day: Any = None) -> int:
        """Upload ``count`` contacts of ``day`` (a past day: a contact more than an hour after
        the upload is refused), draw them on ``draw_day`` (today), dispatch."""
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.sns.models import sns_backends

        from functions.dispatch.handler import handler as dispatch
        from functions.ingest.handler import handler as ingest
        from local.events import LambdaContext, s3_object_created, scheduled

        bucket, key = self.env["DATA_BUCKET"], f"inbox/{HOME}/personal.csv"
        body = _contact_file(count, day)
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)
        etag = self.s3.head_object(Bucket=bucket, Key=key)["ETag"]
        ingest(s3_object_created(bucket, key, etag, len(body), REGION), LambdaContext("ingest"))
        from datetime import date

        from local.demo import run_daily_draw
        from shared.ingest import draw_record_id

        # the day's draw over the uploads (the attacker uploads several files in one day)
        self.s3_day = draw_day or date.fromisoformat(day[:10])
        files = boto3_table(self.env["FILES_TABLE"])
        files.delete_item(Key={"file_id": draw_record_id(HOME, self.s3_day)})
        run_daily_draw(self.s3_day)
        dispatch(scheduled("dispatch", REGION), LambdaContext("dispatch"))
        link = re.compile(re.escape(self.survey_url) + r"/s/[A-Za-z0-9_-]{22}")
        for _, text in sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values():
            found = link.search(text)
            if found and found.group(0) not in self.links:
                self.links.append(found.group(0))
        return len(self.links)

    def answer(self, values: tuple[int | None, ...], errand: str = "bygglov") -> None:
        from shared.survey.questions import questions_for

        link = self.links.pop()
        questions = [q.id for q in questions_for(Channel.SMS)]
        form = {
            q: "vet_ej" if v is None else str(v) for q, v in zip(questions, values, strict=True)
        }
        form["errand"] = errand
        if not _answered(link, form):
            raise RuntimeError("the survey did not take an answer")
        self.pump.drain()

    def figures_object(self) -> bytes:
        from shared.results import export

        try:
            got = self.s3.get_object(
                Bucket=self.env["ANALYTICS_BUCKET"], Key=export.figures_key(self.campaign)
            )
        except self.s3.exceptions.NoSuchKey:
            return b""
        return bytes(got["Body"].read())

    def own_total_rows(self, body: bytes) -> dict[str, dict[str, Any]]:
        rows = [json.loads(line) for line in body.decode("utf-8").splitlines() if line]
        return {
            r["question"]: r
            for r in rows
            if r["area"] == HOME and r["breakdown"] == "total" and r["channel"] == "sms"
        }


def _counts(row: dict[str, Any], question: str) -> dict[str, float]:
    if row.get("suppressed") or row.get("n") is None:
        return {}
    out = {
        totals.n(question): float(row["n"]),
        totals.s(question): (row["index"] / 25 - 2) * row["n"],
    }
    if row.get("vet_ej"):
        out[totals.v(question)] = float(row["vet_ej"])
    return out


def run(cfg: Config, targets: int) -> list[Line]:
    """The end-to-end attack on ``targets`` residents, then the bucket's checks."""
    from local.demo import STOCKHOLM, demo_tenants, functions_output
    from local.emulator import start_emulator
    from local.server import start_server
    from local.streams import StreamPump

    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Servicematning")
    os.environ["SMS_PER_SECOND"] = os.environ["EMAIL_PER_SECOND"] = "1000"
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    out = ROOT / ".local" / "privacy"
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "functions.log"
    log_file.write_text("", encoding="utf-8")
    server = start_server(port=0)
    emulator = start_emulator(tenant_dir=None)
    previous_url = os.environ.get("SURVEY_BASE_URL")
    os.environ["SURVEY_BASE_URL"] = server.url
    try:
        with functions_output(log_file):
            return _attack(cfg, targets, emulator, server.url, StreamPump, STOCKHOLM, demo_tenants)
    except Exception as error:  # noqa: BLE001 - a broken path did not hold
        from shared.redaction import redact

        return [
            Line(NAME, "(the end-to-end run itself failed)", "-", False, redact(repr(error))[:300])
        ]
    finally:
        server.shutdown()
        server.server_close()
        emulator.stop()
        if previous_url is None:
            os.environ.pop("SURVEY_BASE_URL", None)
        else:
            os.environ["SURVEY_BASE_URL"] = previous_url


def _attack(
    cfg: Config, targets: int, emulator: Any, url: str, pump_cls: Any, zone: Any, tenants_for: Any
) -> list[Line]:
    from shared import store
    from shared.tenants import PerChannel, TenantStore

    rng = random.Random(f"e2e-{cfg.seed}")  # noqa: S311 - made-up answers
    today = datetime.now(zone).date()
    (home,) = [t for t in tenants_for(today) if t.kommunkod == HOME]
    home = home.model_copy(
        update={
            "sample_rate": 1.0,
            "target_mode": False,
            "daily_cap": PerChannel(sms=1000, email=1000),
            "campaign_target": PerChannel(sms=400, email=400),
            "extra_questions": (),
        }
    )
    TenantStore(store.table(emulator.env["TENANTS_TABLE"])).put([home])
    campaign = home.campaigns[0].id
    town = Municipality(emulator.env, url, campaign)
    town.pump = pump_cls(emulator.env["TOTALS_TABLE"])
    contacts = (targets + 2) * (cfg.k + 3 * cfg.margin + 1)
    yesterday = today - timedelta(days=1)
    invited = town.upload_and_invite(min(contacts, 399), yesterday.isoformat(), today)
    p = prior(LEVEL)
    policy = release.Policy(budget=noise.Budget(cfg.rho), k=cfg.k, margin=cfg.margin)
    sigma2 = {
        fam: policy.budget.sigma(fam, release.exposure(Channel.SMS, ())) ** 2
        for fam in noise.FAMILIES
    }
    variance = {
        "s": sigma2[noise.TOTAL_SUM],
        "n": sigma2[noise.TOTAL_COUNT],
        "v": sigma2[noise.TOTAL_COUNT],
    }
    staff_values = (2, 3, 3, 4, 4, None)

    def staff_until_release(known: list[tuple[int | None, ...]]) -> tuple[bytes, int, int]:
        """Staff answer one at a time until the figures change; returns the new object, how
        many staff answered and how often an answer changed nothing."""
        before, answered, unchanged = town.figures_object(), 0, 0
        while True:
            values = (rng.choice(staff_values), rng.choice(staff_values))
            town.answer(values)
            known.append(values)
            answered += 1
            now = town.figures_object()
            if now != before:
                return now, answered, unchanged
            unchanged += 1
            if answered > cfg.k + 3 * cfg.margin + 1:  # the margin has a tail, no hard end
                raise RuntimeError("no release after a full batch of answers")

    right = prior_right = trials = quiet_answers = exact_releases = 0
    z2: list[float] = []
    body, _, unchanged = staff_until_release([])
    quiet_answers += unchanged
    for _ in range(targets):
        if len(town.links) < cfg.k + 3 * cfg.margin + 2:
            break
        before_rows = town.own_total_rows(body)
        truth = tuple(rng.choices(list(p), weights=list(p.values()))[0] for _ in range(2))
        before_target = town.figures_object()
        town.answer(truth)
        known: list[tuple[int | None, ...]] = []
        if town.figures_object() != before_target:
            raise RuntimeError("the target's answer alone changed the figures")  # batch edge
        body, _, unchanged = staff_until_release(known)
        quiet_answers += unchanged
        after_rows = town.own_total_rows(body)
        from local.privacy.core import answer as make_answer

        known_cells = exact_of([make_answer(v) for v in known])
        template = make_answer(truth)
        all_zero = True
        for qi, q in enumerate(before_rows):
            b, a = _counts(before_rows[q], q), _counts(after_rows[q], q)
            residual, var = {}, {}
            for stat in stats_of(q):
                if stat in a and stat in b:
                    residual[(TOTAL, stat)] = a[stat] - b[stat] - known_cells[TOTAL].get(stat, 0)
                    var[(TOTAL, stat)] = variance[stat.rsplit(":", 1)[1]]
            cands = candidates_for(q, template)
            loglik = {
                x: -sum(
                    (r - cands[x].get(TOTAL, {}).get(k[1], 0)) ** 2 / (2 * var[k])
                    for k, r in residual.items()
                )
                for x in OUTCOMES
            }
            guess = posterior_guess(p, loglik)
            right += guess == truth[qi]
            prior_right += best_guess(p) == truth[qi]
            trials += 1
            for k, r in residual.items():
                moved = r - cands[truth[qi]].get(TOTAL, {}).get(k[1], 0)  # the noise itself
                all_zero &= abs(moved) < 1e-9
                z2.append(moved**2 / var[k])
        exact_releases += all_zero
    mean_z2 = sum(z2) / len(z2) if z2 else math.nan
    lines = [
        Line(
            NAME,
            "the release difference is the batch plus noise of the stated size",
            f"{right}/{trials} guesses right vs prior's best guess {prior_right}/{trials}",
            trials > 0 and exact_releases == 0 and 0.4 <= mean_z2 <= 2.5,
            f"{trials // 2} targets, {invited} invited over the real ingest and dispatch; "
            f"noise/sigma squared averages {mean_z2:.2f} (1 expected); "
            f"releases equal to the exact batch: {exact_releases}",
        ),
        Line(
            NAME,
            "no object changes between releases",
            f"{quiet_answers} answers that completed no batch",
            quiet_answers > 0,
            "after each of them the figures object was byte-for-byte the same",
        ),
    ]
    return lines + bucket_checks(town, body)


def bucket_checks(town: Municipality, body: bytes) -> list[Line]:
    """What the analytics bucket keeps: no versions, days only, and what its metadata says."""
    bucket = town.env["ANALYTICS_BUCKET"]
    versioning = town.s3.get_bucket_versioning(Bucket=bucket).get("Status", "never enabled")
    versions = town.s3.list_object_versions(Bucket=bucket).get("Versions", [])
    keys = [v["Key"] for v in versions]
    repeated = len(keys) - len(set(keys))
    days = {
        json.loads(line).get("released_on") for line in body.decode("utf-8").splitlines() if line
    }
    day_only = all(d is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days)
    from shared.results import export

    storage = (ROOT / "infra" / "constructs" / "storage.py").read_text(encoding="utf-8")
    stack_unversioned = bool(
        re.search(r"def _analytics_bucket.{0,400}?versioned=False", storage, re.S)
    )
    head = town.s3.head_object(Bucket=bucket, Key=export.figures_key(town.campaign))
    modified = head["LastModified"]
    return [
        Line(
            HISTORY,
            "the analytics bucket keeps no object history",
            f"versioning: {versioning}",
            versioning != "Enabled" and repeated == 0 and stack_unversioned,
            f"{len(set(keys))} objects, {repeated} older versions of any; the stack's bucket "
            f"(infra/constructs/storage.py) versioned=False: {stack_unversioned}",
        ),
        Line(
            HISTORY,
            "exported rows are dated by the day only",
            f"released_on values: {sorted(d for d in days if d)}",
            day_only,
            "no time of day in any exported row",
        ),
        Line(
            HISTORY,
            "object metadata: S3 LastModified of the export",
            f"carries the time of the last release (to the second: {modified:%H:%M:%S})",
            False,
            "S3 keeps it on every object; Athena exposes it as the pseudo-column "
            "$file_modified_time to whoever may query the table (not checkable on moto): "
            "dates the answer that completed the batch to within the stream's delay",
            stated=True,
        ),
    ]
