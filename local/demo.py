"""``make demo``: the whole measurement on this machine, AWS emulated by the moto server.

    python -m local.demo [--once] [--port 8000] [--out .local/demo]

Starts moto on loopback, creates the stack's tables and buckets (from shared/platform/resources.py),
registers the demo municipalities with a campaign running today and an anonymous history of
answers, uploads the sample contact files and hands the real S3 event to the real ingest
function, runs dispatch through a real scheduled event, prints the SMS and e-mails "sent"
(read back from the emulator, recipients masked), serves the survey on
http://127.0.0.1:8000 and renders the results report. ``--once`` answers a few invitations
itself over HTTP, moves its clock to the next release day, the campaign's first comment day
(``demo_campaign``: the history's comments go out as batches there, and the report shows
their themes), renders the report again and exits.

The functions' own output (JSON logs and metrics, as CloudWatch would receive them) goes to
``<out>/functions.log``, so the terminal shows the story and the file shows the evidence.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import random
import re
import sys
import time as clock
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import IO, Any, TextIO
from urllib.parse import urlencode, urlsplit

from shared.core.time import STOCKHOLM_TZ

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TENANT_DIR = ROOT / "config" / "tenants"
HOME = "1980"  # Västerås: the municipality whose contact files the demo uploads
DEMO_FILES = ("kontakter-vasteras-2026-03-13.csv", "contacts-utf8-bom.csv")
REGION = "eu-north-1"
ANSWERS_IN_ONCE_MODE = 6
COMMENT_RATE = 0.5  # the history's share of answers with a comment (local.history)
# the service's own address the upload reports come from (REPORT_SENDER; its SES identity)
DEMO_REPORT_SENDER = "rapporter@servicematning.example.se"
DEMO_CUTOFF = time(23, 59)  # the demo's daily draw: the clock is moved there (run_daily_draw)
_SAMPLE_DATE = re.compile(rb"2026-03-1[34]")


class DemoError(RuntimeError):
    """A step failed in a way the person running the demo can act on."""


@dataclass
class Console:
    """What the person running the demo reads (the functions' own output goes to a file)."""

    stream: IO[str]
    steps: int
    done: int = 0
    started: float = field(default_factory=clock.monotonic)

    def step(self, text: str) -> None:
        self.done += 1
        elapsed = clock.monotonic() - self.started
        self.say(f"\n[{self.done}/{self.steps}] {text}  ({elapsed:.0f} s)")

    def say(self, text: str = "") -> None:
        print(text, file=self.stream, flush=True)

    def progress(self, label: str) -> Callable[[int, int], None]:
        def show(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done >= total else ""
            print(f"\r    {label} [{bar}] {done}/{total}", end=end, file=self.stream, flush=True)

        return show


@dataclass
class Sent:
    channel: str
    recipient: str  # masked
    link: str
    text: str


@dataclass
class DemoRun:
    """What a finished run leaves behind, for the person and for the end-to-end test."""

    env: dict[str, str]
    survey_url: str
    out: Path
    log_file: Path
    console: Console
    sent: list[Sent] = field(default_factory=list)
    answered: int = 0
    declined: int = 0
    reports: list[Path] = field(default_factory=list)
    upload_mails: list[bytes] = field(default_factory=list)  # the upload reports e-mailed (raw)


def mask_phone(phone: str) -> str:
    return phone[:5] + "•" * max(0, len(phone) - 7) + phone[-2:]


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


def demo_tenants(today: date) -> list[Any]:
    """The configured municipalities with a campaign that runs today, sending all day, and the
    day's draw at 23:59 (so today's uploads are drawn today: ``run_daily_draw``)."""
    from shared.core.tenants import SendingWindow, load_tenant_dir

    campaign = demo_campaign(today)
    tenants = []
    for tenant in load_tenant_dir(TENANT_DIR).values():
        changes: dict[str, Any] = {
            "campaigns": (campaign,),
            "sending_window": SendingWindow(start=time(0, 0), end=time.max),  # all day
            "draw_cutoff": DEMO_CUTOFF,
        }
        if tenant.kommunkod == HOME:
            changes["sample_rate"] = 1.0  # every accepted contact is invited, so all are shown
        tenants.append(tenant.model_copy(update=changes))
    return tenants


def demo_campaign(today: date) -> Any:
    """The demo's campaign: begun six weeks ago, and long enough that its first comment day
    (``schedule.Calendar.comment_days``) is the calendar's next release day, where ``--once``
    moves its clock: no comment day has passed when the demo starts, and the pool the
    history filled gets its first noisy check on that day."""
    from shared.core.tenants import Campaign
    from shared.results import schedule

    calendar = schedule.Calendar()
    start = today - timedelta(days=42)
    wanted = calendar.next_release_day(today)
    for weeks in range(2, 60):
        campaign = Campaign(
            id=f"demo-{today:%Y}",
            name=f"Demomätning {today:%Y}",
            start=start,
            end=today + timedelta(weeks=weeks),
        )
        if calendar.comment_days(campaign)[0] == wanted:
            return campaign
    raise DemoError("no campaign length puts the first comment day on the next release day")


def fresh_sample(path: Path, today: date) -> bytes:
    """The sample file with its contact dates moved to yesterday: none is too old to survey,
    and none lies in the future at any hour of today (the samples' contacts are in office
    hours; a contact more than an hour after the upload is refused as ``future_date``)."""
    yesterday = today - timedelta(days=1)
    return _SAMPLE_DATE.sub(yesterday.isoformat().encode("ascii"), path.read_bytes())


@contextlib.contextmanager
def functions_output_into(sink: TextIO) -> Iterator[None]:
    """Send the functions' JSON logs (the logger's streams) and metrics (EMF is printed) to
    ``sink`` instead of the terminal."""
    from shared.platform.observability import logger

    previous = sys.stdout
    handlers = [h for h in logger.handlers if hasattr(h, "setStream")]
    streams = [h.setStream(sink) for h in handlers]
    sys.stdout = sink
    try:
        yield
    finally:
        sys.stdout = previous
        for handler, stream in zip(handlers, streams, strict=True):
            if stream is not None:
                handler.setStream(stream)


@contextlib.contextmanager
def functions_output(log_file: Path) -> Iterator[None]:
    """Send the functions' JSON logs and metrics to ``log_file`` instead of the terminal."""
    with log_file.open("a", encoding="utf-8") as sink, functions_output_into(sink):
        yield


def _bind_survey_server(host: str, port: int) -> Any:
    from local.server import start_server

    try:
        return start_server(port=port, host=host)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise DemoError(
                f"port {port} on {host} is already in use: stop what runs there, or run "
                f"`make demo ARGS='--port 8001'`"
            ) from None
        raise


def run_daily_draw(today: date) -> dict[str, Any]:
    """The schedule's event through the real ingest handler, its clock moved to just after
    today's cutoff (``DEMO_CUTOFF``): what EventBridge does at the cutoff in the cloud."""
    from functions.ingest.handler import handler as ingest
    from local.events import LambdaContext, scheduled
    from shared.ingest import files as ingest_module

    moment = datetime.combine(today, DEMO_CUTOFF, tzinfo=STOCKHOLM_TZ) + timedelta(seconds=30)
    real = ingest_module.utc_now
    ingest_module.utc_now = lambda: moment
    try:
        result: dict[str, Any] = ingest(scheduled("draw", REGION), LambdaContext("ingest"))
    finally:
        ingest_module.utc_now = real
    return result


def _upload_and_ingest(console: Console, run: DemoRun, today: date) -> None:
    import boto3

    from functions.ingest.handler import handler as ingest
    from local.events import LambdaContext, s3_object_created

    s3 = boto3.client("s3", region_name=REGION)
    bucket = run.env["DATA_BUCKET"]
    for name in DEMO_FILES:
        body = fresh_sample(SAMPLES / name, today)
        key = f"inbox/{HOME}/{name}"
        s3.put_object(Bucket=bucket, Key=key, Body=body)
        etag = s3.head_object(Bucket=bucket, Key=key)["ETag"]
        ingest(s3_object_created(bucket, key, etag, len(body), REGION), LambdaContext("ingest"))
        waiting = s3.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount", 0) == 1
        console.say(f"    {name}: received, waiting in the inbox for the day's draw: {waiting}")
    before = set(_keys(s3, bucket, f"reports/{HOME}/"))
    drawn = run_daily_draw(today)
    console.say(
        f"    the day's draw at its cutoff ({DEMO_CUTOFF:%H:%M}; the demo moves its clock "
        f"there): {drawn['files']} files, {drawn['drawn']} contacts drawn and stored"
    )
    for report_key in sorted(set(_keys(s3, bucket, f"reports/{HOME}/")) - before):
        report = json.loads(s3.get_object(Bucket=bucket, Key=report_key)["Body"].read())
        rejected = ", ".join(f"{reason} {n}" for reason, n in report.get("rejected", {}).items())
        console.say(
            f"    {report.get('file')}: {report.get('rows')} rows, {report.get('accepted')} "
            f"accepted (sms {report.get('sms')}, e-mail {report.get('email')}), "
            f"{report.get('sampled')} drawn; rejected: {rejected or 'none'}"
        )
        console.say(f"      report s3://{bucket}/{report_key}")
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    for raw in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages:
        message = message_from_bytes(raw.raw_data.encode("utf-8"), policy=policy.default)
        if DEMO_REPORT_SENDER in str(message["From"]):
            run.upload_mails.append(raw.raw_data.encode("utf-8"))
            to = mask_email(message["To"].addresses[0].addr_spec)
            console.say(f"    upload report e-mailed to {to}: {message['Subject']}")
    remaining = s3.list_objects_v2(Bucket=bucket, Prefix=f"inbox/{HOME}/").get("KeyCount", 0)
    console.say(f"    uploaded files deleted: {remaining == 0}")


def _keys(s3: Any, bucket: str, prefix: str) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])]


