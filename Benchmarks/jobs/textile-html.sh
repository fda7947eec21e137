# Textile → HTML on a generated 5 MB release-notes document: `shipnotes render --from textile`
# against RedCloth 4.3 (C scanner, Ruby formatter), process to process. Also times a 10 MB document.
[ -f "$BENCH_OUT/notes.textile" ] || python3 Benchmarks/gen/textile_notes.py "$BENCH_OUT/notes.textile" 5000000
[ -f "$BENCH_OUT/notes-10mb.textile" ] || python3 Benchmarks/gen/textile_notes.py "$BENCH_OUT/notes-10mb.textile" 10000000
cmp -s <("$SHIPNOTES" render --from textile "$BENCH_OUT/notes.textile") \
    <(ruby -rredcloth -e 'print RedCloth.new(File.read(ARGV[0])).to_html' "$BENCH_OUT/notes.textile") \
    || echo "textile-html: WARNING: output differs from RedCloth's"
bench_compare textile-html redcloth \
    "$SHIPNOTES render --from textile $BENCH_OUT/notes.textile" \
    "ruby -rredcloth -e 'print RedCloth.new(File.read(ARGV[0])).to_html' $BENCH_OUT/notes.textile" 3
bench_time textile-html-10mb "$SHIPNOTES render --from textile $BENCH_OUT/notes-10mb.textile" 3
