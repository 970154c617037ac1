/* workload.c (target-uid): setup() starts WORKERS processes all named "worker", each as its
 * own user (and a group id that is no user's) and waiting for SIGUSR1, and writes one's uid,
 * drawn from the key, as target_uid for the program's .rodata (exercise.h): a uid, not a pid,
 * since in host mode the workload's pids are those of its own pid namespace while the
 * kernel's helpers return the host's.  Their pids go to run_dir/workers.pids for run().  run() signals
 * each in turn, and waits for it to exit through a pidfd (the workers are the agent's
 * children, not run()'s): a worker's main thread and a second thread read() from /dev/zero,
 * the target the secret number of times in all. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(target_uid);

#define WORKERS     5
#define LIFE_S      30    /* a worker never outlives this, nor the agent */
#define STACK_BYTES (64u * 1024)
#define GID_OFFSET  100000u   /* a worker's group id: its uid plus this */

static int read_zero(unsigned n)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	char c;

	if (fd < 0)
		return -errno;
	for (unsigned i = 0; i < n; i++)
		if (read(fd, &c, 1) != 1)
			return -EIO;
	close(fd);
	return 0;
}

static void *second(void *arg)
{
	return (void *)(long)read_zero(*(unsigned *)arg);
}

/* A worker: wait for SIGUSR1 (blocked since before the fork, so none is lost), read @reads
 * times over two threads, and exit. */
static void __attribute__((noreturn)) worker(unsigned reads, uid_t uid, int ready)
{
	unsigned other = reads / 3, mine = reads - other;
	pthread_attr_t attr;
	pthread_t t;
	sigset_t usr1;
	void *ret;
	int sig;

	if (setgid(uid + GID_OFFSET) || setuid(uid))
		_exit(1);
	prctl(PR_SET_PDEATHSIG, SIGKILL);   /* after setuid(), which clears it */
	prctl(PR_SET_NAME, "worker");
	alarm(LIFE_S);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (write(ready, "r", 1) != 1)
		_exit(1);
	close(ready);
	if (sigwait(&usr1, &sig))
		_exit(1);
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, STACK_BYTES) ||
	    pthread_create(&t, &attr, second, &other))
		_exit(1);
	if (read_zero(mine) || pthread_join(t, &ret) || ret)
		_exit(1);
	_exit(0);
}

int exercise_target_uid_setup(const struct workload_ctx *ctx)
{
	char path[256];
	pid_t pid[WORKERS];
	struct answer a;
	sigset_t usr1, old;
	unsigned target, base;
	FILE *f;
	int ret = 0, started = 0;

	exercise_target_uid.answer(ctx->key, &a);
	target = (unsigned)(exercise_mix(ctx->key, 0x776f726b) % WORKERS);
	base = 1000 + (unsigned)(exercise_mix(ctx->key, 0x756964) % 50000);   /* uids base.. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	for (int i = 0; i < WORKERS && !ret; i++) {
		unsigned reads = i == (int)target ? (unsigned)a.num :
				 30 + (unsigned)(exercise_mix(ctx->key, 0x6f74686572ull + i) % 400);
		int p[2];
		char c;

		if (pipe(p) < 0) {
			ret = -errno;
			break;
		}
		if ((pid[i] = fork()) < 0) {
			ret = -errno;
		} else if (pid[i] == 0) {
			close(p[0]);
			worker(reads, base + (unsigned)i, p[1]);
		} else {
			started++;
			if (read(p[0], &c, 1) != 1)
				ret = -ECHILD;
		}
		close(p[0]);
		close(p[1]);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	snprintf(path, sizeof(path), "%s/workers.pids", ctx->run_dir);
	if (!ret && (f = fopen(path, "we"))) {
		for (int i = 0; i < WORKERS; i++)
			fprintf(f, "%d\n", (int)pid[i]);
		ret = fclose(f) ? -EIO : 0;
	} else if (!ret) {
		ret = -errno;
	}
	snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, EXERCISE_RODATA_FILE);
	if (!ret && (f = fopen(path, "we"))) {
		fprintf(f, "target_uid %u\n", base + target);
		ret = fclose(f) ? -EIO : 0;
	} else if (!ret) {
		ret = -errno;
	}
	if (ret)
		for (int i = 0; i < started; i++)
			kill(pid[i], SIGKILL);
	return ret;
}

int exercise_target_uid_run(const struct workload_ctx *ctx)
{
	char path[256];
	int pid[WORKERS];
	FILE *f;

	snprintf(path, sizeof(path), "%s/workers.pids", ctx->run_dir);
	if (!(f = fopen(path, "re")))
		return -errno;
	for (int i = 0; i < WORKERS; i++)
		if (fscanf(f, "%d", &pid[i]) != 1 || pid[i] <= 1) {
			fclose(f);
			return -EINVAL;
		}
	fclose(f);
	for (int i = 0; i < WORKERS; i++) {
		struct pollfd pfd = { .events = POLLIN };
		int ret = 0;

		/* readable once the worker has exited, its exit tracepoint run */
		if ((pfd.fd = (int)syscall(SYS_pidfd_open, pid[i], 0)) < 0)
			return -errno;
		if (kill(pid[i], SIGUSR1) < 0)
			ret = -errno;
		while (!ret && poll(&pfd, 1, -1) < 0)
			if (errno != EINTR)
				ret = -errno;
		close(pfd.fd);
		if (ret)
			return ret;
	}
	return 0;
}
