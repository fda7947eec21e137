# Changelog reader (`shipnotes notes --changelog`) against the keepachangelog package from PyPI,
# the usual reader of this format in release scripts. keepachangelog reads line by line (a line
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
cl_peer="python3 -c 'import keepachangelog,sys; keepachangelog.to_dict(sys.argv[1])'"

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
print(f"goal {op} {limit:g} {unit}: {\"met\" if met else \"NOT met\"}")' "$@"
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
cl_patho="$cl_dir/pathological"
python3 Benchmarks/gen/changelog_pathological.py "$cl_patho" 1 4
: >"$cl_patho/empty.md"
bench_time changelog-patho-empty "$SHIPNOTES notes --changelog $cl_patho/empty.md --list || true" 10
cl_base=$(cl_mean changelog-patho-empty)

# cl_check FILE: runs --list on FILE once, given 60 s: "timeout", or the seconds it took. Also
# warns when the number of releases listed is not the generator's.
cl_check() {
    local file=$1 expected listed status start end
    expected=$(awk -v f="$(basename "$file")" '$1 == f { print $2 }' "$cl_patho/expected.txt")
    start=$(date +%s.%N)
    listed=$(timeout 60 "$SHIPNOTES" notes --changelog "$file" --list 2>/dev/null | wc -l) && status=0 || status=$?
    end=$(date +%s.%N)
    # wc's status is the pipeline's; timeout's is what tells a hang from a file without releases.
    if [ "$(python3 -c "print(float('$end') - float('$start') >= 60)")" = True ]; then
        echo timeout
        return
    fi
    [ "$listed" = "$expected" ] || echo "changelog-patho: WARNING: $(basename "$file") lists $listed releases, expected $expected" >&2
    python3 -c "print(f'{float(\"$end\") - float(\"$start\"):.3f}')"
}

for cl_case in hash-line hash-title headings-plain headings-release fence-unclosed comment-unclosed \
    bracket-body bracket-title angle-body angle-title backtick-body backtick-title quotes-nested lists-nested; do
    cl_whole=() cl_inproc=() cl_note=""
    for cl_size in 1 4; do
        cl_input="$cl_patho/$cl_case-${cl_size}mb.md"
        cl_once=$(cl_check "$cl_input")
        if [ "$cl_once" = timeout ]; then
            cl_note="${cl_size} MB: --list did not finish in 60 s"
            break
        fi
        # A case that takes seconds is measured 3 times, not 10, to keep the job's time bounded.
        cl_runs=$(python3 -c "print(3 if $cl_once > 1 else 10)")
        bench_time "changelog-patho-$cl_case-${cl_size}mb" \
            "$SHIPNOTES notes --changelog $cl_input --list >/dev/null 2>&1 || true" "$cl_runs"
        cl_whole+=("$(cl_mean "changelog-patho-$cl_case-${cl_size}mb")")
        cl_inproc+=("$(cl_value list_median_ms "$("$CHANGELOG_BENCH" "$cl_input" --list-only --iterations "$cl_runs" --warmup 1)")")
    done
    if [ -n "$cl_note" ]; then
        echo "changelog-patho-$cl_case: $cl_note (quadratic or worse)"
        continue
    fi
    python3 -c '
import sys
name, base, small, large, small_in, large_in = sys.argv[1], *map(float, sys.argv[2:])
whole = (large - base) / max(small - base, 1e-4)
inproc = large_in / max(small_in, 1e-4)
print(f"changelog-patho-{name}: 4 MB/1 MB ratio {whole:.1f} whole process without process start, "
      f"{inproc:.1f} in process ({small_in:.2f} ms, {large_in:.2f} ms) (linear ~4)")' \
        "$cl_case" "$cl_base" "${cl_whole[0]}" "${cl_whole[1]}" "${cl_inproc[0]}" "${cl_inproc[1]}"
done
