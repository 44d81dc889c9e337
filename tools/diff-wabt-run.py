#!/usr/bin/env python3
"""Differential run of generated modules: wasmref against wabt's wasm-interp.

Usage: tools/diff-wabt-run.py WASMREF [COUNT=200] [FIRST_SEED=0]

For each seed, `wasmref smith --wabt --runnable --no-imports --export-all` writes a module;
`wasm-interp --run-all-exports` runs its exported functions without parameters, in order, on one
instance; wasmref runs the same invocations from a script with `run --print-outcomes`. The
outcomes are compared: integers exactly, floats as wasm-interp prints them (%f), references by
null-ness, traps and exhaustion by kind (the engines word their messages differently; stack
depth limits differ, so exhaustion on either side skips the rest of that module). Prints each
difference and a summary; exit status 1 if any.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

FLAGS = ["--enable-exceptions", "--enable-threads", "--enable-tail-call", "--enable-memory64",
         "--enable-multi-memory", "--enable-extended-const", "--enable-relaxed-simd"]


def wabt_value(text):
    kind, _, value = text.strip().partition(":")
    if kind.startswith("v128"):
        return ("v128", text.split(None, 1)[1].replace("i32x4:", "").split())
    if kind in ("i32", "i64"):
        return (kind, int(value))
    if kind in ("f32", "f64"):
        return (kind, "nan" if "nan" in value else value)
    return ("ref", value == "0")  # funcref:0 / externref:0 is null


def ref_value(text):
    kind, _, bits = text.partition(":")
    if kind in ("i32", "i64"):
        return (kind, int(bits, 16))
    if kind in ("f32", "f64"):
        n = int(bits, 16)
        x = struct.unpack("<f", struct.pack("<I", n))[0] if kind == "f32" else \
            struct.unpack("<d", struct.pack("<Q", n))[0]
        return (kind, "nan" if x != x else "%f" % x)
    if kind == "v128":
        n = int(bits, 16)
        return ("v128", ["0x%08x" % ((n >> (32 * i)) & 0xffffffff) for i in range(4)])
    return ("ref", text == "ref.null")


def outcome_kind(text):
    if "exhausted" in text:
        return "exhaustion"
    return "trap"


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, None


def compare(wasmref, seed, tmp):
    wasm = os.path.join(tmp, "m.wasm")
    subprocess.run([wasmref, "smith", "--seed", str(seed), "--wabt", "--runnable", "--no-imports",
                    "--export-all", "-o", wasm], check=True)
    out, err = run(["wasm-interp"] + FLAGS + ["--run-all-exports", wasm], 3)
    if out is None:
        return "skipped (wasm-interp timed out)", []
    calls = []  # (name, outcome) where outcome is ("values", [...]) or (kind,)
    for line in (out + err).splitlines():
        m = re.match(r"^(\w+)\(\) => (.*)$", line)
        if not m:
            continue
        name, rest = m.groups()
        if "not implemented" in rest:  # wasm-interp 1.0.32 lacks some instructions
            return "skipped (wasm-interp: %s)" % rest, []
        if rest.startswith("error:"):
            calls.append((name, (outcome_kind(rest),)))
        else:
            calls.append((name, ("values", [wabt_value(v) for v in rest.split(", ")] if rest else [])))
    init_error = "error initializing module" in (out + err)
    if not calls and "error" in (out + err) and not init_error:
        return "skipped (wasm-interp: %s)" % (out + err).strip().splitlines()[-1], []
    data = open(wasm, "rb").read()
    script = os.path.join(tmp, "m.wast")
    with open(script, "w") as f:
        f.write('(module binary "%s")\n' % "".join("\\%02x" % b for b in data))
        for name, _ in calls:
            f.write('(invoke "%s")\n' % name)
    out, _ = run([wasmref, "run", "--print-outcomes", "--fuel", "100000000", script], 60)
    if out is None:
        return "skipped (wasmref timed out)", []
    lines = out.splitlines()
    diffs = []
    if init_error:  # the start function or a segment trapped: wasmref must trap too
        if not lines or not re.search(r": module: (trap|exhaustion|exception) ", lines[0]):
            return None, ["instantiation: wasm-interp traps, wasmref %s" % (lines[:1] or "nothing")]
        return None, []
    if not lines or not lines[0].endswith(": ok"):
        return None, ["module: wasmref says %s" % (lines[0] if lines else "nothing")]
    for (name, want), line in zip(calls, lines[1:]):
        got_text = line.split(": ", 2)[2]
        if got_text.startswith("values"):
            got = ("values", [ref_value(v) for v in got_text.split()[1:]])
        else:
            got = (outcome_kind(got_text),)
        if "exhaustion" in (want[0], got[0]):
            break  # different depth and fuel limits: the rest of the instance's state may differ
        if got != want:
            diffs.append("%s: wasm-interp %s, wasmref %s" % (name, want, got))
    return None, diffs


def main():
    wasmref = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    same = different = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first, first + count):
            skip, diffs = compare(wasmref, seed, tmp)
            if skip:
                skipped += 1
            elif diffs:
                different += 1
                for d in diffs:
                    print("seed %d: %s" % (seed, d))
            else:
                same += 1
    print("%d modules: %d agree, %d differ, %d skipped" % (count, same, different, skipped))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
