"""The participation attacks end to end: the real handlers, the real calendar, the emulator.

Each *world* is one municipality (its own kommunkod on the local emulator, loopback only) that
does what the issue's municipality did, with only its own access: it uploads a contact file
with its 19 staff and its target (``inbox/<kommunkod>/``, the real ingest function on the real
S3 event, the real daily draw), dispatch invites them (a real scheduled event; the SMS are
read back from the emulator), its staff answer over HTTP through the real survey function on
127.0.0.1, each with a comment, over three contact days. In half the worlds the target answers
too (5s, and a comment); in the other half it was invited and stays silent. The results
function then runs as its schedule runs it — once through ``functions/results/handler.py`` at
the real time, then ``shared.results.service.scheduled`` at chosen Stockholm moments up to the
campaign's final release: on every release day a minute before and a minute after 06:00, on
every other day at noon, and once right after the answers (the idle-then-wait attacker).

What each world's municipality observes, and the attacks on it (``Result`` rows: the score per
world, TPR and FPR, and certain identifications; a dozen worlds a side cannot measure a rate
at 1 %, the simulations do that — these show the real path decides as they assume):

- *release timing* and *the first batch*: the runs after which its own rows changed. Score:
  how early its first change came. Checked: every change comes at a release moment of the
  calendar (the 06:01 run of a release day), never at another run, and the moments are the
  same in every world;
- *the final release*: its own published answers at the final release, minus its staff;
- *the comment batch*: whether (and when) a batch of its comments appeared;
- *dispatch's stop rule*: with its answer target at 20 (its 19 staff and the target), one more
  staff number uploaded after the first release with the answers: whether it got an SMS.
  Checked: it did exactly when the *published* answers were under 20;
- *the upload report*: a municipality sampling half its contacts uploads one-row files; each
  file's report and mail must say nothing of whether its one resident was drawn (no field
  about the draw; the reports of drawn and undrawn files alike);
- *a resident invited on several days*: one number in two uploads on two draws: how many
  invitations it got (one: one invitation per resident, campaign and channel);
- *the day's cap filled with planted numbers* (a stated limit, docs/privacy.md): a
  municipality with a daily cap of ``CAP`` uploads its target and twice the cap of its own
  numbers on one day (so the target is drawn about half the time) and guesses "drawn" when
  ``CAP - 1`` of its own were invited. The draw keeps exactly the cap's number, so the guess is
  always right: whether the target was *invited* (the system's random draw) leaks; whether it
  *answered* is what the other attacks test.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import random
import re
import time
import urllib.request
import warnings
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.privacy.audit import Line, Result

NAME = "e2e"
REGION = "eu-north-1"
ROOT = Path(__file__).resolve().parents[2]
STAFF = 19
STAFF_VALUES = (2, 3, 3, 4, 4, None)
FIRST_CODE = 2100
REPORT_CODE = "2400"  # samples half its contacts: the one-row files
REPEAT_CODE = "2401"  # one resident uploaded twice
ONE_ROW_FILES = 12
CAP_FIRST = 2500  # the worlds whose day's cap is filled with planted numbers
CAP = 10
PROBE_ROW = 900  # the stop rule's one more staff number
ATTEMPTS = 4


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


def _answer(link: str, values: tuple[int | None, ...], comment: str) -> None:
    """Answer as a resident does (GET the form, POST it); 409: a retried POST found the answer
    an attempt whose reply was lost had already stored."""
    from shared.core.models import Channel
    from shared.core.questions import questions_for

    questions = [q.id for q in questions_for(Channel.SMS)]
    form = {q: "vet_ej" if v is None else str(v) for q, v in zip(questions, values, strict=True)}
    form |= {"errand": "bygglov", "comment": comment}
    got = _http("GET", link)
    posted = _http("POST", link, urlencode(form).encode())
    if got not in (200, 409) or posted not in (200, 409):
        raise RuntimeError("the survey did not take an answer")


def _phone(world: int, row: int) -> str:
    return f"070-{world:03d} {row:04d}"


def _key(phone: str) -> tuple[int, int]:
    digits = re.sub(r"\D", "", phone)
    return int(digits[-7:-4]), int(digits[-4:])


def _contact_file(rows: list[tuple[int, int, date]]) -> bytes:
    lines = ["Datum;Kanal;Telefonnummer;E-post;Ärende"]
    lines += [f"{day} 09:00;Telefon;{_phone(w, r)};;Bygglov" for w, r, day in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Harness:
    """The emulator's side: uploads, the draw, dispatch, the SMS sent, the bucket."""

    def __init__(self, env: dict[str, str], survey_url: str, today: date) -> None:
        import boto3

        self.env = env
        self.url = survey_url
        self.today = today
        self.s3 = boto3.client("s3", region_name=REGION)
        self.seen_sms = 0
        self.links: dict[tuple[int, int], list[str]] = {}

    def upload(self, code: str, rows: list[tuple[int, int, date]], name: str) -> None:
        from functions.ingest.handler import handler as ingest
        from local.events import LambdaContext, s3_object_created

        bucket, key = self.env["DATA_BUCKET"], f"inbox/{code}/{name}.csv"
        body = _contact_file(rows)
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)
        etag = self.s3.head_object(Bucket=bucket, Key=key)["ETag"]
        ingest(s3_object_created(bucket, key, etag, len(body), REGION), LambdaContext("ingest"))

    def draw_and_dispatch(self, codes: list[str]) -> None:
        """Today's draw over every upload (again: the attacker uploads more than once a day),
        then dispatch until it sends nothing more."""
        from functions.dispatch.handler import handler as dispatch
        from local.demo import run_daily_draw
        from local.events import LambdaContext, scheduled
        from shared.ingest.files import draw_record_id
        from shared.platform import store

        files = store.table(self.env["FILES_TABLE"])
        for code in codes:
            files.delete_item(Key={"file_id": draw_record_id(code, self.today)})
        run_daily_draw(self.today)
        for _ in range(10):
            before = self.seen_sms
            dispatch(scheduled("dispatch", REGION), LambdaContext("dispatch"))
            self.collect()
            if self.seen_sms == before:
                break

    def collect(self) -> None:
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.sns.models import sns_backends

        link = re.compile(re.escape(self.url) + r"/s/[A-Za-z0-9_-]{22}")
        messages = list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())
        for phone, text in messages[self.seen_sms :]:
            found = link.search(text)
            if found:
                self.links.setdefault(_key(phone), []).append(found.group(0))
        self.seen_sms = len(messages)

    def figures(self, campaign: str, participation: bool = False) -> list[dict[str, Any]]:
        """The campaign's exported rows (figures, or participation: answers, invitations)."""
        from shared.results import export

        key = export.participation_key(campaign) if participation else export.figures_key(campaign)
        try:
            got = self.s3.get_object(Bucket=self.env["ANALYTICS_BUCKET"], Key=key)
        except self.s3.exceptions.NoSuchKey:
            return []
        return [json.loads(line) for line in got["Body"].read().decode().splitlines() if line]

    def keys(self, bucket: str, prefix: str) -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return [o["Key"] for page in pages for o in page.get("Contents", [])]

    def json_object(self, bucket: str, key: str) -> Any:
        return json.loads(self.s3.get_object(Bucket=bucket, Key=key)["Body"].read())


