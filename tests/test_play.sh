#!/bin/sh
# test_play.sh: `bpfdojo play` in the micro-VM, three runs (TCG is slow): tests/play/trace.bpf.c
# (no dojo.h, a hash map, a per-CPU array, a ring buffer, printk, globals in .bss and .data,
# one program that cannot attach) against `cat /etc/hostname`; tests/play/flood.bpf.c (dojo.h,
# a record and a line per system call) against a workload that never ends (a shell loop of
# builtin echos: a line per system call, however slow the guest runs, no fork per line);
# tests/play/perf.bpf.c (a perf event array, with --xlated).  Checks the decoded JSON stream with jq.
# Usage: test_play.sh <bpfdojo binary>
set -u
BIN=$1
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# check <description> <jq expression over the stream as one array>: true or a failure
check() {
	if jq -e -s "$2" "$OUT" >/dev/null 2>&1; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL test_play.sh: $1 ($2)" >&2; fi
}
status() {
	if [ "$1" = "$2" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL test_play.sh: $3: exit $1, want $2" >&2; tail -n 5 "$OUT" >&2; fi
}

OUT=$TMP/trace.json
"$BIN" play tests/play/trace.bpf.c --run 'cat /etc/hostname' --json >"$OUT" 2>"$TMP/err"
status $? 0 "trace: a program that cannot attach does not stop the others"
check "trace: attached" 'any(.[]; .event == "attached" and .program == "on_openat")'
check "trace: the one that cannot attach, with why" 'any(.[]; .event == "attach_failed" and .program == "never" and (.message | test("no such tracepoint")) and .diagnosis != null)'
check "trace: the workload's stdout" 'any(.[]; .event == "output" and .stream == "stdout" and (.text | length) > 1)'
check "trace: a ring-buffer record decoded by BTF" 'any(.[]; .event == "record" and .map == "events" and .type == "struct event" and .size == 52 and (.value | test("\\.comm = \"cat\"")) and (.value | test("\\.file = \"/etc/hostname\"")))'
check "trace: the printk line, with its task" 'any(.[]; .event == "printk" and .message == "opened /etc/hostname" and .comm == "cat" and .pid > 0)'
check "trace: the hash map dump, sorted, with cat's pid" '[.[] | select(.event == "map" and .map == "opens")][0] | .type == "hash" and .key_type == "u32" and .value_type == "u64" and .entries >= 1 and .left_out == 0 and ([.items[].key | tonumber] | . == sort)'
check "trace: the pid that opened /etc/hostname is in the map" '([.[] | select(.event == "record" and (.value | test("hostname"))) | .value | capture("pid = (?<p>[0-9]+)").p][0]) as $p | any(.[] | select(.event == "map" and .map == "opens") | .items[]; .key == $p and (.value | tonumber) >= 1)'
check "trace: per-CPU values and their sum" 'any(.[] | select(.event == "map" and .map == "calls" and .type == "percpu_array") | .items[]; .key == "0" and (.cpus | length) >= 1 and .sum == ([.cpus[] | tonumber] | add) and .sum >= 1 and .value == (.sum | tostring))'
check "trace: .bss globals, each its own value" 'any(.[]; .event == "map" and (.map | endswith(".bss")) and .value_type == ".bss" and (.items[0].value | test("\\.g_a = 11, \\.g_b = 22222222222, \\.g_c = \"abcd\"")))'
check "trace: .data globals, each its own value" 'any(.[]; .event == "map" and (.map | endswith(".data")) and .value_type == ".data" and .items[0].value == "{.g_d = 4242, .g_e = -3}")'
check "trace: the maps come after the workload" '(map(.event) | index("workload_done")) < (map(.event) | index("map"))'
check "trace: bpf_stats" 'any(.[]; .event == "stats" and .program == "on_openat" and .run_cnt >= 1 and .run_time_ns > 0)'
check "trace: the ring buffer's statistics, all read" '[.[] | select(.event == "ring" and .map == "events")][0] | .type == "ringbuf" and .size == 4096 and .records >= 1 and .dropped == 0 and .pending == 0 and .producer_pos == .consumer_pos and .producer_pos >= .records * 52'
check "trace: the statistics after the maps" '(map(.event) | rindex("map")) < (map(.event) | index("ring"))'
check "trace: no verdict, done last" '(map(select(.event == "verdict")) | length) == 0 and .[-1].event == "done"'

OUT=$TMP/flood.json
"$BIN" play tests/play/flood.bpf.c --run 'cat /etc/hostname; while :; do echo flood; done' --seconds 2 --json >"$OUT" 2>"$TMP/err"
status $? 0 "flood: a workload that never ends is ended"
check "flood: killed at its limit" 'any(.[]; .event == "workload_done" and .status == 137 and .ms >= 2000) and any(.[]; .event == "log" and (.text | test("still running after 2000 ms")))'
check "flood: DEBUG records as in exercises" 'any(.[]; .event == "debug" and .label == "syscall" and .type != "")'
check "flood: records capped and counted" '([.[] | select(.event == "debug")] | length) == 256 and any(.[]; .event == "dropped" and .what == "records" and .count > 0 and .bytes > 0)'
check "flood: printk capped and counted" '([.[] | select(.event == "printk")] | length) <= 256 and any(.[]; .event == "dropped" and .what == "printk" and .count > 0)'
check "flood: stdout capped and counted" '([.[] | select(.event == "output")] | length) <= 128 and any(.[]; .event == "dropped" and .what == "stdout" and .count > 0)'
check "flood: the results so far: the map" 'any(.[]; .event == "map" and .map == "per_syscall" and .entries >= 1 and (.items | length) >= 1)'
check "flood: the ring buffer's statistics count what the cap dropped" 'any(.[]; .event == "ring" and .map == "dojo_events" and .records == 256 and .dropped > 0)'
check "flood: done last" '.[-1].event == "done"'

OUT=$TMP/perf.json
"$BIN" play tests/play/perf.bpf.c --run 'cat /etc/hostname' --xlated --json >"$OUT" 2>"$TMP/err"
status $? 0 "perf: a perf event array"
check "perf: a sample decoded by BTF, padded by the kernel" 'any(.[]; .event == "record" and .map == "samples" and .type == "struct opened" and .size == 36 and (.value | test("\\.comm = \"cat\"")))'
check "perf: every sample, from the first" '[.[] | select(.event == "record") | .value | capture("calls = (?<n>[0-9]+)").n | tonumber] | (.[0] == 1) and (. == sort)'
check "perf --xlated: one listing, after loading and before attaching" '(map(.event) | index("loaded")) < (map(.event) | index("xlated")) and (map(.event) | index("xlated")) < (map(.event) | index("attached")) and ([.[] | select(.event == "xlated")] | length) == 1'
check "perf --xlated: each source line with its own instructions" '[.[] | select(.event == "xlated")][0] | .program == "on_openat" and .insns > 5 and .truncated == false and (.lines | any(.file == "perf.bpf.c" and (.text | test("bpf_get_current_pid_tgid\\(\\)")) and any(.insns[]; test("^[0-9]+: call bpf_get_current_pid_tgid$")))) and (.lines | any((.text | test("bpf_perf_event_output")) and any(.insns[]; test("call bpf_perf_event_output")) and any(.insns[]; test("= map\\[id:[0-9]+ samples\\]")))) and (.lines[-1] | (.text == "return 0;") and (.insns | any(test(": r0 = 0$"))) and (.insns[-1] | test(": exit$")))'
check "perf --xlated: the JITed x86-64 code per line, its calls named" '[.[] | select(.event == "xlated")][0] | .jited_bytes > 0 and ([.lines[].jit_bytes] | add) == .jited_bytes and (.lines[0].jit[0] | test("^\\+0: ")) and (.lines | any((.text | test("bpf_get_current_pid_tgid")) and any(.jit[]; test(": call bpf_get_current_pid_tgid$")))) and any(.lines[-1].jit[]; test(": ret$"))'
check "perf --xlated: the terminal text interleaves them" '[.[] | select(.event == "xlated")][0].text | test("\\n *30 \\| return 0;\\n *\\|   [0-9]+: r0 = 0\\n *\\|   [0-9]+: exit\\n( *\\|       jit \\+[0-9a-f]+: [^\\n]+\\n)+")'
check "perf: its statistics" 'any(.[]; .event == "ring" and .map == "samples" and .type == "perf_event_array" and .size > 0 and .records >= 1 and .dropped == 0 and .lost == 0 and (has("pending") | not))'

OUT=$TMP/none
"$BIN" play tests/play/trace.bpf.c --sandbox host >"$OUT" 2>&1
status $? 3 "host mode is refused"
echo "play: $pass passed, $fail failed"
[ "$fail" = 0 ]
