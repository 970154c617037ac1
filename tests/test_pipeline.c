/* test_pipeline.c: whole runs through the library (compile -> host sandbox -> grade).
 *
 * For every exercise: the reference solution is CORRECT on three keys, the starter is not
 * CORRECT, the plausible wrong program is WRONG.  Then the bad inputs of the vertical slice,
 * each with the verdict and event it must produce; a consumer that stops the run at each
 * phase, and a stop signal raised by another thread while the guest is silent; runs through a
 * resident compiler; an iterator's output, and a socket filter without an interface.  At the
 * end nothing may be left: no BPF program loaded after the suite started, no process of a
 * run.  Needs root. */
#include <bpf/bpf.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "harness.h"
#include "run_events.h"
#include "exercises/net.h"
#include "pipeline/pipeline.h"

static const uint64_t keys[] = { 0x1, 0x5eed5eed12345678ull, 0xfedcba9876543210ull };

static void run_source(struct run *r, const char *exercise, const char *src, size_t len,
		       uint64_t key, unsigned timeout_ms)
{
	struct pipeline_req req = { .exercise = exercise, .source = src, .source_len = len,
				    .key = key };
	struct dojo_err err = { 0 };

	req.sandbox.kind = SANDBOX_HOST;
	req.sandbox.timeout_ms = timeout_ms;
	r->events = json_array();
	r->rc = pipeline_run(&req, collect, r->events, &r->res, &err);
	if (r->rc)
		fprintf(stderr, "pipeline_run: %s\n", err.msg);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = malloc(128 * 1024);

	*len = f && buf ? fread(buf, 1, 128 * 1024 - 1, f) : 0;
	if (f)
		fclose(f);
	if (buf)
		buf[*len] = 0;
	return buf;
}

static void run_file(struct run *r, const char *exercise, const char *path, unsigned timeout_ms)
{
	size_t len;
	char *src = slurp(path, &len);

	CHECK(len > 0, "cannot read %s", path);
	run_source(r, exercise, src, len, 0, timeout_ms);
	free(src);
}

static void test_exercises(void)
{
	for (size_t i = 0; i < exercise_count(); i++) {
		const struct exercise *ex = exercise_at(i);
		struct run r;

		if (ex->vm_only) {   /* test_vm runs it */
			fprintf(stderr, "test_pipeline: %s skipped in host mode: %s\n", ex->id, ex->vm_only);
			continue;
		}
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			run_source(&r, ex->id, ex->solution, strlen(ex->solution), keys[k], 0);
			CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT,
			      "%s solution, key %zu: %s", ex->id, k, last_verdict(&r));
			CHECK_STR(last_verdict(&r), "CORRECT", "verdict event");
			/* the verdict shows the SUBMIT as the submit event did, typed by the BTF */
			CHECK_STR(json_string_value(json_object_get(verdict_event(&r), "submitted_type")),
				  json_string_value(json_object_get(find_event(&r, "submit"), "type")),
				  "verdict's submitted_type");
			run_free(&r);
		}
		run_source(&r, ex->id, ex->starter, strlen(ex->starter), keys[1], 0);
		CHECK(r.rc == 0 && r.res.verdict != GRADE_CORRECT && r.res.verdict != GRADE_RUN_ERROR,
		      "%s starter: %s", ex->id, last_verdict(&r));
		run_free(&r);
		run_source(&r, ex->id, ex->wrong, strlen(ex->wrong), keys[2], 0);
		CHECK(r.rc == 0 && r.res.verdict == GRADE_WRONG, "%s wrong program: %s", ex->id,
		      last_verdict(&r));
		CHECK(find_event(&r, "submit") != NULL, "%s wrong program: a submit event", ex->id);
		run_free(&r);
	}
}

struct bad_row {
	const char *why;
	const char *file;             /* under tests/programs/, or NULL for inline source */
	const char *inline_src;
	size_t inline_len;            /* 0 = strlen */
	enum grade_verdict verdict;
	const char *event;            /* an event that must be present, or NULL */
	unsigned timeout_ms;
};

