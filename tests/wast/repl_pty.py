#!/usr/bin/env python3
"""repl_pty.py WASMREF MODULE.wat: `wasmref repl` under a pseudo-terminal, typed at key by key.

Checks the prompt, line editing (a typo fixed with left-arrow and backspace), recalling a line
with up-arrow, a command spanning two lines (the continuation prompt), and Ctrl-D ending the
session. Exits 1 with the terminal's transcript on the first failure.
"""
import os
import pty
import select
import sys
import time

wasmref, module = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(wasmref, [wasmref, "repl", module])

transcript = b""


def read_some(end, marker):
    global transcript
    left = end - time.time()
    if left <= 0 or not select.select([fd], [], [], left)[0]:
        sys.exit(f"FAIL: no {marker!r} in:\n{transcript.decode(errors='replace')}")
    try:
        transcript += os.read(fd, 4096)
    except OSError:
        sys.exit(f"FAIL: the repl ended early:\n{transcript.decode(errors='replace')}")


def read_until(marker, after=b"", timeout=20.0):
    """Reads until `marker` appears (after the last `after`, when given)."""
    end = time.time() + timeout
    while marker not in transcript[transcript.rfind(after) if after else 0 :]:
        read_some(end, marker)


def typed(keys):
    os.write(fd, keys.encode())


read_until(b"wasm> ")
# A typo: `(invoke "add" (i32.const 2) (i32.const 3))` with `3` typed as `8`, fixed by moving
# left over `)` and replacing the digit; Enter anywhere in the line submits all of it.
typed('(invoke "add" (i32.const 2) (i32.const 8))')
typed("\x1b[D\x1b[D\x7f3\r")
read_until(b"wasm> ", after=b"i32.const 5")  # the next prompt
typed("\x1b[A\x1b[D\x1b[D\x7f4\r")  # the same line again, recalled, now with 4
read_until(b"wasm> ", after=b"i32.const 6")
typed('(invoke "add"\r')
read_until(b"  ... ")
typed("(i32.const 40) (i32.const 2))\r")
read_until(b"wasm> ", after=b"i32.const 42")
typed("\x04")  # Ctrl-D on an empty line: end of input
_, status = os.waitpid(pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"FAIL: exit status {status}:\n{transcript.decode(errors='replace')}")
print("repl under a terminal: ok")
