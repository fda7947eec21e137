#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/Package.swift with -sanitize=fuzzer,address and runs each:
# first over its regression inputs (Fuzz/Regressions/<Target>/, every input that once crashed or
# broke a property, which must all pass now), then for SECONDS of fuzzing from its seed corpus
# (make_seeds.py: the inputs the tests use) and the corpus earlier runs grew (.build-fuzz/corpus/).
#
#   Fuzz/run.sh [SECONDS] [TARGET ...]      default: 60 seconds each, every target
#
# Prints per target how long it ran, how many inputs it tried and what it found. A crash, a memory
# error, a non-linear input or (with FUZZ_STRICT=1) a broken property stops that target; the input
# is left in .build-fuzz/findings/<Target>/ and the script exits 1 after the other targets ran.
# Inputs that only broke a recorded property (the writer's rendering differing from cmark's) are
# counted and kept in .build-fuzz/differences/<Target>/.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${1:-60}
shift || true
: "${CONFORMANCE_DIR:?set CONFORMANCE_DIR to the shared conformance folder (the seeds come from it)}"

all_targets=$(sed -n 's/^ *name: "\(Fuzz[A-Za-z]*\)",$/\1/p' Package.swift | grep -v FuzzSupport)
targets=${*:-$all_targets}
scratch="$root/.build-fuzz"

python3 -c 'import yaml' 2>/dev/null || PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q pyyaml
echo "fuzz: building $(echo $targets | wc -w) targets with -sanitize=fuzzer,address" >&2
mkdir -p "$scratch"
# The build plan of this package caches the main package's file list, and a source file added to
# or removed from it since the last run would not be seen: plan again each time (compiling stays
# incremental).
rm -f "$scratch/release.yaml" "$scratch"/*/release/description.json
swift build --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -enable-testing >"$scratch/build.log" 2>&1 \
    || { grep -v "Cannot export local symbol" "$scratch/build.log" | tail -40 >&2; exit 1; }
bin=$(swift build --scratch-path "$scratch" -c release --show-bin-path)

rm -rf "$scratch/seeds"
python3 make_seeds.py "$CONFORMANCE_DIR" "$root" "$scratch/seeds" >&2

# Swift's own crash handler reads the dying process's memory, which ASan reports as a second error;
# libFuzzer prints the stack itself. The one leak suppressed is Foundation's (CFErrorCreate, when
# PropertyListSerialization reports a bad plist), not the project's.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/lsan-suppressions.txt:print_suppressions=0"

failed=0
for target in $targets; do
    corpus="$scratch/corpus/$target" findings="$scratch/findings/$target/" differences="$scratch/differences/$target"
    # Differences are counted per run (the corpus, which only grows, is kept).
    rm -rf "$differences"
    mkdir -p "$corpus" "$findings" "$differences"
    extra_seeds=()
    [ -d "$scratch/seeds/$target" ] && extra_seeds=("$scratch/seeds/$target")
    # Regression inputs first: each runs once, and all must pass.
    regressions=(Regressions/"$target"/*)
    if [ "${#regressions[@]}" -gt 0 ]; then
        if ! FUZZ_DIFFERENCES_DIR="$differences" "$bin/$target" "${regressions[@]}" >"$scratch/$target-regressions.log" 2>&1; then
            echo "fuzz: $target: a regression input fails again:" >&2
            grep -E "ERROR|Fatal error|not linear|property broken|Running:" "$scratch/$target-regressions.log" | tail -5 >&2
            failed=1
            continue
        fi
    fi
    log="$scratch/$target.log"
    status=0
    FUZZ_DIFFERENCES_DIR="$differences" "$bin/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$findings" "$corpus" "${extra_seeds[@]}" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    took=$(sed -n 's/^stat::.*//; s/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
    found=$(find "$findings" -type f | wc -l)
    diffs=$(find "$differences" -name '*.txt' | wc -l)
    echo "fuzz: $target: ${took:-$seconds} s, ${runs:-?} inputs, ${coverage:-cov: ?}," \
        "${#regressions[@]} regression inputs, findings: $found, recorded differences: $diffs"
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target stopped (exit $status):" >&2
        grep -E "ERROR|Fatal error|not linear|property broken|Test unit written" "$log" | head -5 >&2
        echo "fuzz: keep the input as a regression case: cp $findings* Fuzz/Regressions/$target/" >&2
        failed=1
    fi
done
exit "$failed"
