# Upload job: a 1 GiB build uploaded to a loopback sink by `shipnotes upload` and by `curl -F`, side by
# side (wall time), then the peak resident memory of each. The sink (gen/upload_sink.py) reads and
# discards each body and answers 201, so both clients see the same server.
upload_dir="$BENCH_OUT/upload"
upload_ipa="$upload_dir/Bench-1GiB.ipa"
upload_size=1073741824
mkdir -p "$upload_dir"
if [ ! -f "$upload_ipa" ] || [ "$(stat -c %s "$upload_ipa")" -lt "$upload_size" ]; then
    python3 Benchmarks/gen/make_ipa.py "$upload_ipa" "$upload_size" 1
fi

rm -f "$upload_dir/sink.port" "$upload_dir/sink.port.last"
python3 Benchmarks/gen/upload_sink.py "$upload_dir/sink.port" 120 &
upload_sink_pid=$!
for _ in $(seq 100); do [ -s "$upload_dir/sink.port" ] && break; sleep 0.1; done
upload_url="http://127.0.0.1:$(cat "$upload_dir/sink.port")"

upload_ours="HOCKEYAPP_API_TOKEN=bench-token $SHIPNOTES upload --app-id benchapp --ipa $upload_ipa --notes 'Benchmark build' --base-url $upload_url --json"
upload_curl="curl -sS -o /dev/null -H 'X-HockeyAppToken: bench-token' -F ipa=@$upload_ipa -F 'notes=Benchmark build' -F notes_type=1 $upload_url/api/2/apps/benchapp/app_versions/upload"

bench_compare "upload-1GiB" "curl -F" "$upload_ours" "$upload_curl" 5

# The sink must have received exactly the Content-Length shipnotes announces, not a chunked body.
upload_expected=$(HOCKEYAPP_API_TOKEN=bench-token $SHIPNOTES upload --app-id benchapp --ipa "$upload_ipa" \
    --notes 'Benchmark build' --base-url "$upload_url" --dry-run | awk '/^Content-Length:/ {print $2}')
bash -c "$upload_ours" >/dev/null 2>&1
echo "upload-1GiB body: announced $upload_expected bytes, sink received $(cat "$upload_dir/sink.port.last")"

# Peak RSS measured here rather than with bench_peak_rss, whose 2>/dev/null also swallows time's report.
upload_peak_rss() {
    /usr/bin/time -o "$upload_dir/rss" -f '%M' bash -c "$1" >/dev/null 2>&1
    awk '{ printf "%.1f", $1 / 1024 }' "$upload_dir/rss"
}
echo "upload-1GiB peak RSS: shipnotes $(upload_peak_rss "$upload_ours") MiB, curl $(upload_peak_rss "$upload_curl") MiB"
kill "$upload_sink_pid" 2>/dev/null || true
wait "$upload_sink_pid" 2>/dev/null || true
