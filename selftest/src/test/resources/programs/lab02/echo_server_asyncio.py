"""A correct lab 02 echo server in Python asyncio: one thread, every client at once."""
import asyncio
import sys


async def serve_client(reader, writer):
    try:
        while line := await reader.readuntil(b"\n") if not reader.at_eof() else b"":
            writer.write(line.rstrip(b"\n").removesuffix(b"\r") + b"\n")
            await writer.drain()
    except asyncio.IncompleteReadError as last:
        if last.partial:
            writer.write(last.partial.removesuffix(b"\r") + b"\n")
            await writer.drain()
    except (ConnectionError, asyncio.LimitOverrunError) as error:
        print("client failed:", error, file=sys.stderr)
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve_client, "127.0.0.1", port, limit=1 << 20)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
