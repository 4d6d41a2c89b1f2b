"""cdk-nag (AwsSolutions) and cfn-lint on the synthesised stack."""

from __future__ import annotations

import json

import pytest

from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")


def test_cdk_nag_reports_no_unacknowledged_finding(synth: Synth) -> None:
    from cdk_nag import AwsSolutionsChecks

    report = AwsSolutionsChecks().validate_scope(synth.app)
    findings = [
        f"{v.rule_name} at {[r.construct_path for r in v.violating_resources]}"
        for v in report.violations
    ]
    assert findings == []
    assert report.success
    # and the synthesis itself (which runs the same plugin) reported no failure
    written = json.loads((synth.outdir / "cdk.out" / "validation-report.json").read_text())
    assert all(r["conclusion"] == "success" for r in written["pluginReports"])


def test_cdk_nag_catches_what_it_should() -> None:
    """A control: an unacknowledged open bucket is reported, so the zero above means something."""
    from aws_cdk import App, Stack
    from aws_cdk import aws_s3 as s3
    from cdk_nag import AwsSolutionsChecks

    app = App()
    s3.Bucket(Stack(app, "Control"), "Plain")
    report = AwsSolutionsChecks().validate_scope(app)
    assert any(v.rule_name == "AwsSolutions-S1" for v in report.violations)


def test_every_acknowledgement_has_a_specific_reason(synth: Synth) -> None:
    from aws_cdk import Validations

    key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    acknowledged = [
        (construct.node.path, entry.data)
        for construct in synth.app.node.find_all()
        for entry in construct.node.metadata
        if entry.type == key
    ]
    assert acknowledged, "the stack acknowledges findings; the metadata must be readable"
    for path, rules in acknowledged:
        # never on the app or the stack as a whole: each on the resource it concerns
        assert path.count("/") >= 1, (path, rules)
        for rule, reason in rules.items():
            if "AwsSolutions-" not in rule:
                continue  # CDK's own acknowledgements of its cfn-lint quirks
            if "IAM5" in rule:
                assert "[" in rule, f"{path}: IAM5 must be acknowledged per finding"
            assert len(reason) >= 40, (path, rule, reason)


def test_cfn_lint_is_clean_but_for_cdk_dependson_warnings(synth: Synth) -> None:
    from cfnlint.api import ManualArgs, lint

    matches = lint(
        json.dumps(synth.template_json),
        config=ManualArgs(regions=["eu-north-1"], ignore_checks=["W3005"]),
    )
    assert [f"{m.rule.id} {m.message} ({m.path})" for m in matches] == []
