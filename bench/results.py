"""The morning release run at 290 municipalities as the stored history grows from 10k to 10M
answers; the release core's CPU per stream; the release state's size; DynamoDB units per answer.

1. **The morning run** (``shared.results.service.scheduled``, the results function's only
   entry), each history size in a fresh process, against moto's server in a process of its own
   (``emulator_process``: the emulator's work and heap stay out of the timed process, whose CPU
   includes boto3's HTTP client, as on Lambda): 290 municipalities, each
   with one live campaign (2 March - 26 April 2026) on both channels, their totals items as the
   survey's transactions leave them (every cell an answer adds to: total, contact weeks, errand
   kinds) and their release states as the earlier release days left them. The run of Monday
   6 April 06:30 (weekly: the campaign's 5th release day) or Tuesday 7 April (daily: its 36th)
   is timed: the CPU of the process (the emulator's is reported apart), split into the release
   core, the figures, the export objects and the rest (adapters, boto3, the state's JSON and
   zlib, the comment checks), beside a baseline measured in the same run: as many bare
   requests (a GetItem of a missing key) through the same client; peak memory is the fresh
   process's peak RSS. What the history is: a run
   reads its streams' totals items and release states, never an answer, so a history of H
   answers is put on the totals (the same items, whose counts sum to H), and every DynamoDB
   request of the run is logged: none may touch the responses table. Those are ordinary
   mornings; the campaign's heaviest (``worst_morning``: the release day on which the most of
   the tree's blocks end, 4 weekly, 7 daily, so the most noise is drawn) is timed too, at the
   largest history.
2. **The release core alone**: ``release.step`` of one stream on one release day with the real
   sampler (``noise.SYSTEM``), the state as it is mid-campaign; where its time goes.
3. **The release state's size** at each release day of a full campaign (zlib-compressed JSON,
   the item DynamoDB stores; its limit is 400 KB), weekly and daily, with the national
   questions only and with the most own questions a municipality may add.
4. **DynamoDB units per answer**: the answer's transaction (totals updates, measured on the
   survey's real transaction), and a campaign's morning runs as the run makes its requests
   (``release_units``: per release day the totals query and the state written (the index holds
   its keys only); per morning the campaign's index query, its states read 100 a BatchGetItem,
   the publication item and the comment mark; item sizes as DynamoDB counts them) spread over
   n = 100/200/400 answers per channel.

    python -m bench results
"""

from __future__ import annotations

import contextlib
import copy
import cProfile
import hashlib
import json
import math
import os
import pstats
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from bench._aws import in_process_aws

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
RUNS = {"weekly": SIZES, "daily": (SIZES[0], SIZES[-1])}  # the daily state is larger, not the run
TENANTS = 290
CPU_GOAL = 5.0  # s of CPU for a morning run
FLAT = 2.0  # the largest history may cost at most this × the smallest
# runs of each size, in fresh processes: the median is reported, with the range. On this shared
# machine the same run's CPU varied by a quarter from one process to the next (3.9-5.5 s for the
# weekly 10k run within an hour): one run says little
REPEATS = 3
UNITS_GOAL = 10.0  # extra DynamoDB units per answer
ITEM_LIMIT = 400 * 1024
TEMPLATE_ANSWERS = 200  # answers per stream the totals' shape is drawn from
KB = 1024


def _stockholm(day: date, hour: int = 6, minute: int = 30) -> datetime:
    from shared.core.time import STOCKHOLM_TZ

    return datetime.combine(day, clock(hour, minute), tzinfo=STOCKHOLM_TZ)


MORNINGS = {"weekly": date(2026, 4, 6), "daily": date(2026, 4, 7)}  # a release day's run


def worst_morning(cadence: str) -> tuple[int, int, int]:
    """(release day index, release days, blocks ending): the morning of the campaign on which
    the most of the tree's blocks end (day 8 of 10 weekly, 64 of 70 daily), so the most noise
    is drawn; ``MORNINGS`` are ordinary mornings."""
    from bench.privacy import CAMPAIGN
    from shared.results.disclosure import continual

    periods = len(_policy(cadence).calendar.release_days(CAMPAIGN))
    ending = [sum(n.end == t for n in continual.nodes(periods)) for t in range(periods)]
    at = max(range(periods), key=lambda t: (ending[t], -t))
    return at, periods, ending[at]


def _at_morning(cadence: str, at: int) -> None:
    """The run's morning moved to release day ``at`` of the campaign."""
    from bench.privacy import CAMPAIGN

    MORNINGS[cadence] = _policy(cadence).calendar.release_days(CAMPAIGN)[at]


def _policy(cadence: str) -> Any:
    from shared.results import schedule
    from shared.results.disclosure import release

    return release.Policy(calendar=schedule.Calendar(schedule.Cadence(cadence)))


