#!/bin/sh
# Hostile: fails at once, explaining why on stderr.
echo "fatal: cannot open config file server.conf" >&2
exit 3
