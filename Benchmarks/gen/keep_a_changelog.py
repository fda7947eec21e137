#!/usr/bin/env python3
"""Writes a deterministic Keep a Changelog file of about SIZE bytes (default 10 MB) to PATH.

Usage: keep_a_changelog.py PATH [SIZE_BYTES]

The shape https://keepachangelog.com describes and the changelog reader's benchmark needs: a title
and preamble, `## [Unreleased]`, then releases newest first as `## [1.2.3] - 2024-01-01` (a few
marked `[YANKED]`, never the newest), each with `### Added` / `### Fixed` / ... sections of
bulleted entries, and at the bottom a link reference definition for every version
(`[1.2.3]: https://github.com/example/app/compare/v1.2.2...v1.2.3`). Versions are unique and
descending, dates never increase down the file. The entries' text comes from changelog.py's
sentence(), so the prose looks like the other benchmarks' changelog. A fixed seed makes every run
produce the same bytes. (Not named keepachangelog.py: that would shadow the peer package.)
"""
import datetime
import random
import sys

from changelog import sentence

SECTIONS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
REPO = "https://github.com/example/shipnotes"


def body(rng):
    out = [""]
    # Keep a Changelog lists the sections in a fixed order; a release has some of them.
    for section in sorted(rng.sample(SECTIONS, rng.randint(1, 4)), key=SECTIONS.index):
        out += [f"### {section}", ""]
        for _ in range(rng.randint(2, 8)):
            out.append("- " + sentence(rng))
            if rng.random() < 0.1:
                out.append("  - " + sentence(rng))
        out.append("")
    return "\n".join(out) + "\n"


def main():
    path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    rng = random.Random(20240101)
    head = ("# Changelog\n\nAll notable changes to this project will be documented in this file.\n\n"
            "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n"
            "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n"
            "## [Unreleased]\n" + body(rng))

    # Releases are made oldest first, so that versions and dates only grow, then written newest first.
    releases = []  # (version, heading and body)
    links = []  # the definitions, oldest first
    major, minor, patch = 0, 1, 0
    day = datetime.date(2000, 1, 3)
    total = len(head)
    while total < size:
        version = f"{major}.{minor}.{patch}"
        yanked = " [YANKED]" if rng.random() < 0.01 else ""
        chunk = f"## [{version}] - {day.isoformat()}{yanked}\n" + body(rng)
        previous = releases[-1][0] if releases else None
        link = (f"[{version}]: {REPO}/compare/v{previous}...v{version}\n" if previous
                else f"[{version}]: {REPO}/releases/tag/v{version}\n")
        releases.append((version, chunk))
        links.append(link)
        total += len(chunk) + len(link)
        bump = rng.random()
        if bump < 0.005:
            major, minor, patch = major + 1, 0, 0
        elif bump < 0.2:
            minor, patch = minor + 1, 0
        else:
            patch += 1
        day += datetime.timedelta(days=rng.randint(1, 2))

    newest, newest_chunk = releases[-1]
    releases[-1] = (newest, newest_chunk.replace(" [YANKED]", "", 1))
    parts = [head]
    parts += [chunk for _, chunk in reversed(releases)]
    parts.append(f"[Unreleased]: {REPO}/compare/v{newest}...HEAD\n")
    parts += reversed(links)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
