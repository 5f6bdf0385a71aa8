#!/usr/bin/env python3
"""Writes a pack of twelve 4096x4096 PNG pictures shown by one unit in two
languages, for tests/tools/test_image_memory.sh: about 0.7 MB on disk, about
800 MiB if every picture were kept at full size. Each picture has wide
diagonal stripes, a disc and a frame, so that a picture scaled badly (torn,
stretched, aliased) shows in a screenshot.

usage: gen_big_images.py OUT_DIR [SIDE] [COUNT]"""
import os
import struct
import sys
import zlib


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def picture(side, k):
    """RGB rows, filter 0, deflated: one row at a time."""
    hue = [(200, 60, 40), (40, 120, 200), (40, 160, 90), (210, 160, 30)][k % 4]
    bg = bytes(hue)
    pale = bytes(c // 2 + 120 for c in hue)
    disc = bytes((250, 250, 245))
    edge = bytes((30, 30, 40))
    period = 512
    stripe = (bg * (period // 2) + pale * (period // 2)) * (side // period + 2)
    z = zlib.compressobj(6)
    out = []
    r = side * 3 // 10
    c = side // 2
    border = max(8, side // 64)
    for y in range(side):
        shift = (y + k * 97) % period
        row = bytearray(stripe[shift * 3:(shift + side) * 3])
        dy = y - c
        if dy * dy < r * r:
            dx = int((r * r - dy * dy) ** 0.5)
            row[(c - dx) * 3:(c + dx) * 3] = disc * (2 * dx)
        if y < border or y >= side - border:
            row[:] = edge * side
        else:
            row[:border * 3] = edge * border
            row[(side - border) * 3:] = edge * border
        out.append(z.compress(b"\0" + bytes(row)))
    out.append(z.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", b"".join(out)) + chunk(b"IEND", b""))


def main():
    out = sys.argv[1]
    side = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    for d in ("units", "media", "quizzes"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    with open(os.path.join(out, "pack.ini"), "w", encoding="utf-8") as f:
        f.write("[pack]\nformat = 1\nid = big-pictures\nversion = 1.0\n"
                "languages = en zh-Hans\nlicence = CC0\nauthor = Test\n\n"
                "[en]\ntitle = Big pictures\ndescription = Twelve large pictures.\n\n"
                "[zh-Hans]\ntitle = 大图\ndescription = 十二张大图。\n")
    en = ["# Twelve pictures", "", "Twelve pictures of %d by %d pixels." % (side, side), ""]
    zh = ["# 十二张图", "", "十二张 %d × %d 像素的图片。" % (side, side), ""]
    for k in range(count):
        name = "media/big-%02d.png" % (k + 1)
        with open(os.path.join(out, name), "wb") as f:
            f.write(picture(side, k))
        en += ["![Picture %d](%s)" % (k + 1, name), ""]
        zh += ["![图片 %d](%s)" % (k + 1, name), ""]
    for lang, lines in (("en", en), ("zh-Hans", zh)):
        with open(os.path.join(out, "units", "01-big-pictures.%s.md" % lang), "w",
                  encoding="utf-8") as f:
            f.write("\n".join(lines))
    for lang, q in (("en", "::p1::Were there pictures? {T}"), ("zh-Hans", "::p1::有图片吗？ {T}")):
        with open(os.path.join(out, "quizzes", "01-big-pictures.%s.gift" % lang), "w",
                  encoding="utf-8") as f:
            f.write(q + "\n")


if __name__ == "__main__":
    main()
