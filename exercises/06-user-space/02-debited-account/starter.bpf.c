// dojo-ledger posts a transfer: it fires its USDT probe ledger:post(account, cents) once for
// the account credited (cents > 0) and once for the account debited (cents < 0).  Submit the
// account the money was taken from.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("usdt/dojo-ledger:ledger:post")
int BPF_USDT(on_post, const char *account, long cents)
{
	char name[16] = {};

	bpf_probe_read_user_str(name, sizeof(name), account);
	DEBUG_STR("account", name);
	DEBUG_NUM("cents", cents);
	// TODO: SUBMIT_STR() the account of the debit.
	return 0;
}
