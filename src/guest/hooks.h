/* hooks.h: the two kinds of program libbpf cannot run by itself, for the loader: iterators
 * (read to their end) and socket filters (attached to a packet socket on the network
 * exercises' interface). */
#ifndef DOJO_GUEST_HOOKS_H
#define DOJO_GUEST_HOOKS_H

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

#endif
