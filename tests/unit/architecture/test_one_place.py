"""One fact, one place (shared/README.md): the time zone, the AWS error code and the layers.

Each test reads the source the way a reviewer would and names the file that broke the rule,
so a copy cannot creep back in unnoticed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = [ROOT / "shared", ROOT / "functions", ROOT / "infra", ROOT / "local"]


def _sources() -> list[Path]:
    return [p for folder in CODE for p in folder.rglob("*.py") if "__pycache__" not in p.parts]


def _offenders(pattern: str, allowed: set[str]) -> list[str]:
    found = []
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_the_time_zone_is_defined_once() -> None:
    assert _offenders(r"ZoneInfo\(|\"Europe/Stockholm\"", {"shared/core/time.py"}) == []


def test_the_environment_is_read_by_the_settings_model_alone() -> None:
    # a function's or a command's setting read past the model escapes its validation and its
    # list of what a deployment must set (shared/platform/settings.py)
    code = {"shared", "functions"}
    found = _offenders(r"os\.environ|getenv\(", {"shared/platform/settings.py"})
    assert [f for f in found if f.split("/", 1)[0] in code] == []


def test_aws_error_codes_are_read_by_one_helper() -> None:
    pattern = r"\[\"Error\"\]|\.get\(\"Error\""
    assert _offenders(pattern, {"shared/platform/store.py"}) == []


def test_every_import_points_down() -> None:
    # lint-imports reads the contract in pyproject.toml: layers and the CLI kept out of handlers
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_every_metric_name_is_emitted_by_the_code() -> None:
    # An alarm reads Metric.X from shared/platform/metric_names.py; a member that no function
    # emits would be an alarm on a series nobody writes
    from shared.platform.metric_names import Metric

    emitted = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in (ROOT / "shared", ROOT / "functions")
        for path in folder.rglob("*.py")
        if path.name != "metric_names.py"
    )
    assert [m.name for m in Metric if f"Metric.{m.name}" not in emitted] == []


def test_metric_names_are_written_once() -> None:
    from shared.platform.metric_names import Metric

    quoted = "|".join(f'"{m.value}"' for m in Metric)
    assert _offenders(quoted, {"shared/platform/metric_names.py"}) == []
