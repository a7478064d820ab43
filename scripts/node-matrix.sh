#!/usr/bin/env bash
# Runs the golden value-stability tests (properties/rng.golden.test.ts, properties/golden.trajectories.test.ts)
# under the local Node (20) and under Node 22 and 24 (fetched by `npx -y node@N`). The tests compare every value
# with hard-coded IEEE-754 bit patterns, so "passed" on all three means that all three produce the same bits.
# A Node version that cannot be fetched or cannot start vitest is recorded as such (not as a pass).
# Usage: bash scripts/node-matrix.sh   (npm run golden:node)
set -u
cd "$(dirname "$0")/.."
FILES=(properties/rng.golden.test.ts properties/golden.trajectories.test.ts)
VITEST=node_modules/vitest/vitest.mjs
status=0
summary=()

run_one() {
  local label="$1"; shift
  local log
  log="$(mktemp)"
  echo "=== $label: $* $VITEST run ${FILES[*]}"
  "$@" "$VITEST" run "${FILES[@]}" >"$log" 2>&1
  local rc=$?
  # the lines that say what happened (vitest's summary, or why it did not start)
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'Test Files|Tests |FAIL|Error|error' | grep -v 'npm warn' | head -20
  local version
  version="$("$@" --version 2>/dev/null | tail -1)"
  if [ $rc -eq 0 ]; then
    summary+=("$label ($version): passed — same bits as the constants")
  elif grep -qE 'Test Files|Tests ' "$log"; then
    summary+=("$label ($version): FAILED — vitest ran, some golden values differ (exit $rc)")
    status=1
  else
    summary+=("$label: did not start vitest (exit $rc); see above")
    status=1
  fi
  rm -f "$log"
}

run_one "node (local)" node
run_one "node@22" npx -y node@22
run_one "node@24" npx -y node@24

echo "=== summary"
for line in "${summary[@]}"; do echo "$line"; done
exit $status
