#!/usr/bin/env python3
"""Bytecode sizes of the methods in a folder of dumped classes (`bytelift run --dump-classes DIR`).

Prints the largest methods, how many exceed HotSpot's 8,000-byte limit for JIT compilation
(DontCompileHugeMethods), and the total: the figures docs/performance.md §11 uses.
Usage: bench/scripts/method_sizes.py DIR [--top N]
"""
import os
import struct
import sys


def code_lengths(data):
    """(method name + descriptor, code length) of every method with code, per JVMS §4."""
    pos = 8
    (count,) = struct.unpack_from(">H", data, pos)
    pos += 2
    utf8 = {}
    i = 1
    while i < count:
        tag = data[pos]
        pos += 1
        if tag == 1:
            (n,) = struct.unpack_from(">H", data, pos)
            utf8[i] = data[pos + 2:pos + 2 + n].decode("utf-8", "replace")
            pos += 2 + n
        elif tag in (3, 4, 9, 10, 11, 12, 17, 18):
            pos += 4
        elif tag in (5, 6):
            pos += 8
            i += 1
        elif tag in (7, 8, 16, 19, 20):
            pos += 2
        elif tag == 15:
            pos += 3
        else:
            raise ValueError("constant pool tag %d" % tag)
        i += 1
    pos += 6
    (interfaces,) = struct.unpack_from(">H", data, pos)
    pos += 2 + 2 * interfaces

    def skip_attributes(p):
        (n,) = struct.unpack_from(">H", data, p)
        p += 2
        found = None
        for _ in range(n):
            name, length = struct.unpack_from(">HI", data, p)
            if utf8.get(name) == "Code":
                found = struct.unpack_from(">I", data, p + 10)[0]
            p += 6 + length
        return p, found

    (fields,) = struct.unpack_from(">H", data, pos)
    pos += 2
    for _ in range(fields):
        pos, _ = skip_attributes(pos + 6)
    (methods,) = struct.unpack_from(">H", data, pos)
    pos += 2
    out = []
    for _ in range(methods):
        _, name, desc = struct.unpack_from(">HHH", data, pos)
        pos, length = skip_attributes(pos + 6)
        if length is not None:
            out.append((utf8[name] + utf8[desc], length))
    return out


def main():
    args = sys.argv[1:]
    top = 10
    if "--top" in args:
        k = args.index("--top")
        top = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    sizes = []
    for root, _, files in os.walk(args[0]):
        for f in files:
            if f.endswith(".class"):
                with open(os.path.join(root, f), "rb") as fh:
                    for name, length in code_lengths(fh.read()):
                        sizes.append((length, f[:-6] + "." + name.split("(")[0]))
    sizes.sort(reverse=True)
    for length, name in sizes[:top]:
        print("%7d  %s" % (length, name))
    huge = [s for s in sizes if s[0] > 8000]
    print("%d methods, %d bytes; %d over 8,000 bytes (%d bytes in them)"
          % (len(sizes), sum(s[0] for s in sizes), len(huge), sum(s[0] for s in huge)))


if __name__ == "__main__":
    main()
