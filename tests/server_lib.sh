# server_lib.sh: helpers the server's tests share (sourced by test_server.sh and
# test_play_server.sh): start and stop `bpfdojo serve`, HTTP statuses, and reading the event
# files their sse functions write ("<ns> <event> <json>" per line).  Needs $BIN, $TMP, $PIDS.

# start_server NAME ARGS...: starts `bpfdojo serve` on a free loopback port; sets SPID, PORT, B
start_server() {
	name=$1; shift
	"$BIN" serve --listen 127.0.0.1:0 "$@" > "$TMP/$name.out" 2> "$TMP/$name.err" &
	SPID=$!
	PIDS="$PIDS $SPID"
	PORT=""
	for _ in $(seq 1 1200); do
		PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$TMP/$name.err")
		[ -n "$PORT" ] && break
		kill -0 $SPID 2>/dev/null || break
		sleep 0.1
	done
	B=http://127.0.0.1:$PORT
	[ -n "$PORT" ]
}

# stop_server: SIGTERM, then wait at most 60 s; 0 when it exited by itself with status 0
stop_server() {
	kill -TERM "$SPID" 2>/dev/null
	for _ in $(seq 1 600); do
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$SPID" 2>/dev/null; then
		kill -9 "$SPID"
		wait "$SPID" 2>/dev/null
		return 1
	fi
	wait "$SPID"
}

# status URL [curl args]: the HTTP status only
status() { u=$1; shift; curl -s -o /dev/null -w '%{http_code}' "$@" "$u"; }

events() { awk '{print $2}' "$1" | tr '\n' ' '; }
event_json() { awk -v e="$2" '$2 == e { $1 = ""; $2 = ""; print; exit }' "$1"; }
event_ns() { awk -v e="$2" '$2 == e { print $1; exit }' "$1"; }
# in_order FILE A B C...: each named event appears, after the ones before it
in_order() {
	f=$1; shift
	seq_=$(events "$f")
	prev=0
	for e in "$@"; do
		n=$(awk -v e="$e" '$2 == e { print NR; exit }' "$f")
		[ -n "$n" ] && [ "$n" -gt "$prev" ] || { echo "order: '$e' missing or early in: $seq_" >&2; return 1; }
		prev=$n
	done
}
