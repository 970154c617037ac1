/* server.c: the resident compiler.  One jail with one clang kept warm in it (the zygote, see
 * zygote.c), forked once per compile; the host side of that: starting the zygote and waiting
 * until it is ready, handing it each compile's descriptors, bounding how many run at once,
 * enforcing the time limit, and restarting a zygote that died.  See compile.h.
 *
 * Each compile gets its own stdin socket, stdout and stderr pipes and a control socket, passed
 * to the zygote in one message; the compile's clang is a fresh fork of a process that never saw
 * a source.  The jail has no /proc, no /dev and nothing writable, so compiles running side by
 * side cannot reach each other.  The result goes through compile_result_fill(), as in
 * compile_bpf(): the same statuses, diagnostics and object. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "core/clock.h"
#include "compile.h"
#include "internal.h"
#include "zygote.h"

#define STOP_GRACE_MS 2000u   /* for the zygote to end its compiles and exit before SIGKILL */

struct compile_server {
	pthread_mutex_t lock;
	pthread_cond_t slot_free;
	struct dojo_paths paths;
	char preload[PATH_MAX];        /* host path of the zygote shim */
	char prelude[PATH_MAX];        /* host path of its main file (ZYGOTE_PRELUDE) */
	unsigned max_jobs, running, waiting, starts;
	unsigned long mem_max;
	/* The zygote, under @lock.  pid 0: not running. */
	pid_t pid;
	int sock;                      /* requests (the zygote's stdin) */
	int out, err;                  /* the zygote's own stdout and stderr */
	unsigned gen;                  /* bumped at every stop, so a stale failure stops nothing */
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Wait up to @ms for @pid to exit; true when it was reaped. */
static bool reap_within(pid_t pid, unsigned ms)
{
	unsigned long long end = dojo_now_ms() + ms;

	do {
		pid_t r = waitpid(pid, NULL, WNOHANG);

		if (r == pid || (r < 0 && errno == ECHILD))
			return true;
		poll(NULL, 0, 1);
	} while (dojo_now_ms() < end);
	return false;
}

/* Stop the zygote: EOF on its stdin makes it kill its compiles and exit, which ends the jail's
 * pid namespace; SIGKILL when it does not within @grace_ms.  Called with @lock held. */
static void zygote_stop(struct compile_server *srv, unsigned grace_ms)
{
	if (srv->pid <= 0)
		return;
	close_fd(&srv->sock);
	if (!reap_within(srv->pid, grace_ms)) {
		kill(-srv->pid, SIGKILL);
		kill(srv->pid, SIGKILL);
		while (waitpid(srv->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	close_fd(&srv->out);
	close_fd(&srv->err);
	srv->pid = 0;
	srv->gen++;
}

/* Why a zygote did not come up, from what its clang wrote. */
static int start_failure(struct compile_server *srv, struct dojo_err *err)
{
	char text[4096];
	ssize_t n;

	fcntl(srv->err, F_SETFL, O_NONBLOCK);
	n = read(srv->err, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = 0;
	if (compile_pch_is_stale(text))
		return dojo_err_set(err, -ESTALE, "the precompiled header %s does not match the headers in %s: run make",
				    srv->paths.pch, srv->paths.include_dir);
	return dojo_err_set(err, -EIO, "the resident compiler's clang did not get ready: %.300s",
			    *text ? text : "no message (is the jail allowed to start? try compile_bpf())");
}

/* Start a zygote and wait until it is ready.  Called with @lock held and no zygote. */
static int zygote_start(struct compile_server *srv, struct dojo_err *err)
{
	int sv[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 }, ret;
	char *envp[] = { NULL }, **argv = NULL, ready = 0;
	struct pollfd pfd;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) || pipe2(o, O_CLOEXEC) || pipe2(e, O_CLOEXEC)) {
		ret = dojo_err_set(err, -errno, "cannot create the resident compiler's sockets: %s", strerror(errno));
		goto fail;
	}
	ret = compile_jail_argv(&srv->paths, NULL, srv->preload, srv->prelude, compile_zygote_args, &argv, err);
	if (ret)
		goto fail;
	ret = compile_proc_spawn(argv, envp, (int[3]){ sv[1], o[1], e[1] }, DOJO_COMPILE_MAX_MEMORY, &srv->pid, err);
	free(argv);
	if (ret) {
		srv->pid = 0;
		goto fail;
	}
	close_fd(&sv[1]);
	close_fd(&o[1]);
	close_fd(&e[1]);
	srv->sock = sv[0];
	srv->out = o[0];
	srv->err = e[0];
	srv->starts++;
	pfd = (struct pollfd){ .fd = srv->sock, .events = POLLIN };
	while ((ret = poll(&pfd, 1, DOJO_ZYGOTE_START_MS)) < 0 && errno == EINTR)
		;
	if (ret != 1 || recv(srv->sock, &ready, 1, MSG_DONTWAIT) != 1 || ready != ZYGOTE_READY) {
		ret = ret == 0 ? dojo_err_set(err, -ETIMEDOUT, "the resident compiler's clang was not ready within %u ms; the machine may be overloaded",
					      DOJO_ZYGOTE_START_MS)
			       : start_failure(srv, err);
		zygote_stop(srv, 0);
		return ret;
	}
	return 0;
fail:
	close_fd(&sv[0]);
	close_fd(&sv[1]);
	close_fd(&o[0]);
	close_fd(&o[1]);
	close_fd(&e[0]);
	close_fd(&e[1]);
	return ret;
}

/* A zygote that is running, started if need be.  Called with @lock held. */
static int zygote_ensure(struct compile_server *srv, struct dojo_err *err)
{
	if (srv->pid > 0 && waitpid(srv->pid, NULL, WNOHANG) == srv->pid) {
		close_fd(&srv->sock);
		close_fd(&srv->out);
		close_fd(&srv->err);
		srv->pid = 0;
		srv->gen++;
	}
	return srv->pid > 0 ? 0 : zygote_start(srv, err);
}

/* Wait for the child's wait status on @ctl until @deadline: 1 with *wstatus, 0 when the zygote
 * died (EOF), -ETIMEDOUT. */
static int recv_status(int ctl, unsigned long long deadline, int *wstatus)
{
	for (;;) {
		unsigned long long t = dojo_now_ms();
		struct pollfd pfd = { .fd = ctl, .events = POLLIN };
		ssize_t n;

		if (t >= deadline)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, (int)(deadline - t)) <= 0)
			continue;
		n = recv(ctl, wstatus, sizeof(*wstatus), MSG_DONTWAIT);
		if (n == (ssize_t)sizeof(*wstatus))
			return 1;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return 0;
	}
}

/* Drop the lines clang writes because the source is included from the zygote's prelude ("In
 * file included from /zygote/-:6:"), so that the diagnostics read as those of compile_bpf(),
 * whose source is the main file. */
static void strip_prelude_lines(struct buf *b)
{
	static const char mark[] = "In file included from " ZYGOTE_PRELUDE ":";
	size_t r = 0, w = 0;

	while (r < b->len) {
		const uint8_t *nl = memchr(b->data + r, '\n', b->len - r);
		size_t end = nl ? (size_t)(nl - b->data) + 1 : b->len;

		if (end - r < sizeof(mark) - 1 || memcmp(b->data + r, mark, sizeof(mark) - 1)) {
			memmove(b->data + w, b->data + r, end - r);
			w += end - r;
		}
		r = end;
	}
	b->len = w;
	if (b->data)
		b->data[w] = 0;
}

/* One attempt at a compile on the current zygote.  0 with p filled, *died when the zygote was
 * gone before the status came; a negative errno when no zygote could be started. */
static int run_once(struct compile_server *srv, struct compile_proc *p,
		    unsigned long long deadline, bool *died, struct dojo_err *err)
{
	int io[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 }, c[2] = { -1, -1 }, ret;
	struct zygote_req req = { ZYGOTE_MAGIC, (uint32_t)(srv->mem_max >> 20) };
	unsigned gen;

	*died = false;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, io) || pipe2(o, O_CLOEXEC) || pipe2(e, O_CLOEXEC) ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, c)) {
		ret = dojo_err_set(err, -errno, "cannot create a compile's pipes: %s", strerror(errno));
		goto out;
	}
	pthread_mutex_lock(&srv->lock);
	ret = zygote_ensure(srv, err);
	gen = srv->gen;
	if (!ret && zygote_send(srv->sock, &req, (int[ZYGOTE_NFDS]){ io[1], o[1], e[1], c[1] })) {
		*died = true;
		if (srv->gen == gen)
			zygote_stop(srv, 0);
	}
	pthread_mutex_unlock(&srv->lock);
	if (ret || *died)
		goto out;
	close_fd(&io[1]);
	close_fd(&o[1]);
	close_fd(&e[1]);
	close_fd(&c[1]);
	ret = compile_proc_pump(p, &io[0], o[0], e[0], deadline, err);
	if (ret || p->timed_out || p->out_overflow) {
		p->wstatus = SIGKILL;   /* closing the control socket below kills it */
		goto out;
	}
	switch (recv_status(c[0], deadline, &p->wstatus)) {
	case 1:
		break;
	case 0:
		*died = true;
		pthread_mutex_lock(&srv->lock);
		if (srv->gen == gen)
			zygote_stop(srv, 0);
		pthread_mutex_unlock(&srv->lock);
		break;
	default:
		p->timed_out = true;
		p->wstatus = SIGKILL;
	}
