#!/bin/sh
# test_cli.sh: the `bpfdojo` command as a learner uses it: commands, exit codes, the text and
# JSON streams.  Runs host-mode runs, so it needs root.  Usage: test_cli.sh <bpfdojo binary>
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_cli.sh: $*" >&2; }
# expect <want-exit> <description> <command...>: runs, keeps output in $OUT
expect() {
	want=$1; what=$2; shift 2
	OUT=$("$@" 2>&1); got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; printf '%s\n' "$OUT" | tail -n 15 >&2; fi
}
# expect_stdout: like expect, but $OUT holds standard output only (for --json)
expect_stdout() {
	want=$1; what=$2; shift 2
	OUT=$("$@" 2>/dev/null); got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; fi
}
contains() { case "$OUT" in *"$1"*) ok ;; *) bad "$2: output lacks '$1'"; printf '%s\n' "$OUT" | tail -n 15 >&2 ;; esac; }
lacks() { case "$OUT" in *"$1"*) bad "$2: output has '$1'" ;; *) ok ;; esac; }
sol() { find "$ROOT/exercises" -path "*-$1/$2" | head -n 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# progress goes to a throwaway state directory, never to the home of whoever runs the tests
export XDG_STATE_HOME="$TMP/state"
# every exercise, from the registry: "<id> <host: true|false>" per line
EXERCISES=$("$BIN" list --json | jq -r '.[] | "\(.id) \(.host)"')
[ -n "$EXERCISES" ] && ok || bad "list --json names the exercises"

expect 0 "list" "$BIN" list
for ex in $(printf '%s\n' "$EXERCISES" | cut -d' ' -f1); do contains "$ex" "list"; done
expect 0 "help" "$BIN" help
contains "exit status" "help"
expect 3 "no command" "$BIN"
expect 3 "unknown command" "$BIN" frobnicate
expect 3 "unknown exercise" "$BIN" start no-such-thing
contains "bpfdojo list" "unknown exercise hint"

(cd "$TMP" && "$BIN" start process-name >/dev/null 2>&1) && [ -s "$TMP/process-name.bpf.c" ] && ok || bad "start writes the starter"
OUT=$(cd "$TMP" && "$BIN" start process-name 2>&1); [ $? = 3 ] && ok || bad "start refuses to overwrite"
contains "--force" "start hint"
(cd "$TMP" && "$BIN" start process-name --force >/dev/null 2>&1) && ok || bad "start --force"
expect 0 "lesson" "$BIN" lesson process-name
contains "sched_process_exec" "lesson text"

printf '%s\n' "$EXERCISES" | while read -r ex host; do
	[ "$host" = true ] && continue
	echo "test_cli.sh: $ex skipped in host mode: it runs only in the micro-VM (test_vm runs it)" >&2
done
for ex in $(printf '%s\n' "$EXERCISES" | awk '$2 == "true" { print $1 }'); do
	expect 0 "$ex solution" "$BIN" run "$ex" "$(sol "$ex" solution.bpf.c)" --sandbox host
	contains "CORRECT" "$ex solution verdict"
	lacks "$(printf '\033')" "$ex no colour when piped"
	expect 1 "$ex wrong" "$BIN" run "$ex" "$(sol "$ex" wrong.bpf.c)" --sandbox host
	contains "WRONG" "$ex wrong verdict"
	contains "Hint 1 of" "$ex wrong shows the first hint"
done
VM_ONLY=$(printf '%s\n' "$EXERCISES" | awk '$2 == "false" { print $1; exit }')
if [ -n "$VM_ONLY" ]; then
	expect 3 "vm-only in host mode" "$BIN" run "$VM_ONLY" "$(sol "$VM_ONLY" solution.bpf.c)" --sandbox host
	contains "only in the micro-VM" "vm-only says why"
	lacks "compiling" "vm-only refused before compiling"
fi

# progress: solved marks, hints one at a time, and a state directory that cannot be written
FIRST=$(printf '%s\n' "$EXERCISES" | awk '$2 == "true" { print $1; exit }')
expect 0 "list after solving" "$BIN" list
printf '%s\n' "$OUT" | grep -q "\[x\] $FIRST " && ok || bad "list marks $FIRST solved"
expect_stdout 0 "list --json after solving" "$BIN" list --json
printf '%s\n' "$OUT" | jq -e --arg id "$FIRST" '.[] | select(.id == $id) | .solved' >/dev/null && ok || bad "list --json: $FIRST solved"
expect 0 "hint after a wrong run" "$BIN" hint "$FIRST"
contains "Hint 2 of" "hint shows the next one after the wrong run's first"
expect 0 "hint again" "$BIN" hint "$FIRST"
contains "Hint 3 of" "hint shows one more each time"
expect 0 "hint past the last" "$BIN" hint "$FIRST"
contains "last hint" "hint past the last says so"
expect 3 "hint unknown" "$BIN" hint no-such-thing
expect 1 "no submit shows a hint" "$BIN" run process-name "$ROOT/tests/programs/no_submit.bpf.c" --sandbox host
contains "Hint " "no submit hint"
rm -rf "$XDG_STATE_HOME"; : >"$XDG_STATE_HOME"   # a file where the directory should be
expect 0 "hint without a state dir" "$BIN" hint "$FIRST"
contains "Hint 1 of" "hint without a state dir starts over"
expect 0 "solution without a state dir" "$BIN" run "$FIRST" "$(sol "$FIRST" solution.bpf.c)" --sandbox host
contains "CORRECT" "solution without a state dir"
expect 0 "list without a state dir" "$BIN" list
rm -f "$XDG_STATE_HOME"

expect_stdout 0 "json" "$BIN" run process-name "$(sol process-name solution.bpf.c)" --sandbox host --json
if command -v jq >/dev/null 2>&1; then
	printf '%s\n' "$OUT" | jq -e . >/dev/null 2>&1 && ok || bad "json: every line is JSON"
	printf '%s\n' "$OUT" | tail -n 2 | head -n 1 | jq -e '.event == "verdict" and .verdict == "CORRECT"' >/dev/null && ok || bad "json: the verdict comes just before done"
	printf '%s\n' "$OUT" | tail -n 1 | jq -e '.event == "done" and (.total_ms | type) == "number" and (.compile_ms | type) == "number" and (.start_ms | type) == "number" and (.load_ms | type) == "number" and (.run_ms | type) == "number" and (.grade_ms | type) == "number"' >/dev/null && ok || bad "json: last line is done, with per-phase timings"
	printf '%s\n' "$OUT" | jq -s -e 'any(.[]; .event == "compiling")' >/dev/null && ok || bad "json: compiling event"
fi

OUT=$("$BIN" run process-name "$(sol process-name solution.bpf.c)" --sandbox host 2>&1 >/dev/null)
contains "own kernel" "host mode warns on stderr"
expect 2 "type error" "$BIN" run process-name "$ROOT/tests/programs/type_error.bpf.c" --sandbox host
contains "type_error.bpf.c:11:" "type error location"
contains "^" "type error caret"
expect 2 "check type error" "$BIN" check "$ROOT/tests/programs/type_error.bpf.c"
expect 0 "check good" "$BIN" check "$(sol process-name solution.bpf.c)"
expect 2 "bad hook" "$BIN" run process-name "$ROOT/tests/programs/bad_hook.bpf.c" --sandbox host
contains "sched_process_exek" "bad hook names the section"
expect 2 "verifier" "$BIN" run process-name "$ROOT/tests/programs/verifier_reject.bpf.c" --sandbox host
contains "verifier" "verifier phase shown"
contains "may be NULL" "verifier rejection explained"
lacks "invalid mem access" "raw log hidden by default"
expect 2 "verifier --raw-log" "$BIN" run process-name "$ROOT/tests/programs/verifier_reject.bpf.c" --sandbox host --raw-log
contains "invalid mem access" "raw log with --raw-log"
lacks "what the verifier saw" "no trace without --explain"
expect_stdout 2 "verifier json" "$BIN" run process-name "$ROOT/tests/programs/verifier_reject.bpf.c" --sandbox host --json
printf '%s\n' "$OUT" | jq -s -e 'any(.[]; .event == "verifier" and .diagnosis.primary.line == 22 and (.diagnosis.title | length) > 0)' >/dev/null && ok || bad "json: verifier event carries the diagnosis"
# what the verifier saw: the path to the rejection, ending at line 22 with the register it refused
printf '%s\n' "$OUT" | jq -s -e 'any(.[]; .event == "verifier" and (.diagnosis.verifier_trace | length) >= 2 and (.diagnosis.verifier_trace[-1] | .rejected and .line == 22 and (.regs.R0 | startswith("map_value_or_null")) and (.insns | length) > 0) and (.diagnosis.verifier_trace[0].line < 22) and (.verifier_trace_text | contains("refused here")))' >/dev/null && ok || bad "json: the verifier event carries verifier_trace, its last step the refused line 22"
for sb in host vm; do
	expect 2 "verifier --explain ($sb)" "$BIN" run process-name "$ROOT/tests/programs/verifier_reject.bpf.c" --sandbox $sb --explain
	contains "what the verifier saw, on the path to the rejection" "--explain ($sb) shows the trace"
	contains "22 | SUBMIT_NUM(v[0]);" "--explain ($sb): the refused line"
	contains "R0 (v) = map_value_or_null" "--explain ($sb): the register state there, named after the variable"
	contains "R2 (&zero) = fp-4" "--explain ($sb): a pointer to a named stack slot"
	contains "stack fp-8 (zero) = " "--explain ($sb): the stack slot the key was stored in"
	contains "<- refused here" "--explain ($sb): the refused instruction"
done
# an accepted program with --explain: its instructions as the kernel runs them, by source line
for sb in host vm; do
	expect 0 "accepted --explain ($sb)" "$BIN" run process-name "$(sol process-name solution.bpf.c)" --sandbox $sb --explain
	contains "prog 'on_exec' as the kernel runs it" "accepted --explain ($sb): the listing"
	contains "$(printf '15 | bpf_get_current_comm(comm, sizeof(comm));\n   |   2: r2 = 16\n   |   3: call bpf_get_current_comm')" "accepted --explain ($sb): a source line, then its instructions"
	contains "| dojo.h:" "accepted --explain ($sb): a header's lines say their file"
	contains "$(printf '21 | }\n   |   ')" "accepted --explain ($sb): the last line"
	contains ": exit" "accepted --explain ($sb): exit"
	contains "CORRECT" "accepted --explain ($sb): still graded"
done
expect_stdout 0 "accepted --explain --json" "$BIN" run process-name "$(sol process-name solution.bpf.c)" --sandbox host --explain --json
printf '%s\n' "$OUT" | jq -s -e '[.[] | select(.event == "xlated")] | length == 1 and (.[0] | .program == "on_exec" and (.lines | any(.line == 15 and .file == "solution.bpf.c" and (.insns | any(test("call bpf_get_current_comm$"))))) and (.lines | any(.file == "dojo.h" and (.insns | any(test("call bpf_ringbuf_reserve$"))))))' >/dev/null && ok || bad "json: an xlated event, source lines with their instructions"
expect_stdout 0 "accepted, no --explain" "$BIN" run process-name "$(sol process-name solution.bpf.c)" --sandbox host --json
printf '%s\n' "$OUT" | jq -s -e 'all(.[]; .event != "xlated")' >/dev/null && ok || bad "json: no xlated event without --explain"
expect 1 "no submit" "$BIN" run process-name "$ROOT/tests/programs/no_submit.bpf.c" --sandbox host
contains "NO_SUBMIT" "no submit verdict"
expect 1 "flood" "$BIN" run process-name "$ROOT/tests/programs/flood.bpf.c" --sandbox host
contains "beyond the limit" "flood: drops are reported"
if command -v setpriv >/dev/null 2>&1; then
	# The checkout may be where a user cannot look (under /root, mode 0700): give the user its
	# own copies of the binary and the program.
	USERDIR="$TMP/user"
	mkdir -p "$USERDIR" && chmod 0755 "$TMP" "$USERDIR"
	cp "$BIN" "$USERDIR/bpfdojo" && cp "$(sol process-name solution.bpf.c)" "$USERDIR/prog.bpf.c" && chmod a+r "$USERDIR/prog.bpf.c"
	expect 3 "host mode as a user" setpriv --reuid=65534 --regid=65534 --clear-groups "$USERDIR/bpfdojo" run process-name "$USERDIR/prog.bpf.c" --sandbox host
	contains "needs root" "host mode as a user says why"
	lacks "compiling" "host mode as a user is refused before the compile"
fi
expect 3 "missing file" "$BIN" run process-name "$TMP/nope.bpf.c" --sandbox host
expect 3 "bad option" "$BIN" run process-name "$TMP/x.bpf.c" --sandbox cloud
expect 3 "bad timeout" "$BIN" run process-name "$TMP/x.bpf.c" --timeout soon

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
