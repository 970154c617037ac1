// tc ingress: for syslog datagrams (UDP port 514) copies the message into a stack buffer and
// has a helper format a "port:message" line into another, which it reports. Mistake: each
// function's stack fits in 512 bytes, but the caller's 256-byte message plus the helper's
// 256-byte line buffer, both live during the call, exceed the 512 bytes the whole call chain
// may use.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

#define UDP_OFF     (14 + 20)
#define PAYLOAD_OFF (UDP_OFF + 8)
#define MSG_MAX     256

static __noinline int report(const char *msg, __u32 sport)
{
	char line[256] = {}; // expect-line
	__u64 args[2] = { sport, (__u64)msg };

	bpf_snprintf(line, sizeof(line), "%u:%s", args, sizeof(args));
	DEBUG_STR("syslog", line);
	return 0;
}

SEC("tc")
int syslog_lines(struct __sk_buff *skb)
{
	char msg[MSG_MAX];
	__be16 ports[2];

	if (bpf_skb_load_bytes(skb, UDP_OFF, ports, sizeof(ports)) < 0 ||
	    ports[1] != bpf_htons(514))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, PAYLOAD_OFF, msg, sizeof(msg) - 1) < 0)
		return TC_ACT_OK;
	msg[MSG_MAX - 1] = 0;
	report(msg, bpf_ntohs(ports[0]));
	return TC_ACT_OK;
}
