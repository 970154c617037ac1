// Reference solution: when traveler exits, read the monotonic offset of its time namespace,
// through types declared here as kernels with time namespaces (5.6 and later) have them.
// bpf_core_type_exists() tells, at load time, whether the running kernel has them at all.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

/* libbpf drops the ___new suffix when it matches these names against the running kernel's
 * types, and keeps only the fields named here */
struct timens_offsets___new {
	struct timespec64 monotonic;
	struct timespec64 boottime;
} __attribute__((preserve_access_index));

struct time_namespace___new {
	struct timens_offsets___new offsets;
} __attribute__((preserve_access_index));

struct nsproxy___new {
	struct time_namespace___new *time_ns;
} __attribute__((preserve_access_index));

static bool is_traveler(const char *comm)
{
	const char want[] = "traveler";

	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return false;
	return true;
}

static __s64 monotonic_offset(struct task_struct *t)
{
	struct nsproxy___new *ns = (void *)BPF_CORE_READ(t, nsproxy);

	if (!bpf_core_type_exists(struct time_namespace___new))
		return 0;   /* a kernel without time namespaces shifts no clock */
	return BPF_CORE_READ(ns, time_ns, offsets.monotonic.tv_sec);
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	if (is_traveler(comm))
		SUBMIT_NUM(monotonic_offset((struct task_struct *)bpf_get_current_task()));
	return 0;
}
