/* workload.c (percpu-reads): "reader" reads one byte from /dev/zero the secret number of
 * times, the first half pinned to the first CPU it may use and the rest to the last one (one
 * CPU: all on it); "noisy" reads too. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(percpu_reads);

int exercise_percpu_reads_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* Pin the calling process to the @last (else first) CPU it may run on; a failure leaves it
 * where it is (the count does not depend on where it runs). */
static void pin(int last)
{
	cpu_set_t allowed, one;
	int pick = -1;

	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		return;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &allowed) && (pick < 0 || last))
			pick = c;
	if (pick < 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(pick, &one);
	(void)sched_setaffinity(0, sizeof(one), &one);
}

static int read_n(const struct workload_ctx *ctx, void *arg)
{
	unsigned n = *(const unsigned *)arg;
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	char c;

	(void)ctx;
	if (fd < 0)
		return -errno;
	for (unsigned i = 0; i < n; i++) {
		if (i == 0 || i == n / 2)
			pin(i != 0);
		if (read(fd, &c, 1) != 1)
			return -EIO;
	}
	close(fd);
	return 0;
}

int exercise_percpu_reads_run(const struct workload_ctx *ctx)
{
	struct answer a;
	unsigned n, noise;
	int ret;

	exercise_percpu_reads.answer(ctx->key, &a);
	n = (unsigned)a.num;
	noise = 5 + n % 17;
	if ((ret = workload_fork(ctx, "noisy", read_n, &noise)))
		return ret;
	return workload_fork(ctx, "reader", read_n, &n);
}
