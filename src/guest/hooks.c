/* hooks.c: running the programs libbpf has no attach point for.  An iterator's link only
 * makes an iterator possible: the walk happens when one is created from the link and read.
 * A socket filter runs for a socket it is attached to (SO_ATTACH_BPF): the agent makes a
 * packet socket on the network exercises' interface for it and keeps it open for the run.  A
 * program in a prog array runs when another tail-calls it: it is not attached.  A perf_event
 * program needs perf events to run on: bpfdojo opens the software page-fault event, sampling
 * every fault, on each CPU.  A cgroup program (skb, sock, sock_addr, sockops, ...) runs for
 * the processes of the cgroup it is attached to: the micro-VM's agent attaches it to the root
 * of the cgroup2 hierarchy it mounted (GUEST_CGROUP_DIR), so it sees every guest process. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "core/limits.h"
#include "exercises/net.h"
#include "hooks.h"

int guest_hooks_read_iter(struct guest_chan *c, const char *prog_name, int link_fd)
{
	char buf[4096], text[PROTO_TEXT_MAX], line[PROTO_TEXT_MAX + 64];
	size_t total = 0, kept = 0;
	ssize_t n;
	int fd = bpf_iter_create(link_fd), err = 0;

	if (fd < 0) {
		err = -errno;
		snprintf(line, sizeof(line), "cannot read iterator %s: %s", prog_name, strerror(-err));
		return guest_send_log(c, LIBBPF_WARN, line) ?: err;
	}
	while (total < DOJO_MAX_ITER_BYTES && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (kept < sizeof(text) - 1) {
			size_t room = sizeof(text) - 1 - kept, take = (size_t)n < room ? (size_t)n : room;

			memcpy(text + kept, buf, take);
			kept += take;
		}
		total += (size_t)n;
	}
	close(fd);
	text[kept] = 0;
	if (err) {
		snprintf(line, sizeof(line), "reading iterator %s failed: %s", prog_name, strerror(-err));
		return guest_send_log(c, LIBBPF_WARN, line) ?: err;
	}
	if (total == 0)
		return 0;
	snprintf(line, sizeof(line), "iterator %s printed %zu bytes: %s", prog_name, total, text);
	return guest_send_log(c, LIBBPF_INFO, line);
}

int guest_hooks_attach_socket(int prog_fd)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	int fd, e;

	if (!(sll.sll_ifindex = (int)if_nametoindex(EXERCISE_NET_IF)))
		return -ENODEV;
	if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL))) < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_ATTACH_BPF, &prog_fd, sizeof(prog_fd)) < 0) {
		e = -errno;
		close(fd);
		return e;
	}
	return fd;
}

int guest_hooks_is_tail_target(struct bpf_object *obj, int prog_fd)
{
	struct bpf_prog_info info = { 0 };
	uint32_t len = sizeof(info);
	struct bpf_map *map;

	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len) < 0)
		return 0;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_PROG_ARRAY)
			continue;
		for (uint32_t k = 0; k < bpf_map__max_entries(map); k++) {
			uint32_t id;

			/* a prog array's element, read from user space, is the program's id */
			if (bpf_map_lookup_elem(bpf_map__fd(map), &k, &id) == 0 && id == info.id)
				return 1;
		}
	}
	return 0;
}

int guest_hooks_attach_perf(struct bpf_program *prog, struct bpf_link ***out, unsigned *n)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(attr),
					.config = PERF_COUNT_SW_PAGE_FAULTS, .sample_period = 1 };
	int ncpu = libbpf_num_possible_cpus(), err = 0;
	struct bpf_link **links;
	unsigned got = 0;

	if (ncpu <= 0)
		return ncpu < 0 ? ncpu : -ENOENT;
	if (!(links = calloc((size_t)ncpu, sizeof(*links))))
		return -ENOMEM;
	for (int cpu = 0; cpu < ncpu && !err; cpu++) {
		int pfd = (int)syscall(__NR_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);

		if (pfd < 0) {
			if (errno != ENODEV)   /* a possible CPU that is not online */
				err = -errno;
			continue;
		}
		if (!(links[got] = bpf_program__attach_perf_event(prog, pfd))) {
			err = -errno;
			close(pfd);
			break;
		}
		got++;   /* the link owns pfd now */
	}
	if (!err && got == 0)
		err = -ENOENT;   /* not -ENODEV: that one means "no network interface" to the loader */
	if (err) {
		for (unsigned i = 0; i < got; i++)
			bpf_link__destroy(links[i]);
		free(links);
		return err;
	}
	*out = links;
	*n = got;
	return 0;
}

int guest_hooks_is_cgroup(enum bpf_prog_type type)
{
	switch (type) {
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_SOCK_OPS:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return 1;
	default:
		return 0;
	}
}

struct bpf_link *guest_hooks_attach_cgroup(struct bpf_program *prog)
{
	struct bpf_link *link;
	int fd = open(GUEST_CGROUP_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e;

	if (fd < 0)
		return NULL;   /* errno: ENOENT in host mode, which mounts no cgroup2 */
	link = bpf_program__attach_cgroup(prog, fd);
	e = errno;
	close(fd);   /* the link holds the cgroup */
	errno = e;
	return link;
}