out:
	close_fd(&io[0]);
	close_fd(&io[1]);
	close_fd(&o[0]);
	close_fd(&o[1]);
	close_fd(&e[0]);
	close_fd(&e[1]);
	close_fd(&c[0]);
	close_fd(&c[1]);
	return ret;
}

int compile_server_bpf(struct compile_server *srv, const char *src, size_t len,
		       const struct compile_opts *opts, struct compile_result *res, struct dojo_err *err)
{
	struct compile_opts o = opts ? *opts : (struct compile_opts){ 0 };
	struct compile_proc p = { 0 };
	struct compile_input in;
	unsigned long long start, deadline;
	bool died = false;
	int ret;

	o.paths = &srv->paths;
	ret = compile_input_init(&in, src, len, &o, res, err);
	if (ret) {
		compile_input_free(&in);
		return ret > 0 ? 0 : ret;
	}
	pthread_mutex_lock(&srv->lock);
	srv->waiting++;
	while (srv->running >= srv->max_jobs)
		pthread_cond_wait(&srv->slot_free, &srv->lock);
	srv->waiting--;
	srv->running++;
	pthread_mutex_unlock(&srv->lock);

	start = dojo_now_ms();
	deadline = start + in.timeout_ms;
	p.in = in.text;
	p.in_len = in.len;
	p.out_max = DOJO_MAX_OBJECT_BYTES;
	p.err_max = DOJO_MAX_DIAG_BYTES;
	p.timeout_ms = in.timeout_ms;
	/* A zygote that dies under a compile (killed, crashed) is restarted and the compile run
	 * again once: the learner never sees it. */
	for (int attempt = 0; attempt < 2; attempt++) {
		compile_proc_free(&p);
		buf_init(&p.out, p.out_max);
		buf_init(&p.err, p.err_max);
		p.timed_out = p.out_overflow = false;
		p.wstatus = 0;
		ret = run_once(srv, &p, deadline, &died, err);
		if (ret || !died || p.timed_out)
			break;
	}
	p.elapsed_ms = (unsigned)(dojo_now_ms() - start);
	if (!ret && died && !p.timed_out)
		ret = dojo_err_set(err, -EPIPE, "the resident compiler stopped twice during one compile; see the server's log and memory limits");
	if (!ret) {
		strip_prelude_lines(&p.err);
		ret = compile_result_fill(res, &p, &in, err);
	}

	pthread_mutex_lock(&srv->lock);
	srv->running--;
	pthread_cond_signal(&srv->slot_free);
	pthread_mutex_unlock(&srv->lock);
	compile_proc_free(&p);
	compile_input_free(&in);
	if (ret)
		compile_result_free(res);
	return ret;
}

