"""Bug: a lab 01 echo server with no loop around accept(): it serves one client, then returns
from main with status 0. Its first client is the grader's check that it listens."""
import socket
import sys


def serve(port):
    with socket.create_server(("127.0.0.1", port)) as listener:
        client, _ = listener.accept()
        with client, client.makefile("rb") as lines:
            for line in lines:
                client.sendall(line.rstrip(b"\n").removesuffix(b"\r") + b"\n")


if __name__ == "__main__":
    serve(int(sys.argv[1]))
