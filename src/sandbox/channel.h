/* channel.h: the host's end of a job channel, shared by every backend (host: a socketpair;
 * vm: the unix socket QEMU's virtio-serial port connects to).  It reads frames under one
 * wall-clock deadline, enforces the caps on what a guest may send (DOJO_MAX_FRAME_BYTES,
 * DOJO_MAX_FRAMES, DOJO_MAX_CHANNEL_BYTES) and decodes each frame into a typed message, once;
 * it speaks the host's half of the protocol: wait for READY, send the JOB. */
#ifndef DOJO_SANDBOX_CHANNEL_H
#define DOJO_SANDBOX_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include "core/clock.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/frame.h"
#include "sandbox.h"

struct sandbox_chan {
	int fd;                  /* not owned */
	int cancel_fd;           /* readable: the caller stopped the run (-1: none; not owned) */
	uint64_t deadline_ms;    /* dojo_now_ms() value after which every call fails */
	struct frame_reader rd;
	unsigned frames;         /* frames received */
	size_t bytes;            /* bytes received */
	int eof;
};

/* Start reading @fd (made non-blocking) until @deadline_ms.  0 or a negative errno. */
int sandbox_chan_init(struct sandbox_chan *c, int fd, uint64_t deadline_ms);

/* From now on every wait on @c also ends, with -ECANCELED, once @cancel_fd is readable (a
 * dojo_cancel's fd; -1: never). */
void sandbox_chan_set_cancel(struct sandbox_chan *c, int cancel_fd);
/* Free the reader (the fd stays open: the backend owns it). */
void sandbox_chan_free(struct sandbox_chan *c);

/* The next frame: 1 and *f filled (valid until the next call); 0 at a clean end of stream;
 * -ETIMEDOUT at the deadline; -EPROTO for anything malformed or over a cap (a torn frame at
 * EOF, an oversized frame, an unknown type, too many frames or bytes); another negative errno
 * for a read error.  @err says which. */
int sandbox_chan_next(struct sandbox_chan *c, struct frame *f, struct dojo_err *err);

/* Write one frame before the deadline.  0, -ETIMEDOUT, -EPIPE (the guest is gone), ... */
int sandbox_chan_write(struct sandbox_chan *c, uint8_t type, const void *p, size_t len,
		       struct dojo_err *err);

/* The next frame, decoded into @m: 1 and *m filled; 0 at a clean end of stream; what
 * sandbox_chan_next() returns on failure; -EPROTO for a payload that does not match its type
 * (or a host->agent type).  This is the only place that decodes an agent's frames. */
int sandbox_chan_recv(struct sandbox_chan *c, struct sandbox_msg *m, struct dojo_err *err);

/* Wait for the agent's READY and check its version.  0; -EPROTO (another frame, a wrong
 * version, EOF); an ERROR frame's own code when the agent reports it could not start. */
int sandbox_chan_wait_ready(struct sandbox_chan *c, struct dojo_err *err);

/* Send the JOB for @job.  @flags are enum job_flags; @agent_timeout_ms is the agent's own
 * deadline.  0 or a negative errno. */
int sandbox_chan_send_job(struct sandbox_chan *c, const struct sandbox_job *job, uint32_t flags,
			  uint32_t agent_timeout_ms, struct dojo_err *err);

#endif
