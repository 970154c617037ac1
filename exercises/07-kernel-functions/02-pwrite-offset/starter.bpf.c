// "journal" writes one byte with pwrite64(fd, buf, count, pos).  Attach to the system call
// with ksyscall and submit the offset (pos) of journal's write.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>   /* BPF_KSYSCALL reads the user registers with CO-RE */
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("ksyscall/pwrite64")
int BPF_KSYSCALL(on_pwrite, unsigned int fd, const char *buf, size_t count, long long pos)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("pwrite by", comm);

	// TODO: only journal's call; SUBMIT_NUM() the offset it wrote at.
	return 0;
}
