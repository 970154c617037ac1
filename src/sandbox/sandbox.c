/* sandbox.c: sandbox_run() checks and defaults its arguments and hands the run to a backend
 * (vm.c, host.c); sandbox kind names.  The default is the micro-VM: host mode is only ever
 * used when asked for by name. */
#include <errno.h>
#include <string.h>
#include "core/limits.h"
#include "backend.h"

static const char *const kind_names[] = {
	[SANDBOX_DEFAULT] = "default",
	[SANDBOX_HOST] = "host",
	[SANDBOX_VM] = "vm",
};

const char *sandbox_kind_name(enum sandbox_kind kind)
{
	if ((unsigned)kind < sizeof(kind_names) / sizeof(kind_names[0]))
		return kind_names[kind];
	return "?";
}

int sandbox_kind_parse(const char *s, enum sandbox_kind *kind)
{
	for (unsigned i = 0; s && i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*kind = (enum sandbox_kind)i;
			return 0;
		}
	}
	return -EINVAL;
}

int sandbox_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		sandbox_frame_cb cb, void *ctx, struct sandbox_stats *stats, struct dojo_err *err)
{
	static const struct sandbox_opts zero_opts;
	struct sandbox_stats scratch;
	struct dojo_paths paths;
	const char *agent;
	unsigned timeout;
	int rc;

	dojo_err_clear(err);
	if (!opts)
		opts = &zero_opts;
	if (!stats)
		stats = &scratch;
	memset(stats, 0, sizeof(*stats));
	if (!job || !job->exercise || (!job->get_obj && (!job->obj || !job->obj_len)))
		return dojo_err_set(err, -EINVAL, "a sandbox job needs an exercise and an object");
	timeout = opts->timeout_ms ? opts->timeout_ms : DOJO_RUN_TIMEOUT_MS;
	if (opts->kind == SANDBOX_VM || opts->kind == SANDBOX_DEFAULT)
		return sandbox_vm_run(job, opts, timeout, cb, ctx, stats, err);
	if (opts->kind != SANDBOX_HOST)
		return dojo_err_set(err, -EINVAL, "unknown sandbox kind %d", (int)opts->kind);
	agent = opts->agent_path;
	if (!agent && opts->paths) {
		agent = opts->paths->agent;
	} else if (!agent) {
		rc = dojo_paths_init(&paths, err);
		if (rc)
			return rc;
		agent = paths.agent;
	}
	return sandbox_host_run(job, opts, agent, timeout, cb, ctx, stats, err);
}
