// A plausible mistake: one argument early, the byte count (the third) instead of the
// offset (the fourth).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>   /* BPF_KSYSCALL reads the user registers with CO-RE */
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("ksyscall/pwrite64")
int BPF_KSYSCALL(on_pwrite, unsigned int fd, const char *buf, size_t count, long long pos)
{
	const char want[] = "journal";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	SUBMIT_NUM(count);
	return 0;
}
