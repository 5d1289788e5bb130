"""Bug: does not catch the error of a refused connection: Python prints a traceback."""
import socket
import sys


def main(host, port):
    connection = socket.create_connection((host, port))
    with connection, connection.makefile("rb") as replies:
        for line in sys.stdin.buffer:
            connection.sendall(line.rstrip(b"\n") + b"\n")
            reply = replies.readline()
            if not reply:
                sys.exit("The server closed the connection.")
            sys.stdout.buffer.write(reply.rstrip(b"\n").removesuffix(b"\r") + b"\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
