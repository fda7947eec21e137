# Markdown → HTML on a generated 5 MB changelog: `shipnotes render` against the cmark CLI, which
# links the same libcmark, so the ratio is our overhead (process start, reading, writing).
[ -f "$BENCH_OUT/changelog.md" ] || python3 Benchmarks/gen/changelog.py "$BENCH_OUT/changelog.md" 5000000
cmp -s <("$SHIPNOTES" render "$BENCH_OUT/changelog.md") <(cmark "$BENCH_OUT/changelog.md") \
    || echo "markdown-html: WARNING: output differs from cmark's"
bench_compare markdown-html cmark \
    "$SHIPNOTES render --from markdown $BENCH_OUT/changelog.md" \
    "cmark $BENCH_OUT/changelog.md" 20