def run(rho: float, worlds: int, seed: int = 2026) -> list[Line]:
    """The end-to-end attacks on ``worlds`` worlds a side; a broken path does not hold."""
    from local.demo import DEMO_REPORT_SENDER, functions_output
    from local.environment import emulated
    from local.server import start_server

    warnings.filterwarnings("ignore", message="No application metrics to publish")
    out = ROOT / ".local" / "privacy"
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "functions.log"
    log_file.write_text("", encoding="utf-8")
    server = start_server(port=0)
    settings = {
        "SMS_PER_SECOND": "1000",
        "EMAIL_PER_SECOND": "1000",
        "PRIVACY_RHO": str(rho),
        "REPORT_SENDER": DEMO_REPORT_SENDER,
        "SURVEY_BASE_URL": server.url,
    }
    try:
        with emulated(settings=settings) as emulator, functions_output(log_file):
            return _attack(emulator.env, server.url, worlds, seed)
    except Exception as error:  # noqa: BLE001 - a broken path did not hold
        from shared.platform.redaction import redact

        return [
            Line(
                NAME,
                "(the end-to-end run itself failed)",
                held=False,
                note=redact(repr(error))[:300],
            )
        ]
    finally:
        server.shutdown()
        server.server_close()


def _moments(calendar: Any, campaign: Any, first: date) -> Iterator[tuple[datetime, bool]]:
    """The results runs after the answers: (moment, is it a release moment's run)."""
    from shared.core.time import STOCKHOLM_TZ
    from shared.results import schedule

    final = calendar.release_days(campaign)[-1]
    day = first
    while day <= final:
        if calendar.is_release_day(day):
            moment = schedule.release_moment(day)
            yield moment - timedelta(minutes=1), False
            yield moment + timedelta(minutes=1), True
        else:
            yield datetime.combine(day, datetime.min.time().replace(hour=12), STOCKHOLM_TZ), False
        day += timedelta(days=1)


