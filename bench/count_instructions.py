#!/usr/bin/env python3
"""Executed wasm instructions of bench/{fib,loop,sieve}.wast (or of one fib(N): `fib N`), derived
from their loop structure (each instruction counts once per execution; `end`, `then` and `else`
markers do not count)."""
import math
import sys


def fib_calls(n):
    a, b = 0, 1  # fib(0), fib(1)
    for _ in range(n + 1):
        a, b = b, a + b
    leaves = a             # fib(n+1) calls with n < 2
    return leaves, leaves - 1


def fib(n):
    leaves, inner = fib_calls(n)
    return 5 * leaves + 13 * inner


def loop(n):
    return 12 * n + 1 + 1  # the loop body n times, `loop` once, the final local.get


def sieve(n):
    is_composite = bytearray(n)
    primes = 0
    count = 4 + 4 + 1  # prologue (const, set, block, loop); final check; final local.get
    root = math.isqrt(n)
    for i in range(2, n):
        count += 4 + 4 + 5  # loop check, if-test, increment and br
        if not is_composite[i]:
            primes += 1
            count += 10
            if i <= n // i:
                marks = len(range(i * i, n, i))
                is_composite[i * i:n:i] = b"\x01" * marks
                count += 6 + 12 * marks + 4
    assert primes == 664579 or n != 10_000_000
    return count


if __name__ == "__main__":
    which = sys.argv[1]
    if which == "fib" and len(sys.argv) > 2:  # one call of fib(N) (bench/run.sh, BENCH_QUICK)
        print(fib(int(sys.argv[2])))
    elif which == "fib":
        print(fib(30) + fib(35))
    elif which == "loop":
        print(loop(50_000_000))
    elif which == "sieve":
        print(sieve(10_000_000))
