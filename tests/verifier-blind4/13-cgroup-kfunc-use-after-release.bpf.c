// After selftests/bpf cgrp_kfunc tests: a cgroup looked up by id with bpf_cgroup_from_id, its
// level recorded; the reference is dropped before the last read.
// blind: vm only: kfuncs and tp_btf need kernel BTF, which the host kernel does not expose
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern struct cgroup *bpf_cgroup_from_id(u64 cgid) __ksym;
extern void bpf_cgroup_release(struct cgroup *cgrp) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u64);
	__type(value, int);
} levels SEC(".maps");

SEC("tp_btf/cgroup_mkdir")
int BPF_PROG(on_cgroup_mkdir, struct cgroup *cgrp, const char *path)
{
	u64 id = cgrp->kn->id;
	struct cgroup *c;
	int level;

	c = bpf_cgroup_from_id(id);
	if (!c)
		return 0;
	bpf_cgroup_release(c);
	level = c->level; // expect-line
	bpf_map_update_elem(&levels, &id, &level, BPF_ANY);
	return 0;
}
