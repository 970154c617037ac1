#!/bin/sh
# run-all.sh: run each test command given as an argument, show its output, and sum the
# "<name>: N passed, N failed" line each one ends with into one closing line.
# A command that exits non-zero without such a line counts as one failure.
set -u
total_pass=0
total_fail=0
failed_suites=""
for t in "$@"; do
	echo "=== $t"
	out=$(mktemp)
	rcf=$(mktemp)
	{ sh -c "$t" </dev/null; echo $? > "$rcf"; } 2>&1 | tee "$out"
	rc=$(cat "$rcf")
	rm -f "$rcf"
	line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	rm -f "$out"
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
		f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/')
		# a suite that reports no failure but crashes (a sanitizer, a signal) still failed
		[ "$rc" != 0 ] && [ "$f" -eq 0 ] && f=1 && echo "run-all: '$t' exited $rc"
	else
		p=0
		f=1
		echo "run-all: '$t' printed no result line"
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -gt 0 ] && failed_suites="$failed_suites $t"
done
[ -n "$failed_suites" ] && echo "failing suites:$failed_suites"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
