#!/usr/bin/env bash
# Benchmark of the class grading (grader/README.md has the figures):
#   grader/bench-class.sh [STUDENTS] [grade-class options, e.g. --jobs 3 --labs lab01]
# Builds a synthetic class (grader/make-class.sh: solutions, starters and buggy fixtures,
# mixed) in grader/target/bench, grades it from scratch with grader/grade-class --force,
# and prints the wall time, the machine's load before and after (the machine may be
# shared), and where the time went (timing.txt of the run).
set -euo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
students=${1:-100}
shift || true
bench="$kit/grader/target/bench"
"$kit/grader/make-class.sh" "$bench/class" "$students"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Build once outside the measured run (a fresh clone downloads and compiles here).
mvn -q -f "$kit/pom.xml" -pl grader test-compile >/dev/null
# The machine's busy time (all CPU time but idle and I/O wait, from /proc/stat): getrusage
# charges only part of the work to the grader and its programs (the kernel's loopback TCP, and
# programs killed with their namespace, escape it), so this is the figure that says whether
# the cores were full.
busy() { awk '/^cpu /{printf "%.1f", ($2+$3+$4+$7+$8+$9) / 100}' /proc/stat 2>/dev/null; }
busy_before=$(busy)
start=$(date +%s%N)
# CPU seconds (the grading JVM and every program it started) tell what the run costs apart
# from what others do on a shared machine: on an idle machine, wall time >= CPU / cores.
cpu="$bench/cpu.txt"
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -o "$cpu" -f '%U %S'); fi
"${timer[@]}" "$kit/grader/grade-class" "$bench/class" --out "$bench/grades" --force "$@" | tee "$bench/run.log" \
  | grep -E '^(Grading|Done|[0-9]+/[0-9]+ graded)' | awk 'NR % 10 == 1 || /Done/'
millis=$(( ($(date +%s%N) - start) / 1000000 ))
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'wall time of grader/grade-class (Maven build check included): %.1f s\n' "$(awk "BEGIN{print $millis/1000}")"
if [ -s "$cpu" ]; then
  awk -v cores="$(nproc)" '{printf "CPU time: %.0f s user + %.0f s system = %.0f s, at least %.0f s of wall time on %d idle cores\n", $1, $2, $1+$2, ($1+$2)/cores, cores}' "$cpu"
fi
if [ -n "$busy_before" ]; then
  awk -v a="$busy_before" -v b="$(busy)" -v ms="$millis" -v cores="$(nproc)" 'BEGIN {
    printf "machine busy (/proc/stat, everything running): %.0f core-s, %.0f %% of %d cores over the wall time\n",
      b - a, 100 * (b - a) / (cores * ms / 1000), cores }'
fi
cat "$bench/grades/timing.txt"
