/* workload.c (pool-threads): setup() starts "pool" with the secret number of threads, and
 * "pooler" with another number, before the program is loaded, so no tracepoint can see them
 * being made; both wait (at most POOL_LIFE_S, and never past the agent) and run() ends them.
 * Their pids are in run_dir/pool.pids, since run() runs in another process. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(pool_threads);

#define POOL_LIFE_S   30
#define POOL_STACK    (64u * 1024)

static void *idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The pool process: @threads threads in all, then one byte on @ready, then wait. */
static void __attribute__((noreturn)) pool_main(const char *name, unsigned threads, int ready)
{
	pthread_attr_t attr;
	pthread_t t;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, name);   /* before the threads: each inherits its comm */
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, POOL_STACK))
		_exit(1);
	for (unsigned i = 1; i < threads; i++)
		if (pthread_create(&t, &attr, idle, NULL))
			_exit(1);
	if (write(ready, "r", 1) != 1)
		_exit(1);
	close(ready);
	alarm(POOL_LIFE_S);
	for (;;)
		pause();
}

static int start_pool(const char *name, unsigned threads, pid_t *pid)
{
	int p[2], e;
	char c;

	if (pipe(p) < 0)
		return -errno;
	if ((*pid = fork()) < 0) {
		e = -errno;
		close(p[0]);
		close(p[1]);
		return e;
	}
	if (*pid == 0) {
		close(p[0]);
		pool_main(name, threads, p[1]);
	}
	close(p[1]);
	e = read(p[0], &c, 1) == 1 ? 0 : -ECHILD;
	close(p[0]);
	return e;
}

int exercise_pool_threads_setup(const struct workload_ctx *ctx)
{
	struct answer a;
	pid_t pool, pooler;
	char path[256];
	FILE *f;
	int ret;

	exercise_pool_threads.answer(ctx->key, &a);
	if ((ret = start_pool("pooler", 3 + (unsigned)(a.num * 7 % 41), &pooler)))
		return ret;
	if ((ret = start_pool("pool", (unsigned)a.num, &pool))) {
		kill(pooler, SIGKILL);
		return ret;
	}
	snprintf(path, sizeof(path), "%s/pool.pids", ctx->run_dir);
	if (!(f = fopen(path, "we"))) {
		ret = -errno;
		kill(pool, SIGKILL);
		kill(pooler, SIGKILL);
		return ret;
	}
	fprintf(f, "%d %d\n", (int)pool, (int)pooler);
	return fclose(f) == 0 ? 0 : -EIO;
}

int exercise_pool_threads_run(const struct workload_ctx *ctx)
{
	char path[256];
	int pid[2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/pool.pids", ctx->run_dir);
	if (!(f = fopen(path, "re")))
		return -errno;
	if (fscanf(f, "%d %d", &pid[0], &pid[1]) != 2) {
		fclose(f);
		return -EINVAL;
	}
	fclose(f);
	for (int i = 0; i < 2; i++)
		if (pid[i] > 1 && kill(pid[i], SIGKILL) < 0 && errno != ESRCH)
			return -errno;
	return 0;
}
