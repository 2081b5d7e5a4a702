#!/usr/bin/env bash
# Creates the project-local virtualenv with the pinned Python tools platformc drives:
# cfn-lint (the template oracle) and moto in server mode (the local CloudFormation endpoint).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
