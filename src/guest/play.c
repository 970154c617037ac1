/* play.c: a playground job in the guest: load any object, attach every program (those that
 * cannot be are reported and the rest run), run `busybox sh -c CMD` as PID 1's child within
 * its wall clock while forwarding every ring buffer's and perf event array's records
 * (play_ring.c), bpf_printk lines (trace_pipe) and the workload's output, each capped; then
 * every map's entries, the buffers' statistics and every program's bpf_stats.  The agent forwards raw bytes only: the host decodes them with the object's BTF. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "core/clock.h"
#include "core/frame.h"
#include "core/limits.h"
#include "guest.h"
#include "loader.h"
#include "printk.h"


/* One capped stream: what was sent and what was dropped. */
struct cap {
	size_t bytes, max_bytes;
	unsigned count, max_count;
	unsigned dropped;
	uint64_t dropped_bytes;
};

struct play {
	struct guest_chan *c;
	struct bpf_object *obj;
	struct cap out[PLAY_LOST + 1];      /* by enum proto_play_stream */
	uint64_t lost;                      /* perf samples the kernel lost */
	struct guest_printk printk;         /* trace_pipe (printk.c) */
};

static int take(struct cap *k, size_t len)
{
	if (k->bytes + len > k->max_bytes || (k->max_count && k->count >= k->max_count)) {
		k->dropped++;
		k->dropped_bytes += len;
		return 0;
	}
	k->bytes += len;
	k->count++;
	return 1;
}

static int send_output(struct play *p, uint8_t stream, const void *data, size_t len)
{
	struct proto_play_output m = { .stream = stream, .data = data, .len = len };

	return guest_chan_send(p->c, FRAME_PLAY_OUTPUT,
			       proto_put_play_output(guest_chan_buf(p->c), &m));
}

/* A record from a ring buffer or perf event array: sent unless the cap is reached. */
static int on_record(void *ctx, const char *map, const void *data, size_t size)
{
	struct play *p = ctx;
	struct proto_play_record m = { .data = data, .len = size };
	int rc;

	if (!take(&p->out[PLAY_RECORDS], size))
		return 0;
	guest_copy(m.map, sizeof(m.map), map);
	rc = guest_chan_send(p->c, FRAME_PLAY_RECORD, proto_put_play_record(guest_chan_buf(p->c), &m));
	return rc ? rc : 1;
}

static int consume(struct guest_rings *rings, struct play *p)
{
	int rc = guest_rings_consume(rings);

	return p->c->dead ? p->c->dead : rc;
}

/* A stdout/stderr read: forwarded up to its cap, the rest counted. */
static int pump_output(struct play *p, int fd, uint8_t stream)
{
	char b[DOJO_PLAY_CHUNK];
	ssize_t n = read(fd, b, sizeof(b));

	if (n == 0)
		return 0;
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 1 : -errno;
	struct cap *k = &p->out[stream];
	size_t room = k->max_bytes - k->bytes;

	/* a cap on frames too: a workload writing a byte at a time must not spend the run's */
	if (k->count >= k->max_count || !room) {
		k->dropped++;
		k->dropped_bytes += (size_t)n;
		return 1;
	}
	if ((size_t)n > room) {
		k->dropped++;
		k->dropped_bytes += (size_t)n - room;
		n = (ssize_t)room;
	}
	k->bytes += (size_t)n;
	k->count++;
	return send_output(p, stream, b, (size_t)n) ?: 1;
}

