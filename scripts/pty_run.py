#!/usr/bin/env python3
"""Runs a command with its stdout on a pseudo-terminal of a given width and prints what it wrote.

Usage: pty_run.py COLUMNS [NAME=VALUE ...] -- COMMAND [ARG ...]

For the terminal tests (tests/cli/terminal_width_test.cpp): the command sees a terminal (isatty)
whose window size (TIOCGWINSZ) is 24 rows by COLUMNS; $COLUMNS is removed from its environment so
that the window size is what it reads, and NAME=VALUE pairs are added. Exits with the command's
status, or 77 when no pseudo-terminal can be opened (the test then skips).
"""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios


def main():
    args = sys.argv[1:]
    split = args.index("--")
    columns, settings, command = int(args[0]), args[1:split], args[split + 1:]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    for s in settings:
        name, value = s.split("=", 1)
        env[name] = value
    try:
        master, slave = pty.openpty()
    except OSError as e:
        print(f"no pseudo-terminal: {e}", file=sys.stderr)
        return 77
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    # No "\n" -> "\r\n" translation: what the command wrote, byte for byte.
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=slave, env=env)
    os.close(slave)
    out = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal's last writer
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    status = child.wait()
    sys.stdout.buffer.write(bytes(out))
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
