#!/usr/bin/env python3
"""The I/O floor of a site build: read every byte of the inputs and write
the files a real build wrote (the same paths and sizes, downloads included),
with no parsing and no templates. What any generator must at least do to
turn these inputs into that output; bench/run.py times it beside careers.

    io_floor.py --manifest FILE --out DIR INPUT...

INPUT: files or folders (read whole, recursively, in name order).
FILE:  one line per output file, "SIZE<TAB>PATH" with PATH relative to the
       output folder, as bench/run.py records it from a careers build.
DIR:   must not exist yet.

The written bytes are the inputs' bytes over and over (any bytes cost the
same to write). Single-threaded Python: a real floor could only be lower,
so ratios against this floor flatter careers, if anything.
"""
import argparse
import os
import sys

CHUNK = 1 << 20


def read_inputs(paths):
    """Reads every input file whole; returns the number of bytes and up to
    CHUNK bytes of them to write with."""
    total = 0
    filler = bytearray()
    for top in paths:
        if os.path.isfile(top):
            files = [top]
        else:
            files = []
            for dirpath, dirnames, names in os.walk(top, followlinks=True):
                dirnames.sort()
                files.extend(os.path.join(dirpath, n) for n in sorted(names))
        for path in files:
            with open(path, "rb") as f:
                data = f.read()
            total += len(data)
            if len(filler) < CHUNK:
                filler += data[: CHUNK - len(filler)]
    return total, bytes(filler) or b" " * CHUNK


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args(argv)
    with open(args.manifest, encoding="utf-8") as f:
        entries = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
    read, filler = read_inputs(args.inputs)
    view = memoryview(filler)
    os.makedirs(args.out)
    made = {args.out}
    written = 0
    for size_text, rel in entries:
        size = int(size_text)
        path = os.path.join(args.out, rel)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as f:
            left = size
            while left > 0:
                n = min(left, len(view))
                f.write(view[:n])
                left -= n
        written += size
    print(f"read {read} bytes, wrote {written} bytes in {len(entries)} files", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
