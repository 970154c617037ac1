// A plausible mistake: one argument off, submitting the first (the file descriptor) instead
// of the second (the offset).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define NR_lseek 8

SEC("raw_tp/sys_enter")
int BPF_PROG(on_enter, struct pt_regs *regs, long id)
{
	const char want[] = "seeker";
	char comm[16];
	long offset;

	if (id != NR_lseek)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	offset = PT_REGS_PARM1_CORE(regs);
	SUBMIT_NUM(offset);
	return 0;
}
