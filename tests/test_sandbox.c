/* test_sandbox.c: the host backend end to end: the real agent (build/bin/bpfdojo-agent) runs
 * small BPF fixtures (build/test/sandbox/<name>.bpf.o) on this kernel.  Needs root.  Rows cover
 * a good run, attach and load failures, a record flood, a hanging workload, a callback that
 * stops the run, the four steps by hand (start, send the job, next, free), and broken agents (missing, silent, speaking garbage). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/types.h>
#include "core/clock.h"
#include "core/proto.h"
#include "include/dojo_record.h"
#include "sandbox/sandbox.h"
#include "tests/harness.h"

static char fixture_dir[PATH_MAX];
static char agent_path[PATH_MAX];

struct run_log {
	unsigned counts[FRAME_TYPE_MAX];
	unsigned frames, submits, debugs;
	int stop_after;                    /* the callback stops the run after this many frames */
	uint8_t last;
	struct proto_done done;
	struct proto_error error;
	struct proto_attach_failed attach_failed;
	struct proto_workload_done wd;
	char lf_prog[PROTO_NAME_MAX], lf_msg[PROTO_TEXT_MAX];
	size_t lf_log_len;
	char lf_log_head[80];
};

/* Messages arrive decoded (sandbox.h): this keeps what the rows look at. */
static int collect(const struct sandbox_msg *m, void *ctx)
{
	struct run_log *l = ctx;
	const struct proto_load_failed *lfp = &m->u.load_failed;

	l->counts[m->type]++;
	l->frames++;
	l->last = m->type;
	switch (m->type) {
	case FRAME_RECORD:
		l->submits += m->u.record.hdr.kind == DOJO_REC_SUBMIT;
		l->debugs += m->u.record.hdr.kind == DOJO_REC_DEBUG;
		break;
	case FRAME_DONE:
		l->done = m->u.done;
		break;
	case FRAME_ERROR:
		l->error = m->u.error;
		break;
	case FRAME_WORKLOAD_DONE:
		l->wd = m->u.workload_done;
		break;
	case FRAME_ATTACH_FAILED:
		l->attach_failed = m->u.attach_failed;
		break;
	case FRAME_LOAD_FAILED: {
		const struct proto_load_failed lf = *lfp;

		memcpy(l->lf_prog, lf.prog, sizeof(lf.prog));
		memcpy(l->lf_msg, lf.msg, sizeof(lf.msg));
		l->lf_log_len = lf.log_len;
		memcpy(l->lf_log_head, lf.log, lf.log_len < sizeof(l->lf_log_head) - 1 ? lf.log_len : sizeof(l->lf_log_head) - 1);
		break;
	}
	default:
		break;
	}
	if (l->stop_after && l->frames >= (unsigned)l->stop_after)
		return -ECANCELED;
	return 0;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *p = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*len = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (p = malloc((size_t)st.st_size)) &&
	    read(fd, p, (size_t)st.st_size) == st.st_size)
		*len = (size_t)st.st_size;
	close(fd);
	return p;
}

/* Run fixture @name; returns sandbox_run()'s value. */
static int run(const char *name, const char *exercise, unsigned timeout_ms, const char *agent,
	       struct run_log *l, struct dojo_err *err, struct sandbox_stats *st, unsigned *ms)
{
	struct sandbox_opts opts = { .kind = SANDBOX_HOST, .timeout_ms = timeout_ms, .agent_path = agent };
	char path[PATH_MAX + 64];
	struct sandbox_job job = { .exercise = exercise, .key = 0x1234567890abcdefull };
	uint64_t t0;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.bpf.o", fixture_dir, name);
	job.obj = read_file(path, &job.obj_len);
	if (!job.obj) {
		CHECK(0, "fixture %s missing: make check-sandbox builds it", path);
		return -ENOENT;
	}
	t0 = dojo_now_ms();
	rc = sandbox_run(&job, &opts, collect, l, st, err);
	*ms = (unsigned)(dojo_now_ms() - t0);
	free((void *)job.obj);
	return rc;
}

