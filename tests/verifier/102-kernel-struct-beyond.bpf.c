// Logs the congestion window of TCP sockets as they change state, from the tp_btf tracepoint's
// `struct sock *`: cast to struct tcp_sock and read, which the verifier still knows as a sock.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(on_state, const struct sock *sk, int oldstate, int newstate)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	if (newstate == 1)   /* TCP_ESTABLISHED */
		DEBUG_NUM("cwnd", tp->snd_cwnd);
	return 0;
}
