"""Lambda assets without Docker: what goes in, what never does, and that each one imports."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from infra import packaging
from infra.packaging import FUNCTIONS, PROVIDED, PackagingError, build_asset, function_needs

pytestmark = pytest.mark.xdist_group("cdk")

WITH_HANDLER = [n for n in FUNCTIONS if (packaging.ROOT / "functions" / n / "handler.py").exists()]
NEVER_SHIPPED = {"pydantic", "pydantic_core", "aws_lambda_powertools", "boto3", "botocore"}


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A miniature repository: one function reaching two shared modules."""
    _write(tmp_path, "functions/__init__.py", "")
    _write(tmp_path, "functions/demo/__init__.py", "")
    _write(tmp_path, "functions/demo/handler.py", "from shared.a import run\n")
    _write(tmp_path, "shared/__init__.py", "")
    _write(
        tmp_path,
        "shared/a.py",
        "from typing import TYPE_CHECKING\n"
        "import phonenumbers\n"
        "from .b import zone\n"
        "if TYPE_CHECKING:\n    import mypy_boto3_s3\n"
        "def run():\n    import jinja2\n    return jinja2\n",
    )
    _write(tmp_path, "shared/b.py", "import zoneinfo\nzone = zoneinfo.ZoneInfo\n")
    _write(tmp_path, "shared/unused.py", "import matplotlib\n")
    _write(tmp_path, "shared/__pycache__/a.cpython-311.pyc", "")
    return tmp_path


def test_needs_follow_imports_through_shared_lazy_and_relative(tree: Path) -> None:
    needs = function_needs("demo", tree)
    # the lazy jinja2 import counts; TYPE_CHECKING-only imports and unreached modules do not
    assert needs.third_party == {"phonenumbers", "jinja2", "zoneinfo"}
    assert "shared.b" in needs.modules
    assert "shared.unused" not in needs.modules
    assert needs.distributions == ("jinja2", "markupsafe", "phonenumberslite", "tzdata")
    assert not needs.unknown


def test_an_import_nobody_provides_stops_the_build(tree: Path, tmp_path: Path) -> None:
    _write(tree, "functions/demo/handler.py", "from shared.a import run\nimport matplotlib\n")
    with pytest.raises(PackagingError, match="matplotlib"):
        build_asset("demo", mode="source", root=tree, out=tmp_path / "out")


def test_source_asset_holds_shared_and_only_its_own_function(tree: Path, tmp_path: Path) -> None:
    _write(tree, "functions/other/handler.py", "")
    asset = build_asset("demo", mode="source", root=tree, out=tmp_path / "out")
    files = {p.relative_to(asset).as_posix() for p in asset.rglob("*") if p.is_file()}
    assert "functions/demo/handler.py" in files
    assert "shared/a.py" in files
    assert not any(f.startswith("functions/other") for f in files)
    assert not any("__pycache__" in f or f.endswith(".pyc") for f in files)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_imports_only_what_the_runtime_layer_or_asset_provides(
    name: str,
) -> None:
    needs = function_needs(name)
    assert not needs.unknown, f"functions/{name} needs {sorted(needs.unknown)}"
    assert not NEVER_SHIPPED & {d.replace("-", "_") for d in needs.distributions}


def test_vendor_install_targets_lambdas_platform_pinned_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        Path(command[command.index("--target") + 1], "phonenumbers").mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(packaging.subprocess, "run", fake_run)
    version = packaging._version("phonenumberslite")
    folders = packaging.fill_vendor_cache(["phonenumberslite"], "arm64", cache=tmp_path)
    packaging.fill_vendor_cache(["phonenumberslite"], "arm64", cache=tmp_path)  # cached now

    assert len(calls) == 1
    command = " ".join(calls[0])
    assert "aarch64-manylinux2014" in command or "--platform manylinux2014_aarch64" in command
    assert "--python-version 3.12" in command
    assert "--only-binary=:all:" in command
    assert "--no-deps" in command
    assert command.endswith(f"phonenumberslite=={version}")
    assert folders["phonenumberslite"] == tmp_path / "arm64" / f"phonenumberslite-{version}"


