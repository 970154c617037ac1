/* run.c: one job, from READY to the last frame.
 *
 *   READY -> read JOB -> env flags -> exercise setup -> open/check -> set .rodata (rodata.c)
 *   -> load (LOADED | LOAD_FAILED) -> open the perf event arrays' readers (perf_submit.c)
 *   -> attach all (ATTACHED* | ATTACH_FAILED* then DONE{0}) -> read iterators (LOG) -> fork
 *   the workload and stream RECORDs (and, in the micro-VM, bpf_printk lines: printk.c) while
 *   it runs -> WORKLOAD_DONE -> drain (the ring buffer, then the perf event arrays, whose
 *   samples are submissions) -> DONE (detach when the object is freed).
 *
 * The parent waits on one epoll set holding the ring buffer and a pidfd of the workload, so
 * records stream while the workload runs.  The ring-buffer callback yields every RB_BATCH
 * records so a flood cannot keep the loop from seeing the deadline.  The workload runs in its
 * own process group; on the agent's deadline the whole group is killed.  WORKLOAD_DONE.status
 * is guest_wait_status()'s: 0 = the workload succeeded, 1-127 = its exit code (the errno its
 * run() failed with), 128 + N = killed by signal N. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>
#include <bpf/libbpf.h>
#include "core/frame.h"
#include "core/limits.h"
#include "exercises/exercise.h"
#include "include/dojo_record.h"
#include "guest.h"
#include "loader.h"
#include "perf_submit.h"
#include "printk.h"
#include "rodata.h"

#define RB_BATCH 256u
#define RB_YIELD (-EAGAIN)

struct rec_state {
	struct guest_chan *c;
	uint32_t max_records;
	uint32_t forwarded;
	uint32_t dropped;        /* over the cap, or not a struct dojo_rec */
	size_t bytes;
	unsigned batch;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct rec_state *s = ctx;

	if (size != sizeof(struct dojo_rec) || s->forwarded >= s->max_records ||
	    s->bytes + size > DOJO_MAX_RECORD_BYTES) {
		s->dropped++;
	} else {
		int rc = guest_chan_send_raw(s->c, FRAME_RECORD, data, size);

		if (rc)
			return rc;
		s->forwarded++;
		s->bytes += size;
	}
	return ++s->batch >= RB_BATCH ? RB_YIELD : 0;
}

/* Consume what the ring buffer holds now, one batch.  0 or the channel's error. */
static int consume(struct ring_buffer *rb, struct rec_state *s)
{
	int rc;

	s->batch = 0;
	rc = ring_buffer__consume(rb);
	if (s->c->dead)
		return s->c->dead;
	return rc < 0 && rc != RB_YIELD ? rc : 0;
}

/* Drain what the workload left.  A program that keeps producing (it is still attached) cannot
 * hold the drain: it stops after twice what the ring buffer can hold.  0 or the channel's
 * error. */
static int drain(struct ring_buffer *rb, struct rec_state *s)
{
	const uint64_t max = 2u * DOJO_RINGBUF_BYTES / sizeof(struct dojo_rec);
	const uint64_t start = (uint64_t)s->forwarded + s->dropped;
	int rc;

	do {
		s->batch = 0;
		rc = ring_buffer__consume(rb);
		if (s->c->dead)
			return s->c->dead;
	} while ((rc > 0 || rc == RB_YIELD) && (uint64_t)s->forwarded + s->dropped - start < max);
	return rc < 0 && rc != RB_YIELD ? rc : 0;
}

