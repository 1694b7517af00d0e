#!/usr/bin/env bash
# Runs every test suite (called by ./build.sh test after the native and web builds) and ends
# with one line "N passed, N failed" counting test cases over all suites.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
total_passed=0
total_failed=0
suites_failed=()

# Adds the counts of a suite from its output: doctest's "test cases: N | N passed | M failed" or our
# own "<suite>: N passed, M failed".
count_suite() {
  local name="$1" log="$2" code="$3" line passed failed
  line=$(grep -E '^\[doctest\] test cases:' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    passed=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")
    failed=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")
  else
    line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
    passed=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
    failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  fi
  # A suite that crashed before printing its summary counts as one failure.
  if [ -z "$line" ]; then passed=0; failed=1; fi
  if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  [ "$failed" -eq 0 ] || suites_failed+=("$name")
  printf -- '--- %s: %s passed, %s failed\n' "$name" "$passed" "$failed"
}

run_suite() {
  local name="$1"; shift
  local log="$BUILD/test-artifacts/$name.log"
  printf '\n=== %s\n' "$name"
  "$@" >"$log" 2>&1
  local code=$?
  # Show failures in full, successes in brief.
  if [ "$code" -ne 0 ]; then cat "$log"; else tail -n 3 "$log"; fi
  count_suite "$name" "$log" "$code"
}

mkdir -p "$BUILD/test-artifacts"
CHECKSUM_FILE="$BUILD/test-artifacts/determinism-checksum.txt"
rm -f "$CHECKSUM_FILE"

run_suite layering python3 "$ROOT/tests/layering_check.py" --self-test
# The lesson text (docs/content.md): files, parts, links, the course's order, no prose left in C++.
run_suite content python3 "$ROOT/tests/content_check.py" --self-test
# The native run writes the determinism checksum; the wasm run must compute the same one.
run_suite native-core "$BUILD/native/core_tests" --no-colors=true --checksum-file="$CHECKSUM_FILE"
run_suite wasm-core node --no-experimental-fetch "$BUILD/wasm/core_tests.js" --no-colors=true --checksum-file="$CHECKSUM_FILE"
# The app's logic without drawing (src/app/session, api, link, io): the same tests natively and as wasm.
run_suite native-app "$BUILD/native/app_tests" --no-colors=true
run_suite wasm-app node --no-experimental-fetch "$BUILD/wasm/app_tests.js" --no-colors=true
# Scenario files through the command-line checker: the shipped ones, and 300 and more bad ones.
run_suite scenarios python3 "$ROOT/tests/scenarios/run.py" "$BUILD"
run_suite desktop "$ROOT/tests/desktop/smoke.sh" "$BUILD"
run_suite browser node "$ROOT/tests/browser/run.mjs" "$BUILD"
run_suite firefox xvfb-run -a -s '-screen 0 1280x800x24' node "$ROOT/tests/firefox/run.mjs" "$BUILD"

echo
if [ "${#suites_failed[@]}" -gt 0 ]; then echo "Failed suites: ${suites_failed[*]}"; fi
echo "Screenshots and logs: $BUILD/test-artifacts/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
