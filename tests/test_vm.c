/* test_vm.c: the micro-VM sandbox end to end (needs root, qemu, build/kernel, the initramfs).
 *
 * Through pipeline_run() with SANDBOX_VM: every exercise's solution is CORRECT, its starter is
 * not, its wrong program is WRONG; the bad inputs of tests/programs/ get their verdicts.
 * Through sandbox_run() with the test agent's initramfs ($VM_FAULT_INITRAMFS, built with
 * -DDOJO_TEST_FAULTS): two restores see different random bytes and the right wall clock; each
 * fault (panic, hang, qemu killed, agent crash, garbage, oversized frame, flood, early exit,
 * missing qemu or image) ends its run with a clear error, and the next run works; runs on
 * spare qemus (sandbox_vm_spares) restore as fresh guests, and a dead or stale spare is never
 * used.  At the end no qemu process and no per-run file is left.  `--full` adds keys, restores and concurrency. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"
#include "run_events.h"
#include "core/clock.h"
#include "core/limits.h"
#include "core/proto.h"
#include "pipeline/pipeline.h"
#include "sandbox/vm.h"

static const char *fault_initramfs;
static int full;

static void run_source(struct run *r, const char *exercise, const char *src, size_t len,
		       uint64_t key, unsigned timeout_ms, const char *initramfs)
{
	struct pipeline_req req = { .exercise = exercise, .source = src, .source_len = len, .key = key };
	struct dojo_err err = { 0 };

	req.sandbox.kind = SANDBOX_VM;
	req.sandbox.timeout_ms = timeout_ms;
	req.sandbox.vm_initramfs = initramfs;
	r->events = json_array();
	r->rc = pipeline_run(&req, collect, r->events, &r->res, &err);
	if (r->rc)
		fprintf(stderr, "pipeline_run: %s\n", err.msg);
}

static const char *verdict_message(const struct run *r)
{
	return json_string_value(json_object_get(verdict_event(r), "message")) ?: "";
}

static int has_event(const struct run *r, const char *name)
{
	size_t i;
	json_t *ev;

	json_array_foreach(r->events, i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "event")), name))
			return 1;
	return 0;
}

static void solution_ok(const char *why, const char *initramfs)
{
	const struct exercise *ex = exercise_at(0);
	struct run r;

	run_source(&r, ex->id, ex->solution, strlen(ex->solution), 0, 0, initramfs);
	CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "%s: the next run is %s (%s)", why,
	      last_verdict(&r), verdict_message(&r));
	json_decref(r.events);
}

static void test_exercises(void)
{
	static const uint64_t keys[] = { 0x5eed5eed12345678ull, 0x1, 0xfedcba9876543210ull };
	uint64_t t0 = dojo_now_ms();

	for (size_t i = 0; i < exercise_count(); i++) {
		const struct exercise *ex = exercise_at(i);
		struct run r;

		for (size_t k = 0; k < (full ? 3u : 1u); k++) {
			run_source(&r, ex->id, ex->solution, strlen(ex->solution), keys[k], 0, NULL);
			CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "%s solution: %s (%s)", ex->id,
			      last_verdict(&r), verdict_message(&r));
			json_decref(r.events);
		}
		run_source(&r, ex->id, ex->starter, strlen(ex->starter), keys[1], 0, NULL);
		CHECK(r.rc == 0 && r.res.verdict != GRADE_CORRECT && r.res.verdict != GRADE_RUN_ERROR,
		      "%s starter: %s (%s)", ex->id, last_verdict(&r), verdict_message(&r));
		json_decref(r.events);
		run_source(&r, ex->id, ex->wrong, strlen(ex->wrong), keys[2], 0, NULL);
		CHECK(r.rc == 0 && r.res.verdict == GRADE_WRONG, "%s wrong: %s (%s)", ex->id,
		      last_verdict(&r), verdict_message(&r));
		json_decref(r.events);
	}
	fprintf(stderr, "test_vm: the catalogue, %zu exercises (%zu runs), took %llu ms\n",
		exercise_count(), exercise_count() * ((full ? 3u : 1u) + 2),
		(unsigned long long)(dojo_now_ms() - t0));
}

static void test_bad_inputs(void)
{
	static const struct {
		const char *file;
		enum grade_verdict verdict;
		const char *event;
		unsigned timeout_ms;
		const char *message;   /* in the verdict's message, when not NULL */
	} rows[] = {
		{ "bad_hook.bpf.c", GRADE_LOAD_ERROR, "attach_failed", 0, NULL },
		{ "verifier_reject.bpf.c", GRADE_LOAD_ERROR, "verifier", 0, NULL },
		{ "no_submit.bpf.c", GRADE_NO_SUBMIT, "debug", 0, NULL },
		{ "flood.bpf.c", GRADE_MULTIPLE_SUBMITS, "verdict", 0, NULL },
		{ "hang.bpf.c", GRADE_TIMEOUT, "verdict", 3000, NULL },
		{ "too_many_programs.bpf.c", GRADE_LOAD_ERROR, "verifier", 0, NULL },
		/* loading's own deadline (a part of the run's): not a TIMEOUT of the workload */
		{ "slow_verifier.bpf.c", GRADE_LOAD_ERROR, "verifier", 4000,
		  "loading ran out of time" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char path[256], *src = malloc(128 * 1024);
		size_t len = 0;
		FILE *f;
		struct run r;

		snprintf(path, sizeof(path), "tests/programs/%s", rows[i].file);
		f = fopen(path, "re");
		if (f && src) {
			len = fread(src, 1, 128 * 1024 - 1, f);
			src[len] = 0;
		}
		if (f)
			fclose(f);
		CHECK(len > 0, "cannot read %s", path);
		if (!len) {
			free(src);
			continue;
		}
		run_source(&r, "process-name", src, len, 0, rows[i].timeout_ms, NULL);
		CHECK(r.rc == 0 && r.res.verdict == rows[i].verdict, "%s: verdict %s, want %s (%s)",
		      rows[i].file, last_verdict(&r), grade_verdict_name(rows[i].verdict), verdict_message(&r));
		CHECK(has_event(&r, rows[i].event), "%s: no '%s' event", rows[i].file, rows[i].event);
		if (rows[i].message)
			CHECK(strstr(verdict_message(&r), rows[i].message), "%s: message '%s' lacks '%s'",
			      rows[i].file, verdict_message(&r), rows[i].message);
		json_decref(r.events);
		free(src);
	}
}

