"""Hostile: a lab 01 echo server that, before it listens, keeps allocating 64 MiB buffers
and never frees one (the bug of a server that stores every line it ever received, sped up).
Only a memory limit stops it: with one it dies of MemoryError, without one it grows without end.
The buffers are left untouched, so the test costs no real memory, yet the limit counts them.
Usage: hoards_memory.py PORT
"""
import sys

hoard = []
while True:
    hoard.append(bytearray(64 << 20))
    print("holding", len(hoard) * 64, "MiB", file=sys.stderr, flush=True)
