/* sandbox.c: the steps of a run (start a guest, send the job, read its messages, free it),
 * the same for every backend, and sandbox_run() on top of them; sandbox kind names.  A backend
 * (vm.c, host.c) only makes a guest ready on a channel and destroys it; after
 * sandbox_broker_start() the broker does that (broker.c).  The default is the
 * micro-VM: host mode is only ever used when asked for by name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "core/limits.h"
#include "backend.h"
#include "broker.h"

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

int sandbox_msg_is_last(enum frame_type type)
{
	return type == FRAME_DONE || type == FRAME_LOAD_FAILED || type == FRAME_ERROR;
}

static int start_backend(struct sandbox *sb, const struct sandbox_opts *opts,
			 struct dojo_err *err)
{
	struct dojo_paths paths;
	const char *agent;
	int rc;

	if (opts->kind == SANDBOX_VM || opts->kind == SANDBOX_DEFAULT)
		return sandbox_vm_start(sb, opts, err);
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
	return sandbox_host_start(sb, opts, agent, err);
}

int sandbox_start(const struct sandbox_opts *opts, struct sandbox **out, struct dojo_err *err)
{
	static const struct sandbox_opts zero_opts;
	struct sandbox *sb;
	int rc;

	dojo_err_clear(err);
	*out = NULL;
	if (!opts)
		opts = &zero_opts;
	sb = calloc(1, sizeof(*sb));
	if (!sb)
		return dojo_err_set(err, -ENOMEM, "out of memory starting a sandbox");
	sb->timeout_ms = opts->timeout_ms ? opts->timeout_ms : DOJO_RUN_TIMEOUT_MS;
	sb->t0 = dojo_now_ms();
	sb->deadline = sb->t0 + sb->timeout_ms;
	if (opts->verifier_log_level2)
		sb->job_flags |= JOB_LOG_LEVEL2;
	if (sandbox_broker_active())
		rc = sandbox_broker_start_guest(sb, opts, err);
	else
		rc = start_backend(sb, opts, err);
	if (rc) {
		sandbox_free(sb);
		return rc;
	}
	if (opts->xlated)   /* after the start: the broker's guest reports its own flags */
		sb->job_flags |= JOB_XLATED;
	sb->t_ready = dojo_now_ms();
	sb->st.start_ms = (unsigned)(sb->t_ready - sb->t0);
	sandbox_chan_set_cancel(&sb->chan, dojo_cancel_fd(opts->cancel));
	*out = sb;
	return 0;
}

/* The run's last message (or its failure) came now. */
static void run_ended(struct sandbox *sb)
{
	if (!sb->t_end)
		sb->t_end = dojo_now_ms();
	sb->ended = 1;
	sb->st.run_ms = (unsigned)(sb->t_end - sb->t_job);
}

/* The channel failed with @rc: note when, and let the backend say why the guest went away. */
static int failed(struct sandbox *sb, int rc, struct dojo_err *err)
{
	run_ended(sb);
	sb->drained = 1;
	if (sb->be && sb->be->explain && rc != -ECANCELED)   /* stopped by the caller, not the guest */
		sb->be->explain(sb, rc, err);
	return rc;
}

int sandbox_send_job(struct sandbox *sb, const struct sandbox_job *job, struct dojo_err *err)
{
	uint64_t now = dojo_now_ms();
	uint32_t agent_ms;
	int rc;

	dojo_err_clear(err);
	if (!sb || sb->job_sent)
		return dojo_err_set(err, -EINVAL, "a sandbox takes one job");
	if (!job || !(job->exercise || job->play_cmd) || !job->obj || !job->obj_len)
		return dojo_err_set(err, -EINVAL, "a sandbox job needs an exercise and an object");
	sb->job_sent = 1;
	sb->t_job = now;
	if (now >= sb->deadline)
		return failed(sb, dojo_err_set(err, -ETIMEDOUT, "the run did not finish before its deadline"), err);
	agent_ms = (uint32_t)(sb->deadline - now);
	agent_ms = agent_ms > 2 * DOJO_AGENT_MARGIN_MS ? agent_ms - DOJO_AGENT_MARGIN_MS : agent_ms * 3 / 4;
	rc = sandbox_chan_send_job(&sb->chan, job, sb->job_flags, agent_ms ? agent_ms : 1, err);
	return rc ? failed(sb, rc, err) : 0;
}

