/* proc.c: run one child process with its stdin fed from memory, stdout and stderr drained into
 * capped buffers, a deadline, and a guarantee that nothing of it is left when we return.
 *
 * The child is the leader of its own process group; any limit (deadline, stdout cap) kills the
 * whole group with SIGKILL.  The group is also killed after a normal exit, before the leader is
 * reaped (waitid WNOWAIT), so its pid cannot have been reused by then.  bwrap adds the rest:
 * --die-with-parent and the jail's pid namespace take clang down with bwrap. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "core/clock.h"
#include "internal.h"

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child_exec(char *const argv[], char *const envp[], int in, int out, int errfd,
		       unsigned long mem_max)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	struct rlimit no_core = { 0, 0 };
	sigset_t none;

	setpgid(0, 0);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(errfd, 2) < 0)
		_exit(126);
	/* Do not leak descriptors other threads opened without O_CLOEXEC. */
	syscall(SYS_close_range, 3U, ~0U, 0U);
	sigaction(SIGPIPE, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setrlimit(RLIMIT_CORE, &no_core);
	if (mem_max) {
		struct rlimit as = { mem_max, mem_max };

		setrlimit(RLIMIT_AS, &as);
	}
	execve(argv[0], argv, envp);
	_exit(127);
}

static void kill_group(pid_t pid)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
}

/* Read what is available on @fd into @b; the part past b->max is dropped unless @strict, in
 * which case *overflow is set.  Returns 1 at EOF, 0 otherwise. */
static int drain(int fd, struct buf *b, bool strict, bool *overflow)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));
	size_t room;

	if (n == 0)
		return 1;
	if (n < 0)
		return (errno == EAGAIN || errno == EINTR) ? 0 : 1;
	room = b->max - b->len;
	if ((size_t)n > room) {
		if (strict) {
			*overflow = true;
			return 1;
		}
		n = (ssize_t)room;
	}
	if (n && buf_add(b, chunk, (size_t)n)) {
		*overflow = true;  /* -ENOMEM: treat as too much output */
		return 1;
	}
	return 0;
}

int compile_proc_spawn(char *const argv[], char *const envp[], const int fds[3], unsigned long mem_max,
		       pid_t *pid, struct dojo_err *err)
{
	*pid = fork();
	if (*pid < 0)
		return dojo_err_set(err, -errno, "cannot start %s: %s", argv[0], strerror(errno));
	if (*pid == 0)
		child_exec(argv, envp, fds[0], fds[1], fds[2], mem_max);
	setpgid(*pid, *pid);  /* also done by the child: whoever runs first */
	return 0;
}

int compile_proc_pump(struct compile_proc *p, int *in, int out, int er, unsigned long long deadline,
		      struct dojo_err *err)
{
	size_t in_off = 0;
	bool out_eof = false, err_eof = false, dummy = false;

	fcntl(*in, F_SETFL, O_NONBLOCK);
	fcntl(out, F_SETFL, O_NONBLOCK);
	fcntl(er, F_SETFL, O_NONBLOCK);
	if (!p->in_len)
		close_fd(in);
	while (!out_eof || !err_eof) {
		struct pollfd fds[3];
		unsigned long long t = dojo_now_ms();
		int r;

		if (t >= deadline) {
			p->timed_out = true;
			break;
		}
		fds[0] = (struct pollfd){ .fd = out_eof ? -1 : out, .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = err_eof ? -1 : er, .events = POLLIN };
		fds[2] = (struct pollfd){ .fd = *in, .events = POLLOUT };
		r = poll(fds, 3, (int)(deadline - t));
		if (r < 0 && errno != EINTR)
			return dojo_err_set(err, -errno, "poll: %s", strerror(errno));
		if (r <= 0)
			continue;
		if (fds[2].revents) {
			ssize_t n = send(*in, (const char *)p->in + in_off, p->in_len - in_off,
					 MSG_NOSIGNAL | MSG_DONTWAIT);

			if (n > 0)
				in_off += (size_t)n;
			if ((n < 0 && errno != EAGAIN && errno != EINTR) || in_off == p->in_len)
				close_fd(in);
		}
		if (fds[0].revents && drain(out, &p->out, true, &p->out_overflow))
			out_eof = true;
		if (fds[1].revents && drain(er, &p->err, false, &dummy))
			err_eof = true;
		if (p->out_overflow)
			break;
	}
	return 0;
}

int compile_proc_run(char *const argv[], char *const envp[], struct compile_proc *p,
		     struct dojo_err *err)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, er[2] = { -1, -1 };
	unsigned long long start = dojo_now_ms(), deadline;
	bool killed = false;
	siginfo_t si;
	pid_t pid;
	int ret;

	buf_init(&p->out, p->out_max);
	buf_init(&p->err, p->err_max);
	p->wstatus = 0;
	p->timed_out = p->out_overflow = false;
	deadline = start + (p->timeout_ms ? p->timeout_ms : 1);

	/* stdin is a socket so that writing after the child died gives EPIPE, never SIGPIPE. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) || pipe2(out, O_CLOEXEC) ||
	    pipe2(er, O_CLOEXEC)) {
		ret = dojo_err_set(err, -errno, "cannot create pipes for %s: %s", argv[0], strerror(errno));
		goto out_close;
	}
	ret = compile_proc_spawn(argv, envp, (int[3]){ in[1], out[1], er[1] }, p->mem_max, &pid, err);
	if (ret)
		goto out_close;
	close_fd(&in[1]);
	close_fd(&out[1]);
	close_fd(&er[1]);
	ret = compile_proc_pump(p, &in[0], out[0], er[0], deadline, err);
	if (ret) {
		kill_group(pid);
		waitpid(pid, NULL, 0);
		goto out_close;
	}
	/* Both pipes closed (or a limit): wait for the exit without reaping, within the deadline. */
	while (!p->timed_out && !p->out_overflow) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid)
			break;
		if (dojo_now_ms() >= deadline) {
			p->timed_out = true;
			break;
		}
		poll(NULL, 0, 2);
	}
	if (p->timed_out || p->out_overflow)
		killed = true;
	kill_group(pid);
	while (waitpid(pid, &p->wstatus, 0) < 0 && errno == EINTR)
		;
	if (killed && !WIFSIGNALED(p->wstatus))
		p->wstatus = SIGKILL;  /* report it as killed even if it won the race */
	ret = 0;
out_close:
	p->elapsed_ms = (unsigned)(dojo_now_ms() - start);
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&out[0]);
	close_fd(&out[1]);
	close_fd(&er[0]);
	close_fd(&er[1]);
	return ret;
}

void compile_proc_free(struct compile_proc *p)
{
	buf_free(&p->out);
	buf_free(&p->err);
}
