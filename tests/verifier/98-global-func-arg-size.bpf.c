// Counts the dots of a hostname copied from a UDP payload, in a helper function.  The helper is
// global (not static), so the verifier checks it on its own: its `const char *` argument then
// points to one byte, and the loop reads past it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define NAME_MAX_LEN 32

__noinline int count_dots(const char *s)
{
	int dots = 0;

	if (!s)
		return 0;
	for (int i = 0; i < NAME_MAX_LEN; i++)
		if (s[i] == '.')
			dots++;
	return dots;
}

SEC("tc")
int name_dots(struct __sk_buff *skb)
{
	char name[NAME_MAX_LEN] = {};

	if (bpf_skb_load_bytes(skb, 14 + 20 + 8, name, sizeof(name)) < 0)
		return 0;
	DEBUG_NUM("dots", count_dots(name));
	return 0;
}
