// vault calls vault_check_pin(pin, expected) twice; it returns 1 when the PIN is accepted.
// Save each PIN at entry (uprobe), and at return (uretprobe) submit the one that was accepted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);      /* thread id */
	__type(value, char[8]);  /* the PIN being checked */
} pins SEC(".maps");

SEC("uprobe//proc/self/exe:vault_check_pin")
int BPF_UPROBE(on_check, const char *pin)
{
	char buf[8] = {};

	bpf_probe_read_user_str(buf, sizeof(buf), pin);
	DEBUG_STR("pin", buf);
	// TODO 1: save buf in the map under this thread's id.
	return 0;
}

SEC("uretprobe//proc/self/exe:vault_check_pin")
int BPF_URETPROBE(on_check_ret, int ret)
{
	DEBUG_NUM("returned", ret);
	// TODO 2: look up this thread's PIN, delete it, and SUBMIT_STR() it if it was accepted.
	return 0;
}
