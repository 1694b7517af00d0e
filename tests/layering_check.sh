#!/usr/bin/env bash
# Layering check: src/core may include only the C++ standard library, Eigen and other core headers.
# Prints one line per offending include and "layering: N passed, M failed" (one case per core file).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0
failed=0
for file in "$ROOT"/src/core/*.h "$ROOT"/src/core/*.cpp; do
  [ -e "$file" ] || continue
  # Allowed: <standard header> (no slash, no .h except C headers like <cmath>), <Eigen/...>, "core/...".
  bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include' "$file" |
        grep -vE '#[[:space:]]*include[[:space:]]*<[a-z_0-9]+>' |
        grep -vE '#[[:space:]]*include[[:space:]]*<Eigen/[A-Za-z]+>' |
        grep -vE '#[[:space:]]*include[[:space:]]*"core/[a-z_0-9]+\.h"')
  if [ -n "$bad" ]; then
    failed=$((failed + 1))
    printf '  FAIL  %s includes something outside the standard library, Eigen and src/core:\n%s\n' "${file#$ROOT/}" "$bad"
  else
    passed=$((passed + 1))
  fi
done
[ "$passed" -gt 0 ] || { echo "  FAIL  no core files found"; failed=$((failed + 1)); }
echo "layering: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
