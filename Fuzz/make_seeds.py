#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the inputs the tests use.

usage: make_seeds.py CONFORMANCE_DIR REPOSITORY_ROOT OUT_DIR

OUT_DIR/<Target>/ gets one file per seed: RedCloth's fixture inputs and the Textile golden files for
the renderer; the CommonMark spec's examples and the writer's golden Markdown for the writer; the real
changelogs (cut at release headings into pieces of at most 8 KiB, a fuzzer's working size) and the
writer's Markdown for the changelog reader; small builds (zip, XML and binary Info.plist, stored and
deflated) for the plist reading, and upload bodies as the client writes them for the multipart reader. Missing conformance files are an error, as in the tests.
"""
import hashlib
import io
import os
import plistlib
import re
import sys
import zipfile

import yaml


def write(folder, data):
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as file:
        file.write(data)


def redcloth_inputs(conformance):
    folder = os.path.join(conformance, "redcloth")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yml"))
    if not names:
        sys.exit(f"make_seeds: no RedCloth fixtures in {folder}")
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            for case in yaml.safe_load_all(file):
                if isinstance(case, dict) and isinstance(case.get("in"), str):
                    yield case["in"]


def commonmark_examples(conformance):
    path = os.path.join(conformance, "commonmark", "spec.txt")
    with open(path, encoding="utf-8") as file:
        text = file.read()
    fence = "`" * 32
    pattern = re.compile(fence + r" example\n(.*?)^\.\n", re.S | re.M)
    examples = [m.group(1).replace("\u2192", "\t") for m in pattern.finditer(text)]
    if len(examples) < 600:
        sys.exit(f"make_seeds: only {len(examples)} examples in {path}")
    return examples


def changelog_pieces(conformance, limit=8192):
    folder = os.path.join(conformance, "changelogs")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    if len(names) < 5:
        sys.exit(f"make_seeds: expected the real changelogs in {folder}, found {names}")
    for name in names:
        with open(os.path.join(folder, name), "rb") as file:
            data = file.read()
        piece = b""
        for line in data.splitlines(keepends=True):
            starts_release = line.startswith(b"#") or line.startswith(b"===")
            if piece and (len(piece) + len(line) > limit or (starts_release and len(piece) > limit // 2)):
                yield piece
                piece = b""
            piece += line
        if piece:
            yield piece


def files(folder, suffix):
    for name in sorted(os.listdir(folder)):
        if name.endswith(suffix):
            with open(os.path.join(folder, name), "rb") as file:
                yield file.read()


def builds():
    """Small .ipa files as the tests make them: the Info.plist as XML and as a binary plist, stored
    and deflated, alone or after a framework's plist and beside an executable."""
    plist = {"CFBundleVersion": "42", "CFBundleShortVersionString": "1.2.3",
             "CFBundleIdentifier": "net.shipnotes.Fuzz", "CFBundleName": "Fuzz", "MinimumOSVersion": "15.0"}
    for form in (plistlib.FMT_XML, plistlib.FMT_BINARY):
        for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            for extra in (False, True):
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", method) as archive:
                    if extra:
                        archive.writestr("Payload/Fuzz.app/Frameworks/Kit.framework/Info.plist",
                                         plistlib.dumps({"CFBundleVersion": "9"}, fmt=form))
                    archive.writestr("Payload/Fuzz.app/Info.plist", plistlib.dumps(plist, fmt=form))
                    if extra:
                        archive.writestr("Payload/Fuzz.app/Fuzz", bytes(range(256)) * 4)
                yield buffer.getvalue()


def multipart_bodies(build):
    """Upload bodies as the client writes them, with the fuzz target's boundary, led by the byte that
    picks the target's chunk size."""
    def part(name, value, filename=None):
        head = f'--shipnotes-fuzz\r\nContent-Disposition: form-data; name="{name}"'
        if filename:
            head += f'; filename="{filename}"\r\nContent-Type: application/octet-stream'
        return head.encode() + b"\r\n\r\n" + value + b"\r\n"
    fields = [("notes", "* Fixed the login loop\n* Faster sync".encode()), ("notes_type", b"1"),
              ("notify", b"0"), ("status", b"2"), ("mandatory", b"0"), ("tags", b"beta,qa")]
    bodies = [
        b"".join(part(n, v) for n, v in fields) + part("ipa", build, "Fuzz.ipa") + b"--shipnotes-fuzz--\r\n",
        part("ipa", build, "Fuzz.ipa") + part("dsym", b"PK\x05\x06" + bytes(18), "Fuzz.dSYM.zip") + b"--shipnotes-fuzz--\r\n",
        part("notes", "h1. Notes\r\n\r\n* one\r\n--shipnotes-fuzzy".encode()) + b"--shipnotes-fuzz--",
        part("notes", b"cut off before the end",),
    ]
    for chunk_byte in (0, 7, 63):
        for body in bodies:
            yield bytes([chunk_byte]) + body


def main():
    conformance, root, out = sys.argv[1:4]
    fixtures = os.path.join(root, "Tests", "TextileTests", "Fixtures")
    for seed in redcloth_inputs(conformance):
        write(os.path.join(out, "FuzzTextileRenderer"), seed)
    for sub in ("release-notes", "writer"):
        for seed in files(os.path.join(fixtures, sub), ".textile"):
            write(os.path.join(out, "FuzzTextileRenderer"), seed)
    for seed in commonmark_examples(conformance):
        write(os.path.join(out, "FuzzMarkdownToTextile"), seed)
    for seed in files(os.path.join(fixtures, "writer"), ".md"):
        write(os.path.join(out, "FuzzMarkdownToTextile"), seed)
        write(os.path.join(out, "FuzzChangelogReader"), seed)
    for seed in changelog_pieces(conformance):
        write(os.path.join(out, "FuzzChangelogReader"), seed)
    archives = list(builds())
    for seed in archives:
        write(os.path.join(out, "FuzzBuildInfo"), seed)
    for seed in multipart_bodies(archives[-1]):
        write(os.path.join(out, "FuzzMultipartReader"), seed)
    for target in sorted(os.listdir(out)):
        print(f"seeds: {target}: {len(os.listdir(os.path.join(out, target)))} files")


if __name__ == "__main__":
    main()
