/* printk.h: the guest's trace_pipe, where bpf_printk() writes, read without blocking and sent
 * to the host line by line (PLAY_OUTPUT frames of stream PLAY_PRINTK), capped in lines and
 * bytes.  The playground (play.c) and exercise runs (run.c) share it. */
#ifndef DOJO_GUEST_PRINTK_H
#define DOJO_GUEST_PRINTK_H

#include <stddef.h>
#include <stdint.h>
#include "core/limits.h"
#include "guest.h"

struct guest_printk {
	int fd;                       /* trace_pipe, non-blocking; -1 when it could not be opened */
	char line[DOJO_PLAY_CHUNK];   /* a line being assembled (a longer one is cut) */
	size_t line_len;
	size_t bytes, max_bytes;      /* sent, and the cap */
	unsigned lines, max_lines;
	unsigned dropped;             /* lines over a cap, not sent */
	uint64_t dropped_bytes;
};

/* Open trace_pipe into @p with these caps.  0, or a negative errno with p->fd = -1 (no
 * tracefs: pumping then does nothing). */
int guest_printk_open(struct guest_printk *p, size_t max_bytes, unsigned max_lines);

/* Read what trace_pipe holds now (one read) and send each whole line on @c, within the caps.
 * 1 when something was read, 0 when nothing was there, or the channel's negative errno. */
int guest_printk_pump(struct guest_printk *p, struct guest_chan *c);

/* Pump until trace_pipe is empty, at most @rounds reads (a program still printing cannot
 * hold the caller).  0 or the channel's error. */
int guest_printk_drain(struct guest_printk *p, struct guest_chan *c, unsigned rounds);

void guest_printk_close(struct guest_printk *p);

#endif