def _attack(env: dict[str, str], url: str, worlds: int, seed: int) -> list[Line]:
    import boto3

    from functions.results.handler import handler as results_handler
    from local.demo import DEMO_REPORT_SENDER, HOME, demo_tenants
    from local.events import LambdaContext, scheduled
    from shared.core.tenants import PerChannel
    from shared.core.time import STOCKHOLM_TZ
    from shared.platform import store
    from shared.platform.settings import ResultsSettings
    from shared.platform.tenant_store import TenantStore
    from shared.results import export, schedule, service

    rng = random.Random(f"e2e-{seed}")  # noqa: S311 - made-up answers
    today = datetime.now(STOCKHOLM_TZ).date()
    (home,) = [t for t in demo_tenants(today) if t.kommunkod == HOME]
    campaign = home.campaigns[0]
    calendar = schedule.Calendar()

    def municipality(code: str, **more: Any) -> Any:
        return home.model_copy(
            update={
                "kommunkod": code,
                "name": f"Kommun {code}",
                "sample_rate": 1.0,
                "target_mode": False,
                "daily_cap": PerChannel(sms=1000, email=1000),
                "campaign_target": PerChannel(sms=STAFF + 1, email=100),
                "extra_questions": (),
            }
            | more
        )

    codes = [str(FIRST_CODE + i) for i in range(2 * worlds)]
    positive = {code: i % 2 == 0 for i, code in enumerate(codes)}
    tenants = [municipality(c) for c in codes]
    tenants += [municipality(REPORT_CODE, sample_rate=0.5), municipality(REPEAT_CODE)]
    capped = [str(CAP_FIRST + i) for i in range(2 * worlds)]
    tenants += [municipality(c, daily_cap=PerChannel(sms=CAP, email=CAP)) for c in capped]
    TenantStore(store.table(env["TENANTS_TABLE"])).put(tenants)
    ses = boto3.client("sesv2", region_name=REGION)
    ses.create_email_identity(EmailIdentity=DEMO_REPORT_SENDER.split("@")[1])
    ses.create_email_identity(EmailIdentity=home.email_sender.split("@")[1])
    harness = Harness(env, url, today)
    days = [today - timedelta(days=d) for d in (1, 2, 3)]

    # the worlds' uploads: 19 staff over three contact days and the target (row STAFF)
    for w, code in enumerate(codes):
        rows = [(w, r, days[r % 3]) for r in range(STAFF)] + [(w, STAFF, days[0])]
        harness.upload(code, rows, "kontakter")
    # the one-row files of a municipality drawing half its contacts
    report_world = len(codes)
    for r in range(ONE_ROW_FILES):
        harness.upload(REPORT_CODE, [(report_world, r, days[0])], f"en-rad-{r}")
    # one resident in a first upload (a second one follows after the first invitations)
    repeat_world = len(codes) + 1
    harness.upload(REPEAT_CODE, [(repeat_world, 0, days[1])], "forsta")
    # the target (row 0) and a day's cap of planted numbers, in each capped world
    cap_worlds = [repeat_world + 1 + i for i in range(len(capped))]
    for w, code in zip(cap_worlds, capped, strict=True):
        harness.upload(code, [(w, r, days[0]) for r in range(2 * CAP + 1)], "fyllt-tak")
    harness.draw_and_dispatch([*codes, REPORT_CODE, REPEAT_CODE, *capped])
    harness.upload(REPEAT_CODE, [(repeat_world, 0, days[0])], "andra")
    harness.draw_and_dispatch([REPEAT_CODE])

    # the first results run, through the handler at the real time: releases every release
    # day already due, before any answer
    results_handler(scheduled("results", REGION), LambdaContext("results"))
    settings = ResultsSettings.from_env()

    def own_rows() -> dict[str, str]:
        rows = harness.figures(campaign.id)
        participation = harness.figures(campaign.id, participation=True)
        out = {}
        for code in codes:
            mine = sorted(json.dumps(r, sort_keys=True) for r in rows if r.get("area") == code)
            mine += sorted(
                json.dumps(r, sort_keys=True) for r in participation if r.get("area") == code
            )
            out[code] = hashlib.sha256("".join(mine).encode()).hexdigest()
        return out

    def batches() -> dict[str, int]:
        bucket = env["ANALYTICS_BUCKET"]
        return {
            c: len(harness.keys(bucket, f"{export.COMMENTS_PREFIX}kommunkod={c}/")) for c in codes
        }

    observed: list[tuple[str, bool, dict[str, str], dict[str, int]]] = []
    observed.append(("first run", False, own_rows(), batches()))

    # the answers: staff with comments; the target in the positive worlds
    for w, code in enumerate(codes):
        for r in range(STAFF):
            values = (rng.choice(STAFF_VALUES), rng.choice(STAFF_VALUES))
            _answer(harness.links[(w, r)][0], values, f"personal kommentar {r}")
        if positive[code]:
            _answer(harness.links[(w, STAFF)][0], (5, 5), "målets egna ord")
    now = datetime.now(STOCKHOLM_TZ) + timedelta(minutes=1)
    service.scheduled(settings, now=now)
    observed.append(("right after the answers", False, own_rows(), batches()))

    probe: dict[str, bool] = {}
    published_a: dict[str, float] = {}
    for moment, releasing in _moments(calendar, campaign, today + timedelta(days=1)):
        service.scheduled(settings, now=moment)
        observed.append((moment.isoformat(), releasing, own_rows(), batches()))
        if releasing and not probe:
            _stop_rule_probe(harness, codes, campaign.id, probe, published_a)

    lines = _timing(observed, codes, positive, calendar, campaign)
    lines += _final(harness, campaign.id, codes, positive)
    lines += _comments(observed, codes, positive)
    lines += _stop_rule(probe, published_a, codes, positive)
    lines += _upload_report(harness, report_world)
    lines += _repeat(harness, repeat_world)
    lines += _filled_cap(harness, cap_worlds)
    lines += _bucket(harness, campaign.id)
    return lines


