#!/usr/bin/env bash
# Run the whole test suite (`npm test`) on another Node.js major (default 26, the newest release
# line), with the Node binary the npm registry ships as a package (scripts/with-node.sh).
# Usage: scripts/test-on-node.sh [major]
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-node.sh "${1:-26}" npm test
