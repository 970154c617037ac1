/* hooks.h: the programs libbpf cannot run by itself, for the loader: iterators (read to their
 * end), socket filters (attached to a packet socket on the network exercises' interface),
 * perf_event programs (on the page-fault software event of every CPU), cgroup programs (on
 * the micro-VM's root cgroup) and tail-call targets (not attached at all: only reached through
 * a prog array). */
#ifndef DOJO_GUEST_HOOKS_H
#define DOJO_GUEST_HOOKS_H

#include <bpf/libbpf.h>
#include "guest.h"

/* Read the iterator of link @link_fd to its end (at most DOJO_MAX_ITER_BYTES): the kernel runs
 * its program once per object it walks, then once with none.  What it printed is told on @c
 * in one LOG line (its beginning), a failure in a warning LOG line.  0 or a negative errno
 * (check c->dead to tell the channel's). */
int guest_hooks_read_iter(struct guest_chan *c, const char *prog_name, int link_fd);

/* A packet socket (AF_PACKET, every protocol) bound to EXERCISE_NET_IF with the socket
 * filter @prog_fd attached: the program runs on every frame the interface receives while
 * the socket is open.  The socket's fd, or a negative errno (-ENODEV: no such interface). */
int guest_hooks_attach_socket(int prog_fd);

/* The software page-fault event on every CPU (sampled at each fault), with the perf_event
 * program @prog attached to each: *out (malloc'ed) gets the links, *n how many.  0, or a
 * negative errno with nothing left open. */
int guest_hooks_attach_perf(struct bpf_program *prog, struct bpf_link ***out, unsigned *n);

/* Whether the loaded program @prog_fd is in one of @obj's prog arrays (BPF_MAP_TYPE_PROG_ARRAY,
 * filled by libbpf from the map's .values): such a program runs when another tail-calls it,
 * and attaching it too would run it twice.  1 or 0 (0 also when it cannot be told). */
int guest_hooks_is_tail_target(struct bpf_object *obj, int prog_fd);

/* Whether programs of @type attach to a cgroup (cgroup_skb, cgroup/sock*, cgroup/connect4 and
 * the other sock_addr hooks, sockops, cgroup/dev, cgroup/sysctl, sockopt): 1 or 0. */
int guest_hooks_is_cgroup(enum bpf_prog_type type);

/* Attach the cgroup program @prog to the root of GUEST_CGROUP_DIR, the cgroup2 hierarchy the
 * micro-VM's agent mounts (every guest process is in its root), where its section says
 * (libbpf's expected attach type).  The link, or NULL with errno set: ENOENT in host mode,
 * which has no such hierarchy and never attaches to this machine's own cgroups. */
struct bpf_link *guest_hooks_attach_cgroup(struct bpf_program *prog);

#endif
