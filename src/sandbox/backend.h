/* backend.h: what each sandbox backend implements; sandbox.c picks one per run.  Arguments are
 * already checked and defaulted: @opts is not NULL, @agent is the agent binary's path,
 * @timeout_ms is non-zero and @stats is zeroed (never NULL). */
#ifndef DOJO_SANDBOX_BACKEND_H
#define DOJO_SANDBOX_BACKEND_H

#include "sandbox.h"

int sandbox_host_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		     const char *agent, unsigned timeout_ms, sandbox_frame_cb cb, void *ctx,
		     struct sandbox_stats *stats, struct dojo_err *err);

int sandbox_vm_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		   unsigned timeout_ms, sandbox_frame_cb cb, void *ctx,
		   struct sandbox_stats *stats, struct dojo_err *err);

#endif
