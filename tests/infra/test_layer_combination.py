"""Every function's asset imports and starts with the Lambda combination, not the development
environment: the asset alone (built from this repository), the Powertools layer's exact
versions (infra/powertools.py: Powertools, its pydantic, the X-Ray SDK) and a runtime boto3
older than uv.lock's, each in its own folder, on the build's Python with no site-packages.

The layer and the runtime are installed from PyPI into a cache under build/ (once per
version); a package the functions import that neither ships is a ModuleNotFoundError here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from infra import packaging as pkg
from infra import powertools

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "combination"

_CHILD = r"""
import importlib, json, os, sys
for key, value in json.loads(sys.argv[1]).items():
    os.environ[key] = value
handler = importlib.import_module(f"functions.{sys.argv[2]}.handler").handler
import aws_lambda_powertools, boto3, pydantic
print(json.dumps({
    "powertools": aws_lambda_powertools.__version__ if hasattr(aws_lambda_powertools, "__version__")
    else __import__("aws_lambda_powertools.shared.version", fromlist=["VERSION"]).VERSION,
    "pydantic": pydantic.VERSION, "boto3": boto3.__version__,
    "paths": {
        m: getattr(sys.modules[m], "__file__", "")
        for m in ("boto3", "botocore", "pydantic", "aws_lambda_powertools")
    },
    "callable": callable(handler),
}))
"""


# What the runtime provides and the layer therefore leaves out (aws-xray-sdk pulls botocore in)
RUNTIME_ONLY = ("boto3", "botocore", "s3transfer", "urllib3", "dateutil", "six", "jmespath")


def _install(target: Path, requirements: list[str], leave_out: tuple[str, ...] = ()) -> Path:
    if (target / ".complete").is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    command = [*pkg._installer(), "--quiet", "--target", str(target), *requirements]
    if "uv" in Path(command[0]).name:
        command += ["--python", sys.executable]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for folder in target.iterdir():
        if folder.name.split("-")[0].split(".")[0] in leave_out:
            shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
    (target / ".complete").write_text("\n".join(requirements), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def combination(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    layer = _install(
        CACHE / f"layer2-{powertools.VERSION}-pydantic-{powertools.PYDANTIC}",
        [
            f"aws-lambda-powertools[tracer]=={powertools.VERSION}",
            f"pydantic=={powertools.PYDANTIC}",
        ],
        leave_out=RUNTIME_ONLY,
    )
    runtime = _install(
        CACHE / f"runtime-boto3-{powertools.RUNTIME_BOTO3}", [f"boto3=={powertools.RUNTIME_BOTO3}"]
    )
    assets = tmp_path_factory.mktemp("assets")
    return layer, runtime, assets


@pytest.mark.slow
@pytest.mark.parametrize("name", pkg.FUNCTIONS)
def test_each_asset_imports_on_the_layer_and_the_runtime_boto3(
    combination: tuple[Path, Path, Path], name: str
) -> None:
    layer, runtime, assets = combination
    asset = pkg.build_asset(name, mode="local", out=assets)
    env = {
        "AWS_DEFAULT_REGION": "eu-north-1",
        "POWERTOOLS_SERVICE_NAME": "servicematning",
        "POWERTOOLS_METRICS_NAMESPACE": "Servicematning",
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
    # Lambda's order: the function's own folder, then /opt/python (the layer), then the runtime
    path = [
        str(asset),
        str(layer / "python") if (layer / "python").is_dir() else str(layer),
        str(runtime),
    ]
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path[:0] = {path!r}\n" + _CHILD,
            json.dumps(env),
            name,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["callable"]
    assert (seen["powertools"], seen["pydantic"], seen["boto3"]) == (
        powertools.VERSION,
        powertools.PYDANTIC,
        powertools.RUNTIME_BOTO3,
    )
    # each from its own folder: nothing of the development environment leaked in
    assert seen["paths"]["boto3"].startswith(str(runtime))
    assert seen["paths"]["botocore"].startswith(str(runtime))
    assert seen["paths"]["pydantic"].startswith(str(layer))
    assert seen["paths"]["aws_lambda_powertools"].startswith(str(layer))
