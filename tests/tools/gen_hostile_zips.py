#!/usr/bin/env python3
"""Writes hostile zip archives for tests/tools/test_hostile_memory.sh, each
small on disk and each unpacking to far more than it declares:

  overlap.zip  twelve entries overlapping one compressed kernel (each entry's
               data quotes the next entries' local headers, in the manner of
               Fifield's non-recursive zip bomb), every entry declaring 10
               bytes; about 6 MiB each, 72 MiB in all.
  lying.zip    twelve separate entries, each declaring 10 bytes and
               unpacking to 6 MiB.

The kernel is two letters at random, which deflate only 8:1, so that no
entry is over the pack reader's compression ratio.

usage: gen_hostile_zips.py OUT_DIR"""
import os
import random
import struct
import sys
import zlib

N = 12
KERNEL = 6 << 20
LIE = 10


def deflate(data):
    z = zlib.compressobj(1, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush()


def kernel():
    bits = random.Random(13).randbytes(KERNEL)
    return bits.translate(bytes(ord("a") + (b & 1) for b in range(256)))


def local(name, crc, csize, usize):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, csize, usize,
                       len(name), 0) + name


def central(name, crc, csize, usize, off):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, csize,
                       usize, len(name), 0, 0, 0, 0, 0, off) + name


def end(n, cd, cd_off):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(cd), cd_off, 0)


def names():
    return [b"media/%02d.png" % i for i in range(N)]


def quote(header):
    """A stored deflate block (not the last) holding the header after it."""
    return b"\0" + struct.pack("<HH", len(header), 0xFFFF ^ len(header))


def write_overlap(path, data):
    """LH0 Q0 LH1 Q1 ... LH(N-1) KERNEL: entry i inflates to LH(i+1) ...
    LH(N-1) and the kernel's data. Built from the last entry back, as each
    header holds the CRC of what follows it."""
    comp = deflate(data)
    lh_len = [30 + len(n) for n in names()]
    csize = [0] * N
    tail = len(comp)
    for i in reversed(range(N)):
        csize[i] = tail
        tail += lh_len[i] + (5 if i > 0 else 0)
    headers = [None] * N
    crc = zlib.crc32(data)
    for i in reversed(range(N)):
        headers[i] = local(names()[i], crc, csize[i], LIE)
        # what entry i-1 unpacks to: this header, then what entry i does
        crc = crc_from(i, headers, data)
    body, offs, crcs = b"", [], []
    for i in range(N):
        offs.append(len(body))
        body += headers[i]
        if i + 1 < N:
            body += quote(headers[i + 1])
    body += comp
    for i in range(N):
        crcs.append(struct.unpack("<I", headers[i][14:18])[0])
    cd = b"".join(central(names()[i], crcs[i], csize[i], LIE, offs[i]) for i in range(N))
    with open(path, "wb") as f:
        f.write(body + cd + end(N, cd, len(body)))


def crc_from(i, headers, data):
    """The CRC of headers[i:] followed by data."""
    c = 0
    for j in range(i, N):
        c = zlib.crc32(headers[j], c)
    return zlib.crc32(data, c)


def write_lying(path, data):
    comp = deflate(data)
    crc = zlib.crc32(data)
    body, cd = b"", b""
    for name in names():
        off = len(body)
        body += local(name, crc, len(comp), LIE) + comp
        cd += central(name, crc, len(comp), LIE, off)
    with open(path, "wb") as f:
        f.write(body + cd + end(N, cd, len(body)))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    data = kernel()
    write_overlap(os.path.join(out, "overlap.zip"), data)
    write_lying(os.path.join(out, "lying.zip"), data)


if __name__ == "__main__":
    main()