def _dispatch(console: Console, run: DemoRun) -> None:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends

    from functions.dispatch.handler import handler as dispatch
    from local.events import LambdaContext, scheduled

    result = dispatch(scheduled("dispatch", REGION), LambdaContext("dispatch"))
    console.say(f"    dispatch run: {json.dumps(result, ensure_ascii=False, default=str)[:300]}")
    link = re.compile(re.escape(run.survey_url) + r"/s/[A-Za-z0-9_-]{22}")
    for phone, text in sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values():
        found = link.search(text)
        run.sent.append(Sent("sms", mask_phone(phone), found.group(0) if found else "", text))
    for raw in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages:
        message = message_from_bytes(raw.raw_data.encode("utf-8"), policy=policy.default)
        if DEMO_REPORT_SENDER in str(message["From"]):
            continue  # an upload report to the municipality (shown by the ingest step)
        body = message.get_body(preferencelist=("plain",))
        text = str(body.get_content()) if body else ""
        found = link.search(text)
        to = re.sub(r"[^<>\s]+@[^<>\s]+", lambda m: mask_email(m.group(0)), str(message["To"]))
        header = (
            f"From: {message['From']}\nTo: {to}\nSubject: {message['Subject']}\n"
            f"List-Unsubscribe: {message['List-Unsubscribe']}\n"
            f"List-Unsubscribe-Post: {message['List-Unsubscribe-Post']}\n"
        )
        run.sent.append(Sent("email", to, found.group(0) if found else "", header + "\n" + text))
    for sent in run.sent:
        console.say(f"\n    --- {sent.channel.upper()} to {sent.recipient} ---")
        for line in sent.text.strip().splitlines():
            console.say(f"    | {line}")