/* A raw sandbox_run() of the test agent's exercise @what. */
struct raw {
	int rc;
	struct dojo_err err;
	char log[PROTO_TEXT_MAX];
	uint8_t last;
	unsigned ms;
	struct sandbox_stats st;
};

static int raw_frame(const struct sandbox_msg *m, void *ctx)
{
	struct raw *r = ctx;

	r->last = m->type;
	if (m->type == FRAME_LOG)
		snprintf(r->log, sizeof(r->log), "%s", m->u.log.text);
	return 0;
}

static void raw_run(struct raw *r, const char *what, unsigned timeout_ms, const char *initramfs)
{
	static const char obj[] = "unused";
	struct sandbox_job job = { .exercise = what, .key = 42, .obj = obj, .obj_len = sizeof(obj) };
	struct sandbox_opts o = { .kind = SANDBOX_VM, .timeout_ms = timeout_ms,
				  .vm_initramfs = initramfs ? initramfs : fault_initramfs };
	uint64_t t0;

	memset(r, 0, sizeof(*r));
	t0 = dojo_now_ms();
	r->rc = sandbox_run(&job, &o, raw_frame, r, &r->st, &r->err);
	r->ms = (unsigned)(dojo_now_ms() - t0);
}

/* Two restores of one snapshot: different random bytes, a wall clock within 2 s of ours. */
static void test_environment(void)
{
	char seen[8][64];
	unsigned n = full ? 8 : 3;

	for (unsigned i = 0; i < n; i++) {
		struct raw r;
		const char *rand, *rt;
		long long t;

		raw_run(&r, "test-env", 0, NULL);
		CHECK(r.rc == 0 && r.last == FRAME_DONE, "test-env: %d %s", r.rc, r.err.msg);
		rand = strstr(r.log, "rand=");
		rt = strstr(r.log, "realtime=");
		CHECK(rand && rt, "test-env reports its environment: '%s'", r.log);
		if (!rand || !rt)
			return;
		snprintf(seen[i], sizeof(seen[i]), "%.37s", rand + 5);
		t = atoll(rt + 9);
		CHECK(llabs(t - (long long)time(NULL)) <= 2, "restore %u: guest clock %lld, host %lld", i, t, (long long)time(NULL));
		for (unsigned j = 0; j < i; j++)
			CHECK(strcmp(seen[i], seen[j]), "restores %u and %u drew the same random bytes %s", j, i, seen[i]);
	}
}

