"""``servicematning report`` against the tables on moto, and its page in headless Chromium."""

from __future__ import annotations

import csv
import io
import re

import pytest

from local.browser import launch
from shared.cli import main
from tests.conftest import TENANT_CONFIG


def test_report_for_one_municipality(seeded, tmp_path, capsys) -> None:
    assert main(["report", "--tenant", "1980", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "rapport-1980.html").read_text(encoding="utf-8")
    assert "Västerås stad" in html
    assert "68,8" in html  # 825 / 12, the index in the export too
    assert "Tack för hjälpen" in html
    assert "anna@example.se" not in html
    assert "Uppsalas kommentar" not in html
    assert all(int(n) >= 5 for n in re.findall(r'data-n="(\d+)"', html))
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "servicematning-oppna-data.csv").read_text()))
    )
    uppsala = [r for r in rows if r["municipality"] == "0380"]
    assert uppsala
    assert all(r["value"] == "" and r["count"] == "" for r in uppsala)
    assert "rapport-1980.html" in capsys.readouterr().out


def test_report_with_tenants_from_config_and_an_unknown_tenant(seeded, tmp_path, capsys) -> None:
    args = ["report", "--source", "config", "--tenants-dir", str(TENANT_CONFIG)]
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert "Tack för hjälpen" not in (tmp_path / "rapport-riket.html").read_text(encoding="utf-8")
    assert main([*args, "--tenant", "9999", "--out", str(tmp_path)]) == 2
    assert "9999" in capsys.readouterr().err


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_report_renders_in_chromium(seeded, tmp_path) -> None:
    from PIL import Image, ImageStat
    from playwright.sync_api import sync_playwright

    assert main(["report", "--tenant", "1980", "--out", str(tmp_path)]) == 0
    page_file = tmp_path / "rapport-1980.html"
    shot = tmp_path / "rapport.png"
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.goto(page_file.as_uri())
            assert page.locator("html").get_attribute("lang") == "sv"
            assert page.locator("svg[role=img]").count() >= 2
            box = page.locator("svg[role=img]").first.bounding_box()
            assert box is not None
            assert box["width"] > 200
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    image = Image.open(shot).convert("L")
    stat = ImageStat.Stat(image)
    assert image.height > 1400  # a long page, not an error stub
    assert stat.stddev[0] > 20  # text, tables and charts, not a blank page
    dark = sum(image.histogram()[:100])
    assert dark > 0.01 * image.width * image.height
