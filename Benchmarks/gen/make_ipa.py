#!/usr/bin/env python3
"""Writes a deterministic .ipa of a given size for the upload benchmark: a zip with stored entries,
Payload/Bench.app/Info.plist and an executable of repeated pseudo-random bytes.

    make_ipa.py OUTPUT SIZE_BYTES [BUNDLE_VERSION]
"""
import plistlib, sys, zipfile

out, size = sys.argv[1], int(sys.argv[2])
version = sys.argv[3] if len(sys.argv) > 3 else "1"
pattern = bytes(((i * 0x9E3779B97F4A7C15) >> 56) & 0xFF for i in range(1 << 20))
plist = plistlib.dumps({"CFBundleVersion": version, "CFBundleShortVersionString": "1.0",
                        "CFBundleIdentifier": "net.shipnotes.Bench", "CFBundleName": "Bench",
                        "MinimumOSVersion": "15.0"})
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
    info = zipfile.ZipInfo("Payload/Bench.app/Info.plist", date_time=(1980, 1, 1, 0, 0, 0))
    archive.writestr(info, plist)
    info = zipfile.ZipInfo("Payload/Bench.app/Bench", date_time=(1980, 1, 1, 0, 0, 0))
    info.file_size = size
    with archive.open(info, "w", force_zip64=size >= 0xFFFFFFFF) as entry:
        written = 0
        while written < size:
            chunk = pattern[: min(len(pattern), size - written)]
            entry.write(chunk)
            written += len(chunk)
