// After bcc libbpf-tools' tcplife.bpf.c: the birth timestamps are keyed by the socket's
// address, and the lookup passes the socket pointer itself instead of the address of the key.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, const void *);
	__type(value, u64);
} birth SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct event {
	u64 span_us;
	u16 sport, dport;
};

SEC("tp/sock/inet_sock_set_state")
int inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	const void *sk = ctx->skaddr;
	struct event e = {};
	u64 ts, *start;

	if (ctx->protocol != IPPROTO_TCP)
		return 0;
	if (ctx->newstate < TCP_FIN_WAIT1 || ctx->newstate == TCP_SYN_SENT) {
		ts = bpf_ktime_get_ns();
		bpf_map_update_elem(&birth, &sk, &ts, BPF_ANY);
		return 0;
	}
	if (ctx->newstate != TCP_CLOSE)
		return 0;
	start = bpf_map_lookup_elem(&birth, sk); // expect-line
	if (!start)
		return 0;
	e.span_us = (bpf_ktime_get_ns() - *start) / 1000;
	e.sport = ctx->sport;
	e.dport = ctx->dport;
	bpf_ringbuf_output(&events, &e, sizeof(e), 0);
	bpf_map_delete_elem(&birth, &sk);
	return 0;
}
