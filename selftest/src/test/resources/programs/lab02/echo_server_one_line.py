"""Bug: a lab 02 echo server, a thread per client, whose handler answers one line and then
closes the connection (it reads with one readline() instead of looping until the end)."""
import socket
import sys
import threading


def serve_client(client):
    with client, client.makefile("rb") as lines:
        line = lines.readline()  # the bug: one line, not a loop until the client is done
        if line:
            client.sendall(line.rstrip(b"\n").removesuffix(b"\r") + b"\n")


def serve(port):
    with socket.create_server(("127.0.0.1", port), backlog=200) as listener:
        while True:
            client, _ = listener.accept()
            threading.Thread(target=serve_client, args=(client,), daemon=True).start()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
