#!/bin/bash
# bench_server.sh: load on a real `bpfdojo serve`: C clients (each its own address through
# X-Forwarded-For) keep submitting an exercise's reference solution for D seconds.  Prints
# completed runs per minute, failed runs (a stream without a CORRECT verdict), 503s (counted
# apart: the queue said "later"), the median and p99 time to the verdict and the median time
# to the first event, measured at the client by curl.  Loopback only.
# Then (or first, with seconds 0 for only this) the compile figures through POST /api/check.
# Usage: bench_server.sh <bpfdojo binary> [clients] [seconds] [sandbox] [checks]
set -u
BIN=$1 C=${2:-8} D=${3:-60} SANDBOX=${4:-vm} CHECKS=${5:-21}
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

# Compile figures through POST /api/check, interleaved with the floor measured in the same run:
# clang-19 -target bpf -O2 -g -c on an empty file, outside any jail.  CHECKS rounds (0: none).
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000 )); }       # microseconds since $1 (ns)
check_us() {
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "X-Forwarded-For:10.2.0.1" \
		--data-binary @"$1" "http://127.0.0.1:$PORT/api/check/process-name" |
		awk '$1 == 200 { printf "%d\n", $2 * 1000000 } $1 != 200 { print "fail" }'
}
median() { sort -n | awk '{a[NR]=$1} END {if (!NR) {print 0; exit} print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
if [ "$CHECKS" -gt 0 ]; then
	: > "$TMP/empty.c"
	check_us "$ROOT/bench/programs/small.bpf.c" >/dev/null      # the first request opens the way
	for _ in $(seq 1 "$CHECKS"); do
		t=$(date +%s%N); clang-19 -target bpf -O2 -g -c "$TMP/empty.c" -o "$TMP/empty.o"; ms_since "$t" >> "$TMP/floor"
		check_us "$ROOT/bench/programs/small.bpf.c" >> "$TMP/small"
		check_us "$ROOT/bench/programs/task.bpf.c" >> "$TMP/task"
	done
	fl=$(median < "$TMP/floor")
	echo "bench_server: compile through POST /api/check, medians of $CHECKS, interleaved"
	for f in floor small task; do
		case $f in
		floor) what="floor: clang-19 -target bpf -O2 -g -c, empty file" ;;
		small) what="POST /api/check, small program (bench/programs/small.bpf.c)" ;;
		task) what="POST /api/check, task_struct program (bench/programs/task.bpf.c)" ;;
		esac
		grep -q fail "$TMP/$f" && { echo "bench_server: a check failed" >&2; exit 1; }
		m=$(median < "$TMP/$f")
		awk -v w="$what" -v m="$m" -v f="$fl" 'BEGIN { printf "  %-66s %6.1f ms  %5.2fx floor\n", w, m / 1000, m / f }'
	done
fi
[ "$D" -gt 0 ] || { kill -TERM $SPID; wait $SPID 2>/dev/null; exit 0; }

t0=$(date +%s.%N)
for i in $(seq 1 "$C"); do client "$i" & done
wait $(jobs -p | grep -v "^$SPID$") 2>/dev/null
t1=$(date +%s.%N)
kill -TERM $SPID; wait $SPID 2>/dev/null

cat "$TMP"/res.* > "$TMP/all"
ok=$(grep -c '^ok' "$TMP/all"); failed=$(grep -c '^fail' "$TMP/all"); busy=$(grep -c '^busy' "$TMP/all")
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {if (!NR) {print "-"; exit} i=int((NR-1)*p)+1; printf "%.0f", a[i]*1000}'; }
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "bench_server: $C clients, ${D} s, sandbox $SANDBOX, $(nproc) cores, accelerator ${ACCEL:-?}"
echo "  completed runs:  $ok ($(awk -v n="$ok" -v s="$secs" 'BEGIN { printf "%.0f", n * 60 / s }') a minute)"
echo "  failed runs:     $failed"
echo "  503 (busy):      $busy"
echo "  time to verdict: p50 $(grep '^ok' "$TMP/all" | awk '{print $3}' | pct 0.5) ms, p99 $(grep '^ok' "$TMP/all" | awk '{print $3}' | pct 0.99) ms"
echo "  first event:     p50 $(grep '^ok' "$TMP/all" | awk '{print $2}' | pct 0.5) ms"