/* After the last message (host mode): the agent exits on its own; a frame now is a breach. */
static int drain(struct sandbox *sb, struct sandbox_msg *m, struct dojo_err *err)
{
	struct dojo_err late = { 0 };
	int rc;

	sb->drained = 1;
	rc = sandbox_chan_recv(&sb->chan, m, &late);
	if (rc == 0 || rc == -ETIMEDOUT)
		return 0;   /* gone, or slow to exit: the run is complete anyway */
	if (rc == 1)
		return dojo_err_set(err, -EPROTO, "the agent sent a %s frame after its last frame", frame_type_name(m->type));
	if (err)
		*err = late;
	return rc;
}

int sandbox_next(struct sandbox *sb, struct sandbox_msg *m, struct dojo_err *err)
{
	int rc;

	dojo_err_clear(err);
	if (!sb || !sb->job_sent)
		return dojo_err_set(err, -EINVAL, "no job was sent to this sandbox");
	if (sb->ended)
		return sb->drain_eof && !sb->drained ? drain(sb, m, err) : 0;
	rc = sandbox_chan_recv(&sb->chan, m, err);
	if (rc == 0)
		rc = dojo_err_set(err, -EPROTO, "the agent exited before the end of its run (after %u frames)", sb->chan.frames);
	else if (rc > 0 && m->type == FRAME_READY)
		rc = dojo_err_set(err, -EPROTO, "the agent sent a READY frame during the run");
	sb->st.frames = sb->chan.frames;
	sb->st.bytes = sb->chan.bytes;
	sb->st.run_ms = (unsigned)(dojo_now_ms() - sb->t_job);
	if (rc < 0)
		return failed(sb, rc, err);
	if (sandbox_msg_is_last(m->type)) {
		run_ended(sb);
		if (sb->drain_eof && sb->chan.deadline_ms > sb->t_end + DOJO_AGENT_EXIT_GRACE_MS)
			sb->chan.deadline_ms = sb->t_end + DOJO_AGENT_EXIT_GRACE_MS;
	}
	return 1;
}

const struct sandbox_stats *sandbox_get_stats(const struct sandbox *sb)
{
	return &sb->st;
}

void sandbox_free(struct sandbox *sb)
{
	if (!sb)
		return;
	if (sb->be && sb->be->destroy)
		sb->be->destroy(sb);
	if (sb->chan_ok)
		sandbox_chan_free(&sb->chan);
	free(sb);
}

int sandbox_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		sandbox_msg_cb cb, void *ctx, struct sandbox_stats *stats, struct dojo_err *err)
{
	struct dojo_err tmo = { 0 };
	struct sandbox_msg m;
	struct sandbox *sb;
	int rc;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (!job || !job->exercise || !job->obj || !job->obj_len)
		return dojo_err_set(err, -EINVAL, "a sandbox job needs an exercise and an object");
	rc = sandbox_start(opts, &sb, err);
	if (rc)
		return rc;
	rc = sandbox_send_job(sb, job, err);
	while (!rc && (rc = sandbox_next(sb, &m, err)) == 1) {
		int stop = cb ? cb(&m, ctx) : 0;

		rc = 0;
		if (stop) {
			rc = dojo_err_set(err, stop < 0 ? stop : -ECANCELED, "the run was stopped by its consumer (%s)", strerror(stop < 0 ? -stop : ECANCELED));
			break;
		}
		if (m.type == FRAME_ERROR && m.u.error.err == -ETIMEDOUT)
			dojo_err_set(&tmo, -ETIMEDOUT, "%s", m.u.error.msg);
	}
	if (rc == 0 && tmo.code)   /* the agent's own deadline passed */
		rc = dojo_err_set(err, tmo.code, "%s", tmo.msg);
	if (stats)
		*stats = *sandbox_get_stats(sb);
	sandbox_free(sb);
	return rc;
}
