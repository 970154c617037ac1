#!/bin/bash
# test_web.sh: the web app in a real browser: starts `bpfdojo serve` (host sandbox, loopback,
# a free port, the built build/web) and drives Debian's chromium with puppeteer-core
# (web/test/browser.mjs), every exercise's starter and solution through the TCC worker
# (web/test/checker.mjs); then the Playground (web/test/play.mjs) against a server in the
# micro-VM sandbox, the only one that serves it.  Needs root, chromium and node.  Screenshots
# go to build/web-shots/.  Usage: test_web.sh <bpfdojo binary> <build dir>
set -u
BIN=$1
BUILD=$2
TMP=$(mktemp -d)
SPID=""
cleanup() { [ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null; rm -rf "$TMP"; }
# serve NAME ARGS...: start `bpfdojo serve` on a free loopback port; sets SPID and PORT
serve() {
	name=$1; shift
	"$BIN" serve --listen 127.0.0.1:0 --web "$BUILD/web" --rate 100000 --burst 10000 "$@" \
		2> "$TMP/$name.err" &
	SPID=$!
	PORT=""
	for _ in $(seq 1 600); do
		PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$TMP/$name.err")
		[ -n "$PORT" ] && break
		kill -0 $SPID 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$PORT" ]; then
		echo "FAIL test_web: the $name server did not start" >&2; tail -n 5 "$TMP/$name.err" >&2
		return 1
	fi
}
trap cleanup EXIT
for tool in chromium node; do
	command -v $tool >/dev/null || { echo "FAIL test_web: $tool is missing (scripts/install-deps.sh)" >&2; echo "web: 0 passed, 1 failed"; exit 1; }
done
export XDG_STATE_HOME="$TMP/state"
# each browser script ends with "NAME: N passed, N failed"; this file sums them into one
P=0; F=0
tally() {
	line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	p=$(echo "$line" | sed -nE 's/.*: ([0-9]+) passed.*/\1/p')
	f=$(echo "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
	# a script that crashed, or failed without saying so, counts as one failure
	if [ "$2" != 0 ] && [ "${f:-0}" = 0 ]; then f=1; fi
	P=$((P + ${p:-0})); F=$((F + ${f:-0}))
}
if serve host --sandbox host --runs 1; then
	node web/test/browser.mjs "http://127.0.0.1:$PORT" exercises "$BUILD/web-shots" 2>&1 | tee "$TMP/browser.out"
	tally "$TMP/browser.out" "${PIPESTATUS[0]}"
	# every starter and solution, through the site's TCC worker (web/test/checker.mjs)
	node web/test/checker.mjs "http://127.0.0.1:$PORT" exercises 2>&1 | tee "$TMP/checker.out"
	tally "$TMP/checker.out" "${PIPESTATUS[0]}"
	kill -TERM $SPID; wait $SPID 2>/dev/null; SPID=""
else
	F=$((F + 1))
fi
if serve vm --sandbox vm --runs 1; then
	node web/test/play.mjs "http://127.0.0.1:$PORT" "$BUILD/web-shots" 2>&1 | tee "$TMP/play.out"
	tally "$TMP/play.out" "${PIPESTATUS[0]}"
	kill -TERM $SPID; wait $SPID 2>/dev/null; SPID=""
else
	F=$((F + 1))
fi
echo "web-all: $P passed, $F failed"
[ "$F" = 0 ]
