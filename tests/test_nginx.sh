#!/bin/bash
# test_nginx.sh: two `bpfdojo serve` nodes behind Debian's nginx with deploy/nginx.conf, on
# loopback.  Several clients keep submitting; one node is killed (SIGKILL) in the middle.
# Every request must end one of three ways: completed (a stream ending with `done`), refused
# with a status, or cut with a transport error the client sees (the node died mid-stream:
# chunked encoding left unterminated).  Never a hang, never a stream that ends cleanly without
# `done`.  After the kill the surviving node serves every run.  Host mode (fast); needs root,
# nginx and curl.  Usage: test_nginx.sh <bpfdojo binary>
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_nginx.sh: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { bad "nginx is missing (scripts/install-deps.sh)"; echo "nginx: $pass passed, $fail failed"; exit 1; }

TMP=$(mktemp -d)
PIDS=""
cleanup() {
	[ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null
	for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
SOL=$(find "$ROOT/exercises" -path '*-process-name/solution.bpf.c' | head -n 1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }

start_node() {
	"$BIN" serve --listen "127.0.0.1:$2" --sandbox host --runs 1 --queue 16 \
		--trusted-proxies 127.0.0.1 --rate 100000 --burst 1000 --log "$TMP/$1.log" 2> "$TMP/$1.err" &
	eval "$1=$!"
	PIDS="$PIDS $!"
	for _ in $(seq 1 300); do grep -q listening "$TMP/$1.err" && return 0; sleep 0.1; done
	return 1
}

P1=$(free_port); P2=$(free_port); PN=$(free_port)
start_node N1 "$P1" && start_node N2 "$P2"
check '[ $? = 0 ]' "two nodes start"

# deploy/nginx.conf as shipped, with this test's ports, inside a minimal main config
mkdir -p "$TMP/ngx"
sed -e "s/127.0.0.1:8081/127.0.0.1:$P1/; s/127.0.0.1:8082/127.0.0.1:$P2/; s/listen 80;/listen 127.0.0.1:$PN;/" \
	"$ROOT/deploy/nginx.conf" > "$TMP/bpfdojo.conf"
cat > "$TMP/nginx.conf" <<EOF
user root;
daemon on;
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx.error.log;
events { worker_connections 256; }
http {
	access_log $TMP/nginx.access.log;
	client_body_temp_path $TMP/ngx/body;
	proxy_temp_path $TMP/ngx/proxy;
	fastcgi_temp_path $TMP/ngx/fastcgi;
	uwsgi_temp_path $TMP/ngx/uwsgi;
	scgi_temp_path $TMP/ngx/scgi;
	include $TMP/bpfdojo.conf;
}
EOF
"$NGINX" -t -p "$TMP" -c "$TMP/nginx.conf" > "$TMP/nginx.t" 2>&1
check '[ $? = 0 ]' "deploy/nginx.conf is valid for nginx ($(tail -n 1 "$TMP/nginx.t"))"
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" 2> "$TMP/nginx.start"
for _ in $(seq 1 50); do [ -s "$TMP/nginx.pid" ] && break; sleep 0.1; done
check '[ -s "$TMP/nginx.pid" ]' "nginx starts"
B=http://127.0.0.1:$PN

check '[ "$(curl -s "$B/api/exercises" | jq ".exercises | length")" -ge 3 ]' "the catalogue through nginx"
check '[ "$(curl -s -o /dev/null -w "%{http_code}" "$B/metrics")" = 404 ]' "/metrics is not proxied"
curl -sN --max-time 30 --data-binary @"$SOL" "$B/api/run/process-name" > "$TMP/one"
check 'grep -q "\"verdict\":\"CORRECT\"" "$TMP/one" && tail -n 2 "$TMP/one" | grep -q "event\":\"done"' "a run streams through nginx"

# classify one request: ok | refused | cut | hang | truncated
client() {
	end=$(( $(date +%s) + $2 ))
	while [ "$(date +%s)" -lt "$end" ]; do
		code=$(curl -sN --max-time 20 -o "$TMP/body.$1" -w '%{http_code}' \
			-H "X-Forwarded-For: 10.3.0.$1" --data-binary @"$SOL" "$B/api/run/process-name")
		rc=$?
		if [ $rc = 28 ]; then echo hang
		elif [ "$code" = 200 ] && [ $rc = 0 ] && grep -q 'event: done' "$TMP/body.$1"; then echo ok
		elif [ "$code" = 200 ] && [ $rc = 0 ]; then echo truncated
		elif [ "$code" = 200 ]; then echo cut
		elif [ "$code" != 000 ]; then echo "refused $code"
		else echo "cut"; fi
	done > "$TMP/res.$1"
}
for i in 1 2 3 4; do client "$i" 8 & CL="${CL:-} $!"; done
sleep 3
kill -9 "$N1"
wait "$N1" 2>/dev/null
wait $CL
cat "$TMP"/res.* > "$TMP/all"
echo "test_nginx.sh: requests around the kill: $(sort "$TMP/all" | uniq -c | tr -s ' \n' ' ')"
check '[ "$(grep -c ^ok "$TMP/all")" -gt 0 ]' "runs completed around the kill ($(sort "$TMP/all" | uniq -c | tr '\n' ' '))"
check '! grep -q "^hang" "$TMP/all"' "no request hangs"
check '! grep -q "^truncated" "$TMP/all"' "no stream ends cleanly without done"
check '! grep -q "^refused 5" "$TMP/all"' "no 5xx: nginx retries a dead node's refused connections elsewhere"
# the survivor serves on
: > "$TMP/after"
for i in 1 2 3 4 5; do
	curl -sN --max-time 20 -H "X-Forwarded-For: 10.4.0.$i" --data-binary @"$SOL" "$B/api/run/process-name" | grep -c 'event: done' >> "$TMP/after"
done
check '[ "$(grep -c "^1$" "$TMP/after")" = 5 ]' "after the kill every run completes on the surviving node"
check 'grep -q "POST /api/run/process-name 200 CORRECT" "$TMP/N2.log"' "the survivor ran them"
check 'grep -q "10.4.0.1 POST" "$TMP/N2.log"' "the node sees the client behind nginx (X-Forwarded-For)"

echo "nginx: $pass passed, $fail failed"
[ "$fail" = 0 ]
