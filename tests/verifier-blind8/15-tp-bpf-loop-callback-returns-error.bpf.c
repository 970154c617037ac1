// A sched_process_exec tracepoint program that scans the new task's comm with bpf_loop() to
// count digits. The callback returns -1 when it hits the NUL, but a bpf_loop() callback must
// return 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct scan_ctx {
	char comm[16];
	u32 digits;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} digit_counts SEC(".maps");

static int scan_char(u32 i, void *data)
{
	struct scan_ctx *sc = data;
	char c;

	if (i >= sizeof(sc->comm))
		return 1;
	c = sc->comm[i];
	if (c == '\0')
		return -1; // expect-line
	if (c >= '0' && c <= '9')
		sc->digits++;
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int tp_exec_digits(void *ctx)
{
	struct scan_ctx sc = {};
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	bpf_get_current_comm(sc.comm, sizeof(sc.comm));
	bpf_loop(sizeof(sc.comm), scan_char, &sc, 0);
	bpf_map_update_elem(&digit_counts, &pid, &sc.digits, BPF_ANY);
	return 0;
}