/* The workload process's set-up: its own group, dies with the agent, default signals. */
static void child_init(void)
{
	sigset_t none;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void __attribute__((noreturn)) child_run(const struct exercise *ex, const struct workload_ctx *ctx)
{
	int rc = ex->run ? ex->run(ctx) : 0;

	_exit(rc == 0 ? 0 : rc < 0 && rc > -255 ? -rc : 255);
}

static void __attribute__((noreturn)) child_main(const struct exercise *ex, const struct workload_ctx *ctx,
						 struct guest_chan *c)
{
	close(c->fd);
	child_init();
	child_run(ex, ctx);
}

/* The pre-forked workload process (VM mode): what it is told, and how to reach it. */
struct prefork_msg {
	uint64_t key;
	char exercise[PROTO_NAME_MAX];
};

static pid_t prefork_pid = -1;
static int prefork_fd = -1;

static const char *find_child(enum guest_mode mode, const char *self, char *out, size_t cap);

/* The pre-forked process, a fresh image of the agent (so it shares no copy-on-write page
 * with the agent, whose every write after the restore would otherwise copy a page): wait for
 * the job on @fd, then run its workload like child_main(). */
void guest_workload_main(int fd)
{
	static char self[PATH_MAX], child[PATH_MAX];
	struct prefork_msg m;
	struct workload_ctx ctx;
	const struct exercise *ex;
	size_t got = 0;

	child_init();
	while (got < sizeof(m)) {
		ssize_t n = read(fd, (char *)&m + got, sizeof(m) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(125);   /* the agent went away, or never needed us */
		got += (size_t)n;
	}
	close(fd);
	m.exercise[sizeof(m.exercise) - 1] = 0;
	ex = exercise_find(m.exercise);
	if (!ex || guest_self_exe(self, sizeof(self)))
		_exit(125);
	ctx = (struct workload_ctx){ .key = m.key, .run_dir = GUEST_RUN_DIR, .self_exe = self,
				     .child_exe = find_child(GUEST_VM, self, child, sizeof(child)) };
	child_run(ex, &ctx);
}

int guest_workload_prefork(void)
{
	static char *const argv[] = { (char *)"dojo-workload", NULL };
	/* PATH as the agent has it (env.c): workloads find the exercises' programs through it */
	static char *const envp[] = { (char *)GUEST_WORKLOAD_ENV "=3", (char *)"PATH=" GUEST_VM_BIN_DIR, NULL };
	char self[PATH_MAX];
	int p[2];
	pid_t pid;

	if (guest_self_exe(self, sizeof(self)))
		return -ENOENT;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		if (dup2(p[0], 3) < 0)   /* dup2 clears close-on-exec */
			_exit(126);
		execve(self, argv, envp);
		_exit(127);
	}
	close(p[0]);
	setpgid(pid, pid);
	prefork_pid = pid;
	prefork_fd = p[1];
	return 0;
}

/* Hand the job to the pre-forked process.  Its pid, or -1 (none, or it is gone: fork). */
static pid_t prefork_start(const struct exercise *ex, const struct workload_ctx *ctx)
{
	struct prefork_msg m = { .key = ctx->key };
	pid_t pid = prefork_pid;
	ssize_t n;

	if (pid <= 0)
		return -1;
	prefork_pid = -1;
	guest_copy(m.exercise, sizeof(m.exercise), ex->id);
	do
		n = write(prefork_fd, &m, sizeof(m));   /* < PIPE_BUF: all or nothing */
	while (n < 0 && errno == EINTR);
	close(prefork_fd);
	prefork_fd = -1;
	if (n == (ssize_t)sizeof(m))
		return pid;
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return -1;
}

/* Run the workload while streaming records.  0 after WORKLOAD_DONE, -ETIMEDOUT after the
 * deadline (the workload's group was killed), or another negative errno. */
static int run_workload(const struct exercise *ex, const struct workload_ctx *ctx,
			struct ring_buffer *rb, struct guest_printk *pk, struct rec_state *s,
			uint64_t deadline)
{
	struct epoll_event ev, evs[4];
	struct proto_workload_done m = { 0 };
	uint64_t t0 = dojo_now_ms();
	int epfd = -1, pidfd = -1, rc = 0, ws = 0, done = 0;
	pid_t pid;

	pid = prefork_start(ex, ctx);
	if (pid < 0) {
		pid = fork();
		if (pid < 0)
			return -errno;
		if (pid == 0)
			child_main(ex, ctx, s->c);
	}
	setpgid(pid, pid);   /* the child does it too: whoever runs first, the group exists */
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (pidfd < 0 || epfd < 0) {
		rc = -errno;
		goto kill;
	}
	ev.events = EPOLLIN;
	ev.data.u32 = 1;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, ring_buffer__epoll_fd(rb), &ev) < 0) {
		rc = -errno;
		goto kill;
	}
	ev.data.u32 = 2;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, pidfd, &ev) < 0) {
		rc = -errno;
		goto kill;
	}
	ev.data.u32 = 3;
	if (pk->fd >= 0 && epoll_ctl(epfd, EPOLL_CTL_ADD, pk->fd, &ev) < 0) {
		rc = -errno;
		goto kill;
	}
	while (!done) {
		uint64_t now = dojo_now_ms();
		int n;

		if (now >= deadline) {
			rc = -ETIMEDOUT;
			goto kill;
		}
		n = epoll_wait(epfd, evs, 4, (int)(deadline - now > 1000 ? 1000 : deadline - now));
		if (n < 0 && errno != EINTR) {
			rc = -errno;
			goto kill;
		}
		for (int i = 0; i < n; i++) {
			if (evs[i].data.u32 == 1) {
				rc = consume(rb, s);
				if (rc)
					goto kill;
			} else if (evs[i].data.u32 == 3) {
				rc = guest_printk_pump(pk, s->c);
				if (rc < 0)
					goto kill;
				rc = 0;
			} else if (waitpid(pid, &ws, WNOHANG) == pid) {
				done = 1;
			}
		}
	}
	m.duration_ms = (uint32_t)(dojo_now_ms() - t0);
	m.status = (uint32_t)guest_wait_status(ws);
	rc = guest_chan_send(s->c, FRAME_WORKLOAD_DONE,
			     proto_put_workload_done(guest_chan_buf(s->c), &m));
	goto out;
