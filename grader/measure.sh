#!/usr/bin/env bash
# Measures a full grading of the reference solutions, the way an instructor runs it:
#   grader/measure.sh [RUNS] [extra Maven options, e.g. -Dgroups=lab03]
# Prints the wall time of each `mvn -pl grader test` run (Maven's start and the grader's
# compile included; dependency downloads excluded by a warm-up run first), then where the
# time of the last run went: per test class and the slowest tests, from Surefire's reports.
# A run that fails is reported and counted; the script exits 1 if any did.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true

echo "warm-up (downloads and compiles the grader; not measured)..."
mvn -q -pl grader test-compile "$@" >/dev/null || { echo "the grader does not build"; exit 1; }

failed=0
total=0
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  if mvn -q -pl grader test -Dgrader.target=solutions "$@" >/tmp/grader-measure.log 2>&1; then
    status=ok
  else
    failed=$((failed + 1))
    cp /tmp/grader-measure.log "/tmp/grader-measure-failed-$i.log"
    status="FAILED (log: /tmp/grader-measure-failed-$i.log)"
  fi
  millis=$(( ($(date +%s%N) - start) / 1000000 ))
  total=$((total + millis))
  printf 'run %2d: %6.1f s  %s\n' "$i" "$(awk "BEGIN{print $millis/1000}")" "$status"
done
printf 'mean:   %6.1f s over %d runs, %d failed (log of the last run: /tmp/grader-measure.log)\n' \
  "$(awk "BEGIN{print $total/$runs/1000}")" "$runs" "$failed"

echo
echo "time per test class (last run):"
for report in grader/target/surefire-reports/TEST-*.xml; do
  sed -n 's/.*<testsuite[^>]* name="\([^"]*\)"[^>]* time="\([^"]*\)".*/  \2 s  \1/p' "$report" | head -1
done | sort -rn -k1
echo
echo "slowest tests (last run):"
grep -ho '<testcase name="[^"]*" classname="[^"]*" time="[^"]*"' grader/target/surefire-reports/TEST-*.xml \
  | sed 's/<testcase name="\([^"]*\)" classname="[^"]*" time="\([^"]*\)"/  \2 s  \1/' \
  | sort -rn -k1 | head -10
[ "$failed" -eq 0 ]
