/* backend.h: one run's guest as sandbox.c sees it, and what each backend (vm.c, host.c)
 * implements.  sandbox.c owns the steps (start, send the job, read messages, free) and the
 * channel's rules; a backend only makes a guest ready on a channel, explains why it went
 * away, and destroys it. */
#ifndef DOJO_SANDBOX_BACKEND_H
#define DOJO_SANDBOX_BACKEND_H

#include "channel.h"
#include "sandbox.h"

struct sandbox_backend {
	/* After the channel failed with @rc: add to @err why the guest went away (may be NULL). */
	void (*explain)(struct sandbox *sb, int rc, struct dojo_err *err);
	/* Kill the guest, reap it, release what the backend holds, free sb->priv. */
	void (*destroy)(struct sandbox *sb);
};

struct sandbox {
	const struct sandbox_backend *be;  /* set by the backend's start, even when it fails */
	void *priv;                        /* the backend's own state */
	unsigned timeout_ms;               /* the run's wall clock (non-zero) */
	uint64_t t0, deadline;             /* the backend may restart them (vm: after a snapshot build) */
	uint64_t t_ready, t_job, t_end;
	uint32_t job_flags;                /* enum job_flags the backend needs (vm: RNG, clock) */
	int drain_eof;                     /* after the last message, wait for the agent's exit */
	struct sandbox_chan chan;
	int chan_ok;                       /* chan was initialised: free it */
	int job_sent, ended, drained;
	struct sandbox_stats st;
};

/* Make a guest ready for its job on sb->chan (sandbox_chan_init() done, chan_ok set).  @opts
 * is not NULL, @agent is the agent binary's path.  0 or a negative errno with @err filled;
 * sandbox.c calls sb->be->destroy either way. */
int sandbox_host_start(struct sandbox *sb, const struct sandbox_opts *opts, const char *agent,
		       struct dojo_err *err);
int sandbox_vm_start(struct sandbox *sb, const struct sandbox_opts *opts, struct dojo_err *err);

#endif