/* Is a program named @name loaded in the kernel? */
static int prog_loaded(const char *name)
{
	union bpf_attr a;
	__u32 id = 0;

	for (;;) {
		struct bpf_prog_info info;
		int fd, found;

		memset(&a, 0, sizeof(a));
		a.start_id = id;
		if (syscall(SYS_bpf, BPF_PROG_GET_NEXT_ID, &a, sizeof(a)) < 0)
			return 0;
		id = a.next_id;
		memset(&a, 0, sizeof(a));
		a.prog_id = id;
		fd = (int)syscall(SYS_bpf, BPF_PROG_GET_FD_BY_ID, &a, sizeof(a));
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		memset(&a, 0, sizeof(a));
		a.info.bpf_fd = (__u32)fd;
		a.info.info_len = sizeof(info);
		a.info.info = (__u64)(uintptr_t)&info;
		found = syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &a, sizeof(a)) == 0 &&
			strncmp(info.name, name, sizeof(info.name)) == 0;
		close(fd);
		if (found)
			return 1;
	}
}

/* Processes running the agent binary (every process of a host-mode run does). */
static int agent_processes(void)
{
	char real[PATH_MAX], link[300], exe[PATH_MAX];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	if (!realpath(agent_path, real) || !(dir = opendir("/proc")))
		return -1;
	while ((d = readdir(dir))) {
		ssize_t k;

		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(link, sizeof(link), "/proc/%s/exe", d->d_name);
		k = readlink(link, exe, sizeof(exe) - 1);
		if (k > 0) {
			exe[k] = 0;
			n += strcmp(exe, real) == 0;
		}
	}
	closedir(dir);
	return n;
}

/* Wait up to 2 s for the kernel to free a program (freeing is asynchronous). */
static int prog_gone(const char *name)
{
	for (int i = 0; i < 200; i++) {
		if (!prog_loaded(name))
			return 1;
		usleep(10000);
	}
	return 0;
}

struct row {
	const char *fixture, *exercise, *why;
	unsigned timeout_ms;
	int want_rc;
	uint8_t want_last;            /* the run's last frame (0: none) */
	int min_records;              /* RECORD frames at least */
	int attach_failed;            /* ATTACH_FAILED frames */
	const char *prog;             /* LOAD_FAILED's or ATTACH_FAILED's program */
	const char *msg;              /* in the learner's message (LOAD_FAILED, ATTACH_FAILED, ERROR) or err */
	int want_log;                 /* LOAD_FAILED carries a verifier log */
	int want_dropped;             /* DONE.dropped > 0 */
	const char *gone;             /* no program of this name afterwards */
};

static const struct row rows[] = {
	{ "exec_ok", "process-name", "a program that DEBUGs and SUBMITs on exec", 10000, 0,
	  FRAME_DONE, 6, 0, NULL, NULL, 0, 0, "on_exec" },
	{ "bad_tp", "process-name", "a tracepoint that does not exist", 10000, 0,
	  FRAME_DONE, 0, 1, "on_exec", "no such tracepoint: tp/sched/sched_process_exek", 0, 0, NULL },
	{ "reject", "process-name", "a program the verifier rejects", 10000, 0,
	  FRAME_LOAD_FAILED, 0, 0, "on_exec_rejected", "", 1, 0, "on_exec_rejected" },
	{ "noprog", "process-name", "an object with no program", 10000, 0,
	  FRAME_LOAD_FAILED, 0, 0, "", "no program: mark a function with SEC(...)", 0, 0, NULL },
	{ "noevents", "process-name", "an object without dojo.h", 10000, 0,
	  FRAME_LOAD_FAILED, 0, 0, "", "passed the verifier, but nothing it does can be submitted", 0, 0, NULL },
	{ "noevents_reject", "process-name", "no dojo.h, rejected: verified all the same", 10000, 0,
	  FRAME_LOAD_FAILED, 0, 0, "on_exec_noevents", "", 1, 0, "on_exec_noevents" },
	{ "biglog", "process-name", "a valid program with a verifier log over 1 MiB", 10000, 0,
	  FRAME_DONE, 0, 0, NULL, NULL, 0, 0, "on_exec_biglog" },
	{ "bigmap", "process-name", "maps past the byte budget", 10000, 0,
	  FRAME_LOAD_FAILED, 0, 0, "", "map 'huge' brings your maps to", 0, 0, NULL },
	{ "flood", "process-name", "a DEBUG on every syscall: capped, ends normally", 10000, 0,
	  FRAME_DONE, 512, 0, NULL, NULL, 0, 1, "on_syscall" },
	{ "hang", "process-name", "a workload stopped forever: the agent's deadline", 2000, -ETIMEDOUT,
	  FRAME_ERROR, 0, 0, NULL, "did not finish within", 0, 0, "stop_it" },
	{ "exec_ok", "no-such-exercise", "an unknown exercise", 10000, 0,
	  FRAME_ERROR, 0, 0, NULL, "unknown exercise 'no-such-exercise'", 0, 0, NULL },
};

