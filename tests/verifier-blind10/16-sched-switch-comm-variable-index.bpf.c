// A tp_btf sched_switch filter matching one configured character of the next task's
// command name: it indexes task->comm with a variable, which a BTF pointer does not allow.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct config {
	u32 idx;
	char ch;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct config);
} cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} matches SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 zero = 0, i;
	struct config *c;
	u64 *cnt;

	c = bpf_map_lookup_elem(&cfg, &zero);
	if (!c)
		return 0;
	i = c->idx & 15;
	if (next->comm[i] != c->ch) // expect-line
		return 0;
	cnt = bpf_map_lookup_elem(&matches, &zero);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return 0;
}
