#!/bin/bash
# test_server.sh: `bpfdojo serve` driven over HTTP with curl, as a browser or the CLI would:
# the catalogue, runs streamed as SSE (in order, the first event before the verdict, by the
# client's clock), checks, static files, every limit (413, 429, 503 + Retry-After), 404/405,
# /metrics from a refused address, a client that hangs up, SIGHUP, and SIGTERM with a run in
# flight leaving no process or BPF program behind.  Host mode for most (fast), then one run
# and one shutdown in vm mode (the default sandbox).  Needs root, curl and jq; loopback only.
# Usage: test_server.sh <bpfdojo binary>
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_server.sh: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
T0=$(date +%s)
section() { echo "test_server.sh: $* (at $(( $(date +%s) - T0 )) s)"; }
sol() { find "$ROOT/exercises" -path "*-$1/$2" | head -n 1; }

TMP=$(mktemp -d)
# the CLI keeps progress there, never in the home of whoever runs the tests
export XDG_STATE_HOME="$TMP/state-all"
PIDS=""
cleanup() {
	for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
	[ -n "${KEEP_TMP:-}" ] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT

for tool in curl jq; do
	command -v $tool >/dev/null || { bad "$tool is missing (scripts/install-deps.sh)"; echo "server: $pass passed, $fail failed"; exit 1; }
done

. "$ROOT/tests/server_lib.sh"

# sse FILE EXERCISE SOURCE [curl args]: POST a run; FILE gets "<ns> <event> <json>" per event
sse() {
	out=$1 ex=$2 src=$3; shift 3
	curl -sN --max-time 60 --data-binary @"$src" "$@" "$B/api/run/$ex" | {
		ev=""
		while IFS= read -r line; do
			case "$line" in
			"event: "*) ev=${line#event: } ;;
			"data: "*) printf '%s %s %s\n' "$(date +%s%N)" "$ev" "${line#data: }" ;;
			esac
		done
	} > "$out"
}
bpf_progs() { bpftool prog show 2>/dev/null | grep -c '^[0-9]*:'; }
agents() { n=$(pgrep -c -f "bpfdojo-agent"); [ "$n" = 0 ] || pgrep -af "bpfdojo-agent" >&2; echo "$n"; }
qemus() { pgrep -c -x 'qemu-system-x86' || pgrep -c -f 'qemu-system' || true; }

# --- settings refused before anything starts -------------------------------------------------
section "settings refused before anything starts"
"$BIN" serve --sandbox host --listen 0.0.0.0:0 > "$TMP/refuse.out" 2>&1
check '[ $? = 3 ] && grep -q dangerously "$TMP/refuse.out"' "host sandbox on a network address is refused"
"$BIN" serve --runs lots > "$TMP/refuse.out" 2>&1
check '[ $? = 3 ] && grep -q "runs takes" "$TMP/refuse.out"' "a bad flag value is refused"
printf 'listen = 127.0.0.1:0\nfrobnicate = 1\n' > "$TMP/bad.conf"
"$BIN" serve --config "$TMP/bad.conf" > "$TMP/refuse.out" 2>&1
check '[ $? = 3 ] && grep -q "bad.conf:2" "$TMP/refuse.out"' "config file errors name the line"

# --- the web directory -----------------------------------------------------------------------
section "the web directory"
W=$TMP/web
mkdir -p "$W/assets" "$W/empty" "$W/docs"
echo '<!doctype html><title>dojo</title>' > "$W/index.html"
echo '<p>docs</p>' > "$W/docs/index.html"
for i in $(seq 1 200); do echo "body { color: #$i$i; } /* padding to make it worth compressing */"; done > "$W/assets/app.css"
echo 'console.log("plain")' > "$W/assets/app.js"
for i in $(seq 1 100); do echo "export const x$i = $i;"; done > "$W/assets/pre.js"
gzip -9 -k "$W/assets/pre.js"
echo secret > "$TMP/outside.txt"
echo hidden > "$W/.env"
ln -s "$TMP/outside.txt" "$W/escape.txt"
ln -s ../outside.txt "$W/escape2.txt"
ln -s assets/app.js "$W/inside.js"

