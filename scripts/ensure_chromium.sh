#!/usr/bin/env bash
# Makes Debian's Chromium available to the slow tier's browser tests (driven by Playwright,
# which uses this browser instead of downloading its own). Installs it when missing and root.
set -euo pipefail

if command -v chromium >/dev/null; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "Chromium not found: the browser tests need it." >&2
	echo "Install it first, e.g. 'sudo apt-get install chromium', then re-run." >&2
	exit 1
fi
echo "==> Installing Chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
