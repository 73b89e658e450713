#!/usr/bin/env bash
# Installs the PyPI SCIM conformance suite (scim2-tester, run through scim2-cli) into a venv
# of its own, once, and prints the path of its `scim2` command on stdout.
#
#   SCIM2="$(bash tests/js/node/scim2-setup.sh)"; "$SCIM2" --url BASE test
set -euo pipefail
VERSION=0.6.0
VENV="${USERSYNC_SCIM2_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/usersync/scim2-cli-$VERSION}"
if [ ! -x "$VENV/bin/scim2" ]; then
  echo "scim2-setup: installing scim2-cli $VERSION into $VENV" >&2
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "scim2-cli==$VERSION" >&2
fi
echo "$VENV/bin/scim2"
