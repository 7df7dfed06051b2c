#!/usr/bin/env python3
"""Writes a weights.npz of a 784-H-10 network with seeded random weights, laid out as numpy.savez writes it
(a zip of .npy v1.0 files, float32, c-order), using the standard library only. The benchmark's fallback when the
service cannot train (it measures speed, not accuracy).

usage: npz-weights.py <hidden size> <out file>
"""
import random
import struct
import sys
import zipfile


def npy(shape, values):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % (
        "(%d,)" % shape[0] if len(shape) == 1 else "(%d, %d)" % shape)
    # magic, version 1.0, header length; header padded with spaces and '\n' to a multiple of 64
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + \
        struct.pack("<%df" % len(values), *values)


def main():
    hidden, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(42)
    arrays = {
        "W1": ((784, hidden), [rng.gauss(0, (2 / 784) ** 0.5) for _ in range(784 * hidden)]),
        "b1": ((hidden,), [0.0] * hidden),
        "W2": ((hidden, 10), [rng.gauss(0, (2 / hidden) ** 0.5) for _ in range(hidden * 10)]),
        "b2": ((10,), [0.0] * 10),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, (shape, values) in arrays.items():
            z.writestr(name + ".npy", npy(shape, values))


if __name__ == "__main__":
    main()
