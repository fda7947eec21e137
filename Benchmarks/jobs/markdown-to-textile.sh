# Markdown → Textile on the generated 5 MB changelog: `shipnotes render --to textile` against
# pandoc's Textile writer, process to process; then the same conversion against our own
# Markdown → HTML on the same file, measured side by side (the issue allows at most 2x).
# Whether the Textile means what the Markdown means is the round-trip tests' job, not this one's.
[ -f "$BENCH_OUT/changelog.md" ] || python3 Benchmarks/gen/changelog.py "$BENCH_OUT/changelog.md" 5000000
"$SHIPNOTES" render --from markdown --to textile "$BENCH_OUT/changelog.md" >"$BENCH_OUT/changelog.textile"
[ -s "$BENCH_OUT/changelog.textile" ] || echo "markdown-textile: WARNING: no Textile written"
bench_compare markdown-textile pandoc \
    "$SHIPNOTES render --from markdown --to textile $BENCH_OUT/changelog.md" \
    "pandoc -f commonmark -t textile $BENCH_OUT/changelog.md" 3
bench_compare markdown-textile-vs-html "shipnotes-html" \
    "$SHIPNOTES render --from markdown --to textile $BENCH_OUT/changelog.md" \
    "$SHIPNOTES render --from markdown $BENCH_OUT/changelog.md" 10