def _answer_some(console: Console, run: DemoRun, count: int) -> None:
    """Answer invitations over HTTP like residents would; decline one."""
    from shared.core.models import Channel
    from shared.core.questions import ERRANDS, questions_for

    rnd = random.Random(7)  # noqa: S311 - the demo's made-up answers
    links = [s for s in run.sent if s.link]
    for sent in links[:count]:
        channel = Channel.SMS if sent.channel == "sms" else Channel.EMAIL
        form = {q.id: str(rnd.choice((3, 4, 4, 5, 5))) for q in questions_for(channel)}
        form |= {"errand": rnd.choice(ERRANDS).id, "comment": "Tack för bra hjälp!"}
        if channel is Channel.EMAIL:
            form["epost_aterkoppling"] = "ja"  # SKR's validation question: the scored branch
        status, _ = _http("GET", sent.link)
        if status != 200:
            raise DemoError(f"the survey page answered {status} for a fresh invitation")
        status, _ = _http("POST", sent.link, urlencode(form).encode())
        if status != 200:
            raise DemoError(f"submitting an answer gave {status}")
        run.answered += 1
    for sent in links[count : count + 1]:
        status, _ = _http("POST", sent.link + "/decline", b"List-Unsubscribe=One-Click")
        if status == 200:
            run.declined += 1
    console.say(f"    {run.answered} invitations answered and {run.declined} declined over HTTP")