static void *killer(void *arg)
{
	pid_t self = getpid();
	int *killed = arg;

	for (int tries = 0; tries < 200 && !*killed; tries++) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		usleep(20 * 1000);
		while (d && (e = readdir(d))) {
			char path[300], buf[512];
			FILE *f;
			int ppid = 0;

			snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
			f = fopen(path, "re");
			if (!f)
				continue;
			if (fgets(buf, sizeof(buf), f) && strstr(buf, "(qemu-system-x86") &&
			    sscanf(strrchr(buf, ')') + 2, "%*c %d", &ppid) == 1 && ppid == self && tries > 20) {
				kill(atoi(e->d_name), SIGKILL);
				*killed = 1;
			}
			fclose(f);
		}
		if (d)
			closedir(d);
	}
	return NULL;
}

static void test_faults(void)
{
	static const struct {
		const char *what;
		int rc;
		const char *msg;       /* a piece of the error message */
		unsigned timeout_ms;
	} rows[] = {
		{ "fault-panic", -EPROTO, "guest stopped", 0 },
		{ "fault-crash", -EPROTO, "guest stopped", 0 },
		{ "fault-hang", -ETIMEDOUT, "deadline", 2000 },
		{ "fault-garbage", -EPROTO, "unknown type", 0 },
		{ "fault-oversize", -EPROTO, "frame over", 0 },
		{ "fault-flood", -EPROTO, "more than", 0 },
		{ "fault-exit", -EPROTO, "before the end", 0 },
	};
	pthread_t th;
	int killed = 0;
	struct raw r;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		raw_run(&r, rows[i].what, rows[i].timeout_ms, NULL);
		CHECK(r.rc == rows[i].rc && strstr(r.err.msg, rows[i].msg), "%s: got %d '%s', want %d '...%s...'",
		      rows[i].what, r.rc, r.err.msg, rows[i].rc, rows[i].msg);
		if (rows[i].timeout_ms)
			CHECK(r.ms < rows[i].timeout_ms + 1000, "%s: ended after %u ms", rows[i].what, r.ms);
		if (full || i == 0)
			solution_ok(rows[i].what, fault_initramfs);
	}
	/* qemu killed from outside in the middle of a run */
	pthread_create(&th, NULL, killer, &killed);
	raw_run(&r, "fault-hang", 8000, NULL);
	pthread_join(th, NULL);
	CHECK(killed && r.rc == -EPROTO && strstr(r.err.msg, "killed by signal 9"), "qemu killed: %d '%s'", r.rc, r.err.msg);
	solution_ok("after qemu was killed", fault_initramfs);

	/* qemu or an image missing: a clear error naming the fix */
	setenv("BPFDOJO_QEMU", "/nonexistent/qemu-system-x86_64", 1);
	raw_run(&r, "test-env", 0, NULL);
	CHECK(r.rc == -ENOENT && strstr(r.err.msg, "apt-get install qemu-system-x86"), "no qemu: %d '%s'", r.rc, r.err.msg);
	unsetenv("BPFDOJO_QEMU");
	raw_run(&r, "test-env", 0, "/nonexistent/initramfs.cpio");
	CHECK(r.rc == -ENOENT && strstr(r.err.msg, "make initramfs"), "no initramfs: %d '%s'", r.rc, r.err.msg);
	solution_ok("after the missing pieces", NULL);
}

struct worker {
	unsigned runs, correct;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	const struct exercise *ex = exercise_at(0);

	for (unsigned i = 0; i < w->runs; i++) {
		struct pipeline_req req = { .exercise = ex->id, .source = ex->solution,
					    .source_len = strlen(ex->solution) };
		struct pipeline_result res;
		struct dojo_err err = { 0 };

		req.sandbox.kind = SANDBOX_VM;
		if (pipeline_run(&req, NULL, NULL, &res, &err) == 0 && res.verdict == GRADE_CORRECT)
			w->correct++;
		else
			fprintf(stderr, "concurrent run: %s\n", err.msg);
	}
	return NULL;
}

