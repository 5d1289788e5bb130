"""Hostile: starts, prints that it is ready, and never listens (stops by itself after 10 minutes)."""
import time

print("Server ready!", flush=True)
time.sleep(600)