def _http(method: str, url: str, body: bytes | None = None) -> tuple[int, str]:
    if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
        raise DemoError("the demo only talks to its own server on loopback")
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback only
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _results(console: Console, run: DemoRun, when: datetime | None = None) -> None:
    """The results function's morning run at ``when`` (default now): every release day of the
    public calendar that has come is released, whatever arrived."""
    from functions.results.handler import handler as results
    from local.events import LambdaContext, scheduled
    from shared.cli import main as cli

    summary = results(scheduled("results", REGION, when), LambdaContext("results"))
    console.say(
        f"    releases: {summary.get('released')} streams released on the calendar, "
        f"{summary.get('comment_batches')} comment batches; "
        f"released figures in s3://{run.env['ANALYTICS_BUCKET']}"
    )
    for extra in ([], ["--tenant", HOME]):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = cli(["report", "--lang", "en", "--out", str(run.out), *extra])
        if code != 0:
            raise DemoError("rendering the report failed")
    console.say(f"    report: {printed.getvalue().splitlines()[0]}")
    run.reports = sorted(run.out.glob("rapport-*.html"))


def _contact_request(console: Console, run: DemoRun) -> None:
    """A resident asks to be contacted ("kontakta mig", no token), and the next daily digest
    (the watch function's run) brings it to the contact centre's outbox."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    from functions.watch.handler import handler as watch
    from local.events import LambdaContext, scheduled

    form = {
        "name": "Demo Invånare",
        "phone": "070-000 00 00",
        "message": "Jag väntar på besked om mitt bygglov.",
    }
    status, _ = _http("POST", f"{run.survey_url}/kontakt?k={HOME}", urlencode(form).encode())
    if status != 200:  # urllib follows the 303 to the thank-you page
        raise DemoError(f"the contact request gave {status}")
    outbox = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    before = len(outbox)
    watch(scheduled("watch", REGION), LambdaContext("watch"))
    digests = [m for m in outbox[before:] if getattr(m, "subject", "").startswith("Kontakta mig")]
    if not digests:
        raise DemoError("the daily digest brought no contact request to the contact centre")
    console.say(
        '    a "kontakta mig" request (no token, no answer) reached the contact centre in the '
        "next daily digest:"
    )
    for digest in digests:
        to = ", ".join(mask_email(a) for a in digest.destinations["ToAddresses"])
        console.say(f"    --- E-MAIL to {to}: {digest.subject} ---")
        for line in str(digest.body).strip().splitlines():
            console.say(f"    | {_mask_digest_line(line)}")


def _mask_digest_line(line: str) -> str:
    """What the resident gave, masked as the other recipients are (the demo's own output)."""
    label, sep, value = line.partition(": ")
    if not sep or label not in ("Namn", "Telefon", "E-post"):
        return line
    if label == "Telefon":
        return f"{label}: {mask_phone(value)}"
    if label == "E-post":
        return f"{label}: {mask_email(value)}"
    return f"{label}: " + "•" * len(value)


def answer_and_report(run: DemoRun, answers: int = ANSWERS_IN_ONCE_MODE) -> None:
    """The non-interactive end: answer and decline over HTTP, ask to be contacted, then
    report again."""
    from shared.results import schedule

    run.console.say("\n[once] Answering some invitations over HTTP, as residents would")
    _answer_some(run.console, run, answers)
    _contact_request(run.console, run)
    status, about = _http("GET", f"{run.survey_url}/om?k={HOME}")
    if status != 200 or DEMO_ACTION["sv"] not in about:
        raise DemoError("the action is not on /om")
    run.console.say(f'    /om?k={HOME} lists it under "Det här gör vi": {DEMO_ACTION["sv"]}')
    # the answers count from the next release day on, which is also the campaign's first
    # comment day (``demo_campaign``): the demo moves its clock there
    next_day = schedule.Calendar().next_release_day(datetime.now(STOCKHOLM_TZ).date())
    run.console.say(
        f"    the answers are released on the calendar's next release day, {next_day} "
        "06:00, the campaign's first comment day: the demo's clock moves there"
    )
    _results(run.console, run, schedule.release_moment(next_day))


@contextlib.contextmanager
def demo(
    port: int = 8000,
    out: Path | None = None,
    host: str = "127.0.0.1",
    stream: IO[str] | None = None,
    history: int = 120,
) -> Iterator[DemoRun]:
    """Run every step up to serving; yields while the emulator and the survey server are up.

    ``history`` is the number of earlier answers per channel of each peer municipality."""
    console = Console(stream or sys.stdout, steps=6)
    out = (out or ROOT / ".local" / "demo").resolve()
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "functions.log"
    log_file.write_text("", encoding="utf-8")
    today = datetime.now(STOCKHOLM_TZ).date()
    # a page view records no metric, and Powertools warns about that on every request
    warnings.filterwarnings("ignore", message="No application metrics to publish")

    console.step("Starting the survey server and the AWS emulator (moto server on loopback)")
    server = _bind_survey_server(host, port)
    from local.environment import emulated

    try:
        survey_url = server.url
        settings = {"SURVEY_BASE_URL": survey_url, "REPORT_SENDER": DEMO_REPORT_SENDER}
        with emulated(settings=settings) as emulator:
            run = DemoRun(dict(emulator.env), survey_url, out, log_file, console)
            console.say(
                f"    emulator {emulator.endpoint}; tables and buckets of the CDK stack created"
            )
            # the functions' output goes to the log file for the whole run, serving included
            with functions_output(log_file):
                _prepare(console, run, today, history)
                console.step("Uploading the sample contact files to inbox/1980/ and running ingest")
                _upload_and_ingest(console, run, today)
                console.step("Running dispatch through a scheduled event: the messages 'sent'")
                _dispatch(console, run)
                console.step("Computing the results and rendering the report")
                _results(console, run)
                console.say(f"    function logs (JSON, as CloudWatch gets them): {log_file}")
                yield run
    finally:
        server.shutdown()
        server.server_close()


def _prepare(console: Console, run: DemoRun, today: date, history: int) -> None:
    import boto3

    from local.history import Tables, seed_history
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    console.step("Registering the demo municipalities with a campaign running today")
    tenants = demo_tenants(today)
    TenantStore(store.table(run.env["TENANTS_TABLE"])).put(tenants)
    ses = boto3.client("sesv2", region_name=REGION)
    ses.create_email_identity(EmailIdentity=DEMO_REPORT_SENDER.split("@")[1])
    for tenant in tenants:
        ses.create_email_identity(EmailIdentity=tenant.email_sender.split("@")[1])
        console.say(
            f"    {tenant.kommunkod} {tenant.name} (kommungrupp {tenant.kommungrupp.value})"
        )
    console.step("Writing an anonymous history of answers, so the comparison has something to show")
    campaign = tenants[0].campaigns[0]
    written = seed_history(
        tenants,
        campaign.id,
        campaign.start,
        today - timedelta(days=1),
        Tables(
            invitations=store.table(run.env["INVITATIONS_TABLE"]),
            responses=store.table(run.env["RESPONSES_TABLE"]),
            totals=store.table(run.env["TOTALS_TABLE"]),
            comments=store.table(run.env["COMMENTS_TABLE"]),
        ),
        # the peers are past the 100 answers per channel of the national comparison; Västerås
        # is still short of its target, so today's contacts are invited; about every other
        # answer has a comment, so each pool clears the first comment day's noisy check
        answers_per_channel=lambda t: history * 3 // 4 if t.kommunkod == HOME else history,
        comment_rate=COMMENT_RATE,
        progress=console.progress("municipalities"),
    )
    console.say(f"    {written} earlier anonymous responses in campaign {campaign.id}")
    _record_action(console, run, today)


DEMO_ACTION = {
    "sv": "Vi svarar nu på e-post inom två arbetsdagar.",
    "en": "We now answer e-mail within two working days.",
}


def _record_action(console: Console, run: DemoRun, today: date) -> None:
    """Västerås records what it does about the answers ("Det här gör vi"), as a municipality
    would with the CLI; /om lists it."""
    from shared.cli import main as cli

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = cli(
            [
                "actions",
                "add",
                "--table",
                run.env["TENANTS_TABLE"],
                "--tenant",
                HOME,
                "--day",
                (today - timedelta(days=14)).isoformat(),
                "--answers",
                "epost_svarstid",
                "--text",
                DEMO_ACTION["sv"],
                "--text-en",
                DEMO_ACTION["en"],
            ]
        )
    if code != 0:
        raise DemoError("recording the demo action failed")
    console.say(f"    an action recorded with `servicematning actions add`: {DEMO_ACTION['sv']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make demo", description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="answer a few surveys itself and exit")
    parser.add_argument("--port", type=int, default=8000, help="survey server port (default 8000)")
    parser.add_argument("--out", type=Path, default=None, help="where the report and logs go")
    args = parser.parse_args(argv)
    console = Console(sys.stdout, steps=0)
    started = clock.monotonic()
    try:
        with demo(port=args.port, out=args.out) as run:
            if args.once:
                answer_and_report(run)
            for path in run.reports:
                console.say(f"    report: {path}")
            console.say(f"    open data: {run.out / 'servicematning-oppna-data.csv'}")
            if args.once:
                console.say(f"\nDone in {clock.monotonic() - started:.0f} s.")
                return 0
            console.say(f"\nThe survey is served on {run.survey_url} — open a link above.")
            console.say(f"About the survey: {run.survey_url}/om · Ctrl-C stops the demo.")
            try:
                while True:
                    clock.sleep(3600)
            except KeyboardInterrupt:
                console.say("\nStopped.")
            return 0
    except DemoError as error:
        print(f"\ndemo: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the last word to a person, without a trace
        from shared.platform.redaction import redact

        print(
            f"\ndemo: a step failed: {type(error).__name__}: {redact(str(error))}", file=sys.stderr
        )
        print("run with PYTHONDEVMODE=1 for details, or see the function logs", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
