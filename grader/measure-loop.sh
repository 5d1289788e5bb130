#!/usr/bin/env bash
# Measures the student's loop (grader/README.md, "The student's loop"):
#   grader/measure-loop.sh [RUNS] [KIT...]
# For each KIT folder (default: this checkout; give an older export of the kit to compare),
# in turn, RUNS times (default 3; 0 measures only the line counts): the wall time of `mvn -pl grader test -Dgroups=lab01
# -Dgrader.target=solutions`, and once, the line count of the console of two runs of lab 01
# against the solutions, except a server with one bug: SkipsEmptyLinesServer (fails one test)
# and NoFlushServer (forgets flush(): fails most server tests). The fixtures are compiled from
# selftest/ with javac (each extends a base class, so the JDK 17 single-file launcher cannot
# run them). Runs alternate between the kits so that they share the machine's load, which is
# printed with each figure.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-3}
shift || true
kits=("$@")
[ ${#kits[@]} -eq 0 ] && kits=("$here")
fixtures=$(mktemp -d)
javac -d "$fixtures" "$here"/selftest/src/test/java/fixtures/lab01/*.java || exit 1
load() { cut -d' ' -f1 /proc/loadavg; }

for kit in "${kits[@]}"; do
  (cd "$kit" && mvn -q -o -pl grader test-compile >/dev/null 2>&1) || echo "warm-up failed in $kit"
done
declare -A total
for i in $(seq "$runs"); do
  for kit in "${kits[@]}"; do
    before=$(load)
    start=$(date +%s%N)
    (cd "$kit" && mvn -o -pl grader test -Dgroups=lab01 -Dgrader.target=solutions >/tmp/measure-loop.log 2>&1)
    status=$?
    millis=$(( ($(date +%s%N) - start) / 1000000 ))
    total[$kit]=$(( ${total[$kit]:-0} + millis ))
    printf 'lab01 run %d  %-40s %6.1f s  exit %d  load %s\n' "$i" "$kit" "$(awk "BEGIN{print $millis/1000}")" \
      "$status" "$before"
  done
done
for kit in "${kits[@]}"; do
  [ "$runs" -gt 0 ] || break
  printf 'lab01 mean  %-40s %6.1f s over %d runs\n' "$kit" "$(awk "BEGIN{print ${total[$kit]}/$runs/1000}")" "$runs"
done
for fixture in SkipsEmptyLinesServer NoFlushServer; do
  for kit in "${kits[@]}"; do
    (cd "$kit" && mvn -o -pl grader test -Dgroups=lab01 -Dgrader.target=solutions \
      -Dgrader.lab01.server="java -cp $fixtures fixtures.lab01.$fixture {port}" >/tmp/measure-loop-$fixture.log 2>&1)
    status=$?
    printf 'lines  %-22s %-40s %5d lines  exit %d  (score table at line %s)\n' "$fixture" "$kit" \
      "$(wc -l </tmp/measure-loop-$fixture.log)" "$status" \
      "$(grep -n '^Score$' /tmp/measure-loop-$fixture.log | head -1 | cut -d: -f1)"
    cp /tmp/measure-loop-$fixture.log "/tmp/measure-loop-$fixture-$(basename "$kit").log"
  done
done
rm -rf "$fixtures"
