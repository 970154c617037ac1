// fentry on a kernel function that does not exist.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_no_such_function")
int on_call(void *ctx)
{
	return 0;
}
