#!/usr/bin/env python3
"""bench/wasm3_run.py WASM3 SCRIPT.json: runs the invocations of a wast2json script under wasm3.

Each `assert_return` of an `invoke` becomes one `WASM3 --func NAME MODULE.wasm ARGS` process;
its printed result must equal the expected one. Prints the CPU seconds (user + system) of all
of them together, or fails with the first mismatch. Used by bench/run.sh when WASM3 is set.
"""
import json
import os
import subprocess
import sys


def main():
    wasm3, script = sys.argv[1], sys.argv[2]
    folder = os.path.dirname(os.path.abspath(script))
    with open(script) as f:
        commands = json.load(f)["commands"]
    module = None
    total = 0.0
    for command in commands:
        if command["type"] == "module":
            module = os.path.join(folder, command["filename"])
            continue
        if command["type"] != "assert_return" or command["action"]["type"] != "invoke":
            continue
        action = command["action"]
        args = [a["value"] for a in action["args"]]
        expected = " ".join(v["value"] for v in command["expected"])
        proc = subprocess.Popen([wasm3, "--func", action["field"], module, *args],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        total += usage.ru_utime + usage.ru_stime
        if status != 0 or f"Result: {expected}" not in out:
            sys.exit(f"wasm3 {action['field']} {args}: expected {expected}, got: {out.strip()}")
    print(f"{total:.3f}")


if __name__ == "__main__":
    main()
