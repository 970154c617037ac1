/* runner.c: the server's only door to compile, sandbox and pipeline.
 *
 * Every route that needs a compile or a run comes through here, and nothing else in
 * src/server includes a compile or sandbox header.  It is also where privilege separation
 * happens: started as root, the server forks the sandbox broker first (the one process that
 * keeps root: qemu as nobody, /dev/kvm, the host-mode agent), starts the resident compiler in
 * its jail, prepares the sandbox, and then, once the server has opened what it needs, drops to
 * an unprivileged user with no capability (runner_drop_privileges()). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "compile/compile.h"
#include "core/paths.h"
#include "sandbox/vm.h"
#include "internal.h"

static struct {
	struct runner_opts o;
	struct compile_server *cs;     /* the resident compiler every run and check goes through */
	struct dojo_paths paths;
	int compiler_ok;
	char accel[16];
	char why[DOJO_MAX_MESSAGE];
} R;

int runner_init(const struct runner_opts *o, struct dojo_err *err)
{
	int rc;

	R.o = *o;
	rc = dojo_paths_init(&R.paths, err);
	if (rc)
		return rc;
	if (access(R.paths.pch, R_OK) || access(R.paths.include_dir, R_OK))
		return dojo_err_set(err, -ENOENT, "the compiler's headers or PCH are missing under "
				    "%s; run make", R.paths.root);
	/* before any thread and before the compiler's jail: a fork copies only one thread */
	if (geteuid() == 0) {
		struct sandbox_broker_opts bo = { .paths = &R.paths };

		rc = sandbox_broker_start(&bo, err);
		if (rc)
			return rc;
	}
	/* clang kept warm in its jail: a compile is a fork, not a start (docs/compile.md) */
	R.cs = compile_server_new(&(struct compile_server_opts){ .paths = &R.paths }, err);
	if (!R.cs)
		return err && err->code ? err->code : -EIO;
	R.compiler_ok = 1;
	snprintf(R.accel, sizeof(R.accel), "none");
	if (o->sandbox == SANDBOX_HOST)
		return sandbox_host_check_bpf(err);
	{
		struct sandbox_vm_status st;

		/* build the snapshot now, so no learner's run waits for a cold boot */
		rc = sandbox_vm_status(&R.paths, 1, &st, err);
		if (rc)
			return rc;
		snprintf(R.accel, sizeof(R.accel), "%s", sandbox_vm_accel_name(st.accel));
		snprintf(R.why, sizeof(R.why), "%s", st.accel_why);
	}
	if (o->spares > 0) {
		rc = sandbox_vm_spares((unsigned)o->spares);
		if (rc)
			return dojo_err_set(err, rc, "cannot start the spare qemus: %s", strerror(-rc));
	}
	return 0;
}

int runner_drop_privileges(const char *user, struct dojo_err *err)
{
	if (geteuid() != 0)
		return 0;
	return sandbox_drop_privileges(user, err);
}

void runner_fini(void)
{
	if (R.o.sandbox == SANDBOX_VM)
		sandbox_vm_spares(0);
	/* after the last run and check: the server joined them before calling this */
	compile_server_free(R.cs);
	R.cs = NULL;
	/* the broker destroys what is left and exits; wait for it, so nothing outlives the server */
	if (sandbox_broker_pid() > 0)
		sandbox_broker_stop(NULL);
}

/* The pipeline's typed event, as its one JSON form, to a runner_event_cb. */
struct to_json {
	runner_event_cb cb;
	void *ctx;
};

static int event_to_json(const struct pipeline_event *ev, void *arg)
{
	struct to_json *t = arg;
	json_t *j = pipeline_event_json(ev);
	int rc = j ? t->cb(j, t->ctx) : -ENOMEM;

	json_decref(j);
	return rc;
}

int runner_run(const struct runner_job *job, const struct dojo_cancel *stop, runner_event_cb cb,
	       void *ctx, struct pipeline_result *res, struct dojo_err *err)
{
	struct to_json t = { .cb = cb, .ctx = ctx };
	struct pipeline_req req = { .exercise = job->exercise, .source = job->src,
				    .source_len = job->len, .filename = job->filename,
				    .play_cmd = job->play_cmd, .play_seconds = job->play_seconds };

	req.compiler = R.cs;
	req.sandbox.kind = R.o.sandbox;
	req.sandbox.timeout_ms = R.o.run_timeout_ms;
	req.sandbox.paths = &R.paths;
	req.sandbox.cancel = stop;
	req.sandbox.xlated = job->xlated;
	return pipeline_run(&req, event_to_json, &t, res, err);
}

struct check_ctx {
	json_t *out;
};

/* Keep what an editor wants from the compile-only run's events (a runner_event_cb). */
static int check_event(json_t *ev, void *arg)
{
	struct check_ctx *c = arg;
	const char *name = json_string_value(json_object_get(ev, "event"));
	static const char *const keep[] = { "ms", "message", "diagnostics", "object_bytes" };

	if (!name)
		return 0;
	/* every event too, so a remote `bpfdojo check` prints what a local one prints */
	json_array_append(json_object_get(c->out, "events"), ev);
	if (!strcmp(name, "compiled") || !strcmp(name, "compile_error")) {
		for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
			json_t *v = json_object_get(ev, keep[i]);

			if (v)
				json_object_set(c->out, keep[i], v);
		}
	} else if (!strcmp(name, "verdict")) {
		json_object_set(c->out, "verdict", json_object_get(ev, "verdict"));
		if (!json_object_get(c->out, "message") && json_object_get(ev, "message"))
			json_object_set(c->out, "message", json_object_get(ev, "message"));
	}
	return 0;
}

int runner_check(const char *exercise, const char *filename, const char *src, size_t len,
		 json_t **out, struct dojo_err *err)
{
	struct pipeline_req req = { .exercise = exercise, .source = src, .source_len = len,
				    .filename = filename, .compile_only = 1 };
	struct check_ctx c = { .out = json_object() };
	struct to_json t = { .cb = check_event, .ctx = &c };
	struct pipeline_result res;
	int rc;

	if (!c.out || json_object_set_new(c.out, "events", json_array())) {
		json_decref(c.out);
		return dojo_err_set(err, -ENOMEM, "out of memory");
	}
	req.compiler = R.cs;
	req.sandbox.kind = R.o.sandbox;
	req.sandbox.paths = &R.paths;
	rc = pipeline_run(&req, event_to_json, &t, &res, err);
	if (rc) {
		json_decref(c.out);
		return rc;
	}
	if (!json_object_get(c.out, "diagnostics"))
		json_object_set_new(c.out, "diagnostics", json_array());
	*out = c.out;
	return 0;
}

void runner_health(json_t *o)
{
	struct compile_server_stats cst = { 0 };

	if (R.cs)
		compile_server_stats(R.cs, &cst);
	json_object_set_new(o, "compiler", json_string(R.compiler_ok && cst.ready ? "ready" :
						       R.compiler_ok ? "restarting" : "missing"));
	json_object_set_new(o, "compiles_running", json_integer(cst.running));
	json_object_set_new(o, "compiles_waiting", json_integer(cst.waiting));
	json_object_set_new(o, "sandbox", json_string(sandbox_kind_name(R.o.sandbox)));
	json_object_set_new(o, "accelerator", json_string(R.accel));
	if (R.o.sandbox == SANDBOX_VM) {
		json_object_set_new(o, "spares_ready", json_integer(sandbox_vm_spares_ready()));
		if (R.why[0])
			json_object_set_new(o, "accelerator_note", json_string(R.why));
	}
}
