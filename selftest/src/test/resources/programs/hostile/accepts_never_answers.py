"""Hostile: accepts every connection, reads nothing, answers nothing (stops by itself after 10 minutes)."""
import socket
import sys
import time

listener = socket.create_server(("127.0.0.1", int(sys.argv[1])))
listener.settimeout(600)
held = []
deadline = time.monotonic() + 600
while time.monotonic() < deadline:
    try:
        held.append(listener.accept()[0])
        if len(sys.argv) > 2:  # tells a test that the grader is now talking to it
            with open(sys.argv[2], "a") as marker:
                marker.write("accepted\n")
    except socket.timeout:
        break
