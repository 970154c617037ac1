// An sslsniff-like uprobe on SSL_write() that sends the plaintext to user space, reserving
// exactly as many ring buffer bytes as the call writes: bpf_ringbuf_reserve() needs a size
// known when the program is verified; variable-length data needs a fixed maximum (or
// bpf_ringbuf_output()).
// blind: vm only: uprobe programs are kprobe programs
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 256

struct ssl_event {
	u32 pid;
	u32 len;
	char data[];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} tls SEC(".maps");

SEC("uprobe/libssl.so.3:SSL_write")
int BPF_UPROBE(ssl_write, void *ssl, const void *buf, int num)
{
	struct ssl_event *e;
	u32 len = num;

	if (len > MAX_DATA)
		len = MAX_DATA;
	e = bpf_ringbuf_reserve(&tls, sizeof(*e) + len, 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_probe_read_user(e->data, len, buf);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
