// fentry on vfs_read(): makes every read of the process named "looper" start again from the
// beginning of the file, and counts them. Mistake: fentry arguments are read-only views of
// kernel objects; the program writes file->f_pos through the BTF pointer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

// blind: vm only: fentry needs BPF trampolines, which this host cannot load

char LICENSE[] SEC("license") = "GPL";

__u64 rewound;

SEC("fentry/vfs_read")
int BPF_PROG(on_read, struct file *file, char *buf, size_t count, loff_t *pos)
{
	const char want[] = "looper";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	file->f_pos = 0; // expect-line
	rewound++;
	SUBMIT_NUM(rewound);
	return 0;
}
