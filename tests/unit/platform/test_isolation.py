"""The boundary every per-municipality step runs behind (shared/platform/isolation.py)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from shared.platform import isolation


class PanicException(BaseException):
    pass


def _emf(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if '"_aws"' in line]


def test_a_base_exception_is_recorded_and_swallowed(capsys: pytest.CaptureFixture[str]) -> None:
    with isolation.municipality("draw", "1980") as boundary:
        raise PanicException("cell +46701234567 at anna@example.org")
    failure = boundary.failure
    assert failure is not None
    assert (failure.stage, failure.kommunkod, failure.error, failure.code) == (
        "draw",
        "1980",
        "PanicException",
        "",
    )
    assert failure.where[-1].startswith("tests/unit/platform/test_isolation.py:")
    (metric,) = _emf(capsys.readouterr().out)
    assert metric["MunicipalityFailed"] == [1.0]
    assert metric["stage"] == "draw"
    assert "kommunkod" not in metric


def test_an_aws_error_is_recorded_by_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    error = ClientError({"Error": {"Code": "ThrottlingException", "Message": "x"}}, "Scan")
    with isolation.municipality("dispatch", "0180") as boundary:
        raise error
    assert boundary.failure is not None
    assert boundary.failure.code == "ThrottlingException"


def test_a_block_that_completes_records_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with isolation.municipality("watch", "1980") as boundary:
        pass
    assert not boundary.failed
    assert _emf(capsys.readouterr().out) == []


@pytest.mark.parametrize("fatal", [KeyboardInterrupt, SystemExit, GeneratorExit])
def test_what_asks_the_process_to_stop_is_never_swallowed(fatal: type[BaseException]) -> None:
    with pytest.raises(fatal), isolation.municipality("draw", "1980"):
        raise fatal()
