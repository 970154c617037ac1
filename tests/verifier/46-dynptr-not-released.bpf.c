// A ring-buffer dynptr is reserved, and one path neither submits nor discards it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct bpf_dynptr ptr;
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	bpf_ringbuf_reserve_dynptr(&events, sizeof(pid), 0, &ptr);
	if (pid == 1)
		return 0;
	bpf_dynptr_write(&ptr, 0, &pid, sizeof(pid), 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
