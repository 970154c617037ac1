/* workload.c (clock-offset): run() forks a process that makes a new time namespace for its
 * children (unshare(CLONE_NEWTIME)), sets that namespace's monotonic and boottime offsets
 * (/proc/self/timens_offsets, writable until a process enters the namespace), and forks a
 * process named "traveler" into it, which exits at once.  The offsets are kernel state: the
 * program reads them from traveler's task_struct (nsproxy->time_ns->offsets). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(clock_offset);

uint64_t exercise_clock_offset_boottime(uint64_t key);

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* 0 when @pid exited with 0, -ECHILD when otherwise, or a negative errno */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ECHILD;
}

/* In the forked process: the namespace, its offsets, then traveler in it.  An exit status. */
static int __attribute__((noreturn)) timekeeper(uint64_t monotonic, uint64_t boottime)
{
	char offsets[96];
	int fd, len, ok;
	pid_t pid;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, "timekeeper");
	if (unshare(CLONE_NEWTIME) < 0)
		_exit(2);
	len = snprintf(offsets, sizeof(offsets), "monotonic %llu 0\nboottime %llu 0\n",
		       (unsigned long long)monotonic, (unsigned long long)boottime);
	fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
	ok = fd >= 0 && write(fd, offsets, (size_t)len) == len;
	if (fd >= 0)
		close(fd);
	if (!ok)
		_exit(3);
	if ((pid = fork()) < 0)
		_exit(4);
	if (pid == 0) {
		prctl(PR_SET_NAME, "traveler");
		_exit(0);
	}
	_exit(reap(pid) == 0 ? 0 : 5);
}

int exercise_clock_offset_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_clock_offset_run(const struct workload_ctx *ctx)
{
	struct answer a;
	pid_t pid;

	exercise_clock_offset.answer(ctx->key, &a);
	if ((pid = fork()) < 0)
		return -errno;
	if (pid == 0)
		timekeeper(a.num, exercise_clock_offset_boottime(ctx->key));
	return reap(pid);
}
