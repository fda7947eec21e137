#!/usr/bin/env python3
"""Writes pathological changelogs for the changelog reader, each at several sizes, to DIR.

Usage: changelog_pathological.py DIR [SIZE ...]   (default: 1mb 4mb; a size is a number and kb or mb)

For every case NAME and SIZE it writes DIR/NAME-SIZE.md of about SIZE bytes (kb = 10^3 bytes,
mb = 10^6), and DIR/expected.txt
with one line per file: the file's name and the number of releases `shipnotes notes --list` should
list (0: the file holds no release heading, and the command fails). A reader that is linear in its
input takes about 4x as long for 4 MB as for 1 MB. The cases aim at each place the reader looks at
a line more than once or scans ahead: heading marks, titles (links, inline HTML, code marks are
stripped from them), open blocks that hide headings, and containers (quotes, lists) that decide
lazy continuation lines. The bytes are fixed; there is no randomness.
"""
import os
import sys

TOP = "## [1.0.0] - 2024-01-01\n\n"
BOTTOM = "\n## [0.9.0] - 2023-01-01\n\n- The release after the pathological part is still found.\n"


def repeat(unit, size):
    """`unit` repeated to about `size` bytes."""
    return unit * max(1, size // len(unit))


def marker_lines(unit, size, per_line=100):
    """Lines of `per_line` units each (every line starting with the marker), about `size` bytes."""
    line = (unit * per_line).rstrip() + "\n"
    return line * max(1, size // len(line))


def hash_line(size):
    # One line of `#`s: seven or more are no heading, so the file holds none.
    return repeat("#", size) + "\n", 0


def hash_title(size):
    # A release heading whose closing sequence is a megabyte of `#`s, stripped from the title.
    return "## [1.0.0] - 2024-01-01 " + repeat("#", size) + "\n", 1


def headings_plain(size):
    # A million short level-1 headings, none a release.
    return repeat("# a\n", size), 0


def headings_release(size):
    # As many release headings as fit, unique versions descending: every one is listed.
    count = size // len("## 1.0.123456\n")
    return "".join(f"## 1.0.{n}\n" for n in range(count - 1, -1, -1)), count


def fence_unclosed(size):
    # A code fence that never closes hides every heading after it.
    return "```\n" + repeat("## [1.0.0] - 2024-01-01\n", size), 0


def comment_unclosed(size):
    # An HTML comment that never closes hides every heading after it.
    return "<!--\n" + repeat("## [1.0.0] - 2024-01-01\n", size), 0


def body_markers(unit):
    # Half the file as lines starting with unclosed markers, half as one line of them, between two
    # releases: the block scanner's line starts and link definition checks.
    def case(size):
        return TOP + marker_lines(unit, size // 2) + "\n" + repeat(unit, size // 2) + "\n" + BOTTOM, 2
    return case


def title_markers(unit):
    # One release title of a megabyte of unclosed markers, then a second release: the title's
    # reduction to plain words (links, inline HTML and code marks are taken out of it).
    def case(size):
        return "## [1.0.0] - 2024-01-01 " + repeat(unit, size) + "\n\n- Entry.\n" + BOTTOM, 2
    return case


def quotes_nested(size):
    # A quarter: one line of `> ` nested a quarter of the file deep; a quarter: lines nested 64 deep;
    # a half: lazy continuation lines of the innermost paragraph; then a heading that ends the quotes.
    deep = "> " * (size // 8) + "x\n"
    lines = ("> " * 64 + "x\n") * max(1, size // 4 // 130)
    lazy = repeat("lazy continuation line\n", size // 2)
    return TOP + deep + lines + lazy + BOTTOM, 2


def lists_nested(size):
    # Half: list items each indented one level deeper than the last; a quarter: one line of `- `
    # markers nested a quarter of the file deep; a quarter: lazy continuation lines.
    out, used, depth = [], 0, 0
    while used < size // 2:
        line = "  " * depth + "- a\n"
        out.append(line)
        used += len(line)
        depth += 1
    nested = "- " * (size // 8) + "a\n"
    lazy = repeat("lazy continuation line\n", size // 4)
    return TOP + "".join(out) + nested + lazy + BOTTOM, 2


CASES = {
    "hash-line": hash_line,
    "hash-title": hash_title,
    "headings-plain": headings_plain,
    "headings-release": headings_release,
    "fence-unclosed": fence_unclosed,
    "comment-unclosed": comment_unclosed,
    "bracket-body": body_markers("[a [b](c "),
    "bracket-title": title_markers("[a [b](c "),
    "angle-body": body_markers("<a <b "),
    "angle-title": title_markers("<a <b "),
    "backtick-body": body_markers("`a ``b "),
    "backtick-title": title_markers("`a ``b "),
    "quotes-nested": quotes_nested,
    "lists-nested": lists_nested,
}


def main():
    folder = sys.argv[1]
    sizes = sys.argv[2:] or ["1mb", "4mb"]
    os.makedirs(folder, exist_ok=True)
    expected = []
    for name, make in CASES.items():
        for size in sizes:
            text, releases = make(int(size[:-2]) * {"kb": 1000, "mb": 1_000_000}[size[-2:]])
            file = f"{name}-{size}.md"
            with open(os.path.join(folder, file), "w", encoding="utf-8") as f:
                f.write(text)
            expected.append(f"{file} {releases}\n")
    with open(os.path.join(folder, "expected.txt"), "w", encoding="utf-8") as f:
        f.writelines(expected)


if __name__ == "__main__":
    main()
