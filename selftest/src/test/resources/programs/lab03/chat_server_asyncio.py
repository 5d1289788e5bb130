"""A correct lab 03 chat server in Python asyncio: one thread, every member at once, and the
extra credit. Writing to a member never blocks (asyncio buffers it); a sender waits for a
member only while more than 1 MiB is waiting for it, and at most 1 s: then that member has
stopped reading, and is disconnected."""
import asyncio
import sys

WELCOME = b"Welcome to this chatroom!\n"
MAX_WAITING = 1 << 20
STALL_SECONDS = 1.0

members = set()


async def broadcast(sender, address, line):
    message = b"[" + address + b"] " + line + b"\n"
    full = []
    for member in list(members):
        if member is not sender and not member.is_closing():
            member.write(message)
            if member.transport.get_write_buffer_size() > MAX_WAITING:
                full.append(member)
    for member in full:
        try:
            await asyncio.wait_for(member.drain(), STALL_SECONDS)
        except (asyncio.TimeoutError, ConnectionError):
            members.discard(member)
            member.transport.abort()


async def serve_member(reader, writer):
    host, port = writer.get_extra_info("peername")[:2]
    address = f"{host}:{port}".encode()
    writer.transport.set_write_buffer_limits(high=MAX_WAITING)
    writer.write(WELCOME)
    members.add(writer)
    try:
        while line := await reader.readline():
            line = line.removesuffix(b"\n").removesuffix(b"\r")
            if line:
                await broadcast(writer, address, line)
    except (ConnectionError, ValueError) as error:
        print("member", address.decode(), "failed:", error, file=sys.stderr)
    finally:
        members.discard(writer)
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve_member, "127.0.0.1", port, limit=1 << 20, backlog=200)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