def own_questions() -> tuple[Any, ...]:
    """The most a municipality may add: three choice questions of eight options each (the
    largest number of published statistics)."""
    from shared.core.tenants import EXTRA_OPTIONS_MAX, EXTRA_QUESTIONS_MAX, ExtraQuestion

    return tuple(
        ExtraQuestion.model_validate(
            {
                "id": f"egen{q}",
                "text": {"sv": f"Egen fråga {q}?"},
                "kind": "choice",
                "options": [
                    {"id": f"o{o}", "label": {"sv": f"Alternativ {o}"}}
                    for o in range(EXTRA_OPTIONS_MAX)
                ],
            }
        )
        for q in range(EXTRA_QUESTIONS_MAX)
    )


def arrivals(channel: Any, n: int, extra: Sequence[Any] = (), seed: int = 0) -> list[Any]:
    """A campaign's answers as they arrive (bench/privacy.py's model), own questions answered."""
    from bench.privacy import Arrival, campaign_answers
    from shared.core import totals

    out = campaign_answers(n, seed, channel)
    if not extra:
        return out
    rnd = random.Random(seed)
    for a in out:
        chosen = {totals.choice(q.id, rnd.choice(q.values())): 1 for q in extra}
        a.contributions[totals.TOTAL].update(chosen)
    return [Arrival(a.moment, a.contributions) for a in out]


def exact_by_day(answers: Sequence[Any], days: Sequence[date], scale: float = 1.0) -> list[Any]:
    """The exact totals at each release day's moment (counts × ``scale``)."""
    from shared.core import totals
    from shared.results import schedule

    out, exact, i = [], {}, 0
    for day in days:
        moment = schedule.release_moment(day)
        while i < len(answers) and answers[i].moment < moment:
            totals.add(exact, answers[i].contributions)
            i += 1
        out.append({c: {s: round(v * scale) for s, v in st.items()} for c, st in exact.items()})
    return out


def state_through(
    channel: Any, policy: Any, exact: Sequence[Any], upto: int, extra: Sequence[Any] = ()
) -> Any:
    """The stream's state once its first ``upto`` release days are released (fast noise: the
    values do not matter here, the shape does)."""
    from bench.privacy import CAMPAIGN, fast_noise, unread_days
    from shared.results import schedule
    from shared.results.disclosure import release

    state = release.State(f"0000#{CAMPAIGN.id}#{channel.value}")
    days = policy.calendar.release_days(CAMPAIGN)
    with fast_noise(random.Random(upto)):
        for t in range(upto):
            args = dict(campaign=CAMPAIGN, channel=channel, extra=extra, policy=policy)
            moment = schedule.release_moment(days[t])
            if t < upto - 1:
                with unread_days():
                    release.step(state, exact[t], now=moment, **args)
            else:
                release.step(state, exact[t], now=moment, **args)
    return state


# 1. The morning run -----------------------------------------------------------------------------


def _tenants() -> list[Any]:
    from bench.privacy import CAMPAIGN
    from shared.core.tenants import Kommungrupp, Tenant

    groups = list(Kommungrupp)
    return [
        Tenant(
            kommunkod=f"{i:04d}",
            name=f"Kommun {i:04d}",
            sms_sender_id="Kommunen",
            email_sender="noreply@example.se",
            privacy_contact="dataskydd@example.se",
            kommungrupp=groups[i % len(groups)],
            campaigns=(CAMPAIGN,),
        )
        for i in range(1, TENANTS + 1)
    ]


def _stored(env: dict[str, str], tenants: list[Any], size: int, cadence: str) -> None:
    """Every stream's totals items (counts summing to ``size`` answers) and its release state
    as the release days before the timed morning left it."""
    from bench.privacy import CAMPAIGN
    from shared.core import totals
    from shared.core.models import Channel
    from shared.platform import settings, store
    from shared.results import schedule
    from shared.results.source import BATCH_WRITE, CommentMark, ResultsTables

    policy = _policy(cadence)
    days = policy.calendar.release_days(CAMPAIGN)
    done = sum(1 for d in days if d < MORNINGS[cadence])
    scale = size / (2 * len(tenants)) / TEMPLATE_ANSWERS
    db = ResultsTables(None, store.table(env[settings.RELEASES_TABLE]), None)
    published: dict[str, int] = {}
    states: list[Any] = []
    for channel in Channel:
        exact = exact_by_day(arrivals(channel, TEMPLATE_ANSWERS), days, scale)
        template = state_through(channel, policy, exact, done)
        # the answers that came since the last release day: in the totals, not yet released
        now = exact_by_day(arrivals(channel, TEMPLATE_ANSWERS), [MORNINGS[cadence]], scale)[0]
        with store.table(env[settings.TOTALS_TABLE]).batch_writer() as cells:
            for tenant in tenants:
                stream = totals.stream_id(tenant.kommunkod, CAMPAIGN.id, channel)
                for cell, stats in now.items():
                    cells.put_item(Item={**totals.key(stream, cell), **stats})
                state = copy.deepcopy(template)
                state.stream = stream
                states.append(state)
                published[stream] = state.sequence
        for first in range(0, len(states), BATCH_WRITE):
            db.store(states[first : first + BATCH_WRITE])
        states.clear()
    db.mark_published(CAMPAIGN.id, published)
    # the comment days before the morning were checked on their mornings (and let no batch out)
    checked = [
        d.isoformat()
        for d in policy.calendar.comment_days(CAMPAIGN)
        if schedule.release_moment(d) < _stockholm(MORNINGS[cadence])
    ]
    for tenant in tenants:
        db.save_comment_mark(tenant.kommunkod, CAMPAIGN.id, CommentMark(checked=checked))