static void test_bad_inputs(void)
{
	static char big[DOJO_MAX_SOURCE_BYTES + 100];
	static const char not_utf8[] = "SEC(\"tp/x/y\") int f(void) { return 0; } // \xff\xfe\n";
	struct bad_row rows[] = {
		{ "empty source", NULL, "", 0, GRADE_COMPILE_ERROR, "compile_error", 0 },
		{ "over 64 KiB", NULL, big, sizeof(big) - 1, GRADE_COMPILE_ERROR, "compile_error", 0 },
		{ "not UTF-8", NULL, not_utf8, 0, GRADE_COMPILE_ERROR, "compile_error", 0 },
		{ "no SEC() program", NULL, "int main(void) { return 0; }\n", 0,
		  GRADE_COMPILE_ERROR, "compile_error", 0 },
		{ "type error", "type_error.bpf.c", NULL, 0, GRADE_COMPILE_ERROR, "compile_error", 0 },
		{ "#include of a host file", "include_escape.bpf.c", NULL, 0, GRADE_COMPILE_ERROR,
		  "compile_error", 0 },
		{ "hook that does not exist", "bad_hook.bpf.c", NULL, 0, GRADE_LOAD_ERROR,
		  "attach_failed", 0 },
		{ "verifier rejects", "verifier_reject.bpf.c", NULL, 0, GRADE_LOAD_ERROR, "verifier", 0 },
		{ "never submits", "no_submit.bpf.c", NULL, 0, GRADE_NO_SUBMIT, "debug", 0 },
		{ "floods the ring buffer", "flood.bpf.c", NULL, 0, GRADE_MULTIPLE_SUBMITS, "verdict", 0 },
		{ "workload hangs", "hang.bpf.c", NULL, 0, GRADE_TIMEOUT, "verdict", 3000 },
		{ "17 programs", "too_many_programs.bpf.c", NULL, 0, GRADE_LOAD_ERROR, "verifier", 0 },
		{ "a record no macro writes", "bad_record.bpf.c", NULL, 0, GRADE_RUN_ERROR, "verdict", 0 },
	};

	memset(big, ' ', sizeof(big) - 1);
	memcpy(big, "SEC(\"tp/a/b\")", 13);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct bad_row *row = &rows[i];
		struct run r;
		char path[256];

		if (row->file) {
			snprintf(path, sizeof(path), "tests/programs/%s", row->file);
			run_file(&r, "process-name", path, row->timeout_ms);
		} else {
			run_source(&r, "process-name", row->inline_src,
				   row->inline_len ? row->inline_len : strlen(row->inline_src), 0,
				   row->timeout_ms);
		}
		CHECK(r.rc == 0 && r.res.verdict == row->verdict, "%s: verdict %s, want %s", row->why,
		      last_verdict(&r), grade_verdict_name(row->verdict));
		if (row->event)
			CHECK(find_event(&r, row->event), "%s: no '%s' event", row->why, row->event);
		run_free(&r);
	}
}

/* The hooks libbpf cannot run by itself (src/guest/hooks.c): an iterator is read, and what it
 * printed comes back in a log event; a socket filter needs the network exercises' interface,
 * and says so when the exercise has none. */
static void test_hooks(void)
{
	const char *text = NULL;
	struct run r;
	size_t i;
	json_t *ev;

	run_file(&r, "process-name", "tests/programs/iter_print.bpf.c", 0);
	CHECK(r.rc == 0 && r.res.verdict == GRADE_NO_SUBMIT, "iterator: verdict %s", last_verdict(&r));
	json_array_foreach(r.events, i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "event")), "log") &&
		    strstr(json_string_value(json_object_get(ev, "text")) ?: "", "iterator walk printed"))
			text = json_string_value(json_object_get(ev, "text"));
	CHECK(text && strstr(text, "task-seen "), "iterator: its output in a log event (%s)", text ?: "none");
	run_free(&r);

	run_file(&r, "process-name", "tests/programs/socket_no_net.bpf.c", 0);
	CHECK(r.rc == 0 && r.res.verdict == GRADE_LOAD_ERROR, "socket filter, no network: verdict %s",
	      last_verdict(&r));
	ev = find_event(&r, "attach_failed");
	CHECK(ev && strstr(json_string_value(json_object_get(ev, "message")) ?: "", EXERCISE_NET_IF),
	      "socket filter, no network: the sentence names the interface");
	run_free(&r);
}

