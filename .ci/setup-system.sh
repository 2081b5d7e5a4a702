#!/usr/bin/env bash
# System tools the tests need beyond iproute2 and python3, from Debian packages when missing and this runs as
# root: nftables, with which the router's generated script forwards the management UI (the overlay harness), the
# shell script linter that checks every generated script, and cloud-init, whose own code reads the hosts' user
# data in the tests (MIME parts, cloud-config schema, final-stage modules); nothing here runs it as a service.
# Elsewhere it only says what is missing (the tests that need them then skip, saying why).
set -euo pipefail
missing=()
command -v nft >/dev/null 2>&1 || missing+=(nftables)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v cloud-init >/dev/null 2>&1 || missing+=(cloud-init)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: ${missing[*]} missing and cannot be installed here; the tests that need them will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt_install() { apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; }
apt_install || { apt-get update -q >/dev/null && apt_install; }
command -v nft shellcheck cloud-init
