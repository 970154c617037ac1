#!/bin/bash
# test_play_server.sh: POST /api/play over HTTP, as the web Playground sends it: the example
# program (tests/play/trace.bpf.c: a tracepoint, a hash map, a per-CPU array, a ring buffer)
# against `cat /etc/hostname` in the micro-VM, its events in order and the same as `bpfdojo
# play --json` prints (one JSON writer); the map dump; the refusals (413 from the headers, 400
# with a JSON sentence, 403 from a host-sandbox server); a client that hangs up frees its slot;
# the instructions on demand (xlated); and an exercise run is not held up by playground runs
# (their own lane: docs/server.md).
# Needs root, curl, jq and /dev/kvm or TCG; loopback only.  Usage: test_play_server.sh <bpfdojo>
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_play_server.sh: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
T0=$(date +%s)
section() { echo "test_play_server.sh: $* (at $(( $(date +%s) - T0 )) s)"; }
TMP=$(mktemp -d)
export XDG_STATE_HOME="$TMP/state"
PIDS=""
cleanup() {
	for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
	[ -n "${KEEP_TMP:-}" ] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
for tool in curl jq; do
	command -v $tool >/dev/null || { bad "$tool is missing (scripts/install-deps.sh)"; echo "play_server: $pass passed, $fail failed"; exit 1; }
done
. "$ROOT/tests/server_lib.sh"

# body FILE SOURCE COMMAND [SECONDS]: the JSON body of a playground run
body() { jq -n --rawfile s "$2" --arg r "$3" --argjson n "${4:-2}" '{source: $s, run: $r, seconds: $n}' > "$1"; }
# play_sse FILE BODY [curl args]: POST a playground run; FILE gets "<ns> <event> <json>"
play_sse() {
	out=$1 b=$2; shift 2
	curl -sN --max-time 90 -H 'Content-Type: application/json' --data-binary @"$b" "$@" "$B/api/play" | {
		ev=""
		while IFS= read -r line; do
			case "$line" in
			"event: "*) ev=${line#event: } ;;
			"data: "*) printf '%s %s %s\n' "$(date +%s%N)" "$ev" "${line#data: }" ;;
			esac
		done
	} > "$out"
}
# jqs FILE EXPR: EXPR over the events of FILE as one array
jqs() { cut -d' ' -f3- "$1" | jq -e -s "$2" >/dev/null 2>&1; }
cl() { echo "-HX-Forwarded-For:10.0.0.$1"; }
play_idle() { [ "$(curl -s "$B/healthz" | jq .play.in_flight)" = 0 ]; }

# --- a host-sandbox server never runs the playground -----------------------------------------
section "host sandbox"
if start_server host --sandbox host; then
	body "$TMP/trace.json" tests/play/trace.bpf.c 'cat /etc/hostname'
	curl -s -D "$TMP/h403" -o "$TMP/b403" -H 'Content-Type: application/json' --data-binary @"$TMP/trace.json" "$B/api/play"
	check 'grep -q "^HTTP/1.1 403" "$TMP/h403" && jq -e ".error == \"play_unavailable\" and (.message | test(\"sandbox vm\"))" "$TMP/b403" >/dev/null' "host mode: 403 with a sentence"
	check 'curl -s "$B/healthz" | jq -e ".play.available == false" >/dev/null' "host mode: healthz says play is unavailable"
	check 'curl -s "$B/metrics" | grep -q "^bpfdojo_refused_total{reason=\"play_host_sandbox\"} 1"' "host mode: the refusal is counted"
	check '! pgrep -f bpfdojo-agent >/dev/null' "host mode: no agent was started"
	stop_server || bad "host server did not stop"
else
	bad "the host-mode server did not start"; tail -n 5 "$TMP/host.err" >&2
fi

# --- the micro-VM ----------------------------------------------------------------------------
section "vm: the example program"
if ! start_server vm --runs 2 --play-runs 1 --trusted-proxies 127.0.0.1 --rate 100000 --burst 10000; then
	bad "the vm-mode server did not start"; tail -n 5 "$TMP/vm.err" >&2
	echo "play_server: $pass passed, $fail failed"; exit 1
