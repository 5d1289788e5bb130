"""Bug: a lab 01 echo server that strip()s each line, taking the spaces and tabs around the
text with the newline. Everything else is right."""
import socket
import sys


def serve(port):
    with socket.create_server(("127.0.0.1", port)) as listener:
        while True:
            client, _ = listener.accept()
            with client, client.makefile("rb") as lines:
                try:
                    for line in lines:
                        client.sendall(line.strip() + b"\n")
                except OSError as error:
                    print("client failed:", error, file=sys.stderr)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
