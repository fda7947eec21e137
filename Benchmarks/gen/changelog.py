#!/usr/bin/env python3
"""Writes a deterministic Markdown changelog of about SIZE bytes (default 5 MB) to PATH.

Usage: changelog.py PATH [SIZE_BYTES]

The text looks like real release notes: version headings, Keep-a-Changelog sections, bulleted
entries with emphasis, code, links to tickets and commits, nested lists, quotes and code blocks.
A fixed seed makes every run produce the same bytes.
"""
import random
import sys

WORDS = ("crash login sync upload notes build archive cache crash-reporter device theme settings "
         "keychain network retry timeout parser renderer widget onboarding backup export import "
         "locale font layout scroll memory leak startup battery camera photo video share search").split()
SECTIONS = ["Added", "Changed", "Fixed", "Removed", "Security", "Deprecated"]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
    kind = rng.random()
    if kind < 0.15:
        words[1] = f"*{words[1]}*"
    elif kind < 0.3:
        words[2] = f"**{words[2]}**"
    elif kind < 0.45:
        words[0] = f"`{words[0]}()`"
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.4:
        text += f" ([#{rng.randint(1, 9999)}](https://tracker.example.com/issues/{rng.randint(1, 9999)}))"
    if rng.random() < 0.2:
        text += f" in {rng.randrange(16**7):07x}"
    return text + "."


def release(rng, major, minor, patch):
    out = [f"## [{major}.{minor}.{patch}] - 20{rng.randint(10, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", ""]
    if rng.random() < 0.3:
        out += ["> " + sentence(rng), ""]
    for section in rng.sample(SECTIONS, rng.randint(2, 4)):
        out += [f"### {section}", ""]
        for _ in range(rng.randint(3, 9)):
            out.append("- " + sentence(rng))
            if rng.random() < 0.15:
                out.append("  - " + sentence(rng))
        out.append("")
        if rng.random() < 0.1:
            out += ["```swift", f"let {rng.choice(WORDS).replace('-', '')} = try await client.upload(job)", "```", ""]
    return "\n".join(out) + "\n"


def main():
    path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    rng = random.Random(20261130)
    parts = ["# Changelog\n\nAll notable changes to this project are documented here.\n\n"]
    total = len(parts[0])
    major, minor, patch = 40, 0, 0
    while total < size:
        chunk = release(rng, major, minor, patch)
        parts.append(chunk)
        total += len(chunk.encode())
        patch -= 1
        if patch < 0:
            patch = rng.randint(0, 5)
            minor -= 1
            if minor < 0:
                minor = rng.randint(3, 9)
                major -= 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