kill:
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
out:
	if (epfd >= 0)
		close(epfd);
	if (pidfd >= 0)
		close(pidfd);
	return rc;
}

/* bpfdojo-child: /bin/dojo-child in the micro-VM, next to the agent in host mode; NULL when
 * missing (the agent plays the child then, at ~10x the exec cost under TCG). */
static const char *find_child(enum guest_mode mode, const char *self, char *out, size_t cap)
{
	const char *slash = strrchr(self, '/');
	int n;

	if (mode == GUEST_VM)
		return access(GUEST_VM_CHILD, X_OK) == 0 ? GUEST_VM_CHILD : NULL;
	if (!slash)
		return NULL;
	n = snprintf(out, cap, "%.*s/%s", (int)(slash - self), self, GUEST_CHILD_NAME);
	if (n < 0 || (size_t)n >= cap)
		return NULL;
	return access(out, X_OK) == 0 ? out : NULL;
}

/* Time left for loading: DOJO_LOAD_TIMEOUT_MS, but always ending LOAD_REPORT_MS before the
 * run's deadline, so the verifier's partial log reaches the host before the host gives up. */
#define LOAD_REPORT_MS 1000u

static unsigned load_timeout_ms(uint64_t deadline)
{
	uint64_t now = dojo_now_ms(), left = deadline > now ? deadline - now : 0;

	left = left > 2 * LOAD_REPORT_MS ? left - LOAD_REPORT_MS : left / 2;
	return left < DOJO_LOAD_TIMEOUT_MS ? (unsigned)left : DOJO_LOAD_TIMEOUT_MS;
}

