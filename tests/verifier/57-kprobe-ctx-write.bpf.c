// A kprobe may read the registers in its context, not change them.
// fixture: vm only: the host kernel has no kprobes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_unlinkat")
int on_unlink(struct pt_regs *ctx)
{
	ctx->di = 0;
	return 0;
}
