"""Bug: a lab 03 chat server, a thread per member, whose send writes a line and its newline in
two calls with no lock per member. Two senders writing to the same member at the same moment
interleave: one's text and the other's newline mix, so lines merge and empty lines appear."""
import socket
import sys
import threading

WELCOME = b"Welcome to this chatroom!\n"
members = []
room = threading.Lock()


def send(member, line):
    member.sendall(line)  # the bug: two writes, and nothing stops another thread between them
    member.sendall(b"\n")


def serve_member(sock, address):
    prefix = f"[{address[0]}:{address[1]}] ".encode()
    try:
        sock.sendall(WELCOME)
        with room:
            members.append(sock)
        with sock.makefile("rb") as lines:
            for raw in lines:
                line = raw.rstrip(b"\n").removesuffix(b"\r")
                if not line:
                    continue
                with room:
                    others = [member for member in members if member is not sock]
                for member in others:
                    try:
                        send(member, prefix + line)
                    except OSError:
                        pass
    except OSError:
        pass
    finally:
        with room:
            if sock in members:
                members.remove(sock)
        sock.close()


def serve(port):
    with socket.create_server(("127.0.0.1", port), backlog=200) as listener:
        while True:
            sock, address = listener.accept()
            threading.Thread(target=serve_member, args=(sock, address), daemon=True).start()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
