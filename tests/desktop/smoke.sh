#!/usr/bin/env bash
# Desktop smoke test: the native app renders under Xvfb and writes a non-blank PNG with --screenshot,
# and refuses a bad option with a message. Prints "desktop: N passed, M failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
APP="$BUILD/native/backprop_lab"
OUT="$BUILD/test-artifacts"
mkdir -p "$OUT"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $1"; }

run_app() { xvfb-run -a -s "-screen 0 1920x1080x24" "$APP" "$@"; }

# 1. A screenshot of the first window at 1280x720, checked for content (not one flat colour).
rm -f "$OUT/desktop-first-window.png"
if run_app --screenshot "$OUT/desktop-first-window.png" --frames 3 --size 1280x720 >/dev/null 2>"$OUT/desktop.log"; then
  if node "$ROOT/tests/desktop/check_png.mjs" "$OUT/desktop-first-window.png" 1280 720; then
    ok "desktop window renders a non-blank 1280x720 screenshot"
  else
    fail "desktop screenshot is blank or the wrong size"
  fi
else
  fail "desktop app failed to run: $(tail -3 "$OUT/desktop.log")"
fi

# 2. A bad option is refused in words with exit code 2, and no window is needed for that.
message=$("$APP" --size banana 2>&1 >/dev/null); code=$?
if [ "$code" -eq 2 ] && [[ "$message" == *"--size needs WIDTHxHEIGHT"* ]]; then
  ok "a bad --size is refused with a message"
else
  fail "a bad --size gave exit $code and '$message'"
fi

echo "desktop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