static void __attribute__((noreturn)) workload_child(const char *cmd, int out, int err)
{
	static char *const envp[] = { (char *)"PATH=/bin:/sbin:/usr/bin", (char *)"HOME=/",
				      NULL };
	char *argv[] = { (char *)"sh", (char *)"-c", (char *)cmd, NULL };
	sigset_t none;
	int nul = open("/dev/null", O_RDONLY);

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (nul < 0 || dup2(nul, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	execve(GUEST_BUSYBOX, argv, envp);
	_exit(127);
}

/* /etc/hostname, for workloads that look at the machine (the initramfs has no /etc). */
static void write_etc(void)
{
	struct utsname u;
	int fd;

	if (uname(&u) < 0 || (mkdir("/etc", 0755) < 0 && errno != EEXIST))
		return;
	fd = open("/etc/hostname", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (write(fd, u.nodename, strlen(u.nodename)) < 0 || write(fd, "\n", 1) < 0)
			(void)0;
		close(fd);
	}
}

static int epoll_add(int ep, int fd, uint32_t tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = tag };

	return fd < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0 ? 0 : -errno;
}

enum { T_RB = 1, T_OUT, T_ERR, T_TRACE, T_PID };

/* Run the workload to its end or its wall clock, forwarding as it goes; then drain. */
static int run_workload(struct play *p, const struct proto_play *job, struct guest_rings *rb)
{
	struct proto_workload_done wd = { 0 };
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, ep = -1, pidfd = -1, rc = 0, ws = 0;
	int open_out = 2, exited = 0;
	uint64_t t0 = dojo_now_ms(), end = t0 + job->workload_ms;
	pid_t pid;

	if (pipe2(po, O_CLOEXEC | O_NONBLOCK) < 0 || pipe2(pe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		goto out;
	}
	if (pid == 0)
		workload_child(job->cmd, po[1], pe[1]);
	setpgid(pid, pid);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (pidfd < 0 || ep < 0) {
		rc = -errno;
		goto out;
	}
	rc = epoll_add(ep, guest_rings_fd(rb), T_RB);
	rc = rc ?: epoll_add(ep, po[0], T_OUT);
	rc = rc ?: epoll_add(ep, pe[0], T_ERR);
	rc = rc ?: epoll_add(ep, p->printk.fd, T_TRACE);
	rc = rc ?: epoll_add(ep, pidfd, T_PID);
	while (!rc && (!exited || open_out)) {
		struct epoll_event evs[8];
		uint64_t now = dojo_now_ms();
		int n;

		if (now >= end) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			end = UINT64_MAX;   /* the group is gone: read what its pipes still hold */
			now = 0;
		}
		n = epoll_wait(ep, evs, 8, end == UINT64_MAX ? 100 : (int)(end - now));
		if (n < 0 && errno != EINTR)
			rc = -errno;
		for (int i = 0; !rc && i < n; i++) {
			int r = 0;

			switch (evs[i].data.u32) {
			case T_RB: r = consume(rb, p); break;
			case T_TRACE: r = guest_printk_pump(&p->printk, p->c); break;
			case T_OUT: case T_ERR: {
				int fd = evs[i].data.u32 == T_OUT ? po[0] : pe[0];

				r = pump_output(p, fd, evs[i].data.u32 == T_OUT ? PLAY_STDOUT : PLAY_STDERR);
				if (r == 0) {   /* EOF */
					epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
					open_out--;
				}
				break;
			}
			case T_PID:
				if (waitpid(pid, &ws, WNOHANG) == pid) {
					exited = 1;
					epoll_ctl(ep, EPOLL_CTL_DEL, pidfd, NULL);
				}
				break;
			}
			if (r < 0)
				rc = r;
		}
		if (exited && end != UINT64_MAX && open_out)
			end = dojo_now_ms() + 200 < end ? dojo_now_ms() + 200 : end;  /* a daemon kept the pipes */
	}
	if (!exited) {
		kill(-pid, SIGKILL);
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
	}
	if (rc)
		goto out;
	wd.duration_ms = (uint32_t)(dojo_now_ms() - t0);
	wd.status = (uint32_t)guest_wait_status(ws);
	if (wd.duration_ms >= job->workload_ms && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL) {
		char msg[128];

		snprintf(msg, sizeof(msg), "the workload was still running after %u ms: killed",
			 job->workload_ms);
		rc = guest_send_log(p->c, 1, msg);
	}
	rc = rc ?: guest_chan_send(p->c, FRAME_WORKLOAD_DONE,
				   proto_put_workload_done(guest_chan_buf(p->c), &wd));
	/* what is left: at most twice what the caps allow, a program still firing cannot hold us */
	for (int i = 0; !rc && i < 64 && consume(rb, p) > 0; i++)
		;
	rc = rc < 0 ? rc : guest_printk_drain(&p->printk, p->c, 64);
out:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	if (ep >= 0)
		close(ep);
	if (pidfd >= 0)
		close(pidfd);
	return rc;
}


static int send_drops(struct play *p)
{
	for (uint8_t s = PLAY_STDOUT; s <= PLAY_LOST; s++) {
		struct proto_play_dropped m = { .stream = s, .count = p->out[s].dropped,
						.bytes = p->out[s].dropped_bytes };

		if (s == PLAY_LOST)   /* samples the kernel lost are counted, with no size */
			m = (struct proto_play_dropped){ .stream = s, .count = (uint32_t)p->lost };
		int rc;

		if (!m.count)
			continue;
		rc = guest_chan_send(p->c, FRAME_PLAY_DROPPED,
				     proto_put_play_dropped(guest_chan_buf(p->c), &m));
		if (rc)
			return rc;
	}
	return 0;
}

int guest_play(struct guest_chan *c, const struct proto_play *job)
{
	struct play p = { .c = c };
	struct proto_done done = { 0 };
	struct guest_loader *l = NULL;
	struct guest_rings *rb = NULL;
	const char *failed;
	int rc, stats = -1;

	p.out[PLAY_STDOUT].max_bytes = p.out[PLAY_STDERR].max_bytes = DOJO_PLAY_MAX_OUTPUT;
	p.out[PLAY_STDOUT].max_count = p.out[PLAY_STDERR].max_count = DOJO_PLAY_MAX_OUTPUT_FRAMES;
	p.printk.fd = -1;
	p.out[PLAY_RECORDS].max_bytes = DOJO_PLAY_MAX_RECORD_BYTES;
	p.out[PLAY_RECORDS].max_count = DOJO_PLAY_MAX_RECORDS;
	if (access(GUEST_BUSYBOX, X_OK) != 0)
		return guest_send_error(c, -ENOENT, "the guest has no %s: rebuild the initramfs (make initramfs)", GUEST_BUSYBOX);
	write_etc();
	stats = bpf_enable_stats(BPF_STATS_RUN_TIME);   /* until closed: the run's programs count */
	guest_loader_set_channel(c);
	guest_loader_set_play(1);
	rc = guest_loader_open(job->job.obj, job->job.obj_len, !!(job->job.flags & JOB_LOG_LEVEL2), &l);
	if (!rc)
		rc = guest_loader_load(l, DOJO_LOAD_TIMEOUT_MS);
	if (rc) {
		rc = c->dead;   /* LOAD_FAILED was sent */
		goto out;
	}
	/* the buffers before the programs run: a sample sent to a perf event array whose CPU
	 * has no reader yet is lost without a count */
	p.obj = guest_loader_object(l);
	if ((job->job.flags & JOB_XLATED) && (rc = guest_send_xlated(c, p.obj)))
		goto out;
	rc = guest_rings_open(p.obj, on_record, &p, &rb, &failed);
	if (rc) {
		rc = guest_send_error(c, rc, "cannot read %s%s: %s", failed ? "map " : "the event buffers",
				      failed ? failed : "", strerror(-rc));
		goto out;
	}
	rc = guest_loader_attach(l);   /* the failures were reported: the rest run */
	if (rc < 0)
		goto out;
	if (guest_printk_open(&p.printk, DOJO_PLAY_MAX_PRINTK, DOJO_PLAY_MAX_PRINTK_LINES))
		(void)guest_send_log(c, 1, "no trace_pipe: bpf_printk lines are not shown");
	rc = run_workload(&p, job, rb);
	p.out[PLAY_PRINTK].dropped = p.printk.dropped;
	p.out[PLAY_PRINTK].dropped_bytes = p.printk.dropped_bytes;
	p.lost = guest_rings_lost(rb);
	rc = rc ?: send_drops(&p);
	rc = rc ?: guest_play_dump_maps(c, p.obj);
	rc = rc ?: guest_rings_send_stats(rb, c);
	rc = rc ?: guest_play_stats(c, p.obj);
	if (rc) {
		if (!c->dead)
			rc = guest_send_error(c, rc, "the playground run failed: %s", strerror(-rc));
		goto out;
	}
	done.records = p.out[PLAY_RECORDS].count;
	done.dropped = p.out[PLAY_RECORDS].dropped;
	rc = guest_chan_send(c, FRAME_DONE, proto_put_done(guest_chan_buf(c), &done));
out:
	guest_printk_close(&p.printk);
	if (stats >= 0)
		close(stats);
	guest_rings_free(rb);
	guest_loader_free(l);
	return rc;
}