/* One compile of a minimal program, so that what breaks every compile (a broken header in the
 * zygote's prelude, a shim that cannot fork) is found at start-up. */
static int probe(struct compile_server *srv, struct dojo_err *err)
{
	static const char src[] = "char LICENSE[] SEC(\"license\") = \"GPL\";\n";
	struct compile_result res;
	int ret = compile_server_bpf(srv, src, sizeof(src) - 1, NULL, &res, err);

	if (ret)
		return ret;
	if (res.status != COMPILE_OK)
		ret = dojo_err_set(err, -EIO, "the resident compiler cannot compile a minimal program: %.300s",
				   res.ndiags ? res.diags[0].message : res.raw_stderr ? res.raw_stderr : "no message");
	compile_result_free(&res);
	return ret;
}

struct compile_server *compile_server_new(const struct compile_server_opts *opts, struct dojo_err *err)
{
	static const struct compile_server_opts defaults;
	struct compile_server *srv;
	int ret;

	dojo_err_clear(err);
	if (!opts)
		opts = &defaults;
	srv = calloc(1, sizeof(*srv));
	if (!srv) {
		dojo_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->slot_free, NULL);
	srv->sock = srv->out = srv->err = -1;
	srv->max_jobs = opts->max_jobs ? opts->max_jobs : DOJO_COMPILE_DEFAULT_JOBS;
	if (srv->max_jobs > DOJO_COMPILE_MAX_JOBS)
		srv->max_jobs = DOJO_COMPILE_MAX_JOBS;
	srv->mem_max = opts->mem_max && opts->mem_max < DOJO_COMPILE_MAX_MEMORY ? opts->mem_max : DOJO_COMPILE_MAX_MEMORY;
	if (opts->paths)
		srv->paths = *opts->paths;
	else if ((ret = dojo_paths_init(&srv->paths, err)))
		goto fail;
	snprintf(srv->preload, sizeof(srv->preload), "%s/lib/bpfdojo-zygote.so", srv->paths.root);
	if (access(srv->preload, R_OK)) {
		dojo_err_set(err, -ENOENT, "the resident compiler's shim %s is missing: run make", srv->preload);
		goto fail;
	}
	snprintf(srv->prelude, sizeof(srv->prelude), "%s/lib/bpfdojo-zygote-prelude.c", srv->paths.root);
	if (access(srv->prelude, R_OK)) {
		dojo_err_set(err, -ENOENT, "the resident compiler's prelude %s is missing: run make", srv->prelude);
		goto fail;
	}
	/* The zygote parses the headers itself (zygote.h): no PCH needed. */
	if ((ret = compile_check_installed(&srv->paths, false, err)))
		goto fail;
	pthread_mutex_lock(&srv->lock);
	ret = zygote_start(srv, err);
	pthread_mutex_unlock(&srv->lock);
	if (ret || (ret = probe(srv, err)))
		goto fail;
	return srv;
fail:
	compile_server_free(srv);
	return NULL;
}

void compile_server_stats(struct compile_server *srv, struct compile_server_stats *st)
{
	memset(st, 0, sizeof(*st));
	pthread_mutex_lock(&srv->lock);
	if (srv->pid > 0) {
		siginfo_t si = { 0 };

		st->ready = !waitid(P_PID, (id_t)srv->pid, &si, WEXITED | WNOHANG | WNOWAIT) && si.si_pid == 0;
	}
	st->running = srv->running;
	st->waiting = srv->waiting;
	st->starts = srv->starts;
	pthread_mutex_unlock(&srv->lock);
}

void compile_server_free(struct compile_server *srv)
{
	if (!srv)
		return;
	pthread_mutex_lock(&srv->lock);
	zygote_stop(srv, STOP_GRACE_MS);
	pthread_mutex_unlock(&srv->lock);
	pthread_cond_destroy(&srv->slot_free);
	pthread_mutex_destroy(&srv->lock);
	free(srv);
}
