#!/usr/bin/env python3
"""Writes the fuzz regression reproducer escapes/declared-locals-25000x50000.wasm (issue 20, the
shape of fuzz seed 107's s107-i614064): 25,000 functions of type () -> (), each declaring 50,000
funcref locals in four bytes and doing nothing else, the first exported as "f" (200 KB, 1.25 billion
declared locals). Compile time grew with the declared locals before they became free.

    test-modules/scripts/declared-locals-module.py OUT.wasm
"""
import sys

def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

def section(id, content):
    return bytes([id]) + leb(len(content)) + content

FUNCS = 25_000
body = leb(1) + leb(50_000) + b"\x70" + b"\x0b"
wasm = b"\0asm\1\0\0\0"
wasm += section(1, leb(1) + b"\x60\x00\x00")
wasm += section(3, leb(FUNCS) + b"\x00" * FUNCS)
wasm += section(7, leb(1) + leb(1) + b"f" + b"\x00" + leb(0))
wasm += section(10, leb(FUNCS) + (leb(len(body)) + body) * FUNCS)
open(sys.argv[1], "wb").write(wasm)
