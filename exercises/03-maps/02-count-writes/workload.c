/* workload.c (count-writes): "counter" writes one byte to /dev/null the secret number of
 * times; "noisy" writes another number of times; both are forked, named, and exit. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(count_writes);

int exercise_count_writes_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int write_n(const struct workload_ctx *ctx, void *arg)
{
	unsigned n = *(const unsigned *)arg;
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	(void)ctx;
	if (fd < 0)
		return -errno;
	for (unsigned i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1)
			return -EIO;
	close(fd);
	return 0;
}

int exercise_count_writes_run(const struct workload_ctx *ctx)
{
	struct answer a;
	unsigned n, noise;
	int ret;

	exercise_count_writes.answer(ctx->key, &a);
	n = (unsigned)a.num;
	noise = 7 + n % 13;
	if ((ret = workload_fork(ctx, "noisy", write_n, &noise)))
		return ret;
	return workload_fork(ctx, "counter", write_n, &n);
}
