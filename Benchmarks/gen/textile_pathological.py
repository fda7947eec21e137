#!/usr/bin/env python3
"""Writes pathological Textile inputs for the inline scanner's scaling benchmark.

Usage: textile_pathological.py OUTDIR

For every unclosed-marker pattern it writes PATTERN-10k.txt and PATTERN-100k.txt (the marker
repeated 10,000 and 100,000 times); plus deep nesting (nest-10k/100k: every phrase marker opened
N times before any closes, and N brackets) and one very long line (longline-10k/100k: N sentences, about 1 MB and 10 MB, of
ordinary markup on a single line). Output is deterministic: no randomness, no timestamps.
"""
import os
import sys

PATTERNS = {
    "star": "*a ",
    "underscore": "_a ",
    "quote": '"a ',
    "bracket": "[",
    "bang": "!",
    "percent": "%",
    "at": "@",
    "equals": "==",
    "link": '"a":',
    "tag": '<a b="',
}

SENTENCE = 'The *quick* brown _fox_ jumps over "the":http://example.com/ lazy dog\'s NASA(x) 2x4 (c) -- end. '


def contents(name: str, count: int) -> str:
    if name == "nest":
        half = count // 2
        return "x " + "*_+%^~" * (half // 6) + "y" + "~^%+_*" * (half // 6) + " " + "[" * half + "z" + "]" * half
    if name == "longline":
        return SENTENCE * count
    return PATTERNS[name] * count


def main() -> None:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in list(PATTERNS) + ["nest", "longline"]:
        for label, count in (("10k", 10_000), ("100k", 100_000)):
            path = os.path.join(out, f"{name}-{label}.txt")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(contents(name, count))


if __name__ == "__main__":
    main()
