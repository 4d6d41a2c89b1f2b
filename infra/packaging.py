"""Lambda assets built without Docker: one folder per function, zipped by the CDK.

Each asset holds the modules of ``shared/`` its handler's imports reach (``prune_unreached``),
``functions/<name>/`` and the third-party packages that function imports and that neither the
Lambda runtime (boto3) nor the Powertools layer (Powertools, pydantic) provides. Which
packages a function needs is read from its imports (followed through ``shared/``), so a new
import can never be silently missing from the deployed asset: an import of a package that is
neither provided nor known here stops the build with its name.

Three ways to fill the third-party part:

- ``vendor``: wheels for Lambda's platform (manylinux2014, CPython 3.12), installed once per
  distribution and version into ``build/vendor/<arch>/`` and reused by every later synth.
  ``make build`` fills the cache (the only step that downloads) and reports the zip sizes.
- ``local``: copies the same distributions from the environment running the build (this
  machine's platform). Offline; tests use it to import every handler from its asset alone.
- ``source``: no third-party packages at all; the template tests synthesise with it so they
  stay fast and need nothing beyond the repository.

``python -m infra.packaging [--arch arm64] [--mode vendor]`` builds every asset into
``build/lambda/<name>/``, writes each zip next to it and prints a size table.
"""

from __future__ import annotations

import argparse
import ast
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
ASSETS = BUILD / "lambda"
VENDOR = BUILD / "vendor"

Mode = Literal["vendor", "local", "source"]
Architecture = Literal["arm64", "x86_64"]
MODES: tuple[Mode, ...] = ("vendor", "local", "source")

PYTHON_VERSION = "3.12"
PLATFORMS: dict[Architecture, str] = {
    "arm64": "manylinux2014_aarch64",
    "x86_64": "manylinux2014_x86_64",
}

FUNCTIONS: tuple[str, ...] = (
    "ingest",
    "dispatch",
    "purge",
    "survey",
    "results",
    "watch",
    "canary",
)

# Top-level modules the python3.12 runtime (boto3 and its dependencies) or the Powertools layer
# (Powertools with pydantic v2 and the X-Ray SDK) already provide. Shipping a second copy of
# any of them would shadow the layer's and could mix two pydantic versions in one process.
PROVIDED: frozenset[str] = frozenset(
    {
        "boto3",
        "botocore",
        "s3transfer",
        "jmespath",
        "urllib3",
        "dateutil",
        "six",
        "aws_lambda_powertools",
        "pydantic",
        "pydantic_core",
        "pydantic_settings",
        "typing_extensions",
        "typing_inspection",
        "annotated_types",
        "aws_xray_sdk",
        "wrapt",
    }
)

# Top-level module → the distributions to vendor for it (its own dependencies included, so
# every install runs with --no-deps and nothing else sneaks in). `zoneinfo` is stdlib but reads
# the system's zone files, which the Lambda base image does not promise: tzdata supplies them.
VENDORED: dict[str, tuple[str, ...]] = {
    # the same parser without the geocoder, carrier and time-zone data (2 MB) nothing here reads
    "phonenumbers": ("phonenumberslite",),
    "stdnum": ("python-stdnum",),  # shared/platform/redaction/finders.py: personnummer
    "email_validator": ("email-validator", "dnspython", "idna"),
    "dns": ("dnspython",),
    "idna": ("idna",),
    "jinja2": ("jinja2", "markupsafe"),
    "markupsafe": ("markupsafe",),
    "tzdata": ("tzdata",),
    "zoneinfo": ("tzdata",),
    "python_calamine": ("python-calamine",),
    "holidays": ("holidays",),  # dateutil, its one dependency, is in the runtime
    "orjson": ("orjson",),  # shared/results/disclosure/release.py: the release states' JSON
    "pycrfsuite": ("python-crfsuite",),  # shared/platform/redaction/name_model.py: the CRF
}

# Never part of an asset.
_SKIP_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", "tests"})
_SKIP_SUFFIXES = (".pyc", ".pyo")


