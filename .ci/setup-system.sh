#!/usr/bin/env bash
# System tools the overlay harness needs beyond iproute2 and python3: nftables, with which the router's generated
# script forwards the management UI. Installed from Debian packages when missing and this runs as root; elsewhere
# it only says what is missing (the harness then reports itself skipped, saying why).
set -euo pipefail
if command -v nft >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: nft (nftables) is missing and cannot be installed here; the overlay harness will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q nftables >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q nftables >/dev/null; }
command -v nft
