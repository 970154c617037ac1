// A tc parser copying a TLV option's value from a UDP payload into a stack buffer with
// bpf_skb_load_bytes(): the length read from the packet is never limited to the buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

#define PAYLOAD_OFF (sizeof(struct ethhdr) + sizeof(struct iphdr) + sizeof(struct udphdr))

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, char[64]);
} last_value SEC(".maps");

SEC("tc")
int tc_tlv(struct __sk_buff *skb)
{
	struct { u8 type; u8 len; } tlv;
	char val[64];
	u32 zero = 0;

	if (bpf_skb_load_bytes(skb, PAYLOAD_OFF, &tlv, sizeof(tlv)))
		return TC_ACT_OK;
	if (tlv.type != 1 || tlv.len == 0)
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, PAYLOAD_OFF + sizeof(tlv), val, tlv.len)) // expect-line
		return TC_ACT_OK;
	bpf_map_update_elem(&last_value, &zero, val, BPF_ANY);
	return TC_ACT_OK;
}
