# Upload-wait job: the CPU time `shipnotes upload` and `curl -F` spend on one small build while the
# server holds its answer for 10 s (gen/upload_sink.py --delay reads the whole body, then waits). Waiting
# should cost next to nothing; a client that polls its socket instead spends a core. Measured as
# user + system time of each process (GNU time), one run each, side by side.
wait_dir="$BENCH_OUT/upload-wait"
wait_ipa="$wait_dir/Bench-1MiB.ipa"
wait_delay=10
mkdir -p "$wait_dir"
[ -f "$wait_ipa" ] || python3 Benchmarks/gen/make_ipa.py "$wait_ipa" 1048576 1

rm -f "$wait_dir/sink.port"
python3 Benchmarks/gen/upload_sink.py "$wait_dir/sink.port" 120 --delay "$wait_delay" &
wait_sink_pid=$!
for _ in $(seq 100); do [ -s "$wait_dir/sink.port" ] && break; sleep 0.1; done
wait_url="http://127.0.0.1:$(cat "$wait_dir/sink.port")"

wait_ours="HOCKEYAPP_API_TOKEN=bench-token $SHIPNOTES upload --app-id benchapp --ipa $wait_ipa --notes 'Benchmark build' --base-url $wait_url --json"
wait_curl="curl -sS -o /dev/null -H 'X-HockeyAppToken: bench-token' -F ipa=@$wait_ipa -F 'notes=Benchmark build' -F notes_type=1 $wait_url/api/2/apps/benchapp/app_versions/upload"

# upload_wait_cpu NAME CMD: runs CMD once and writes "cpu_seconds wall_seconds" to $wait_dir/NAME.
upload_wait_cpu() {
    /usr/bin/time -o "$wait_dir/$1" -f '%U %S %e' bash -c "$2" >/dev/null 2>&1 || echo "upload-wait: $1 failed" >&2
    awk '{ printf "%.2f %.1f", $1 + $2, $3 }' "$wait_dir/$1" >"$wait_dir/$1.cpu"
}
upload_wait_cpu shipnotes "$wait_ours"
upload_wait_cpu curl "$wait_curl"
kill "$wait_sink_pid" 2>/dev/null || true
wait "$wait_sink_pid" 2>/dev/null || true

python3 - "$wait_dir/shipnotes.cpu" "$wait_dir/curl.cpu" "$wait_delay" <<'PY'
import sys
ours_cpu, ours_wall = map(float, open(sys.argv[1]).read().split())
curl_cpu, curl_wall = map(float, open(sys.argv[2]).read().split())
# curl's CPU is often below the timer's resolution; a floor of 10 ms keeps the ratio finite.
ratio = ours_cpu / max(curl_cpu, 0.01)
print(f"{'upload-wait-' + sys.argv[3] + 's':<34} shipnotes {ours_cpu:6.2f} s CPU in {ours_wall:5.1f} s   "
      f"curl -F {curl_cpu:6.2f} s CPU in {curl_wall:5.1f} s   ratio {ratio:5.1f}x")
PY