def _stop_rule_probe(
    harness: Harness,
    codes: list[str],
    campaign: str,
    probe: dict[str, bool],
    published_a: dict[str, float],
) -> None:
    """After the first release with the answers: one more staff number per world. What the
    check reads besides (the published answers in the releases table, as dispatch reads
    them) is the auditor's, not the attacker's."""
    from shared.core import totals
    from shared.core.models import Channel
    from shared.platform import store

    releases = store.table(harness.env["RELEASES_TABLE"])
    day = harness.today - timedelta(days=1)
    for w, code in enumerate(codes):
        harness.upload(code, [(w, PROBE_ROW, day)], "en-till")
    harness.draw_and_dispatch(codes)
    for w, code in enumerate(codes):
        probe[code] = (w, PROBE_ROW) in harness.links
        stream = totals.stream_id(code, campaign, Channel.SMS)
        item = releases.get_item(Key={"stream": stream}).get("Item", {})
        total = json.loads(str(item.get("published_total", "{}")))
        published_a[code] = float(total.get(totals.ANSWERS, 0))


def _timing(
    observed: list[tuple[str, bool, dict[str, str], dict[str, int]]],
    codes: list[str],
    positive: dict[str, bool],
    calendar: Any,
    campaign: Any,
) -> list[Line]:
    changes: dict[str, list[int]] = {c: [] for c in codes}
    wrong: list[str] = []
    for i in range(1, len(observed)):
        label, releasing, rows, _ = observed[i]
        for c in codes:
            if rows[c] != observed[i - 1][2][c]:
                changes[c].append(i)
                if not releasing:
                    wrong.append(label)
    patterns = {tuple(v) for v in changes.values()}
    releasing_runs = [i for i, o in enumerate(observed) if o[1]]
    missed = [i for i in releasing_runs if not all(i in changes[c] for c in codes)]
    score = {c: -float(changes[c][0]) if changes[c] else 0.0 for c in codes}
    result = Result(
        NAME + " release timing (idle, then wait)",
        "answered vs not: when its rows first changed",
        [score[c] for c in codes if positive[c]],
        [score[c] for c in codes if not positive[c]],
        mu=0.0,
        certain=0 if len(patterns) == 1 else len(codes),
        note=f"{len(observed)} runs; rows changed only at the 06:01 runs of release days: "
        f"{not wrong and not missed} (outside them: {len(wrong)}, release runs missed: "
        f"{len(missed)}); one pattern of change moments in every world: {len(patterns) == 1}",
    )
    line = result.row()
    held = not wrong and not missed and len(patterns) == 1
    first = Line(
        NAME + " first batch",
        "nothing released outside the calendar",
        held=not wrong,
        note=f"no change of any world's rows at a run that is not a release moment "
        f"({len(observed) - len(releasing_runs)} such runs, incl. right after the answers)",
    )
    line.held = held
    line.tpr = f"TPR = FPR = {result.tpr:.0%}" if result.tpr == result.fpr else line.tpr
    return [line, first]


