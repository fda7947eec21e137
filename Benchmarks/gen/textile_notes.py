#!/usr/bin/env python3
"""Writes a deterministic Textile release-notes document of about SIZE bytes (default 5 MB) to PATH.

Usage: textile_notes.py PATH [SIZE_BYTES]

The text looks like real HockeyApp release notes in Textile: version headings, bulleted and
numbered fixes (some nested), emphasis, @code@, links to tickets, tables of changes, quotes,
code blocks and footnotes. A fixed seed makes every run produce the same bytes.
"""
import random
import sys

WORDS = ("crash login sync upload notes build archive cache device theme settings keychain network "
         "retry timeout parser renderer widget onboarding backup export import locale font layout "
         "scroll memory leak startup battery camera photo video share search iPad iOS API").split()


def phrase(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
    kind = rng.random()
    if kind < 0.12:
        words[1] = f"*{words[1]}*"
    elif kind < 0.24:
        words[2] = f"_{words[2]}_"
    elif kind < 0.36:
        words[0] = f"@{words[0]}()@"
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.35:
        ticket = rng.randint(100, 9999)
        text += f' ("APP-{ticket}":https://tracker.example.com/browse/APP-{ticket})'
    if rng.random() < 0.1:
        text += " -- thanks to the beta testers"
    return text


def version_section(rng, major, minor, patch):
    out = [f"h2. Version {major}.{minor}.{patch} (build {rng.randint(1000, 99999)})", ""]
    out.append(f"p(summary). {phrase(rng)}.")
    out.append("")
    for title in rng.sample(["New", "Fixes", "Changes", "Known issues"], rng.randint(1, 3)):
        out.append(f"h3. {title}")
        out.append("")
        marker = "#" if title == "Known issues" else "*"
        for _ in range(rng.randint(2, 8)):
            out.append(f"{marker} {phrase(rng)}")
            if rng.random() < 0.15:
                for _ in range(rng.randint(1, 3)):
                    out.append(f"{marker}{marker} {phrase(rng)}")
        out.append("")
    extra = rng.random()
    if extra < 0.2:
        out.append("|_. Area |_. Change |_. Ticket |")
        for _ in range(rng.randint(2, 5)):
            ticket = rng.randint(100, 9999)
            out.append(f"| {rng.choice(WORDS)} | {phrase(rng)} | \"#{ticket}\":https://tracker.example.com/{ticket} |")
        out.append("")
    elif extra < 0.35:
        out.append(f"bc. {rng.choice(WORDS)}.configure(retries: {rng.randint(1, 9)}) // <default>")
        out.append("")
    elif extra < 0.45:
        out.append(f"bq. {phrase(rng)}")
        out.append("")
    elif extra < 0.5:
        out.append(f"fn{rng.randint(1, 9)}. {phrase(rng)}")
        out.append("")
    return "\n".join(out) + "\n"


def main():
    path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    rng = random.Random(20240601)
    parts = ["h1. Release notes\n\n"]
    total = len(parts[0])
    major, minor, patch = 900, 0, 0
    while total < size:
        section = version_section(rng, major, minor, patch)
        parts.append(section)
        total += len(section.encode())
        patch -= 1
        if patch < 0:
            patch, minor = 9, minor - 1
        if minor < 0:
            minor, major = 9, major - 1
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(parts))


if __name__ == "__main__":
    main()
