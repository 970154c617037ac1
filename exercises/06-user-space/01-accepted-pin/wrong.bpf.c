// A plausible mistake: reading the result with the system-call habit, "0 means success",
// so the rejected PIN is the one submitted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, char[8]);
} pins SEC(".maps");

SEC("uprobe//proc/self/exe:vault_check_pin")
int BPF_UPROBE(on_check, const char *pin)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	char buf[8] = {};

	if (bpf_probe_read_user_str(buf, sizeof(buf), pin) < 0)
		return 0;
	bpf_map_update_elem(&pins, &tid, buf, BPF_ANY);
	return 0;
}

SEC("uretprobe//proc/self/exe:vault_check_pin")
int BPF_URETPROBE(on_check_ret, int ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	char pin[8];
	char *saved = bpf_map_lookup_elem(&pins, &tid);

	if (!saved)
		return 0;
	__builtin_memcpy(pin, saved, sizeof(pin));
	bpf_map_delete_elem(&pins, &tid);
	if (ret == 0)
		SUBMIT_STR(pin);
	return 0;
}
