/* host.c: the host backend: the agent runs on this kernel as PID 1 of fresh mount, pid, net,
 * uts and ipc namespaces, talking over a socketpair.  For a trusted single user and tests:
 * programs attach to the real kernel, so runs are serialized (a mutex in this process, a
 * flock across processes) because tracepoints are global.  Killing PID 1 of the pid
 * namespace kills every process of the run; closing the agent's fds frees every BPF object. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/bpf.h>
#include "core/limits.h"
#include "core/proto.h"
#include "backend.h"
#include "channel.h"

#define HOST_LOCK_DIR   "/run/bpfdojo"
#define HOST_LOCK_FILE  HOST_LOCK_DIR "/host.lock"
#define HOST_STACK      (64u * 1024)
#define HOST_CHILD_FD   3

static pthread_mutex_t host_mutex = PTHREAD_MUTEX_INITIALIZER;

/* What the clone child needs, prepared before clone(): it may not allocate. */
struct spawn {
	const char *agent;
	char *argv[6];
	char *envp[2];
	int sock;      /* the agent's end, >= 10 */
	int devnull;   /* >= 10 */
};

int sandbox_host_check_bpf(struct dojo_err *err)
{
	union bpf_attr attr;
	int fd;

	if (access("/sys/kernel/btf/vmlinux", R_OK) < 0)
		return dojo_err_set(err, -ENOTSUP, "this kernel exposes no BTF (/sys/kernel/btf/vmlinux): bpfdojo needs CONFIG_DEBUG_INFO_BTF=y, or use --sandbox vm");
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	fd = (int)syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	if (fd < 0) {
		int e = errno;

		return dojo_err_set(err, e == EPERM ? -EPERM : -ENOTSUP, "the bpf() syscall fails here (%s): a container or seccomp policy may block it; use --sandbox vm", strerror(e));
	}
	close(fd);
	return 0;
}

static int lock_host(uint64_t deadline, int *lock_fd, struct dojo_err *err)
{
	uint64_t now = dojo_now_ms();
	struct timespec ts;
	int rc, fd;

	dojo_abstime(CLOCK_REALTIME, deadline > now ? deadline - now : 0, &ts);
	rc = pthread_mutex_timedlock(&host_mutex, &ts);
	if (rc)
		return dojo_err_set(err, -ETIMEDOUT, "another host-mode run in this process held the sandbox until this run's deadline");
	if (mkdir(HOST_LOCK_DIR, 0700) < 0 && errno != EEXIST) {
		rc = dojo_err_set(err, -errno, "cannot create %s: %s", HOST_LOCK_DIR, strerror(errno));
		goto fail;
	}
	fd = open(HOST_LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = dojo_err_set(err, -errno, "cannot open %s: %s", HOST_LOCK_FILE, strerror(errno));
		goto fail;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec nap = { 0, 5 * 1000000L };

		if (errno != EWOULDBLOCK && errno != EINTR) {
			rc = dojo_err_set(err, -errno, "flock %s: %s", HOST_LOCK_FILE, strerror(errno));
			close(fd);
			goto fail;
		}
		if (dojo_now_ms() >= deadline) {
			close(fd);
			rc = dojo_err_set(err, -ETIMEDOUT, "another bpfdojo process held the host sandbox (%s) until this run's deadline", HOST_LOCK_FILE);
			goto fail;
		}
		nanosleep(&nap, NULL);
	}
	*lock_fd = fd;
	return 0;
fail:
	pthread_mutex_unlock(&host_mutex);
	return rc;
}

static void unlock_host(int lock_fd)
{
	if (lock_fd >= 0)
		close(lock_fd);   /* drops the flock */
	pthread_mutex_unlock(&host_mutex);
}

/* Tell the host why exec failed, as an ERROR frame built by hand (no allocation here). */
static void child_report(int fd, int code)
{
	static const char msg[] = "the agent could not be executed (execve failed)";
	uint8_t f[5 + 4 + 4 + sizeof(msg)];
	uint32_t plen = 4 + 4 + (uint32_t)(sizeof(msg) - 1);
	uint32_t e = (uint32_t)code, sl = (uint32_t)(sizeof(msg) - 1);

	for (int i = 0; i < 4; i++) {
		f[i] = (uint8_t)(plen >> (8 * i));
		f[5 + i] = (uint8_t)(e >> (8 * i));
		f[9 + i] = (uint8_t)(sl >> (8 * i));
	}
	f[4] = FRAME_ERROR;
	memcpy(f + 13, msg, sizeof(msg) - 1);
	if (write(fd, f, 13 + sizeof(msg) - 1) < 0)
		_exit(126);
}

