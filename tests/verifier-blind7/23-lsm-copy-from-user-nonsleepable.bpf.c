// An LSM policy in the style of Falco/KRSI examples: on bprm_check_security, reads the first
// bytes of the program's argv from user memory and denies "nc -e". The mistake:
// bpf_copy_from_user() may fault and sleep, so it is only allowed in sleepable programs;
// the section must be "lsm.s/bprm_check_security".
// blind: vm only: lsm programs need BTF trampolines, which the host kernel cannot load
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1

SEC("lsm/bprm_check_security") // expect-line
int BPF_PROG(check_exec, struct linux_binprm *bprm, int ret)
{
	char arg[8] = {};
	unsigned long p;

	if (ret)
		return ret;
	p = bprm->p;
	if (bpf_copy_from_user(arg, sizeof(arg), (void *)p))
		return 0;
	if (arg[0] == 'n' && arg[1] == 'c' && arg[2] == '\0')
		return -EPERM;
	return 0;
}
