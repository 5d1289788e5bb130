#!/bin/sh
# Hostile: ignores SIGTERM, starts a child that ignores it too, then accepts connections and
# never answers. Writes its own pid and its child's to the files given as 2nd and 3rd
# arguments, and a line to the 4th file each time it accepts a connection.
trap '' TERM
echo $$ > "$2"
sh -c 'trap "" TERM; echo $$ > "$1"; exec sleep 600' child "$3" &
exec python3 "$(dirname "$0")/accepts_never_answers.py" "$1" "$4"
