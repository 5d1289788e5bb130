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
    except socket.timeout:
        break
