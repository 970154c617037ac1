#!/bin/bash
# bench_server.sh: load on a real `bpfdojo serve`: C clients (each its own address through
# X-Forwarded-For) keep submitting an exercise's reference solution for D seconds.  Prints
# completed runs per minute, failed runs (a stream without a CORRECT verdict), 503s (counted
# apart: the queue said "later"), the median and p99 time to the verdict and the median time
# to the first event, measured at the client by curl.  Loopback only.
# Usage: bench_server.sh <bpfdojo binary> [clients] [seconds] [sandbox]
set -u
BIN=$1 C=${2:-8} D=${3:-60} SANDBOX=${4:-vm}
ROOT=$(pwd)
SOL=$(find "$ROOT/exercises" -path '*-process-name/solution.bpf.c' | head -n 1)
TMP=$(mktemp -d)
trap 'kill $SPID 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

"$BIN" serve --listen 127.0.0.1:0 --sandbox "$SANDBOX" --trusted-proxies 127.0.0.1 \
	--rate 100000 --burst 1000 --queue 64 --log "$TMP/log" 2> "$TMP/err" &
SPID=$!
for _ in $(seq 1 600); do
	PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$TMP/err")
	[ -n "$PORT" ] && break
	sleep 0.1
done
[ -n "$PORT" ] || { echo "bench_server: the server did not start" >&2; cat "$TMP/err" >&2; exit 1; }

client() {
	end=$(( $(date +%s) + D ))
	while [ "$(date +%s)" -lt "$end" ]; do
		curl -sN --max-time 60 -o "$TMP/body.$1" -w '%{http_code} %{time_starttransfer} %{time_total}\n' \
			-H "X-Forwarded-For:10.1.0.$1" --data-binary @"$SOL" \
			"http://127.0.0.1:$PORT/api/run/process-name" > "$TMP/w.$1"
		read -r code first total < "$TMP/w.$1"
		if [ "$code" = 503 ]; then
			echo "busy" >> "$TMP/res.$1"; sleep 0.2
		elif [ "$code" = 200 ] && grep -q '"verdict":"CORRECT"' "$TMP/body.$1" && grep -q 'event: done' "$TMP/body.$1"; then
			echo "ok $first $total" >> "$TMP/res.$1"
		else
			echo "fail $code" >> "$TMP/res.$1"
		fi
	done
}
ACCEL=$(curl -s "http://127.0.0.1:$PORT/healthz" | sed -n 's/.*"accelerator":"\([a-z]*\)".*/\1/p')
t0=$(date +%s.%N)
for i in $(seq 1 "$C"); do client "$i" & done
wait $(jobs -p | grep -v "^$SPID$") 2>/dev/null
t1=$(date +%s.%N)
kill -TERM $SPID; wait $SPID 2>/dev/null

cat "$TMP"/res.* > "$TMP/all"
ok=$(grep -c '^ok' "$TMP/all"); failed=$(grep -c '^fail' "$TMP/all"); busy=$(grep -c '^busy' "$TMP/all")
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {if (!NR) {print "-"; exit} i=int((NR-1)*p)+1; printf "%.0f", a[i]*1000}'; }
secs=$(echo "$t1 - $t0" | bc)
echo "bench_server: $C clients, ${D} s, sandbox $SANDBOX, $(nproc) cores, accelerator ${ACCEL:-?}"
echo "  completed runs:  $ok ($(echo "$ok * 60 / $secs" | bc) a minute)"
echo "  failed runs:     $failed"
echo "  503 (busy):      $busy"
echo "  time to verdict: p50 $(grep '^ok' "$TMP/all" | awk '{print $3}' | pct 0.5) ms, p99 $(grep '^ok' "$TMP/all" | awk '{print $3}' | pct 0.99) ms"
echo "  first event:     p50 $(grep '^ok' "$TMP/all" | awk '{print $2}' | pct 0.5) ms"