class Requests:
    """Every DynamoDB request of a run: operation × table."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str]] = Counter()

    def __call__(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        table = str(params.get("TableName", ""))
        if not table and "RequestItems" in params:
            table = ",".join(sorted(params["RequestItems"]))
        self.calls[(model.name, table.rsplit("-", 1)[-1])] += 1


@contextlib.contextmanager
def emulator_process() -> Iterator[tuple[str, int]]:
    """A moto server in its own process on loopback (its URL and process id), stopped on exit:
    the emulator's work (AWS's, on its side) and its heap stay out of the timed process, whose
    CPU is then the run's own (boto3 with its HTTP client, as on Lambda). In process, moto's
    heap of stored items made every garbage collection of the run walk it, and its work shared
    the caches: the run's CPU varied by a third from one run to the next."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # this interpreter, this module
        [sys.executable, "-m", "bench.results", "--server", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/data.json", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("the moto server did not start")
        yield endpoint, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) another process has used so far (Linux's /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(port: int) -> None:
    """The emulator process of ``emulator_process``: moto's application served by waitress, its
    key Queries read one partition (``partitioned_queries``). Not moto's own server: werkzeug
    closes the connection after every response (``Connection: close`` whatever the protocol
    version), so the timed process opened a TCP connection for each of its 1,175 requests, about
    0.3 ms of CPU each that a Lambda keeping its connections to DynamoDB alive does not pay;
    waitress keeps HTTP/1.1 connections alive, as DynamoDB's endpoint does."""
    import waitress
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    os.environ["MOTO_PORT"] = str(port)  # moto's own URLs (presigned ones) name this port
    with partitioned_queries():
        app = DomainDispatcherApplication(create_backend_app)
        waitress.serve(app, host="127.0.0.1", port=port, threads=4, _quiet=True)


PARTS = ("release.step", "adapters", "figures.compute", "export objects", "comments")


@contextlib.contextmanager
def part_clocks() -> Iterator[dict[str, float]]:
    """CPU of the run's parts (the emulator runs in its own process): the release core
    (``release.step``); the release adapters (``ResultsTables``: the campaign's totals query
    and its cells, the states' writes and the lease, the campaign's query of every state and
    its publication mark: boto3 and the state's JSON + zlib);
    the campaigns' figures and export objects; the comment checks (with their reads)."""
    from shared.results import export, service, source
    from shared.results.disclosure import release
    from shared.results.source import ResultsTables

    spent = dict.fromkeys(PARTS, 0.0)
    targets: list[tuple[Any, str, str]] = (
        [
            (release, "step", "release.step"),
            (service, "compute", "figures.compute"),
            (export, "campaign_objects", "export objects"),
            (service, "comment_tenant", "comments"),
            (ResultsTables, "comment_marks", "comments"),
        ]
        + [
            (ResultsTables, name, "adapters")
            for name in (
                "exact",
                "store",
                "lease",
                "drop_lease",
                "stored_sequences",
                "mean_to_store",
                "published_sequences",
                "mark_published",
                "campaign",
            )
        ]
        + [(source, "cells", "adapters")]
    )
    targets = [t for t in targets if hasattr(t[0], t[1])]  # an older tree's (before and after)
    originals = [getattr(owner, name) for owner, name, _ in targets]

    def clocked(function: Any, part: str) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - started

        return run

    for (owner, name, part), function in zip(targets, originals, strict=True):
        setattr(owner, name, clocked(function, part))
    try:
        yield spent
    finally:
        for (owner, name, _), function in zip(targets, originals, strict=True):
            setattr(owner, name, function)


@contextlib.contextmanager
def partitioned_queries() -> Iterator[None]:
    """moto answers a Query on a table's key by sorting *every* item of the table (DynamoDB
    reads one partition): with 12,760 totals items that is the emulator's cost, not ours, and
    it would make the run take minutes. Here a key Query sees its partition only."""
    from moto.dynamodb.models.table import Table

    original = Table.query

    def query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("index_name") or hash_key is None or not self.range_key_attr:
            return original(self, hash_key, *args, **kwargs)
        part = list(self.items.get(hash_key, {}).values())
        self.all_items = lambda: sorted(part, key=lambda item: item.range_key)
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    Table.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        Table.query = original  # type: ignore[method-assign]


def one_size(size: int, cadence: str, count: int = TENANTS) -> dict[str, Any]:
    """The morning run at one history size, in this process (run in a fresh one), against the
    emulator in another."""
    from local.resources import create_resources, resource_names
    from shared.platform import settings, store
    from shared.platform.tenant_store import TenantStore
    from shared.results import service

    in_process_aws(POWERTOOLS_LOG_LEVEL="WARNING")
    with emulator_process() as (endpoint, server):
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        store.reset_clients()
        env = resource_names(f"bench{size}")
        create_resources(env)
        os.environ.update(env)
        tenants = _tenants()[:count]
        TenantStore(store.table(env[settings.TENANTS_TABLE])).put(tenants)
        setup = time.process_time()
        _stored(env, tenants, size, cadence)
        print(f"stored in {time.process_time() - setup:.1f} s CPU", file=sys.stderr, flush=True)
        os.environ[settings.RELEASE_CADENCE] = cadence
        config = settings.ResultsSettings.from_env()
        # the resource layer's client and the low-level one (``store.client``)
        clients = (store.table(env[settings.TOTALS_TABLE]).meta.client, store.client("dynamodb"))
        requests = Requests()
        for client in clients:
            client.meta.events.register("provide-client-params.dynamodb", requests)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KB
        with part_clocks() as parts, connections() as opened:
            emulator = process_cpu(server)
            started = time.process_time()
            summary = service.scheduled(config, now=_stockholm(MORNINGS[cadence]))
            cpu = time.process_time() - started
            emulator = process_cpu(server) - emulator
        for client in clients:
            client.meta.events.unregister("provide-client-params.dynamodb", requests)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KB
        floor = request_floor(env[settings.RELEASES_TABLE], sum(requests.calls.values()))
        store.reset_clients()
        os.environ.pop("AWS_ENDPOINT_URL", None)
    return {
        "size": size,
        "cadence": cadence,
        "cpu": cpu,
        "emulator": emulator,
        "parts": parts,
        "peak_mb": peak / 1e6,
        "before_mb": before / 1e6,
        "tenants": len(tenants),
        "released": summary["released"],
        "published": summary["published"],
        "failed": summary["failed"],
        "requests": {f"{op} {table}": n for (op, table), n in sorted(requests.calls.items())},
        "floor": floor,
        "connections": opened[0],
    }


@contextlib.contextmanager
def connections() -> Iterator[list[int]]:
    """The TCP connections this process opens inside the block (its first element): with
    connections kept alive, as on Lambda, a handful for a run of a thousand requests."""
    import socket

    opened = [0]
    connect = socket.socket.connect

    def counted(self: socket.socket, address: Any) -> None:
        opened[0] += 1
        connect(self, address)

    socket.socket.connect = counted  # type: ignore[method-assign]
    try:
        yield opened
    finally:
        socket.socket.connect = connect  # type: ignore[method-assign]


def request_floor(table: str, count: int) -> float:
    """The baseline, measured in the same run: the CPU of ``count`` bare DynamoDB requests (a
    GetItem of a missing key) through the same client, emulator and connection: what the
    run's requests cost this process before any item is read or written."""
    from shared.platform import store

    client = store.client("dynamodb")
    started = time.process_time()
    for i in range(count):
        client.get_item(TableName=table, Key={"stream": {"S": f"missing#{i}"}})
    return time.process_time() - started


def _median(size: int, cadence: str, at: int | None = None) -> dict[str, Any]:
    """``REPEATS`` runs of one size, each in a fresh process: the median run (by CPU), with
    every run's CPU beside it (``at``: on that release day instead of ``MORNINGS``)."""
    runs = sorted((_fresh(size, cadence, at) for _ in range(REPEATS)), key=lambda r: r["cpu"])
    return runs[len(runs) // 2] | {"cpus": [r["cpu"] for r in runs]}


def _fresh(size: int, cadence: str, at: int | None = None) -> dict[str, Any]:
    morning = [] if at is None else [str(TENANTS), str(at)]
    done = subprocess.run(
        [sys.executable, "-m", "bench.results", "--one", str(size), cadence, *morning],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the run at {size:,} answers failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# 2. The release core alone ---------------------------------------------------------------------


def core(cadence: str, repeats: int = 10) -> dict[str, Any]:
    """CPU of one stream's release day with the real sampler, and where it goes."""
    from bench.privacy import CAMPAIGN
    from shared.core.models import Channel
    from shared.results import schedule
    from shared.results.disclosure import noise, release

    policy = _policy(cadence)
    days = policy.calendar.release_days(CAMPAIGN)
    at = next(i for i, d in enumerate(days) if d >= MORNINGS[cadence])
    exact = exact_by_day(arrivals(Channel.SMS, 200), days)
    before = state_through(Channel.SMS, policy, exact, at)
    moment = schedule.release_moment(days[at])
    args = dict(campaign=CAMPAIGN, channel=Channel.SMS, extra=(), now=moment, policy=policy)
    draws = Counter[str]()
    real = noise.discrete_gaussians

    def counted(sigma: float, count: int, bits: Any = None) -> list[int]:
        draws["n"] += count
        return real(sigma, count, bits)

    noise.discrete_gaussians = counted
    try:
        release.step(copy.deepcopy(before), exact[at], **args)  # warm the calendar's caches
        draws.clear()
        started = time.process_time()
        for _ in range(repeats):
            release.step(copy.deepcopy(before), exact[at], **args)
        per_step = (time.process_time() - started) / repeats
    finally:
        noise.discrete_gaussians = real
    started = time.process_time()
    for _ in range(20):
        noise.discrete_gaussians(20.0, 50)  # a tree node's draws of one family, about
    per_draw = (time.process_time() - started) / 1000
    profile = cProfile.Profile()
    profile.enable()
    release.step(copy.deepcopy(before), exact[at], **args)
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(1e-9, sum(v[3] for k, v in stats.stats.items() if k[2] == "step"))  # type: ignore[attr-defined]
    parts = {}
    for name in ("discrete_gaussians", "estimates", "_consistent", "unit_cost", "deepcopy"):
        parts[name] = sum(
            v[3]
            for k, v in stats.stats.items()  # type: ignore[attr-defined]
            if k[2] == name
        )
    return {
        "cadence": cadence,
        "day": at + 1,
        "periods": len(days),
        "ms": per_step * 1000,
        "draws": draws["n"] // repeats,
        "draw_us": per_draw * 1e6,
        "shares": {k: v / total for k, v in parts.items() if k != "deepcopy"},
    }


# 3. The release state's size --------------------------------------------------------------------


def item_bytes(item: dict[str, Any]) -> int:
    """DynamoDB's item size: attribute names plus values (numbers: digits / 2 + 1)."""
    size = 0
    for name, value in item.items():
        size += len(name.encode())
        if isinstance(value, bytes | bytearray):
            size += len(value)
        elif isinstance(value, str):
            size += len(value.encode())
        else:
            size += len(str(value)) // 2 + 1
    return size


def state_item(state: Any) -> dict[str, Any]:
    """The releases table's item of a stream, as ``ResultsTables.save`` writes it."""
    from shared.results import source

    return {
        "stream": state.stream,
        "tenant": "0000",
        "campaign": "var-2026",
        "channel": "sms",
        "sequence": state.sequence,
        "state": state.to_bytes(),
        "published_total": source.published_total(state),
    }


def sizes_over_campaign(cadence: str, n: int, extra: Sequence[Any] = ()) -> list[int]:
    """The state item's size after each release day of a full campaign."""
    from bench.privacy import CAMPAIGN, fast_noise
    from shared.core.models import Channel
    from shared.results import schedule
    from shared.results.disclosure import release

    policy = _policy(cadence)
    days = policy.calendar.release_days(CAMPAIGN)
    exact = exact_by_day(arrivals(Channel.SMS, n, extra), days)
    state = release.State(f"0000#{CAMPAIGN.id}#sms")
    out = []
    with fast_noise(random.Random(3)):
        for day, cells in zip(days, exact, strict=True):
            args = dict(campaign=CAMPAIGN, channel=Channel.SMS, extra=extra, policy=policy)
            release.step(state, cells, now=schedule.release_moment(day), **args)
            out.append(item_bytes(state_item(state)))
    return out


# 4. DynamoDB units per answer -------------------------------------------------------------------


def answer_transaction() -> dict[str, Any]:
    """The survey's real transaction for one answer on moto: its items and their write units."""
    from moto import mock_aws

    from local.resources import create_resources, resource_names
    from shared.core import totals
    from shared.core.models import Channel, InvitationItem, InvitationStatus, ResponseItem
    from shared.platform import settings, store
    from shared.survey.storage import SurveyStore

    in_process_aws(POWERTOOLS_LOG_LEVEL="WARNING")
    with mock_aws():
        store.reset_clients()
        env = resource_names("benchanswer")
        create_resources(env)
        os.environ.update(env)
        surveys = SurveyStore(
            invitations=store.table(env[settings.INVITATIONS_TABLE]),
            responses=store.table(env[settings.RESPONSES_TABLE]),
            totals=store.table(env[settings.TOTALS_TABLE]),
            comments=store.table(env[settings.COMMENTS_TABLE]),
            clock=lambda: 1_775_000_000.0,
        )
        seen: list[list[dict[str, Any]]] = []
        client = store.table(env[settings.INVITATIONS_TABLE]).meta.client

        def record(params: dict[str, Any], **_: Any) -> None:
            seen.append(params["TransactItems"])

        client.meta.events.register("provide-client-params.dynamodb.TransactWriteItems", record)
        for n in range(20):
            invitation = InvitationItem(
                token_hash=hashlib.sha256(f"bench{n}".encode()).hexdigest(),
                tenant="1980",
                channel=Channel.SMS,
                campaign="var-2026",
                contact_day=date(2026, 3, 10),
                status=InvitationStatus.SENT,
                expires_at=2_000_000_000,
            )
            store.table(env[settings.INVITATIONS_TABLE]).put_item(
                Item=invitation.model_dump(mode="json")
            )
            surveys.answer(
                invitation,
                ResponseItem(
                    tenant="1980",
                    response_id=f"bench{n}",
                    channel=Channel.SMS,
                    campaign="var-2026",
                    contact_day=date(2026, 3, 10),
                    answers={"tel_bemotande": 4, "tel_enkelhet": 5},
                    errand="bygglov",
                    comment="En kommentar" if n % 5 == 0 else None,
                ),
            )
        totals_items = store.table(env[settings.TOTALS_TABLE]).scan()["Items"]
        store.reset_clients()
    totals_updates = [
        sum(1 for a in t if "Update" in a and totals.SLOT in a["Update"]["Key"]) for t in seen
    ]
    largest = max(item_bytes(i) for i in totals_items)
    # a transactional write costs 2 units per KB of each item
    per_item = 2 * max(1, math.ceil(largest / KB))
    return {
        "items": sum(len(t) for t in seen) / len(seen),
        "totals_updates": max(totals_updates),
        "largest_cell": largest,
        "wcu": max(totals_updates) * per_item,
    }


def totals_query_bytes(n: int) -> int:
    """What the release's Query of its campaign's totals reads of one stream's items at the
    campaign's end."""
    from bench.privacy import CAMPAIGN
    from shared.core import totals
    from shared.core.models import Channel

    days = _policy("weekly").calendar.release_days(CAMPAIGN)
    cells = exact_by_day(arrivals(Channel.SMS, n), days)[-1]
    stream = f"0000#{CAMPAIGN.id}#sms"
    return sum(item_bytes({**totals.key(stream, c), **stats}) for c, stats in cells.items())


LIVE_AFTER = 31  # days a campaign stays live after its final release (service.live_campaigns)
COMMENT_MARK = 200  # bytes of a comment mark item without a pending batch (about)
INDEX_ENTRY = 100 + 2 * 40  # a by_campaign entry (KEYS_ONLY): DynamoDB's 100 B + its keys


def release_units(
    cadence: str, n: int, sizes: Sequence[int], totals_bytes: int, streams: int = 2 * TENANTS
) -> dict[str, float]:
    """A stream's share of the morning runs over its campaign, per answer: read and write units,
    as the run makes its requests (the DynamoDB requests of the morning run, section 1).

    Per stream and release day: its totals read (its share of the campaign's Query, strongly
    consistent: 1 unit per 4 KB of the items read, rounded up per page, not per stream)
    and its state written (a PutRequest of a BatchWriteItem: 1 unit per KB of the larger of
    the old and new item), with its share of the run's lease (taken, renewed before each
    request of 25 states, given back: 1 unit each);
    its entry in the ``by_campaign`` index (KEYS_ONLY) is written once, with its first release
    (an update that changes no projected attribute writes nothing to the index). Per release
    day its state read by BatchGetItem (eventually consistent: half a unit per 4 KB of each
    item, rounded up per item; on other mornings every stream is published up to the calendar
    and no state is read, ``shared.results.service.quiet``) and its share of the campaign's
    item of the sequences its last run meant to store (about 24 B per stream), read strongly
    consistent and written once a release day. Per morning while the campaign is
    live (its first release day to 31 days after its final one, whether a day is released or
    not): its share of the campaign's Query of the index (keys only, eventually consistent:
    half a unit per 4 KB of the entries), its share of the campaign's publication item (read
    every morning, written on release days: about 24 B per stream) and its half of the
    municipality campaign's comment mark (BatchGetItem, eventually consistent: half a unit an
    item)."""
    from bench.privacy import CAMPAIGN
    from shared.results.source import BATCH_WRITE

    days = _policy(cadence).calendar.release_days(CAMPAIGN)
    mornings = (days[-1] - days[0]).days + 1 + LIVE_AFTER
    publication = max(1, math.ceil(24 * streams / KB))  # KB of the publication item
    rcu = 0.0
    wcu = float(math.ceil(INDEX_ENTRY / KB))  # the index entry, with the first release
    previous = 0
    for size in sizes:  # release days
        rcu += totals_bytes / (4 * KB)
        wcu += math.ceil(max(previous, size) / KB)
        wcu += publication / streams
        wcu += (2 + math.ceil(streams / BATCH_WRITE)) / streams  # the lease
        wcu += publication / streams  # the sequences meant to be stored (as large)
        rcu += math.ceil(publication / 4) / streams
        previous = size
    # the mornings: between release days the state is the last one released
    by_day = {d: size for d, size in zip(days, sizes, strict=True)}
    size = 0
    for i in range(mornings):
        day = days[0] + timedelta(days=i)
        if day in by_day:  # the state as the release day before left it
            rcu += 0.5 * math.ceil(size / (4 * KB))
        size = by_day.get(day, size)
        rcu += 0.5 * math.ceil(INDEX_ENTRY * streams / (4 * KB)) / streams
        rcu += math.ceil(publication / 4) / streams
        rcu += 0.5 * math.ceil(COMMENT_MARK / (4 * KB)) / 2
    return {"rcu": rcu / n, "wcu": wcu / n, "days": len(sizes), "mornings": mornings}


# The report --------------------------------------------------------------------------------------


def main() -> dict[str, Any]:
    metrics: list[dict[str, Any]] = []
    tables: list[str] = []
    runs = {c: [_median(size, c) for size in sizes] for c, sizes in RUNS.items()}
    for cadence, rows in runs.items():
        base = rows[0]
        for r in rows:
            ratio = r["cpu"] / base["cpu"]
            mem = r["peak_mb"] / base["peak_mb"]
            parts = r["parts"]
            rest = r["cpu"] - sum(parts.values())
            metrics.append(
                {
                    "metric": f"{cadence} morning run, 290 municipalities × 2 channels, "
                    f"{r['size']:,} answers stored: CPU of the run (the median of {REPEATS} "
                    "fresh processes, their range), the emulator in its own "
                    f"process (of it: {' / '.join(PARTS)} / the rest: the tenants, S3 writes, "
                    "logs) · baseline, same run: as many bare requests through the same client "
                    "· the emulator's CPU · the process's peak RSS after the run (before it)",
                    "value": f"**{r['cpu']:.2f} s** (median of {len(r['cpus'])}: "
                    f"{min(r['cpus']):.2f}–{max(r['cpus']):.2f} s; {ratio:.2f}× 10k; "
                    + " / ".join(f"{parts[p]:.2f}" for p in PARTS)
                    + f" / {rest:.2f} s) · {r['floor']:.2f} s for "
                    f"{sum(r['requests'].values()):,} requests over "
                    f"{r['connections']} connections · "
                    f"{r['emulator']:.1f} s · {r['peak_mb']:.0f} MB ({mem:.2f}× 10k; before "
                    f"{r['before_mb']:.0f} MB); {r['released']} streams released",
                    "target": f"≤ {CPU_GOAL:g} s, ≤ {FLAT:g}× of 10k",
                    "ok": r["cpu"] <= CPU_GOAL
                    and ratio <= FLAT
                    and mem <= FLAT
                    and r["released"] == 2 * TENANTS
                    and r["failed"] == 0,
                }
            )
        at, periods, blocks = worst_morning(cadence)
        worst = _median(SIZES[-1], cadence, at)
        parts = worst["parts"]
        metrics.append(
            {
                "metric": f"{cadence}: the campaign's heaviest morning (release day {at + 1} of "
                f"{periods}, on which {blocks} of the tree's blocks end, so the most noise is "
                f"drawn), {SIZES[-1]:,} answers stored: CPU of the run (median of "
                f"{REPEATS}, their range; of it: {' / '.join(PARTS)})",
                "value": f"**{worst['cpu']:.2f} s** ({min(worst['cpus']):.2f}–"
                f"{max(worst['cpus']):.2f} s; "
                + " / ".join(f"{parts[p]:.2f}" for p in PARTS)
                + f" s); {worst['released']} streams released",
                "target": f"≤ {CPU_GOAL:g} s",
                "ok": worst["cpu"] <= CPU_GOAL and worst["failed"] == 0,
            }
        )
        last = rows[-1]
        metrics.append(
            {
                "metric": f"{cadence}: DynamoDB requests of the run at {last['size']:,}, by "
                "operation and table",
                "value": ", ".join(f"{k} {v}" for k, v in last["requests"].items()),
                "target": "never the responses table",
                "ok": not any("responses" in k for k in last["requests"]),
            }
        )
    for cadence in ("weekly", "daily"):
        c = core(cadence)
        metrics.append(
            {
                "metric": f"release core, one stream's release day ({cadence}, day {c['day']} of "
                f"{c['periods']}; real sampler): CPU per stream-release; noise draws × µs a "
                "draw (a node's draws of a family at once); share of the step in the sampler / "
                "estimates (GLS + consistency) / of them the consistency projection / unit_cost",
                "value": f"{c['ms']:.1f} ms; {c['draws']} × {c['draw_us']:.1f} µs; "
                + " / ".join(f"{100 * v:.0f} %" for v in c["shares"].values()),
                "target": "",
                "ok": None,
            }
        )
    national = {c: sizes_over_campaign(c, 400) for c in ("weekly", "daily")}
    own = {c: sizes_over_campaign(c, 400, own_questions()) for c in ("weekly", "daily")}
    for cadence in ("weekly", "daily"):
        metrics.append(
            {
                "metric": f"release state item at the final release, {cadence} "
                f"({len(national[cadence])} release days, 400 answers): national questions / "
                "with three own choice questions of 8 options",
                "value": f"{national[cadence][-1] / KB:.1f} KB / {own[cadence][-1] / KB:.1f} KB",
                "target": "≤ 400 KB (DynamoDB's item limit)",
                "ok": max(own[cadence]) <= ITEM_LIMIT,
            }
        )
    answer = answer_transaction()
    metrics.append(
        {
            "metric": "the answer's transaction: totals updates × write units (unchanged by the "
            f"calendar; largest totals item {answer['largest_cell']} B)",
            "value": f"{answer['totals_updates']} × 2 = {answer['wcu']} WCU "
            f"({answer['items']:.1f} items a transaction in all)",
            "target": "",
            "ok": None,
        }
    )
    units = [
        "### DynamoDB units per answer: the answer's transaction and its stream's morning runs",
        "",
        "Per stream over a whole campaign (state sizes measured day by day with the national "
        "questions; its share of the campaign's totals query), divided by its answers: "
        "estimated from measured item sizes by DynamoDB's pricing rules (`release_units`: per "
        "release day the totals query, the state written under the run's lease, its KEYS_ONLY "
        "index entry once; "
        "per morning while the campaign is live the campaign's index query, on a release "
        "morning its states read strongly consistent "
        "by BatchGetItem, the publication item and the comment mark). Extra: the totals "
        "updates of the answer's transaction plus the runs' share.",
        "",
        "| cadence | n | release days / mornings | release RCU per answer | release WCU per "
        "answer | extra units per answer (transaction + release) |",
        "|---|---|---|---|---|---|",
    ]
    totals_bytes = totals_query_bytes(400)
    worst = 0.0
    for cadence in ("weekly", "daily"):
        for n in (100, 200, 400):
            sizes = sizes_over_campaign(cadence, n)
            u = release_units(cadence, n, sizes, totals_bytes)
            extra = answer["wcu"] + u["rcu"] + u["wcu"]
            worst = max(worst, extra) if cadence == "weekly" else worst
            units.append(
                f"| {cadence} | {n} | {u['days']:.0f} / {u['mornings']:.0f} | {u['rcu']:.2f} | "
                f"{u['wcu']:.2f} | "
                f"{extra:.1f} |"
            )
            if n == 100:
                metrics.append(
                    {
                        "metric": f"extra DynamoDB units per answer at n = 100, {cadence} "
                        "(transaction + morning runs; estimated from measured item sizes)",
                        "value": f"{extra:.1f}",
                        "target": f"≤ {UNITS_GOAL:g}",
                        "ok": extra <= UNITS_GOAL,
                    }
                )
    sizes_table = [
        "### The release state item over a campaign (KB, zlib-compressed JSON)",
        "",
        "| cadence | release day | national questions | with three own choice questions |",
        "|---|---|---|---|",
    ]
    for cadence in ("weekly", "daily"):
        count = len(national[cadence])
        for i in sorted({0, count // 4, count // 2, 3 * count // 4, count - 1}):
            sizes_table.append(
                f"| {cadence} | {i + 1} of {count} | {national[cadence][i] / KB:.1f} | "
                f"{own[cadence][i] / KB:.1f} |"
            )
    tables += ["\n".join(units), "\n".join(sizes_table)]
    return {
        "name": "Results: the morning release run, its state and its units (bench/results.py)",
        "metrics": metrics,
        "tables": tables,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--server"]:
        serve(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--one"]:  # --one SIZE CADENCE [TENANTS [RELEASE_DAY_INDEX]]
        count = int(sys.argv[4]) if len(sys.argv) > 4 else TENANTS
        if len(sys.argv) > 5:
            _at_morning(sys.argv[3], int(sys.argv[5]))
        print(json.dumps(one_size(int(sys.argv[2]), sys.argv[3], count)))
    else:
        for m in main()["metrics"]:
            print(f"{m['metric']}: {m['value']} [{m['target']}] {m['ok']}")
