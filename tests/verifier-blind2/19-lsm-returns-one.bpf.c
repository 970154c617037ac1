// After libbpf-bootstrap's lsm example (deny a program by name at bprm_check_security): the
// denial returns 1, but an LSM hook takes 0 or a negative errno.
// blind: vm only: the host kernel refuses every LSM program (EPERM, no log), whatever its mistake
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("lsm/bprm_check_security")
int BPF_PROG(check_exec, struct linux_binprm *bprm, int ret)
{
	char comm[16];

	if (ret != 0)
		return ret;
	bpf_get_current_comm(comm, sizeof(comm));
	if (comm[0] == 'n' && comm[1] == 'c' && comm[2] == 0)
		return 1; // expect-line
	return 0;
}
