/* workload.c (stop-count): run() forks a process named "napper" that sleeps in pause(), and
 * stops it (SIGSTOP) and lets it go on (SIGCONT) the secret number of times, then kills it.
 * Each stop, and each return to pause(), is waited for until napper has really left the CPU
 * (its voluntary context switch count, in /proc, has grown), so a SIGCONT never lands before
 * the switch-out the program counts. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(stop_count);

#define LIFE_S     30     /* napper never outlives this, nor the agent */
#define SETTLE_MS  5000   /* how long a stop may take to show as a switch-out */

static void __attribute__((noreturn)) napper(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, "napper");
	alarm(LIFE_S);
	for (;;)
		pause();
}

/* napper's voluntary context switches so far, or a negative errno */
static long nvcsw(pid_t pid)
{
	char path[64], line[128];
	long n = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "re")))
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Wait until napper has switched out more than @before times. */
static int wait_switched(pid_t pid, long before)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < SETTLE_MS; i++) {
		long n = nvcsw(pid);

		if (n < 0)
			return (int)n;
		if (n > before)
			return 0;
		nanosleep(&ms, NULL);
	}
	return -ETIMEDOUT;
}

/* Stop napper, asleep in pause() after @*switches switch-outs, and let it go on: it leaves the
 * CPU once stopped, once more back in pause() (*switches grows by two). */
static int stop_once(pid_t pid, long *switches)
{
	siginfo_t si;
	int ret;

	if (kill(pid, SIGSTOP) < 0 || waitid(P_PID, pid, &si, WSTOPPED) < 0)
		return -errno;
	if ((ret = wait_switched(pid, *switches)))
		return ret;
	if (kill(pid, SIGCONT) < 0 || waitid(P_PID, pid, &si, WCONTINUED) < 0)
		return -errno;
	if ((ret = wait_switched(pid, *switches + 1)))
		return ret;
	*switches += 2;
	return 0;
}

int exercise_stop_count_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_stop_count_run(const struct workload_ctx *ctx)
{
	struct answer a;
	int ret = 0, status;
	long switches = 0;
	pid_t pid;

	exercise_stop_count.answer(ctx->key, &a);
	if ((pid = fork()) < 0)
		return -errno;
	if (pid == 0)
		napper();
	/* asleep in pause() first: napper has switched out once since its start */
	ret = wait_switched(pid, 0);
	if (!ret && (switches = nvcsw(pid)) < 0)
		ret = (int)switches;
	for (unsigned i = 0; !ret && i < a.num; i++)
		ret = stop_once(pid, &switches);
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) < 0 && !ret)
		ret = -errno;
	return ret;
}
