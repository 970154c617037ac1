// An LSM program returns 0 (allow) or a negative errno (deny): 1 is neither.
// fixture: vm only: the host kernel has no BPF trampolines, so LSM programs cannot load there
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("lsm/file_open")
int BPF_PROG(check_open, struct file *file)
{
	return 1;
}
