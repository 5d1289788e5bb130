"""Hostile: a lab 01 echo server that, before it listens, keeps allocating 256 MiB blocks
and never frees one (the bug of a server that stores every line it ever received, sped up).
Only a memory limit stops it: with one, malloc fails and it dies of MemoryError; without one
it grows without end. The blocks are never touched, so the test costs no real memory, yet
the limit counts them. Usage: hoards_memory.py PORT
"""
import ctypes
import sys

libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
held = 0
while True:
    if not libc.malloc(256 << 20):
        raise MemoryError(f"malloc failed while holding {held} MiB")
    held += 256
    print("holding", held, "MiB", file=sys.stderr, flush=True)