/* PID 1 of the new namespaces: set up stdio and fd 3, then become the agent. */
static int child_main(void *arg)
{
	struct spawn *s = arg;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (dup2(s->devnull, 0) < 0 || dup2(s->devnull, 1) < 0 || dup2(s->devnull, 2) < 0 ||
	    dup2(s->sock, HOST_CHILD_FD) < 0)
		_exit(126);
	if (syscall(SYS_close_range, HOST_CHILD_FD + 1, ~0u, 0) < 0) {
		for (int fd = HOST_CHILD_FD + 1; fd < 1024; fd++)
			close(fd);
	}
	execve(s->agent, s->argv, s->envp);
	child_report(HOST_CHILD_FD, -errno);
	_exit(127);
}

static pid_t spawn_agent(struct spawn *s, struct dojo_err *err)
{
	const int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC;
	void *stack = mmap(NULL, HOST_STACK, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	pid_t pid;

	if (stack == MAP_FAILED)
		return dojo_err_set(err, -errno, "mmap: %s", strerror(errno));
	/* no CLONE_VM: the child works on a copy of this memory, so the stack can go at once */
	pid = clone(child_main, (char *)stack + HOST_STACK, flags | SIGCHLD, s);
	if (pid < 0)
		pid = dojo_err_set(err, -errno, "cannot create the run's namespaces: clone: %s", strerror(errno));
	munmap(stack, HOST_STACK);
	return pid;
}

/* What a host-mode run holds until sandbox_free(). */
struct host_run {
	int lock_fd;
	int sock;       /* the host's end of the socketpair */
	pid_t pid;      /* PID 1 of the run's namespaces */
};

static void host_destroy(struct sandbox *sb)
{
	struct host_run *h = sb->priv;

	if (!h)
		return;
	if (h->pid > 0) {
		/* PID 1 of the run's pid namespace: the kernel kills every other process with it */
		kill(h->pid, SIGKILL);
		while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (h->sock >= 0)
		close(h->sock);
	unlock_host(h->lock_fd);
	free(h);
	sb->priv = NULL;
}

static const struct sandbox_backend host_backend = { .destroy = host_destroy };

int sandbox_host_start(struct sandbox *sb, const struct sandbox_opts *opts, const char *agent,
		       struct dojo_err *err)
{
	struct spawn s = {
		.agent = agent,
		.argv = { (char *)"bpfdojo-agent", (char *)"--mode", (char *)"host",
			  (char *)"--channel-fd", (char *)"3", NULL },
		.envp = { (char *)"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", NULL },
		.sock = -1, .devnull = -1,
	};
	struct host_run *h;
	int sv[2] = { -1, -1 }, lock_fd = -1, rc;

	(void)opts;
	sb->be = &host_backend;
	if (geteuid() != 0)
		return dojo_err_set(err, -EPERM, "host mode needs root: run as root, or use --sandbox vm");
	if (access(agent, X_OK) < 0)
		return dojo_err_set(err, -ENOENT, "the agent %s cannot be run (%s): build it with `make agent`", agent, strerror(errno));
	rc = sandbox_host_check_bpf(err);
	if (rc)
		return rc;
	rc = lock_host(sb->deadline, &lock_fd, err);
	if (rc)
		return rc;
	h = calloc(1, sizeof(*h));
	if (!h) {
		unlock_host(lock_fd);
		return dojo_err_set(err, -ENOMEM, "out of memory starting the host sandbox");
	}
	*h = (struct host_run){ .lock_fd = lock_fd, .sock = -1, .pid = -1 };
	sb->priv = h;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return dojo_err_set(err, -errno, "socketpair: %s", strerror(errno));
	h->sock = sv[0];
	/* keep the fds the child moves out of the way of 0-3 */
	s.sock = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
	s.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (s.devnull >= 0 && s.devnull < 10) {
		int hi = fcntl(s.devnull, F_DUPFD_CLOEXEC, 10);

		close(s.devnull);
		s.devnull = hi;
	}
	if (s.sock < 0 || s.devnull < 0) {
		rc = dojo_err_set(err, -errno, "preparing the agent's fds: %s", strerror(errno));
		goto out;
	}
	h->pid = spawn_agent(&s, err);
	if (h->pid < 0) {
		rc = h->pid;
		goto out;
	}
	/* only the agent may hold its end: its exit must be our end of stream */
	close(s.sock);
	close(sv[1]);
	s.sock = sv[1] = -1;
	rc = sandbox_chan_init(&sb->chan, h->sock, sb->deadline);
	sb->chan_ok = 1;
	if (rc) {
		rc = dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
		goto out;
	}
	/* the agent exits by itself after its last frame: wait for that, to catch a stray frame */
	sb->drain_eof = 1;
	rc = sandbox_chan_wait_ready(&sb->chan, err);
out:
	if (s.sock >= 0)
		close(s.sock);
	if (s.devnull >= 0)
		close(s.devnull);
	if (sv[1] >= 0)
		close(sv[1]);
	return rc;
}