fi
check 'curl -s "$B/healthz" | jq -e ".play.available == true and .play.slots == 1" >/dev/null' "healthz: play available, one slot"
body "$TMP/trace.json" tests/play/trace.bpf.c 'cat /etc/hostname'
play_sse "$TMP/trace.sse" "$TMP/trace.json"
F=$TMP/trace.sse
check 'in_order "$F" queued compiling compiled starting loaded attached record printk workload_done map stats done' "events in order ($(events "$F" | tr -s ' ' | cut -c1-300))"
check 'jqs "$F" "any(.[]; .event == \"record\" and .map == \"events\" and .type == \"struct event\" and (.value | test(\"/etc/hostname\")))"' "a ring-buffer record decoded by BTF"
check 'jqs "$F" "any(.[]; .event == \"printk\" and .message == \"opened /etc/hostname\" and .comm == \"cat\")"' "the printk line with its task"
check 'jqs "$F" "any(.[]; .event == \"output\" and .stream == \"stdout\" and (.text | length) > 1)"' "the workload's stdout"
check 'jqs "$F" "[.[] | select(.event == \"map\" and .map == \"opens\")][0] | .type == \"hash\" and .key_type == \"u32\" and .value_type == \"u64\" and .entries >= 1 and ([.items[].key | tonumber] | . == sort)"' "the hash map dump, sorted"
check 'jqs "$F" "([.[] | select(.event == \"record\" and (.value | test(\"hostname\"))) | .value | capture(\"pid = (?<p>[0-9]+)\").p][0]) as \$p | any(.[] | select(.event == \"map\" and .map == \"opens\") | .items[]; .key == \$p and (.value | tonumber) >= 1)"' "cat's pid is in the map"
check 'jqs "$F" "any(.[] | select(.event == \"map\" and .map == \"calls\") | .items[]; (.cpus | length) >= 1 and .sum == ([.cpus[] | tonumber] | add))"' "per-CPU values and their sum"
check 'jqs "$F" "any(.[]; .event == \"attach_failed\" and .program == \"never\")"' "the program that cannot attach, reported"
check 'jqs "$F" "(map(select(.event == \"verdict\")) | length) == 0 and .[-1].event == \"done\" and (.[-1].queue_ms | type) == \"number\" and .[-1].outcome == \"OK\""' "no verdict; done last, with the wait in line and the outcome"

# the same events and fields as the CLI prints (one writer): every event's keys, per kind
"$BIN" play tests/play/trace.bpf.c --run 'cat /etc/hostname' --json > "$TMP/cli.json" 2>/dev/null
shape() { jq -c -s '[.[] | select(.event != "queued" and .event != "log") | {event, keys: (keys - ["queue_ms", "outcome"])}] | unique' "$@"; }
cut -d' ' -f3- "$F" > "$TMP/server.json"
check '[ -s "$TMP/cli.json" ] && [ "$(shape "$TMP/cli.json")" = "$(shape "$TMP/server.json")" ]' "the same event shapes as bpfdojo play --json"

# bpfdojo play --server: the same lines and exit code as a local play (numbers, pids and
# timings differ from run to run)
norm() { sed -E 's/[0-9]+/N/g' "$1" | sort; }
for prog in tests/play/trace.bpf.c tests/programs/type_error.bpf.c; do
	env -u BPFDOJO_SERVER "$BIN" play "$prog" --run 'cat /etc/hostname' --server "$B" > "$TMP/cli.remote" 2>/dev/null; rr=$?
	env -u BPFDOJO_SERVER "$BIN" play "$prog" --run 'cat /etc/hostname' > "$TMP/cli.local" 2>/dev/null; rl=$?
	check '[ "$rr" = "$rl" ] && [ -s "$TMP/cli.remote" ] && diff <(norm "$TMP/cli.remote") <(norm "$TMP/cli.local") >&2' "play --server $(basename "$prog"): the same output and exit code ($rr, $rl)"