static void test_rows(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct run_log l = { 0 };
		struct dojo_err err = { 0 };
		struct sandbox_stats st;
		unsigned ms;
		int rc = run(r->fixture, r->exercise, r->timeout_ms, NULL, &l, &err, &st, &ms);

		CHECK(rc == r->want_rc, "%s: rc %d (%s), want %d", r->why, rc, err.msg, r->want_rc);
		CHECK(l.last == r->want_last, "%s: last frame %s, want %s", r->why,
		      frame_type_name(l.last), frame_type_name(r->want_last));
		CHECK((int)l.counts[FRAME_RECORD] >= r->min_records, "%s: %u records, want >= %d",
		      r->why, l.counts[FRAME_RECORD], r->min_records);
		CHECK_INT(l.counts[FRAME_RECORD], l.done.records, r->why);
		CHECK_INT(l.counts[FRAME_ATTACH_FAILED], r->attach_failed, r->why);
		CHECK(ms <= r->timeout_ms + 500, "%s: took %u ms, deadline %u", r->why, ms, r->timeout_ms);
		if (r->prog && r->want_last == FRAME_LOAD_FAILED)
			CHECK_STR(l.lf_prog, r->prog, r->why);
		if (r->prog && r->attach_failed)
			CHECK_STR(l.attach_failed.prog, r->prog, r->why);
		if (r->msg) {
			const char *m = r->want_last == FRAME_LOAD_FAILED ? l.lf_msg :
					r->attach_failed ? l.attach_failed.msg :
					r->want_last == FRAME_ERROR ? l.error.msg : err.msg;

			CHECK(strstr(m, r->msg), "%s: message \"%s\" lacks \"%s\"", r->why, m, r->msg);
		}
		if (r->want_log)
			CHECK(l.lf_log_len > 0, "%s: an empty verifier log", r->why);
		if (r->want_dropped)
			CHECK(l.done.dropped > 0, "%s: nothing dropped (%u records)", r->why, l.done.records);
		if (r->want_last == FRAME_DONE && !r->attach_failed) {
			CHECK_INT(l.counts[FRAME_LOADED], 1, r->why);
			CHECK_INT(l.counts[FRAME_WORKLOAD_DONE], 1, r->why);
		}
		if (r->gone)
			CHECK(prog_gone(r->gone), "%s: program %s still loaded after the run", r->why, r->gone);
		CHECK_INT(agent_processes(), 0, r->why);
		if (getenv("VERBOSE"))
			printf("    err: %s\n    load_failed: prog '%s' msg '%s' log %zu bytes: %.60s\n"
			       "    attach_failed: %s\n    error: %s\n", err.msg, l.lf_prog, l.lf_msg,
			       l.lf_log_len, l.lf_log_head, l.attach_failed.msg, l.error.msg);
		printf("  %-48s rc=%d last=%s records=%u dropped=%u lost=%u %u ms (ready %u ms, run %u ms)\n",
		       r->why, rc, frame_type_name(l.last), l.done.records, l.done.dropped,
		       l.done.lost_in_kernel, ms, st.start_ms, st.run_ms);
	}
}

static void test_exec_ok_records(void)
{
	struct run_log l = { 0 };
	struct dojo_err err = { 0 };
	struct sandbox_stats st;
	unsigned ms, best = ~0u;

	for (int i = 0; i < 5; i++) {
		memset(&l, 0, sizeof(l));
		CHECK_INT(run("exec_ok", "process-name", 0, NULL, &l, &err, &st, &ms), 0, err.msg);
		best = ms < best ? ms : best;
	}
	CHECK(l.submits >= 3 && l.debugs >= 3, "3 execs: %u submits, %u debugs", l.submits, l.debugs);
	CHECK_INT(l.wd.status, 0, "the workload succeeded");
	CHECK_INT(l.counts[FRAME_ATTACHED], 1, "one ATTACHED");
	printf("  exec_ok: best of 5 runs %u ms\n", best);
}

