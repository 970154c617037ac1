// After the questions on changing a syscall's arguments from BPF: a kprobe clears the open flags
// by writing into its pt_regs context, which a kprobe may only read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

u64 rewritten;

SEC("kprobe/do_sys_openat2")
int BPF_KPROBE(force_flags, int dfd, const char *filename, struct open_how *how)
{
	if (!filename)
		return 0;
	ctx->dx = 0; // expect-line
	__sync_fetch_and_add(&rewritten, 1);
	return 0;
}
