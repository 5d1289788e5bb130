#!/bin/sh
# Hostile: lab 01's echo server after a fork bomb. It forks sleeping children until the
# system refuses one (the shell then stops with "Cannot fork"), kills them all, and serves
# correctly. Only a process cap stops the bomb, and the grader must fail it all the same
# ("more than N processes"). It refuses to run without a cap: never run it by hand.
# Usage: fork_bomb.sh PORT
dir=${TMPDIR:-/tmp}
case "$(cat /proc/self/cgroup) $(grep 'Max processes' /proc/self/limits)" in
  *socketlab-grader*|*"Max processes"*" "[0-9][0-9][0-9]" "*|*"Max processes"*" "[0-9][0-9][0-9][0-9]" "*) ;;
  *) echo "fork_bomb.sh: no process cap here, so no bomb" >&2; exit 2 ;;
esac
setsid sh -c 'echo $$ > "$0/bomb.pgid"; while :; do sleep 600 & done' "$dir"
read -r pgid < "$dir/bomb.pgid"
kill -KILL -"$pgid"
exec python3 "$(dirname "$0")/../lab01/echo_server.py" "$1"
