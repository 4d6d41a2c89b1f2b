# The README's commands. Every target sets up what it needs itself, on a machine with only
# Python 3.11, Node and apt: uv comes from PyPI into .tools/ when it is not on PATH.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export PYTHONDONTWRITEBYTECODE := 1

TOOLS := .tools
UV := $(or $(shell command -v uv 2>/dev/null),$(TOOLS)/bin/uv)
RUN := $(UV) run --frozen
ARGS ?=

.PHONY: help setup lint typecheck test bench browser-deps demo screenshots fuzz
help:
	@echo "make demo    run the whole flow locally on the moto server (ARGS=--once to exit)"
	@echo "make test    install what is needed, lint, type-check, build the Lambda assets, run every test"
	@echo "make bench   run the benchmarks (bench/) and write bench/results.md (ARGS='--full privacy')"
	@echo "make faults load and fault tests on loopback; prints what held (ARGS=--residents N)"
	@echo "make privacy a DP audit: each attack's TPR at FPR 1 %, ε lower bound vs the budget's (ARGS=--targets N)"
	@echo "make cost    a municipality's yearly AWS bill from measured usage -> bench/cost.md (ARGS=--days N)"
	@echo "make fuzz    the file reader's and the survey request parser's fuzz targets, long (EXAMPLES=N)"
	@echo "make bootstrap ACCOUNT=...   CDK bootstrap of the account (docs/deploy.md, step 3)"
	@echo "make deploy STACKS='...' ARGS='...'   build the assets, then cdk deploy (docs/deploy.md)"

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv

setup: $(if $(filter $(TOOLS)/bin/uv,$(UV)),$(TOOLS)/bin/uv)
	$(UV) sync --frozen --quiet

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

typecheck: setup
	$(RUN) mypy

test: lint typecheck browser-deps build
	$(RUN) pytest -q -n 2 --dist loadgroup

bench: setup
	$(RUN) python -m bench $(ARGS)

# The whole flow on this machine: moto server on loopback, survey on http://127.0.0.1:8000.
demo: setup
	$(RUN) python -m local.demo $(ARGS)

# The README's pictures, taken by the project's own headless Chromium from a demo run.
screenshots: setup browser-deps
	$(RUN) python -m local.screenshots

# The browser tests' Chromium (Debian's: Playwright cannot download its own here) and
# axe-core (npm ci from package-lock.json), each installed only when missing.
browser-deps:
	./scripts/browser-deps.sh

# The Lambda assets, without Docker: Lambda-platform wheels (arm64, CPython 3.12) vendored once
# into build/vendor/, each function's folder in build/lambda/<name>/ and its zip; prints sizes.
# `cdk synth`/`cdk deploy` reuse the same cache (docs/deploy.md).
.PHONY: build
build: setup
	UV=$(UV) $(RUN) python -m infra.packaging --mode vendor --arch arm64

# Load and fault tests of the real handlers on this machine (moto and the survey server on
# 127.0.0.1 only): concurrent residents, SNS/SES and DynamoDB faults, a bad file in a batch,
# one client flooding the survey while residents answer.
# Stops by itself; prints a table of what was tried and what held, exits 1 if anything did not.
.PHONY: faults
faults: setup
	$(RUN) python -m local.faults $(ARGS)

# A differential-privacy audit of the releases (issue 20): every attack simulated over 10,000
# targets on the pure core, the participation attacks also end to end through the real handlers
# and the real calendar on loopback; per attack its TPR at FPR <= 1 %, an empirical epsilon
# lower bound and the analytic bound of the budget (docs/privacy-attacks.md). About 10 minutes.
# Stops by itself; prints the table, exits 1 if any attack beat its bound.
.PHONY: privacy
privacy: setup
	$(RUN) python -m local.privacy $(ARGS)

# What it costs (issue 16): the real flow on the emulator for a few municipality-days, every AWS
# request counted, priced from bench/cost/prices-eu-north-1.toml; writes bench/cost.md and the
# table in README.md and docs/deploy.md. A few minutes.
.PHONY: cost
cost: setup
	$(RUN) python -m bench.cost $(ARGS)

# The fuzz targets of issue 22 (tests/fuzz/): the contact file reader (CSV, UTF-16, .xlsx;
# seeded from samples/ and the crash inputs) and the survey's request parser. `make test` runs
# them briefly (40 examples each); this runs EXAMPLES per target (default 20000, ~1 h on two
# cores). A failure is kept in .hypothesis/ and replayed first; make it a regression test.
fuzz: setup
	FUZZ_EXAMPLES=$(or $(EXAMPLES),20000) $(RUN) pytest -q -n 2 -p no:cacheprovider tests/fuzz
# Deploying (docs/deploy.md): each target sets up what it needs on a fresh clone (the project's
# environment, the Lambda assets, the pinned CDK CLI and Node 22 from package-lock.json), then
# runs the CDK CLI with node_modules/.bin first on PATH, so the CLI and the app's jsii run on
# that Node and cdk.json's app runs the project's .venv. CDK_FLAGS: extra flags for the CLI
# (the tests pass --require-approval never).
REGION ?= eu-north-1
EDGE_REGION := us-east-1
STACKS ?= Servicematning
CDK_FLAGS ?=
CDK := PATH="$(CURDIR)/node_modules/.bin:$$PATH" npx --no-install cdk

node_modules/.bin/cdk node_modules/.bin/node: package.json package-lock.json
	npm ci --silent
	@touch node_modules/.bin/cdk node_modules/.bin/node

.PHONY: cli bootstrap deploy
cli: setup node_modules/.bin/cdk node_modules/.bin/node

bootstrap: cli
	@test -n "$(ACCOUNT)" || { echo "usage: make bootstrap ACCOUNT=123456789012"; exit 2; }
	$(CDK) bootstrap aws://$(ACCOUNT)/$(REGION) aws://$(ACCOUNT)/$(EDGE_REGION) $(CDK_FLAGS)

deploy: cli build
	$(CDK) deploy $(STACKS) $(ARGS) $(CDK_FLAGS)