def _layer(tmp_path: Path) -> Path:
    """What the runtime and the Powertools layer put on sys.path, linked from this venv."""
    layer = tmp_path / "layer"
    layer.mkdir()
    for module in PROVIDED:
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            continue
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        (layer / source.name).symlink_to(source)
    return layer


@pytest.mark.parametrize("name", WITH_HANDLER)
def test_each_asset_imports_its_handler_with_nothing_else_installed(
    name: str, tmp_path: Path
) -> None:
    # Given the asset with its vendored packages (copied from this machine's environment)
    asset = build_asset(name, mode="local", out=tmp_path / "assets")
    layer = _layer(tmp_path)
    # When a bare interpreter (no site-packages) imports the handler from asset + layer only
    code = (
        "import sys; sys.path[:0] = sys.argv[1:3]\n"
        f"import functions.{name}.handler as h\n"
        "assert callable(h.handler)\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(asset), str(layer)],
        capture_output=True,
        text=True,
        env={**os.environ, "POWERTOOLS_TRACE_DISABLED": "true", "AWS_DEFAULT_REGION": "eu-north-1"},
        timeout=120,
        check=False,
    )
    # Then it imports: every third-party package it needs is in the asset
    assert result.returncode == 0, result.stderr[-3000:]


_CACHE_READY = all(
    (packaging.vendor_dir(d, "arm64") / ".complete").is_file()
    for n in WITH_HANDLER
    for d in function_needs(n).distributions
)


@pytest.mark.skipif(not _CACHE_READY, reason="no vendor cache yet: `make build` fills it")
def test_vendored_asset_from_the_cache_is_lambdas_and_lean(tmp_path: Path) -> None:
    asset = build_asset("survey", mode="vendor", arch="arm64", out=tmp_path)
    top = {p.name for p in asset.iterdir()}
    assert {"shared", "functions", "jinja2", "markupsafe"} <= top
    assert not NEVER_SHIPPED & top
    assert "bin" not in top
    speedups = list((asset / "markupsafe").glob("_speedups*.so"))
    assert speedups
    assert all("aarch64" in p.name for p in speedups)
    archive = packaging.zip_asset(asset)
    with zipfile.ZipFile(archive) as z:
        assert not [n for n in z.namelist() if n.endswith(".pyc") or "/tests/" in n]
    assert archive.stat().st_size < 10_000_000


def test_bytecode_is_compiled_unchecked_so_a_zip_s_timestamps_cannot_stale_it(
    tmp_path: Path,
) -> None:
    """With the runtime's Python (here: this machine's, standing in), every module gets a pyc
    whose flags say unchecked-hash: Lambda's read-only folder never has to compile it."""
    _write(tmp_path, "shared/a.py", "VALUE = 1\n")
    assert packaging.compile_bytecode(tmp_path, python=sys.executable)
    [pyc] = list(tmp_path.rglob("a.*.pyc"))
    flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
    assert flags == 0b01  # hash-based, check_source off (PEP 552)
    assert packaging.has_bytecode(tmp_path)


def test_a_python_of_another_version_is_refused_for_bytecode(monkeypatch) -> None:
    monkeypatch.setenv(packaging.LAMBDA_PYTHON, sys.executable)
    monkeypatch.setattr(packaging, "PYTHON_VERSION", "3.99")
    with pytest.raises(PackagingError, match=r"3\.99"):
        packaging.runtime_python()


