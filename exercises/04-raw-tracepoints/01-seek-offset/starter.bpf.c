// A process named "seeker" calls lseek(fd, offset, SEEK_SET) once.  Catch it at the raw
// sys_enter tracepoint and submit the offset.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define NR_lseek 8   /* x86-64 */

SEC("raw_tp/sys_enter")
int BPF_PROG(on_enter, struct pt_regs *regs, long id)
{
	char comm[16];

	if (id != NR_lseek)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("lseek by", comm);

	// TODO: keep only seeker's call; read the offset from regs with PT_REGS_PARM<n>_CORE()
	// and SUBMIT_NUM() it.
	return 0;
}
