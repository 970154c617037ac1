/* trace.bpf.c: the playground's example (tests/test_play.sh): no dojo.h; a tracepoint that
 * counts openat calls per pid in a hash map and per CPU in a per-CPU array, sends each opened
 * file through a ring buffer and prints it; sets globals of different sizes in .bss and .data
 * (the map dump shows each at its own offset); and one program that cannot attach. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	u32 pid;
	char comm[16];
	char file[32];
};

/* a ring buffer's records have no declared type: this global puts struct event in the BTF */
struct event *unused_event;

/* .bss and .data: each gets its own value below */
int g_a;
long g_b;
char g_c[5];
u16 g_d = 7;
int g_e = 5;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u64);
} opens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, u64);
} calls SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32, zero = 0;
	u64 one = 1, *n = bpf_map_lookup_elem(&opens, &pid), *c;
	struct event *e;

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&opens, &pid, &one, BPF_ANY);
	c = bpf_map_lookup_elem(&calls, &zero);
	if (c)
		*c += 1;
	g_a = 11;
	g_b = 22222222222;
	g_c[0] = 'a';
	g_c[1] = 'b';
	g_c[2] = 'c';
	g_c[3] = 'd';
	g_d = 4242;
	g_e = -3;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->file, sizeof(e->file), (const char *)ctx->args[1]);
	bpf_printk("opened %s", e->file);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tp/no_such_category/no_such_event")
int never(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