static void test_callback_stops(void)
{
	struct run_log l = { .stop_after = 2 };
	struct dojo_err err = { 0 };
	struct sandbox_stats st;
	unsigned ms;

	CHECK_INT(run("exec_ok", "process-name", 0, NULL, &l, &err, &st, &ms), -ECANCELED, "callback stops");
	CHECK_INT(l.frames, 2, "no frame after the callback said stop");
	CHECK(prog_gone("on_exec"), "program freed after a stop");
	CHECK_INT(agent_processes(), 0, "no process left after a stop");
}

/* The four steps by hand (sandbox.h): misuse is refused, a guest freed without a job or in the
 * middle of its run leaves nothing behind, and the host lock is free again at once. */
static void test_steps(void)
{
	struct sandbox_opts opts = { .kind = SANDBOX_HOST, .timeout_ms = 5000, .agent_path = agent_path };
	struct sandbox_job job = { .exercise = "process-name", .key = 7 };
	char path[PATH_MAX + 64];
	struct dojo_err err = { 0 };
	struct sandbox_msg m;
	struct sandbox *sb;
	int rc, n = 0, last = 0;

	snprintf(path, sizeof(path), "%s/exec_ok.bpf.o", fixture_dir);
	job.obj = read_file(path, &job.obj_len);
	CHECK(job.obj, "fixture %s", path);
	if (!job.obj)
		return;
	sandbox_free(NULL);
	CHECK_INT(sandbox_start(&opts, &sb, &err), 0, "start");
	CHECK(sandbox_get_stats(sb)->start_ms < 5000, "start_ms %u", sandbox_get_stats(sb)->start_ms);
	CHECK_INT(sandbox_next(sb, &m, &err), -EINVAL, "a message before the job");
	sandbox_free(sb);
	CHECK_INT(agent_processes(), 0, "no process left after a guest freed without a job");

	CHECK_INT(sandbox_start(&opts, &sb, &err), 0, "start again: the lock was released");
	CHECK_INT(sandbox_send_job(sb, &(struct sandbox_job){ .exercise = "process-name" }, &err), -EINVAL, "a job without an object");
	CHECK_INT(sandbox_send_job(sb, &job, &err), 0, "send the job");
	CHECK_INT(sandbox_send_job(sb, &job, &err), -EINVAL, "a second job");
	while ((rc = sandbox_next(sb, &m, &err)) == 1) {
		n++;
		last = m.type;
		CHECK(m.type != FRAME_READY && m.type != FRAME_JOB, "a run message: %s", frame_type_name(m.type));
	}
	CHECK(rc == 0 && last == FRAME_DONE && n > 3, "the run ends with DONE: rc %d, %d messages, last %s (%s)",
	      rc, n, frame_type_name((uint8_t)last), err.msg);
	CHECK_INT(sandbox_next(sb, &m, &err), 0, "nothing after the end");
	CHECK(sandbox_get_stats(sb)->frames == (unsigned)n + 1, "stats count %u frames, %d seen and READY",
	      sandbox_get_stats(sb)->frames, n);
	sandbox_free(sb);

	CHECK_INT(sandbox_start(&opts, &sb, &err), 0, "start a third time");
	CHECK_INT(sandbox_send_job(sb, &job, &err), 0, "send");
	CHECK_INT(sandbox_next(sb, &m, &err), 1, "the first message");
	sandbox_free(sb);   /* a consumer that goes away mid-run */
	CHECK_INT(agent_processes(), 0, "no process left after a guest freed mid-run");
	CHECK(prog_gone("on_exec"), "program freed after a guest freed mid-run");
	free((void *)job.obj);
}

