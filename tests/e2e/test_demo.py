"""The whole measurement through the local runner, as `make demo ARGS=--once` runs it: real
events into the real handlers on the moto server, residents answering over HTTP, the report.
At the end nothing personal may be left in any table, bucket or line of output."""

from __future__ import annotations

import re
from pathlib import Path

import boto3
import pytest

from local.demo import HOME, answer_and_report, demo, demo_tenants
from tests.privacy import REGION, personal_data_everywhere, personal_lines

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]


def test_demo_once_runs_the_whole_flow_and_leaves_nothing_personal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    functional = [a for t in demo_tenants(date.today()) for a in t.municipal_addresses]
    # a history large enough that each municipality's comment pool clears the first comment
    # day's noisy check (about every other answer has a comment: Västerås ~75, the peers ~100)
    with demo(port=0, out=tmp_path, history=100) as run:
        # Given the two sample files ingested and dispatched: one message per accepted contact
        assert sorted(s.channel for s in run.sent) == ["email"] * 4 + ["sms"] * 5
        assert all(s.link.startswith(run.survey_url + "/s/") for s in run.sent)

        # When residents answer and one declines, over HTTP through the real survey handler
        answer_and_report(run, answers=4)

        # Then the answers count and the report is written
        assert (run.answered, run.declined) == (4, 1)
        report = tmp_path / f"rapport-{HOME}.html"
        assert report.stat().st_size > 10_000
        page = report.read_text(encoding="utf-8")
        assert "Västerås stad" in page

        # and on the comment day the clock moved to, every municipality's pool went out as a
        # batch and the report shows its themes' shares beside the kommungrupp and the nation
        themes = themes_table(page)
        assert themes[0] == ["Tema", "Västerås stad", "Kommungrupp A3", "Riket"]
        share = re.compile(r"^\d+ % \(\d+ / \d+ / \d+\)$")
        shown = {row[0]: row[1:] for row in themes[1:]}
        assert set(shown) >= {"Bemötande", "Svarstid", "Alla kommentarer"}
        assert all(share.match(cell) for cells in shown.values() for cell in cells), shown
        assert [c.split(" ")[0] for c in shown["Alla kommentarer"]] == ["100"] * 3
        assert (tmp_path / "servicematning-oppna-data.csv").read_text(encoding="utf-8").strip()

        # and no contact data is left: the contacts table and the inbox are empty
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        assert dynamodb.scan(TableName=run.env["CONTACTS_TABLE"])["Count"] == 0
        s3 = boto3.client("s3", region_name=REGION)
        inbox = s3.list_objects_v2(Bucket=run.env["DATA_BUCKET"], Prefix="inbox/")
        assert inbox.get("KeyCount", 0) == 0

        # and no phone number or e-mail address anywhere: tables, buckets, logs, output
        assert personal_data_everywhere(run.env, allowed=functional) == {}
        logs = run.log_file.read_text(encoding="utf-8")
        assert logs.count("\n") > 10  # the functions did log
        assert personal_lines(logs, functional) == []
        # and the "kontakta mig" request went to the contact centre and left the service
        assert dynamodb.scan(TableName=run.env["CONTACT_REQUESTS_TABLE"])["Count"] == 0
    printed = capfd.readouterr()
    assert "[6/6]" in printed.out
    assert "0 comment batches" in printed.out  # none before the first comment day
    assert "5 comment batches" in printed.out  # all five municipalities' on it
    assert "reached the contact centre in the next daily digest" in printed.out
    assert "E-MAIL to k…@vasteras.se: Kontakta mig: 1 förfrågan från en invånare" in printed.out
    assert 'lists it under "Det här gör vi"' in printed.out
    assert personal_lines(printed.out + printed.err, functional) == []


def themes_table(page: str) -> list[list[str]]:
    """The report's comment-themes table as text cells, its header row first."""
    section = page.partition('<section class="kommentarsteman">')[2].partition("</section>")[0]
    assert section, "the report has no comment-themes section"
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row] for row in cells]


def test_a_taken_port_stops_the_demo_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    from local.demo import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--once", "--port", str(port)]) == 2
    error = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in error
    assert "--port 8001" in error