static void test_unknown_exercise(void)
{
	struct pipeline_req req = { .exercise = "no-such-exercise", .source = "x", .source_len = 1 };
	struct pipeline_result res;
	struct dojo_err err = { 0 };

	req.sandbox.kind = SANDBOX_HOST;
	CHECK_INT(pipeline_run(&req, NULL, NULL, &res, &err), -ENOENT, "unknown exercise");
	CHECK(strstr(err.msg, "bpfdojo list") != NULL, "message points to `bpfdojo list`: %s", err.msg);
}

/* A consumer that stops the run at each phase: pipeline_run() says -ECANCELED, no event comes
 * after the refused one, and the sandbox is free for the next run at once. */
static void test_cancel(void)
{
	static const char *const at[] = { "compiling", "compiled", "starting", "loaded", "attached", "submit" };
	const struct exercise *ex = exercise_find("process-name");

	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct pipeline_req req = { .exercise = ex->id, .source = ex->solution,
					    .source_len = strlen(ex->solution) };
		struct stopper st = { .events = json_array(), .stop_at = at[i] };
		struct pipeline_result res;
		struct dojo_err err = { 0 };
		json_t *last;
		int rc;

		req.sandbox.kind = SANDBOX_HOST;
		req.sandbox.timeout_ms = 5000;
		rc = pipeline_run(&req, collect_until, &st, &res, &err);
		last = json_array_get(st.events, json_array_size(st.events) - 1);
		CHECK(rc == -ECANCELED && res.verdict == GRADE_RUN_ERROR, "stop at %s: rc %d, %s",
		      at[i], rc, grade_verdict_name(res.verdict));
		CHECK_STR(json_string_value(json_object_get(last, "event")), at[i], "no event after the refused one");
		CHECK(res.total_ms < 3000, "stop at %s: the run ended at once (%u ms)", at[i], res.total_ms);
		json_decref(st.events);
	}
	{
		struct run r;

		run_source(&r, ex->id, ex->solution, strlen(ex->solution), keys[0], 0);
		CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "a run after the stopped ones: %s",
		      last_verdict(&r));
		run_free(&r);
	}
}

struct raiser {
	struct dojo_cancel *stop;
	unsigned after_ms;
};

static void *raise_later(void *arg)
{
	struct raiser *r = arg;

	usleep(r->after_ms * 1000);
	dojo_cancel_raise(r->stop);
	return NULL;
}

/* The stop signal, raised by another thread while the guest is silent (its workload stopped by
 * hang.bpf.c): the run ends at once, not at its deadline, with no verdict, and the sandbox is
 * free for the next run. */
