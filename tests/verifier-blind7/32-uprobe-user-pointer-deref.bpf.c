// A uprobe on a banking daemon's debit(struct account *acct, long amount) that submits the
// balance, like the bpfdojo user-space chapter. The mistake: acct points into the traced
// process's memory, which a uprobe cannot dereference directly; it must be read with
// bpf_probe_read_user().
// blind: vm only: uprobe programs are kprobe-type programs, which the host kernel cannot load
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct account {
	__u64 id;
	__s64 balance;
};

SEC("uprobe//usr/local/bin/bankd:debit")
int BPF_UPROBE(on_debit, struct account *acct, long amount)
{
	__s64 balance;

	balance = acct->balance; // expect-line
	if (amount > balance)
		return 0;
	SUBMIT_NUM(balance - amount);
	return 0;
}