/* More runs at once than guests allowed: they queue, and all are CORRECT. */
static void test_concurrency(void)
{
	struct worker w[4];
	pthread_t th[4];
	unsigned n = full ? 4 : 3, per = full ? 5 : 1;

	for (unsigned i = 0; i < n; i++) {
		w[i] = (struct worker){ .runs = per };
		pthread_create(&th[i], NULL, worker_main, &w[i]);
	}
	for (unsigned i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(w[i].correct, per, "concurrent runs that were CORRECT");
	}
}

/* How many qemu processes exist; *@pid (may be NULL) gets one of them. */
static int count_qemus(pid_t *pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char path[300], comm[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) && !strncmp(comm, "qemu-system", 11)) {
			n++;
			if (pid)
				*pid = atoi(e->d_name);
		}
		fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

/* Wait (up to 3 s) until no more spares are being started; how many wait then. */
static unsigned wait_spares(void)
{
	unsigned n = sandbox_vm_spares_ready(), same = 0;

	for (int i = 0; i < 300 && same < 20; i++) {
		usleep(10 * 1000);
		same = sandbox_vm_spares_ready() == n && n ? same + 1 : 0;
		n = sandbox_vm_spares_ready();
	}
	return n;
}

static void *spares_off(void *arg)
{
	*(int *)arg = sandbox_vm_spares(0);
	return NULL;
}

/* Spares, what the server asks for: a run restores on a qemu started ahead, and its guest is
 * as fresh as any (its own random bytes, the right clock); a spare killed while it waits
 * costs the next run only qemu's start; a spare of another snapshot is dropped, never used;
 * turning spares off leaves no qemu. */
static void test_spares(void)
{
	char first_rand[64] = "";
	struct raw r;
	pid_t pid = 0;
	pthread_t th;
	int other_rc = -1;

	CHECK_INT(sandbox_vm_spares(1), 0, "spares on");
	CHECK_INT(sandbox_vm_spares_ready(), 0, "no spare before a run says which snapshot");
	raw_run(&r, "test-env", 0, NULL);
	CHECK(r.rc == 0 && !r.st.spare, "the first run has no spare: %d %s", r.rc, r.err.msg);
	if (strstr(r.log, "rand="))
		snprintf(first_rand, sizeof(first_rand), "%.37s", strstr(r.log, "rand=") + 5);
	CHECK_INT(wait_spares(), 1, "spares waiting after a run");
	CHECK_INT(count_qemus(&pid), 1, "qemu processes while a spare waits");

	raw_run(&r, "test-env", 0, NULL);
	CHECK(r.rc == 0 && r.last == FRAME_DONE && r.st.spare, "a run on the spare: %d %s (spare %d)",
	      r.rc, r.err.msg, r.st.spare);
	CHECK(strstr(r.log, "rand=") && strncmp(strstr(r.log, "rand=") + 5, first_rand, 37),
	      "a guest on a spare draws its own random bytes: '%s' vs '%s'", r.log, first_rand);
	CHECK(strstr(r.log, "realtime=") && llabs(atoll(strstr(r.log, "realtime=") + 9) - (long long)time(NULL)) <= 2,
	      "a guest on a spare has the host's clock: '%s'", r.log);

	CHECK_INT(wait_spares(), 1, "a spare replaces the one used");
	CHECK_INT(count_qemus(&pid), 1, "qemu processes while a spare waits");
	if (pid > 0)
		kill(pid, SIGKILL);
	raw_run(&r, "test-env", 0, NULL);
	CHECK(r.rc == 0 && r.last == FRAME_DONE && !r.st.spare, "after the spare was killed: %d %s (spare %d)",
	      r.rc, r.err.msg, r.st.spare);

	CHECK_INT(wait_spares(), 1, "a spare after the killed one");
	solution_ok("a run of another snapshot while a spare waits", NULL);
	CHECK_INT(wait_spares(), 1, "a spare of the new snapshot");
	CHECK_INT(count_qemus(NULL), 1, "qemu processes: the old snapshot's spare is gone");

	CHECK_INT(sandbox_vm_spares(0), 0, "spares off");
	CHECK_INT(sandbox_vm_spares_ready(), 0, "spares after off");
	CHECK_INT(count_qemus(NULL), 0, "qemu processes after spares off");

	/* on and off again at once, from two threads: no double join, nothing left */
	CHECK_INT(sandbox_vm_spares(2), 0, "spares on again");
	solution_ok("a run with spares on again", NULL);
	CHECK_INT(wait_spares(), 2, "spares waiting after the run");
	CHECK_INT(pthread_create(&th, NULL, spares_off, &other_rc), 0, "a second thread");
	CHECK_INT(sandbox_vm_spares(0), 0, "spares off from two threads");
	pthread_join(th, NULL);
	CHECK_INT(other_rc, 0, "spares off from the other thread");
	CHECK_INT(sandbox_vm_spares(0), 0, "spares off when off");
	CHECK_INT(count_qemus(NULL), 0, "qemu processes after spares off from two threads");
}

