"""Bug: removes the newline of each typed line with line[:-1], so a last line that ends with
Ctrl-D (no newline) loses its last character."""
import socket
import sys


def main(host, port):
    try:
        connection = socket.create_connection((host, port))
    except OSError as error:
        print(f"Could not connect to {host}:{port}: {error.strerror}", file=sys.stderr)
        sys.exit(1)
    with connection, connection.makefile("rb") as replies:
        for line in sys.stdin.buffer:
            connection.sendall(line[:-1] + b"\n")
            reply = replies.readline()
            if not reply:
                print("The server closed the connection.", file=sys.stderr)
                sys.exit(1)
            sys.stdout.buffer.write(reply.rstrip(b"\n").removesuffix(b"\r") + b"\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
