"""Bug: a lab 01 echo server on non-blocking sockets and a selector that sends each reply with
one sock.send() and ignores how much it sent. While the client reads promptly every send goes
through whole; once replies pile up, the end of some replies is silently lost."""
import selectors
import socket
import sys

selector = selectors.DefaultSelector()


def accept(listener):
    client, _ = listener.accept()
    client.setblocking(False)
    selector.register(client, selectors.EVENT_READ, bytearray())


def serve_client(client, pending):
    try:
        data = client.recv(65536)
    except (BlockingIOError, InterruptedError):
        return
    except OSError:
        data = b""
    if not data:
        if pending:
            send_once(client, bytes(pending).removesuffix(b"\r") + b"\n")
        selector.unregister(client)
        client.close()
        return
    pending.extend(data)
    while (end := pending.find(b"\n")) >= 0:
        line = bytes(pending[:end]).removesuffix(b"\r")
        del pending[:end + 1]
        send_once(client, line + b"\n")


def send_once(client, reply):
    try:
        client.send(reply)  # the bug: what send() did not take is dropped
    except (BlockingIOError, InterruptedError):
        pass
    except OSError:
        pass


def serve(port):
    listener = socket.create_server(("127.0.0.1", port))
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ, None)
    while True:
        for key, _ in selector.select():
            if key.data is None:
                accept(key.fileobj)
            else:
                serve_client(key.fileobj, key.data)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
