#!/usr/bin/env bash
# The abuse soak's long form (part of ./parley bench): AbuseSoakTest with 10 minutes of abuse beside normal
# chat, against the fault suite's own stack (real processes). Prints its figures and appends them to
# docs/bench/soak.txt. Usage: reliability-tests/soak.sh [seconds of abuse, default 600]
# Every run has a second, equal round after the measurement; memory is checked after both.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_OF_ABUSE=${1:-600}
cd "$ROOT"
./mvnw --batch-mode --no-transfer-progress -q install -DskipTests -pl reliability-tests -am
rm -f reliability-tests/target/faults/figures.txt
./mvnw --batch-mode --no-transfer-progress test -pl reliability-tests -Dtest=AbuseSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dparley.soak.seconds="$SECONDS_OF_ABUSE" -Dparley.soak.baseline-seconds=60
mkdir -p docs/bench
{ echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, commit $(git rev-parse --short HEAD)"; cat reliability-tests/target/faults/figures.txt; echo; } \
  >> docs/bench/soak.txt
echo "soak: figures appended to docs/bench/soak.txt"
