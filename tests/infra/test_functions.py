"""Every function's runtime, layer, tracing, logs, limits and settings environment."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from infra import powertools
from infra.packaging import FUNCTIONS
from shared.platform import resources, settings
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")

POWERTOOLS_ENV = {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL"}

# The settings each function's environment must carry: keys imported, never retyped.
EXPECTED_ENV: dict[str, set[str]] = {
    "ingest": {settings.TENANTS_TABLE, settings.FILES_TABLE, settings.CONTACTS_TABLE,
               settings.COUNTERS_TABLE, settings.DATA_BUCKET, settings.REPORT_SENDER},
    "dispatch": {settings.TENANTS_TABLE, settings.CONTACTS_TABLE, settings.INVITATIONS_TABLE,
                 settings.COUNTERS_TABLE, settings.TOTALS_TABLE, settings.SURVEY_BASE_URL,
                 settings.SES_CONFIGURATION_SET, settings.NO_REPEAT_KEY_PREFIX,
                 settings.RELEASES_TABLE},
    "purge": {settings.TENANTS_TABLE, settings.CONTACTS_TABLE, settings.NO_REPEAT_KEY_PREFIX,
              # the reconciliation of invitations left in `sending`
              settings.INVITATIONS_TABLE, settings.COUNTERS_TABLE, settings.TOTALS_TABLE},
    "survey": {settings.TENANTS_TABLE, settings.INVITATIONS_TABLE, settings.RESPONSES_TABLE,
               settings.TOTALS_TABLE, settings.COMMENTS_TABLE,
               # "kontakta mig": the request and its daily cap's counter
               settings.CONTACT_REQUESTS_TABLE, settings.COUNTERS_TABLE},
    "results": {settings.TENANTS_TABLE, settings.TOTALS_TABLE, settings.RELEASES_TABLE,
                settings.COMMENTS_TABLE, settings.ANALYTICS_BUCKET, settings.RELEASE_CADENCE},
    "watch": {settings.TENANTS_TABLE, settings.FILES_TABLE, settings.UPLOAD_SILENCE_WORKING_DAYS,
              # the daily "kontakta mig" digest, from the upload reports' address
              settings.CONTACT_REQUESTS_TABLE, settings.REPORT_SENDER},
    "canary": {settings.SURVEY_BASE_URL},  # a resident's way in, nothing else
}  # fmt: skip

# The settings model each function reads (those not written yet are skipped below).
SETTINGS_MODELS = {
    "ingest": "IngestSettings",
    "dispatch": "DispatchSettings",
    "purge": "PurgeSettings",
    "survey": "SurveySettings",
    "results": "ResultsSettings",
    "watch": "WatchSettings",
    "canary": "CanarySettings",
}


def _env(synth: Synth, name: str) -> dict[str, Any]:
    return synth.function(name)[1]["Environment"]["Variables"]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_shape(synth: Synth, name: str) -> None:
    _, fn = synth.function(name)
    assert fn["Runtime"] == "python3.12"
    assert fn["Architectures"] == ["arm64"]
    assert fn["TracingConfig"] == {"Mode": "Active"}
    # the Powertools layer is pinned by its ARN (no SSM lookup that can go missing)
    (layer,) = fn["Layers"]
    separator, parts = layer["Fn::Join"]
    arn = separator.join("aws" if p == {"Ref": "AWS::Partition"} else p for p in parts)
    assert arn == powertools.layer_arn("eu-north-1", "arm64")
    assert not any("powertools" in p.lower() for p in synth.template_json.get("Parameters", {}))
    assert fn["Timeout"] <= 900
    assert fn["MemorySize"] >= 256


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_logs_to_its_own_group_with_a_retention(synth: Synth, name: str) -> None:
    _, fn = synth.function(name)
    group = fn["LoggingConfig"]["LogGroup"]["Ref"]
    assert synth.resources[group]["Properties"]["RetentionInDays"] == 30


@pytest.mark.parametrize("name", FUNCTIONS)
def test_environment_keys_are_the_settings_constants(synth: Synth, name: str) -> None:
    env = _env(synth, name)
    assert set(env) == EXPECTED_ENV[name] | POWERTOOLS_ENV
    assert env["POWERTOOLS_METRICS_NAMESPACE"] == "Servicematning"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_environment_satisfies_the_functions_settings_model(synth: Synth, name: str) -> None:
    model: type[BaseModel] | None = getattr(settings, SETTINGS_MODELS[name], None)
    if model is None:
        pytest.skip(f"shared.platform.settings.{SETTINGS_MODELS[name]} does not exist yet")
    required = {
        field.validation_alias
        for field in model.model_fields.values()
        if field.is_required() and isinstance(field.validation_alias, str)
    }
    missing = required - set(_env(synth, name))
    assert not missing, f"{name} would fail at start: its environment lacks {sorted(missing)}"


def test_table_and_bucket_env_values_name_the_stacks_resources(synth: Synth) -> None:
    env = _env(synth, "ingest")
    contacts = synth.logical_id("StorageContacts", "AWS::DynamoDB::Table")
    data = synth.logical_id(f"Storage{resources.DATA.id}", "AWS::S3::Bucket")
    assert env[settings.CONTACTS_TABLE] == {"Ref": contacts}
    assert env[settings.DATA_BUCKET] == {"Ref": data}


def test_dispatch_links_to_the_custom_domain(synth: Synth) -> None:
    env = _env(synth, "dispatch")
    assert env[settings.SURVEY_BASE_URL] == "https://enkat.example.se"
    # the deployed values pass the function's own validation (the link fits an SMS); names
    # resolved only at deploy time stand in as "deployed-name"
    settings.DispatchSettings.from_env(
        {k: v if isinstance(v, str) else "deployed-name" for k, v in env.items()}
    )


def test_ingest_has_memory_and_time_for_a_200000_row_file(synth: Synth) -> None:
    _, fn = synth.function("ingest")
    assert fn["MemorySize"] >= 512
    assert fn["Timeout"] >= 180


def test_scheduled_functions_never_overlap(synth: Synth) -> None:
    for name in ("dispatch", "purge", "results"):
        _, fn = synth.function(name)
        assert fn["ReservedConcurrentExecutions"] == 1
    _, dispatch = synth.function("dispatch")
    assert dispatch["Timeout"] < 5 * 60  # shorter than the schedule's period
    # the release lease outlives the results function: a run is dead before another can take
    # its lease, so no two runs ever store releases at once (shared/results/service.py)
    from shared.results.service import LEASE_SECONDS

    _, results = synth.function("results")
    assert results["Timeout"] < LEASE_SECONDS


def test_the_powertools_layer_is_the_version_uv_lock_pins() -> None:
    """The functions run the Powertools and pydantic the tests ran: the pinned layer's versions
    are uv.lock's."""
    import re

    from tests.conftest import ROOT

    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    for name, pinned in (
        ("aws-lambda-powertools", powertools.VERSION),
        ("pydantic", powertools.PYDANTIC),
    ):
        match = re.search(rf'name = "{name}"\nversion = "([^"]+)"', lock)
        assert match, f"{name} is not in uv.lock"
        assert match.group(1) == pinned, f"uv.lock has {name} {match.group(1)}, the layer {pinned}"
    assert powertools.layer_arn("eu-north-1", "arm64") == (
        "arn:aws:lambda:eu-north-1:017000801446:layer:"
        f"AWSLambdaPowertoolsPythonV3-python312-arm64:{powertools.LAYER_VERSION}"
    )
