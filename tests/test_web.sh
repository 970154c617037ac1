#!/bin/bash
# test_web.sh: the web app in a real browser: starts `bpfdojo serve` (host sandbox, loopback,
# a free port, the built build/web) and drives Debian's chromium with puppeteer-core
# (web/test/browser.mjs).  Needs root (host-mode runs), chromium and node.  Screenshots go to
# build/web-shots/.  Usage: test_web.sh <bpfdojo binary> <build dir>
set -u
BIN=$1
BUILD=$2
TMP=$(mktemp -d)
SPID=""
cleanup() { [ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
for tool in chromium node; do
	command -v $tool >/dev/null || { echo "FAIL test_web: $tool is missing (scripts/install-deps.sh)" >&2; echo "web: 0 passed, 1 failed"; exit 1; }
done
export XDG_STATE_HOME="$TMP/state"
"$BIN" serve --listen 127.0.0.1:0 --sandbox host --web "$BUILD/web" --rate 100000 --burst 10000 \
	--runs 1 2> "$TMP/serve.err" &
SPID=$!
PORT=""
for _ in $(seq 1 600); do
	PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$TMP/serve.err")
	[ -n "$PORT" ] && break
	kill -0 $SPID 2>/dev/null || break
	sleep 0.1
done
if [ -z "$PORT" ]; then
	echo "FAIL test_web: the server did not start" >&2; tail -n 5 "$TMP/serve.err" >&2
	echo "web: 0 passed, 1 failed"; exit 1
fi
node web/test/browser.mjs "http://127.0.0.1:$PORT" exercises "$BUILD/web-shots"
rc=$?
kill -TERM $SPID; wait $SPID 2>/dev/null; SPID=""
exit $rc
