"""Bug: strips each typed line (Python's strip()) before sending it: spaces and tabs at its ends,
which are part of the message, are lost. Otherwise the correct lab 04 client."""
import os
import socket
import sys
import threading

PROMPT = b"Choose your nickname: "


def main(host, port, given):
    try:
        connection = socket.create_connection((host, port))
    except OSError as error:
        print(f"Could not connect to {host}:{port}: {error.strerror}", file=sys.stderr)
        sys.exit(1)
    incoming = connection.makefile("rb")
    keyboard = sys.stdin.buffer
    screen = sys.stdout.buffer
    ending = threading.Lock()

    def show(line):
        screen.write(line + b"\n")
        screen.flush()

    def send(line):
        connection.sendall(line + b"\n")

    def quit():
        if ending.acquire(blocking=False):
            try:
                send(b"!DISCONNECT")
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            os._exit(0)

    def server_closed():
        if ending.acquire(blocking=False):
            show(b"Disconnected from server.")
            os._exit(0)

    def next_line(stream):
        raw = stream.readline()
        return None if not raw else raw.rstrip(b"\n").removesuffix(b"\r")

    nick = given
    while True:
        line = next_line(incoming)
        if line is None:
            server_closed()
        elif line == b"NICK":
            if nick is None:
                screen.write(PROMPT)
                screen.flush()
                nick = next_line(keyboard)
                if nick is None or nick == b"/quit":
                    quit()
            send(nick)
        elif line.startswith(b"ERROR "):
            show(line)
            if given is not None:
                os._exit(1)
            nick = None
        else:
            show(line)
            break

    def print_incoming():
        try:
            while (line := next_line(incoming)) is not None:
                show(line)
        except OSError:
            pass
        server_closed()

    threading.Thread(target=print_incoming, daemon=True).start()
    while (typed := next_line(keyboard)) is not None and typed != b"/quit":
        send(typed.strip())  # the bug: "clean up" what the user typed
    quit()


if __name__ == "__main__":
    arguments = sys.argv[1:] + [""] * 3
    main(arguments[0], int(arguments[1]), os.fsencode(arguments[2]) or None)
