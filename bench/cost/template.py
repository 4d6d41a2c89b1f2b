"""What the synthesized stacks configure that the bill depends on: each function's memory and
architecture, the schedules, and the resources with a monthly fee (alarms, dashboards, WAF web
ACLs and rules, KMS keys). Read from the templates ``infra.app.build_app`` synthesizes (the
same app `cdk deploy` deploys, with the edge stack), never from a copy of the numbers.

    python -m bench.cost.template      # prints the summary as JSON (a fresh process: CDK is big)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = {
    "packaging": "source",  # the repository's code only: no wheels needed to read the template
    "region": "eu-north-1",
    "surveyDomain": "enkat.example.se",
    "surveyCertificateArn": "arn:aws:acm:eu-north-1:111111111111:certificate/cost",
    "surveyEdgeCertificateArn": "arn:aws:acm:us-east-1:111111111111:certificate/cost",
    "sesDomains": "vasteras.se",
    "alarmEmail": "drift@example.se",
}
_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_PER_DAY = {"minute": 1440, "hour": 24, "day": 1}


def runs_per_day(expression: str) -> float:
    """How often an EventBridge schedule expression fires in a day."""
    found = _RATE.fullmatch(expression)
    if found:
        return _PER_DAY[found.group(2).rstrip("s")] / int(found.group(1))
    if expression.startswith("cron("):
        minute, hour = expression[5:-1].split()[:2]
        hours = 24 if hour == "*" else len(hour.split(","))
        minutes = 60 if minute == "*" else len(minute.split(","))
        return float(hours * minutes)
    raise ValueError(f"an unknown schedule expression: {expression}")


def _function_name(handler: str) -> str:
    return handler.split(".")[1]  # functions.<name>.handler.handler


def summarize(templates: dict[str, dict[str, Any]]) -> dict[str, Any]:
    functions: dict[str, dict[str, Any]] = {}
    by_logical: dict[str, str] = {}
    counts: dict[str, int] = {}
    schedules: dict[str, float] = {}
    rules_in_acls = 0
    api_types: list[str] = []
    retention: dict[str, int] = {}
    for resources in (t.get("Resources", {}) for t in templates.values()):
        for logical, res in resources.items():
            kind, props = res["Type"], res.get("Properties", {})
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "AWS::Lambda::Function" and str(props.get("Handler", "")).startswith(
                "functions."
            ):
                name = _function_name(props["Handler"])
                functions[name] = {
                    "memory_mb": int(props.get("MemorySize", 128)),
                    "architecture": (props.get("Architectures") or ["x86_64"])[0],
                    "timeout_s": int(props.get("Timeout", 3)),
                    "tracing": (props.get("TracingConfig") or {}).get("Mode", "PassThrough"),
                }
                by_logical[logical] = name
            elif kind == "AWS::WAFv2::WebACL":
                rules_in_acls += len(props.get("Rules", []))
            elif kind == "AWS::ApiGatewayV2::Api":
                api_types.append(str(props.get("ProtocolType")))
            elif kind == "AWS::ApiGateway::RestApi":
                api_types.append("REST")
            elif kind == "AWS::Logs::LogGroup":
                retention[logical] = int(props.get("RetentionInDays", 0))
    for resources in (t.get("Resources", {}) for t in templates.values()):
        for res in resources.values():
            props = res.get("Properties", {})
            if res["Type"] == "AWS::Events::Rule" and "ScheduleExpression" in props:
                for target in props.get("Targets", []):
                    arn = target.get("Arn", {})
                    logical = arn.get("Fn::GetAtt", [None])[0] if isinstance(arn, dict) else None
                    if logical in by_logical:
                        schedules[by_logical[logical]] = schedules.get(
                            by_logical[logical], 0.0
                        ) + runs_per_day(props["ScheduleExpression"])
    return {
        "functions": functions,
        "schedules_per_day": schedules,
        "alarms": counts.get("AWS::CloudWatch::Alarm", 0),
        "dashboards": counts.get("AWS::CloudWatch::Dashboard", 0),
        "web_acls": counts.get("AWS::WAFv2::WebACL", 0),
        "waf_rules": rules_in_acls,
        "kms_keys": counts.get("AWS::KMS::Key", 0),
        "queues": counts.get("AWS::SQS::Queue", 0),
        "tables": counts.get("AWS::DynamoDB::GlobalTable", 0)
        + counts.get("AWS::DynamoDB::Table", 0),
        "api_types": api_types,
        "distributions": counts.get("AWS::CloudFront::Distribution", 0),
        "log_retention_days": sorted(set(retention.values())),
        "stacks": sorted(templates),
    }


def synthesize() -> dict[str, Any]:
    from infra.app import build_app

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        app, _ = build_app(CONTEXT | {"assetDir": str(out / "assets")}, outdir=str(out / "cdk"))
        assembly = app.synth()
        templates = {s.stack_name: json.loads(json.dumps(s.template)) for s in assembly.stacks}
    return summarize(templates)


def in_a_fresh_process() -> dict[str, Any]:
    env = dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20")
    done = subprocess.run(
        [sys.executable, "-m", "bench.cost.template"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


if __name__ == "__main__":
    print(json.dumps(synthesize()))