done
check '[ "$rr" = 2 ]' "play --server: a program that does not compile is exit 2"
BPFDOJO_SERVER=$B "$BIN" play tests/play/trace.bpf.c --run 'cat /etc/hostname' --json > "$TMP/env.json" 2>/dev/null
check '[ $? = 0 ] && jq -e -s ".[-1].event == \"done\" and (.[-1] | has(\"outcome\") | not) and any(.[]; .event == \"map\")" "$TMP/env.json" >/dev/null' "play over \$BPFDOJO_SERVER --json: the CLI's own stream (no server framing)"
env -u BPFDOJO_SERVER "$BIN" play tests/play/trace.bpf.c --server "http://127.0.0.1:1" > /dev/null 2>"$TMP/cli.err"
check '[ $? = 3 ] && grep -q "cannot reach the server" "$TMP/cli.err"' "play --server: an unreachable server is exit 3 with a reason"

section "vm: the instructions (xlated)"
jq '. + {xlated: true}' "$TMP/trace.json" > "$TMP/xl.json"
play_sse "$TMP/xl.sse" "$TMP/xl.json"
X=$TMP/xl.sse
check 'in_order "$X" loaded xlated attached done' "xlated:true: an xlated event after loaded ($(events "$X" | tr -s ' ' | cut -c1-200))"
check 'jqs "$X" "any(.[]; .event == \"xlated\" and .insns > 0 and any(.lines[]; .line > 0 and (.text | length) > 0 and (.insns | length) > 0) and any(.lines[].insns[]; test(\"exit\")))"' "the xlated event: source lines, each with its instructions, an exit"
check '! jqs "$F" "any(.[]; .event == \"xlated\")"' "no xlated event unless asked for"
echo '{"source": "int x;", "xlated": "yes"}' > "$TMP/xly.json"
curl -s -D "$TMP/h400x" -o "$TMP/b400x" --data-binary @"$TMP/xly.json" "$B/api/play"
check 'grep -q "^HTTP/1.1 400" "$TMP/h400x" && jq -e ".error == \"bad_request\" and (.message | test(\"xlated\"))" "$TMP/b400x" >/dev/null' "xlated not a boolean: 400 naming the field"
env -u BPFDOJO_SERVER "$BIN" play tests/play/trace.bpf.c --run 'cat /etc/hostname' --xlated --server "$B" > "$TMP/xl.remote" 2>"$TMP/xl.err"; rx=$?
check '[ "$rx" = 0 ] && grep -q "as the kernel runs it" "$TMP/xl.remote" && grep -Eq "\| +[0-9]+: exit" "$TMP/xl.remote"' "play --xlated --server: prints the listing (exit $rx: $(head -c 200 "$TMP/xl.err"))"
env -u BPFDOJO_SERVER "$BIN" play tests/play/trace.bpf.c --run 'cat /etc/hostname' --xlated > "$TMP/xl.local" 2>/dev/null
# (the JIT's jump targets are addresses: each load puts the image elsewhere)
xnorm() { grep " |" "$1" | sed -E 's/0x[0-9a-f]+/0xH/g; s/[0-9]+/N/g'; }
check 'diff <(xnorm "$TMP/xl.remote") <(xnorm "$TMP/xl.local") >&2' "play --xlated --server: the same listing as a local play --xlated"

section "vm: refusals"
head -c 70000 /dev/zero | tr '\0' 'x' > "$TMP/big.c"
body "$TMP/big.json" "$TMP/big.c" true
curl -s -D "$TMP/h413" -o "$TMP/b413" --data-binary @"$TMP/big.json" "$B/api/play"
check 'grep -q "^HTTP/1.1 413" "$TMP/h413" && jq -e ".error == \"too_large\"" "$TMP/b413" >/dev/null' "a body past 64 KiB: 413 JSON"
printf '{"source": "int x;", ' > "$TMP/cut.json"
curl -s -D "$TMP/h400" -o "$TMP/b400" --data-binary @"$TMP/cut.json" "$B/api/play"
check 'grep -q "^HTTP/1.1 400" "$TMP/h400" && jq -e ".error == \"bad_request\" and (.message | test(\"not JSON\"))" "$TMP/b400" >/dev/null' "bad JSON: 400 with a sentence"
echo '{"source": "int x;", "seconds": 99}' > "$TMP/sec.json"
curl -s -o "$TMP/b400s" --data-binary @"$TMP/sec.json" "$B/api/play"
check 'jq -e ".error == \"bad_request\" and (.message | test(\"1 to 10\"))" "$TMP/b400s" >/dev/null' "seconds past the limit: 400 naming the range"
check '[ "$(status "$B/api/play")" = 405 ]' "GET /api/play: 405"

