// examples.js: the Playground's ready examples: a program and the workload that makes it
// fire, each run by the guest's busybox (Debian's busybox-static: no DNS server applet, so the
// name lookup's query goes to 127.0.0.1:53, where nothing answers).  The first is the default.
export const EXAMPLES = [
  {
    id: 'open',
    title: 'Open a file',
    command: 'cat /etc/hostname',
    seconds: 2,
    program: `// Every file opened (the openat system call's tracepoint): a count per pid in a hash map,
// a count per CPU in a per-CPU array, each file name through a ring buffer and printk.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	u32 pid;
	char comm[16];
	char file[32];
};
struct event *unused_event;   // puts the ring buffer's record type in BTF

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u32);     // pid
	__type(value, u64);   // files it opened
} opens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} calls SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32, zero = 0;
	u64 one = 1, *n = bpf_map_lookup_elem(&opens, &pid), *c;
	struct event *e;

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&opens, &pid, &one, BPF_ANY);
	c = bpf_map_lookup_elem(&calls, &zero);
	if (c)
		*c += 1;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->file, sizeof(e->file), (const char *)ctx->args[1]);
	bpf_printk("opened %s", e->file);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`,
  },
  {
    id: 'exec',
    title: 'Start a process',
    command: '/bin/busybox uname -r; /bin/busybox date -u',
    seconds: 2,
    program: `// Every program started (sched_process_exec): its name counted in a hash map, and each
// exec sent through a ring buffer with its pid and file name.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct exec_event {
	u32 pid;
	char comm[16];
	char file[48];
};
struct exec_event *unused_exec_event;   // puts the record's type in BTF

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} execs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, char[16]);
	__type(value, u64);
} by_name SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[16] = {};
	u64 one = 1, *n;
	struct exec_event *e;
	unsigned off = ctx->__data_loc_filename & 0xffff;

	bpf_get_current_comm(comm, sizeof(comm));
	n = bpf_map_lookup_elem(&by_name, comm);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&by_name, comm, &one, BPF_ANY);
	e = bpf_ringbuf_reserve(&execs, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	__builtin_memcpy(e->comm, comm, sizeof(comm));
	bpf_probe_read_kernel_str(e->file, sizeof(e->file), (void *)ctx + off);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`,
  },
  {
    id: 'connect',
    title: 'Connect to a local port',
    command: 'nc -l -p 8080 & sleep 0.3; echo hello | nc -w 1 127.0.0.1 8080; wait',
    seconds: 3,
    program: `// TCP sockets changing state (sock/inet_sock_set_state): each change through a ring buffer
// with its ports, and a count per new state in an array.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct tcp_event {
	u16 sport, dport;
	int oldstate, newstate;
	char comm[16];
};
struct tcp_event *unused_tcp_event;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} changes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 13);   // TCP_ESTABLISHED (1) .. TCP_NEW_SYN_RECV (12)
	__type(key, u32);
	__type(value, u64);
} per_state SEC(".maps");

SEC("tp/sock/inet_sock_set_state")
int on_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	u32 st = ctx->newstate;
	u64 *n = bpf_map_lookup_elem(&per_state, &st);
	struct tcp_event *e;

	if (ctx->protocol != IPPROTO_TCP)
		return 0;
	if (n)
		__sync_fetch_and_add(n, 1);
	e = bpf_ringbuf_reserve(&changes, sizeof(*e), 0);
	if (!e)
		return 0;
	e->sport = ctx->sport;
	e->dport = ctx->dport;
	e->oldstate = ctx->oldstate;
	e->newstate = ctx->newstate;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`,
  },
  {
    id: 'udp',
    title: 'Send a UDP packet',
    command: 'traceroute -n -m 1 -q 1 -w 1 127.0.0.1',
    seconds: 2,
    program: `// UDP datagrams sent (fentry on the kernel's udp_sendmsg): bytes per destination port in a
// hash map, and a printk line per datagram.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u16);     // destination port
	__type(value, u64);   // bytes sent to it
} bytes_to_port SEC(".maps");

SEC("fentry/udp_sendmsg")
int BPF_PROG(on_udp_send, struct sock *sk, struct msghdr *msg, size_t len)
{
	struct sockaddr_in *sin = BPF_CORE_READ(msg, msg_name);
	u16 port = sk->__sk_common.skc_dport;
	u64 *n;

	if (sin)   // sendto() names the destination; a connected socket has it in sk
		bpf_probe_read_kernel(&port, sizeof(port), &sin->sin_port);
	port = __builtin_bswap16(port);
	n = bpf_map_lookup_elem(&bytes_to_port, &port);
	if (n)
		__sync_fetch_and_add(n, len);
	else
		bpf_map_update_elem(&bytes_to_port, &port, &(u64){ len }, BPF_ANY);
	bpf_printk("udp: %lu bytes to port %u", len, port);   // bpf_printk has no %z
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`,
  },
  {
    id: 'dns',
    title: 'Look up a name (DNS)',
    // dojo-dns: the guest's own resolver on 127.0.0.1:53 (docs/sandbox.md); it is listening
    // when it returns, and answers any name with an address made from the name (10.x.y.z)
    command: 'dojo-dns && nslookup -timeout=1 -retry=1 bpfdojo.test 127.0.0.1',
    seconds: 3,
    program: `// UDP datagrams sent (fentry on the kernel's udp_sendmsg): bytes per destination port in a
// hash map, and a printk line per datagram.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u16);     // destination port
	__type(value, u64);   // bytes sent to it
} bytes_to_port SEC(".maps");

SEC("fentry/udp_sendmsg")
int BPF_PROG(on_udp_send, struct sock *sk, struct msghdr *msg, size_t len)
{
	struct sockaddr_in *sin = BPF_CORE_READ(msg, msg_name);
	u16 port = sk->__sk_common.skc_dport;
	u64 *n;

	if (sin)   // sendto() names the destination; a connected socket has it in sk
		bpf_probe_read_kernel(&port, sizeof(port), &sin->sin_port);
	port = __builtin_bswap16(port);
	n = bpf_map_lookup_elem(&bytes_to_port, &port);
	if (n)
		__sync_fetch_and_add(n, len);
	else
		bpf_map_update_elem(&bytes_to_port, &port, &(u64){ len }, BPF_ANY);
	bpf_printk("udp: %lu bytes to port %u", len, port);   // bpf_printk has no %z
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`,
  },
];
