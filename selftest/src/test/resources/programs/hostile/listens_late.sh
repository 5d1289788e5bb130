#!/bin/sh
# A correct echo server that takes several seconds before it listens (a slow start-up).
sleep 4
exec python3 "$(dirname "$0")/../lab01/echo_server.py" "$1"