cat > "$TMP/host.conf" <<EOF
# the test server: host mode, small limits so they can be crossed
sandbox = host
runs = 1
queue = 1
rate = 60
burst = 8
run-timeout = 4000
shutdown-timeout = 1000
trusted-proxies = 127.0.0.1
metrics-allow = 127.0.0.1
web = $W
log = $TMP/logs/requests.log
EOF
# the server reopens its log on SIGHUP as the user it became, in a folder only root may write
chmod 0755 "$TMP"
mkdir -p "$TMP/logs"
PROGS0=$(bpf_progs)
if ! start_server host --config "$TMP/host.conf"; then
	bad "the host-mode server did not start"; cat "$TMP/host.err" >&2
	echo "server: $pass passed, $fail failed"; exit 1
fi
ok

# --- least privilege ---------------------------------------------------------------------------
section "least privilege"
# status_field PID FIELD: a line of /proc/PID/status, without its name
status_field() { sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"; }
SUID=$(id -u bpfdojo 2>/dev/null)
check '[ -n "$SUID" ] && [ "$(status_field "$SPID" Uid)" = "$(printf "%s\t%s\t%s\t%s" $SUID $SUID $SUID $SUID)" ]' "the server runs as the user bpfdojo: $(status_field "$SPID" Uid)"
for cap in CapInh CapPrm CapEff CapBnd CapAmb; do
	check '[ "$(status_field "$SPID" $cap)" = 0000000000000000 ]' "the server holds no capability: $cap $(status_field "$SPID" $cap)"
done
check '[ "$(status_field "$SPID" NoNewPrivs)" = 1 ]' "the server cannot gain privileges (no_new_privs)"
check '[ "$(status_field "$SPID" Groups)" = "" ]' "the server has no supplementary group"
BROKER=$(pgrep -P "$SPID" -x bpfdojo-broker | head -n 1)
check '[ -n "$BROKER" ] && [ "$(status_field "$BROKER" Uid | cut -f1)" = 0 ]' "the sandbox broker, the server's child, alone keeps root"
# each group of requests comes "through the proxy" from its own client, so buckets are fresh
# (one word, so it survives the word splitting of check's eval)
cl() { echo "-HX-Forwarded-For:10.0.0.$1"; }

# --- catalogue, health, routes ---------------------------------------------------------------
section "catalogue, health, routes"
curl -s $(cl 1) "$B/api/exercises" > "$TMP/list.json"
check 'jq -e ".exercises | length >= 3" "$TMP/list.json" >/dev/null' "catalogue lists the exercises"
check 'jq -e ".exercises[] | select(.id == \"process-name\") | .hook == \"tp/sched/sched_process_exec\"" "$TMP/list.json" >/dev/null' "catalogue names the hook"
curl -s $(cl 1) "$B/api/exercises/process-name" > "$TMP/one.json"
check 'jq -e ".lesson_html | test(\"<h1>\")" "$TMP/one.json" >/dev/null' "lesson rendered to HTML"
check 'jq -e ".lesson_html | test(\"<img src=\\\"/ex/process-name/ring-buffer.svg\\\"\")" "$TMP/one.json" >/dev/null' "a lesson's diagram at the address the web app ships it"
check 'jq -e ".starter | test(\"SEC\")" "$TMP/one.json" >/dev/null' "starter served"
check 'jq -e "(.hints | length) >= 2 and (.hints[0] | length) > 10" "$TMP/one.json" >/dev/null' "hints served, in order"
check 'jq -e ".answer_kind == \"string\" and (.title | length) > 0" "$TMP/one.json" >/dev/null' "answer kind and title"
# a line of the solution that the starter does not have
SOLTEXT=$(grep -vxF -f "$(sol process-name starter.bpf.c)" "$(sol process-name solution.bpf.c)" | grep -m1 '[a-z]' | sed 's/^[[:space:]]*//')
check '[ -n "$SOLTEXT" ] && ! grep -qF "$SOLTEXT" "$TMP/one.json"' "the solution is never served"
check '[ "$(status "$B/api/exercises/no-such" $(cl 1))" = 404 ]' "unknown exercise 404"
check '[ "$(status "$B/api/nothing" $(cl 1))" = 404 ]' "unknown route 404"
check 'curl -s $(cl 1) "$B/api/exercises/%ff%fe" | jq -e ".error == \"not_found\"" >/dev/null' "an id that is not UTF-8 still gets a JSON 404"
check 'curl -s $(cl 1) "$B/api/%ff/x" | jq -e ".error == \"not_found\"" >/dev/null' "a path that is not UTF-8 still gets a JSON 404"
curl -s -D "$TMP/h405" -o "$TMP/b405" -X DELETE $(cl 1) "$B/api/exercises" >/dev/null
check 'grep -q "^HTTP/1.1 405" "$TMP/h405" && grep -qi "^Allow: GET, HEAD" "$TMP/h405"' "405 with Allow"
check 'jq -e ".error == \"method_not_allowed\" and (.message | length) > 0" "$TMP/b405" >/dev/null' "errors are {error, message}"
check '[ "$(status "$B/api/run/process-name" $(cl 1))" = 405 ]' "GET on a run is 405"
curl -s "$B/healthz" > "$TMP/health.json"
check 'jq -e ".status == \"ok\" and .compiler == \"ready\" and .sandbox == \"host\" and .runs_in_flight == 0 and .queue_depth == 0" "$TMP/health.json" >/dev/null' "healthz"

# --- runs ------------------------------------------------------------------------------------
section "runs"
n=10
for ex in process-name argv-password exit-code; do
	n=$((n + 1))
	sse "$TMP/$ex.ok" "$ex" "$(sol "$ex" solution.bpf.c)" $(cl $n)
	check 'event_json "$TMP/$ex.ok" verdict | jq -e ".verdict == \"CORRECT\"" >/dev/null' "$ex solution CORRECT over SSE"
	check 'in_order "$TMP/$ex.ok" queued compiling compiled starting loaded attached workload_done verdict done' "$ex events in order"
	check '[ "$(tail -n 1 "$TMP/$ex.ok" | awk "{print \$2}")" = done ]' "$ex done is last"
	first=$(head -n 1 "$TMP/$ex.ok" | awk '{print $1}')
	verdict_at=$(event_ns "$TMP/$ex.ok" verdict)
	check '[ -n "$first" ] && [ -n "$verdict_at" ] && [ "$first" -lt "$verdict_at" ]' "$ex first event arrives before the verdict"
	n=$((n + 1))
	sse "$TMP/$ex.wrong" "$ex" "$(sol "$ex" wrong.bpf.c)" $(cl $n)
	check 'event_json "$TMP/$ex.wrong" verdict | jq -e ".verdict == \"WRONG\"" >/dev/null' "$ex wrong program WRONG"
done
check 'event_json "$TMP/process-name.ok" done | jq -e "has(\"queue_ms\") and has(\"compile_ms\") and has(\"total_ms\")" >/dev/null' "done carries the timings"
sse "$TMP/typeerr" process-name "$ROOT/tests/programs/type_error.bpf.c" $(cl 20)
check 'in_order "$TMP/typeerr" queued compiling compile_error verdict done' "non-compiling: compile_error then verdict"
check 'event_json "$TMP/typeerr" compile_error | jq -e ".diagnostics[0].line == 11 and .diagnostics[0].col > 0" >/dev/null' "compile_error has line and column"
check '! grep -q " starting " "$TMP/typeerr"' "a program that does not compile never starts"

# --- check -----------------------------------------------------------------------------------
section "check"
curl -s $(cl 21) --data-binary @"$ROOT/tests/programs/type_error.bpf.c" "$B/api/check?filename=type_error.bpf.c" > "$TMP/check.json"
check 'jq -e ".verdict == \"COMPILE_ERROR\" and .diagnostics[0].file == \"type_error.bpf.c\" and .diagnostics[0].line == 11" "$TMP/check.json" >/dev/null' "check: diagnostics with the file name given"
curl -s $(cl 21) --data-binary @"$(sol process-name starter.bpf.c)" "$B/api/check/process-name" > "$TMP/check2.json"
check 'jq -e ".verdict == \"OK\" and (.diagnostics | length) == 0" "$TMP/check2.json" >/dev/null' "check: a clean program"
check '[ "$(status "$B/api/check/no-such" $(cl 21) --data x)" = 404 ]' "check: unknown exercise 404"

# --- body limit ------------------------------------------------------------------------------
section "body limit"
head -c 70000 /dev/zero | tr '\0' a > "$TMP/big.c"
check '[ "$(status "$B/api/check" $(cl 22) --data-binary @"$TMP/big.c")" = 413 ]' "413 for a body past 64 KiB"
# declare 10 MB, send 1 KB, and read the answer: it comes without the rest being sent
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /api/run/process-name HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.23\r\nContent-Length: 10000000\r\n\r\n' >&3
head -c 1024 /dev/zero >&3
reply=$(timeout 5 head -n 1 <&3 | tr -d '\r')
exec 3>&-
check '[ "$reply" = "HTTP/1.1 413 Content Too Large" ] || [ "$reply" = "HTTP/1.1 413 Payload Too Large" ] || [ "$reply" = "HTTP/1.1 413 Request Entity Too Large" ]' "413 before the body is read ('$reply')"
# no Content-Length (chunked): cut off at the limit, never read to the end
curl -s -o /dev/null -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/big.c" $(cl 22) "$B/api/check"
check '[ $? != 0 ]' "a chunked body past the limit is cut off"
check 'grep -q "POST /api/check 413" "$TMP/logs/requests.log"' "the cut-off body is logged as 413"

# --- rate limit ------------------------------------------------------------------------------
section "rate limit"
: > "$TMP/rate"
for i in $(seq 1 12); do curl -s -o /dev/null -D - $(cl 30) "$B/api/exercises" | grep -i -e '^HTTP' -e '^Retry-After' >> "$TMP/rate"; done
check 'grep -q " 429" "$TMP/rate"' "429 past the rate limit"
check 'grep -qi "^Retry-After: [1-9]" "$TMP/rate"' "429 says when to retry"
check '[ "$(status "$B/api/exercises" $(cl 31))" = 200 ]' "another client is not limited"

# --- one run per client, the queue, hang-ups -------------------------------------------------
section "one run per client, the queue, hang-ups"
HANG=$ROOT/tests/programs/hang.bpf.c
curl -sN --max-time 30 --data-binary @"$HANG" $(cl 40) "$B/api/run/process-name" > "$TMP/hangA" &
A=$!
for _ in $(seq 1 50); do grep -q 'event: starting' "$TMP/hangA" 2>/dev/null && break; sleep 0.1; done
check '[ "$(status "$B/api/run/process-name" $(cl 40) --data-binary @"$HANG")" = 429 ]' "a second run of the same client is 429"
curl -sN --max-time 30 --data-binary @"$HANG" $(cl 41) "$B/api/run/process-name" > "$TMP/hangB" &
Bq=$!
for _ in $(seq 1 50); do grep -q '"position":1' "$TMP/hangB" 2>/dev/null && break; sleep 0.1; done
check 'grep -q "\"position\":1" "$TMP/hangB"' "the second client waits at position 1"
curl -s -D "$TMP/h503" -o /dev/null --data-binary @"$HANG" $(cl 42) "$B/api/run/process-name"
check 'grep -q "^HTTP/1.1 503" "$TMP/h503" && grep -qi "^Retry-After: [1-9]" "$TMP/h503"' "503 with Retry-After past the queue"
check '[ "$(curl -s "$B/healthz" | jq .queue_depth)" = 1 ]' "healthz shows the line"
kill $Bq; wait $Bq 2>/dev/null
for _ in $(seq 1 30); do [ "$(curl -s "$B/healthz" | jq .queue_depth)" = 0 ] && break; sleep 0.1; done
check '[ "$(curl -s "$B/healthz" | jq .queue_depth)" = 0 ]' "a waiting client that hangs up leaves the line"
curl -sN --max-time 30 --data-binary @"$(sol process-name solution.bpf.c)" $(cl 41) "$B/api/run/process-name" > "$TMP/afterB" &
Bq2=$!
for _ in $(seq 1 30); do grep -q 'event: queued' "$TMP/afterB" 2>/dev/null && break; sleep 0.1; done
check 'grep -q "event: queued" "$TMP/afterB"' "and its client may run again at once"
kill $A; wait $A 2>/dev/null
wait $Bq2
check 'grep -q "\"verdict\":\"CORRECT\"" "$TMP/afterB"' "the next run gets the slot after the hung run's client left"
for _ in $(seq 1 100); do [ "$(curl -s "$B/healthz" | jq .runs_in_flight)" = 0 ] && [ "$(agents 2>/dev/null)" = 0 ] && break; sleep 0.1; done
check '[ "$(curl -s "$B/healthz" | jq .runs_in_flight)" = 0 ] && [ "$(agents)" = 0 ]' "nothing in flight after the hang-ups"
check '[ "$(status "$B/api/run/process-name" $(cl 40) --data-binary @"$(sol process-name solution.bpf.c)")" = 200 ]' "the client that hung up may run again"
# a client that hangs up while its guest is silent (hang.bpf.c stops the workload) frees the
# slot at once, not at the run's deadline (run-timeout 4000 ms, from before the program attached)
curl -sN --max-time 30 --data-binary @"$HANG" $(cl 43) "$B/api/run/process-name" > "$TMP/hangC" &
C=$!
for _ in $(seq 1 100); do grep -q 'event: attached' "$TMP/hangC" 2>/dev/null && break; sleep 0.05; done
t_kill=$(date +%s%N)
kill $C; wait $C 2>/dev/null
for _ in $(seq 1 100); do [ "$(curl -s "$B/healthz" | jq .runs_in_flight)" = 0 ] && break; sleep 0.05; done
freed_ms=$(( ($(date +%s%N) - t_kill) / 1000000 ))
check 'grep -q "event: attached" "$TMP/hangC" && [ "$freed_ms" -lt 2000 ]' "a hang-up during a silent run frees the slot at once ($freed_ms ms; its deadline was ~4 s away)"

# --- metrics ---------------------------------------------------------------------------------
section "metrics"
curl -s "$B/metrics" > "$TMP/metrics"
check 'grep -q "^bpfdojo_verdicts_total{exercise=\"process-name\",verdict=\"CORRECT\"} [1-9]" "$TMP/metrics"' "metrics: verdicts per exercise"
check 'grep -q "^bpfdojo_phase_duration_seconds_count{kind=\"exercise\",phase=\"compile\"} [1-9]" "$TMP/metrics"' "metrics: phase histograms, by kind of run"
check 'grep -q "^bpfdojo_refused_total{reason=\"rate_limited\"} [1-9]" "$TMP/metrics" && grep -q "^bpfdojo_refused_total{reason=\"queue_full\"} [1-9]" "$TMP/metrics"' "metrics: refusals by reason"
check 'grep -q "^bpfdojo_queue_depth 0" "$TMP/metrics" && grep -q "^bpfdojo_runs_in_flight " "$TMP/metrics"' "metrics: gauges"
check '[ "$(status "$B/metrics" --interface 127.0.0.2)" = 403 ]' "metrics refused from 127.0.0.2"
check '[ "$(status "$B/metrics" --interface 127.0.0.2 -H "X-Forwarded-For: 127.0.0.1")" = 403 ]' "metrics: X-Forwarded-For from a non-proxy is ignored"
check '[ "$(status "$B/metrics" $(cl 50))" = 403 ]' "metrics refused for a client behind the proxy"

# --- static files ----------------------------------------------------------------------------
section "static files"
curl -s -D "$TMP/hidx" -o "$TMP/idx" "$B/"
check 'grep -q "^HTTP/1.1 200" "$TMP/hidx" && grep -qi "^Content-Type: text/html" "$TMP/hidx" && grep -qi "^Cache-Control: no-cache" "$TMP/hidx" && grep -q dojo "$TMP/idx"' "index.html at /"
check '[ "$(status "$B/docs")" = 200 ] && [ "$(status "$B/docs/")" = 200 ]' "a directory serves its index"
check '[ "$(status "$B/empty/")" = 404 ] && [ "$(status "$B/empty")" = 404 ]' "no directory listing"
ETAG=$(curl -s -D - -o /dev/null "$B/assets/app.js" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
check '[ -n "$ETAG" ] && [ "$(status "$B/assets/app.js" -H "If-None-Match: $ETAG")" = 304 ]' "ETag and 304"
check 'curl -s -D - -o /dev/null "$B/assets/app.js" | grep -qi "^Content-Type: text/javascript"' "content type of .js"
check 'curl -s -D - -o /dev/null "$B/assets/app.js" | grep -qi "^Cache-Control: public, max-age="' "assets are cacheable"
curl -s -H 'Accept-Encoding: gzip' -D "$TMP/hgz" -o "$TMP/css.gz" "$B/assets/app.css"
check 'grep -qi "^Content-Encoding: gzip" "$TMP/hgz" && gunzip -c "$TMP/css.gz" | cmp -s - "$W/assets/app.css"' "gzip on the fly"
curl -s -H 'Accept-Encoding: gzip' -o "$TMP/pre.gz" "$B/assets/pre.js"
check 'cmp -s "$TMP/pre.gz" "$W/assets/pre.js.gz"' "precompressed .gz served as is"
check 'curl -s "$B/assets/app.css" | cmp -s - "$W/assets/app.css"' "identity without Accept-Encoding"
for p in "/../outside.txt" "/%2e%2e/outside.txt" "/assets/..%2f..%2foutside.txt" "/escape.txt" "/escape2.txt" "/.env" "/assets/%2e%2e/%2e%2e/outside.txt" "/..%5coutside.txt"; do
	check '[ "$(status "$B$p" --path-as-is)" = 404 ]' "no way out of the web directory: $p"
done
check '[ "$(status "$B/inside.js")" = 200 ]' "a symlink inside the directory is served"
check '[ "$(status "$B/index.html" -X POST -d x)" = 405 ]' "POST on a file is 405"

# --- the log ---------------------------------------------------------------------------------
section "the log"
check 'grep -q "10.0.0.11 POST /api/run/process-name 200 CORRECT [0-9]*ms" "$TMP/logs/requests.log"' "one log line per request with client, route, status, verdict, ms"
check '! grep -qF "$SOLTEXT" "$TMP/logs/requests.log" && ! grep -q "SEC(" "$TMP/logs/requests.log"' "the log never holds the source"
check '[ "$(stat -c %U "$TMP/logs/requests.log")" = bpfdojo ]' "the log file belongs to the user the server became"
# a rotation as logrotate's 'create 0640 bpfdojo adm' does it, then SIGHUP
mv "$TMP/logs/requests.log" "$TMP/logs/requests.log.1"
install -o bpfdojo -m 0640 /dev/null "$TMP/logs/requests.log"
kill -HUP "$SPID"
sleep 0.3
curl -s -o /dev/null "$B/healthz"
sleep 0.2
check 'grep -q "GET /healthz 200" "$TMP/logs/requests.log" 2>/dev/null' "SIGHUP reopens the log"
# copytruncate: the same file, emptied
: > "$TMP/logs/requests.log"
kill -HUP "$SPID"
sleep 0.3
curl -s -o /dev/null "$B/healthz?after-truncate"
sleep 0.2
check 'grep -q "GET /healthz" "$TMP/logs/requests.log" 2>/dev/null' "SIGHUP after a copytruncate rotation"

# --- SIGTERM with a run in flight ------------------------------------------------------------
section "SIGTERM with a run in flight"
curl -sN --max-time 60 --data-binary @"$HANG" $(cl 60) "$B/api/run/process-name" > "$TMP/term" &
T=$!
for _ in $(seq 1 50); do grep -q 'event: attached' "$TMP/term" 2>/dev/null && break; sleep 0.1; done
check 'grep -q "event: attached" "$TMP/term"' "a run is in flight before SIGTERM"
stop_server
check '[ $? = 0 ]' "SIGTERM: the server exits by itself, status 0"
wait $T
check 'tail -n 2 "$TMP/term" | grep -q "^data: .*\"event\":\"done\""' "SIGTERM: the run's client still gets a final event"
check '[ "$(agents)" = 0 ]' "SIGTERM: no agent left"
check '[ "$(bpf_progs)" = "$PROGS0" ]' "SIGTERM: no BPF program left ($(bpf_progs) vs $PROGS0)"
check '! status "$B/healthz" >/dev/null' "SIGTERM: nothing listens any more"

# --- vm mode (the default sandbox) -----------------------------------------------------------
section "vm mode (the default sandbox)"
Q0=$(qemus)
if start_server vm --runs 1 --run-timeout 8000 --shutdown-timeout 1000 --log "$TMP/vm.log"; then
	ok
	check 'curl -s "$B/healthz" | jq -e ".sandbox == \"vm\"" >/dev/null' "vm: healthz names the sandbox"
	sse "$TMP/vm.ok" process-name "$(sol process-name solution.bpf.c)"
	check 'event_json "$TMP/vm.ok" verdict | jq -e ".verdict == \"CORRECT\"" >/dev/null' "vm: solution CORRECT"
	check 'in_order "$TMP/vm.ok" queued compiling compiled starting loaded attached workload_done verdict done' "vm: events in order"
	first=$(head -n 1 "$TMP/vm.ok" | awk '{print $1}')
	verdict_at=$(event_ns "$TMP/vm.ok" verdict)
	check '[ -n "$first" ] && [ -n "$verdict_at" ] && [ "$first" -lt "$verdict_at" ]' "vm: first event before the verdict"
	check 'event_json "$TMP/vm.ok" starting | jq -e ".sandbox == \"vm\"" >/dev/null' "vm: the run went to a VM"
	# the CLI against the server prints what it prints locally, with the same exit code
	# (numbers and submitted strings differ from run to run: keys, timings)
	# each from an empty progress file, so both print the same (first) hint after a wrong run
	cli() { rm -rf "$TMP/state"; env -u BPFDOJO_SERVER XDG_STATE_HOME="$TMP/state" "$BIN" "$@"; }
	same() { diff <(sed 's/"[^"]*"/"S"/g; s/[0-9][0-9]*/N/g' "$1") <(sed 's/"[^"]*"/"S"/g; s/[0-9][0-9]*/N/g' "$2") >&2; }
	cli list --server "$B" > "$TMP/list.remote"; cli list > "$TMP/list.local"
	check 'cmp -s "$TMP/list.remote" "$TMP/list.local"' "cli: list --server is list"
	for ex in process-name argv-password exit-code; do
		for prog in "$(sol "$ex" solution.bpf.c)" "$(sol "$ex" wrong.bpf.c)" "$(sol "$ex" starter.bpf.c)"; do
			cli run "$ex" "$prog" --server "$B" > "$TMP/cli.remote" 2>"$TMP/cli.remote.err"; rr=$?
			cli run "$ex" "$prog" --sandbox vm > "$TMP/cli.local" 2>/dev/null; rl=$?
			what="cli: $ex $(basename "$prog")"
			check '[ "$rr" = "$rl" ]' "$what: exit $rr over --server, $rl locally"
			check 'same "$TMP/cli.remote" "$TMP/cli.local"' "$what: same output"
		done
	done
	for prog in verifier_reject.bpf.c type_error.bpf.c bad_hook.bpf.c; do
		BPFDOJO_SERVER=$B "$BIN" run process-name "$ROOT/tests/programs/$prog" > "$TMP/cli.remote" 2>/dev/null; rr=$?
		cli run process-name "$ROOT/tests/programs/$prog" --sandbox vm > "$TMP/cli.local" 2>/dev/null; rl=$?
		check '[ "$rr" = "$rl" ] && same "$TMP/cli.remote" "$TMP/cli.local"' "cli: $prog the same over BPFDOJO_SERVER (exit $rr, $rl)"
	done
	cli check "$ROOT/tests/programs/type_error.bpf.c" --server "$B" > "$TMP/cli.remote" 2>/dev/null; rr=$?
	cli check "$ROOT/tests/programs/type_error.bpf.c" > "$TMP/cli.local" 2>/dev/null; rl=$?
	check '[ "$rr" = 2 ] && [ "$rl" = 2 ] && same "$TMP/cli.remote" "$TMP/cli.local"' "cli: check --server is check"
	cli run process-name "$(sol process-name solution.bpf.c)" --server "http://127.0.0.1:1" > /dev/null 2>"$TMP/cli.err"
	check '[ $? = 3 ] && grep -q "cannot reach the server" "$TMP/cli.err"' "cli: an unreachable server is exit 3 with a reason"
	cli run no-such "$(sol process-name solution.bpf.c)" --server "$B" > /dev/null 2>"$TMP/cli.err"
	check '[ $? = 3 ] && grep -q "unknown exercise" "$TMP/cli.err"' "cli: the server's refusal is shown"

	curl -sN --max-time 60 --data-binary @"$HANG" "$B/api/run/process-name" > "$TMP/vmterm" &
	T=$!
	for _ in $(seq 1 100); do grep -q 'event: attached' "$TMP/vmterm" 2>/dev/null && break; sleep 0.1; done
	stop_server
	check '[ $? = 0 ]' "vm: SIGTERM, exit status 0"
	wait $T
	check 'tail -n 2 "$TMP/vmterm" | grep -q "\"event\":\"done\""' "vm: the run's client gets a final event"
	check '[ "$(qemus)" = "$Q0" ]' "vm: no qemu left ($(qemus) vs $Q0)"
else
	bad "the vm-mode server did not start"; tail -n 5 "$TMP/vm.err" >&2
fi

echo "server: $pass passed, $fail failed"
[ "$fail" = 0 ]
