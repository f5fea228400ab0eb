#!/usr/bin/env bash
# Makes PostgreSQL server binaries (initdb, pg_ctl) available to the slow tests, which start a
# throwaway cluster of their own. Installs Debian's package when they are missing and we are root.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
	found=yes
else
	found=no
fi

if [ "$found" = no ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "PostgreSQL server binaries (initdb, pg_ctl) not found." >&2
		echo "Install them first, e.g. 'sudo apt-get install postgresql', then re-run." >&2
		exit 1
	fi
	echo "==> Installing PostgreSQL server binaries with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# PostgreSQL refuses to run as root: the tests start it as the `postgres` user.
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
	useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