class PackagingError(RuntimeError):
    """An asset cannot be built as asked (unknown import, empty cache, failed download)."""


# --- which packages a function needs ---------------------------------------------------------


@dataclass(frozen=True)
class Needs:
    """What a function imports beyond the standard library, read from its source."""

    modules: frozenset[str]  # the repository's own modules it reaches (shared.*, functions.*)
    third_party: frozenset[str]  # top-level names of everything else

    @property
    def unknown(self) -> frozenset[str]:
        return frozenset(m for m in self.third_party if m not in PROVIDED and m not in VENDORED)

    @property
    def distributions(self) -> tuple[str, ...]:
        dists = {d for m in self.third_party if m in VENDORED for d in VENDORED[m]}
        return tuple(sorted(dists))


def _module_file(module: str, root: Path = ROOT) -> Path | None:
    path = root.joinpath(*module.split("."))
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """Absolute names imported anywhere in a module (lazy imports in functions included),
    except under ``if TYPE_CHECKING:``, which never runs."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                base_parts = parts if is_package else parts[:-1]
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            yield base
            # `from shared.x import y` may import the submodule shared.x.y
            yield from (f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        stack.extend(ast.iter_child_nodes(node))


def function_needs(name: str, root: Path = ROOT) -> Needs:
    """Follow the imports of ``functions/<name>/`` through the repository's own packages."""
    package = root / "functions" / name
    start = ["functions", f"functions.{name}"] + [
        f"functions.{name}.{p.stem}" for p in sorted(package.glob("*.py")) if p.stem != "__init__"
    ]
    seen: set[str] = set()
    third_party: set[str] = set()
    queue = list(start)
    stdlib = sys.stdlib_module_names
    while queue:
        module = queue.pop()
        if module in seen:
            continue
        path = _module_file(module, root)
        if path is None:
            continue  # a name imported from a module, not a submodule
        seen.add(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for imported in _imports(tree, module, path.name == "__init__.py"):
            top = imported.split(".")[0]
            if top in ("shared", "functions"):
                parts = imported.split(".")
                # every parent package runs its __init__ first
                queue.extend(".".join(parts[:i]) for i in range(1, len(parts) + 1))
            elif top == "zoneinfo" or (top and top not in stdlib and top != "__future__"):
                third_party.add(top)
    return Needs(modules=frozenset(seen), third_party=frozenset(third_party))


# --- the vendored distributions --------------------------------------------------------------


def _version(dist: str) -> str:
    """The version locked for the project (uv.lock, installed in the build's environment)."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        raise PackagingError(
            f"{dist} is not installed in this environment; run `uv sync` first"
        ) from None


def vendor_dir(dist: str, arch: Architecture, cache: Path = VENDOR) -> Path:
    return cache / arch / f"{dist}-{_version(dist)}"


def _installer() -> list[str]:
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    if Path(uv).is_file() or shutil.which(uv):
        return [uv, "pip", "install"]
    return [sys.executable, "-m", "pip", "install", "--disable-pip-version-check"]


def fill_vendor_cache(
    dists: Iterable[str], arch: Architecture, cache: Path = VENDOR
) -> dict[str, Path]:
    """Install each distribution's Lambda wheel into its own cached folder (once)."""
    folders: dict[str, Path] = {}
    for dist in sorted(set(dists)):
        target = vendor_dir(dist, arch, cache)
        if not (target / ".complete").is_file():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            command = _installer()
            if command[1] == "pip" and command[0] != sys.executable:  # uv
                platform = [
                    "--python-platform",
                    f"{PLATFORMS[arch].split('_', 1)[1]}-manylinux2014",
                ]
                command += [*platform, "--python-version", PYTHON_VERSION, "--quiet"]
            else:
                command += [
                    "--platform",
                    PLATFORMS[arch],
                    "--implementation",
                    "cp",
                    "--python-version",
                    PYTHON_VERSION,
                    "--quiet",
                ]
            command += [
                "--only-binary=:all:",
                "--no-deps",
                "--target",
                str(target),
                f"{dist}=={_version(dist)}",
            ]
            result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                shutil.rmtree(target, ignore_errors=True)
                raise PackagingError(f"installing {dist} for {arch} failed:\n{result.stderr}")
            (target / ".complete").write_text(_version(dist), encoding="utf-8")
        folders[dist] = target
    return folders


def _installed_files(dist: str) -> Iterator[tuple[Path, Path]]:
    """(source, relative destination) of a distribution's files in this environment."""
    distribution = importlib.metadata.distribution(dist)
    for file in distribution.files or ():
        relative = Path(str(file))
        if relative.parts[0].startswith("..") or relative.suffix in _SKIP_SUFFIXES:
            continue
        if "__pycache__" in relative.parts:
            continue
        source = Path(str(distribution.locate_file(file)))
        if source.is_file():
            yield source, relative


# --- assembling ------------------------------------------------------------------------------


def _copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(
        source,
        destination,
        dirs_exist_ok=True,
        ignore=lambda _d, names: [
            n for n in names if n in _SKIP_DIRS or n.endswith(_SKIP_SUFFIXES) or n == ".complete"
        ],
    )


def build_asset(
    name: str,
    *,
    mode: Mode,
    arch: Architecture = "arm64",
    out: Path = ASSETS,
    root: Path = ROOT,
    cache: Path = VENDOR,
) -> Path:
    """Build ``out/<name>/`` afresh and return it (the folder `Code.from_asset` zips)."""
    if mode not in MODES:
        raise PackagingError(f"unknown packaging mode {mode!r}; one of {', '.join(MODES)}")
    handler = root / "functions" / name / "handler.py"
    if mode == "vendor" and not handler.is_file():
        raise PackagingError(
            f"functions/{name}/handler.py does not exist yet: this asset cannot be deployed"
        )
    needs = function_needs(name, root)
    if needs.unknown:
        raise PackagingError(
            f"functions/{name} imports {', '.join(sorted(needs.unknown))}, which neither the "
            "Lambda runtime nor the Powertools layer provides and infra/packaging.py does not "
            "vendor: add it to VENDORED (and to pyproject's dependencies) or drop the import"
        )
    asset = out / name
    shutil.rmtree(asset, ignore_errors=True)
    asset.mkdir(parents=True)
    _copy_tree(root / "shared", asset / "shared")
    prune_unreached(asset, needs)
    (asset / "functions").mkdir()
    shutil.copy2(root / "functions" / "__init__.py", asset / "functions" / "__init__.py")
    if handler.parent.is_dir():
        _copy_tree(handler.parent, asset / "functions" / name)
    if mode == "vendor":
        for folder in fill_vendor_cache(needs.distributions, arch, cache).values():
            _copy_tree(folder, asset)
        shutil.rmtree(asset / "bin", ignore_errors=True)  # console scripts: never run there
    elif mode == "local":
        for dist in needs.distributions:
            for source, relative in _installed_files(dist):
                (asset / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, asset / relative)
    compile_templates(asset, needs)
    write_phone_regions(asset, needs)
    if mode == "vendor":
        compile_bytecode(asset)
    return asset


# The files of shared/data/ and the module that reads each: a file ships only with its reader
# (the thorough redaction's word lists are 4 MB; only the survey and the results read them).
DATA_READERS: dict[str, str] = {
    "names.txt": "shared.platform.redaction.names",
    "person_names.txt": "shared.platform.redaction.people",
    "swedish_words.txt": "shared.platform.redaction.lexicon",
    "english_words.txt": "shared.platform.redaction.lexicon",
    "name_model.crfsuite": "shared.platform.redaction.name_model",
}


def prune_unreached(asset: Path, needs: Needs) -> list[str]:
    """Remove from the asset's ``shared/`` every module and package the function's imports never
    reach (a package's data files go with it; data folders of a reached package stay): a
    function ships what it imports, not its siblings' stages or the operators' commands.
    Returns the removed modules."""
    removed: list[str] = []
    for path in sorted((asset / "shared").rglob("*"), key=lambda p: len(p.parts)):
        if not path.exists():
            continue  # inside a package removed above
        relative = path.relative_to(asset)
        if path.is_dir() and (path / "__init__.py").is_file():
            module = ".".join(relative.parts)
            if module not in needs.modules:
                shutil.rmtree(path)
                removed.append(module)
        elif path.suffix == ".py" and path.name != "__init__.py":
            module = ".".join(relative.with_suffix("").parts)
            if module not in needs.modules:
                path.unlink()
                removed.append(module)
    for data in sorted((asset / "shared" / "data").glob("*")):
        reader = DATA_READERS.get(data.name)
        if reader is None:
            raise PackagingError(f"shared/data/{data.name}: no reader in DATA_READERS")
        if reader not in needs.modules:
            data.unlink()
            removed.append(f"shared/data/{data.name}")
    return removed


def write_phone_regions(asset: Path, needs: Needs) -> bool:
    """phonenumbers' region codes as a file in the asset
    (``shared.core.tenants.PHONE_REGIONS_FILE``):
    validating a tenant's SMS countries then reads 2 kB instead of importing the library at a
    cold start. The build's phonenumbers is the one vendored (both from uv.lock)."""
    if "phonenumberslite" not in needs.distributions or not (asset / "shared").is_dir():
        return False
    import phonenumbers

    from shared.core import tenants

    target = asset / tenants.PHONE_REGIONS_FILE.relative_to(ROOT)
    if not target.parent.is_dir():  # the asset reads no tenant
        return False
    target.write_text(json.dumps(sorted(phonenumbers.SUPPORTED_REGIONS)), encoding="utf-8")
    return True


def compile_templates(asset: Path, needs: Needs) -> bool:
    """The survey's Jinja2 templates compiled to modules in the asset, so its first page
    imports them (with the bytecode below) instead of compiling them at a cold start. The
    build's Jinja2 is the one vendored (both from uv.lock), so the generated code matches."""
    source = asset / "shared" / "survey" / "templates"
    if "shared.survey.pages" not in needs.modules or not source.is_dir():
        return False
    from shared.survey import pages

    pages.compile_templates(asset / "shared" / "survey" / pages.COMPILED_TEMPLATES.name, source)
    return True


# --- bytecode --------------------------------------------------------------------------------

LAMBDA_PYTHON = "LAMBDA_PYTHON"  # env: an interpreter of the runtime's version, for bytecode


def runtime_python() -> str | None:
    """An interpreter whose bytecode the python3.12 runtime loads: ``$LAMBDA_PYTHON``, else
    ``python3.12`` on PATH, else None (this Debian 12 machine has none: TOOLCHAIN.md)."""
    explicit = os.environ.get(LAMBDA_PYTHON)
    candidate = explicit or shutil.which(f"python{PYTHON_VERSION}")
    if not candidate:
        return None
    probe = subprocess.run(  # noqa: S603
        [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    )
    version = probe.stdout.strip()
    if not explicit and (probe.returncode != 0 or version != PYTHON_VERSION):
        return None  # e.g. a pyenv shim on PATH with no such version installed behind it
    if probe.returncode != 0 or version != PYTHON_VERSION:
        raise PackagingError(
            f"{LAMBDA_PYTHON}={candidate} is Python {version or '?'}, not the runtime's "
            f"{PYTHON_VERSION}: its bytecode would be ignored in Lambda"
        )
    return candidate


def compile_bytecode(asset: Path, python: str | None = None) -> bool:
    """Compile the asset's modules with the runtime's Python, so a cold start compiles none
    (Lambda's package folder is read-only: bytecode missing there is made at every cold start).

    ``unchecked-hash`` pycs: valid whatever timestamps the zip gives the sources, never
    re-checked at import (the asset never changes in place). Returns False, leaving the asset
    without bytecode, when no such interpreter is available."""
    python = python or runtime_python()
    if python is None:
        return False
    done = subprocess.run(  # noqa: S603
        [
            python,
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "unchecked-hash",
            str(asset),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PackagingError(f"compiling {asset.name} failed:\n{done.stdout}{done.stderr}")
    return True


def has_bytecode(asset: Path) -> bool:
    return any(asset.rglob("*.pyc"))


def zip_asset(asset: Path) -> Path:
    """Zip a built asset the way the CDK does (deflated), to report its deployed size."""
    target = asset.with_suffix(".zip")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(asset.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(asset).as_posix())
    return target


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass(frozen=True)
class AssetReport:
    function: str
    packages: tuple[str, ...]
    unzipped_bytes: int
    zip_bytes: int
    bytecode: bool = False


def build_all(
    *, mode: Mode = "vendor", arch: Architecture = "arm64", out: Path = ASSETS
) -> list[AssetReport]:
    """Build and zip every function's asset; one row per function for the size report."""
    reports: list[AssetReport] = []
    for name in FUNCTIONS:
        if not (ROOT / "functions" / name / "handler.py").is_file():
            print(f"note: functions/{name}/handler.py does not exist yet; skipped", file=sys.stderr)
            continue
        asset = build_asset(name, mode=mode, arch=arch, out=out)
        archive = zip_asset(asset)
        reports.append(
            AssetReport(
                function=name,
                packages=function_needs(name).distributions if mode != "source" else (),
                unzipped_bytes=folder_size(asset),
                zip_bytes=archive.stat().st_size,
                bytecode=has_bytecode(asset),
            )
        )
    return reports


ZIP_TARGET_BYTES = 10_000_000  # quick deploys and cold starts; Lambda's own limit is 50 MB
UNZIPPED_TARGET_BYTES = 200_000_000  # leaves 50 MB for the Powertools layer within 250 MB


def bench() -> dict[str, object]:
    """Asset sizes in bench/'s result format (`bench/<name>.py` may simply re-export this)."""
    try:
        mode: Mode = "vendor"
        reports = build_all(mode=mode)
    except PackagingError:  # no network for the wheels: this machine's packages, same files
        mode = "local"
        reports = build_all(mode=mode)
    metrics: list[dict[str, object]] = []
    for r in reports:
        metrics.append(
            {
                "metric": f"{r.function} zip ({mode}, arm64)",
                "value": f"{r.zip_bytes / 1e6:.2f} MB",
                "target": f"< {ZIP_TARGET_BYTES / 1e6:.0f} MB",
                "ok": r.zip_bytes < ZIP_TARGET_BYTES,
            }
        )
        metrics.append(
            {
                "metric": f"{r.function} unzipped",
                "value": f"{r.unzipped_bytes / 1e6:.2f} MB",
                "target": f"< {UNZIPPED_TARGET_BYTES / 1e6:.0f} MB",
                "ok": r.unzipped_bytes < UNZIPPED_TARGET_BYTES,
            }
        )
    return {"name": "Lambda asset sizes", "metrics": metrics}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.packaging", description=__doc__)
    parser.add_argument("--mode", choices=MODES, default="vendor")
    parser.add_argument("--arch", choices=tuple(PLATFORMS), default="arm64")
    parser.add_argument("--json", action="store_true", help="print the size report as JSON")
    args = parser.parse_args(argv)
    try:
        reports = build_all(mode=args.mode, arch=args.arch)
    except PackagingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([asdict(r) for r in reports], indent=2))
        return 0
    print(f"Lambda assets ({args.mode}, {args.arch}) in {ASSETS.relative_to(ROOT)}/")
    print(f"{'function':<10} {'zip':>9} {'unzipped':>9}  bytecode  vendored")
    for r in reports:
        print(
            f"{r.function:<10} {r.zip_bytes / 1e6:>7.2f}MB {r.unzipped_bytes / 1e6:>7.2f}MB  "
            f"{'yes' if r.bytecode else 'no ':<8}  {', '.join(r.packages) or '-'}"
        )
    if args.mode == "vendor" and not any(r.bytecode for r in reports):
        print(
            f"note: no Python {PYTHON_VERSION} here (set {LAMBDA_PYTHON}): the assets carry no "
            "bytecode, so every cold start compiles them (bench/coldstart.py measures the cost)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
