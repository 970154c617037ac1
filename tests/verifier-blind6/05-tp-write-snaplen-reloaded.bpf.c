// Captures the first bytes of every write() into a ring buffer, with the capture length set
// by user space in a config map (like a tiny sslsniff/opensnoop hybrid). The length is
// checked on the map value, but then read again from the map value after a helper call, and
// that second read is not bounded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_SNAP 128

struct config {
	u32 snap_len;
	u32 target_pid;
};

struct event {
	u32 pid;
	u32 len;
	char data[MAX_SNAP];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct config);
} cfg_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} writes SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int snoop_write(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0;
	struct config *cfg = bpf_map_lookup_elem(&cfg_map, &zero);
	struct event *e;

	if (!cfg || cfg->snap_len > MAX_SNAP)
		return 0;
	e = bpf_ringbuf_reserve(&writes, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = cfg->snap_len;
	bpf_probe_read_user(e->data, cfg->snap_len, (void *)ctx->args[1]); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
