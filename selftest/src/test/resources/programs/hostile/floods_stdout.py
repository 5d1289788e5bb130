"""A correct echo server that first writes 300 MB of logging to stdout, then logs every line."""
import runpy
import sys

chunk = b"debug: " + b"x" * 1017 + b"\n"
for _ in range(300 * 1024):
    sys.stdout.buffer.write(chunk)
sys.stdout.flush()
sys.argv = ["echo_server.py", sys.argv[1]]
runpy.run_path(__file__.replace("hostile/floods_stdout.py", "lab01/echo_server.py"), run_name="__main__")
