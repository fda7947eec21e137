# Changelog reader (`shipnotes notes --changelog`) against the keepachangelog package from PyPI, a
# Python reader of this format that release scripts use. keepachangelog reads line by line (a line
# starting `## ` is a release, `### ` a section) without CommonMark's block rules, so it is a speed
# peer, not a correctness oracle; the release counts are checked only as a sanity check.
#   1. In process, on a generated 10 MB Keep a Changelog file read once into memory: listing every
#      release (`ChangelogReader.outline`) and outline plus one release from the middle, as MB/s
#      (10^6 bytes per second, median of 20 iterations after 3 warm-ups), against
#      `keepachangelog.to_dict` on the file's lines in memory, timed the same way.
#   2. Whole process with hyperfine: `--latest` and `--list` against `keepachangelog.to_dict(path)`.
#   3. Pathological inputs at 1 MB and 4 MB through `--list`: a linear reader takes ~4x as long for
#      4 MB, with the time of reading an empty file (process start) taken off the whole-process
#      figures; the in-process figures have no process start to take off.
cl_dir="$BENCH_OUT/changelog"
cl_file="$cl_dir/keepachangelog-10mb.md"
mkdir -p "$cl_dir"
[ -f "$cl_file" ] || python3 Benchmarks/gen/keep_a_changelog.py "$cl_file" 10000000
cl_peer="python3 -c 'import keepachangelog,sys; keepachangelog.to_dict(sys.argv[1])' $cl_file"

# cl_value KEY TEXT: the value of a `key=value` line in TEXT (changelog-bench and the peer print them).
cl_value() { printf '%s\n' "$2" | sed -n "s/^$1=//p" | head -n 1; }

# cl_mean NAME: the mean in seconds that bench_time or bench_compare stored for NAME (its first command).
cl_mean() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$BENCH_OUT/$1.json"; }

# cl_goal VALUE OP LIMIT UNIT: "goal OP LIMIT UNIT: met" or "NOT met", for the summary lines.
cl_goal() {
    python3 -c '
import sys
value, op, limit, unit = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
met = value >= limit if op == ">=" else value < limit
print(f"goal {op} {limit:g} {unit}: " + ("met" if met else "NOT met"))' "$@"
}

# --- 1. In process -------------------------------------------------------------------------------
cl_ours=$("$CHANGELOG_BENCH" "$cl_file" --iterations 20 --warmup 3)
# The peer gets the file's lines read once, as changelog-bench gets its bytes; timeit with the
# garbage collector on, as a script runs. to_dict builds every release's entries, so it is the
# peer of both the listing and the extraction.
cl_theirs=$(python3 - "$cl_file" 20 3 <<'PY'
import gc, os, statistics, sys, timeit
import keepachangelog
path, iterations, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    lines = f.readlines()
megabytes = os.path.getsize(path) / 1e6
result = keepachangelog.to_dict(lines)
for _ in range(warmup):
    keepachangelog.to_dict(lines)
times = timeit.repeat(lambda: keepachangelog.to_dict(lines), setup=gc.enable, repeat=iterations, number=1)
print(f"releases={len(result)}")
print(f"to_dict_median_ms={statistics.median(times) * 1000:.3f}")
print(f"to_dict_mb_per_s={megabytes / statistics.median(times):.3f}")
print(f"to_dict_best_mb_per_s={megabytes / min(times):.3f}")
PY
)
printf '%s\n' "$cl_ours" >"$cl_dir/in-process-shipnotes.txt"
printf '%s\n' "$cl_theirs" >"$cl_dir/in-process-keepachangelog.txt"

# Both count the releases; ours also lists `## [Unreleased]`, which to_dict leaves out.
cl_releases=$(cl_value releases "$cl_ours")
[ "$cl_releases" = $(($(cl_value releases "$cl_theirs") + 1)) ] \
    || echo "changelog: WARNING: $cl_releases releases, keepachangelog found $(cl_value releases "$cl_theirs") and Unreleased"
cl_peer_rate=$(cl_value to_dict_mb_per_s "$cl_theirs")
for cl_step in list extract; do
    cl_rate=$(cl_value "${cl_step}_mb_per_s" "$cl_ours")
    cl_goal_text=""
    [ "$cl_step" = list ] && cl_goal_text="   $(cl_goal "$cl_rate" ">=" 600 MB/s)"
    python3 -c '
import sys
name, rate, best, median, peer, peer_best = sys.argv[1], *map(float, sys.argv[2:7])
print(f"{name:<34} shipnotes {rate:8.1f} MB/s (best {best:.1f}, median {median:.1f} ms)   "
      f"keepachangelog {peer:6.1f} MB/s (best {peer_best:.1f})   throughput ratio {rate / peer:5.1f}x{sys.argv[7]}")' \
        "changelog-$cl_step-10mb (in process)" "$cl_rate" "$(cl_value "${cl_step}_best_mb_per_s" "$cl_ours")" \
        "$(cl_value "${cl_step}_median_ms" "$cl_ours")" "$cl_peer_rate" "$(cl_value to_dict_best_mb_per_s "$cl_theirs")" \
        "$cl_goal_text"
done
echo "changelog-extract-10mb: release $(cl_value extract_version "$cl_ours") of $cl_releases," \
    "$(cl_value extract_notes_bytes "$cl_ours") bytes of notes; the extraction alone (outline made once)" \
    "$(cl_value extract_only_median_ms "$cl_ours") ms"