/* The runtime dir holds the lock, the accel cache and snapshots: nothing per run. */
/* A consumer that goes away mid-run (a server's client): the guest is destroyed and its slot
 * freed at once.  More stopped runs than slots, then a run that must still get a guest. */
static void test_cancel(void)
{
	static const char *const at[] = { "starting", "loaded", "starting", "attached", "compiled" };
	const struct exercise *ex = exercise_at(0);

	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct pipeline_req req = { .exercise = ex->id, .source = ex->solution,
					    .source_len = strlen(ex->solution) };
		struct stopper sp = { .events = json_array(), .stop_at = at[i] };
		struct pipeline_result res;
		struct dojo_err err = { 0 };
		json_t *last;
		int rc;

		req.sandbox.kind = SANDBOX_VM;
		req.sandbox.timeout_ms = 5000;
		rc = pipeline_run(&req, collect_until, &sp, &res, &err);
		last = json_array_get(sp.events, json_array_size(sp.events) - 1);
		CHECK(rc == -ECANCELED, "stop at %s: rc %d (%s)", at[i], rc, err.msg);
		CHECK_STR(json_string_value(json_object_get(last, "event")), at[i], "no event after the refused one");
		CHECK_INT(count_qemus(NULL), 0, "qemu left after a stopped run");
		json_decref(sp.events);
	}
	{
		struct run r;

		run_source(&r, ex->id, ex->solution, strlen(ex->solution), 0, 5000, NULL);
		CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "a run after the stopped ones: %s (%s)",
		      last_verdict(&r), verdict_message(&r));
		run_free(&r);
	}
}

static void test_nothing_left(const struct sandbox_vm_status *st)
{
	DIR *d = opendir(st->runtime_dir);
	struct dirent *e;

	CHECK_INT(count_qemus(NULL), 0, "qemu processes left");
	CHECK(d != NULL, "runtime dir %s", st->runtime_dir);
	while (d && (e = readdir(d))) {
		const char *n = e->d_name;

		CHECK(!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "lock") || !strcmp(n, "accel") ||
		      !strncmp(n, "snap-", 5), "unexpected file in the runtime dir: %s", n);
	}
	if (d)
		closedir(d);
}

int main(int argc, char **argv)
{
	struct sandbox_vm_status st;
	struct dojo_err err = { 0 };

	full = argc > 1 && !strcmp(argv[1], "--full");
	fault_initramfs = getenv("VM_FAULT_INITRAMFS");
	if (geteuid() != 0 || !fault_initramfs) {
		fprintf(stderr, "test_vm: needs root and VM_FAULT_INITRAMFS (run `make check-vm`)\n");
		CHECK(0, "not set up");
		return harness_done("vm");
	}
	CHECK_INT(count_qemus(NULL), 0, "qemu processes before the suite (another suite running?)");
	if (sandbox_vm_status(NULL, 1, &st, &err)) {
		CHECK(0, "the vm backend is not ready: %s", err.msg);
		return harness_done("vm");
	}
	fprintf(stderr, "test_vm: qemu %s, accelerator %s%s%s\n", st.qemu_version,
		sandbox_vm_accel_name(st.accel), st.accel_why[0] ? ": " : "", st.accel_why);
	test_exercises();
	test_bad_inputs();
	test_environment();
	test_faults();
	test_concurrency();
	test_cancel();
	test_spares();
	test_nothing_left(&st);
	return harness_done("vm");
}