def _final(
    harness: Harness, campaign: str, codes: list[str], positive: dict[str, bool]
) -> list[Line]:
    rows = harness.figures(campaign, participation=True)
    answers = {
        r["area"]: r.get("answers")
        for r in rows
        if r.get("area") in codes and r.get("channel") == "sms"
    }
    exact = sum(
        1 for c in codes if answers.get(c) is not None and answers[c] == STAFF + positive[c]
    )
    score = {c: float(answers.get(c) or 0) - STAFF for c in codes}
    result = Result(
        NAME + " final release",
        "answered vs not: its published answers",
        [score[c] for c in codes if positive[c]],
        [score[c] for c in codes if not positive[c]],
        mu=0.0,
        note=f"answers shown in {sum(v is not None for v in answers.values())}/{len(codes)} "
        f"worlds; equal to the exact count in {exact} (noise rounds to it now and then)",
    )
    line = result.row()
    yes = [score[c] for c in codes if positive[c]]
    no = [score[c] for c in codes if not positive[c]]
    line.tpr = (
        f"published − {STAFF}: mean {sum(yes) / max(1, len(yes)):+.1f} (answered) vs "
        f"{sum(no) / max(1, len(no)):+.1f} (not); the final release's noise sd ≈ 4"
    )
    # held when every world has its final release (a row, its answers shown or too uncertain to
    # show: figures' rule reads the published interval, never the exact count)
    line.held = all(c in answers for c in codes)
    line.mu = line.eps = line.tpr_bound = "see 5a"
    return [line]


def _comments(
    observed: list[tuple[str, bool, dict[str, str], dict[str, int]]],
    codes: list[str],
    positive: dict[str, bool],
) -> list[Line]:
    first: dict[str, float] = {}
    outside = 0
    for c in codes:
        first[c] = 0.0
        for i in range(1, len(observed)):
            if observed[i][3][c] > observed[i - 1][3][c]:
                first[c] = float(len(observed) - i)
                outside += not observed[i][1]
                break
    result = Result(
        NAME + " comment batch",
        "commented vs not: whether a batch appeared",
        [first[c] for c in codes if positive[c]],
        [first[c] for c in codes if not positive[c]],
        mu=0.0,
        note=f"{STAFF} staff comments over 3 contact days; batches: "
        f"{sum(1 for v in first.values() if v)} in {len(codes)} worlds; outside a release "
        f"moment: {outside}",
    )
    line = result.row()
    line.held = outside == 0 and result.tpr == result.fpr
    line.mu = line.eps = line.tpr_bound = "see 5b"
    return [line]


def _stop_rule(
    probe: dict[str, bool],
    published_a: dict[str, float],
    codes: list[str],
    positive: dict[str, bool],
) -> list[Line]:
    follows = all(probe[c] == (round(published_a[c]) < STAFF + 1) for c in codes)
    result = Result(
        NAME + " dispatch's stop rule",
        "answered vs not: no SMS to one more staff number",
        [float(not probe[c]) for c in codes if positive[c]],
        [float(not probe[c]) for c in codes if not positive[c]],
        mu=0.0,
        note=f"answer target {STAFF + 1}; SMS sent in {sum(probe.values())}/{len(codes)} worlds;"
        f" sent exactly when the published answers were under the target: {follows}",
    )
    line = result.row()
    line.held = follows and len(probe) == len(codes)
    line.tpr = (
        f"no SMS in {sum(not probe[c] for c in codes if positive[c])}/"
        f"{sum(positive.values())} worlds that answered vs "
        f"{sum(not probe[c] for c in codes if not positive[c])}/"
        f"{len(codes) - sum(positive.values())} that did not"
    )
    line.mu = line.eps = line.tpr_bound = "see 5c"
    return [line]


DRAW_WORDS = re.compile(r"drawn|lottad|lottade|sampled|urval", re.IGNORECASE)


def _walk(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)
    else:
        yield str(value)