section "vm: a client that hangs up frees its slot"
for _ in $(seq 1 100); do play_idle && break; sleep 0.1; done
body "$TMP/sleep.json" tests/play/trace.bpf.c 'sleep 9' 10
curl -sN --max-time 60 --data-binary @"$TMP/sleep.json" $(cl 1) "$B/api/play" > "$TMP/gone" &
G=$!
for _ in $(seq 1 300); do grep -q 'event: attached' "$TMP/gone" 2>/dev/null && break; sleep 0.1; done
check '[ "$(curl -s "$B/healthz" | jq .play.in_flight)" = 1 ]' "the playground run holds its slot"
t_kill=$(date +%s%N)
kill $G; wait $G 2>/dev/null
for _ in $(seq 1 100); do play_idle && break; sleep 0.05; done
freed_ms=$(( ($(date +%s%N) - t_kill) / 1000000 ))
check 'grep -q "event: attached" "$TMP/gone" && play_idle && [ "$freed_ms" -lt 3000 ]' "hang-up frees the slot at once ($freed_ms ms; the workload had ~9 s left)"
check '[ "$(status "$B/api/play" $(cl 1) --max-time 90 --data-binary @"$TMP/trace.json")" = 200 ]' "and its client may play again"

section "vm: playground runs do not hold up exercise runs"
for _ in $(seq 1 100); do play_idle && break; sleep 0.1; done
curl -sN --max-time 60 --data-binary @"$TMP/sleep.json" $(cl 2) "$B/api/play" > "$TMP/pA" &
PA=$!
for _ in $(seq 1 300); do grep -q 'event: attached' "$TMP/pA" 2>/dev/null && break; sleep 0.1; done
curl -sN --max-time 60 --data-binary @"$TMP/sleep.json" $(cl 3) "$B/api/play" > "$TMP/pB" &
PB=$!
for _ in $(seq 1 50); do grep -q '"position":1' "$TMP/pB" 2>/dev/null && break; sleep 0.1; done
check 'grep -q "\"position\":1" "$TMP/pB"' "a second playground run waits although a slot is free"
SOL=$(find "$ROOT/exercises" -path "*-process-name/solution.bpf.c" | head -n 1)
curl -sN --max-time 60 --data-binary @"$SOL" $(cl 4) "$B/api/run/process-name" > "$TMP/ex" 
check 'grep -q "\"position\":0" "$TMP/ex" && grep -q "\"verdict\":\"CORRECT\"" "$TMP/ex"' "an exercise run takes the other slot at once and is graded"
check '! grep -q "event: done" "$TMP/pA"' "while the first playground run still runs"
kill $PA $PB 2>/dev/null; wait $PA $PB 2>/dev/null

section "vm: metrics"
for _ in $(seq 1 100); do play_idle && break; sleep 0.1; done
curl -s "$B/metrics" > "$TMP/metrics"
check 'grep -q "^bpfdojo_phase_duration_seconds_count{kind=\"play\",phase=\"total\"} [1-9]" "$TMP/metrics" && grep -q "^bpfdojo_phase_duration_seconds_count{kind=\"exercise\",phase=\"total\"} 1$" "$TMP/metrics"' "phase histograms count playground runs apart"
check 'grep -q "^bpfdojo_play_runs_total{outcome=\"OK\"} [1-9]" "$TMP/metrics"' "playground outcomes"
check 'grep -q "^bpfdojo_refused_total{reason=\"bad_request\"} [1-9]" "$TMP/metrics" && grep -q "^bpfdojo_play_runs_in_flight 0" "$TMP/metrics"' "refusals and gauges"
stop_server || bad "the vm server did not stop by itself"
echo "play_server: $pass passed, $fail failed"
[ "$fail" = 0 ]
