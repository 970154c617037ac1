// After the kernel selftests' dynptr tests (bpf_dynptr_data on a ring buffer record): the slice
// bpf_dynptr_data() returns can be NULL and is written without a check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct wake_sample {
	u32 pid;
	u32 cpu;
	u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} rb SEC(".maps");

SEC("tp/sched/sched_wakeup")
int on_wakeup(void *ctx)
{
	struct bpf_dynptr ptr;
	struct wake_sample *s;

	if (bpf_ringbuf_reserve_dynptr(&rb, sizeof(*s), 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	s = bpf_dynptr_data(&ptr, 0, sizeof(*s));
	s->pid = bpf_get_current_pid_tgid() >> 32; // expect-line
	s->cpu = bpf_get_smp_processor_id();
	s->ts = bpf_ktime_get_ns();
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
