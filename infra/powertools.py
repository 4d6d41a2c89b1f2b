"""The Powertools layer every function runs on, pinned by ARN, and what it ships.

Pinned by its ARN, never through SSM: AWS's public parameters
``/aws/service/powertools/python/<arch>/python3.12/<version>`` have gone missing for past
releases, and a deploy that cannot resolve its layer fails (or, with ``/latest``, silently runs
a Powertools the tests never ran). ``uv.lock`` locks the same Powertools and pydantic
(tests/infra/test_layer_combination.py fails when they drift, and imports every function's
asset with exactly these versions and an older runtime boto3).

Updating (docs/deploy.md, "Updating the Powertools layer"):

1. ``uv add 'aws-lambda-powertools[tracer]==X.Y.Z'`` (pyproject and uv.lock);
2. the new layer's number: ``aws ssm get-parameter --name
   /aws/service/powertools/python/arm64/python3.12/X.Y.Z --query Parameter.Value`` (while
   that parameter exists) or the Powertools documentation's layer table for that release, and
   ``aws lambda get-layer-version-by-arn --arn <ARN>`` to read its Description (it names the
   version) and download it (``Content.Location``) to read the pydantic it ships;
3. set ``VERSION``, ``LAYER_VERSION`` and ``PYDANTIC`` below, run the tests, deploy, and run
   ``servicematning preflight``: its ``powertools-layer`` check reads the deployed functions'
   layer and fails unless its description names ``VERSION``.
"""

from __future__ import annotations

PUBLISHER = "017000801446"  # AWS's Powertools account
VERSION = "3.37.0"
# The layer's number for VERSION (both architectures get the same number). Not confirmable on
# this offline machine: preflight's powertools-layer check verifies it on the account.
LAYER_VERSION = 38
PYDANTIC = "2.14.3"  # the pydantic the layer ships beside Powertools (uv.lock locks the same)
# A runtime's boto3 older than uv.lock's: the python3.12 runtime's own SDK lags PyPI's (its
# version depends on the runtime release and region); the functions must import and run on it.
RUNTIME_BOTO3 = "1.40.4"


def layer_name(arch: str) -> str:
    return f"AWSLambdaPowertoolsPythonV3-python312-{arch}"


def layer_arn(region: str, arch: str, partition: str = "aws") -> str:
    return f"arn:{partition}:lambda:{region}:{PUBLISHER}:layer:{layer_name(arch)}:{LAYER_VERSION}"