static void test_stop_signal(void)
{
	const struct exercise *ex = exercise_find("process-name");
	struct dojo_err err = { 0 };
	struct raiser rs = { .stop = dojo_cancel_new(&err), .after_ms = 700 };
	struct pipeline_result res;
	size_t len;
	char *src = slurp("tests/programs/hang.bpf.c", &len);
	struct pipeline_req req = { .exercise = ex->id, .source = src, .source_len = len };
	struct run r = { .events = json_array() };
	pthread_t t;
	int rc;

	CHECK(rs.stop && !dojo_cancel_raised(rs.stop), "a new stop signal is not raised: %s", err.msg);
	req.sandbox.kind = SANDBOX_HOST;
	req.sandbox.timeout_ms = 8000;
	req.sandbox.cancel = rs.stop;
	pthread_create(&t, NULL, raise_later, &rs);
	rc = pipeline_run(&req, collect, r.events, &res, &err);
	pthread_join(t, NULL);
	CHECK(dojo_cancel_raised(rs.stop), "the stop signal stays raised");
	CHECK(rc == -ECANCELED, "a raised stop signal ends the run: rc %d (%s)", rc, err.msg);
	CHECK(res.total_ms < 4000, "stopped at once, not at the 8 s deadline (%u ms)", res.total_ms);
	CHECK(find_event(&r, "attached") != NULL, "the run was under way when it was stopped");
	CHECK(find_event(&r, "verdict") == NULL && find_event(&r, "done") == NULL,
	      "no verdict after the stop signal");
	json_decref(r.events);
	dojo_cancel_free(rs.stop);
	free(src);

	run_source(&r, ex->id, ex->solution, strlen(ex->solution), keys[0], 0);
	CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "a run after the stopped one: %s", last_verdict(&r));
	run_free(&r);
}

/* Through a resident compiler (the server's): the same verdicts as a one-shot compile. */
static void test_resident_compiler(void)
{
	const struct exercise *ex = exercise_find("process-name");
	struct dojo_err err = { 0 };
	struct compile_server *cs = compile_server_new(NULL, &err);
	static const struct { const char *src; enum grade_verdict want; } rows[] = {
		{ NULL, GRADE_CORRECT },   /* the solution */
		{ "int main(void) { return 0; }\n", GRADE_COMPILE_ERROR },
	};

	CHECK(cs, "compile_server_new: %s", err.msg);
	for (size_t i = 0; cs && i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *src = rows[i].src ? rows[i].src : ex->solution;
		struct pipeline_req req = { .exercise = ex->id, .source = src,
					    .source_len = strlen(src), .compiler = cs };
		struct run r = { .events = json_array() };
		struct dojo_err e = { 0 };

		req.sandbox.kind = SANDBOX_HOST;
		r.rc = pipeline_run(&req, collect, r.events, &r.res, &e);
		CHECK(r.rc == 0 && r.res.verdict == rows[i].want, "resident compiler, row %zu: %s, want %s (%s)",
		      i, last_verdict(&r), grade_verdict_name(rows[i].want), e.msg);
		run_free(&r);
	}
	compile_server_free(cs);
}

static uint32_t max_prog_id(void)
{
	uint32_t id = 0, next;

	while (!bpf_prog_get_next_id(id, &next))
		id = next;
	return id;
}

/* Programs loaded after @id that are still loaded. */
static int progs_after(uint32_t id)
{
	uint32_t next;
	int n = 0;

	while (!bpf_prog_get_next_id(id, &next)) {
		id = next;
		n++;
	}
	return n;
}

/* Processes of a run: the agent and every workload child (whatever an exercise names it, its
 * executable is bpfdojo-agent or bpfdojo-child). */
static int leftover_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char path[300], exe[4096];
		ssize_t len;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/exe", e->d_name);
		if ((len = readlink(path, exe, sizeof(exe) - 1)) <= 0)
			continue;
		exe[len] = '\0';
		n += strstr(exe, "/bpfdojo-agent") != NULL || strstr(exe, "/bpfdojo-child") != NULL;
	}
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	uint32_t before;

	if (geteuid() != 0) {
		fprintf(stderr, "test_pipeline: needs root (host-mode runs load BPF)\n");
		CHECK(0, "not root");
		return harness_done("pipeline");
	}
	before = max_prog_id();
	rmdir("/run/dojo");   /* left by agents older than the private /run; must not come back */
	test_unknown_exercise();
	test_cancel();
	test_stop_signal();
	test_resident_compiler();
	test_exercises();
	test_bad_inputs();
	test_hooks();
	CHECK_INT(progs_after(before), 0, "BPF programs loaded by the suite and still there");
	CHECK_INT(leftover_processes(), 0, "processes left behind");
	CHECK(access("/run/dojo", F_OK) != 0, "a run left /run/dojo on the host");
	return harness_done("pipeline");
}
