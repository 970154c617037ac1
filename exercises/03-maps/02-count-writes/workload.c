/* workload.c (count-writes): "counter" writes one byte to /dev/null the secret number of
 * times; "noisy" writes another number of times; both are forked, named, and exit. */
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(count_writes);

int exercise_count_writes_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
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
	if ((ret = workload_fork(ctx, "noisy", workload_write_null, &noise)))
		return ret;
	return workload_fork(ctx, "counter", workload_write_null, &n);
}
