// After bcc libbpf-tools' capable.bpf.c: the events map was turned into a ring buffer, but the
// event is still sent with the perf-buffer output helper.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	int cap;
	int audit;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("kprobe/cap_capable")
int BPF_KPROBE(kprobe__cap_capable, const struct cred *cred, struct user_namespace *targ_ns,
	       int cap, int cap_opt)
{
	struct event event = {};

	event.pid = bpf_get_current_pid_tgid() >> 32;
	event.cap = cap;
	event.audit = (cap_opt & 0x2) == 0;
	bpf_get_current_comm(&event.comm, sizeof(event.comm));
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &event, sizeof(event)); // expect-line
	return 0;
}
