// Reference solution: dojo-ledger fires ledger:post(account, cents) for each posting of the
// transfer; the debit is the one with negative cents: submit its account.
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

	if (cents >= 0)
		return 0;
	if (bpf_probe_read_user_str(name, sizeof(name), account) < 0)
		return 0;
	SUBMIT_STR(name);
	return 0;
}
