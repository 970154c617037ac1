// Walks the TLV options after a UDP header until the end-of-options type, with a while loop
// that has no bound: each trip moves the pointer on by the option's length, until the
// verifier can no longer bound its offset.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct tlv {
	__u8 type;
	__u8 len;
};

SEC("xdp")
int count_options(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	void *pos = data + 42;
	struct tlv *o = pos;
	__u32 n = 0;

	if ((void *)(o + 1) > data_end)
		return XDP_PASS;
	while (o->type != 0) {
		n++;
		pos += o->len + 2;
		o = pos;
		if ((void *)(o + 1) > data_end)
			return XDP_PASS;
	}
	DEBUG_NUM("options", n);
	return XDP_PASS;
}
