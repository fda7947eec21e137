# Updating a changelog from git (`shipnotes changelog`) against `git-cliff --unreleased --prepend`, the
# way git-cliff users keep a CHANGELOG.md: a generated 10 MB Keep a Changelog file (gen/keep_a_changelog.py)
# committed to a repository whose newest release is tagged, then 500 new Conventional Commits (built
# with git fast-import, cached under $BENCH_OUT/changelog-update/). Whole process, side by side in one
# hyperfine run, each run on a fresh copy of the file. Then what each tool's file says after two runs:
# how many unreleased sections it has, whether the hand-written unreleased entry is still there, and
# whether the second run changed the file.
cu_dir="$BENCH_OUT/changelog-update"
cu_repo="$cu_dir/repo"
mkdir -p "$cu_dir"
if [ ! -f "$cu_dir/ready" ]; then
    rm -rf "$cu_repo" && mkdir -p "$cu_repo"
    python3 Benchmarks/gen/keep_a_changelog.py "$cu_dir/base.md" 10000000
    # A hand-written entry in the unreleased section: a tool must keep it.
    python3 - "$cu_dir/base.md" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("## [Unreleased]\n", "## [Unreleased]\n\n### Changed\n\n- A note written by hand before the release\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
    cu_newest=$(python3 -c 'import re,sys; print(re.search(r"^## \[([0-9][0-9.]*)\] - ", open(sys.argv[1]).read(), re.M).group(1))' "$cu_dir/base.md")
    git -C "$cu_repo" init -q
    python3 - "$cu_dir/base.md" "$cu_newest" <<'PY' | git -C "$cu_repo" fast-import --quiet
import sys
base, newest = sys.argv[1], sys.argv[2]
data = open(base, "rb").read()
out = sys.stdout.buffer
def commit(mark, message, parent, files):
    when = 1700000000 + mark * 60
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"author Bench <bench@example.org> %d +0000\ncommitter Bench <bench@example.org> %d +0000\n" % (when, when))
    msg = message.encode()
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if parent:
        out.write(b"from :%d\n" % parent)
    for name, content in files:
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(content), content))
commit(1, "chore: release " + newest, None, [("CHANGELOG.md", data)])
out.write(b"tag v%s\nfrom :1\ntagger Bench <bench@example.org> 1700000000 +0000\ndata 7\nrelease\n" % newest.encode())
types = ["feat", "fix", "perf", "refactor", "docs", "fix", "feat", "chore"]
for i in range(500):
    kind = types[i % len(types)]
    scope = ["(sync)", "(ui)", "", "(api)"][i % 4]
    pr = f" (#{1000 + i})" if i % 3 == 0 else ""
    commit(i + 2, f"{kind}{scope}: change number {i} to the app{pr}", i + 1, [("src/file%d.txt" % (i % 50), b"%d\n" % i)])
out.write(b"done\n")
PY
    git -C "$cu_repo" checkout -q main
    touch "$cu_dir/ready"
fi
cu_ours="cp $cu_dir/base.md $cu_repo/CHANGELOG.md && cd $cu_repo && $SHIPNOTES changelog"
cu_cliff="cp $cu_dir/base.md $cu_repo/CHANGELOG.md && git-cliff --offline -c $PWD/Benchmarks/gen/cliff.toml -r $cu_repo --unreleased --prepend $cu_repo/CHANGELOG.md"
echo "changelog-update: $(wc -c <"$cu_dir/base.md") bytes, $(git -C "$cu_repo" rev-list --count HEAD) commits," \
    "$(git -C "$cu_repo" describe --tags --abbrev=0) tagged; $(git-cliff --version)"
hyperfine --style none --warmup 1 --runs "${BENCH_RUNS:-10}" --export-json "$BENCH_OUT/changelog-update.json" \
    -n shipnotes "bash -c '$cu_ours >/dev/null'" -n git-cliff "bash -c '$cu_cliff >/dev/null 2>&1'" >/dev/null
python3 - "$BENCH_OUT/changelog-update.json" <<'PY'
import json, sys
ours, cliff = json.load(open(sys.argv[1]))["results"]
ratio = ours["mean"] / cliff["mean"]
print(f"changelog-update (500 commits, 10 MB) shipnotes {ours['mean']*1000:8.1f} ms ±{ours['stddev']*1000:5.1f}   "
      f"git-cliff {cliff['mean']*1000:8.1f} ms ±{cliff['stddev']*1000:5.1f}   ratio {ratio:5.2f}x"
      + (f" (shipnotes {1 / ratio:.1f}x faster)" if ratio < 1 else ""))
PY

# cu_outcome NAME CMD: runs CMD twice on a fresh copy and says what the file holds.
cu_outcome() {
    bash -c "$2" >/dev/null 2>&1
    cp "$cu_repo/CHANGELOG.md" "$cu_dir/$1-once.md"
    bash -c "${2#cp * && }" >/dev/null 2>&1
    local sections kept same
    sections=$(grep -ci '^## \[\?unreleased' "$cu_repo/CHANGELOG.md" || true)
    kept=$(grep -c 'A note written by hand before the release' "$cu_repo/CHANGELOG.md" || true)
    cmp -s "$cu_dir/$1-once.md" "$cu_repo/CHANGELOG.md" && same=yes || same=no
    echo "changelog-update $1 after two runs: $sections unreleased section(s), hand-written entry kept $kept time(s)," \
        "second run left the file as it was: $same"
}
cu_outcome shipnotes "$cu_ours"
cu_outcome git-cliff "$cu_cliff"