int guest_run(struct guest_chan *c, enum guest_mode mode)
{
	static struct proto_play play;
	struct proto_job job;
	uint8_t type = 0;
	struct proto_done done = { 0 };
	struct rec_state s = { .c = c };
	struct guest_loader *l = NULL;
	struct ring_buffer *rb = NULL;
	struct guest_printk pk = { .fd = -1 };
	struct guest_perf *perf = NULL;
	const struct exercise *ex;
	struct workload_ctx ctx;
	struct dojo_err err = { 0 };
	struct buf storage;
	char self[PATH_MAX], child[PATH_MAX];
	uint64_t deadline;
	int rc;

	buf_init(&storage, 1);
	rc = guest_send_ready(c);
	if (rc)
		return rc;
	rc = guest_chan_read_any(c, &storage, &play, &type);
	job = play.job;
	if (rc) {
		if (rc == -EPROTO || rc == -EMSGSIZE)
			(void)guest_send_error(c, rc, "the agent expected one well-formed JOB frame");
		goto out;
	}
	deadline = dojo_now_ms() + (job.timeout_ms ? job.timeout_ms : DOJO_RUN_TIMEOUT_MS);
	s.max_records = job.max_records < DOJO_MAX_RECORDS ? job.max_records : DOJO_MAX_RECORDS;
	rc = guest_env_apply_job(mode, &job, &err);
	if (rc) {
		rc = guest_send_error(c, rc, "%s", err.msg);
		goto out;
	}
	if (type == FRAME_PLAY) {
		/* the playground runs anything: only in a kernel of its own */
		rc = mode == GUEST_VM ? guest_play(c, &play) :
			guest_send_error(c, -EPERM, "the playground runs in the micro-VM sandbox only");
		goto out;
	}
#ifdef DOJO_TEST_FAULTS
	if (!strncmp(job.exercise, "fault-", 6) || !strncmp(job.exercise, "test-", 5)) {
		rc = guest_test_fault(c, job.exercise);
		goto out;
	}
#endif
	ex = exercise_find(job.exercise);
	if (!ex) {
		rc = guest_send_error(c, -ENOENT, "unknown exercise '%s'", job.exercise);
		goto out;
	}
	rc = guest_self_exe(self, sizeof(self));
	if (rc) {
		rc = guest_send_error(c, rc, "cannot resolve /proc/self/exe: %s", strerror(-rc));
		goto out;
	}
	ctx = (struct workload_ctx){ .key = job.key, .run_dir = GUEST_RUN_DIR, .self_exe = self,
				     .child_exe = find_child(mode, self, child, sizeof(child)) };
	rc = ex->setup ? ex->setup(&ctx) : 0;
	if (rc) {
		rc = guest_send_error(c, rc, "exercise '%s': setup failed: %s", ex->id, strerror(rc < 0 ? -rc : rc));
		goto out;
	}

	guest_loader_set_channel(c);
	rc = guest_loader_open(job.obj, job.obj_len, !!(job.flags & JOB_LOG_LEVEL2), &l);
	if (rc)
		goto learner_failed;
	rc = guest_rodata_apply(c, guest_loader_object(l), ctx.run_dir);
	if (rc) {
		if (!c->dead)
			rc = guest_send_error(c, rc, "exercise '%s': its .rodata values cannot be read: %s", ex->id, strerror(-rc));
		goto out;
	}
	rc = guest_loader_load(l, load_timeout_ms(deadline));
	if (rc)
		goto learner_failed;
	if ((job.flags & JOB_XLATED) && (rc = guest_send_xlated(c, guest_loader_object(l))))
		goto out;
	rc = guest_perf_open(guest_loader_object(l), ex->kind, on_record, &s, &perf);
	if (rc) {
		rc = guest_send_error(c, rc, "cannot read the perf event arrays: %s", strerror(-rc));
		goto out;
	}
	rc = guest_loader_attach(l);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		/* the host treats any ATTACH_FAILED as a load error: no workload */
		rc = guest_chan_send(c, FRAME_DONE, proto_put_done(guest_chan_buf(c), &done));
		goto out;
	}
	rc = guest_loader_read_iters(l);
	if (rc)
		goto out;
	rb = ring_buffer__new(guest_loader_events_fd(l), on_record, &s, NULL);
	if (!rb) {
		rc = guest_send_error(c, -errno, "cannot read the ring buffer dojo_events: %s", strerror(errno));
		goto out;
	}
	/* bpf_printk lines: in the micro-VM only, whose trace_pipe is the run's alone */
	if (mode == GUEST_VM &&
	    guest_printk_open(&pk, DOJO_PLAY_MAX_PRINTK, DOJO_PLAY_MAX_PRINTK_LINES) &&
	    (rc = guest_send_log(c, 1, "no trace_pipe: bpf_printk lines are not shown")))
		goto out;
	rc = run_workload(ex, &ctx, rb, &pk, &s, deadline);
	if (rc == -ETIMEDOUT) {
		rc = guest_send_error(c, -ETIMEDOUT, "the workload did not finish within %u ms",
				      job.timeout_ms ? job.timeout_ms : DOJO_RUN_TIMEOUT_MS);
		goto out;
	}
	if (rc) {
		if (!c->dead)
			rc = guest_send_error(c, rc, "running the workload failed: %s", strerror(-rc));
		goto out;
	}
	/* no detach before DONE: detaching waits for an RCU grace period (50-90 ms) the learner
	 * need not wait for; it happens when the object is freed, after DONE */
	rc = drain(rb, &s);
	rc = rc ?: guest_printk_drain(&pk, c, 64);
	if (!rc && pk.dropped) {
		char msg[128];

		snprintf(msg, sizeof(msg), "%u bpf_printk lines (%llu bytes) over the cap of %u lines "
			 "were not shown", pk.dropped, (unsigned long long)pk.dropped_bytes,
			 DOJO_PLAY_MAX_PRINTK_LINES);
		rc = guest_send_log(c, 1, msg);
	}
	if (rc)
		goto out;
	rc = guest_perf_drain(perf);
	if (rc) {
		if (!c->dead)
			rc = guest_send_error(c, rc, "reading the perf event arrays failed: %s", strerror(-rc));
		goto out;
	}
	done.records = s.forwarded;
	done.dropped = s.dropped;
	uint64_t lost = guest_loader_kernel_dropped(l) + guest_perf_lost(perf);
	done.lost_in_kernel = lost > UINT32_MAX ? UINT32_MAX : (uint32_t)lost;
	rc = guest_chan_send(c, FRAME_DONE, proto_put_done(guest_chan_buf(c), &done));
	goto out;
learner_failed:
	/* LOAD_FAILED was sent (the learner's fault, a normal end); else the channel broke */
	rc = c->dead;
out:
	guest_printk_close(&pk);
	ring_buffer__free(rb);
	guest_perf_free(perf);
	guest_loader_free(l);
	buf_free(&storage);
	return rc;
}