def test_without_a_runtime_python_the_asset_has_no_bytecode(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(packaging.LAMBDA_PYTHON, raising=False)
    monkeypatch.setattr(packaging.shutil, "which", lambda _name: None)
    _write(tmp_path, "shared/a.py", "VALUE = 1\n")
    assert packaging.compile_bytecode(tmp_path) is False
    assert not packaging.has_bytecode(tmp_path)


def test_the_survey_asset_carries_its_templates_compiled_and_no_other_does(
    tmp_path: Path,
) -> None:
    # Given the survey's asset and one of a function that renders no page
    survey = build_asset("survey", mode="source", out=tmp_path / "assets")
    ingest = build_asset("ingest", mode="source", out=tmp_path / "assets")
    templates = sorted(p.name for p in (survey / "shared/survey/templates").glob("*.html"))

    # Then every template is a module the survey's first page imports instead of compiling
    compiled = survey / "shared/survey/templates_compiled"
    assert len(list(compiled.glob("tmpl_*.py"))) == len(templates) > 0
    for module in compiled.glob("tmpl_*.py"):
        compile(module.read_text(encoding="utf-8"), str(module), "exec")  # valid Python
    assert not (ingest / "shared/survey/templates_compiled").exists()


def test_an_asset_with_phonenumbers_carries_its_regions_so_a_tenant_is_read_without_it(
    tmp_path: Path,
) -> None:
    import json

    import phonenumbers

    from shared.core import tenants

    # Given the survey's asset (it validates tenants, whose SMS countries phonenumbers knows)
    asset = build_asset("survey", mode="local", out=tmp_path / "assets")
    regions = asset / tenants.PHONE_REGIONS_FILE.relative_to(packaging.ROOT)

    # Then the asset carries exactly phonenumbers' regions, and reading a tenant from the asset
    # validates its countries against them without importing phonenumbers
    assert set(json.loads(regions.read_text(encoding="utf-8"))) == phonenumbers.SUPPORTED_REGIONS
    assert not tenants.PHONE_REGIONS_FILE.exists()  # the checkout asks phonenumbers itself
    code = (
        "import sys; sys.path[:0] = [sys.argv[1]]\n"
        "from pathlib import Path\n"
        "from shared.core.tenants import Tenant, load_tenant_file\n"
        "stored = load_tenant_file(Path(sys.argv[2])).model_dump(mode='json')\n"
        "assert Tenant.model_validate(stored | {'allowed_sms_countries': ['SE', 'FI']})\n"
        "try:\n"
        "    Tenant.model_validate(stored | {'allowed_sms_countries': ['SE', 'XX']})\n"
        "    raise SystemExit('an unknown country was accepted')\n"
        "except ValueError as error:\n"
        "    assert 'unknown country codes: XX' in str(error)\n"
        "assert 'phonenumbers' not in sys.modules, 'imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(asset), str(packaging.ROOT / "config/tenants/1980.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_each_asset_ships_only_the_modules_its_handler_reaches(tmp_path) -> None:
    """The ingest asset carries no watch calendar, the canary none of the stages, and the
    survey no dispatch; each still has every module its imports reach."""
    for name in packaging.FUNCTIONS:
        asset = packaging.build_asset(name, mode="source", out=tmp_path)
        shipped = {
            ".".join(p.relative_to(asset).with_suffix("").parts).removesuffix(".__init__")
            for p in (asset / "shared").rglob("*.py")
            if "templates_compiled" not in p.parts  # written by the build, loaded by Jinja2
        }
        needs = packaging.function_needs(name)
        assert shipped == {m for m in needs.modules if m.startswith("shared")}, name
    ingest = packaging.function_needs("ingest")
    assert "holidays" not in ingest.third_party
    assert "shared.ingest.watch" not in ingest.modules
    assert "holidays" in packaging.function_needs("watch").third_party
    canary = packaging.function_needs("canary")
    assert not {"shared.ingest.service", "shared.dispatch", "shared.results"} & canary.modules
    assert not (tmp_path / "survey" / "shared" / "dispatch").exists()


def test_the_word_lists_ship_only_with_the_redaction_that_reads_them(tmp_path: Path) -> None:
    # Given the dispatch's asset (it never runs the thorough redaction) and the survey's (it does)
    dispatch = build_asset("dispatch", mode="source", out=tmp_path / "a")
    survey = build_asset("survey", mode="source", out=tmp_path / "b")

    # Then the thorough pass's name and word lists and its learned name reader are in the
    # survey's asset only
    assert {p.name for p in (dispatch / "shared" / "data").glob("*")} == {"names.txt"}
    assert {p.name for p in (survey / "shared" / "data").glob("*")} == set(packaging.DATA_READERS)
    # and every file of shared/data/ has its reader named (else the build stops)
    assert {p.name for p in (packaging.ROOT / "shared" / "data").iterdir()} == set(
        packaging.DATA_READERS
    )
