"""Bug: a lab 04 chat server, correct but for one thing: it strip()s every line it reads
(nicknames and chat alike), so the spaces and tabs around a chat line are lost.
"""
import asyncio
import re
import sys

NICKNAME = re.compile(rb"[A-Za-z0-9_-]{1,16}")
MAX_WAITING = 1 << 20


class Member:
    def __init__(self, writer):
        self.writer = writer
        self.nick = None
        self.joined = False

    def send(self, line):
        if self.writer.is_closing():
            return
        if self.writer.transport.get_write_buffer_size() > MAX_WAITING:
            self.writer.transport.abort()  # it stopped reading long ago; its own task then leaves
            return
        self.writer.write(line + b"\n")


members = {}  # lower-cased nickname -> Member


def broadcast(sender, line):
    for member in list(members.values()):
        if member is not sender and member.joined:
            member.send(line)


async def read_line(reader):
    """The next line without its \\n and one \\r; a last line without \\n too; None at the end."""
    try:
        line = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as end:
        line = end.partial
        if not line:
            return None
    return line.strip()  # the bug: strip() takes the spaces and tabs around the text too


async def serve_client(reader, writer):
    member = Member(writer)
    try:
        while True:
            member.send(b"NICK")
            nick = await read_line(reader)
            if nick is None or nick == b"!DISCONNECT":
                return
            if not NICKNAME.fullmatch(nick):
                member.send(b"ERROR invalid nickname: use 1 to 16 of A-Z a-z 0-9 _ -")
            elif nick.lower() in members:
                member.send(b"ERROR nickname already taken: " + nick)
            else:
                members[nick.lower()] = member
                member.nick = nick
                break
        try:
            member.send(b"Connected to server!")
            member.joined = True
            broadcast(member, nick + b" joined!")
            while (line := await read_line(reader)) is not None and line != b"!DISCONNECT":
                if line:
                    broadcast(member, nick + b": " + line)
        finally:
            if members.get(nick.lower()) is member:
                del members[nick.lower()]
                broadcast(member, nick + b" left!")
    except (ConnectionError, asyncio.LimitOverrunError) as error:
        print("client failed:", error, file=sys.stderr)
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve_client, "127.0.0.1", port, limit=1 << 16, backlog=200)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
