"""Deploy-time choices read from CDK context (`cdk deploy -c key=value`)."""

from __future__ import annotations

import pytest

from infra.stack import DEFAULT_REGION, StackOptions

pytestmark = pytest.mark.xdist_group("cdk")


def _options(**context: str) -> StackOptions:
    from aws_cdk import App

    return StackOptions.from_context(App(context=context))


def test_defaults_are_stockholm_arm64_and_real_wheels() -> None:
    options = _options()
    assert options.region == DEFAULT_REGION == "eu-north-1"
    assert options.architecture == "arm64"
    assert options.packaging == "vendor"
    assert options.ses_domains == ()
    assert options.survey_domain is None


def test_domain_list_tolerates_spaces_and_empty_items() -> None:
    options = _options(sesDomains=" danderyd.se, ,stockholm.se ", surveyDomain=" ")
    assert options.ses_domains == ("danderyd.se", "stockholm.se")
    assert options.survey_domain is None


@pytest.mark.parametrize(("key", "value"), [("packaging", "docker"), ("architecture", "arm")])
def test_unknown_choices_are_refused_by_name(key: str, value: str) -> None:
    with pytest.raises(ValueError, match=key):
        _options(**{key: value})
