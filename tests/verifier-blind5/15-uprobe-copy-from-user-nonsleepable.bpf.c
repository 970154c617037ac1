// uprobe on the vault's check_pin(): copies the PIN argument out of the process and submits
// it. Mistake: bpf_copy_from_user() may sleep (it faults pages in), so it is only available in
// sleepable programs (SEC("uprobe.s/...")); this is a plain, non-sleepable uprobe.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("uprobe//proc/self/exe:vault_check_pin")
int BPF_UPROBE(on_check, const char *pin)
{
	char buf[8] = {};

	if (bpf_copy_from_user(buf, sizeof(buf) - 1, pin)) // expect-line
		return 0;
	SUBMIT_STR(buf);
	return 0;
}