def _normalised(report: Any) -> str:
    """A report without what names its own file (name, key, time, id)."""
    if isinstance(report, dict):
        return json.dumps(
            {
                k: _normalised(v)
                for k, v in report.items()
                if not re.search(r"file|name|key|time|received|id$|at$", k)
            },
            sort_keys=True,
        )
    if isinstance(report, list):
        return json.dumps([_normalised(v) for v in report])
    return json.dumps(report)


def _upload_report(harness: Harness, world: int) -> list[Line]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    bucket = harness.env["DATA_BUCKET"]
    reports = [
        harness.json_object(bucket, k) for k in harness.keys(bucket, f"reports/{REPORT_CODE}/")
    ]
    words = sorted({w for r in reports for w in _walk(r) if DRAW_WORDS.search(w)})
    mails = [m.raw_data for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages]
    mail_words = sum(1 for m in mails if DRAW_WORDS.search(m))
    drawn = {r for (w, r) in harness.links if w == world}
    shapes = {_normalised(r) for r in reports}
    return [
        Line(
            NAME + " upload report",
            "one-row files: was its resident drawn?",
            tpr=f"one report for all: {len(shapes) == 1}",
            held=not words and not mail_words and len(shapes) == 1 and len(reports) > 0,
            note=f"{len(reports)} one-row files at sample rate 0.5, {len(drawn)} drawn; fields "
            f"or values about the draw in the reports: {words or 'none'}; in the "
            f"{len(mails)} upload mails: {mail_words}; the reports alike but for the file's "
            f"own name, key and time: {len(shapes) == 1}",
        )
    ]


def _repeat(harness: Harness, world: int) -> list[Line]:
    """One invitation per resident, campaign and channel (the budget's unit), end to end."""
    invitations = len(harness.links.get((world, 0), []))
    return [
        Line(
            "10 a resident invited on several days",
            "one number in two uploads, two draws",
            tpr=f"{invitations} invitation{'s' if invitations != 1 else ''}",
            held=invitations <= 1,
            note="one invitation per resident, campaign and channel, end to end"
            if invitations <= 1
            else "invited again: every invitation answered costs another sheet's ρ "
            "(the budget table)",
        )
    ]


def _filled_cap(harness: Harness, worlds: list[int]) -> list[Line]:
    """The day's cap filled with planted numbers: "drawn" when only ``CAP - 1`` of the
    municipality's own numbers were invited (a stated limit: the draw's exact size)."""
    right = drawn = 0
    for w in worlds:
        planted = sum(1 for r in range(1, 2 * CAP + 1) if (w, r) in harness.links)
        target = (w, 0) in harness.links
        drawn += target
        right += (planted == CAP - 1) == target
    return [
        Line(
            NAME + " day's cap filled with planted numbers",
            "was the target drawn (invited)?",
            tpr=f"{right}/{len(worlds)} right",
            certain=f"{right}/{len(worlds)}",
            held=right < len(worlds),
            note=f"the draw keeps exactly the cap's number ({CAP} of {2 * CAP + 1}); targets "
            f"drawn in {drawn} of {len(worlds)} worlds; whether it was invited leaks, not "
            "whether it answered (docs/privacy.md, what cannot be protected)",
            stated=True,
        )
    ]


def _bucket(harness: Harness, campaign: str) -> list[Line]:
    """What the analytics bucket keeps: no versions (moto, and the stack's bucket), and rows
    dated by a release day only."""
    bucket = harness.env["ANALYTICS_BUCKET"]
    versioning = harness.s3.get_bucket_versioning(Bucket=bucket).get("Status", "never enabled")
    keys = [v["Key"] for v in harness.s3.list_object_versions(Bucket=bucket).get("Versions", [])]
    repeated = len(keys) - len(set(keys))
    storage = (ROOT / "infra" / "constructs" / "storage.py").read_text(encoding="utf-8")
    unversioned = bool(re.search(r"def _analytics_bucket.{0,400}?versioned=False", storage, re.S))
    days = {r.get("released_on") for r in harness.figures(campaign)}
    dated = all(d is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days)
    return [
        Line(
            "8 version history and timing",
            "the analytics bucket keeps no history; rows dated by the day",
            tpr=f"versioning: {versioning}",
            held=versioning != "Enabled" and repeated == 0 and unversioned and dated,
            note=f"{len(set(keys))} objects, {repeated} older versions of any; the stack's "
            f"bucket versioned=False: {unversioned}; released_on a day only: {dated}. "
            "S3 LastModified is the scheduled run's time: the calendar's, not an answer's",
        )
    ]