# --- 2. Whole process ----------------------------------------------------------------------------
cl_middle=$(cl_value extract_version "$cl_ours")
[ -n "$("$SHIPNOTES" notes --changelog "$cl_file" --version "$cl_middle")" ] \
    || echo "changelog: WARNING: --version $cl_middle printed no notes"
bench_compare changelog-latest-10mb keepachangelog "$SHIPNOTES notes --changelog $cl_file --latest" "$cl_peer" 20
echo "changelog-latest-10mb: shipnotes $(cl_goal "$(python3 -c "print($(cl_mean changelog-latest-10mb) * 1000)")" "<" 25 ms)"
bench_compare changelog-list-10mb keepachangelog "$SHIPNOTES notes --changelog $cl_file --list" "$cl_peer" 20

# --- 3. Pathological inputs ----------------------------------------------------------------------
# Each case at 1 MB and 4 MB; a case whose run does not finish in 30 s is measured again at 64 kB
# and 256 kB instead, so that its ratio (~16 for a quadratic reader) is printed too. A run that takes
# over 2 s is timed once, not with hyperfine, to keep the job's time bounded.
cl_patho="$cl_dir/pathological"
python3 Benchmarks/gen/changelog_pathological.py "$cl_patho" 1mb 4mb 64kb 256kb
: >"$cl_patho/empty.md"
bench_time changelog-patho-empty "$SHIPNOTES notes --changelog $cl_patho/empty.md --list || true" 10
cl_base=$(cl_mean changelog-patho-empty)

# cl_once FILE: runs --list on FILE once, given 30 s, and sets cl_seconds to the seconds it took, or
# to "timeout". Warns when the number of releases listed is not the generator's.
cl_once() {
    local file=$1 expected listed status start end
    expected=$(awk -v f="$(basename "$file")" '$1 == f { print $2 }' "$cl_patho/expected.txt")
    start=$(date +%s.%N)
    # With pipefail the status is timeout's (wc succeeds): 124 when the run was stopped.
    listed=$(timeout 30 "$SHIPNOTES" notes --changelog "$file" --list 2>/dev/null | wc -l) && status=0 || status=$?
    end=$(date +%s.%N)
    if [ "$status" = 124 ]; then
        cl_seconds=timeout
        return
    fi
    [ "$listed" = "$expected" ] || echo "changelog-patho: WARNING: $(basename "$file") lists $listed releases, expected $expected"
    cl_seconds=$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$start" "$end")
}

# cl_series CASE SMALL LARGE: times CASE at both sizes, whole process and in process, and prints the
# ratios. Returns 1, printing no ratio, when a run at either size did not finish.
cl_series() {
    local name=$1 size whole=() inproc=()
    for size in "$2" "$3"; do
        local input="$cl_patho/$name-$size.md"
        cl_once "$input"
        [ "$cl_seconds" = timeout ] && return 1
        if [ "$(python3 -c "print($cl_seconds > 2)")" = True ]; then
            echo "changelog-patho-$name-$size: one run $cl_seconds s"
            whole+=("$cl_seconds")
            inproc+=("nan")
            continue
        fi
        bench_time "changelog-patho-$name-$size" "$SHIPNOTES notes --changelog $input --list >/dev/null 2>&1 || true" 10
        whole+=("$(cl_mean "changelog-patho-$name-$size")")
        # In process, the fastest of at least 10 runs and 0.2 s: a read of 50 µs gets thousands of
        # samples, and the fastest is the one least disturbed by other work on the machine.
        inproc+=("$(cl_value list_best_ms "$("$CHANGELOG_BENCH" "$input" --list-only --iterations 10 --warmup 3 --min-time 0.2)")")
    done
    python3 -c '
import math, sys
name, small_label, large_label = sys.argv[1:4]
base, small, large, small_in, large_in = map(float, sys.argv[4:])
if math.isnan(small_in) or math.isnan(large_in):
    inproc = "in process: not run (a run takes seconds)"
else:
    inproc = f"in process (fastest) {small_in:.2f} / {large_in:.2f} ms, ratio {large_in / max(small_in, 1e-4):.1f}"
# Under 10 ms of work over the empty file, the whole-process ratio is noise of process start: say so.
if small - base < 0.010:
    whole = f"whole process {small * 1000:.1f} / {large * 1000:.1f} ms, within 10 ms of process start"
else:
    whole = f"whole process ratio {(large - base) / (small - base):.1f} without process start"
print(f"changelog-patho-{name}: {large_label}/{small_label} {whole}; {inproc} (linear ~4)")' \
        "$name" "$2" "$3" "$cl_base" "${whole[0]}" "${whole[1]}" "${inproc[0]}" "${inproc[1]}"
}

for cl_case in hash-line hash-title headings-plain headings-release fence-unclosed comment-unclosed \
    bracket-body bracket-title angle-body angle-title backtick-body backtick-title quotes-nested lists-nested; do
    cl_series "$cl_case" 1mb 4mb && continue
    echo "changelog-patho-$cl_case: a run did not finish in 30 s at 1 MB or 4 MB; at 64 kB and 256 kB instead:"
    cl_series "$cl_case" 64kb 256kb || echo "changelog-patho-$cl_case: did not finish in 30 s at 256 kB either"
done
