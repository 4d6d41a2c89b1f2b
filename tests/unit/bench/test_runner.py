"""`make bench`'s runner (bench/__main__.py) and the accuracy bench's arithmetic: no AWS."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import bench.__main__ as runner
from bench import privacy


def result(name: str, value: str, ok: bool | None = None) -> dict[str, object]:
    return {
        "name": name,
        "metrics": [{"metric": "m", "value": value, "target": "", "ok": ok}],
        "tables": ["| a |\n|---|\n| 1 |"],
    }


@pytest.fixture
def results_md(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "results.md"
    monkeypatch.setattr(runner, "RESULTS", path)
    return path


def test_running_one_benchmark_keeps_the_other_sections(results_md: Path) -> None:
    # Given a results.md written before the sections carried their module's mark
    results_md.write_text(
        "# Benchmarks\n\nold run\n\n## Lambda asset sizes\n\n| metric |\n| old assets |\n\n"
        "## Privacy: accuracy (bench/privacy.py)\n\n| old privacy |\n\n"
        "## Cost per municipality (bench/cost/, details in bench/cost.md)\n\n| old cost |\n",
        encoding="utf-8",
    )
    # When only the privacy benchmark runs
    failed = runner.write_sections({"privacy": result("Privacy: new", "3.7", ok=True)})
    # Then its section is replaced in place, the others are kept, and its tables follow
    text = results_md.read_text(encoding="utf-8")
    assert not failed
    assert "old privacy" not in text
    assert "| m | 3.7 |  | yes |" in text
    assert "old assets" in text
    assert "old cost" in text
    assert text.index("Lambda asset sizes") < text.index("Privacy: new") < text.index("Cost per")
    assert "| a |" in text


def test_a_second_run_replaces_its_section_by_its_mark(results_md: Path) -> None:
    runner.write_sections({"results": result("Results: first name", "1")})
    failed = runner.write_sections({"results": result("Results: renamed", "2", ok=False)})
    text = results_md.read_text(encoding="utf-8")
    assert failed
    assert "first name" not in text
    assert text.count("## Results") == 1
    assert "| NO |" in text


def test_a_run_of_every_benchmark_writes_the_file_anew(results_md: Path) -> None:
    results_md.write_text("# Benchmarks\n\n## Gone (bench/gone.py)\n\n| x |\n", encoding="utf-8")
    runner.write_sections({"privacy": result("Privacy", "1")}, keep=False)
    assert "Gone" not in results_md.read_text(encoding="utf-8")


def test_the_predicted_p95_is_the_normal_quantile_for_one_noise_scale() -> None:
    # |N(0, 2²)| exceeds 1.96 × 2 with probability 5 %
    assert privacy.predicted_p95([2.0] * 10) == pytest.approx(1.959964 * 2, rel=1e-4)
    assert privacy.p95([float(i) for i in range(1, 101)]) == 95.0


def test_the_table_sampler_draws_the_discrete_gaussian() -> None:
    sampler = privacy.TableGaussian(random.Random(5))
    draws = [sampler(3.0) for _ in range(20_000)]
    mean = sum(draws) / len(draws)
    variance = sum((d - mean) ** 2 for d in draws) / len(draws)
    assert all(isinstance(d, int) for d in draws)
    assert abs(mean) < 0.1
    assert variance == pytest.approx(9.0, rel=0.05)
