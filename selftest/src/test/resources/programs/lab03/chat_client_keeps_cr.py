"""Bug: removes only the \n of each line from the server, so a line ended by \r\n is printed
with its \r (a stray carriage return on the terminal)."""
import os
import socket
import sys
import threading

leaving = threading.Event()


def print_incoming(connection):
    try:
        with connection.makefile("rb") as lines:
            for line in lines:
                sys.stdout.buffer.write(line.rstrip(b"\n") + b"\n")
                sys.stdout.flush()
    except OSError:
        pass
    if not leaving.is_set():
        print("Disconnected from server.", flush=True)
        os._exit(0)


def main(host, port):
    try:
        connection = socket.create_connection((host, port))
    except OSError as error:
        print(f"Could not connect to {host}:{port}: {error.strerror}", file=sys.stderr)
        sys.exit(1)
    threading.Thread(target=print_incoming, args=(connection,), daemon=True).start()
    for line in sys.stdin.buffer:
        connection.sendall(line.rstrip(b"\n") + b"\n")
    leaving.set()
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