/* A fake agent: a shell script doing @body with the channel on fd 3. */
static int fake_agent(const char *body, char *path, size_t cap)
{
	int fd;

	snprintf(path, cap, "/tmp/bpfdojo-fake-agent-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	dprintf(fd, "#!/bin/sh\n%s\n", body);
	fchmod(fd, 0700);
	close(fd);
	return 0;
}

static void test_broken_agents(void)
{
	static const struct { const char *body; int want; unsigned timeout; const char *msg; const char *why; } agents[] = {
		{ "sleep 30", -ETIMEDOUT, 700, "deadline", "an agent that never says READY" },
		{ "printf '\\377\\377\\377\\377\\020' >&3; sleep 30", -EPROTO, 5000, "over", "an oversized frame" },
		{ "printf '\\000\\000\\000\\000\\200' >&3; sleep 30", -EPROTO, 5000, "unknown type", "an unknown frame type" },
		{ "printf '\\011\\000\\000\\000\\020abc' >&3", -EPROTO, 5000, "middle of a frame", "a torn frame, then exit" },
		{ "exit 0", -EPROTO, 5000, "before it was ready", "an agent that exits at once" },
	};

	for (size_t i = 0; i < sizeof(agents) / sizeof(agents[0]); i++) {
		struct run_log l = { 0 };
		struct dojo_err err = { 0 };
		struct sandbox_stats st;
		char path[64];
		unsigned ms;
		int rc;

		if (fake_agent(agents[i].body, path, sizeof(path))) {
			CHECK(0, "mkstemp");
			continue;
		}
		rc = run("exec_ok", "process-name", agents[i].timeout, path, &l, &err, &st, &ms);
		CHECK(rc == agents[i].want, "%s: rc %d (%s)", agents[i].why, rc, err.msg);
		CHECK(strstr(err.msg, agents[i].msg), "%s: message \"%s\"", agents[i].why, err.msg);
		CHECK(ms < agents[i].timeout + 500, "%s: %u ms", agents[i].why, ms);
		unlink(path);
	}
	{
		struct run_log l = { 0 };
		struct dojo_err err = { 0 };
		struct sandbox_stats st;
		unsigned ms;

		CHECK_INT(run("exec_ok", "process-name", 0, "/nonexistent/bpfdojo-agent", &l, &err, &st, &ms), -ENOENT, "missing agent");
		CHECK(strstr(err.msg, "/nonexistent/bpfdojo-agent"), "message names the agent: %s", err.msg);
	}
}

static void test_kinds(void)
{
	enum sandbox_kind k;
	struct sandbox_job job = { .exercise = "process-name", .obj = "x", .obj_len = 1 };
	struct sandbox_opts opts = { .kind = SANDBOX_VM };
	struct dojo_err err;

	CHECK(sandbox_kind_parse("host", &k) == 0 && k == SANDBOX_HOST, "parse host");
	CHECK(sandbox_kind_parse("vm", &k) == 0 && k == SANDBOX_VM, "parse vm");
	CHECK(sandbox_kind_parse("default", &k) == 0 && k == SANDBOX_DEFAULT, "parse default");
	CHECK_INT(sandbox_kind_parse("kvm", &k), -EINVAL, "parse kvm");
	CHECK_INT(sandbox_kind_parse(NULL, &k), -EINVAL, "parse NULL");
	CHECK_STR(sandbox_kind_name(SANDBOX_HOST), "host", "name");
	/* the vm backend itself is tested by test_vm.c; here: without qemu, a clear error */
	setenv("BPFDOJO_QEMU", "/nonexistent/qemu-system-x86_64", 1);
	CHECK_INT(sandbox_run(&job, &opts, NULL, NULL, NULL, &err), -ENOENT, "vm without qemu");
	CHECK(strstr(err.msg, "--sandbox host") && strstr(err.msg, "apt-get install"), "vm message: %s", err.msg);
	CHECK_INT(sandbox_run(&job, NULL, NULL, NULL, NULL, &err), -ENOENT, "default is vm");
	unsetenv("BPFDOJO_QEMU");
	job.obj_len = 0;
	opts.kind = SANDBOX_HOST;
	CHECK_INT(sandbox_run(&job, &opts, NULL, NULL, NULL, &err), -EINVAL, "empty object");
}

int main(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0 || geteuid() != 0) {
		fprintf(stderr, "test_sandbox needs root and /proc\n");
		CHECK(0, "root");
		return harness_done("test_sandbox");
	}
	self[n] = 0;
	/* <build>/test/test_sandbox: fixtures in <build>/test/sandbox, agent in <build>/bin */
	slash = strrchr(self, '/');
	*slash = 0;
	snprintf(fixture_dir, sizeof(fixture_dir), "%.4000s/sandbox", self);
	slash = strrchr(self, '/');
	*slash = 0;
	snprintf(agent_path, sizeof(agent_path), "%.4000s/bin/bpfdojo-agent", self);
	test_kinds();
	test_rows();
	test_exec_ok_records();
	test_callback_stops();
	test_steps();
	test_broken_agents();
	return harness_done("test_sandbox");
}
