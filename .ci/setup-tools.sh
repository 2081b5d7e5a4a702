#!/usr/bin/env bash
# Go-built linters the tests use as oracles, pinned, installed into .tools/bin (ignored by git): actionlint checks
# the CI workflows (the project's own and the one `platformc init` writes). Needs Go and the Go module proxy;
# without Go it only says so, and those tests skip (or fail where CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONLINT_VERSION=v1.7.12
if [ -x .tools/bin/actionlint ] && .tools/bin/actionlint -version 2>/dev/null | head -1 | grep -qx "${ACTIONLINT_VERSION}"; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup-tools: go is missing, so actionlint cannot be installed; the workflow tests will skip" >&2
  exit 0
fi
mkdir -p .tools/bin
GOBIN="$PWD/.tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
.tools/bin/actionlint -version | head -1
