#!/bin/sh
# A correct echo server that ignores SIGTERM and starts a child that ignores it too (and would
# live for 10 minutes). The child writes its pid to the file given as second argument, so the
# kit's test can check it is gone after the graded test.
trap '' TERM
sh -c 'trap "" TERM; echo $$ > "$1"; exec sleep 600' child "$2" &
exec python3 "$(dirname "$0")/../lab01/echo_server.py" "$1"
