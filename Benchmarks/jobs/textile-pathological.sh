# Pathological Textile: unclosed inline markers repeated 10,000 and 100,000 times, deep nesting and
# one very long line. A linear renderer takes ~10x as long for 100k as for 10k once the time of
# rendering an empty file (process start) is taken off both; RedCloth (whose scanner rescans the
# rest of the line for each unclosed `*`) is run alongside, each input once, given 30 s.
patho_dir="$BENCH_OUT/textile-pathological"
python3 Benchmarks/gen/textile_pathological.py "$patho_dir"

# patho_mean NAME: the mean in seconds that bench_time stored for NAME.
patho_mean() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$BENCH_OUT/$1.json"
}

# patho_redcloth FILE: RedCloth's wall time for FILE in seconds, or "timeout" after 30 s.
patho_redcloth() {
    local start end
    start=$(date +%s.%N)
    if timeout 30 ruby -rredcloth -e 'print RedCloth.new(File.read(ARGV[0])).to_html' "$1" >/dev/null 2>&1; then
        end=$(date +%s.%N)
        python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}s")' "$start" "$end"
    else
        echo "timeout(>30s)"
    fi
}

: >"$patho_dir/empty.txt"
bench_time "textile-patho-empty" "$SHIPNOTES render --from textile $patho_dir/empty.txt" 10
patho_base=$(patho_mean textile-patho-empty)

for patho_name in star underscore quote bracket bang percent at equals link tag nest longline; do
    bench_time "textile-patho-$patho_name-10k" "$SHIPNOTES render --from textile $patho_dir/$patho_name-10k.txt" 5
    bench_time "textile-patho-$patho_name-100k" "$SHIPNOTES render --from textile $patho_dir/$patho_name-100k.txt" 5
    patho_ratio=$(python3 -c '
import sys
base, small, large = (float(value) for value in sys.argv[1:])
print(f"{(large - base) / max(small - base, 1e-4):.1f}")' \
        "$patho_base" "$(patho_mean "textile-patho-$patho_name-10k")" "$(patho_mean "textile-patho-$patho_name-100k")")
    echo "textile-patho-$patho_name: 100k/10k ratio $patho_ratio without process start (linear ~10)" \
        "  redcloth 10k $(patho_redcloth "$patho_dir/$patho_name-10k.txt")" \
        " 100k $(patho_redcloth "$patho_dir/$patho_name-100k.txt")"
done
